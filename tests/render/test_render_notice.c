/* The on-screen message of a USB import (src/app/notice.c), in-process on a software renderer: every
 * message in en, az and ru at 1920x1080 and 1080x1920 over a stand-in for the running show. Each panel
 * lies inside the screen, in its lower part, and leaves the show visible around it; every line of text
 * is drawn (traced through draw_set_trace) inside the panel; the words are the expected ones. And the
 * polling: at most one look a second, a final state for 60 s, a stale or removed status hidden.
 * KIOSK_NOTICE_PNG_DIR=DIR saves every panel as DIR/notice-<lang>-<w>x<h>-<state>.png to look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "assets.h"
#include "design.h"
#include "draw.h"
#include "fonts.h"
#include "harness.h"
#include "notice.h"

typedef struct {
    SDL_Rect ink[64];
    int count;
    char text[4096];
} trace;

static void on_line(void *ctx, font_role role, const SDL_Rect *ink, const char *s, size_t len)
{
    trace *t = ctx;
    (void)role;
    if (t->count < 64)
        t->ink[t->count++] = *ink;
    size_t used = strlen(t->text);
    snprintf(t->text + used, sizeof t->text - used, "%.*s ", (int)len, s); /* lines joined as wrapped */
}

/* A stand-in for the show: the exhibit's background, a photograph (a warm grey box), a bright rule and
 * the banner strip, so that what the panel covers and what it leaves visible can be checked. */
static void draw_show(SDL_Renderer *r, const design *d)
{
    draw_palette p = draw_palette_default();
    draw_background(r, &p, d->w, d->h);
    draw_fill(r, d->w / 10, d->h * 15 / 100, d->w * 8 / 10, d->banner_y - d->h * 17 / 100,
              (SDL_Color){112, 102, 92, 255});
    draw_fill(r, 0, 0, d->w, 8, (SDL_Color){200, 180, 120, 255});
    draw_fill(r, 0, d->banner_y, d->w, d->h - d->banner_y, p.banner_bg);
}

static import_status sample(import_state state)
{
    import_status st;
    memset(&st, 0, sizeof st);
    st.state = state;
    st.time = 1;
    import_status_set(st.source, sizeof st.source, NOTICE_USB_MOUNTS "sdb1/memorial-kiosk"); /* a stick */
    switch (state) {
    case IMPORT_STATE_READING:
        st.percent = 42;
        break;
    case IMPORT_STATE_DONE:
        st.slides = 24;
        st.errors = 3;
        import_status_add_problem(&st, "photos/alley-of-martyrs-at-dawn-in-the-snow-2024.jpg",
                                  "the picture cannot be read (it is cut short: copied while unfinished?)");
        import_status_add_problem(&st, "05-remembrance.txt", "not saved as UTF-8 text");
        import_status_add_problem(&st, "playlist.txt:4", "no file is named 'carnations.jpg'");
        break;
    case IMPORT_STATE_REFUSED:
        st.slides = 0;
        st.errors = 2;
        import_status_add_problem(&st, "notes.docx", "a Word document; save it as plain text (.txt)");
        import_status_add_problem(&st, "flowers.heic", "this kind of picture cannot be shown");
        break;
    default:
        break;
    }
    return st;
}

typedef struct {
    SDL_Surface *target;
    SDL_Renderer *r;
    design d;
    kiosk_fonts fonts;
} screen;

static void screen_open(screen *sc, int w, int h)
{
    memset(sc, 0, sizeof *sc);
    sc->target = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(sc->target);
    sc->r = SDL_CreateSoftwareRenderer(sc->target);
    assert_non_null(sc->r);
    sc->d = design_compute(w, h, 0);
    assert_int_equal(fonts_open(&sc->fonts, &sc->d), 0);
}

static void screen_close(screen *sc)
{
    fonts_close(&sc->fonts);
    SDL_DestroyRenderer(sc->r);
    SDL_FreeSurface(sc->target);
}

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch))[x];
}

