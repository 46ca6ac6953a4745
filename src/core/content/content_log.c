/* content_log: see content_log.h. */
#include "content_log.h"

#include "log.h"

void content_log_problem(diag_severity severity, const char *path, int line, const char *reason)
{
    bool error = severity == DIAG_ERROR;
    log_line l;
    log_begin(&l, error ? LOG_ERROR : LOG_WARN, error ? "content-error" : "content-warning");
    log_str(&l, "path", path);
    if (line > 0) {
        log_int(&l, "line", line);
    }
    log_str(&l, "reason", reason);
    log_end(&l);
}
