/* exhibit: see exhibit.h. */
#include "exhibit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "assets.h"
#include "banner.h"
#include "contentver.h"
#include "lang.h"
#include "loader.h"
#include "log.h"
#include "slide_layout.h"

static SDL_Color color(config_color c)
{
    return (SDL_Color){c.r, c.g, c.b, 255};
}

/* Everything kiosk.conf and the command line say, resolved once. */
static void resolve(exhibit *e, const cli_options *cli)
{
    static const cli_options none = {0};
    const kiosk_config *cfg = &e->content->config;
    diag_list ignored; /* the loader reported the schedule's problems already */
    e->speed = cli && cli->speed > 0 ? cli->speed : 1.0;
    e->pictures = picture_settings_resolve(cfg, cli ? cli : &none);
    e->palette =
        draw_palette_make(color(cfg->background), color(cfg->text), color(cfg->accent), color(cfg->banner));
    e->fonts = (fonts_config){cfg->title_font, cfg->body_font, cfg->banner_font};
    diag_list_init(&ignored);
    schedule_from_config(&e->schedule, cfg, &ignored);
    diag_list_free(&ignored);
    e->timing = show_timing_default();
    e->timing.words_per_minute = cfg->words_per_minute;
    e->timing.text_min_ms = cfg->text_min_ms;
    e->timing.text_max_ms = cfg->text_max_ms;
    e->timing.title_ms = cfg->title_ms;
    e->timing.image_ms = cfg->image_ms;
    e->timing.speed = e->speed;
    e->transition_ms = cfg->transition == CONFIG_TRANSITION_CUT || cfg->transition_ms == 0
                           ? 0
                           : show_scale_ms(cfg->transition_ms, e->speed);
    e->idle_resume_ms = show_scale_ms(cfg->idle_resume_ms, e->speed);
    e->staff_corner = cfg->staff_corner;
    e->long_press_ms = cfg->long_press_ms;
    e->safe_area = cfg->safe_area;
    e->rotation = cfg->rotation;
    e->sync_group = cfg->sync_group;
    e->sync_port = (uint16_t)cfg->sync_port;
    e->switch_delay_ms = cfg->sync_switch_delay_ms;
}

/* The kiosk's own words (assets/text) in [banner] language and in each of the exhibit's languages. */
static int load_words(exhibit *e)
{
    char dir[4096];
    const kiosk_config *cfg = &e->content->config;
    assets_dir(dir, sizeof dir);
    e->ui = assets_load_strings(dir, cfg->language);
    e->language_count =
        lang_of_exhibit(e->content, cfg->banner_languages, cfg->language, e->languages, SHOW_BANNER_LINES);
    for (size_t i = 0; i < e->language_count; i++) {
        if (!(e->words[i] = assets_load_strings(dir, e->languages[i]))) {
            return -1;
        }
    }
    return e->ui ? 0 : -1;
}

exhibit *exhibit_load(const char *dir, const cli_options *cli, bool log_problems)
{
    exhibit *e = calloc(1, sizeof *e);
    if (!e) {
        return NULL;
    }
    e->content = loader_load(dir, cli, log_problems);
    if (!e->content || load_words(e) != 0) {
        exhibit_free(e);
        return NULL;
    }
    resolve(e, cli);
    if (e->sync_group[0]) { /* the group's beacon tells the others which version this is */
        contentver_of(e->content, e->version, sizeof e->version);
    }
    return e;
}

exhibit *exhibit_load_first(const char *dir, const cli_options *cli)
{
    exhibit *e = calloc(1, sizeof *e);
    if (!e) {
        return NULL;
    }
    e->content = loader_load_first(dir, cli);
    if (!e->content || load_words(e) != 0) {
        exhibit_free(e);
        return NULL;
    }
    resolve(e, cli);
    return e;
}

void exhibit_free(exhibit *e)
{
    if (!e) {
        return;
    }
    content_free(e->content);
    strings_free(e->ui);
    for (size_t i = 0; i < SHOW_BANNER_LINES; i++) {
        strings_free(e->words[i]);
    }
    free(e);
}

/* The words of the banner slide and the fallback card; the texts are written into buf. */
typedef struct {
    char date[96], years[96];
} words_buf;

static show_words make_words(const exhibit *e, const banner_values *v, words_buf *buf)
{
    const kiosk_config *cfg = &e->content->config;
    show_words w = {.date = buf->date, .years = buf->years, .duration_ms = cfg->banner_slide_ms};
    banner_format_date(v->commemorated, cfg->language, buf->date, sizeof buf->date);
    int years = banner_years_since(v->commemorated, v->today);
    buf->years[0] = '\0';
    if (years > 0) {
        strings_count(e->ui, "banner.years", years, buf->years, sizeof buf->years);
    }
    for (size_t i = 0; i < e->language_count; i++) {
        w.lines[w.line_count++] = strings_get(e->words[i], "banner.line");
    }
    w.fallback_title = strings_get(e->ui, "fallback.title");
    w.fallback_subtitle = strings_get(e->ui, "fallback.subtitle");
    return w;
}

