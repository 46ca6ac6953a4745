/* content: walks the content folder into an ordered list of slides (see content.h).
 *
 * Ownership: content_scan owns the content it builds until it returns it; the content owns its
 * root copy, items (and every string/article in them) and diags. During the walk a scan context
 * owns the real path of the root and the list of visited folders; each scan_dir call owns its list
 * of folder entries (their paths and caption texts), freed before it returns. Reading single files
 * (articles, captions) lives in content_file.c.
 *
 * Order: each folder's entries are sorted with natsort_compare and visited in that order, recursing
 * into sub-folders in place, so items and diags come out in path order (folder contents sit among
 * their siblings by the folder name). The items are sorted again with natsort_compare_path. */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "natsort.h"

#define MAX_DEPTH 8 /* folders nested deeper than this are ignored */
#define NO_CAPTION SIZE_MAX

typedef enum {
    ENT_DIR,
    ENT_TEXT,    /* .txt: an article, or the caption of an image */
    ENT_IMAGE,   /* listed, not decoded */
    ENT_SILENT,  /* kiosk.conf, playlist.txt, README*, *.md, *.example, Thumbs.db, desktop.ini */
    ENT_PROBLEM, /* not shown: problem (+ err) says why */
} entry_kind;

typedef struct {
    char *rel;        /* owned: path relative to the root */
    char *abs;        /* owned: root joined with rel */
    const char *name; /* the last component of rel (points into rel) */
    entry_kind kind;
    diag_severity severity; /* ENT_PROBLEM */
    const char *problem;    /* ENT_PROBLEM: static message */
    int err;                /* ENT_PROBLEM: errno whose text follows the message, or 0 */
    dev_t dev;
    ino_t ino;
    off_t size;
    size_t caption;     /* ENT_IMAGE: index of its caption entry, or NO_CAPTION */
    int is_caption;     /* ENT_TEXT: an image's caption, not an article */
    int caption_done;   /* ENT_TEXT caption: already read (caption_text may still be NULL) */
    char *caption_text; /* owned: the cleaned caption, NULL when empty or unusable */
} entry;

typedef struct {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct {
    content *c;      /* the result being built (not owned) */
    char *root_real; /* owned: realpath of the root */
    dir_id *visited; /* owned: every folder walked so far (symlink loops, duplicate links) */
    size_t nvisited, cap_visited;
    size_t cap_items; /* capacity of c->items */
    int root_listed;  /* the root folder could be opened */
    size_t limit;     /* stop once this many items are found (0: walk everything) */
} scan;

static int has_ext(const char *name, const char *ext)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && dot != name && strcasecmp(dot + 1, ext) == 0;
}

/* Files that belong in the folder but are not slides: no slide, no warning. */
static int is_silent_name(const char *name)
{
    static const char *const names[] = {"kiosk.conf", "playlist.txt", "thumbs.db", "desktop.ini"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcasecmp(name, names[i]) == 0) {
            return 1;
        }
    }
    return strncasecmp(name, "readme", 6) == 0 || has_ext(name, "md") || has_ext(name, "example") ||
           (strncasecmp(name, "playlist", 8) == 0 && has_ext(name, "txt")); /* playlist-remembrance.txt */
}

/* Length of the name without its extension. */
static size_t stem_len(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
}

/* Returns a new string "a/b" ("b" when a is empty), or NULL when out of memory. */
static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int sep = la > 0 && lb > 0 && a[la - 1] != '/';
    char *s = malloc(la + (size_t)sep + lb + 1);
    if (s != NULL) {
        memcpy(s, a, la);
        if (sep) {
            s[la] = '/';
        }
        memcpy(s + la + sep, b, lb + 1);
    }
    return s;
}

static int inside_root(const char *root_real, const char *real)
{
    size_t n = strlen(root_real);
    if (n == 1 && root_real[0] == '/') {
        return 1;
    }
    return strncmp(real, root_real, n) == 0 && (real[n] == '\0' || real[n] == '/');
}