/* Draws one panel and checks it; expect: a piece of its words. */
static void check_panel(screen *sc, const strings *s, const char *lang, import_state state,
                        const char *expect)
{
    int w = sc->d.w, h = sc->d.h;
    draw_show(sc->r, &sc->d);
    SDL_RenderPresent(sc->r);
    Uint32 top = pixel(sc->target, w / 2, 4), left = pixel(sc->target, 2, h * 5 / 6);
    Uint32 photo = pixel(sc->target, w / 2, h / 5);
    trace t;
    memset(&t, 0, sizeof t);
    draw_set_trace(on_line, &t);
    import_status st = sample(state);
    SDL_Rect box = notice_draw_status(&st, sc->r, &sc->d, &sc->fonts, s);
    draw_set_trace(NULL, NULL);
    SDL_RenderPresent(sc->r);
    const char *dir = getenv("KIOSK_NOTICE_PNG_DIR");
    if (dir && *dir) {
        char path[1024];
        snprintf(path, sizeof path, "%s/notice-%s-%dx%d-%s.png", dir, lang, w, h, import_state_name(state));
        IMG_SavePNG(sc->target, path);
    }
    /* the panel: inside the screen and its safe area, low (the upper third free), above the banner */
    assert_true(box.w > 0 && box.h > 0);
    assert_true(box.x >= sc->d.safe_x && box.x + box.w <= sc->d.safe_x + sc->d.safe_w);
    assert_true(box.y >= h / 3 && box.y + box.h > h * 2 / 3 && box.y + box.h <= sc->d.banner_y);
    assert_true(box.w < w * 9 / 10 && box.h < h / 2);
    assert_int_equal(pixel(sc->target, w / 2, 4), top);
    assert_int_equal(pixel(sc->target, 2, h * 5 / 6), left);
    /* the panel is much darker than the photograph behind it, and the photograph still shows through */
    Uint8 r0, g0, b0, r1, g1, b1;
    SDL_GetRGB(pixel(sc->target, w / 2, box.y + box.h - 6), sc->target->format, &r0, &g0, &b0);
    SDL_GetRGB(photo, sc->target->format, &r1, &g1, &b1);
    assert_true(r0 + g0 + b0 < (r1 + g1 + b1) / 3);
    assert_true(r0 + g0 + b0 > 18 + 17 + 20 + 12);
    assert_int_equal(pixel(sc->target, w / 2, h / 5), photo);
    /* every line drawn, inside the panel with room to spare */
    assert_true(t.count >= 2 || state == IMPORT_STATE_READING);
    assert_true(t.count >= 1);
    for (int i = 0; i < t.count; i++) {
        const SDL_Rect *k = &t.ink[i];
        if (k->w <= 0 || k->h <= 0)
            fail_msg("line %d drew nothing: %s", i, t.text);
        if (k->x < box.x + 8 || k->x + k->w > box.x + box.w - 8 || k->y < box.y ||
            k->y + k->h > box.y + box.h)
            fail_msg("%s %dx%d %s: line %d (%d,%d %dx%d) leaves the panel (%d,%d %dx%d)", lang, w, h,
                     import_state_name(state), i, k->x, k->y, k->w, k->h, box.x, box.y, box.w, box.h);
    }
    if (!strstr(t.text, expect))
        fail_msg("%s %s: '%s' not in the drawn text:\n%s", lang, import_state_name(state), expect, t.text);
}

static void test_panels(void **state)
{
    (void)state;
    static const struct {
        config_lang lang;
        const char *code;
        const char *expect[5]; /* reading, done, unchanged, refused, no-folder */
    } langs[] = {
        {CONFIG_LANG_EN,
         "en",
         {"42 %", "24 slides", "already showing", "Nothing on this stick", "no memorial-kiosk folder"}},
        {CONFIG_LANG_AZ, "az", {"42 %", "24 slayd", "artıq göstərilir", "heç nə yoxdur", "memorial-kiosk"}},
        {CONFIG_LANG_RU,
         "ru",
         {"42 %", "24 слайда", "уже показывается", "нет ничего", "нет папки memorial-kiosk"}},
    };
    static const import_state states[] = {IMPORT_STATE_READING, IMPORT_STATE_DONE, IMPORT_STATE_UNCHANGED,
                                          IMPORT_STATE_REFUSED, IMPORT_STATE_NO_FOLDER};
    static const int sizes[][2] = {{1920, 1080}, {1080, 1920}, {1280, 720}};
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/assets", KIOSK_SOURCE_DIR);
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        screen sc;
        screen_open(&sc, sizes[z][0], sizes[z][1]);
        for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++) {
            strings *s = assets_load_strings(dir, langs[l].lang);
            assert_non_null(s);
            for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
                check_panel(&sc, s, langs[l].code, states[i], langs[l].expect[i]);
            strings_free(s);
        }
        /* the problems are listed, and a refusal for a reason names it */
        strings *en = assets_load_strings(dir, CONFIG_LANG_EN);
        check_panel(&sc, en, "en", IMPORT_STATE_DONE, "3 problems:");
        check_panel(&sc, en, "en", IMPORT_STATE_DONE, "05-remembrance.txt: not saved as UTF-8 text");
        strings_free(en);
        import_status none;
        memset(&none, 0, sizeof none);
        SDL_Rect box = notice_draw_status(&none, sc.r, &sc.d, &sc.fonts, NULL);
        assert_int_equal(box.w, 0);
        screen_close(&sc);
    }
}