static void hex_color(SDL_Color c, char *out, size_t n)
{
    snprintf(out, n, "#%02x%02x%02x", c.r, c.g, c.b);
}

void exhibit_log(const exhibit *e)
{
    static const char *const corners[] = {"top-left", "top-right", "bottom-left", "bottom-right", "none"};
    const kiosk_config *cfg = &e->content->config;
    char bg[8], text[8], accent[8], banner[8], langs[16] = "";
    hex_color(e->palette.bg_top, bg, sizeof bg);
    hex_color(e->palette.text, text, sizeof text);
    hex_color(e->palette.accent, accent, sizeof accent);
    hex_color(e->palette.banner_bg, banner, sizeof banner);
    for (size_t i = 0; i < e->language_count; i++) {
        snprintf(langs + strlen(langs), sizeof langs - strlen(langs), "%s%s", i ? "," : "",
                 strings_language_code(e->languages[i]));
    }
    log_line l;
    log_begin(&l, LOG_INFO, "exhibit");
    log_uint(&l, "image_ms", e->timing.image_ms);
    log_uint(&l, "title_ms", e->timing.title_ms);
    log_uint(&l, "transition_ms", e->transition_ms);
    log_uint(&l, "idle_resume_ms", e->idle_resume_ms);
    if (e->sync_group[0]) {
        log_str(&l, "group", e->sync_group);
    }
    if (e->version[0]) {
        log_str(&l, "version", e->version);
    }
    log_str(&l, "fit", imgscale_fit_name(e->pictures.fit));
    log_str(&l, "backdrop", e->pictures.backdrop == PICTURE_BACKDROP_SOLID ? "solid" : "blur");
    log_uint(&l, "max_pixels", e->pictures.max_pixels);
    log_str(&l, "colors", bg);
    log_str(&l, "text", text);
    log_str(&l, "accent", accent);
    log_str(&l, "banner_color", banner);
    log_str(&l, "fonts", e->fonts.title_family);
    log_str(&l, "body_font", e->fonts.body_family);
    log_str(&l, "banner_font", e->fonts.banner_family);
    log_str(&l, "hours", cfg->hours);
    log_str(&l, "remembrance_day", cfg->remembrance_day);
    log_str(&l, "silence", cfg->silence);
    log_str(&l, "staff_corner", corners[e->staff_corner >= 0 && e->staff_corner <= 4 ? e->staff_corner : 4]);
    log_uint(&l, "long_press_ms", e->long_press_ms);
    log_int(&l, "banner_slide", cfg->banner_slide_every);
    log_str(&l, "languages", langs);
    log_double(&l, "safe_area", e->safe_area);
    log_int(&l, "rotation", e->rotation);
    log_end(&l);
}

static show *build(const exhibit *e, const content *c, const design *d, const kiosk_fonts *fonts,
                   bool titles_only, bool lay_out)
{
    const kiosk_config *cfg = &c->config;
    fonts_measurer m = {fonts, FONT_BODY, 0};
    time_t now = time(NULL);
    struct tm tm;
    words_buf buf = {"", ""};
    localtime_r(&now, &tm);
    banner_values values = {
        .language = cfg->language,
        .commemorated = {cfg->date_year, cfg->date_month, cfg->date_day},
        .today = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
    };
    show_words words = make_words(e, &values, &buf);
    slide_look look = fonts_look(fonts, d);
    show_params p = {
        .body = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap},
        .measure = fonts_measure_cb,
        .measure_ctx = &m,
        .timing = e->timing,
        .banner = &values,
        .banner_article = cfg->banner_article,
        .banner_default = cfg->banner_default,
        .titles_only = titles_only,
        .words = &words,
    };
    show *s = show_build(c, &p);
    if (s && lay_out && slide_layout_show(s, &look) != 0) {
        show_free(s);
        s = NULL;
    }
    return s;
}

show *exhibit_build(const exhibit *e, const design *d, const kiosk_fonts *fonts)
{
    return build(e, e->content, d, fonts, false, true);
}

show *exhibit_build_plan(const exhibit *e, const design *d, const kiosk_fonts *fonts)
{
    return build(e, e->content, d, fonts, false, false);
}

show *exhibit_build_first(const exhibit *e, const design *d, const kiosk_fonts *fonts)
{
    content first = *e->content; /* a shallow copy: the same first item, alone */
    first.count = first.count > 0 ? 1 : 0;
    return build(e, &first, d, fonts, true, true);
}

design exhibit_open_look(const exhibit *e, int w, int h, kiosk_fonts *fonts)
{
    design d = design_compute(w, h, e->safe_area);
    fonts_open_config(fonts, &d, &e->fonts);
    return d;
}

SDL_Surface *exhibit_load_emblem(const design *d)
{
    char dir[4096];
    return assets_load_emblem(assets_dir(dir, sizeof dir), slide_layout_emblem_height(d));
}

slide_draw_ctx exhibit_draw_ctx(const exhibit *e, SDL_Renderer *r, const design *d, const kiosk_fonts *fonts,
                                SDL_Surface *emblem)
{
    return (slide_draw_ctx){r, d, fonts, &e->palette, emblem};
}
