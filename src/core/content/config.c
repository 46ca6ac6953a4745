/* config: see config.h. One table lists every key, its type, range and place in kiosk_config. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "textfile.h"
#include "utf8.h"

typedef enum {
    KEY_SECONDS,
    KEY_UINT,
    KEY_ENUM,
    KEY_COLOR,
    KEY_STRING,
    KEY_DATE,
    KEY_PERCENT,
    KEY_BANNER_SLIDE
} key_type;

typedef struct {
    const char *section, *name;
    key_type type;
    size_t offset;
    double min, max;               /* KEY_SECONDS (seconds), KEY_UINT, KEY_PERCENT */
    const char *const *enum_names; /* KEY_ENUM: NULL-terminated, index = enum value */
    size_t size;                   /* KEY_STRING: buffer size */
} config_key;

static const char *const fit_names[] = {"contain", "cover", "kenburns", NULL};
static const char *const transition_names[] = {"crossfade", "cut", NULL};
static const char *const backdrop_names[] = {"blur", "solid", NULL};
static const char *const lang_names[] = {"en", "az", "ru", NULL};
static const char *const unlisted_names[] = {"omit", "append", NULL};
static const char *const rotation_names[] = {"0", "90", "180", "270", NULL};
static const char *const corner_names[] = {"top-left",     "top-right", "bottom-left",
                                           "bottom-right", "none",      NULL};

#define OFF(field) offsetof(kiosk_config, field)
#define STR(field) OFF(field), 0, 0, NULL, sizeof(((kiosk_config *)0)->field)

static const config_key keys[] = {
    {"show", "image_seconds", KEY_SECONDS, OFF(image_ms), 1, 3600, NULL, 0},
    {"show", "title_seconds", KEY_SECONDS, OFF(title_ms), 1, 3600, NULL, 0},
    {"show", "text_min_seconds", KEY_SECONDS, OFF(text_min_ms), 1, 3600, NULL, 0},
    {"show", "text_max_seconds", KEY_SECONDS, OFF(text_max_ms), 1, 3600, NULL, 0},
    {"show", "words_per_minute", KEY_UINT, OFF(words_per_minute), 20, 1000, NULL, 0},
    {"show", "idle_resume_seconds", KEY_SECONDS, OFF(idle_resume_ms), 1, 3600, NULL, 0},
    {"show", "unlisted_files", KEY_ENUM, OFF(playlist_append_unlisted), 0, 0, unlisted_names, 0},
    {"show", "language_order", KEY_STRING, STR(language_order)},
    {"transition", "kind", KEY_ENUM, OFF(transition), 0, 0, transition_names, 0},
    {"transition", "seconds", KEY_SECONDS, OFF(transition_ms), 0, 10, NULL, 0},
    {"pictures", "fit", KEY_ENUM, OFF(fit), 0, 0, fit_names, 0},
    {"pictures", "backdrop", KEY_ENUM, OFF(backdrop), 0, 0, backdrop_names, 0},
    {"pictures", "max_megapixels", KEY_UINT, OFF(max_megapixels), 1, 1000, NULL, 0},
    {"colors", "background", KEY_COLOR, OFF(background), 0, 0, NULL, 0},
    {"colors", "text", KEY_COLOR, OFF(text), 0, 0, NULL, 0},
    {"colors", "accent", KEY_COLOR, OFF(accent), 0, 0, NULL, 0},
    {"colors", "banner", KEY_COLOR, OFF(banner), 0, 0, NULL, 0},
    {"fonts", "title", KEY_STRING, STR(title_font)},
    {"fonts", "body", KEY_STRING, STR(body_font)},
    {"fonts", "banner", KEY_STRING, STR(banner_font)},
    {"banner", "article", KEY_STRING, STR(banner_article)},
    {"banner", "default", KEY_STRING, STR(banner_default)},
    {"banner", "date", KEY_DATE, OFF(date_year), 0, 0, NULL, 0},
    {"banner", "language", KEY_ENUM, OFF(language), 0, 0, lang_names, 0},
    {"banner", "slide", KEY_BANNER_SLIDE, OFF(banner_slide_every), 1, 100, NULL, 0},
    {"banner", "slide_seconds", KEY_SECONDS, OFF(banner_slide_ms), 1, 3600, NULL, 0},
    {"banner", "slide_languages", KEY_STRING, STR(banner_languages)},
    {"screen", "safe_area_percent", KEY_PERCENT, OFF(safe_area), 0, 20, NULL, 0},
    {"screen", "rotation", KEY_ENUM, OFF(rotation), 0, 0, rotation_names, 0},
    {"schedule", "hours", KEY_STRING, STR(hours)},
    {"schedule", "remembrance_day", KEY_STRING, STR(remembrance_day)},
    {"schedule", "silence", KEY_STRING, STR(silence)},
    {"schedule", "silence_seconds", KEY_SECONDS, OFF(silence_ms), 1, 600, NULL, 0},
    {"schedule", "wake_seconds", KEY_SECONDS, OFF(wake_ms), 1, 3600, NULL, 0},
    {"staff", "corner", KEY_ENUM, OFF(staff_corner), 0, 0, corner_names, 0},
    {"staff", "long_press_seconds", KEY_SECONDS, OFF(long_press_ms), 1, 30, NULL, 0},
    {"sync", "group", KEY_STRING, STR(sync_group)},
    {"sync", "port", KEY_UINT, OFF(sync_port), 1024, 65535, NULL, 0},
    {"sync", "switch_delay_seconds", KEY_SECONDS, OFF(sync_switch_delay_ms), 0, 86400, NULL, 0},
};

