/* playlist: see playlist.h. */
#include "playlist.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

#define PLAYLIST_MAX_BYTES (256 * 1024)

void playlist_free(playlist *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->entries[i].name);
    }
    free(p->entries);
    p->entries = NULL;
    p->count = 0;
}

/* True when name stays inside the folder: not absolute, no ".." part, not empty. */
static bool name_is_inside(const char *name)
{
    if (name[0] == '/' || name[0] == '\0') {
        return false;
    }
    for (const char *p = name; *p;) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            return false;
        }
        p += n + (slash ? 1 : 0);
    }
    return true;
}

/* Parses one setting token "key=value" into e. Returns NULL or a reason. */
static const char *apply_setting(const char *tok, playlist_entry *e)
{
    const char *eq = strchr(tok, '=');
    size_t klen = (size_t)(eq - tok);
    const char *v = eq + 1;
    if (klen == 8 && strncmp(tok, "duration", 8) == 0) {
        char *end = NULL;
        errno = 0;
        double s = strtod(v, &end);
        if (!isdigit((unsigned char)*v) || errno || *end || !isfinite(s) || s < 1 || s > 3600) {
            return "duration must be a number of seconds from 1 to 3600";
        }
        e->duration_ms = (uint32_t)lround(s * 1000.0);
        return NULL;
    }
    if (klen == 3 && strncmp(tok, "fit", 3) == 0) {
        config_fit f;
        if (config_parse_fit(v, &f) != 0) {
            return "fit must be contain, cover or kenburns";
        }
        e->fit = (int)f;
        return NULL;
    }
    return "unknown setting (known: duration=SECONDS, fit=contain|cover|kenburns)";
}

/* Parses one line (modified in place) into e; returns 1 for an entry, 0 for nothing, -1 for memory. */
static int parse_line(char *line, int lineno, const char *path, playlist_entry *e, diag_list *diags)
{
    /* A comment starts at a '#' that starts the line or follows white space; a '#' inside a name
     * ("photo#2.jpg") does not, nor does it hide a comment later on the line. */
    for (char *hash = strchr(line, '#'); hash; hash = strchr(hash + 1, '#')) {
        if (hash == line || isspace((unsigned char)hash[-1])) {
            *hash = '\0';
            break;
        }
    }
    for (char *p = line; *p; p++) {
        if (*p == '\\' || *p == '\t') {
            *p = *p == '\\' ? '/' : ' ';
        }
    }
    size_t len = strlen(line);
    while (len > 0 && isspace((unsigned char)line[len - 1])) {
        line[--len] = '\0';
    }
    char *name = line;
    while (isspace((unsigned char)*name)) {
        name++;
    }
    if (!*name) {
        return 0;
    }
    memset(e, 0, sizeof *e);
    e->line = lineno;
    e->fit = -1;
    /* settings are the trailing words with '=' */
    for (;;) {
        char *sp = strrchr(name, ' ');
        char *tok = sp ? sp + 1 : NULL;
        if (!tok || !strchr(tok, '=')) {
            break;
        }
        const char *why = apply_setting(tok, e);
        if (why) {
            diag_add(diags, DIAG_WARNING, path, lineno, "'%s': %s; ignored", tok, why);
        }
        while (sp > name && *sp == ' ') {
            *sp-- = '\0';
        }
    }
    if (!utf8_validate(name, strlen(name), NULL)) {
        diag_add(diags, DIAG_ERROR, path, lineno, "the line is not valid UTF-8 text; ignored");
        return 0;
    }
    while (name[0] == '.' && name[1] == '/') {
        name += 2;
    }
    if (!name_is_inside(name)) {
        diag_add(diags, DIAG_ERROR, path, lineno, "'%s' points outside the content folder; ignored", name);
        return 0;
    }
    e->name = strdup(name);
    return e->name ? 1 : -1;
}

