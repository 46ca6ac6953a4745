/* backdrop: see backdrop.h. */
#include "backdrop.h"

#include <stdlib.h>
#include <string.h>

#include <SDL_syswm.h>

#include "flatrows.h"
#include "window_frame.h"

#if defined(KIOSK_HAVE_X11) && defined(SDL_VIDEO_DRIVER_X11)
#include <X11/Xutil.h>
#endif

enum {
    MARKED_RUNS_MAX = 64, /* more runs than this: a frame for SDL_RenderPresent */
    MARKED_RUN_GAP = 8,   /* flat rows between two runs that still join them (fewer requests) */
};

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

#if defined(KIOSK_HAVE_X11) && defined(SDL_VIDEO_DRIVER_X11)
/* The window's background made a 1 x h pixmap of the frame's first column. Returns whether it was. */
static bool set_column_background(Display *dpy, Window win, const SDL_Surface *frame)
{
    XWindowAttributes attr;
    if (!XGetWindowAttributes(dpy, win, &attr)) {
        return false;
    }
    bool done = false;
    char *data = malloc((size_t)frame->h * 4);
    XImage *img = data ? XCreateImage(dpy, attr.visual, (unsigned)attr.depth, ZPixmap, 0, data, 1,
                                      (unsigned)frame->h, 32, 4)
                       : NULL;
    if (!img) {
        free(data);
        return false;
    }
    Pixmap column = XCreatePixmap(dpy, win, 1, (unsigned)frame->h, (unsigned)attr.depth);
    GC gc = XCreateGC(dpy, column, 0, NULL);
    if (gc) {
        for (int y = 0; y < frame->h; y++) { /* the surface's pixels are the visual's pixel values */
            Uint32 px;
            memcpy(&px, (const Uint8 *)frame->pixels + (size_t)frame->pitch * (size_t)y, sizeof px);
            XPutPixel(img, 0, y, px);
        }
        XPutImage(dpy, column, gc, img, 0, 0, 0, 0, 1, (unsigned)frame->h);
        XSetWindowBackgroundPixmap(dpy, win, column);
        XClearWindow(dpy, win); /* on SDL's connection: done before the runs SDL sends next */
        XFreeGC(dpy, gc);
        done = true;
    }
    XFreePixmap(dpy, column); /* the window keeps its background */
    XDestroyImage(img);       /* frees data */
    return done;
}
#endif

bool backdrop_present_marked(SDL_Window *window, SDL_Renderer *renderer)
{
    bool done = false;
#if defined(KIOSK_HAVE_X11) && defined(SDL_VIDEO_DRIVER_X11)
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    SDL_Surface *frame = window_frame(window, renderer); /* NULL: not the software renderer */
    if (!frame || !SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) {
        return false;
    }
    SDL_RenderFlush(renderer); /* what was drawn, in the frame */
    flatrows_rect runs[MARKED_RUNS_MAX];
    int n = frame->format->BytesPerPixel == 4 ? flatrows_find(frame->pixels, (size_t)frame->pitch, frame->w,
                                                              frame->h, MARKED_RUN_GAP, runs, MARKED_RUNS_MAX)
                                              : -1;
    if (n < 0 || flatrows_area(runs, n) > (long)frame->w * frame->h / 2 ||
        !set_column_background(info.info.x11.display, info.info.x11.window, frame)) {
        return false;
    }
    SDL_Rect rects[MARKED_RUNS_MAX];
    for (int i = 0; i < n; i++) {
        rects[i] = (SDL_Rect){runs[i].x, runs[i].y, runs[i].w, runs[i].h};
    }
    if (n == 0) { /* every row flat: the server paints the whole frame */
        XSync(info.info.x11.display, False);
        done = true;
    } else {
        done = SDL_UpdateWindowSurfaceRects(window, rects, n) == 0;
    }
#else
    (void)window;
    (void)renderer;
#endif
    return done;
}
