/* timeline: see timeline.h. Every answer is derived from (current, previous, shown_at, last_input) and
 * `now`; nothing counts frames, so a late or skipped update never shifts the schedule by more than one
 * slide. */
#include "timeline.h"

#include "groupclock.h"

#include <stdlib.h>
#include <string.h>

int timeline_init(timeline *t, const uint32_t *durations, size_t count, uint32_t transition_ms,
                  uint32_t idle_resume_ms, uint64_t now)
{
    memset(t, 0, sizeof *t);
    if (count == 0 || !durations) {
        return -1;
    }
    t->durations = malloc(count * sizeof *t->durations);
    if (!t->durations) {
        return -1;
    }
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
        if (resume > due) {
            due = resume;
        }
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

/* Group mode: the group's position at `now`. */
static gc_pos group_at(const timeline *t, uint64_t now)
{
    return groupclock_at(t->durations, t->count, t->transition_ms, t->epoch_ms,
                         (int64_t)now + t->wall_offset);
}

/* `now` of a wall-clock moment (0 when before the start of the monotonic clock). */
static uint64_t mono_of(const timeline *t, int64_t wall)
{
    int64_t m = wall - t->wall_offset;
    return m > 0 ? (uint64_t)m : 0;
}

bool timeline_out_of_step(const timeline *t, uint64_t now)
{
    return t->grouped && t->has_input && now < t->last_input + t->idle_resume_ms;
}

/* The wall/monotonic offset is read again at every boundary; that read can place `now` a few ms before
 * the boundary just crossed, where the group's slide is still the one before this. Not a reason to go
 * back: the group's slide is the previous one and its end, this slide's start, is at most this near. */
#define GROUP_JITTER_MS 250

static bool just_before_this(const timeline *t, gc_pos p, uint64_t now)
{
    return (p.index + 1) % t->count == t->current &&
           p.next_ms - ((int64_t)now + t->wall_offset) <= GROUP_JITTER_MS;
}

/* Group mode: the slide the clock says, with its transition from the group's boundary when that was
 * less than a transition ago; after an input, or a clock step, a fade starting now. */
static bool group_update(timeline *t, uint64_t now)
{
    if (timeline_out_of_step(t, now)) {
        return false;
    }
    bool rejoin = t->has_input;
    t->has_input = false;
    gc_pos p = group_at(t, now);
    if (p.index == t->current || (!rejoin && just_before_this(t, p, now))) {
        return false;
    }
    start_transition(t, p.index, now);
    uint64_t boundary = mono_of(t, p.start_ms);
    if (!rejoin && boundary <= now && now - boundary < t->transition_ms) {
        t->shown_at = boundary;
    }
    return true;
}

void timeline_group(timeline *t, int64_t epoch_ms, int64_t wall_offset, uint64_t now)
{
    t->grouped = true;
    t->epoch_ms = epoch_ms;
    t->wall_offset = wall_offset;
    t->has_input = false;
    timeline_jump(t, group_at(t, now).index, now);
}

void timeline_set_wall(timeline *t, int64_t wall_offset)
{
    t->wall_offset = wall_offset;
}

bool timeline_update(timeline *t, uint64_t now)
{
    if (t->count > 1 && t->grouped) {
        return group_update(t, now);
    }
    if (t->count <= 1 || now < due_at(t)) {
        return false;
    }
    /* shown_at = now (not the due time): after a long suspend this moves one slide, not many. */
    start_transition(t, (t->current + 1) % t->count, now);
    return true;
}

bool timeline_action(timeline *t, tl_action a, uint64_t now)
{
    if (t->count <= 1) {
        return false;
    }
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

void timeline_skip(timeline *t, size_t to)
{
    if (to < t->count) {
        t->current = to;
    }
}

tl_frame timeline_frame(const timeline *t, uint64_t now)
{
    tl_frame f = {.from = t->current, .to = t->current, .progress = 1.0f, .in_transition = false};
    if (t->count <= 1 || t->first || now >= t->shown_at + t->transition_ms) {
        return f;
    }
    uint64_t elapsed = now > t->shown_at ? now - t->shown_at : 0;
    double p = (double)elapsed / (double)t->transition_ms;
    f.from = t->previous;
    f.progress = (float)(p * p * (3.0 - 2.0 * p));
    f.in_transition = true;
    return f;
}

uint64_t timeline_next_deadline(const timeline *t, uint64_t now, uint32_t frame_ms)
{
    if (t->count <= 1) {
        return UINT64_MAX;
    }
    if (timeline_frame(t, now).in_transition) {
        return now + frame_ms;
    }
    if (t->grouped) {
        if (timeline_out_of_step(t, now)) {
            return t->last_input + t->idle_resume_ms;
        }
        gc_pos p = group_at(t, now);
        if (p.index != t->current && (t->has_input || !just_before_this(t, p, now))) {
            return now;
        }
        /* this slide's end, or (the clock read again puts now a few ms before it) its start */
        return mono_of(t, p.next_ms);
    }
    return due_at(t);
}
