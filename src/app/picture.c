/* picture: see picture.h. The pipeline: header and limits (imgfile_open), the plan for the fit mode in
 * shown orientation (imgscale_plan_fit), the same region in stored orientation (orient), decoding and
 * reducing it (imgfile_decode), turning it upright (orient_apply), then the backdrop. */
#include "picture.h"

#include <stdio.h>
#include <string.h>

#include "imgfile.h"
#include "jpeg_whole.h"
#include "log.h"
#include "orient.h"

/* A slide's fit from playlist.txt or kiosk.conf (config_fit) is passed on as an imgscale_fit. */
_Static_assert((int)CONFIG_FIT_CONTAIN == (int)IMGSCALE_FIT_CONTAIN &&
                   (int)CONFIG_FIT_COVER == (int)IMGSCALE_FIT_COVER &&
                   (int)CONFIG_FIT_KENBURNS == (int)IMGSCALE_FIT_KENBURNS,
               "config_fit and imgscale_fit number the fit modes alike");

#define BACKDROP_DIV 16   /* the backdrop is about 1/16 of the box on each side... */
#define BACKDROP_BLUR_R 2 /* ...blurred with this radius, three times: soft, no blocks once stretched */

picture_settings picture_settings_default(void)
{
    return (picture_settings){IMGSCALE_FIT_CONTAIN, PICTURE_BACKDROP_BLUR, CLI_MAX_PIXELS_DEFAULT,
                              CLI_MAX_SIDE};
}

picture_settings picture_settings_from_cli(const cli_options *o)
{
    picture_settings s = picture_settings_default();
    s.fit = o->fit;
    s.max_pixels = o->max_pixels;
    return s;
}

picture_settings picture_settings_resolve(const kiosk_config *k, const cli_options *o)
{
    picture_settings s = picture_settings_default();
    s.fit = (imgscale_fit)k->fit;
    s.backdrop = k->backdrop == CONFIG_BACKDROP_SOLID ? PICTURE_BACKDROP_SOLID : PICTURE_BACKDROP_BLUR;
    s.max_pixels = (uint64_t)k->max_megapixels * 1000000u;
    if (o->fit_given) {
        s.fit = o->fit;
    }
    if (o->max_pixels_given) {
        s.max_pixels = o->max_pixels;
    }
    return s;
}

void picture_log_settings(const picture_settings *s)
{
    log_line l;
    log_begin(&l, LOG_INFO, "pictures");
    log_str(&l, "fit", imgscale_fit_name(s->fit));
    log_str(&l, "backdrop", s->backdrop == PICTURE_BACKDROP_SOLID ? "solid" : "blur");
    log_uint(&l, "max_pixels", s->max_pixels);
    log_int(&l, "max_side", s->max_side);
    log_end(&l);
}

/* The blurred wash behind a contained picture: the part of the picture that would cover the screen's
 * picture area (its centred crop with the area's aspect), reduced to about 1/16 of the area on each
 * side, blurred and dimmed (PICTURE_BACKDROP_DIM, as SDL's colour modulation did it when drawn). It is
 * drawn stretched over exactly the picture area with no colour modulation, so SDL's software renderer
 * stretches it straight into the slide's texture; before, the cover rectangle overhung the area and the
 * renderer stretched it through a temporary surface of that rectangle (9.4 MiB at 1920x1080, issue 19).
 * Stretched with linear filtering it is a soft wash of its colours. */
static SDL_Surface *make_backdrop(SDL_Surface *img, int box_w, int box_h)
{
    int bw = box_w / BACKDROP_DIV, bh = box_h / BACKDROP_DIV;
    imgscale_rect crop = imgscale_crop_cover(img->w, img->h, box_w, box_h);
    bw = bw < 4 ? 4 : bw;
    bh = bh < 4 ? 4 : bh;
    bw = bw > crop.w ? crop.w : bw; /* only ever reduced, as imgscale_area wants */
    bh = bh > crop.h ? crop.h : bh;
    SDL_Surface *b = SDL_CreateRGBSurfaceWithFormat(0, bw, bh, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!b) {
        return NULL;
    }
    const uint8_t *src =
        (const uint8_t *)img->pixels + (size_t)crop.y * (size_t)img->pitch + (size_t)crop.x * 4;
    if (imgscale_area(src, crop.w, crop.h, img->pitch, b->pixels, bw, bh, b->pitch) != 0 ||
        imgscale_blur(b->pixels, b->w, b->h, b->pitch, BACKDROP_BLUR_R, 3) != 0) {
        SDL_FreeSurface(b);
        return NULL;
    }
    for (int y = 0; y < bh; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)b->pixels + (size_t)y * (size_t)b->pitch);
        for (int x = 0; x < bw; x++) {
            uint32_t v = row[x], out = v & 0xFF000000u;
            for (int sh = 0; sh < 24; sh += 8) {
                out |= (((v >> sh) & 0xFFu) * PICTURE_BACKDROP_DIM / 255u) << sh;
            }
            row[x] = out;
        }
    }
    return b;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

