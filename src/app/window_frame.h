/* window_frame: the pixels SDL's software renderer draws into when it draws into a window. SDL 2.26's
 * software renderer draws into the window's surface (SDL_GetWindowSurface: on X11 a MIT-SHM segment the
 * X server copies from), created when the renderer was; asking for the surface again returns that same
 * surface, until a window event (a new size) makes SDL replace it. frame_prefault.c pages it in before
 * the first frame; backdrop.c reads the first frame from it. */
#ifndef KIOSK_WINDOW_FRAME_H
#define KIOSK_WINDOW_FRAME_H

#include <SDL.h>

/* The window's frame that `renderer` draws into, or NULL when renderer is not SDL's software renderer
 * (an accelerated renderer has no frame in this process's memory) or the window has no surface. The
 * surface is SDL's (never freed by the caller); it is valid until SDL handles a window event. */
SDL_Surface *window_frame(SDL_Window *window, SDL_Renderer *renderer);

#endif
