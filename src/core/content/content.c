/* content: walks the content folder into an ordered list of slides (see content.h).
 *
 * Ownership: content_scan owns the content it builds until it returns it; the content owns its
 * root copy, items (and every string/article in them) and diags. During the walk a scan context
 * owns the real path of the root and the list of visited folders; each scan_dir call owns its list
 * of folder entries (their paths and caption texts), freed before it returns. Reading single files
 * (articles, captions) lives in content_file.c, telling what one entry is in content_entry.c.
 *
 * Order: each folder's entries are sorted with natsort_compare and visited in that order, recursing
 * into sub-folders in place, so items and diags come out in path order (folder contents sit among
 * their siblings by the folder name). The items are sorted again with natsort_compare_path.
 *
 * Looking at entries: the whole walk (content_scan) looks at every entry of a listed folder with lstat
 * first. The walk that stops early (content_scan_first) looks at an entry only when the walk reaches it
 * or needs it (a caption's partner), and then by readdir's d_type and its name alone when d_type says
 * regular file or folder; it stats only the folders it goes into and the pictures it lists (their size),
 * and falls back to lstat for links and unknown types. With a cold page cache each stat can be a disk
 * read, so the first item of a folder of 200 sub-folders does not wait for 200 of them. */
#include "content.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content_entry.h"
#include "natsort.h"

#define MAX_DEPTH 8 /* folders nested deeper than this are ignored */

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
    centry_ctx look;  /* how entries are looked at (by_type when limit != 0) */
} scan;

/* Returns a new string "a/b" ("b" when a is empty), or NULL when out of memory. */
static char *join(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    int sep = la > 0 && lb > 0 && a[la - 1] != '/';
    char *s = malloc(la + (size_t)sep + lb + 1);
    if (s) {
        memcpy(s, a, la);
        if (sep) {
            s[la] = '/';
        }
        memcpy(s + la + sep, b, lb + 1);
    }
    return s;
}

