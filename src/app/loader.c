/* loader: see loader.h. */
#include "loader.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "banner.h"
#include "lang.h"
#include "schedule.h"
#include "playlist.h"

#include "log.h"

#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif
#define REMEMBRANCE_PLAYLIST "playlist-remembrance.txt"
#define KIOSK_INSTALLED_CONTENT "/var/lib/memorial-kiosk/content"

void loader_log_problem(const char *rel_path, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_ERROR, "content-error");
    log_str(&l, "path", rel_path);
    log_str(&l, "reason", reason);
    log_end(&l);
}

static const cli_options *g_cli;

void loader_set_cli(const cli_options *o)
{
    g_cli = o;
}

picture_settings loader_picture_settings(const content *c)
{
    static const cli_options none = {0};
    return picture_settings_resolve(&c->config, g_cli ? g_cli : &none);
}

/* Leaves out pictures whose header says they cannot or must not be decoded, with an error each: the
 * decoders never see them, and a folder of broken pictures counts as empty. */
static void probe_pictures(content *c)
{
    char why[256];
    picture_settings ps = loader_picture_settings(c);
    for (size_t i = 0; i < c->count;) {
        const content_item *it = &c->items[i];
        if (it->kind == CONTENT_IMAGE && picture_probe(it->abs_path, &ps, why, sizeof why) != 0) {
            diag_add(&c->diags, DIAG_ERROR, it->rel_path, 0, "%s", why);
            content_remove(c, i);
        } else {
            i++;
        }
    }
}

int loader_settings(content *c)
{
    playlist pl;
    bool found = false;
    char name[64];
    config_load(c->root, &c->config, &c->diags);
    if (banner_check(c->config.banner_article, name, sizeof name) ||
        banner_check(c->config.banner_default, name, sizeof name))
        diag_add(&c->diags, DIAG_WARNING, "kiosk.conf", 0,
                 "the banner has an unknown placeholder %s (known: {date} {years} {today} {category} "
                 "{article_date})",
                 name);
    probe_pictures(c);
    /* on the day of remembrance its own playlist, when the folder has one */
    schedule sched;
    time_t now = time(NULL);
    struct tm tm;
    schedule_from_config(&sched, &c->config, &c->diags);
    localtime_r(&now, &tm);
    const char *list = "playlist.txt";
    char path[4096];
    struct stat st;
    snprintf(path, sizeof path, "%s/" REMEMBRANCE_PLAYLIST, c->root);
    if (schedule_is_remembrance_day(&sched, &tm) && stat(path, &st) == 0)
        list = REMEMBRANCE_PLAYLIST;
    if (playlist_load_file(c->root, list, &pl, &found, &c->diags) != 0)
        return -1;
    config_lang order[3];
    int n = lang_parse_order(c->config.language_order, order, 3);
    if (n < 0)
        diag_add(&c->diags, DIAG_WARNING, "kiosk.conf", 0,
                 "language_order '%s' has an unknown language (known: en, az, ru); ignored",
                 c->config.language_order);
    else if (n > 0 && !found) /* a playlist's order is the staff's own: it wins */
        lang_apply_order(c, order, (size_t)n);
    int rc = found ? playlist_apply(&pl, c, c->config.playlist_append_unlisted) : 0;
    playlist_free(&pl);
    return rc;
}

content *loader_scan(const char *dir)
{
    content *c = content_scan(dir);
    if (!c)
        return NULL;
    if (loader_settings(c) != 0) {
        content_free(c);
        return NULL;
    }
    for (size_t i = 0; i < c->diags.count; i++) {
        const diag *d = &c->diags.items[i];
        log_line l;
        log_begin(&l, d->severity == DIAG_ERROR ? LOG_ERROR : LOG_WARN,
                  d->severity == DIAG_ERROR ? "content-error" : "content-warning");
        log_str(&l, "path", d->path && *d->path ? d->path : dir);
        if (d->line > 0)
            log_int(&l, "line", d->line);
        log_str(&l, "reason", d->message);
        log_end(&l);
    }
    return c;
}

static show *build(const content *c, const design *d, const kiosk_fonts *fonts, double speed,
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
        .timing = show_timing_default(),
        .banner = &values,
        .banner_article = cfg->banner_article,
        .banner_default = cfg->banner_default,
        .titles_only = titles_only,
    };
    p.timing.words_per_minute = cfg->words_per_minute;
    p.timing.text_min_ms = cfg->text_min_ms;
    p.timing.text_max_ms = cfg->text_max_ms;
    p.timing.title_ms = cfg->title_ms;
    p.timing.image_ms = cfg->image_ms;
    p.timing.speed = speed;
    return show_build(c, &p);
}

show *loader_build(const content *c, const design *d, const kiosk_fonts *fonts, double speed)
{
    return build(c, d, fonts, speed, false);
}

show *loader_build_first(const content *c, const design *d, const kiosk_fonts *fonts, double speed)
{
    content first = *c; /* a shallow copy: the same first item, alone */
    first.count = c->count > 0 ? 1 : 0;
    return build(&first, d, fonts, speed, true);
}

static SDL_Color color(config_color c)
{
    return (SDL_Color){c.r, c.g, c.b, 255};
}

design loader_open_look(const content *c, int w, int h, kiosk_fonts *fonts)
{
    const kiosk_config *cfg = &c->config;
    design d = design_compute(w, h, cfg->safe_area);
    fonts_config fc = {cfg->title_font, cfg->body_font, cfg->banner_font};
    fonts_open_config(fonts, &d, &fc);
    draw_set_colors(color(cfg->background), color(cfg->text), color(cfg->accent), color(cfg->banner));
    return d;
}

const char *loader_default_dir(void)
{
    static char buf[4096];
    struct stat st;
    const char *env = getenv("KIOSK_CONTENT_DIR");
    if (env && *env)
        return env;
    snprintf(buf, sizeof buf, "%s/content", KIOSK_SOURCE_DIR);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
        return buf;
    return KIOSK_INSTALLED_CONTENT;
}