static void test_refused_for_a_reason(void **state)
{
    (void)state;
    screen sc;
    screen_open(&sc, 1920, 1080);
    strings *s = strings_create(CONFIG_LANG_EN); /* the built-in words alone */
    import_status st;
    memset(&st, 0, sizeof st);
    st.state = IMPORT_STATE_REFUSED;
    st.slides = 12;
    import_status_set(st.reason, sizeof st.reason,
                      "another import is running; try again when it has finished");
    trace t;
    memset(&t, 0, sizeof t);
    draw_set_trace(on_line, &t);
    SDL_Rect box = notice_draw_status(&st, sc.r, &sc.d, &sc.fonts, s);
    draw_set_trace(NULL, NULL);
    assert_true(box.w > 0);
    assert_non_null(strstr(t.text, "another import"));
    assert_non_null(strstr(t.text, "The exhibit has not changed."));
    /* the stick pulled while it was read: said so; pulled after a finished import: nothing to say */
    memset(&st, 0, sizeof st);
    st.state = IMPORT_STATE_REMOVED;
    import_status_set(st.reason, sizeof st.reason, "the USB stick was removed before the copy was complete");
    memset(&t, 0, sizeof t);
    draw_set_trace(on_line, &t);
    box = notice_draw_status(&st, sc.r, &sc.d, &sc.fonts, s);
    draw_set_trace(NULL, NULL);
    assert_true(box.w > 0);
    assert_non_null(strstr(t.text, "removed before the copy was complete"));
    assert_non_null(strstr(t.text, "The exhibit has not changed."));
    st.reason[0] = '\0';
    assert_int_equal(notice_draw_status(&st, sc.r, &sc.d, &sc.fonts, s).w, 0);
    /* a stick is named and may be removed; a folder copied over the network is "the new exhibit" */
    const char *sources[] = {NOTICE_USB_MOUNTS "sda1/memorial-kiosk", "/srv/exhibits/2027"};
    for (int k = 0; k < 2; k++) {
        memset(&st, 0, sizeof st);
        st.state = IMPORT_STATE_READING;
        st.percent = 37;
        import_status_set(st.source, sizeof st.source, sources[k]);
        memset(&t, 0, sizeof t);
        draw_set_trace(on_line, &t);
        notice_draw_status(&st, sc.r, &sc.d, &sc.fonts, s);
        st.state = IMPORT_STATE_DONE;
        st.slides = 5;
        notice_draw_status(&st, sc.r, &sc.d, &sc.fonts, s);
        draw_set_trace(NULL, NULL);
        assert_non_null(strstr(t.text, k == 0 ? "Reading the USB stick" : "Reading the new exhibit"));
        assert_true((strstr(t.text, "You can remove the stick.") != NULL) == (k == 0));
    }
    strings_free(s);
    screen_close(&sc);
}

static void write_status(const char *path, const char *text)
{
    assert_int_equal(tf_write_file(path, text, strlen(text)), 0);
}

/* notice_draw draws the panel once into a texture and copies it: the same picture as drawn directly. */
static void test_draw_cached(void **state)
{
    (void)state;
    char *tmp = tf_mkdtemp("notice");
    char *folder = tf_join(tmp, "content"), *store = tf_join(tmp, ".content.store");
    char *status = tf_join(store, "status");
    assert_int_equal(mkdir(store, 0755), 0);
    write_status(status, "state=done\nslides=1\nerrors=1\nproblem=a.txt: empty\ntime=100\n");
    notice *n = notice_create(folder);
    assert_true(notice_poll_at(n, 0, 101));
    screen sc, direct;
    screen_open(&sc, 1920, 1080);
    screen_open(&direct, 1920, 1080);
    draw_show(sc.r, &sc.d);
    notice_draw(n, sc.r, &sc.d, &sc.fonts, NULL);
    notice_draw(n, sc.r, &sc.d, &sc.fonts, NULL); /* twice: the same texture, the same picture */
    SDL_RenderPresent(sc.r);
    draw_show(direct.r, &direct.d);
    draw_show(direct.r, &direct.d);
    SDL_Rect box = notice_draw_status(notice_status(n), direct.r, &direct.d, &direct.fonts, NULL);
    SDL_RenderPresent(direct.r);
    assert_true(box.w > 0);
    long differ = 0, total = 0;
    for (int y = box.y; y < box.y + box.h; y++)
        for (int x = box.x; x < box.x + box.w; x++, total++) {
            Uint8 a[3], b[3];
            SDL_GetRGB(pixel(sc.target, x, y), sc.target->format, &a[0], &a[1], &a[2]);
            SDL_GetRGB(pixel(direct.target, x, y), direct.target->format, &b[0], &b[1], &b[2]);
            for (int k = 0; k < 3; k++)
                differ += abs(a[k] - b[k]) > 24;
        }
    assert_true(differ < total / 100); /* only some glyph edges blend a little differently */
    assert_int_equal(pixel(sc.target, 1920 / 2, 4), pixel(direct.target, 1920 / 2, 4));
    notice_free(n);
    screen_close(&direct);
    screen_close(&sc);
    tf_rm_rf(tmp);
    free(status);
    free(store);
    free(folder);
    free(tmp);
}

