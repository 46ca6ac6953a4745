/* renderer_choice: see renderer_choice.h. */
#include "renderer_choice.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

/* SDL's video driver names, in any case (SDL 2 says "KMSDRM", "x11", "wayland"). */
static bool is(const char *s, const char *want)
{
    return s && strcasecmp(s, want) == 0;
}

/* Video drivers that put a window's pixels on screen themselves (X11: MIT-SHM), so SDL's software
 * renderer needs no OpenGL at all. Under KMS/DRM and Wayland, SDL 2 shows a software frame through an
 * OpenGL (ES) texture: GL is loaded whichever renderer draws. */
static bool native_framebuffer(const char *video)
{
    return is(video, "x11") || is(video, "dummy") || is(video, "offscreen");
}

bool renderer_driver_is_virtual(const char *driver)
{
    static const char *const VIRTUAL[] = {"vgem",      "vkms",      "simpledrm", "simple-framebuffer",
                                          "bochs-drm", "bochs",     "cirrus",    "cirrus-qemu",
                                          "efifb",     "vboxvideo", "hyperv_drm"};
    if (!driver) {
        return false;
    }
    for (size_t i = 0; i < sizeof VIRTUAL / sizeof VIRTUAL[0]; i++) {
        if (strcmp(driver, VIRTUAL[i]) == 0) {
            return true;
        }
    }
    return false;
}

static renderer_decision software(const renderer_facts *f, const char *reason)
{
    return (renderer_decision){RENDERER_CHOICE_SOFTWARE, reason, native_framebuffer(f->video_driver)};
}

static renderer_decision gpu(const char *reason)
{
    return (renderer_decision){RENDERER_CHOICE_GPU, reason, false};
}

renderer_decision renderer_decide(const renderer_facts *f)
{
    if (f->env_render_driver && f->env_render_driver[0] != '\0') {
        return (renderer_decision){RENDERER_CHOICE_ENVIRONMENT, "SDL_RENDER_DRIVER is set", false};
    }
    if (f->mode == RENDERER_SOFTWARE) {
        return software(f, "--renderer software");
    }
    if (f->mode == RENDERER_GPU) {
        return gpu("--renderer gpu");
    }
    if (is(f->video_driver, "dummy") || is(f->video_driver, "offscreen")) {
        return software(f, "no screen to accelerate");
    }
    if (!native_framebuffer(f->video_driver)) { /* kmsdrm, wayland, or one we do not know: SDL's default */
        return gpu("the video driver shows frames through OpenGL in any case");
    }
    if (f->software_gl_forced) {
        return software(f, "software OpenGL forced by the environment");
    }
    if (!f->render_node) {
        return software(f, "no DRI render node");
    }
    if (renderer_driver_is_virtual(f->render_node_driver)) {
        return software(f, "the DRI render node is not a GPU");
    }
    return gpu("a DRI render node");
}

static const char *const MODE_NAMES[] = {"auto", "software", "gpu"};

int renderer_parse_mode(const char *s, renderer_mode *out)
{
    for (size_t i = 0; s && i < sizeof MODE_NAMES / sizeof MODE_NAMES[0]; i++) {
        if (strcmp(s, MODE_NAMES[i]) == 0) {
            *out = (renderer_mode)i;
            return 0;
        }
    }
    return -1;
}

const char *renderer_mode_name(renderer_mode m)
{
    return (unsigned)m < sizeof MODE_NAMES / sizeof MODE_NAMES[0] ? MODE_NAMES[m] : "?";
}

const char *renderer_choice_name(renderer_choice_kind k)
{
    switch (k) {
    case RENDERER_CHOICE_SOFTWARE:
        return "software";
    case RENDERER_CHOICE_GPU:
        return "gpu";
    case RENDERER_CHOICE_ENVIRONMENT:
        return "environment";
    }
    return "?";
}
