/* render_out: `--render DIR`: draws every slide at rest, in show order, into DIR/001.png, DIR/002.png, ...
 * with a software renderer (no display needed), and writes DIR/slides.txt, a manifest of what each
 * slide shows as laid out (kind, source, and its text lines), for tests and for staff. */
#ifndef KIOSK_RENDER_OUT_H
#define KIOSK_RENDER_OUT_H

/* Returns the process exit code: 0 when every slide was written, 3 when the output cannot be written. */
int render_out_run(const char *content_dir, const char *out_dir, int w, int h, double speed);

#endif