picture *picture_load_with(const char *path, int box_w, int box_h, const picture_settings *s, char *err,
                           size_t errlen)
{
    picture *p = NULL;
    SDL_Surface *raw = NULL;
    imgfile f;
    imgfile_limits lim = {s->max_pixels, s->max_side};
    char warn[sizeof p->warning];
    int denom = 0;

    if (imgfile_open(&f, path, &lim, err, errlen) != 0) {
        goto cleanup;
    }
    int o = f.info.orientation, sw = f.info.width, sh = f.info.height, shown_w, shown_h;
    orient_size(o, sw, sh, &shown_w, &shown_h);
    imgscale_plan plan = imgscale_plan_fit(s->fit, shown_w, shown_h, box_w, box_h);
    imgscale_rect crop = orient_rect_to_stored(o, sw, sh, plan.crop);
    bool swap = orient_swaps(o);
    raw = imgfile_decode(&f, crop, swap ? plan.out_h : plan.out_w, swap ? plan.out_w : plan.out_h, &denom,
                         warn, sizeof warn, err, errlen);
    if (!raw) {
        goto cleanup;
    }
    p = SDL_calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    p->source_w = sw;
    p->source_h = sh;
    p->orientation = o >= 1 && o <= 8 ? o : 1;
    p->fit = s->fit;
    p->backdrop_kind = s->backdrop;
    p->seed = imgscale_seed(base_name(path));
    p->jpeg_denom = f.info.format == IMGHDR_JPEG ? denom : 0;
    snprintf(p->warning, sizeof p->warning, "%s", warn);
    if (p->orientation == 1) {
        p->image = raw;
        raw = NULL;
    } else {
        p->image = SDL_CreateRGBSurfaceWithFormat(0, plan.out_w, plan.out_h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!p->image || orient_apply(o, raw->pixels, raw->w, raw->h, raw->pitch, p->image->pixels,
                                      p->image->pitch) != 0) {
            snprintf(err, errlen, "out of memory while turning the picture");
            goto fail;
        }
    }
    if (s->fit == IMGSCALE_FIT_CONTAIN && s->backdrop == PICTURE_BACKDROP_BLUR) {
        p->backdrop = make_backdrop(p->image, box_w, box_h);
        if (!p->backdrop) {
            snprintf(err, errlen, "out of memory while scaling the picture");
            goto fail;
        }
    }
    goto cleanup;
fail:
    picture_free(p);
    p = NULL;
cleanup:
    if (raw) {
        SDL_FreeSurface(raw);
    }
    imgfile_close(&f);
    return p;
}

int picture_proved_whole(const char *path, const picture_settings *s, char *err, size_t errlen)
{
    imgfile f;
    imgfile_limits lim = {s->max_pixels, s->max_side};
    int rc = -1;
    if (imgfile_open(&f, path, &lim, err, errlen) == 0) {
        rc = f.data && jpeg_whole(f.data, f.size, f.info.width, f.info.height) ? 1 : 0;
    }
    imgfile_close(&f);
    return rc;
}

int picture_probe(const char *path, const picture_settings *s, char *err, size_t errlen)
{
    imgfile_limits lim = {s->max_pixels, s->max_side};
    return imgfile_probe(path, &lim, NULL, err, errlen);
}

picture_settings picture_settings_for_fit(const picture_settings *s, int fit)
{
    picture_settings out = *s;
    if (fit >= IMGSCALE_FIT_CONTAIN && fit <= IMGSCALE_FIT_KENBURNS) {
        out.fit = (imgscale_fit)fit;
    }
    return out;
}

picture *picture_load_for(const char *path, int box_w, int box_h, const picture_settings *s, int fit,
                          char *err, size_t errlen)
{
    picture_settings one = picture_settings_for_fit(s, fit);
    return picture_load_with(path, box_w, box_h, &one, err, errlen);
}

void picture_free(picture *p)
{
    if (!p) {
        return;
    }
    if (p->image) {
        SDL_FreeSurface(p->image);
    }
    if (p->backdrop) {
        SDL_FreeSurface(p->backdrop);
    }
    SDL_free(p);
}
