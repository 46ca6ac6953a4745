/* app: the live kiosk: window, renderer, event loop. SDL events are first translated into the core's
 * actions (timeline_action, gesture); the loop sleeps until the next deadline and draws only when the
 * picture changes, so a still slide costs no CPU. */
#ifndef KIOSK_APP_H
#define KIOSK_APP_H

#include "cli.h"

/* Runs until quit. Returns the process exit code (0, or 3 when no display can be opened). */
int app_run(const cli_options *opts, const char *content_dir);

#endif
