/* window_frame: see window_frame.h. */
#include "window_frame.h"

#include <string.h>

SDL_Surface *window_frame(SDL_Window *window, SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) != 0 || strcmp(info.name, "software") != 0) {
        return NULL;
    }
    SDL_Surface *frame = SDL_GetWindowSurface(window);
    return frame && frame->pixels ? frame : NULL;
}
