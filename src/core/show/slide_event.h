/* slide_event: the one builder of the log's event=slide line (issue 18), used by the live kiosk (app.c)
 * and by --render (render_out.c). Owned by the sync work (issue 17). */
#ifndef KIOSK_SLIDE_EVENT_H
#define KIOSK_SLIDE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "show.h"

/* event=slide index=(i+1) count=N kind=K source=S, and wall_ms=W when wall_ms >= 0 (a screen of a
 * group: CLOCK_REALTIME in ms when the slide's first frame was presented). */
void slide_event_log(size_t i, size_t count, const slide *s, int64_t wall_ms);

#endif
