/* timeline: what is on screen at time t. Timers as data: the show's slide durations, the moment the
 * current slide appeared and the last visitor input are all the state; every question is answered
 * from them for a given `now` (milliseconds on any monotonic clock). Pure, no clock of its own.
 *
 * Rules: a slide stays for its duration, then crossfades to the next (wrapping around) over
 * transition_ms. An input action moves at once. After an input, auto-advance waits until the slide's
 * duration has passed AND idle_resume_ms have passed since the last input. One slide: no transitions.
 *
 * Group mode ([sync] group, issue 17): the slide on screen follows the wall clock (groupclock.h) instead
 * of the slide's own start. The caller tells the timeline the offset wall - now (re-read at every
 * boundary and after a clock step); at each update the slide is the one the clock says, its transition
 * starting at the group's boundary (not when the update came). A visitor's input takes the screen out of
 * step until idle_resume_ms after the last input; then it fades to the group's current slide. */
#ifndef KIOSK_TIMELINE_H
#define KIOSK_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { TL_NEXT, TL_PREV } tl_action;

typedef struct {
    uint32_t *durations; /* owned copy */
    size_t count;
    uint32_t transition_ms;
    uint32_t idle_resume_ms;
    size_t current;    /* slide on screen (the target of a running transition) */
    size_t previous;   /* slide faded out by the running transition */
    uint64_t shown_at; /* when current started to appear (transition start) */
    uint64_t last_input;
    bool has_input;
    bool first;          /* appeared without a transition (first slide, jump) */
    bool grouped;        /* group mode: the wall clock decides (timeline_group) */
    int64_t epoch_ms;    /* group mode: the rounds' epoch, wall-clock ms */
    int64_t wall_offset; /* group mode: wall-clock ms minus `now` (timeline_set_wall) */
} timeline;

typedef struct {
    size_t from;    /* slide fading out (== to when there is no transition) */
    size_t to;      /* slide fading in / on screen */
    float progress; /* 0..1, already eased; 1 when at rest */
    bool in_transition;
} tl_frame;

/* Copies durations (count >= 1). Returns 0 or -1 when out of memory. */
int timeline_init(timeline *t, const uint32_t *durations, size_t count, uint32_t transition_ms,
                  uint32_t idle_resume_ms, uint64_t now);
void timeline_free(timeline *t);
/* Advances automatically if due. Returns true when the current slide changed. */
bool timeline_update(timeline *t, uint64_t now);
/* A visitor action: moves at once (from whatever is on screen). Returns true when the slide changed. */
bool timeline_action(timeline *t, tl_action a, uint64_t now);
/* Jumps to slide i without a transition (used when a show is replaced). */
void timeline_jump(timeline *t, size_t i, uint64_t now);
/* Slide `to` instead of the current one (the slide on screen, or the target of a running transition), which
 * cannot be shown (its picture failed): only the slide changes; a running transition goes on to `to` on
 * the same time, and the last input and the auto-advance's start stay as they are (the slide's time is
 * then `to`'s duration). `to` out of range: nothing changes. The only write of `current` from outside
 * the timeline's own moves. */
void timeline_skip(timeline *t, size_t to);
/* Group mode on: from now on the slide follows the wall clock (see above). wall_offset = wall-clock ms
 * minus `now`. Jumps at once (no transition) to the slide the clock says: a screen started late joins
 * at the current slide. */
void timeline_group(timeline *t, int64_t epoch_ms, int64_t wall_offset, uint64_t now);
/* Group mode: the clock moved (a step, or the offset re-read at a boundary). The next update derives
 * the slide again from it. */
void timeline_set_wall(timeline *t, int64_t wall_offset);
/* Group mode: true while a visitor's input keeps this screen out of step. */
bool timeline_out_of_step(const timeline *t, uint64_t now);
tl_frame timeline_frame(const timeline *t, uint64_t now);
/* The next moment the picture changes: now + frame_ms while a transition runs, else the auto-advance time.
 * UINT64_MAX when nothing will ever change (one slide). */
uint64_t timeline_next_deadline(const timeline *t, uint64_t now, uint32_t frame_ms);

#endif
