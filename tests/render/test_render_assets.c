/* The program's own assets (src/app/assets.c, the assets/ folder): where they are found, the emblem
 * drawn by SDL_image at the sizes the kiosk uses (120-400 px), the words of each language; and every
 * missing or broken asset gives one `event=asset-missing` log line and a plain fallback (the built-in
 * English words, no emblem: an accent rule), never a crash or an empty screen.
 * KIOSK_NOTICE_PNG_DIR=DIR also saves the emblem on the exhibit's background as DIR/emblem-<h>.png. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "assets.h"
#include "harness.h"
#include "log.h"
#include "testfs.h"

static char g_dir[4096]; /* the source tree's assets/ */

/* The log captured into a temporary file between log_capture and log_release (which returns it). */
static FILE *g_log;
static void log_capture(void)
{
    g_log = tmpfile();
    assert_non_null(g_log);
    log_set_stream(g_log);
}

static char *log_release(void)
{
    log_set_stream(stderr);
    fflush(g_log);
    char *text = tf_read_stream(g_log, NULL);
    assert_non_null(text);
    fclose(g_log);
    return text;
}

static int count_lines(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
        n++;
    return n;
}

static int ink_pixels(SDL_Surface *s)
{
    int n = 0;
    SDL_LockSurface(s);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            Uint8 r, g, b, a;
            SDL_GetRGBA(((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x],
                        s->format, &r, &g, &b, &a);
            n += a > 128;
        }
    SDL_UnlockSurface(s);
    return n;
}

static void test_dir(void **state)
{
    (void)state;
    char buf[4096];
    setenv("KIOSK_ASSETS_DIR", "/somewhere/else", 1);
    assert_string_equal(assets_dir(buf, sizeof buf), "/somewhere/else");
    unsetenv("KIOSK_ASSETS_DIR");
    assert_string_equal(assets_dir(buf, sizeof buf), g_dir); /* the source tree */
}

static void test_emblem(void **state)
{
    (void)state;
    static const int heights[] = {120, 240, 400};
    for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++) {
        SDL_Surface *e = assets_load_emblem(g_dir, heights[i]);
        assert_non_null(e);
        assert_int_equal(e->h, heights[i]);
        assert_true(e->w > heights[i] / 3 && e->w <= heights[i]);
        /* a real drawing: a good part of its box is covered, not all of it */
        int ink = ink_pixels(e);
        assert_true(ink > e->w * e->h / 8 && ink < e->w * e->h * 3 / 4);
        const char *dir = getenv("KIOSK_NOTICE_PNG_DIR");
        SDL_Surface *bg =
            SDL_CreateRGBSurfaceWithFormat(0, e->w + 40, e->h + 40, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(bg);
        SDL_SetRenderDrawColor(r, 0x1c, 0x1b, 0x1e, 255);
        SDL_RenderClear(r);
        SDL_Texture *t = SDL_CreateTextureFromSurface(r, e);
        assets_draw_emblem(r, t, (SDL_Rect){0, 0, bg->w, bg->h}, (SDL_Color){150, 28, 32, 255});
        SDL_RenderPresent(r);
        /* drawn centred, not scaled up: the middle of the bloom is red */
        Uint8 cr, cg, cb;
        SDL_GetRGB(
            ((Uint32 *)bg->pixels)[(size_t)(20 + e->h / 4) * (size_t)bg->pitch / 4 + (size_t)bg->w / 2],
            bg->format, &cr, &cg, &cb);
        assert_true(cr > 100 && cg < 60 && cb < 60);
        if (dir && *dir) {
            char path[1024];
            snprintf(path, sizeof path, "%s/emblem-%d.png", dir, heights[i]);
            IMG_SavePNG(bg, path);
        }
        SDL_DestroyTexture(t);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(bg);
        SDL_FreeSurface(e);
    }
}

