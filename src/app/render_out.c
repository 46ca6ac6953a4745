/* render_out: see render_out.h. */
#include "render_out.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "exhibit.h"
#include "loader.h"
#include "log.h"
#include "picture.h"
#include "slide_draw.h"
#include "slide_event.h"

static void manifest_text(FILE *f, const char *field, const char *text)
{
    if (text) {
        fprintf(f, "\t%s\t%s\n", field, text);
    }
}

/* The slide's display list, one line per box in paint order (README: --render). */
static void manifest_boxes(FILE *f, const display_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const dl_item *it = &l->items[i];
        fprintf(f, "\tbox\t%s x=%d y=%d w=%d h=%d ink=%s", dl_kind_name(it->kind), it->x, it->y, it->w, it->h,
                dl_ink_name(it->ink));
        if (it->kind == DL_TEXT) {
            fprintf(f, " role=%s size=%d align=%s rtl=%d truncated=%d\t%s", font_role_name(it->role),
                    it->size, draw_align_name(it->align), it->rtl, it->truncated, it->text);
        }
        fputc('\n', f);
    }
}

static void manifest_slide(FILE *f, size_t index, const slide *s)
{
    fprintf(f, "%03zu.png\tkind=%s\tsource=%s\tduration_ms=%u\n", index + 1, slide_kind_name(s->kind),
            s->source ? s->source : "", (unsigned)s->duration_ms);
    manifest_text(f, "title", s->title);
    manifest_text(f, "dateline", s->dateline);
    manifest_text(f, "date", s->date_text);
    manifest_text(f, "caption", s->caption);
    for (size_t i = 0; i < s->line_count; i++) {
        manifest_text(f, s->lines[i].para_start ? "para" : "line", s->lines[i].text);
    }
    manifest_text(f, "banner", s->banner);
    manifest_boxes(f, &s->boxes);
}

static int fail(const char *what, const char *path, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_ERROR, what);
    log_str(&l, "path", path);
    log_str(&l, "reason", reason);
    log_end(&l);
    return 3;
}

int render_each(const cli_options *cli, const char *content_dir, int w, int h, render_slide_fn fn, void *user)
{
    int rc = 3;
    exhibit *e = NULL;
    show *s = NULL;
    SDL_Surface *emblem = NULL;
    SDL_Surface *target = NULL;
    SDL_Renderer *r = NULL;
    kiosk_fonts fonts = {0};

    e = exhibit_load(content_dir, cli, true);
    if (!e) {
        goto cleanup;
    }
    design d = exhibit_open_look(e, w, h, &fonts);
    emblem = exhibit_load_emblem(&d);
    s = exhibit_build(e, &d, &fonts);
    if (!s) {
        goto cleanup;
    }
    target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    if (!r) {
        rc = fail("render-error", content_dir, SDL_GetError());
        goto cleanup;
    }
    slide_draw_ctx ctx = exhibit_draw_ctx(e, r, &d, &fonts, emblem);
    size_t errors = diag_count(&e->content->diags, DIAG_ERROR), shown = 0;
    for (size_t i = 0; i < s->count; i++) {
        const slide *sl = &s->slides[i];
        picture *pic = NULL;
        if (sl->kind == SLIDE_IMAGE) {
            char why[256];
            pic = picture_load_for(sl->path, d.w, d.picture_h, &e->pictures, sl->fit, why, sizeof why);
            if (!pic) { /* left out, as the live show leaves it out */
                loader_log_problem(sl->source, why);
                errors++;
                continue;
            }
        }
        slide_draw(&ctx, sl, pic);
        picture_free(pic);
        SDL_RenderFlush(r);
        slide_event_log(shown, s->count, sl, -1);
        if (fn(user, shown++, sl, target) != 0) {
            goto cleanup;
        }
    }
    log_line l;
    log_begin(&l, LOG_INFO, "content-loaded");
    log_uint(&l, "slides", shown);
    log_uint(&l, "errors", errors);
    log_end(&l);
    rc = 0;
cleanup:
    if (r) {
        SDL_DestroyRenderer(r);
    }
    if (target) {
        SDL_FreeSurface(target);
    }
    if (emblem) {
        SDL_FreeSurface(emblem);
    }
    show_free(s);
    exhibit_free(e);
    fonts_close(&fonts);
    return rc;
}

typedef struct {
    const char *out_dir;
    FILE *manifest;
} render_files;

/* Writes one slide as DIR/NNN.png and its manifest entry. */
static int save_slide(void *user, size_t index, const slide *sl, SDL_Surface *pixels)
{
    render_files *rf = user;
    char path[4096];
    snprintf(path, sizeof path, "%s/%03zu.png", rf->out_dir, index + 1);
    if (IMG_SavePNG(pixels, path) != 0) {
        fail("render-error", path, IMG_GetError());
        return -1;
    }
    manifest_slide(rf->manifest, index, sl);
    return 0;
}

int render_out_run(const cli_options *cli, const char *content_dir, const char *out_dir)
{
    char path[4096];
    render_files rf = {out_dir, NULL};

    if (mkdir(out_dir, 0755) != 0 && errno != EEXIST) {
        return fail("render-error", out_dir, strerror(errno));
    }
    snprintf(path, sizeof path, "%s/slides.txt", out_dir);
    rf.manifest = fopen(path, "w");
    if (!rf.manifest) {
        return fail("render-error", path, strerror(errno));
    }
    int rc = render_each(cli, content_dir, cli->size_w, cli->size_h, save_slide, &rf);
    if (fclose(rf.manifest) != 0 && rc == 0) {
        rc = fail("render-error", path, strerror(errno));
    }
    return rc;
}
