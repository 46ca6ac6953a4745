/* content_log: one problem of the content (a file, or the folder) written to the log, the one place the
 * events content-error and content-warning are built: level=error event=content-error (or level=warn
 * event=content-warning) path=PATH [line=N] reason=TEXT. Used for the problems of a scan (loader) and for
 * those found later, when a picture fails to decode (slide_cache, --render). No state. */
#ifndef KIOSK_CONTENT_LOG_H
#define KIOSK_CONTENT_LOG_H

#include "diag.h"

/* line <= 0: no line= field. */
void content_log_problem(diag_severity severity, const char *path, int line, const char *reason);

#endif
