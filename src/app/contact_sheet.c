/* contact_sheet: see contact_sheet.h. Slides are drawn at full size by render_each, scaled down with the
 * area filter into a list of thumbnails, then laid out on the sheet with their labels. */
#include "contact_sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "draw.h"
#include "fonts.h"
#include "imgscale.h"
#include "log.h"
#include "render_out.h"

#define SLIDE_W 1920
#define SLIDE_H 1080
#define THUMB_W 480
#define THUMB_H 270
#define COLUMNS 4
#define GAP 32
#define LABEL_H 64

typedef struct {
    SDL_Surface *thumb;
    char label[96]; /* "12 · excerpt 2/5 · 31 s" */
    char source[256];
} cell;

typedef struct {
    cell *cells;
    size_t count, cap;
} sheet;

static int add_cell(void *user, size_t index, const slide *s, SDL_Surface *pixels)
{
    sheet *sh = user;
    if (sh->count == sh->cap) {
        size_t cap = sh->cap ? sh->cap * 2 : 32;
        cell *v = realloc(sh->cells, cap * sizeof *v);
        if (!v) {
            return -1;
        }
        sh->cells = v;
        sh->cap = cap;
    }
    cell *c = &sh->cells[sh->count];
    memset(c, 0, sizeof *c);
    c->thumb = SDL_CreateRGBSurfaceWithFormat(0, THUMB_W, THUMB_H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!c->thumb || imgscale_area(pixels->pixels, pixels->w, pixels->h, pixels->pitch, c->thumb->pixels,
                                   THUMB_W, THUMB_H, c->thumb->pitch) != 0) {
        if (c->thumb) {
            SDL_FreeSurface(c->thumb);
        }
        return -1;
    }
    if (s->kind == SLIDE_EXCERPT && s->parts > 1) {
        snprintf(c->label, sizeof c->label, "%zu \xC2\xB7 %s %zu/%zu \xC2\xB7 %.0f s", index + 1,
                 slide_kind_name(s->kind), s->part, s->parts, s->duration_ms / 1000.0);
    } else {
        snprintf(c->label, sizeof c->label, "%zu \xC2\xB7 %s \xC2\xB7 %.0f s", index + 1,
                 slide_kind_name(s->kind), s->duration_ms / 1000.0);
    }
    snprintf(c->source, sizeof c->source, "%s", s->source ? s->source : "(no content)");
    sh->count++;
    return 0;
}

/* Draws the cells on a new surface; NULL when out of memory. */
static SDL_Surface *compose(const sheet *sh, const char *content_dir)
{
    int rows = (int)((sh->count + COLUMNS - 1) / COLUMNS);
    int header = 96;
    int w = COLUMNS * THUMB_W + (COLUMNS + 1) * GAP;
    int h = header + rows * (THUMB_H + LABEL_H + GAP) + GAP;
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = out ? SDL_CreateSoftwareRenderer(out) : NULL;
    kiosk_fonts fonts = {0};
    design d = design_compute(SLIDE_W, SLIDE_H, 0.0); /* label type at the show's small size */

    if (!r) {
        goto cleanup;
    }
    fonts_open(&fonts, &d);
    draw_fill(r, 0, 0, w, h, (SDL_Color){36, 36, 40, 255});
    char title[512];
    snprintf(title, sizeof title, "%s \xC2\xB7 %zu slides", content_dir, sh->count);
    draw_style head = {&fonts, FONT_BANNER, 0, (SDL_Color){238, 233, 224, 255}};
    draw_text(r, &head, title, strlen(title), false, GAP, GAP / 2, header - GAP, ALIGN_LEFT);
    draw_style label = {&fonts, FONT_SMALL, 0, (SDL_Color){220, 214, 204, 255}};
    draw_style source = {&fonts, FONT_SMALL, 0, (SDL_Color){160, 154, 146, 255}};
    for (size_t i = 0; i < sh->count; i++) {
        const cell *c = &sh->cells[i];
        int x = GAP + (int)(i % COLUMNS) * (THUMB_W + GAP);
        int y = header + (int)(i / COLUMNS) * (THUMB_H + LABEL_H + GAP);
        SDL_Texture *t = SDL_CreateTextureFromSurface(r, c->thumb);
        if (t) {
            SDL_Rect dst = {x, y, THUMB_W, THUMB_H};
            SDL_RenderCopy(r, t, NULL, &dst);
            SDL_DestroyTexture(t);
        }
        draw_text(r, &label, c->label, strlen(c->label), false, x, y + THUMB_H + 2, LABEL_H / 2, ALIGN_LEFT);
        /* long names are cut at the cell's width */
        size_t n = strlen(c->source);
        while (n > 0 && fonts_measure(&fonts, FONT_SMALL, c->source, n) > THUMB_W) {
            do {
                n--;
            } while (n > 0 && ((unsigned char)c->source[n] & 0xC0) == 0x80);
        }
        draw_text(r, &source, c->source, n, false, x, y + THUMB_H + LABEL_H / 2, LABEL_H / 2, ALIGN_LEFT);
    }
    SDL_RenderFlush(r);
cleanup:
    if (r) {
        SDL_DestroyRenderer(r);
    }
    fonts_close(&fonts);
    if (!r && out) {
        SDL_FreeSurface(out);
        out = NULL;
    }
    return out;
}

int contact_sheet_run(const cli_options *cli, const char *content_dir, const char *png_path)
{
    int rc = 3;
    sheet sh = {0};
    SDL_Surface *out = NULL;

    if (render_each(cli, content_dir, SLIDE_W, SLIDE_H, add_cell, &sh) != 0) {
        goto cleanup;
    }
    out = compose(&sh, content_dir);
    if (!out || IMG_SavePNG(out, png_path) != 0) {
        log_line l;
        log_begin(&l, LOG_ERROR, "render-error");
        log_str(&l, "path", png_path);
        log_str(&l, "reason", out ? IMG_GetError() : "out of memory");
        log_end(&l);
        goto cleanup;
    }
    log_line l;
    log_begin(&l, LOG_INFO, "contact-sheet");
    log_str(&l, "file", png_path);
    log_uint(&l, "slides", sh.count);
    log_end(&l);
    rc = 0;
cleanup:
    for (size_t i = 0; i < sh.count; i++) {
        SDL_FreeSurface(sh.cells[i].thumb);
    }
    free(sh.cells);
    if (out) {
        SDL_FreeSurface(out);
    }
    return rc;
}
