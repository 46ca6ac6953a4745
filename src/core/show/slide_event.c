/* slide_event: see slide_event.h. */
#include "slide_event.h"

#include "log.h"

void slide_event_log(size_t i, size_t count, const slide *s, int64_t wall_ms)
{
    log_line l;
    log_begin(&l, LOG_INFO, "slide");
    log_uint(&l, "index", i + 1);
    log_uint(&l, "count", count);
    log_str(&l, "kind", slide_kind_name(s->kind));
    log_str(&l, "source", s->source);
    if (wall_ms >= 0) {
        log_uint(&l, "wall_ms", (uint64_t)wall_ms);
    }
    log_end(&l);
}
