/* renderer_choice: which of SDL's renderers the live kiosk asks for, decided from a few cheap facts about
 * the machine (pure: the facts are gathered by src/app/display.c). Owned by the display code; the choice
 * is logged in event=display (choice, reason) and can be forced with --renderer.
 *
 * Why: on a machine without a GPU (Xvfb, a VM, a PC without DRI) SDL's default OpenGL path runs on Mesa's
 * software rasteriser (llvmpipe), which costs about 60 MB of memory and 80-100 ms at start for nothing:
 * SDL's software renderer, with frames sent straight to the X server (MIT-SHM), draws the show as well. */
#ifndef KIOSK_RENDERER_CHOICE_H
#define KIOSK_RENDERER_CHOICE_H

#include <stdbool.h>

/* --renderer: what the IT person asked for. */
typedef enum { RENDERER_AUTO, RENDERER_SOFTWARE, RENDERER_GPU } renderer_mode;

/* What was chosen. RENDERER_CHOICE_ENVIRONMENT: $SDL_RENDER_DRIVER is set, SDL follows it. */
typedef enum {
    RENDERER_CHOICE_SOFTWARE,
    RENDERER_CHOICE_GPU,
    RENDERER_CHOICE_ENVIRONMENT
} renderer_choice_kind;

typedef struct {
    renderer_mode mode;
    const char *env_render_driver;  /* $SDL_RENDER_DRIVER (NULL or "": unset) */
    const char *video_driver;       /* SDL's video driver: x11, wayland, kmsdrm, dummy, ... (NULL: unknown) */
    bool render_node;               /* a DRI render node (/dev/dri/renderD*) this process can open */
    const char *render_node_driver; /* its kernel driver (vc4, v3d, i915, vgem, ...; NULL: unknown) */
    bool software_gl_forced;        /* $LIBGL_ALWAYS_SOFTWARE set, or $GALLIUM_DRIVER a software one */
} renderer_facts;

typedef struct {
    renderer_choice_kind kind;
    const char *reason;      /* for the log, e.g. "no DRI render node" (static text) */
    bool framebuffer_direct; /* software: SDL_FRAMEBUFFER_ACCELERATION=0 (the video driver sends frames
                                itself: x11); false: SDL's framebuffer goes through its GL texture path */
} renderer_decision;

/* Borrows f (and its strings) for the call only; the decision's reason is static text. */
renderer_decision renderer_decide(const renderer_facts *f);
/* "auto", "software", "gpu" -> mode; returns 0 or -1 (and leaves *out alone). */
int renderer_parse_mode(const char *s, renderer_mode *out);
const char *renderer_mode_name(renderer_mode m);
const char *renderer_choice_name(renderer_choice_kind k);
/* Whether a kernel DRM driver only pretends to render (vgem, vkms) or only scans out (simpledrm, ...). */
bool renderer_driver_is_virtual(const char *driver);

#endif
