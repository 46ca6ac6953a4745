/* app: the live kiosk: window, renderer, event loop. SDL events are first translated into the core's
 * actions (timeline_action, gesture); the loop sleeps until the next deadline and draws only when the
 * picture changes, so a still slide costs no CPU.
 *
 * Pictures are decoded on the decoder's worker thread (decoder.c), the current slide first, then the
 * next and the previous; the worker wakes the loop with an SDL user event when one is ready, and the
 * textures are made here, on the render thread (slide_cache.c). The loop never waits for a decode:
 *   - an auto-advance whose next picture is not decoded yet waits to START (the current slide stays),
 *     up to AUTO_WAIT_MS (10 s, scaled by --speed); after that it goes on with a placeholder;
 *   - a visitor's tap, key or swipe is answered at once: a slide whose picture is not there yet appears
 *     as a quiet placeholder (its background, caption strip and banner, no photo), and the photo fades in
 *     (SLIDE_CACHE_REVEAL_MS) once it is decoded and the transition has ended. A running transition is
 *     never changed mid-way: it blends the textures it started with, on time;
 *   - a picture that turns out to be unreadable after its slide was chosen is logged (content-error)
 *     and the show moves on in the same direction; known-bad pictures are skipped.
 * Ken Burns slides (--fit kenburns) are redrawn at about 30 frames per second while their slow motion
 * runs (the slide's duration and its two transitions), then rest like any other slide. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include "cli.h"

/* Runs until quit. Returns the process exit code (0, or 3 when no display can be opened). */
int app_run(const cli_options *opts, const char *content_dir);

#endif