void config_defaults(kiosk_config *c)
{
    memset(c, 0, sizeof *c);
    c->image_ms = 9000;
    c->title_ms = 7000;
    c->text_min_ms = 8000;
    c->text_max_ms = 45000;
    c->idle_resume_ms = 20000;
    c->words_per_minute = 140;
    c->playlist_append_unlisted = true;
    c->transition = CONFIG_TRANSITION_CROSSFADE;
    c->transition_ms = 1200;
    c->fit = CONFIG_FIT_CONTAIN;
    c->backdrop = CONFIG_BACKDROP_BLUR;
    c->max_megapixels = 80;
    c->background = (config_color){28, 27, 30};
    c->text = (config_color){238, 233, 224};
    c->accent = (config_color){150, 28, 32};
    c->banner = (config_color){8, 8, 9};
    snprintf(c->title_font, sizeof c->title_font, "Noto Serif");
    snprintf(c->body_font, sizeof c->body_font, "Noto Serif");
    snprintf(c->banner_font, sizeof c->banner_font, "Noto Sans");
    snprintf(c->banner_article, sizeof c->banner_article, "{category} \xC2\xB7 {article_date}");
    snprintf(c->banner_default, sizeof c->banner_default, "{date}");
    c->banner_slide_every = CONFIG_BANNER_SLIDE_ONCE;
    c->banner_slide_ms = 12000;
    c->date_year = 1990;
    c->date_month = 1;
    c->date_day = 20;
    c->language = CONFIG_LANG_EN;
    c->safe_area = 0;
    snprintf(c->hours, sizeof c->hours, "always");
    snprintf(c->remembrance_day, sizeof c->remembrance_day, "01-20");
    snprintf(c->silence, sizeof c->silence, "12:00");
    c->silence_ms = 60000;
    c->wake_ms = 180000;
    c->staff_corner = 0;
    c->long_press_ms = 3000;
    c->sync_port = 47017;
    c->sync_switch_delay_ms = 120000;
}

const char *config_fit_name(config_fit f)
{
    return fit_names[f];
}

int config_parse_fit(const char *s, config_fit *out)
{
    for (int i = 0; fit_names[i]; i++) {
        if (strcmp(s, fit_names[i]) == 0) {
            *out = (config_fit)i;
            return 0;
        }
    }
    return -1;
}

/* Parses a plain decimal number (no sign, no exponent, no trailing text). */
static int parse_number(const char *s, double *out)
{
    char *end = NULL;
    if (!isdigit((unsigned char)s[0])) {
        return -1;
    }
    for (const char *p = s; *p; p++) {
        if (!isdigit((unsigned char)*p) && *p != '.') {
            return -1;
        }
    }
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !isfinite(v)) {
        return -1;
    }
    *out = v;
    return 0;
}

