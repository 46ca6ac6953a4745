/* fonts: see fonts.h. */
#include "fonts.h"

#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "log.h"

static const char *const role_pattern[FONT_ROLE_COUNT] = {
    [FONT_TITLE] = "Noto Serif:style=Regular",  [FONT_DATELINE] = "Noto Serif:style=Italic",
    [FONT_BODY] = "Noto Serif:style=Regular",   [FONT_SMALL] = "Noto Sans:style=Regular",
    [FONT_CAPTION] = "Noto Sans:style=Regular", [FONT_BANNER] = "Noto Sans:style=Regular",
};

static const char *const role_name[FONT_ROLE_COUNT] = {
    [FONT_TITLE] = "title", [FONT_DATELINE] = "dateline", [FONT_BODY] = "body",
    [FONT_SMALL] = "small", [FONT_CAPTION] = "caption",   [FONT_BANNER] = "banner",
};

char *fonts_find_file(const char *pattern)
{
    char *path = NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcPattern *match = NULL;
    FcResult result = FcResultNoMatch;
    FcChar8 *file = NULL;

    if (!pat)
        goto cleanup;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &result);
    if (!match || result != FcResultMatch)
        goto cleanup;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch && file)
        path = strdup((const char *)file);
cleanup:
    if (match)
        FcPatternDestroy(match);
    if (pat)
        FcPatternDestroy(pat);
    return path;
}

/* True when the file fontconfig chose is of the family asked for (not a substitute). */
static int family_matches(const char *pattern, const char *file)
{
    const char *colon = strchr(pattern, ':');
    size_t n = colon ? (size_t)(colon - pattern) : strlen(pattern);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    /* "Noto Serif" -> file name starts with "NotoSerif" */
    char want[64];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof want; i++)
        if (pattern[i] != ' ')
            want[k++] = pattern[i];
    want[k] = '\0';
    return strncmp(base, want, k) == 0 && (base[k] == '-' || base[k] == '.');
}

int fonts_open(kiosk_fonts *f, const design *d)
{
    int missing = 0;
    const int sizes[FONT_ROLE_COUNT] = {
        [FONT_TITLE] = d->title_size, [FONT_DATELINE] = d->dateline_size, [FONT_BODY] = d->body_size,
        [FONT_SMALL] = d->small_size, [FONT_CAPTION] = d->caption_size,   [FONT_BANNER] = d->banner_size,
    };
    memset(f, 0, sizeof *f);
    for (int r = 0; r < FONT_ROLE_COUNT; r++) {
        f->size[r] = sizes[r];
        char *file = fonts_find_file(role_pattern[r]);
        if (file && !family_matches(role_pattern[r], file)) {
            log_line l;
            log_begin(&l, LOG_WARN, "font-substitute");
            log_str(&l, "role", role_name[r]);
            log_str(&l, "wanted", role_pattern[r]);
            log_str(&l, "using", file);
            log_end(&l);
        }
        if (file)
            f->font[r] = TTF_OpenFont(file, sizes[r]);
        if (!f->font[r]) {
            log_line l;
            log_begin(&l, LOG_ERROR, "font-missing");
            log_str(&l, "role", role_name[r]);
            log_str(&l, "wanted", role_pattern[r]);
            log_str(&l, "reason",
                    file ? TTF_GetError() : "fontconfig found no font (install fonts-noto-core)");
            log_end(&l);
            missing++;
        } else {
            TTF_SetFontHinting(f->font[r], TTF_HINTING_LIGHT);
        }
        free(file);
    }
    return missing ? -1 : 0;
}

void fonts_close(kiosk_fonts *f)
{
    for (int r = 0; r < FONT_ROLE_COUNT; r++) {
        if (f->font[r])
            TTF_CloseFont(f->font[r]);
        f->font[r] = NULL;
    }
}

int fonts_measure(const kiosk_fonts *f, font_role role, const char *s, size_t len)
{
    int w = 0;
    char stackbuf[512];
    char *buf = stackbuf;

    if (!f->font[role]) /* no font: an estimate that keeps layout sane */
        return (int)(len * (size_t)f->size[role] / 2);
    if (len >= sizeof stackbuf) {
        buf = malloc(len + 1);
        if (!buf)
            return (int)(len * (size_t)f->size[role]);
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (TTF_SizeUTF8(f->font[role], buf, &w, NULL) != 0)
        w = (int)(len * (size_t)f->size[role] / 2);
    if (buf != stackbuf)
        free(buf);
    return w;
}

int fonts_measure_cb(void *ctx, const char *s, size_t len)
{
    const fonts_measurer *m = ctx;
    return fonts_measure(m->fonts, m->role, s, len);
}
