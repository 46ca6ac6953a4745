/* framestats: see framestats.h. */
#include "framestats.h"

#include <string.h>

void framestats_init(framestats *s, uint32_t period_ms)
{
    memset(s, 0, sizeof *s);
    s->period_ms = period_ms ? period_ms : 16;
}

void framestats_frame(framestats *s, uint64_t now_ms, int animated)
{
    if (animated && s->last_ms && now_ms >= s->last_ms) {
        uint64_t d = now_ms - s->last_ms;
        uint32_t ms = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
        s->bins[ms < FRAMESTATS_BINS - 1 ? ms : FRAMESTATS_BINS - 1]++;
        s->frames++;
        if (ms > 2 * s->period_ms) {
            s->late++;
        }
        if (ms > s->worst_ms) {
            s->worst_ms = ms;
        }
    }
    s->last_ms = animated ? now_ms : 0;
}

uint32_t framestats_percentile(const framestats *s, double p)
{
    if (s->frames == 0) {
        return 0;
    }
    uint64_t want = (uint64_t)(p / 100.0 * (double)s->frames + 0.999999);
    if (want < 1) {
        want = 1;
    }
    uint64_t seen = 0;
    for (uint32_t i = 0; i < FRAMESTATS_BINS; i++) {
        seen += s->bins[i];
        if (seen >= want) {
            return i;
        }
    }
    return FRAMESTATS_BINS - 1;
}