/* Appends an item; takes ownership of art and caption (freed on failure). Returns 0 or -1 (no memory). */
static int add_item(scan *s, content_kind kind, const char *rel, article *art, char *caption)
{
    int rc = -1;
    content *c = s->c;
    char *rel_copy = strdup(rel);   /* owned until stored */
    char *abs = join(c->root, rel); /* owned until stored */

    if (rel_copy == NULL || abs == NULL) {
        goto cleanup;
    }
    if (c->count == s->cap_items) {
        size_t cap = s->cap_items != 0 ? s->cap_items * 2 : 16;
        content_item *items = realloc(c->items, cap * sizeof *items);
        if (items == NULL) {
            goto cleanup;
        }
        c->items = items;
        s->cap_items = cap;
    }
    c->items[c->count++] = (content_item){
        .kind = kind, .rel_path = rel_copy, .abs_path = abs, .article = art, .caption = caption, .fit = -1};
    rel_copy = abs = NULL;
    art = NULL;
    caption = NULL;
    rc = 0;
cleanup:
    free(rel_copy);
    free(abs);
    article_free(art);
    free(caption);
    return rc;
}

static int problem(entry *e, diag_severity sev, const char *message, int err)
{
    e->kind = ENT_PROBLEM;
    e->severity = sev;
    e->problem = message;
    e->err = err;
    return 0;
}

/* Finds what the entry is, following links that stay inside the root. Returns 0 or -1 (no memory). */
static int classify(scan *s, entry *e)
{
    struct stat st;
    if (lstat(e->abs, &st) != 0) {
        return problem(e, DIAG_ERROR, "cannot be read", errno);
    }
    if (S_ISLNK(st.st_mode)) {
        char *real = realpath(e->abs, NULL);
        if (real == NULL) {
            int err = errno;
            if (err == ENOMEM) {
                return -1;
            }
            if (err == ENOENT || err == ENOTDIR) {
                return problem(e, DIAG_WARNING, "a link to something that does not exist; ignored", 0);
            }
            return problem(e, DIAG_WARNING, "a link that cannot be followed", err);
        }
        int inside = inside_root(s->root_real, real);
        free(real);
        if (!inside) {
            return problem(e, DIAG_WARNING, "links outside the content folder; ignored", 0);
        }
        if (stat(e->abs, &st) != 0) {
            return problem(e, DIAG_WARNING, "a link that cannot be followed", errno);
        }
    }
    e->dev = st.st_dev;
    e->ino = st.st_ino;
    e->size = st.st_size;
    if (S_ISDIR(st.st_mode)) {
        e->kind = ENT_DIR;
    } else if (!S_ISREG(st.st_mode)) {
        return problem(e, DIAG_WARNING, "not a regular file or folder; ignored", 0);
    } else if (content_is_image_name(e->name)) {
        e->kind = ENT_IMAGE; /* before the silent names: "readme.jpg" is a picture */
    } else if (is_silent_name(e->name)) {
        e->kind = ENT_SILENT;
    } else if (has_ext(e->name, "txt")) {
        e->kind = ENT_TEXT;
    } else {
        return problem(
            e, DIAG_WARNING,
            "not a picture or an article (supported: .txt .jpg .jpeg .png .webp .gif .bmp); ignored", 0);
    }
    return 0;
}

/* Reads, parses and adds one article; problems become diags. Returns 0 or -1 (no memory). */
static int do_article(scan *s, const entry *e)
{
    article *art = NULL; /* owned until given to the item */
    if (content_load_article(e->abs, e->rel, &s->c->diags, &art) != 0) {
        return -1;
    }
    return art != NULL ? add_item(s, CONTENT_ARTICLE, e->rel, art, NULL) : 0;
}

/* Lists an image (with its caption) after checking it can be opened. Returns 0 or -1. */
static int do_image(scan *s, entry *ents, size_t i)
{
    int rc = -1;
    entry *e = &ents[i];
    char *caption = NULL; /* owned until given to the item */

    if (e->size == 0) {
        rc = diag_add(&s->c->diags, DIAG_ERROR, e->rel, 0, "the file is empty (maybe still being copied)");
        goto cleanup;
    }
    if (access(e->abs, R_OK) != 0) {
        rc = diag_add(&s->c->diags, DIAG_ERROR, e->rel, 0, "cannot be read: %s", strerror(errno));
        goto cleanup;
    }
    if (e->caption != NO_CAPTION) {
        entry *t = &ents[e->caption];
        if (!t->caption_done) {
            t->caption_done = 1;
            if (content_load_caption(t->abs, t->rel, &s->c->diags, &t->caption_text) != 0) {
                goto cleanup;
            }
        }
        if (t->caption_text != NULL && (caption = strdup(t->caption_text)) == NULL) {
            goto cleanup;
        }
    }
    rc = add_item(s, CONTENT_IMAGE, e->rel, NULL, caption);
    caption = NULL;
cleanup:
    free(caption);
    return rc;
}

