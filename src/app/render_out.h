/* render_out: `--render DIR`: draws every slide at rest, in show order, into DIR/001.png, DIR/002.png, ...
 * with a software renderer (no display needed), and writes DIR/slides.txt, a manifest of what each
 * slide shows as laid out (kind, source, and its text lines), for tests and for staff. */
#ifndef KIOSK_RENDER_OUT_H
#define KIOSK_RENDER_OUT_H

#include <stddef.h>

#include <SDL.h>

#include "cli.h"
#include "show.h"

/* Called for each slide in show order, drawn at rest into pixels (w x h, ARGB8888); index counts the
 * slides shown (pictures that fail to decode are logged and left out, as in the live show). Returns 0 to
 * go on, -1 to stop. */
typedef int (*render_slide_fn)(void *user, size_t index, const slide *s, SDL_Surface *pixels);
/* Loads the exhibit (the folder with its kiosk.conf and playlist.txt, the command line cli over them),
 * lays it out for w x h, and calls fn for each slide. Returns 0, or 3 when drawing fails or fn stops. */
int render_each(const cli_options *cli, const char *content_dir, int w, int h, render_slide_fn fn,
                void *user);

/* --render: the slides at cli's --size into out_dir. Returns the process exit code: 0 when every slide
 * was written, 3 when the output cannot be written. */
int render_out_run(const cli_options *cli, const char *content_dir, const char *out_dir);

#endif
