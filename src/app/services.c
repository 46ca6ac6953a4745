/* services: see services.h. */
#include "services.h"

#include <stdlib.h>

#include "beacon.h"

#define RELOAD_SETTLE_MS 2000 /* quiet time after the last change to the folder before it is read again */

void services_init(services *s)
{
    *s = (services){.mode = SCHEDULE_SHOW, .remembrance = -1, .sync = {.step_fd = -1}};
}

void services_fini(services *s)
{
    reload_close(s->reload);
    s->reload = NULL;
    wallclock_step_close(s->sync.step_fd);
    s->sync.step_fd = -1;
    beacon_close(s->peers.beacon);
    s->peers.beacon = NULL;
    exhibit_free(s->pending);
    s->pending = NULL;
    notice_free(s->notice);
    s->notice = NULL;
}

void services_open_reload(services *s, const char *content_dir, const cli_options *opts, bool whole_now)
{
    const char *settle = getenv("KIOSK_RELOAD_SETTLE_MS"); /* tests shorten it */
    s->reload = reload_open(content_dir, opts,
                            settle && atoi(settle) > 0 ? (uint32_t)atoi(settle) : RELOAD_SETTLE_MS);
    if (whole_now) {
        reload_request(s->reload); /* the whole exhibit, at once */
    }
}
