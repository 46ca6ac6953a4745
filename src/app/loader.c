/* loader: see loader.h. */
#include "loader.h"

#include <stdlib.h>
#include <sys/stat.h>

#include "log.h"

#ifndef KIOSK_SOURCE_DIR
#define KIOSK_SOURCE_DIR "."
#endif
#define KIOSK_INSTALLED_CONTENT "/var/lib/memorial-kiosk/content"

void loader_log_problem(const char *rel_path, const char *reason)
{
    log_line l;
    log_begin(&l, LOG_ERROR, "content-error");
    log_str(&l, "path", rel_path);
    log_str(&l, "reason", reason);
    log_end(&l);
}

content *loader_scan(const char *dir)
{
    content *c = content_scan(dir);
    if (!c)
        return NULL;
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

show *loader_build(const content *c, const design *d, const kiosk_fonts *fonts, double speed)
{
    fonts_measurer m = {fonts, FONT_BODY, 0};
    show_params p = {
        .body = {d->column_w, d->body_h, d->body_line_h, d->body_para_gap},
        .measure = fonts_measure_cb,
        .measure_ctx = &m,
        .timing = show_timing_default(),
        .default_banner = NULL,
    };
    p.timing.speed = speed;
    return show_build(c, &p);
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
