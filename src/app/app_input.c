/* app_input: SDL events become the core's actions: keys, clicks and the touch gesture machine move the
 * timeline; window events re-lay out or redraw; outside opening hours a touch wakes the screen. */
#include <stdbool.h>
#include <time.h>

#include "app_internal.h"
#include "log.h"
#include "rotation.h"

static void do_action(app *a, tl_action act, const char *via, uint64_t now)
{
    if (a->svc.mode == SCHEDULE_DARK) { /* outside opening hours a touch wakes the screen for a while */
        a->svc.woken_until = (int64_t)time(NULL) + a->ex->schedule.wake_seconds;
        log_line w;
        log_begin(&w, LOG_INFO, "wake");
        log_str(&w, "via", via);
        log_uint(&w, "seconds", a->ex->schedule.wake_seconds);
        log_end(&w);
        return;
    }
    if (a->svc.mode == SCHEDULE_SILENCE) { /* the minute of silence is not interrupted */
        return;
    }
    log_line l;
    log_begin(&l, LOG_INFO, "input");
    log_str(&l, "action", act == TL_NEXT ? "next" : "prev");
    log_str(&l, "via", via);
    log_end(&l);
    if (player_step(&a->pl, act, now)) {
        a->dirty = true;
    }
}

static void on_key(app *a, const SDL_KeyboardEvent *k, uint64_t now)
{
    SDL_Keymod mod = k->keysym.mod;
    if (k->repeat) {
        return;
    }
    switch (k->keysym.sym) {
    case SDLK_q:
        if ((mod & KMOD_CTRL) && (mod & KMOD_ALT)) {
            a->quit = true;
        }
        break;
    case SDLK_ESCAPE:
        if (a->opts->windowed) {
            a->quit = true;
        }
        break;
    case SDLK_RIGHT:
    case SDLK_SPACE:
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_PAGEDOWN:
        do_action(a, TL_NEXT, "key", now);
        break;
    case SDLK_LEFT:
    case SDLK_PAGEUP:
    case SDLK_BACKSPACE:
        do_action(a, TL_PREV, "key", now);
        break;
    default:
        break;
    }
}

/* True when a touch at (x, y) (content coordinates, 0..1) is in the staff corner of kiosk.conf: the
 * outer eighth of the screen's shorter side, in that corner. Visitors do not hold a corner for seconds. */
static bool in_staff_corner(const app *a, float x, float y)
{
    int corner = a->ex->staff_corner;
    float w = (float)a->scr.design.w, h = (float)a->scr.design.h, size = (w < h ? w : h) / 8.0f;
    float px = x * w, py = y * h;
    bool left = px<size, right = px> w - size, top = py<size, bottom = py> h - size;
    switch (corner) {
    case 0:
        return top && left;
    case 1:
        return top && right;
    case 2:
        return bottom && left;
    case 3:
        return bottom && right;
    default:
        return false;
    }
}

#define MOUSE_FINGER (-1) /* the finger id the mouse's left button goes by in the gesture machine */

static void on_gesture(app *a, gesture_result g, uint64_t now)
{
    switch (g) {
    case GESTURE_NONE:
        break;
    case GESTURE_TAP:
        if (app_staff_tap(a, (int)(a->touch.x0 * (float)a->scr.design.w),
                          (int)(a->touch.y0 * (float)a->scr.design.h), now)) {
            break;
        }
        do_action(a, TL_NEXT, a->touch.finger == MOUSE_FINGER ? "click" : "tap", now);
        break;
    case GESTURE_SWIPE_LEFT:
        do_action(a, TL_NEXT, "swipe", now);
        break;
    case GESTURE_SWIPE_RIGHT:
        do_action(a, TL_PREV, "swipe", now);
        break;
    case GESTURE_LONG_PRESS:
        if (in_staff_corner(a, a->touch.x0, a->touch.y0)) {
            app_show_status(a, now);
        }
        break;
    }
}

/* A finger event, in the content's coordinates (the panel may be mounted turned), to the gesture machine. */
static void on_finger(app *a, const SDL_TouchFingerEvent *f, uint64_t now)
{
    float x, y;
    rotation_to_content(a->scr.rotation, f->x, f->y, &x, &y);
    gesture_result g = GESTURE_NONE;
    if (f->type == SDL_FINGERDOWN) {
        g = gesture_down(&a->touch, f->fingerId, x, y, now);
    } else if (f->type == SDL_FINGERMOTION) {
        g = gesture_motion(&a->touch, f->fingerId, x, y, now);
    } else {
        g = gesture_up(&a->touch, f->fingerId, x, y, now);
    }
    on_gesture(a, g, now);
}

/* The left button works like a finger (click, drag to swipe, hold in the staff corner); the right button
 * goes back at once. */
static void on_mouse(app *a, const SDL_Event *e, uint64_t now)
{
    int w = 1, h = 1;
    SDL_GetWindowSize(a->scr.window, &w, &h);
    int mx = e->type == SDL_MOUSEMOTION ? e->motion.x : e->button.x;
    int my = e->type == SDL_MOUSEMOTION ? e->motion.y : e->button.y;
    float x, y;
    rotation_to_content(a->scr.rotation, (float)mx / (float)(w > 0 ? w : 1),
                        (float)my / (float)(h > 0 ? h : 1), &x, &y);
    if (e->type == SDL_MOUSEMOTION) {
        if (e->motion.state & SDL_BUTTON_LMASK) {
            on_gesture(a, gesture_motion(&a->touch, MOUSE_FINGER, x, y, now), now);
        }
    } else if (e->button.button == SDL_BUTTON_LEFT) {
        on_gesture(a,
                   e->type == SDL_MOUSEBUTTONDOWN ? gesture_down(&a->touch, MOUSE_FINGER, x, y, now)
                                                  : gesture_up(&a->touch, MOUSE_FINGER, x, y, now),
                   now);
    } else if (e->button.button == SDL_BUTTON_RIGHT && e->type == SDL_MOUSEBUTTONDOWN) {
        do_action(a, TL_PREV, "click", now);
    }
}

void app_on_event(app *a, const SDL_Event *e)
{
    uint64_t now = SDL_GetTicks64();
    switch (e->type) {
    case SDL_QUIT:
        a->quit = true;
        break;
    case SDL_KEYDOWN:
        on_key(a, &e->key, now);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
    case SDL_MOUSEMOTION:
        /* Touch screens also send emulated mouse events: the finger events already count. */
        if (e->button.which != SDL_TOUCH_MOUSEID) {
            on_mouse(a, e, now);
        }
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        if (e->tfinger.touchId != SDL_MOUSE_TOUCHID) {
            on_finger(a, &e->tfinger, now);
        }
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            if (screen_resized(&a->scr) && app_layout(a, player_slide(&a->pl), now) != 0) {
                a->quit = true;
            }
        } else if (e->window.event == SDL_WINDOWEVENT_EXPOSED) {
            a->dirty = true;
        } else if (e->window.event == SDL_WINDOWEVENT_FOCUS_LOST) {
            gesture_cancel(&a->touch);
        }
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        slide_cache_clear(&a->pl.cache);
        a->dirty = true;
        break;
    default:
        break;
    }
}

void app_poll_input(app *a, uint64_t now)
{
    on_gesture(a, gesture_poll(&a->touch, now), now);
    if (a->svc.staff.until && now >= a->svc.staff.until) { /* the overlay's time is up: draw without it */
        a->svc.staff.until = 0;
        a->dirty = true;
    }
}
