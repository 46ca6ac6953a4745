/* syncswitch: see syncswitch.h. */
#include "syncswitch.h"

#include "groupclock.h"

sw_plan syncswitch_plan(const uint32_t *durations, size_t count, uint32_t transition_ms, int64_t epoch_ms,
                        int64_t since_ms, uint32_t delay_ms, int64_t arrived_ms, bool peer_shows)
{
    sw_plan p = {.due_ms = since_ms + (int64_t)delay_ms, .switch_ms = 0, .late = false, .behind = peer_shows};
    gc_pos at = groupclock_at(durations, count, transition_ms, epoch_ms, p.due_ms);
    p.switch_ms = at.start_ms == p.due_ms || at.next_ms == INT64_MAX ? p.due_ms : at.next_ms;
    if (arrived_ms > p.switch_ms) {
        p.late = true;
    }
    return p;
}

bool syncswitch_due(const sw_plan *p, int64_t boundary_ms)
{
    return p->late || p->behind || boundary_ms >= p->switch_ms;
}

bool syncswitch_late(const sw_plan *p, int64_t boundary_ms)
{
    return p->late || (p->behind && boundary_ms < p->switch_ms);
}