static int hexval(char ch)
{
    if (ch >= '0' && ch <= '9') {
        return ch - '0';
    }
    ch = (char)tolower((unsigned char)ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static int parse_color(const char *s, config_color *out)
{
    int v[6];
    if (s[0] != '#' || strlen(s) != 7) {
        return -1;
    }
    for (int i = 0; i < 6; i++) {
        if ((v[i] = hexval(s[1 + i])) < 0) {
            return -1;
        }
    }
    out->r = (uint8_t)(v[0] * 16 + v[1]);
    out->g = (uint8_t)(v[2] * 16 + v[3]);
    out->b = (uint8_t)(v[4] * 16 + v[5]);
    return 0;
}

static int parse_date(const char *s, int *ymd)
{
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || s[n] != '\0' || n != 10) {
        return -1;
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) {
        return -1;
    }
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return -1;
    }
    ymd[0] = y;
    ymd[1] = m;
    ymd[2] = d;
    return 0;
}

typedef struct {
    kiosk_config *cfg;
    diag_list *diags;
    const char *path;
    const char *text; /* reader position */
    int line;         /* line of the last line handed to inih */
    int problems;
    int cut;     /* the last line handed to inih was longer than its buffer: only its start was handed */
    int max_len; /* the longest line inih takes whole, in bytes */
} parse_state;

static void problem(parse_state *st, diag_severity sev, const char *fmt, const char *a, const char *b)
{
    diag_add(st->diags, sev, st->path, st->line, fmt, a, b);
    st->problems++;
}

/* "none" | "once" | "every N" (N within the key's range). Returns NULL when stored, else a reason. */
static const char *parse_banner_slide(const char *value, const config_key *k, int *out)
{
    double num;
    if (strcmp(value, "none") == 0) {
        *out = CONFIG_BANNER_SLIDE_NONE;
        return NULL;
    }
    if (strcmp(value, "once") == 0) {
        *out = CONFIG_BANNER_SLIDE_ONCE;
        return NULL;
    }
    if (strncmp(value, "every", 5) != 0 || !isspace((unsigned char)value[5]) ||
        parse_number(value + 6 + strspn(value + 6, " \t"), &num) != 0 || num != floor(num) || num < k->min ||
        num > k->max) {
        return "expected none, once or every N";
    }
    *out = (int)num;
    return NULL;
}

/* Applies one value; returns a reason on a bad value, NULL when it was stored. */
static const char *apply(const config_key *k, const char *value, kiosk_config *c)
{
    char *field = (char *)c + k->offset;
    double num;
    switch (k->type) {
    case KEY_SECONDS:
        if (parse_number(value, &num) != 0 || num < k->min || num > k->max) {
            return "expected a number of seconds";
        }
        *(uint32_t *)(void *)field = (uint32_t)lround(num * 1000.0);
        return NULL;
    case KEY_UINT:
        if (parse_number(value, &num) != 0 || num != floor(num) || num < k->min || num > k->max) {
            return "expected a whole number";
        }
        *(uint32_t *)(void *)field = (uint32_t)num;
        return NULL;
    case KEY_PERCENT:
        if (parse_number(value, &num) != 0 || num < k->min || num > k->max) {
            return "expected a percentage";
        }
        *(double *)(void *)field = num / 100.0;
        return NULL;
    case KEY_ENUM:
        for (int i = 0; k->enum_names[i]; i++) {
            if (strcmp(value, k->enum_names[i]) == 0) {
                if (k->enum_names == unlisted_names) {
                    *(bool *)(void *)field = i == 1;
                } else if (k->enum_names == rotation_names) {
                    *(int *)(void *)field = i * 90;
                } else {
                    *(int *)(void *)field = i;
                }
                return NULL;
            }
        }
        return "not one of the allowed words";
    case KEY_COLOR:
        return parse_color(value, (config_color *)(void *)field) == 0 ? NULL
                                                                      : "expected a colour like #1c1b1e";
    case KEY_STRING:
        if (strlen(value) >= k->size) {
            return "too long";
        }
        if (!utf8_validate(value, strlen(value), NULL)) {
            return "not valid UTF-8 text";
        }
        memcpy(field, value, strlen(value) + 1);
        return NULL;
    case KEY_DATE:
        return parse_date(value, (int *)(void *)field) == 0 ? NULL : "expected a date like 1990-01-20";
    case KEY_BANNER_SLIDE:
        return parse_banner_slide(value, k, (int *)(void *)field);
    }
    return "unsupported key type";
}