/* Records a folder as walked. Returns 1 when it was already walked, 0 when new, -1 when out of memory. */
static int visit(scan *s, dev_t dev, ino_t ino)
{
    for (size_t i = 0; i < s->nvisited; i++) {
        if (s->visited[i].dev == dev && s->visited[i].ino == ino) {
            return 1;
        }
    }
    if (s->nvisited == s->cap_visited) {
        size_t cap = s->cap_visited != 0 ? s->cap_visited * 2 : 16;
        dir_id *v = realloc(s->visited, cap * sizeof *v);
        if (v == NULL) {
            return -1;
        }
        s->visited = v;
        s->cap_visited = cap;
    }
    s->visited[s->nvisited++] = (dir_id){dev, ino};
    return 0;
}

static void free_entries(entry *ents, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(ents[i].rel);
        free(ents[i].abs);
        free(ents[i].caption_text);
    }
    free(ents);
}

static int scan_dir(scan *s, const char *rel_dir, int depth);

/* Handles one classified entry. Returns 0 or -1 (no memory). */
static int do_entry(scan *s, entry *ents, size_t i, int depth)
{
    diag_list *d = &s->c->diags;
    entry *e = &ents[i];
    switch (e->kind) {
    case ENT_DIR:
        if (depth + 1 > MAX_DEPTH) {
            return diag_add(d, DIAG_WARNING, e->rel, 0, "nested more than %d folders deep; ignored",
                            MAX_DEPTH);
        }
        switch (visit(s, e->dev, e->ino)) {
        case 0:
            return scan_dir(s, e->rel, depth + 1);
        case 1:
            return diag_add(d, DIAG_WARNING, e->rel, 0,
                            "this folder is already included (through a link); ignored");
        default:
            return -1;
        }
    case ENT_TEXT:
        return e->is_caption ? 0 : do_article(s, e);
    case ENT_IMAGE:
        return do_image(s, ents, i);
    case ENT_PROBLEM:
        if (e->err != 0) {
            return diag_add(d, e->severity, e->rel, 0, "%s: %s", e->problem, strerror(e->err));
        }
        return diag_add(d, e->severity, e->rel, 0, "%s", e->problem);
    case ENT_SILENT:
        break;
    }
    return 0;
}

static int keep_dirent(const struct dirent *de)
{
    size_t len = strlen(de->d_name);
    return de->d_name[0] != '.' && de->d_name[len - 1] != '~'; /* hidden, ".", "..", editor backups */
}

static int compare_dirents(const struct dirent **a, const struct dirent **b)
{
    return natsort_compare((*a)->d_name, (*b)->d_name);
}

/* Pairs captions: "alley.txt" beside "alley.jpg" (stems compared ignoring ASCII case). */
static void pair_captions(entry *ents, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t sl = stem_len(ents[i].name);
        for (size_t j = 0; j < n && ents[i].kind == ENT_IMAGE; j++) {
            if (ents[j].kind == ENT_TEXT && stem_len(ents[j].name) == sl &&
                strncasecmp(ents[i].name, ents[j].name, sl) == 0) {
                ents[i].caption = j;
                ents[j].is_caption = 1;
                break;
            }
        }
    }
}

/* Lists the folder rel_dir into a sorted, classified entry array. Returns 0 or -1 (no memory);
 * a folder that cannot be listed gives a diag and no entries. */
static int list_dir(scan *s, const char *rel_dir, entry **out, size_t *count)
{
    int rc = -1;
    char *abs_dir = join(s->c->root, rel_dir); /* owned */
    struct dirent **names = NULL;              /* owned, with each names[i] */
    int nnames = 0;
    entry *ents = NULL; /* owned until handed to *out */
    size_t n = 0;

    if (abs_dir == NULL) {
        goto cleanup;
    }
    nnames = scandir(abs_dir, &names, keep_dirent, compare_dirents);
    if (nnames < 0) {
        nnames = 0;
        if (errno != ENOMEM) {
            rc = diag_add(&s->c->diags, DIAG_ERROR, rel_dir, 0, "%s cannot be opened: %s",
                          rel_dir[0] ? "this folder" : "the content folder", strerror(errno));
        }
        goto cleanup;
    }
    s->root_listed |= rel_dir[0] == '\0';
    ents = calloc((size_t)nnames + 1, sizeof *ents);
    if (ents == NULL) {
        goto cleanup;
    }
    n = (size_t)nnames; /* every ents[i] is zeroed, so cleanup may free all n */
    for (size_t i = 0; i < n; i++) {
        entry *e = &ents[i];
        e->caption = NO_CAPTION;
        e->rel = join(rel_dir, names[i]->d_name);
        e->abs = e->rel != NULL ? join(s->c->root, e->rel) : NULL;
        if (e->abs == NULL) {
            goto cleanup;
        }
        e->name = e->rel + strlen(e->rel) - strlen(names[i]->d_name);
        if (classify(s, e) != 0) {
            goto cleanup;
        }
    }
    pair_captions(ents, n);
    rc = 0;
cleanup:
    if (rc == 0) {
        *out = ents;
        *count = n;
    } else {
        free_entries(ents, n);
    }
    for (int i = 0; i < nnames; i++) {
        free(names[i]);
    }
    free(names);
    free(abs_dir);
    return rc;
}

