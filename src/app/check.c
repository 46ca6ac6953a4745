/* check: see check.h. */
#include "check.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "content.h"
#include "exhibit.h"
#include "log.h"
#include "picture.h"

/* Decodes every picture (a small size is enough to prove the file is whole); a bad one is an error. */
static void check_pictures(exhibit *e, bool *bad)
{
    content *c = e->content;
    for (size_t i = 0; i < c->count; i++) {
        const content_item *it = &c->items[i];
        if (it->kind != CONTENT_IMAGE)
            continue;
        char why[256];
        picture *p = picture_load_with(it->abs_path, 64, 64, &e->pictures, why, sizeof why);
        if (!p) {
            diag_add(&c->diags, DIAG_ERROR, it->rel_path, 0, "%s", why);
            bad[i] = true;
        }
        picture_free(p);
    }
}

/* The show as it will run on a 1920x1080 screen, one log line per slide (stderr), so staff see what will
 * be shown, in which order and for how long. Pictures that failed are left out. */
static size_t report_slides(const exhibit *e, const bool *bad)
{
    const content *c = e->content;
    kiosk_fonts fonts = {0};
    size_t shown = 0;
    design d = exhibit_open_look(e, 1920, 1080, &fonts);
    show *s = exhibit_build(e, &d, &fonts);
    for (size_t i = 0; s && i < s->count; i++) {
        const slide *sl = &s->slides[i];
        bool skipped = false;
        for (size_t k = 0; k < c->count && sl->kind == SLIDE_IMAGE; k++)
            if (bad[k] && sl->source && strcmp(c->items[k].rel_path, sl->source) == 0)
                skipped = true;
        if (skipped)
            continue;
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
    check_pictures(e, bad);
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
