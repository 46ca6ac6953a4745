/* check: see check.h. */
#include "check.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "check_pool.h"
#include "content.h"
#include "exhibit.h"
#include "log.h"
#include "picture.h"

/* Decodes every picture on the pool's threads (check_pool); a bad one is an error, added in item order
 * (the same lines in the same order as one thread would give). bad[i] tells the slides to leave out. */
static int check_pictures(exhibit *e, bool *bad)
{
    content *c = e->content;
    check_verdicts v;
    check_pool_options o = check_pool_defaults();
    if (check_pool_run(c, &e->pictures, &o, &v) != 0) {
        check_verdicts_free(&v);
        return -1;
    }
    for (size_t i = 0; i < c->count; i++) {
        if (v.why[i]) {
            diag_add(&c->diags, DIAG_ERROR, c->items[i].rel_path, 0, "%s", v.why[i]);
            bad[i] = true;
        }
    }
    check_verdicts_free(&v);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The rel_paths of the bad items, sorted for bsearch (a slide's source is looked up in O(log n)). */
static const char **bad_paths(const content *c, const bool *bad, size_t *n)
{
    const char **paths = malloc((c->count + 1) * sizeof *paths);
    *n = 0;
    for (size_t i = 0; paths && i < c->count; i++) {
        if (bad[i]) {
            paths[(*n)++] = c->items[i].rel_path;
        }
    }
    if (paths) {
        qsort(paths, *n, sizeof *paths, cmp_str);
    }
    return paths;
}

/* The show as it will run on a 1920x1080 screen, one log line per slide (stderr), so staff see what will
 * be shown, in which order and for how long. Pictures that failed are left out. */
static size_t report_slides(const exhibit *e, const bool *bad)
{
    const content *c = e->content;
    kiosk_fonts fonts = {0};
    size_t shown = 0, nbad = 0;
    const char **badp = bad_paths(c, bad, &nbad);
    design d = exhibit_open_look(e, 1920, 1080, &fonts);
    show *s = exhibit_build_plan(e, &d, &fonts);
    for (size_t i = 0; s && i < s->count; i++) {
        const slide *sl = &s->slides[i];
        if (sl->kind == SLIDE_IMAGE && sl->source && badp && nbad > 0 &&
            bsearch(&sl->source, badp, nbad, sizeof *badp, cmp_str)) {
            continue;
        }
        shown++;
        log_line l;
        log_begin(&l, LOG_INFO, "check-slide");
        log_uint(&l, "index", shown);
        log_str(&l, "kind", slide_kind_name(sl->kind));
        log_str(&l, "source", sl->source);
        log_double(&l, "seconds", sl->duration_ms / 1000.0);
        if (sl->kind == SLIDE_EXCERPT) {
            log_uint(&l, "part", sl->part);
            log_uint(&l, "parts", sl->parts);
        }
        log_end(&l);
    }
    show_free(s);
    fonts_close(&fonts);
    free(badp);
    return shown;
}

int check_run(const cli_options *cli, const char *content_dir)
{
    int rc = 1;
    exhibit *e = exhibit_load(content_dir, cli, false); /* problems are printed below, not logged */
    content *c = e ? e->content : NULL;
    bool *bad = NULL;
    char line[4096];

    if (!c || !(bad = calloc(c->count + 1, sizeof *bad))) {
        fprintf(stdout, "%s: error: out of memory\n", content_dir);
        goto cleanup;
    }
    if (check_pictures(e, bad) != 0) {
        fprintf(stdout, "%s: error: out of memory\n", content_dir);
        goto cleanup;
    }
    size_t shown = TTF_WasInit() ? report_slides(e, bad) : 0;
    for (size_t i = 0; i < c->diags.count; i++) {
        diag_format(&c->diags.items[i], content_dir, line, sizeof line);
        fprintf(stdout, "%s\n", line);
    }
    size_t errors = diag_count(&c->diags, DIAG_ERROR);
    log_line l;
    log_begin(&l, errors ? LOG_WARN : LOG_INFO, "check");
    log_str(&l, "folder", content_dir);
    log_uint(&l, "slides", shown);
    log_uint(&l, "errors", errors);
    log_uint(&l, "warnings", diag_count(&c->diags, DIAG_WARNING));
    log_end(&l);
    rc = errors ? 1 : 0;
cleanup:
    fflush(stdout);
    free(bad);
    exhibit_free(e);
    return rc;
}
