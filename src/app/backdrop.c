/* backdrop: see backdrop.h. */
#include "backdrop.h"

#include <SDL_syswm.h>

bool backdrop_paint(SDL_Window *window, SDL_Color c)
{
    bool done = false;
#if defined(KIOSK_HAVE_X11) && defined(SDL_VIDEO_DRIVER_X11)
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    SDL_PixelFormat *format = SDL_AllocFormat(SDL_GetWindowPixelFormat(window));
    if (format && SDL_GetWindowWMInfo(window, &info) && info.subsystem == SDL_SYSWM_X11) {
        /* the window's pixel format is its visual's: the colour's pixel value is SDL's mapping of it */
        Display *dpy = info.info.x11.display;
        XSetWindowBackground(dpy, info.info.x11.window, SDL_MapRGB(format, c.r, c.g, c.b));
        XClearWindow(dpy, info.info.x11.window);
        XFlush(dpy);
        done = true;
    }
    SDL_FreeFormat(format); /* accepts NULL */
#else
    (void)window;
    (void)c;
#endif
    return done;
}
