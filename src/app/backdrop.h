/* backdrop: the window's own background colour where the windowing system keeps one (X11), so the
 * window shows the show's background from the moment it is mapped, before the first frame is drawn,
 * and again wherever the X server must repaint it before the kiosk does. Without it an X window made by
 * SDL shows what lay under it (the desktop, a black root window) until the first frame.
 *
 * It also makes the first frame cheaper on an X server that fills its frame buffer in software (Xvfb,
 * Xorg without a GPU): the server paints the window once while the kiosk still opens its fonts, so the
 * first frame's copy finds that memory in place (issue 19: about 15 ms of the start on the bench
 * machine).
 *
 * Other drivers (KMS/DRM, Wayland) have no such colour: nothing is done there. */
#ifndef KIOSK_BACKDROP_H
#define KIOSK_BACKDROP_H

#include <stdbool.h>

#include <SDL.h>

/* Sets window's background to c and paints the window with it at once (asynchronously: the X server does
 * it while the caller goes on). Returns whether it was done (false: not an X11 window, or built
 * without X11). */
bool backdrop_paint(SDL_Window *window, SDL_Color c);

/* Presents the frame the software renderer drew into window's surface by sending only its marked runs
 * (flatrows.h): the window's background becomes the frame's first column, which the X server tiles across
 * the window, so every flat row (the ground of a slide: its gradient, bands and rules) is painted by the
 * server and what lies on it is sent. Pixel for pixel the same frame as SDL_RenderPresent, with a fraction
 * of the memory read by the server: on an X server that keeps the frame in software (Xvfb, Xorg without
 * a GPU) reading the whole of SDL's shared frame for the first time is ~20 ms of the start (issue 19).
 * Returns whether it was presented so; false (nothing sent) when the window is not X11, the renderer not
 * SDL's software one, or most of the frame is marked: the caller then presents it with SDL_RenderPresent.
 * For the first frame, which finds the server's copy of the window unread. */
bool backdrop_present_marked(SDL_Window *window, SDL_Renderer *renderer);

#endif