static void test_emblem_missing_or_broken(void **state)
{
    (void)state;
    char *tmp = tf_mkdtemp("assets");
    char *svg = tf_join(tmp, "emblem.svg");
    log_capture();
    assert_null(assets_load_emblem(tmp, 200)); /* missing */
    assert_int_equal(tf_write_file(svg, "not an svg at all", 17), 0);
    assert_null(assets_load_emblem(tmp, 200)); /* not a picture */
    const char *empty = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>";
    assert_int_equal(tf_write_file(svg, empty, strlen(empty)), 0);
    assert_null(assets_load_emblem(tmp, 200)); /* nothing drawn in it */
    assert_null(assets_load_emblem(g_dir, 0));
    char *log = log_release();
    assert_int_equal(count_lines(log, "event=asset-missing"), 4);
    assert_int_equal(count_lines(log, "\n"), 4);
    assert_non_null(strstr(log, "level=warn event=asset-missing path="));
    assert_non_null(strstr(log, "the picture is empty"));
    /* no emblem: an accent rule in its place, nothing else */
    SDL_Surface *bg = SDL_CreateRGBSurfaceWithFormat(0, 300, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(bg);
    SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
    SDL_RenderClear(r);
    assets_draw_emblem(r, NULL, (SDL_Rect){0, 0, 300, 300}, (SDL_Color){150, 28, 32, 255});
    SDL_RenderPresent(r);
    const Uint32 *px = bg->pixels;
    Uint8 cr, cg, cb;
    SDL_GetRGB(px[150 * 300 + 150], bg->format, &cr, &cg, &cb);
    assert_int_equal(cr, 150);
    SDL_GetRGB(px[150 * 300 + 20], bg->format, &cr, &cg, &cb);
    assert_int_equal(cr, 0);
    SDL_GetRGB(px[100 * 300 + 150], bg->format, &cr, &cg, &cb);
    assert_int_equal(cr, 0);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(bg);
    free(log);
    tf_rm_rf(tmp);
    free(svg);
    free(tmp);
}

static void test_words(void **state)
{
    (void)state;
    log_capture();
    strings *ru = assets_load_strings(g_dir, CONFIG_LANG_RU);
    char *log = log_release();
    assert_string_equal(log, ""); /* the shipped files have no problem */
    char buf[64];
    assert_string_equal(strings_count(ru, "banner.years", 36, buf, sizeof buf), "36 лет");
    assert_string_equal(strings_get(ru, "silence.title"), "Минута молчания");
    strings_free(ru);
    free(log);

    /* no folder at all: the built-in English words, one line per file */
    log_capture();
    strings *az = assets_load_strings("/nonexistent/assets", CONFIG_LANG_AZ);
    log = log_release();
    assert_non_null(az);
    assert_string_equal(strings_get(az, "fallback.title"), "In memory of the victims of 20 January 1990");
    assert_int_equal(count_lines(log, "event=asset-missing path=/nonexistent/assets/text/en.txt"), 1);
    assert_int_equal(count_lines(log, "event=asset-missing path=/nonexistent/assets/text/az.txt"), 1);
    assert_int_equal(count_lines(log, "\n"), 2);
    strings_free(az);
    free(log);

    /* a broken translation: each bad line reported with its number, the rest used */
    char *tmp = tf_mkdtemp("assets");
    char *text = tf_join(tmp, "text"), *az_txt = tf_join(text, "az.txt");
    assert_int_equal(mkdir(text, 0755), 0);
    const char *bad = "silence.title = Bir dəqiqəlik sükut\nsilence.titel = x\n\xff\xfe\n";
    assert_int_equal(tf_write_file(az_txt, bad, strlen(bad)), 0);
    log_capture();
    az = assets_load_strings(tmp, CONFIG_LANG_AZ);
    log = log_release();
    assert_string_equal(strings_get(az, "silence.title"), "Bir dəqiqəlik sükut");
    assert_string_equal(strings_get(az, "silence.subtitle"), "We remember the victims of 20 January 1990.");
    assert_int_equal(count_lines(log, "event=asset-missing"), 1); /* en.txt */
    assert_int_equal(count_lines(log, "event=asset-warning"), 2);
    assert_non_null(strstr(log, "line=2 reason=\"unknown key 'silence.titel'; ignored\""));
    assert_non_null(strstr(log, "line=3 reason=\"not UTF-8 text; the line is ignored\""));
    strings_free(az);
    free(log);
    tf_rm_rf(tmp);
    free(az_txt);
    free(text);
    free(tmp);
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "%s/assets", KIOSK_SOURCE_DIR);
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dir),
        cmocka_unit_test(test_emblem),
        cmocka_unit_test(test_emblem_missing_or_broken),
        cmocka_unit_test(test_words),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
