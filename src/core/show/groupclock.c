/* groupclock: see groupclock.h. */
#include "groupclock.h"

gc_pos groupclock_at(const uint32_t *durations, size_t count, uint32_t transition_ms, int64_t epoch_ms,
                     int64_t wall_ms)
{
    gc_pos p = {.index = 0, .start_ms = wall_ms, .next_ms = INT64_MAX, .round_ms = 0};
    int64_t round = 0;
    for (size_t i = 0; i < count; i++) {
        round += (int64_t)durations[i] + (int64_t)transition_ms;
    }
    if (count == 0 || round <= 0) {
        return p;
    }
    p.round_ms = round;
    int64_t since = wall_ms - epoch_ms;
    int64_t in_round = since % round;
    if (in_round < 0) { /* before the epoch: the rounds extend backwards */
        in_round += round;
    }
    int64_t round_start = wall_ms - in_round;
    int64_t at = 0;
    for (size_t i = 0; i < count; i++) {
        int64_t len = (int64_t)durations[i] + (int64_t)transition_ms;
        if (in_round < at + len) {
            p.index = i;
            p.start_ms = round_start + at;
            p.next_ms = round_start + at + len;
            break;
        }
        at += len;
    }
    return p;
}

uint64_t groupclock_fingerprint(const uint32_t *durations, size_t count, uint32_t transition_ms)
{
    uint64_t h = 1469598103934665603ULL;
    uint64_t words[2] = {count, transition_ms};
    for (size_t w = 0; w < 2 + count; w++) {
        uint64_t v = w < 2 ? words[w] : durations[w - 2];
        for (int b = 0; b < 8; b++) {
            h ^= (v >> (8 * b)) & 0xffu;
            h *= 1099511628211ULL;
        }
    }
    return h;
}
