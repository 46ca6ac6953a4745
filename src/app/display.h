/* display: the live kiosk's window and renderer (owned by the display code; screen.c's screen_open calls
 * it). Full screen fills the display everywhere: the window is created at the size of the display's
 * desktop mode, at the display's origin, with SDL_WINDOW_FULLSCREEN_DESKTOP, so an X server without a
 * window manager (xinit, Xvfb) shows it whole, and a window manager, a compositor (cage) and KMS/DRM
 * still treat it as full screen. On X11 the window is first made borderless at that place and size and
 * asked to be full screen only after the first frame (fullscreen_later): SDL 2.26 waits 100 ms for a
 * window manager to answer that request, and without one (xinit, Xvfb) nobody does (issue 19). The renderer
 * is chosen by renderer_choice.h (software without a GPU, OpenGL/GLES with one, --renderer to force it)
 * before the window exists. Logged as event=display. */
#ifndef KIOSK_DISPLAY_H
#define KIOSK_DISPLAY_H

#include <stdbool.h>

#include <SDL.h>

#include "cli.h"

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
    bool vsync;            /* the renderer waits for the vertical blank (as far as SDL says) */
    bool fullscreen_later; /* X11: SDL_SetWindowFullscreen(FULLSCREEN_DESKTOP) is due after the first frame */
} kiosk_display;

/* Opens the window (full screen unless opts->windowed) and its renderer, after SDL's video subsystem is
 * initialised; the window's own background is `background` where the system keeps one (backdrop.h: X11);
 * logs event=display. Returns 0, or -1 with SDL_GetError() set and nothing left open.
 * Ownership: on success the caller owns out->window and out->renderer and destroys them (the renderer
 * first). The SDL hints set for the chosen renderer stay set for the process's SDL. */
int display_open(const cli_options *opts, SDL_Color background, kiosk_display *out);

#endif
