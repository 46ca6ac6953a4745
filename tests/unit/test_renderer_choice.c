/* Unit tests of renderer_choice: which SDL renderer the kiosk asks for on which machine. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "renderer_choice.h"

static renderer_facts facts(const char *video, bool node, const char *node_driver)
{
    return (renderer_facts){
        .mode = RENDERER_AUTO, .video_driver = video, .render_node = node, .render_node_driver = node_driver};
}

static void expect(const renderer_facts *f, renderer_choice_kind kind, const char *reason, bool direct)
{
    renderer_decision d = renderer_decide(f);
    assert_int_equal(d.kind, kind);
    assert_string_equal(d.reason, reason);
    assert_int_equal(d.framebuffer_direct, direct);
}

/* Xvfb, a VM, a PC without DRI: SDL's software renderer, frames straight to the X server. */
static void test_x11_without_gpu(void **state)
{
    renderer_facts f = facts("x11", false, NULL);
    expect(&f, RENDERER_CHOICE_SOFTWARE, "no DRI render node", true);
    f = facts("x11", true, "vgem"); /* a render node that draws nothing: Mesa would use llvmpipe */
    expect(&f, RENDERER_CHOICE_SOFTWARE, "the DRI render node is not a GPU", true);
    f = facts("x11", true, "vkms");
    expect(&f, RENDERER_CHOICE_SOFTWARE, "the DRI render node is not a GPU", true);
    f = facts("x11", true, "v3d");
    f.software_gl_forced = true; /* LIBGL_ALWAYS_SOFTWARE=1 */
    expect(&f, RENDERER_CHOICE_SOFTWARE, "software OpenGL forced by the environment", true);
}

/* A real GPU keeps SDL's accelerated renderer: the Pi's V3D or VC4, a PC's GPU. */
static void test_x11_with_gpu(void **state)
{
    const char *drivers[] = {"v3d", "vc4", "i915", "amdgpu", "nouveau", "virtio_gpu"};
    for (size_t i = 0; i < sizeof drivers / sizeof drivers[0]; i++) {
        renderer_facts f = facts("x11", true, drivers[i]);
        expect(&f, RENDERER_CHOICE_GPU, "a DRI render node", false);
    }
    renderer_facts f = facts("x11", true, NULL); /* the driver is not known: the node is there */
    expect(&f, RENDERER_CHOICE_GPU, "a DRI render node", false);
}

/* KMS/DRM and Wayland show every frame through OpenGL (ES) in SDL 2: a software renderer saves nothing. */
static void test_kmsdrm_and_wayland(void **state)
{
    const char *videos[] = {"KMSDRM", "kmsdrm", "wayland", "something-new", NULL};
    for (size_t i = 0; i < sizeof videos / sizeof videos[0]; i++) {
        renderer_facts f = facts(videos[i], false, NULL);
        expect(&f, RENDERER_CHOICE_GPU, "the video driver shows frames through OpenGL in any case", false);
        f = facts(videos[i], true, "v3d");
        expect(&f, RENDERER_CHOICE_GPU, "the video driver shows frames through OpenGL in any case", false);
    }
}

static void test_dummy(void **state)
{
    renderer_facts f = facts("dummy", true, "i915");
    expect(&f, RENDERER_CHOICE_SOFTWARE, "no screen to accelerate", true);
    f = facts("offscreen", false, NULL);
    expect(&f, RENDERER_CHOICE_SOFTWARE, "no screen to accelerate", true);
}

/* --renderer overrides the guess; software under KMS/DRM keeps SDL's GL framebuffer (it has no other). */
static void test_forced(void **state)
{
    renderer_facts f = facts("x11", true, "v3d");
    f.mode = RENDERER_SOFTWARE;
    expect(&f, RENDERER_CHOICE_SOFTWARE, "--renderer software", true);
    f = facts("KMSDRM", true, "v3d");
    f.mode = RENDERER_SOFTWARE;
    expect(&f, RENDERER_CHOICE_SOFTWARE, "--renderer software", false);
    f = facts("x11", false, NULL);
    f.mode = RENDERER_GPU;
    expect(&f, RENDERER_CHOICE_GPU, "--renderer gpu", false);
}

/* $SDL_RENDER_DRIVER, set by whoever starts the kiosk, wins over everything; an empty one is unset. */
static void test_environment(void **state)
{
    renderer_facts f = facts("x11", false, NULL);
    f.env_render_driver = "opengl";
    f.mode = RENDERER_SOFTWARE;
    expect(&f, RENDERER_CHOICE_ENVIRONMENT, "SDL_RENDER_DRIVER is set", false);
    f.env_render_driver = "";
    expect(&f, RENDERER_CHOICE_SOFTWARE, "--renderer software", true);
}

static void test_names(void **state)
{
    renderer_mode m = RENDERER_GPU;
    assert_int_equal(renderer_parse_mode("auto", &m), 0);
    assert_int_equal(m, RENDERER_AUTO);
    assert_int_equal(renderer_parse_mode("software", &m), 0);
    assert_int_equal(m, RENDERER_SOFTWARE);
    assert_int_equal(renderer_parse_mode("gpu", &m), 0);
    assert_int_equal(m, RENDERER_GPU);
    assert_int_equal(renderer_parse_mode("GPU", &m), -1);
    assert_int_equal(renderer_parse_mode("", &m), -1);
    assert_int_equal(renderer_parse_mode(NULL, &m), -1);
    assert_int_equal(m, RENDERER_GPU); /* left alone on failure */
    for (int i = RENDERER_AUTO; i <= RENDERER_GPU; i++) {
        renderer_mode back;
        assert_int_equal(renderer_parse_mode(renderer_mode_name((renderer_mode)i), &back), 0);
        assert_int_equal(back, i);
    }
    assert_string_equal(renderer_choice_name(RENDERER_CHOICE_SOFTWARE), "software");
    assert_string_equal(renderer_choice_name(RENDERER_CHOICE_GPU), "gpu");
    assert_string_equal(renderer_choice_name(RENDERER_CHOICE_ENVIRONMENT), "environment");
    assert_true(renderer_driver_is_virtual("simpledrm"));
    assert_false(renderer_driver_is_virtual("vc4"));
    assert_false(renderer_driver_is_virtual(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_x11_without_gpu),
        cmocka_unit_test(test_x11_with_gpu),
        cmocka_unit_test(test_kmsdrm_and_wayland),
        cmocka_unit_test(test_dummy),
        cmocka_unit_test(test_forced),
        cmocka_unit_test(test_environment),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
