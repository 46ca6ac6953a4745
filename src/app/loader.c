/* loader: see loader.h. */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "banner.h"
#include "banner_place.h"
#include "content_log.h"
#include "lang.h"
#include "picture.h"
#include "playlist.h"
#include "schedule.h"

#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif
#define REMEMBRANCE_PLAYLIST "playlist-remembrance.txt"
#define KIOSK_INSTALLED_CONTENT "/var/lib/memorial-kiosk/content"

void loader_log_problem(const char *rel_path, const char *reason)
{
    content_log_problem(DIAG_ERROR, rel_path, 0, reason);
}

/* Leaves out pictures whose header says they cannot or must not be decoded, with an error each: the
 * decoders never see them, and a folder of broken pictures counts as empty. Stops once the first want
 * items passed (0: probes all; a header read is a disk read with a cold page cache). */
static void probe_pictures(content *c, const cli_options *cli, size_t want)
{
    static const cli_options none = {0};
    char why[256];
    picture_settings ps = picture_settings_resolve(&c->config, cli ? cli : &none);
    for (size_t i = 0; i < c->count && (want == 0 || i < want);) {
        const content_item *it = &c->items[i];
        if (it->kind == CONTENT_IMAGE && picture_probe(it->abs_path, &ps, why, sizeof why) != 0) {
            diag_add(&c->diags, DIAG_ERROR, it->rel_path, 0, "%s", why);
            content_remove(c, i);
        } else {
            i++;
        }
    }
}

/* The playlist of the day: on the day of remembrance its own, when the folder has one. */
static const char *playlist_name(content *c)
{
    schedule sched;
    time_t now = time(NULL);
    struct tm tm;
    char path[4096];
    struct stat st;
    schedule_from_config(&sched, &c->config, &c->diags);
    localtime_r(&now, &tm);
    snprintf(path, sizeof path, "%s/" REMEMBRANCE_PLAYLIST, c->root);
    if (schedule_is_remembrance_day(&sched, &tm) && stat(path, &st) == 0) {
        return REMEMBRANCE_PLAYLIST;
    }
    return "playlist.txt";
}

/* Reads the folder's kiosk.conf and playlist.txt into a scanned c (config, order); problems go to
 * c->diags. Returns 0, or -1 when out of memory. */
static int read_settings(content *c, const cli_options *cli)
{
    playlist pl;
    bool found = false;
    char name[64];
    config_load(c->root, &c->config, &c->diags);
    if (banner_check(c->config.banner_article, name, sizeof name) ||
        banner_check(c->config.banner_default, name, sizeof name)) {
        diag_add(&c->diags, DIAG_WARNING, "kiosk.conf", 0,
                 "the banner has an unknown placeholder %s (known: {date} {years} {today} {category} "
                 "{article_date})",
                 name);
    }
    probe_pictures(c, cli, 0);
    if (playlist_load_file(c->root, playlist_name(c), &pl, &found, &c->diags) != 0) {
        return -1;
    }
    config_lang order[3];
    int n = lang_parse_order(c->config.language_order, order, 3);
    if (n < 0) {
        diag_add(&c->diags, DIAG_WARNING, "kiosk.conf", 0,
                 "language_order '%s' has an unknown language (known: en, az, ru); ignored",
                 c->config.language_order);
    } else if (n > 0 && !found) { /* a playlist's order is the staff's own: it wins */
        lang_apply_order(c, order, (size_t)n);
    }
    int rc = found ? playlist_apply(&pl, c, c->config.playlist_append_unlisted) : 0;
    playlist_free(&pl);
    if (rc == 0 && banner_place(c, c->config.banner_slide_every) < 0) {
        rc = -1;
    }
    return rc;
}

static void log_problems(const content *c, const char *dir)
{
    for (size_t i = 0; i < c->diags.count; i++) {
        const diag *d = &c->diags.items[i];
        content_log_problem(d->severity, d->path && *d->path ? d->path : dir, d->line, d->message);
    }
}

content *loader_load(const char *dir, const cli_options *cli, bool log)
{
    content *c = content_scan(dir);
    if (!c) {
        return NULL;
    }
    if (read_settings(c, cli) != 0) {
        content_free(c);
        return NULL;
    }
    if (log) {
        log_problems(c, dir);
    }
    return c;
}

#define FIRST_LIMIT 8 /* items looked at for the first showable one (a broken picture is skipped) */

content *loader_load_first(const char *dir, const cli_options *cli)
{
    char path[4096];
    struct stat st;
    content *c = content_scan_first(dir, FIRST_LIMIT);
    if (!c) {
        return NULL;
    }
    config_load(c->root, &c->config, &c->diags);
    snprintf(path, sizeof path, "%s/playlist.txt", dir);
    bool listed = stat(path, &st) == 0;
    snprintf(path, sizeof path, "%s/" REMEMBRANCE_PLAYLIST, dir);
    listed |= stat(path, &st) == 0;
    if (!listed && !c->config.language_order[0]) {
        probe_pictures(c, cli, 1); /* the first showable one; the rest are not read */
        while (c->count > 1) {
            content_remove(c, c->count - 1);
        }
        if (c->count == 1) {
            return c;
        }
    }
    content_free(c);
    return NULL;
}

content *loader_scan(const char *dir)
{
    return loader_load(dir, NULL, true);
}

const char *loader_default_dir(void)
{
    static char buf[4096];
    struct stat st;
    const char *env = getenv("KIOSK_CONTENT_DIR");
    if (env && *env) {
        return env;
    }
    snprintf(buf, sizeof buf, "%s/content", KIOSK_SOURCE_DIR);
    if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) {
        return buf;
    }
    return KIOSK_INSTALLED_CONTENT;
}
