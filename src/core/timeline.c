/* timeline: see timeline.h. Every answer is derived from (current, previous, shown_at, last_input) and
 * `now`; nothing counts frames, so a late or skipped update never shifts the schedule by more than one
 * slide. */
#include "timeline.h"

#include <stdlib.h>
#include <string.h>

int timeline_init(timeline *t, const uint32_t *durations, size_t count, uint32_t transition_ms,
                  uint32_t idle_resume_ms, uint64_t now)
{
    memset(t, 0, sizeof *t);
    if (count == 0 || durations == NULL)
        return -1;
    t->durations = malloc(count * sizeof *t->durations);
    if (t->durations == NULL)
        return -1;
    memcpy(t->durations, durations, count * sizeof *t->durations);
    t->count = count;
    t->transition_ms = transition_ms;
    t->idle_resume_ms = idle_resume_ms;
    t->shown_at = now;
    t->first = true;
    return 0;
}

void timeline_free(timeline *t)
{
    free(t->durations);
    memset(t, 0, sizeof *t);
}

/* When the current slide is fully in: `first` marks a slide that appeared without a transition (the
 * first slide after init, or after a jump). */
static uint64_t fully_in_at(const timeline *t)
{
    return t->first ? t->shown_at : t->shown_at + t->transition_ms;
}

/* When auto-advance is due: the slide's duration counted from when it is fully in, and not before
 * idle_resume_ms after the last visitor input. */
static uint64_t due_at(const timeline *t)
{
    uint64_t due = fully_in_at(t) + t->durations[t->current];
    if (t->has_input) {
        uint64_t resume = t->last_input + t->idle_resume_ms;
        if (resume > due)
            due = resume;
    }
    return due;
}

static void start_transition(timeline *t, size_t to, uint64_t now)
{
    /* A transition interrupted by another starts from its target, the slide becoming most visible. */
    t->previous = t->current;
    t->current = to;
    t->shown_at = now;
    t->first = false;
}

bool timeline_update(timeline *t, uint64_t now)
{
    if (t->count <= 1 || now < due_at(t))
        return false;
    /* shown_at = now (not the due time): after a long suspend this moves one slide, not many. */
    start_transition(t, (t->current + 1) % t->count, now);
    return true;
}

bool timeline_action(timeline *t, tl_action a, uint64_t now)
{
    if (t->count <= 1)
        return false;
    size_t to = 0;
    switch (a) {
    case TL_NEXT:
        to = (t->current + 1) % t->count;
        break;
    case TL_PREV:
        to = (t->current + t->count - 1) % t->count;
        break;
    }
    start_transition(t, to, now);
    t->has_input = true;
    t->last_input = now;
    return true;
}

void timeline_jump(timeline *t, size_t i, uint64_t now)
{
    t->current = i < t->count ? i : 0;
    t->previous = t->current;
    t->shown_at = now;
    t->first = true;
}

tl_frame timeline_frame(const timeline *t, uint64_t now)
{
    tl_frame f = {.from = t->current, .to = t->current, .progress = 1.0f, .in_transition = false};
    if (t->count <= 1 || t->first || now >= t->shown_at + t->transition_ms)
        return f;
    uint64_t elapsed = now > t->shown_at ? now - t->shown_at : 0;
    double p = (double)elapsed / (double)t->transition_ms;
    f.from = t->previous;
    f.progress = (float)(p * p * (3.0 - 2.0 * p));
    f.in_transition = true;
    return f;
}

uint64_t timeline_next_deadline(const timeline *t, uint64_t now, uint32_t frame_ms)
{
    if (t->count <= 1)
        return UINT64_MAX;
    if (timeline_frame(t, now).in_transition)
        return now + frame_ms;
    return due_at(t);
}
