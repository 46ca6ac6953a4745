/* gesture: the touch state machine turning finger events into taps and swipes. Pure.
 * Coordinates are normalized to 0..1 of the screen (as SDL gives them). One finger is tracked; other
 * fingers touching meanwhile are ignored. A tap is a press released without moving far; a swipe is a
 * mostly horizontal move of at least swipe_min (fraction of width). One physical touch gives at most
 * one result. */
#ifndef KIOSK_GESTURE_H
#define KIOSK_GESTURE_H

#include <stdint.h>

typedef enum { GESTURE_IDLE, GESTURE_PRESSED, GESTURE_DRAGGING, GESTURE_HELD } gesture_state;
typedef enum {
    GESTURE_NONE,
    GESTURE_TAP,
    GESTURE_SWIPE_LEFT,
    GESTURE_SWIPE_RIGHT,
    GESTURE_LONG_PRESS /* held without moving for long_press_ms; its release then gives nothing */
} gesture_result;

typedef struct {
    gesture_state state;
    int64_t finger;
    float x0, y0; /* where the tracked finger went down */
    float x, y;   /* where it is now */
    uint64_t t0;
    float slop;             /* movement that still counts as a tap (default 0.03) */
    float swipe_min;        /* horizontal distance for a swipe (default 0.08) */
    uint32_t long_press_ms; /* a press held this long without moving is a long press (default 3000) */
} gesture;

void gesture_init(gesture *g);
gesture_result gesture_down(gesture *g, int64_t finger, float x, float y, uint64_t now);
gesture_result gesture_motion(gesture *g, int64_t finger, float x, float y, uint64_t now);
gesture_result gesture_up(gesture *g, int64_t finger, float x, float y, uint64_t now);
/* Time passing: reports a long press once the tracked finger has been held still long enough. */
gesture_result gesture_poll(gesture *g, uint64_t now);
/* When gesture_poll may next report something (UINT64_MAX: nothing pending). */
uint64_t gesture_deadline(const gesture *g);
/* Forget a touch in progress (e.g. the window lost focus). */
void gesture_cancel(gesture *g);

#endif