static void test_poll(void **state)
{
    (void)state;
    char *tmp = tf_mkdtemp("notice");
    assert_non_null(tmp);
    char *folder = tf_join(tmp, "content"), *store = tf_join(tmp, ".content.store");
    char *status = tf_join(store, "status");
    assert_int_equal(mkdir(store, 0755), 0);
    notice *n = notice_create(folder);
    assert_non_null(n);
    int64_t wall = 1800000000;
    assert_false(notice_poll_at(n, 1000, wall)); /* no file */
    assert_false(notice_visible(n));
    write_status(status, "state=reading\npercent=10\ntime=1800000000\n");
    assert_false(notice_poll_at(n, 1500, wall)); /* less than a second since the last look */
    assert_true(notice_poll_at(n, 2000, wall));
    assert_true(notice_visible(n));
    assert_int_equal(notice_status(n)->percent, 10);
    assert_false(notice_poll_at(n, 3000, wall)); /* nothing changed */
    write_status(status, "state=reading\npercent=55\ntime=1800000001\n");
    assert_true(notice_poll_at(n, 4000, wall + 1));
    assert_int_equal(notice_status(n)->percent, 55);
    write_status(status, "state=done\nslides=7\nerrors=0\ntime=1800000002\n");
    assert_true(notice_poll_at(n, 5000, wall + 2));
    assert_int_equal(notice_status(n)->state, IMPORT_STATE_DONE);
    assert_false(notice_poll_at(n, 5000 + 59000, wall + 59));
    assert_true(notice_visible(n));
    assert_true(notice_poll_at(n, 5000 + 60000, wall + 62)); /* 60 s after: gone */
    assert_false(notice_visible(n));
    /* a new final state shows again; state=removed hides it at once */
    write_status(status, "state=no-folder\ntime=1800000070\n");
    assert_true(notice_poll_at(n, 80000, wall + 70));
    assert_true(notice_visible(n));
    write_status(status, "state=removed\ntime=1800000071\n");
    assert_true(notice_poll_at(n, 81000, wall + 71));
    assert_false(notice_visible(n));
    /* a final state written long ago (the kiosk restarted) is not shown; nor a reading left behind */
    write_status(status, "state=done\nslides=7\ntime=1799990000\n");
    assert_false(notice_poll_at(n, 90000, wall + 80));
    assert_false(notice_visible(n));
    write_status(status, "state=reading\npercent=3\ntime=1799999000\n");
    assert_false(notice_poll_at(n, 91000, wall + 80));
    assert_false(notice_visible(n));
    /* garbage and a vanished file: nothing */
    write_status(status, "state=reading\npercent=3\ntime=1800000080\n");
    assert_true(notice_poll_at(n, 92000, wall + 80));
    write_status(status, "\x01\x02 not a status\n");
    assert_true(notice_poll_at(n, 93000, wall + 81));
    assert_false(notice_visible(n));
    unlink(status);
    assert_false(notice_poll_at(n, 94000, wall + 82));
    assert_false(notice_visible(n));
    assert_false(notice_poll(NULL, 0));
    assert_false(notice_visible(NULL));
    notice_draw(n, NULL, NULL, NULL, NULL); /* not visible: draws nothing, touches nothing */
    notice_free(n);
    tf_rm_rf(tmp);
    free(status);
    free(store);
    free(folder);
    free(tmp);
}

int main(void)
{
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        fprintf(stderr, "SDL/TTF init: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_panels),
        cmocka_unit_test(test_refused_for_a_reason),
        cmocka_unit_test(test_poll),
        cmocka_unit_test(test_draw_cached),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
