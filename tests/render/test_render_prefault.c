/* The window frame paged in on another thread (src/app/frame_prefault.c), in-process on SDL's dummy video
 * driver with the software renderer (the dummy driver's frame is SDL's own malloc'ed surface, like X11's
 * without MIT-SHM; under ASan this also proves that the thread reads nothing outside the frame):
 *   - it starts for the software renderer's window and changes no pixel of the frame (a pattern written
 *     into the frame before it starts is the same after it ends);
 *   - what the renderer draws after frame_prefault_finish reaches the frame whole;
 *   - without a renderer it does nothing (NULL), and frame_prefault_finish(NULL) is harmless (an
 *     accelerated renderer, which has no frame in the process, takes the same path; the dummy driver
 *     has none to show it). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <SDL.h>

#include "frame_prefault.h"

#define W 1280
#define H 720

typedef struct {
    SDL_Window *window;
    SDL_Renderer *renderer;
} win;

static void win_open(win *w)
{
    w->window = SDL_CreateWindow("prefault", 0, 0, W, H, 0);
    assert_non_null(w->window);
    w->renderer = SDL_CreateRenderer(w->window, -1, SDL_RENDERER_SOFTWARE);
    assert_non_null(w->renderer);
}

static void win_close(win *w)
{
    SDL_DestroyRenderer(w->renderer);
    SDL_DestroyWindow(w->window);
}

/* Row y of the frame's pixels (4 bytes each). */
static Uint32 *frame_row(const SDL_Surface *frame, int y)
{
    return (Uint32 *)((Uint8 *)frame->pixels + (size_t)y * (size_t)frame->pitch);
}

static Uint32 pattern_at(int x, int y)
{
    return 0xff000000u | ((Uint32)(x * 7 + y * 13) & 0xffffffu);
}

static void test_frame_unchanged(void **state)
{
    (void)state;
    win w;
    win_open(&w);
    SDL_Surface *frame = SDL_GetWindowSurface(w.window);
    assert_non_null(frame);
    assert_int_equal(frame->format->BytesPerPixel, 4);
    for (int y = 0; y < frame->h; y++) {
        Uint32 *row = frame_row(frame, y);
        for (int x = 0; x < frame->w; x++) {
            row[x] = pattern_at(x, y);
        }
    }
    frame_prefault *p = frame_prefault_start(w.window, w.renderer);
    assert_non_null(p); /* the software renderer's window: the thread runs */
    frame_prefault_finish(p);
    assert_ptr_equal(SDL_GetWindowSurface(w.window), frame); /* the same frame: nothing made anew */
    int changed = 0;
    for (int y = 0; y < frame->h; y++) {
        const Uint32 *row = frame_row(frame, y);
        for (int x = 0; x < frame->w; x++) {
            changed += row[x] != pattern_at(x, y);
        }
    }
    assert_int_equal(changed, 0);
    win_close(&w);
}

static void test_drawn_after_finish(void **state)
{
    (void)state;
    win w;
    win_open(&w);
    frame_prefault *p = frame_prefault_start(w.window, w.renderer);
    assert_non_null(p);
    frame_prefault_finish(p); /* as screen_frame_begin does before the first frame */
    SDL_SetRenderDrawColor(w.renderer, 14, 14, 16, 255);
    SDL_RenderClear(w.renderer);
    SDL_Rect box = {100, 200, 300, 40};
    SDL_SetRenderDrawColor(w.renderer, 200, 30, 40, 255);
    SDL_RenderFillRect(w.renderer, &box);
    SDL_RenderPresent(w.renderer);
    SDL_Surface *frame = SDL_GetWindowSurface(w.window);
    assert_non_null(frame);
    int wrong = 0;
    for (int y = 0; y < H; y++) {
        const Uint32 *row = frame_row(frame, y);
        for (int x = 0; x < W; x++) {
            Uint32 px = row[x];
            Uint8 r, g, b;
            SDL_GetRGB(px, frame->format, &r, &g, &b);
            SDL_Point pt = {x, y};
            int inside = SDL_PointInRect(&pt, &box);
            wrong += inside ? !(r == 200 && g == 30 && b == 40) : !(r == 14 && g == 14 && b == 16);
        }
    }
    assert_int_equal(wrong, 0);
    win_close(&w);
}

static void test_nothing_to_do(void **state)
{
    (void)state;
    SDL_Window *window = SDL_CreateWindow("prefault", 0, 0, 320, 200, 0);
    assert_non_null(window);
    assert_null(frame_prefault_start(window, NULL)); /* no renderer: nothing to page in */
    frame_prefault_finish(NULL);
    SDL_DestroyWindow(window);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frame_unchanged),
        cmocka_unit_test(test_drawn_after_finish),
        cmocka_unit_test(test_nothing_to_do),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