static void describe_allowed(const config_key *k, char *buf, size_t n)
{
    buf[0] = '\0';
    if (k->type == KEY_BANNER_SLIDE) {
        snprintf(buf, n, " (none, once, or every N with N from %g to %g)", k->min, k->max);
    }
    if (k->type == KEY_ENUM) {
        size_t used = 0;
        for (int i = 0; k->enum_names[i] && used < n; i++) {
            used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : " (one of: ", k->enum_names[i]);
        }
        if (used < n) {
            snprintf(buf + used, n - used, ")");
        }
    } else if (k->type == KEY_SECONDS || k->type == KEY_UINT || k->type == KEY_PERCENT) {
        snprintf(buf, n, " (from %g to %g)", k->min, k->max);
    }
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    parse_state *st = user;
    const config_key *key = NULL;
    int known_section = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(keys[i].section, section) != 0) {
            continue;
        }
        known_section = 1;
        if (strcmp(keys[i].name, name) == 0) {
            key = &keys[i];
        }
    }
    if (!key) {
        if (known_section) {
            problem(st, DIAG_WARNING, "unknown key '%s' in [%s]; ignored", name, section);
        } else {
            problem(st, DIAG_WARNING, "unknown section [%s] (key '%s'); ignored", section, name);
        }
        return 1;
    }
    if (st->cut) { /* inih saw only the start of the value: never store a cut template or name */
        diag_add(st->diags, DIAG_ERROR, st->path, st->line,
                 "the line of %s is too long (over %d bytes); the default is used", name, st->max_len);
        st->problems++;
        return 1;
    }
    const char *why = apply(key, value, st->cfg);
    if (why) {
        char allowed[160], msg[320];
        describe_allowed(key, allowed, sizeof allowed);
        snprintf(msg, sizeof msg, "%s%s; the default is used", why, allowed);
        diag_add(st->diags, DIAG_ERROR, st->path, st->line, "bad value '%s' for %s: %s", value, name, msg);
        st->problems++;
    }
    return 1;
}

/* fgets-like reader over the text that counts lines, so diags carry line numbers. A line longer than
 * inih's buffer is cut (the rest skipped), so line numbers stay right, and marked, so its value is
 * refused as too long rather than stored cut. */
static char *read_line(char *str, int num, void *stream)
{
    parse_state *st = stream;
    const char *p = st->text;
    int n = 0;
    if (!*p) {
        return NULL;
    }
    while (*p && *p != '\n' && n < num - 2) {
        str[n++] = *p++;
    }
    st->cut = 0;
    st->max_len = num - 2;
    while (*p && *p != '\n') { /* the part that does not fit (a CR alone is only the line end) */
        st->cut |= *p != '\r' || (p[1] != '\n' && p[1] != '\0');
        p++;
    }
    if (*p == '\n') {
        p++;
    }
    str[n++] = '\n';
    str[n] = '\0';
    st->line++;
    st->text = p;
    return str;
}

int config_parse(const char *text, const char *path, kiosk_config *c, diag_list *diags)
{
    parse_state st = {c, diags, path ? path : "kiosk.conf", text, 0, 0, 0, 0};
    if (!text) {
        return 0;
    }
    int rc = ini_parse_stream(read_line, &st, on_value, &st);
    if (rc > 0) {
        st.line = rc;
        problem(&st, DIAG_ERROR, "%s%s", "not a 'key = value' line or a [section]; ignored", "");
    }
    if (c->text_min_ms > c->text_max_ms) {
        st.line = 0;
        problem(&st, DIAG_WARNING, "%s%s", "text_min_seconds is above text_max_seconds; both are used as ",
                "text_max_seconds");
        c->text_min_ms = c->text_max_ms;
    }
    return st.problems;
}

int config_load(const char *dir, kiosk_config *c, diag_list *diags)
{
    char path[4096];
    char *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/kiosk.conf", dir);
    int err = content_read_file(path, 256 * 1024, &data, &len);
    if (err == ENOENT) {
        return 0;
    }
    if (err) {
        diag_add(diags, DIAG_ERROR, "kiosk.conf", 0, "cannot be read (%s); the defaults are used",
                 strerror(err));
        return 1;
    }
    int n = config_parse(data, "kiosk.conf", c, diags);
    free(data);
    return n;
}
