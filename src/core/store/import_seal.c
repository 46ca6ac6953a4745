/* import_seal: see import_seal.h. */
#include "import_seal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fsutil.h"

static int cmp_rel(const void *key, const void *item)
{
    return strcmp(key, ((const tree_entry *)item)->rel);
}

static tree_entry *find(tree_list *l, const char *rel)
{
    return l->count ? bsearch(rel, l->items, l->count, sizeof *l->items, cmp_rel) : NULL;
}

static int arriving(char *why, size_t n, size_t matching, size_t total)
{
    if (why && n) {
        snprintf(why, n, "the exhibit is still arriving (%zu of %zu files match the seal)", matching, total);
    }
    return 1;
}

/* Marks every folder that holds a file of l (keep[i] for l->items[i]). */
static void mark_folders(tree_list *l, bool *keep)
{
    char prefix[PATH_MAX];
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i].is_dir) {
            continue;
        }
        keep[i] = true;
        snprintf(prefix, sizeof prefix, "%s", l->items[i].rel);
        for (char *slash = strrchr(prefix, '/'); slash; slash = strrchr(prefix, '/')) {
            *slash = '\0';
            tree_entry *d = find(l, prefix);
            if (d) {
                keep[d - l->items] = true;
            }
        }
    }
}

/* Leaves in l only the entries marked in keep. */
static void compact(tree_list *l, const bool *keep)
{
    size_t out = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (keep[i]) {
            l->items[out++] = l->items[i];
        } else {
            free(l->items[i].rel);
        }
    }
    l->count = out;
}

/* Drops the manifest from l; counts l's files that match m by name and size, and the others. */
static void count_matches(const import_seal *s, tree_list *l, size_t *matching, size_t *extra)
{
    tree_entry *me = find(l, MANIFEST_NAME);
    if (me) {
        l->files--;
        l->bytes -= me->size;
        free(me->rel);
        memmove(me, me + 1, (size_t)(l->items + l->count - (me + 1)) * sizeof *me);
        l->count--;
    }
    *matching = *extra = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (l->items[i].is_dir) {
            continue;
        }
        const manifest_entry *e = manifest_find(&s->m, l->items[i].rel);
        if (e && e->size == l->items[i].size) {
            (*matching)++;
        } else {
            (*extra)++;
        }
    }
}

static bool exists(const char *dir, const char *name)
{
    char path[PATH_MAX];
    struct stat st;
    return fsu_join(path, sizeof path, dir, name) == 0 && lstat(path, &st) == 0;
}

bool import_seal_expected(const char *source)
{
    return exists(source, MANIFEST_NAME) || exists(source, ".stfolder");
}

int import_seal_select(import_seal *s, const char *source, tree_list *l, char *why, size_t n)
{
    char path[PATH_MAX], reason[200];
    size_t matching, extra;
    memset(s, 0, sizeof *s);
    tree_entry *me = find(l, MANIFEST_NAME);
    if ((!me || me->is_dir) && exists(source, ".stfolder")) {
        if (why && n) {
            snprintf(why, n,
                     "the exhibit is still arriving (no seal yet: a Syncthing folder is taken in "
                     "only with its %s)",
                     MANIFEST_NAME);
        }
        return 1;
    }
    if (!me || me->is_dir) {
        return 0;
    }
    s->sealed = true;
    int rc = fsu_join(path, sizeof path, source, MANIFEST_NAME);
    if (rc == 0) {
        rc = manifest_read(path, &s->m, reason, sizeof reason);
    }
    if (rc == ENOMEM) {
        return ENOMEM;
    }
    if (rc != 0) {
        if (why && n) {
            snprintf(why, n, "the exhibit is still arriving (its seal cannot be read yet: %s)", reason);
        }
        return 1;
    }
    count_matches(s, l, &matching, &extra);
    if (matching != s->m.count || extra) {
        return arriving(why, n, matching, s->m.count);
    }
    bool *keep = calloc(l->count ? l->count : 1, sizeof *keep);
    if (!keep) {
        return ENOMEM;
    }
    mark_folders(l, keep);
    compact(l, keep);
    free(keep);
    return 0;
}

bool import_seal_same(const import_seal *s, const char *dir)
{
    char path[PATH_MAX];
    manifest kept;
    if (!s->sealed || fsu_join(path, sizeof path, dir, IMPORT_SEAL_KEPT) != 0 ||
        manifest_read(path, &kept, NULL, 0) != 0) {
        return false;
    }
    bool same = memcmp(kept.seal, s->m.seal, SHA256_LEN) == 0;
    manifest_free(&kept);
    return same;
}

void import_seal_copied(void *ud, const char *rel, uint64_t size, const uint8_t sha[SHA256_LEN])
{
    import_seal *s = ud;
    const manifest_entry *e = manifest_find(&s->m, rel);
    s->copied++;
    if (e && e->size == size && memcmp(e->sha, sha, SHA256_LEN) == 0) {
        s->matching++;
    }
}

int import_seal_verify(const import_seal *s, char *why, size_t n)
{
    if (s->copied == s->m.count && s->matching == s->m.count) {
        return 0;
    }
    return arriving(why, n, s->matching, s->m.count);
}

int import_seal_keep(const import_seal *s, const char *dir)
{
    char path[PATH_MAX], *text = NULL;
    size_t len;
    int rc = manifest_format(&s->m, &text, &len);
    if (rc == 0 && (rc = fsu_join(path, sizeof path, dir, IMPORT_SEAL_KEPT)) == 0) {
        rc = fsu_write_atomic(path, text, len);
    }
    free(text);
    return rc;
}

void import_seal_free(import_seal *s)
{
    manifest_free(&s->m);
    memset(s, 0, sizeof *s);
}
