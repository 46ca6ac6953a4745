/* display: see display.h. */
#include "display.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backdrop.h"
#include "log.h"
#include "renderer_choice.h"

#define DRI_DIR "/dev/dri"

typedef struct {
    bool found;
    char driver[64]; /* the render node's kernel driver, "" when unknown */
} render_node_info;

/* The first DRI render node this process may open, and its kernel driver (from sysfs). Cheap: a
 * directory listing, one open(), one readlink(); no GL library is loaded. */
static render_node_info find_render_node(void)
{
    render_node_info info = {0};
    DIR *d = opendir(DRI_DIR);
    if (!d) {
        return info;
    }
    const struct dirent *e;
    while (!info.found && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "renderD", 7) != 0) {
            continue;
        }
        char path[PATH_MAX], link[PATH_MAX];
        snprintf(path, sizeof path, DRI_DIR "/%s", e->d_name);
        int fd = open(path, O_RDWR | O_CLOEXEC);
        if (fd < 0) { /* no permission (not in group render): Mesa could not use it either */
            continue;
        }
        close(fd);
        info.found = true;
        snprintf(path, sizeof path, "/sys/class/drm/%s/device/driver", e->d_name);
        ssize_t n = readlink(path, link, sizeof link - 1);
        if (n > 0) {
            link[n] = '\0';
            const char *base = strrchr(link, '/');
            base = base ? base + 1 : link;
            size_t len = strnlen(base, sizeof info.driver - 1);
            memcpy(info.driver, base, len);
            info.driver[len] = '\0';
        }
    }
    closedir(d);
    return info;
}

static bool env_set(const char *name)
{
    const char *v = getenv(name);
    return v && *v && strcmp(v, "0") != 0 && strcmp(v, "false") != 0;
}

static bool software_gl_forced(void)
{
    const char *g = getenv("GALLIUM_DRIVER");
    return env_set("LIBGL_ALWAYS_SOFTWARE") ||
           (g && (strcmp(g, "llvmpipe") == 0 || strcmp(g, "softpipe") == 0 || strcmp(g, "swr") == 0));
}

/* Decides the renderer and sets SDL's hints for it (before the window and renderer are created). */
static renderer_decision choose_renderer(const cli_options *opts, render_node_info *node)
{
    *node = find_render_node();
    renderer_facts f = {.mode = opts->renderer,
                        .env_render_driver = getenv("SDL_RENDER_DRIVER"),
                        .video_driver = SDL_GetCurrentVideoDriver(),
                        .render_node = node->found,
                        .render_node_driver = node->driver[0] ? node->driver : NULL,
                        .software_gl_forced = software_gl_forced()};
    renderer_decision d = renderer_decide(&f);
    if (d.kind == RENDERER_CHOICE_SOFTWARE) {
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
        /* frames go to the X server with MIT-SHM instead of through an OpenGL texture ($SDL_FRAMEBUFFER_
         * ACCELERATION, when set, still wins: a normal-priority hint never overrides the environment) */
        if (d.framebuffer_direct) {
            SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        }
    }
    return d;
}

/* Full screen: the desktop mode's size at the display's origin. SDL_WINDOW_FULLSCREEN_DESKTOP with a 0x0
 * size made a 1x1 window in the middle of an X screen that has no window manager to enlarge it. */
static SDL_Window *create_window(const cli_options *opts, SDL_DisplayMode *mode, bool *fullscreen_later)
{
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int x = SDL_WINDOWPOS_CENTERED, y = SDL_WINDOWPOS_CENTERED;
    int w = opts->window_w, h = opts->window_h;
    *mode = (SDL_DisplayMode){0};
    if (SDL_GetDesktopDisplayMode(0, mode) != 0) {
        *mode = (SDL_DisplayMode){0};
    }
    *fullscreen_later = false;
    if (!opts->windowed) {
        const char *driver = SDL_GetCurrentVideoDriver();
        *fullscreen_later = driver && strcmp(driver, "x11") == 0; /* display.h: the first frame first */
        flags |= SDL_WINDOW_BORDERLESS | (*fullscreen_later ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
        SDL_Rect bounds;
        x = y = SDL_WINDOWPOS_UNDEFINED_DISPLAY(0);
        if (SDL_GetDisplayBounds(0, &bounds) == 0) {
            x = bounds.x;
            y = bounds.y;
        }
        w = mode->w > 0 ? mode->w : 0; /* 0x0: SDL's own choice, as before, when the mode is unknown */
        h = mode->h > 0 ? mode->h : 0;
    }
    return SDL_CreateWindow("Memorial Kiosk", x, y, w, h, flags);
}

static SDL_Renderer *create_renderer(SDL_Window *window)
{
    SDL_Renderer *r = SDL_CreateRenderer(
        window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC | SDL_RENDERER_TARGETTEXTURE);
    if (!r) {
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE | SDL_RENDERER_TARGETTEXTURE);
    }
    return r;
}

static void log_display(const kiosk_display *d, const renderer_decision *choice, const render_node_info *node,
                        const SDL_DisplayMode *mode)
{
    SDL_RendererInfo info = {0};
    int ww = 0, wh = 0, ow = 0, oh = 0;
    char size[32], screen[32];
    SDL_GetRendererInfo(d->renderer, &info);
    SDL_GetWindowSize(d->window, &ww, &wh);
    SDL_GetRendererOutputSize(d->renderer, &ow, &oh);
    snprintf(size, sizeof size, "%dx%d", ow, oh);
    snprintf(screen, sizeof screen, "%dx%d", mode->w, mode->h);
    log_line l;
    log_begin(&l, LOG_INFO, "display");
    log_str(&l, "driver", SDL_GetCurrentVideoDriver());
    log_str(&l, "renderer", info.name);
    log_int(&l, "vsync", d->vsync);
    log_str(&l, "choice", renderer_choice_name(choice->kind));
    log_str(&l, "reason", choice->reason);
    if (node->found) {
        log_str(&l, "render_node", node->driver[0] ? node->driver : "unknown");
    }
    log_str(&l, "size", size);
    log_str(&l, "screen", screen);
    log_end(&l);
    if (!(SDL_GetWindowFlags(d->window) & SDL_WINDOW_FULLSCREEN_DESKTOP) && !d->fullscreen_later) {
        return;
    }
    if (mode->w <= 0) {
        return;
    }
    if (ww != mode->w || wh != mode->h) { /* a window manager may still enlarge it: layout follows then */
        char window[32];
        snprintf(window, sizeof window, "%dx%d", ww, wh);
        log_begin(&l, LOG_WARN, "display-size");
        log_str(&l, "window", window);
        log_str(&l, "screen", screen);
        log_end(&l);
    }
}

int display_open(const cli_options *opts, SDL_Color background, kiosk_display *out)
{
    *out = (kiosk_display){0};
    render_node_info node;
    SDL_DisplayMode mode;
    renderer_decision choice = choose_renderer(opts, &node);
    out->window = create_window(opts, &mode, &out->fullscreen_later);
    if (!out->window) {
        goto fail;
    }
    backdrop_paint(out->window, background); /* painted by the X server while the renderer is made */
    out->renderer = create_renderer(out->window);
    if (!out->renderer) {
        goto fail;
    }
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(out->renderer, &info) == 0) {
        out->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
    }
    log_display(out, &choice, &node, &mode);
    if (!opts->windowed) {
        SDL_ShowCursor(SDL_DISABLE);
    }
    return 0;
fail:
    if (out->window) {
        SDL_DestroyWindow(out->window);
    }
    *out = (kiosk_display){0};
    return -1;
}
