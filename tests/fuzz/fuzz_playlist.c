/* Fuzz target: playlist_parse and playlist_apply (src/core/content/playlist.c). The input is the text of a
 * playlist.txt (NUL-terminated, as playlist_load hands it over). The parsed playlist is then applied to
 * a small fixed folder listing, as the shell does.
 * Checks: nothing escapes the folder (no absolute name, no ".." part, no backslash left), names are
 * valid UTF-8 and not empty, per-line settings are within their ranges, and applying keeps every item
 * exactly once (append) with nothing lost or freed twice. Also natsort (natsort.c), which orders the
 * same names: antisymmetric and transitive on the first three names. */
#include "fuzz_util.h"

#include "natsort.h"
#include "playlist.h"

static const char *const folder[] = {"01-title.txt", "photos/alley.jpg",      "photos/Alley.txt",
                                     "b.png",        "Şəhidlər xiyabanı.txt", "a b/c d.jpeg"};
#define NFOLDER (sizeof folder / sizeof folder[0])

static content *make_folder(void)
{
    content *c = calloc(1, sizeof *c);
    FUZZ_CHECK(c != NULL, "calloc");
    c->root = strdup("/srv/content");
    c->items = calloc(NFOLDER, sizeof *c->items);
    FUZZ_CHECK(c->root && c->items, "calloc");
    diag_list_init(&c->diags);
    for (size_t i = 0; i < NFOLDER; i++) {
        content_item *it = &c->items[i];
        it->kind = strstr(folder[i], ".txt") ? CONTENT_ARTICLE : CONTENT_IMAGE;
        it->rel_path = strdup(folder[i]);
        it->abs_path = malloc(strlen(folder[i]) + 16);
        FUZZ_CHECK(it->rel_path && it->abs_path, "strdup");
        sprintf(it->abs_path, "/srv/content/%s", folder[i]);
        it->fit = -1;
    }
    c->count = NFOLDER;
    return c;
}

static void check_natsort(const char *a, const char *b, const char *c)
{
    int ab = natsort_compare(a, b), ba = natsort_compare(b, a);
    FUZZ_CHECK((ab > 0) - (ab < 0) == -((ba > 0) - (ba < 0)), "natsort not antisymmetric");
    FUZZ_CHECK((ab == 0) == (strcmp(a, b) == 0), "natsort 0 for different names");
    int bc = natsort_compare(b, c), ac = natsort_compare(a, c);
    if (ab < 0 && bc < 0)
        FUZZ_CHECK(ac < 0, "natsort not transitive");
    if (ab > 0 && bc > 0)
        FUZZ_CHECK(ac > 0, "natsort not transitive");
    int pab = natsort_compare_path(a, b), pba = natsort_compare_path(b, a);
    FUZZ_CHECK((pab > 0) - (pab < 0) == -((pba > 0) - (pba < 0)), "natsort_compare_path not antisymmetric");
    FUZZ_CHECK((pab == 0) == (strcmp(a, b) == 0), "natsort_compare_path 0 for different names");
    int pbc = natsort_compare_path(b, c), pac = natsort_compare_path(a, c);
    if (pab < 0 && pbc < 0)
        FUZZ_CHECK(pac < 0, "natsort_compare_path not transitive");
    if (pab > 0 && pbc > 0)
        FUZZ_CHECK(pac > 0, "natsort_compare_path not transitive");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    playlist p;
    diag_list diags;
    diag_list_init(&diags);
    int rc = playlist_parse(text, "playlist.txt", &p, &diags);
    FUZZ_CHECK(rc == 0, "playlist_parse returned %d", rc);

    for (size_t i = 0; i < p.count; i++) {
        const playlist_entry *e = &p.entries[i];
        const char *n = e->name;
        FUZZ_CHECK(n != NULL && n[0] != '\0', "empty name on line %d", e->line);
        FUZZ_CHECK(n[0] != '/', "absolute name '%s'", n);
        FUZZ_CHECK(strchr(n, '\\') == NULL, "backslash in '%s'", n);
        FUZZ_CHECK(strstr(n, " #") == NULL, "a comment left in '%s'", n); /* "./#1.jpg" is a name */
        FUZZ_CHECK(fuzz_valid_utf8(n, strlen(n)), "name not UTF-8");
        for (const char *q = n; *q;) {
            size_t k = strcspn(q, "/");
            FUZZ_CHECK(!(k == 2 && q[0] == '.' && q[1] == '.'), "'..' part in '%s'", n);
            q += k + (q[k] == '/');
        }
        FUZZ_CHECK(e->line >= 1, "line %d", e->line);
        FUZZ_CHECK(e->fit >= -1 && e->fit <= 2, "fit %d", e->fit);
        FUZZ_CHECK(e->duration_ms == 0 || (e->duration_ms >= 1000 && e->duration_ms <= 3600000),
                   "duration %u", (unsigned)e->duration_ms);
        if (i > 0)
            FUZZ_CHECK(e->line > p.entries[i - 1].line, "lines out of order");
    }
    if (p.count >= 3)
        check_natsort(p.entries[0].name, p.entries[1].name, p.entries[2].name);
    for (size_t i = 0; i < diags.count; i++)
        FUZZ_CHECK(diags.items[i].line >= 1 && diags.items[i].message, "diag");

    /* Apply, keeping unlisted files: every item stays exactly once, and each "@banner" line adds the
     * banner slide there. */
    size_t banners = 0;
    for (size_t i = 0; i < p.count; i++)
        banners += strcmp(p.entries[i].name, CONTENT_BANNER_NAME) == 0;
    content *c = make_folder();
    FUZZ_CHECK(playlist_apply(&p, c, true) == 0, "playlist_apply");
    FUZZ_CHECK(c->count == NFOLDER + banners, "apply(append) kept %zu of %zu items and %zu banners", c->count,
               NFOLDER, banners);
    size_t banner_items = 0;
    for (size_t i = 0; i < c->count; i++)
        banner_items += c->items[i].kind == CONTENT_BANNER;
    FUZZ_CHECK(banner_items == banners, "%zu banner slides for %zu @banner lines", banner_items, banners);
    for (size_t k = 0; k < NFOLDER; k++) {
        size_t seen = 0;
        for (size_t i = 0; i < c->count; i++)
            seen += strcmp(c->items[i].rel_path, folder[k]) == 0;
        FUZZ_CHECK(seen == 1, "'%s' is there %zu times", folder[k], seen);
    }
    content_free(c);
    /* Apply, leaving unlisted files out: no more than were listed. */
    c = make_folder();
    FUZZ_CHECK(playlist_apply(&p, c, false) == 0, "playlist_apply");
    FUZZ_CHECK(c->count <= p.count && c->count <= NFOLDER + banners, "apply(omit) has %zu items", c->count);
    content_free(c);

    playlist_free(&p);
    diag_list_free(&diags);
    free(text);
    return 0;
}
