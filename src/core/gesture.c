/* gesture: see gesture.h. Each event is a switch over every state with no default case, so a new state
 * that is not handled everywhere is a -Wswitch warning (an error with KIOSK_WERROR). */
#include "gesture.h"

#include <math.h>
#include <stdbool.h>

/* A press held longer than this without moving is a long press (see press_result). */
#define GESTURE_LONG_PRESS_MS 1500u

void gesture_init(gesture *g)
{
    *g = (gesture){.state = GESTURE_IDLE, .slop = 0.03f, .swipe_min = 0.08f};
}

void gesture_cancel(gesture *g)
{
    g->state = GESTURE_IDLE;
}

static bool beyond_slop(const gesture *g)
{
    return hypotf(g->x - g->x0, g->y - g->y0) > g->slop;
}

/* The result of releasing a finger that did not move beyond the slop. A long press (held longer than
 * GESTURE_LONG_PRESS_MS, now - g->t0) still counts as a tap: the staff long-press gesture goes here. */
static gesture_result press_result(const gesture *g, uint64_t now)
{
    return GESTURE_TAP;
}

/* The result of releasing a finger that was dragged: a mostly horizontal move far enough is a swipe. */
static gesture_result drag_result(const gesture *g)
{
    float dx = g->x - g->x0;
    float dy = g->y - g->y0;
    if (fabsf(dx) < g->swipe_min || fabsf(dx) <= 1.5f * fabsf(dy))
        return GESTURE_NONE;
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
        if (finger != g->finger)
            break;
        g->x = x;
        g->y = y;
        if (beyond_slop(g))
            g->state = GESTURE_DRAGGING;
        break;
    case GESTURE_DRAGGING:
        if (finger != g->finger)
            break;
        g->x = x;
        g->y = y;
        break;
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
        if (finger != g->finger)
            break;
        /* The release point counts too: a fast flick may arrive with no motion event in between. */
        g->x = x;
        g->y = y;
        if (g->state == GESTURE_PRESSED && !beyond_slop(g))
            r = press_result(g, now);
        else
            r = drag_result(g);
        g->state = GESTURE_IDLE;
        break;
    }
    return r;
}
