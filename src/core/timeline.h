/* timeline: what is on screen at time t. Timers as data: the show's slide durations, the moment the
 * current slide appeared and the last visitor input are all the state; every question is answered
 * from them for a given `now` (milliseconds on any monotonic clock). Pure, no clock of its own.
 *
 * Rules: a slide stays for its duration, then crossfades to the next (wrapping around) over
 * transition_ms. An input action moves at once. After an input, auto-advance waits until the slide's
 * duration has passed AND idle_resume_ms have passed since the last input. One slide: no transitions. */
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
    bool first; /* appeared without a transition (first slide, jump) */
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
tl_frame timeline_frame(const timeline *t, uint64_t now);
/* The next moment the picture changes: now + frame_ms while a transition runs, else the auto-advance time.
 * UINT64_MAX when nothing will ever change (one slide). */
uint64_t timeline_next_deadline(const timeline *t, uint64_t now, uint32_t frame_ms);

#endif
