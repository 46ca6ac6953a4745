/* assets: see assets.h. */
#include "assets.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_image.h>

#include "content.h"
#include "diag.h"
#include "log.h"

#ifndef KIOSK_ASSETS_INSTALL_DIR
#define KIOSK_ASSETS_INSTALL_DIR "/usr/share/memorial-kiosk/assets"
#endif

#define TEXT_MAX_BYTES (256 * 1024)

static void log_missing(const char *path, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_WARN, "asset-missing");
    log_str(&l, "path", path);
    log_str(&l, "reason", reason);
    log_end(&l);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* <the program's folder>/../share/memorial-kiosk/assets into buf; 0 when it exists. */
static int beside_program(char *buf, size_t n)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0) {
        return -1;
    }
    exe[len] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) {
        return -1;
    }
    *slash = '\0';
    int w = snprintf(buf, n, "%s/../share/memorial-kiosk/assets", exe);
    return w > 0 && (size_t)w < n && is_dir(buf) ? 0 : -1;
}

const char *assets_dir(char *buf, size_t n)
{
    const char *env = getenv("KIOSK_ASSETS_DIR");
    if (env && *env) {
        snprintf(buf, n, "%s", env);
        return buf;
    }
#ifdef KIOSK_SOURCE_DIR
    int w = snprintf(buf, n, "%s/assets", KIOSK_SOURCE_DIR);
    if (w > 0 && (size_t)w < n && is_dir(buf)) {
        return buf;
    }
#endif
    if (beside_program(buf, n) == 0) {
        return buf;
    }
    snprintf(buf, n, "%s", KIOSK_ASSETS_INSTALL_DIR);
    return buf;
}

/* Parses dir/text/<code>.txt into one layer of s, logging what is wrong. -1 only when out of memory. */
static int load_layer(strings *s, strings_layer layer, const char *dir, const char *code)
{
    char path[4096];
    char *data = NULL;
    size_t len = 0;
    diag_list diags;
    diag_list_init(&diags);
    snprintf(path, sizeof path, "%s/text/%s.txt", dir, code);
    int rc = 0, err = content_read_file(path, TEXT_MAX_BYTES, &data, &len);
    if (err) {
        char reason[160];
        snprintf(reason, sizeof reason, "%s; the English words are used",
                 err == EFBIG ? "the file is too large" : strerror(err));
        log_missing(path, reason);
        goto cleanup;
    }
    rc = strings_parse(s, layer, data, path, &diags) < 0 ? -1 : 0;
    for (size_t i = 0; i < diags.count; i++) {
        log_line l;
        log_begin(&l, LOG_WARN, "asset-warning");
        log_str(&l, "path", diags.items[i].path);
        log_int(&l, "line", diags.items[i].line);
        log_str(&l, "reason", diags.items[i].message);
        log_end(&l);
    }
cleanup:
    diag_list_free(&diags);
    free(data);
    return rc;
}

strings *assets_load_strings(const char *dir, config_lang lang)
{
    strings *s = strings_create(lang);
    if (!s) {
        return NULL;
    }
    if (load_layer(s, STRINGS_LAYER_ENGLISH, dir, "en") != 0 ||
        (lang != CONFIG_LANG_EN &&
         load_layer(s, STRINGS_LAYER_LANGUAGE, dir, strings_language_code(lang)) != 0)) {
        strings_free(s);
        return NULL;
    }
    return s;
}

/* True when some pixel of the RGBA32 surface is not transparent. */
static int has_ink(SDL_Surface *sf)
{
    int ink = 0;
    if (SDL_LockSurface(sf) != 0) {
        return 1; /* cannot look: assume it is drawn */
    }
    for (int y = 0; y < sf->h && !ink; y++) {
        const Uint8 *row = (const Uint8 *)sf->pixels + (size_t)y * (size_t)sf->pitch;
        for (int x = 0; x < sf->w && !ink; x++) {
            Uint8 r, g, b, a;
            SDL_GetRGBA(((const Uint32 *)row)[x], sf->format, &r, &g, &b, &a);
            ink = a != 0;
        }
    }
    SDL_UnlockSurface(sf);
    return ink;
}

SDL_Surface *assets_load_emblem(const char *dir, int height)
{
    char path[4096], reason[256];
    SDL_Surface *sf = NULL;
    SDL_RWops *rw = NULL;
    struct stat st;
    snprintf(path, sizeof path, "%s/emblem.svg", dir);
    if (height < 1 || height > 4096) {
        snprintf(reason, sizeof reason, "height %d is out of range; no emblem is drawn", height);
        goto fail;
    }
    if (stat(path, &st) != 0) {
        snprintf(reason, sizeof reason, "%s; no emblem is drawn", strerror(errno));
        goto fail;
    }
    rw = SDL_RWFromFile(path, "rb");
    sf = rw ? IMG_LoadSizedSVG_RW(rw, 0, height) : NULL;
    if (sf && sf->format->BytesPerPixel == 4 && !has_ink(sf)) {
        SDL_FreeSurface(sf);
        sf = NULL;
        snprintf(reason, sizeof reason, "the picture is empty; no emblem is drawn");
        goto fail;
    }
    if (!sf) {
        snprintf(reason, sizeof reason, "not a picture SDL_image can read (%s); no emblem is drawn",
                 IMG_GetError());
        goto fail;
    }
    SDL_RWclose(rw);
    return sf;
fail:
    if (rw) {
        SDL_RWclose(rw);
    }
    log_missing(path, reason);
    return NULL;
}

void assets_draw_emblem(SDL_Renderer *r, SDL_Texture *emblem, SDL_Rect box, SDL_Color accent)
{
    int w = 0, h = 0;
    if (emblem && SDL_QueryTexture(emblem, NULL, NULL, &w, &h) == 0 && w > 0 && h > 0) {
        double k = SDL_min(1.0, SDL_min((double)box.w / w, (double)box.h / h));
        SDL_Rect dst = {0, 0, (int)(w * k + 0.5), (int)(h * k + 0.5)};
        dst.x = box.x + (box.w - dst.w) / 2;
        dst.y = box.y + (box.h - dst.h) / 2;
        SDL_SetTextureBlendMode(emblem, SDL_BLENDMODE_BLEND);
        SDL_RenderCopy(r, emblem, NULL, &dst);
        return;
    }
    int thick = SDL_max(2, box.h / 60);
    SDL_Rect rule = {box.x + box.w / 3, box.y + (box.h - thick) / 2, box.w / 3, thick};
    SDL_SetRenderDrawBlendMode(r, accent.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, accent.r, accent.g, accent.b, accent.a);
    SDL_RenderFillRect(r, &rule);
}
