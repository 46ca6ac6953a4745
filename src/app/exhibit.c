/* exhibit: see exhibit.h. */
#include "exhibit.h"

#include <stdlib.h>
#include <time.h>

#include "banner.h"
#include "loader.h"

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
}

exhibit *exhibit_load(const char *dir, const cli_options *cli, bool log_problems)
{
    exhibit *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->content = loader_load(dir, cli, log_problems);
    if (!e->content) {
        free(e);
        return NULL;
    }
    resolve(e, cli);
    return e;
}

void exhibit_free(exhibit *e)
{
    if (!e)
        return;
    content_free(e->content);
    free(e);
}

static show *build(const exhibit *e, const content *c, const design *d, const kiosk_fonts *fonts,
                   bool titles_only)
{
    const kiosk_config *cfg = &c->config;
    fonts_measurer m = {fonts, FONT_BODY, 0};
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    banner_values values = {
        .language = cfg->language,
        .commemorated = {cfg->date_year, cfg->date_month, cfg->date_day},
        .today = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday},
    };
    show_params p = {
        .body = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap},
        .measure = fonts_measure_cb,
        .measure_ctx = &m,
        .timing = e->timing,
        .banner = &values,
        .banner_article = cfg->banner_article,
        .banner_default = cfg->banner_default,
        .titles_only = titles_only,
    };
    return show_build(c, &p);
}

show *exhibit_build(const exhibit *e, const design *d, const kiosk_fonts *fonts)
{
    return build(e, e->content, d, fonts, false);
}

show *exhibit_build_first(const exhibit *e, const design *d, const kiosk_fonts *fonts)
{
    content first = *e->content; /* a shallow copy: the same first item, alone */
    first.count = first.count > 0 ? 1 : 0;
    return build(e, &first, d, fonts, true);
}

design exhibit_open_look(const exhibit *e, int w, int h, kiosk_fonts *fonts)
{
    design d = design_compute(w, h, e->safe_area);
    fonts_open_config(fonts, &d, &e->fonts);
    return d;
}

slide_draw_ctx exhibit_draw_ctx(const exhibit *e, SDL_Renderer *r, const design *d, const kiosk_fonts *fonts)
{
    return (slide_draw_ctx){r, d, fonts, &e->palette};
}