/* Appends an item; takes ownership of art and caption (freed on failure). Returns 0 or -1 (no memory). */
static int add_item(scan *s, content_kind kind, const char *rel, article *art, char *caption)
{
    int rc = -1;
    content *c = s->c;
    char *rel_copy = strdup(rel);   /* owned until stored */
    char *abs = join(c->root, rel); /* owned until stored */

    if (!rel_copy || !abs) {
        goto cleanup;
    }
    if (c->count == s->cap_items) {
        size_t cap = s->cap_items != 0 ? s->cap_items * 2 : 16;
        content_item *items = realloc(c->items, cap * sizeof *items);
        if (!items) {
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

/* Reads, parses and adds one article; problems become diags. Returns 0 or -1 (no memory). */
static int do_article(scan *s, const centry *e)
{
    article *art = NULL; /* owned until given to the item */
    if (content_load_article(e->abs, e->rel, &s->c->diags, &art) != 0) {
        return -1;
    }
    return art ? add_item(s, CONTENT_ARTICLE, e->rel, art, NULL) : 0;
}

/* Lists an image (with its caption) after checking it can be opened. Returns 0 or -1. */
static int do_image(scan *s, centry *ents, size_t n, size_t i)
{
    int rc = -1;
    centry *e = &ents[i];
    char *caption = NULL; /* owned until given to the item */
    size_t cap = SIZE_MAX;

    if (e->size == 0) {
        rc = diag_add(&s->c->diags, DIAG_ERROR, e->rel, 0, "the file is empty (maybe still being copied)");
        goto cleanup;
    }
    if (access(e->abs, R_OK) != 0) {
        rc = diag_add(&s->c->diags, DIAG_ERROR, e->rel, 0, "cannot be read: %s", strerror(errno));
        goto cleanup;
    }
    if (centry_find_caption(&s->look, ents, n, i, &cap) != 0) {
        goto cleanup;
    }
    if (cap != SIZE_MAX) {
        centry *t = &ents[cap];
        if (!t->caption_done) {
            t->caption_done = 1;
            if (content_load_caption(t->abs, t->rel, &s->c->diags, &t->caption_text) != 0) {
                goto cleanup;
            }
        }
        if (t->caption_text && (caption = strdup(t->caption_text)) == NULL) {
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
        if (!v) {
            return -1;
        }
        s->visited = v;
        s->cap_visited = cap;
    }
    s->visited[s->nvisited++] = (dir_id){dev, ino};
    return 0;
}

static void free_entries(centry *ents, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(ents[i].rel);
        free(ents[i].abs);
        free(ents[i].caption_text);
    }
    free(ents);
}

static int scan_dir(scan *s, const char *rel_dir, int depth);

/* Handles entry i of the folder's n: looks at it (folders and pictures with lstat: their identity and
 * size), then walks, reads or lists it. Returns 0 or -1 (no memory). */
static int do_entry(scan *s, centry *ents, size_t n, size_t i, int depth)
{
    diag_list *d = &s->c->diags;
    centry *e = &ents[i];
    int caption = 0;
    if (centry_look(&s->look, e) != 0 || ((e->kind == ENT_DIR || e->kind == ENT_IMAGE) &&
                                          e->seen != CENTRY_STAT && centry_stat(&s->look, e) != 0)) {
        return -1;
    }
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
        if (centry_is_caption(&s->look, ents, n, i, &caption) != 0) {
            return -1;
        }
        return caption ? 0 : do_article(s, e);
    case ENT_IMAGE:
        return do_image(s, ents, n, i);
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

/* Lists the folder rel_dir into a sorted entry array, every entry looked at with lstat for the whole
 * walk, none yet for the walk that stops early (look). Returns 0 or -1 (no memory); a folder that cannot
 * be listed gives a diag and no entries. */
static int list_dir(scan *s, const char *rel_dir, centry **out, size_t *count)
{
    int rc = -1;
    char *abs_dir = join(s->c->root, rel_dir); /* owned */
    struct dirent **names = NULL;              /* owned, with each names[i] */
    int nnames = 0;
    centry *ents = NULL; /* owned until handed to *out */
    size_t n = 0;

    if (!abs_dir) {
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
    if (!ents) {
        goto cleanup;
    }
    n = (size_t)nnames; /* every ents[i] is zeroed, so cleanup may free all n */
    for (size_t i = 0; i < n; i++) {
        centry *e = &ents[i];
        e->d_type = names[i]->d_type;
        e->rel = join(rel_dir, names[i]->d_name);
        e->abs = e->rel ? join(s->c->root, e->rel) : NULL;
        if (!e->abs) {
            goto cleanup;
        }
        e->name = e->rel + strlen(e->rel) - strlen(names[i]->d_name);
        e->stem = centry_stem_len(e->name);
        if (s->limit == 0 && centry_stat(&s->look, e) != 0) {
            goto cleanup;
        }
    }
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
    centry *ents = NULL; /* owned */
    size_t n = 0;

    if (list_dir(s, rel_dir, &ents, &n) != 0) {
        goto cleanup;
    }
    for (size_t i = 0; i < n && !(s->limit != 0 && s->c->count >= s->limit); i++) {
        if (do_entry(s, ents, n, i, depth) != 0) {
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

    if (!c) {
        return NULL;
    }
    diag_list_init(&c->diags);
    config_defaults(&c->config);
    c->root = strdup(root);
    if (!c->root) {
        goto cleanup;
    }
    c->stat_calls++;
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
    if (!s.root_real) {
        int err = errno;
        ok = err != ENOMEM && diag_add(&c->diags, DIAG_ERROR, "", 0,
                                       "the content folder cannot be opened: %s", strerror(err)) == 0;
        goto cleanup;
    }
    s.look = (centry_ctx){.root_real = s.root_real, .by_type = limit != 0, .stat_calls = &c->stat_calls};
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
    if (i >= c->count) {
        return;
    }
    content_item_free(&c->items[i]);
    memmove(&c->items[i], &c->items[i + 1], (c->count - i - 1) * sizeof *c->items);
    c->count--;
}

void content_free(content *c)
{
    if (!c) {
        return;
    }
    for (size_t i = 0; i < c->count; i++) {
        content_item_free(&c->items[i]);
    }
    free(c->items);
    free(c->root);
    diag_list_free(&c->diags);
    free(c);
}