/* Walks one folder (depth 0 = the root). Returns 0 or -1 (no memory). */
static int scan_dir(scan *s, const char *rel_dir, int depth)
{
    int rc = -1;
    entry *ents = NULL; /* owned */
    size_t n = 0;

    if (list_dir(s, rel_dir, &ents, &n) != 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < n && !(s->limit != 0 && s->c->count >= s->limit); i++) {
        if (do_entry(s, ents, i, depth) != 0) {
            goto cleanup;
        }
    }
    rc = 0;
cleanup:
    free_entries(ents, n);
    return rc;
}

static int compare_items(const void *a, const void *b)
{
    return natsort_compare_path(((const content_item *)a)->rel_path, ((const content_item *)b)->rel_path);
}

content *content_scan(const char *root)
{
    return content_scan_first(root, 0);
}

content *content_scan_first(const char *root, size_t limit)
{
    int ok = 0;
    content *c = calloc(1, sizeof *c); /* owned until returned */
    scan s = {.c = c, .limit = limit}; /* owns root_real and visited */
    struct stat st;

    if (c == NULL) {
        return NULL;
    }
    diag_list_init(&c->diags);
    config_defaults(&c->config);
    c->root = strdup(root);
    if (c->root == NULL) {
        goto cleanup;
    }
    if (stat(root, &st) != 0) {
        int err = errno;
        int missing = err == ENOENT || err == ENOTDIR;
        ok = diag_add(&c->diags, DIAG_ERROR, "", 0, "the content folder %s%s",
                      missing ? "does not exist" : "cannot be opened: ", missing ? "" : strerror(err)) == 0;
        goto cleanup;
    }
    if (!S_ISDIR(st.st_mode)) {
        ok = diag_add(&c->diags, DIAG_ERROR, "", 0, "the content folder is a file, not a folder") == 0;
        goto cleanup;
    }
    s.root_real = realpath(root, NULL);
    if (s.root_real == NULL) {
        int err = errno;
        ok = err != ENOMEM && diag_add(&c->diags, DIAG_ERROR, "", 0,
                                       "the content folder cannot be opened: %s", strerror(err)) == 0;
        goto cleanup;
    }
    if (visit(&s, st.st_dev, st.st_ino) != 0 || scan_dir(&s, "", 0) != 0) {
        goto cleanup;
    }
    if (c->count > 1) {
        qsort(c->items, c->count, sizeof *c->items, compare_items);
    }
    if (c->count == 0 && s.root_listed &&
        diag_add(&c->diags, DIAG_WARNING, "", 0, "the content folder has no articles or pictures") != 0) {
        goto cleanup;
    }
    ok = 1;
cleanup:
    free(s.root_real);
    free(s.visited);
    if (!ok) {
        content_free(c);
        c = NULL;
    }
    return c;
}

void content_item_free(content_item *it)
{
    free(it->rel_path);
    free(it->abs_path);
    article_free(it->article);
    free(it->caption);
}

void content_remove(content *c, size_t i)
{
    if (i >= c->count)
        return;
    content_item_free(&c->items[i]);
    memmove(&c->items[i], &c->items[i + 1], (c->count - i - 1) * sizeof *c->items);
    c->count--;
}

void content_free(content *c)
{
    if (c == NULL) {
        return;
    }
    for (size_t i = 0; i < c->count; i++)
        content_item_free(&c->items[i]);
    free(c->items);
    free(c->root);
    diag_list_free(&c->diags);
    free(c);
}