int playlist_parse(const char *text, const char *path, playlist *out, diag_list *diags)
{
    int rc = -1;
    char *copy = NULL;
    size_t cap = 0;
    memset(out, 0, sizeof *out);
    if (!text) {
        return 0;
    }
    copy = strdup(text);
    if (!copy) {
        goto cleanup;
    }
    char *p = copy;
    if ((unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
        p += 3;
    }
    for (int lineno = 1; p && *p; lineno++) {
        char *nl = strchr(p, '\n');
        if (nl) {
            *nl = '\0';
        }
        size_t n = strlen(p);
        if (n && p[n - 1] == '\r') {
            p[n - 1] = '\0';
        }
        if (out->count == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            playlist_entry *ne = realloc(out->entries, ncap * sizeof *ne);
            if (!ne) {
                goto cleanup;
            }
            out->entries = ne;
            cap = ncap;
        }
        int got = parse_line(p, lineno, path, &out->entries[out->count], diags);
        if (got < 0) {
            goto cleanup;
        }
        out->count += (size_t)got;
        p = nl ? nl + 1 : NULL;
    }
    rc = 0;
cleanup:
    if (rc != 0) {
        playlist_free(out);
    }
    free(copy);
    return rc;
}

int playlist_load(const char *dir, playlist *out, bool *found, diag_list *diags)
{
    return playlist_load_file(dir, "playlist.txt", out, found, diags);
}

int playlist_load_file(const char *dir, const char *name, playlist *out, bool *found, diag_list *diags)
{
    char path[4096];
    char *data = NULL;
    size_t len = 0;
    memset(out, 0, sizeof *out);
    *found = false;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int err = content_read_file(path, PLAYLIST_MAX_BYTES, &data, &len);
    if (err == ENOENT) {
        return 0;
    }
    *found = true;
    if (err) {
        diag_add(diags, DIAG_ERROR, name, 0, "cannot be read (%s); the files are shown in name order",
                 strerror(err));
        *found = false;
        return 0;
    }
    int rc = playlist_parse(data, name, out, diags);
    free(data);
    return rc;
}

static long find_item(const content *c, const char *name, const bool *taken)
{
    for (size_t i = 0; i < c->count; i++) {
        if (!taken[i] && strcmp(c->items[i].rel_path, name) == 0) {
            return (long)i;
        }
    }
    for (size_t i = 0; i < c->count; i++) { /* staff may not match letter case */
        if (!taken[i] && strcasecmp(c->items[i].rel_path, name) == 0) {
            return (long)i;
        }
    }
    return -1;
}

/* A banner slide where the playlist says "@banner". Returns 0 or -1 (memory). */
static int banner_item(const playlist_entry *e, content_item *out)
{
    memset(out, 0, sizeof *out);
    out->kind = CONTENT_BANNER;
    out->rel_path = strdup(CONTENT_BANNER_NAME);
    out->duration_ms = e->duration_ms;
    out->fit = -1;
    return out->rel_path ? 0 : -1;
}

int playlist_apply(const playlist *p, content *c, bool append_unlisted)
{
    int rc = -1;
    size_t banners = 0;
    for (size_t k = 0; k < p->count; k++) {
        banners += strcmp(p->entries[k].name, CONTENT_BANNER_NAME) == 0;
    }
    bool *taken = calloc(c->count ? c->count : 1, sizeof *taken);
    content_item *order = calloc(c->count + banners + 1, sizeof *order);
    content_item *items = realloc(c->items, (c->count + banners + 1) * sizeof *items);
    size_t n = 0;
    if (items) {
        c->items = items;
    }
    if (!taken || !order || !items) {
        goto cleanup;
    }
    for (size_t k = 0; k < p->count; k++) {
        const playlist_entry *e = &p->entries[k];
        if (strcmp(e->name, CONTENT_BANNER_NAME) == 0) {
            if (banner_item(e, &order[n]) != 0) {
                goto cleanup;
            }
            n++;
            continue;
        }
        long i = find_item(c, e->name, taken);
        if (i < 0) {
            diag_add(&c->diags, DIAG_WARNING, "playlist.txt", e->line,
                     "'%s' is not in the folder (or is listed twice, or cannot be shown); skipped", e->name);
            continue;
        }
        taken[i] = true;
        order[n] = c->items[i];
        if (e->duration_ms) {
            order[n].duration_ms = e->duration_ms;
        }
        if (e->fit >= 0) {
            order[n].fit = e->fit;
        }
        n++;
    }
    for (size_t i = 0; i < c->count; i++) {
        if (taken[i]) {
            continue;
        }
        if (append_unlisted) {
            order[n++] = c->items[i];
        } else {
            content_item_free(&c->items[i]); /* left out */
        }
    }
    memcpy(c->items, order, n * sizeof *order);
    c->count = n;
    rc = 0;
cleanup:
    if (rc != 0) {
        for (size_t k = 0; k < n; k++) {
            if (order[k].kind == CONTENT_BANNER) {
                content_item_free(&order[k]); /* the banners made here; the others are still c's */
            }
        }
    }
    free(taken);
    free(order);
    return rc;
}
