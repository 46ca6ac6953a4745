/* fonts_measure: see fonts_measure.h. */
#include "fonts_measure.h"

#include "bidi.h"
#include "textrun_sdl.h"

int fonts_measure_sized(const kiosk_fonts *f, font_role role, int size, const char *s, size_t len, bool rtl)
{
    fonts_chain *c = fonts_chain_get(f, role, size);
    if (!c) { /* no font: an estimate that keeps layout sane */
        int sz = size > 0 ? size : f->size[role] > 0 ? f->size[role] : 16;
        return (int)(len * (size_t)sz / 2);
    }
    return textrun_sdl_measure(c, s, len, rtl);
}

int fonts_measure(const kiosk_fonts *f, font_role role, const char *s, size_t len)
{
    return fonts_measure_sized(f, role, 0, s, len, bidi_text_is_rtl(s, len));
}

int fonts_measure_cb(void *ctx, const char *s, size_t len, bool rtl)
{
    const fonts_measurer *m = ctx;
    return fonts_measure_sized(m->fonts, m->role, m->size, s, len, rtl);
}

int fonts_fit_measure_cb(void *ctx, int size, const char *s, size_t len, bool rtl)
{
    const fonts_measurer *m = ctx;
    return fonts_measure_sized(m->fonts, m->role, size, s, len, rtl);
}

/* slide_measure_fn: ctx is the kiosk_fonts. */
static int role_measure_cb(void *ctx, font_role role, int size, const char *s, size_t len, bool rtl)
{
    return fonts_measure_sized(ctx, role, size, s, len, rtl);
}

slide_look fonts_look(const kiosk_fonts *f, const design *d)
{
    slide_look look = {.design = d, .measure = role_measure_cb, .measure_ctx = (void *)f};
    for (int r = 0; r < FONT_ROLE_COUNT; r++) {
        look.size[r] = f->size[r];
    }
    return look;
}
