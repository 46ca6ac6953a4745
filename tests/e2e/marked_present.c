/* marked_present: backdrop_present_marked (src/app/backdrop.c) against a real X server, as
 * kiosk_e2e.sh marked runs it under Xvfb. A frame presented by sending only its marked runs must be, on
 * the server, pixel for pixel the frame SDL's software renderer drew: the window is read back with
 * XGetImage after each present. Three frames, one after the other in one window:
 *   1. a slide: a vertical gradient, a band, full-width rules, marks of text and an emblem on it;
 *   2. a frame of flat rows alone (another gradient): nothing to send, the server paints it all, and
 *      nothing of frame 1's marks may be left;
 *   3. noise over most of the frame: not presented so (false), then SDL_RenderPresent, as screen.c does.
 * Exit status 0 when all hold; 1 with a message naming the frame and the first pixel that differs. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>
#include <SDL_syswm.h>
#include <X11/Xutil.h>

#include "backdrop.h"

enum { W = 800, H = 480 };

static SDL_Color rgb(int r, int g, int b)
{
    return (SDL_Color){(Uint8)r, (Uint8)g, (Uint8)b, 255};
}

static void fill(SDL_Renderer *r, SDL_Color c, int x, int y, int w, int h)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
    SDL_RenderFillRect(r, &(SDL_Rect){x, y, w, h});
}

static void gradient(SDL_Renderer *r, int top, int bottom)
{
    for (int y = 0; y < H; y++) {
        int v = top + (bottom - top) * y / (H - 1);
        fill(r, rgb(v, v, v + 2), 0, y, W, 1);
    }
}

static void draw_slide(SDL_Renderer *r)
{
    gradient(r, 30, 14);
    fill(r, rgb(9, 9, 10), 0, 420, W, 60);      /* the banner's band */
    fill(r, rgb(138, 28, 36), 0, 418, W, 2);    /* its rule */
    fill(r, rgb(138, 28, 36), 360, 200, 80, 3); /* a short rule: marked */
    for (int i = 0; i < 40; i++) {              /* "text": strokes of varying grey */
        int g = 140 + (i * 37) % 100;
        fill(r, rgb(g, g - 4, g - 12), 120 + i * 14, 130 + (i % 3) * 9, 9, 30);
        fill(r, rgb(g, g, g), 250 + i * 7, 240 + (i % 5) * 4, 5, 18);
        fill(r, rgb(200, 200, 200), 300 + i * 5, 440, 3, 16);
    }
    fill(r, rgb(200, 170, 90), 0, 40, 24, 24);   /* at the left edge: column 0 differs there */
    fill(r, rgb(200, 170, 90), W - 6, 90, 6, 6); /* at the right edge */
}

static void draw_noise(SDL_Renderer *r)
{
    gradient(r, 20, 40);
    for (int y = 0; y < H; y += 2) {
        for (int x = 0; x < W; x += 16) {
            fill(r, rgb((x * 7 + y) % 256, (y * 3) % 256, (x + y * 5) % 256), x, y, 9, 2);
        }
    }
}

/* Compares the window on the server with the surface the renderer drew into. */
static bool same_on_server(SDL_Window *window, const char *what)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    SDL_Surface *frame = SDL_GetWindowSurface(window);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11 || !frame) {
        fprintf(stderr, "FAIL: %s: not an X11 window with a surface: %s\n", what, SDL_GetError());
        return false;
    }
    XSync(info.info.x11.display, False);
    XImage *img = XGetImage(info.info.x11.display, info.info.x11.window, 0, 0, W, H, AllPlanes, ZPixmap);
    if (!img) {
        fprintf(stderr, "FAIL: %s: XGetImage of the window failed\n", what);
        return false;
    }
    bool same = true;
    for (int y = 0; y < H && same; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)frame->pixels + (size_t)frame->pitch * (size_t)y);
        for (int x = 0; x < W; x++) {
            unsigned long on_server = XGetPixel(img, x, y) & 0xffffffUL;
            unsigned long drawn = row[x] & 0xffffffUL;
            if (on_server != drawn) {
                fprintf(stderr, "FAIL: %s: pixel (%d,%d) is %06lx on the server, %06lx as drawn\n", what, x,
                        y, on_server, drawn);
                same = false;
                break;
            }
        }
    }
    XDestroyImage(img);
    if (same) {
        printf("%s: the window on the server is the frame as drawn, pixel for pixel\n", what);
    }
    return same;
}

int main(void)
{
    int rc = 1;
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0"); /* as display.c sets it for the software renderer */
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "FAIL: SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Window *window =
        SDL_CreateWindow("marked_present", 0, 0, W, H, SDL_WINDOW_SHOWN | SDL_WINDOW_BORDERLESS);
    SDL_Renderer *r = window ? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!r) {
        fprintf(stderr, "FAIL: no window or software renderer: %s\n", SDL_GetError());
        goto done;
    }
    if (!backdrop_paint(window, rgb(14, 14, 16))) {
        fprintf(stderr, "FAIL: backdrop_paint: not done on an X11 window\n");
        goto done;
    }
    draw_slide(r);
    if (!backdrop_present_marked(window, r)) {
        fprintf(stderr, "FAIL: the slide was not presented by its marked runs\n");
        goto done;
    }
    if (!same_on_server(window, "1 (slide)")) {
        goto done;
    }
    gradient(r, 60, 10);
    if (!backdrop_present_marked(window, r)) {
        fprintf(stderr, "FAIL: the flat frame was not presented by its (no) marked runs\n");
        goto done;
    }
    if (!same_on_server(window, "2 (flat rows only)")) {
        goto done;
    }
    draw_noise(r);
    if (backdrop_present_marked(window, r)) {
        fprintf(stderr, "FAIL: a frame of noise was presented by its marked runs (most of it is marked)\n");
        goto done;
    }
    SDL_RenderPresent(r);
    if (!same_on_server(window, "3 (noise, SDL_RenderPresent)")) {
        goto done;
    }
    rc = 0;
done:
    if (r) {
        SDL_DestroyRenderer(r);
    }
    if (window) {
        SDL_DestroyWindow(window);
    }
    SDL_Quit();
    return rc;
}
