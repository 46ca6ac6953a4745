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

#endif
