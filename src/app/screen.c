/* screen: see screen.h. */
#include "screen.h"

#include <stdio.h>
#include <string.h>

#include "backdrop.h"
#include "backlight.h"
#include "display.h"
#include "dpms.h"
#include "rotation.h"
#include "wallclock.h"

int screen_open(screen *s, const cli_options *opts, SDL_Color background)
{
    kiosk_display d;
    if (display_open(opts, background, &d) != 0) {
        return -1;
    }
    s->window = d.window;
    s->renderer = d.renderer;
    s->vsync = d.vsync;
    s->fullscreen_later = d.fullscreen_later;
    s->prefault = frame_prefault_start(d.window, d.renderer);
    return 0;
}

void screen_prefault_done(screen *s)
{
    frame_prefault_finish(s->prefault);
    s->prefault = NULL;
}

void screen_close(screen *s)
{
    screen_prefault_done(s);
    fonts_close(&s->fonts);
    if (s->target) {
        SDL_DestroyTexture(s->target);
    }
    if (s->emblem) {
        SDL_FreeSurface(s->emblem);
    }
    if (s->renderer) {
        SDL_DestroyRenderer(s->renderer);
    }
    if (s->window) {
        SDL_DestroyWindow(s->window);
    }
    s->target = NULL;
    s->emblem = NULL;
    s->renderer = NULL;
    s->window = NULL;
}

int screen_turn(screen *s, int rotation, int *w, int *h)
{
    *w = 0;
    *h = 0;
    SDL_GetRendererOutputSize(s->renderer, w, h);
    s->panel_w = *w;
    s->panel_h = *h;
    s->rotation = rotation;
    if (s->target) {
        SDL_DestroyTexture(s->target);
    }
    s->target = NULL;
    if (s->rotation) { /* lay out for the turned screen, draw into a texture of that size */
        int pw = *w, ph = *h;
        rotation_content_size(s->rotation, pw, ph, w, h);
        s->target =
            SDL_CreateTexture(s->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, *w, *h);
        if (!s->target) {
            return -1;
        }
    }
    return 0;
}

void screen_fullscreen_due(screen *s)
{
    if (s->fullscreen_later) { /* already at the display's place and size: no layout follows */
        SDL_SetWindowFullscreen(s->window, SDL_WINDOW_FULLSCREEN_DESKTOP);
        s->fullscreen_later = false;
    }
}

bool screen_resized(const screen *s)
{
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(s->renderer, &w, &h);
    return w != s->panel_w || h != s->panel_h;
}

void screen_open_look(screen *s, const exhibit *ex, int w, int h)
{
    char key[sizeof s->look_key];
    const fonts_config *f = &ex->fonts;
    snprintf(key, sizeof key, "%dx%d %.4f %s|%s|%s", w, h, ex->safe_area, f->title_family, f->body_family,
             f->banner_family);
    if (s->fonts.state && strcmp(key, s->look_key) == 0) {
        return;
    }
    fonts_close(&s->fonts);
    s->design = exhibit_open_look(ex, w, h, &s->fonts);
    if (s->emblem) {
        SDL_FreeSurface(s->emblem);
    }
    s->emblem = exhibit_load_emblem(&s->design);
    snprintf(s->look_key, sizeof s->look_key, "%s", key);
}

slide_draw_ctx screen_draw_ctx(const screen *s, const exhibit *ex)
{
    return exhibit_draw_ctx(ex, s->renderer, &s->design, &s->fonts, s->emblem);
}

void screen_frame_begin(screen *s, SDL_Color c)
{
    screen_prefault_done(s);
    SDL_SetRenderTarget(s->renderer, s->target);
    SDL_SetRenderDrawColor(s->renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(s->renderer);
}

bool screen_frame_end(screen *s)
{
    if (s->target) { /* turn the content-size frame onto the panel, about the panel's centre */
        int pw = 0, ph = 0, cw = 0, ch = 0;
        SDL_SetRenderTarget(s->renderer, NULL);
        SDL_GetRendererOutputSize(s->renderer, &pw, &ph);
        SDL_QueryTexture(s->target, NULL, NULL, &cw, &ch);
        SDL_Rect dst = {(pw - cw) / 2, (ph - ch) / 2, cw, ch};
        SDL_RenderCopyEx(s->renderer, s->target, NULL, &dst, s->rotation, NULL, SDL_FLIP_NONE);
    }
    if (s->first_frame_done || !backdrop_present_marked(s->window, s->renderer)) {
        SDL_RenderPresent(s->renderer);
    }
    s->presented_wall = wallclock_now_ms();
    if (s->first_frame_done) {
        return false;
    }
    s->first_frame_done = true;
    backlight_set(true); /* a kiosk stopped while dark left it off (a dark start switches it off again) */
    return true;
}

void screen_dark(screen *s)
{
    if (s->off) {
        return;
    }
    backlight_set(false);
    dpms_set(s->window, false);
    s->off = true;
}

void screen_light(screen *s)
{
    if (!s->off) {
        return;
    }
    dpms_set(s->window, true);
    backlight_set(true);
    s->off = false;
}
