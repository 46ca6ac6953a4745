/* screen: the live kiosk's display, one part of the app (app_internal.h): the window and its renderer,
 * the panel's rotation (the frame drawn at content size into a target texture, turned when presented),
 * the look drawn with (design, fonts and emblem for the screen's size), the dark screen (backlight and
 * DPMS off) and the timing of the frames presented.
 *
 * Ownership: app.c creates the one screen (screen_open, in start) and frees it (screen_close, in
 * app_run, after everything that made textures on its renderer: the slide cache, the notice). The
 * screen owns its window, renderer, target texture, fonts and emblem; screen_close is the only place
 * that frees them, and it is safe after a failed or partial screen_open and on a zeroed screen. */
#ifndef KIOSK_SCREEN_H
#define KIOSK_SCREEN_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "cli.h"
#include "design.h"
#include "draw.h"
#include "exhibit.h"
#include "fonts.h"
#include "frame_prefault.h"
#include "framestats.h"

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool vsync;
    bool fullscreen_later;    /* display.h: made full screen after the first frame (X11) */
    frame_prefault *prefault; /* frame_prefault.h: the window's frame paged in, until the first frame */
    int panel_w, panel_h;     /* the renderer's output size at the last layout (screen_turn) */
    int rotation;        /* degrees the screen is laid out turned (the exhibit's, since the last layout) */
    SDL_Texture *target; /* with a rotation: the frame at content size, turned when presented */
    design design;       /* the look: the design grid, ... */
    kiosk_fonts fonts;   /* ...its fonts... */
    SDL_Surface *emblem; /* ...and the emblem at the design's size (NULL: none could be loaded) */
    char look_key[256];  /* the size, safe area and font families design, fonts and emblem are for */
    bool off;            /* dark: the black frame is up and the backlight and DPMS were switched off */
    bool first_frame_done;
    uint64_t last_present;  /* SDL ticks when the last frame of the show was begun */
    int64_t presented_wall; /* CLOCK_REALTIME ms when the last frame was presented */
    framestats frames;      /* intervals between the frames of transitions */
} screen;

/* The window and renderer: see display.h (full screen at the display's size, the renderer chosen for the
 * machine, the window's own background `background` on X11, event=display), after SDL's video subsystem
 * is up; with the software renderer the window's frame is paged in on another thread meanwhile
 * (frame_prefault.h). Returns 0, or -1 with SDL_GetError() set. */
int screen_open(screen *s, const cli_options *opts, SDL_Color background);
void screen_close(screen *s);
/* Waits for the thread that pages the frame in (screen_open), if it still runs: before the first frame
 * is drawn (screen_frame_begin calls it) and before SDL's events are first pumped (a window event may
 * move the frame). Cheap once done. */
void screen_prefault_done(screen *s);
/* For a layout: the panel turned by `rotation` degrees (a target texture of the content's size made
 * again); *w x *h is then the size to lay out for. Returns 0, or -1 when the texture cannot be made. */
int screen_turn(screen *s, int rotation, int *w, int *h);
/* Whether the renderer's output size differs from the one of the last layout (a window event that
 * reports the same size, as the first map does, needs no layout). */
bool screen_resized(const screen *s);
/* The design, fonts and emblem of the exhibit for a w x h screen: opened again only when the screen's
 * size, the safe area or the font families changed (opening fonts is the slowest step of a layout:
 * seconds on an emulated machine; a reload that keeps the look keeps them). */
void screen_open_look(screen *s, const exhibit *ex, int w, int h);
/* The slides' drawing context (borrowing the screen's renderer and look). */
slide_draw_ctx screen_draw_ctx(const screen *s, const exhibit *ex);
/* A frame: screen_frame_begin sets the target (the panel, or the content-size texture when it is
 * turned) and clears it with c; screen_frame_end turns and presents it (presented_wall; the first frame
 * ever presented by its marked runs where backdrop.h can) and returns true for that first frame (the
 * backlight is then switched on: a kiosk stopped while dark left it off). */
void screen_frame_begin(screen *s, SDL_Color c);
bool screen_frame_end(screen *s);
/* After the first frame (and its log line): the window made full screen when that was left for later
 * (X11, display.h; up to 100 ms without a window manager). */
void screen_fullscreen_due(screen *s);
/* Dark: the backlight and the display's signal off (see backlight.h, dpms.h); screen_light: on again
 * (nothing when it is not off). */
void screen_dark(screen *s);
void screen_light(screen *s);

#endif
