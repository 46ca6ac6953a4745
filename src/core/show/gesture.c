/* gesture: see gesture.h. Each event is a switch over every state with no default case, so a new state
 * that is not handled everywhere is a -Wswitch warning (an error with KIOSK_WERROR). */
#include "gesture.h"

#include <math.h>
#include <stdbool.h>

void gesture_init(gesture *g)
{
    *g = (gesture){.state = GESTURE_IDLE, .slop = 0.03f, .swipe_min = 0.08f, .long_press_ms = 3000};
}

void gesture_cancel(gesture *g)
{
    g->state = GESTURE_IDLE;
}

static bool beyond_slop(const gesture *g)
{
    return hypotf(g->x - g->x0, g->y - g->y0) > g->slop;
}

/* The result of releasing a finger that did not move beyond the slop: a tap, or a long press when it was
 * held long enough and no gesture_poll reported it yet. */
static gesture_result press_result(const gesture *g, uint64_t now)
{
    return now - g->t0 >= g->long_press_ms ? GESTURE_LONG_PRESS : GESTURE_TAP;
}

gesture_result gesture_poll(gesture *g, uint64_t now)
{
    switch (g->state) {
    case GESTURE_PRESSED:
        if (now - g->t0 >= g->long_press_ms) {
            g->state = GESTURE_HELD;
            return GESTURE_LONG_PRESS;
        }
        break;
    case GESTURE_IDLE:
    case GESTURE_DRAGGING:
    case GESTURE_HELD:
        break;
    }
    return GESTURE_NONE;
}

uint64_t gesture_deadline(const gesture *g)
{
    switch (g->state) {
    case GESTURE_PRESSED:
        return g->t0 + g->long_press_ms;
    case GESTURE_IDLE:
    case GESTURE_DRAGGING:
    case GESTURE_HELD:
        break;
    }
    return UINT64_MAX;
}

/* The result of releasing a finger that was dragged: a mostly horizontal move far enough is a swipe. */
static gesture_result drag_result(const gesture *g)
{
    float dx = g->x - g->x0;
    float dy = g->y - g->y0;
    if (fabsf(dx) < g->swipe_min || fabsf(dx) <= 1.5f * fabsf(dy)) {
        return GESTURE_NONE;
    }
    return dx > 0 ? GESTURE_SWIPE_RIGHT : GESTURE_SWIPE_LEFT;
}

gesture_result gesture_down(gesture *g, int64_t finger, float x, float y, uint64_t now)
{
    switch (g->state) {
    case GESTURE_IDLE:
        g->state = GESTURE_PRESSED;
        g->finger = finger;
        g->x0 = g->x = x;
        g->y0 = g->y = y;
        g->t0 = now;
        break;
    case GESTURE_PRESSED:
    case GESTURE_DRAGGING:
    case GESTURE_HELD:
        break; /* another finger while one is tracked: ignored */
    }
    return GESTURE_NONE;
}

gesture_result gesture_motion(gesture *g, int64_t finger, float x, float y, uint64_t now)
{
    switch (g->state) {
    case GESTURE_IDLE:
        break;
    case GESTURE_PRESSED:
        if (finger != g->finger) {
            break;
        }
        g->x = x;
        g->y = y;
        if (beyond_slop(g)) {
            g->state = GESTURE_DRAGGING;
        }
        break;
    case GESTURE_DRAGGING:
        if (finger != g->finger) {
            break;
        }
        g->x = x;
        g->y = y;
        break;
    case GESTURE_HELD:
        break; /* the long press was reported: moving now changes nothing */
    }
    return GESTURE_NONE;
}

gesture_result gesture_up(gesture *g, int64_t finger, float x, float y, uint64_t now)
{
    gesture_result r = GESTURE_NONE;
    switch (g->state) {
    case GESTURE_IDLE:
        break;
    case GESTURE_PRESSED:
    case GESTURE_DRAGGING:
        if (finger != g->finger) {
            break;
        }
        /* The release point counts too: a fast flick may arrive with no motion event in between. */
        g->x = x;
        g->y = y;
        if (g->state == GESTURE_PRESSED && !beyond_slop(g)) {
            r = press_result(g, now);
        } else {
            r = drag_result(g);
        }
        g->state = GESTURE_IDLE;
        break;
    case GESTURE_HELD:
        if (finger == g->finger) {
            g->state = GESTURE_IDLE; /* its long press was already reported */
        }
        break;
    }
    return r;
}
