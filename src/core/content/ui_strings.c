/* ui_strings: see ui_strings.h. The built-in English words below are the same as assets/text/en.txt (a unit
 * test keeps them equal). */
#include "ui_strings.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

typedef struct {
    const char *key, *text;
} builtin_entry;

static const builtin_entry builtin[] = {
    {"fallback.title", "In memory of the victims of 20 January 1990"},
    {"fallback.subtitle", "The exhibit will continue shortly."},
    {"silence.title", "A minute of silence"},
    {"silence.subtitle", "We remember the victims of 20 January 1990."},
    {"banner.line", "In memory of the victims of 20 January 1990"},
    {"banner.years.one", "{years} year"},
    {"banner.years.other", "{years} years"},
    {"staff.title", "Memorial Kiosk {version}"},
    {"staff.content", "Content: {path}"},
    {"staff.slides", "Slides: {slides}"},
    {"staff.errors", "content errors: {errors}"},
    {"staff.warnings", "warnings: {warnings}"},
    {"staff.uptime", "Up: {days} d {hours}:{minutes}"},
    {"staff.memory", "memory: {mb} MB"},
    {"staff.transitions", "Transitions: {fps} fps (p50 {p50} ms, p99 {p99} ms), late frames: {late}"},
    {"staff.slide", "Slide {index}: {source}"},
    {"staff.rollback", "Roll back to the previous exhibit"},
    {"import.reading", "Reading the USB stick\xE2\x80\xA6 {percent} %"},
    {"import.done", "New exhibit: {slides}."},
    {"import.slides.one", "{slides} slide"},
    {"import.slides.other", "{slides} slides"},
    {"import.problems", "{errors}:"},
    {"import.errors.one", "{errors} problem"},
    {"import.errors.other", "{errors} problems"},
    {"import.remove", "You can remove the stick."},
    {"import.nothing", "Nothing on this stick can be shown."},
    {"import.not_changed", "The exhibit has not changed."},
    {"import.reading_other", "Reading the new exhibit\xE2\x80\xA6 {percent} %"},
    {"import.pulled", "The stick was removed before the copy was complete."},
    {"import.refused", "The stick was not taken: {reason}"},
    {"import.no_folder", "This stick has no memorial-kiosk folder."},
    {"import.no_folder_hint", "Put the exhibit into a folder named memorial-kiosk at the top of the stick."},
    {"import.unchanged", "This exhibit is already showing."},
};
#define BUILTIN_COUNT (sizeof builtin / sizeof builtin[0])

#define MAX_LINE 4096

typedef struct {
    char *key, *text;
} entry;

typedef struct {
    entry *items;
    size_t count, cap;
} layer_table;

struct strings {
    config_lang lang;
    layer_table layer[2]; /* indexed by strings_layer */
};

static const char *const plural_suffix[] = {".one", ".few", ".many", ".other"};

size_t strings_builtin_count(void)
{
    return BUILTIN_COUNT;
}

const char *strings_builtin_key(size_t i)
{
    return i < BUILTIN_COUNT ? builtin[i].key : NULL;
}

const char *strings_builtin_text(size_t i)
{
    return i < BUILTIN_COUNT ? builtin[i].text : NULL;
}

const char *strings_language_code(config_lang lang)
{
    switch (lang) {
    case CONFIG_LANG_AZ:
        return "az";
    case CONFIG_LANG_RU:
        return "ru";
    default:
        return "en";
    }
}

const char *strings_plural_category(config_lang lang, long long n)
{
    unsigned long long v = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
    if (lang == CONFIG_LANG_RU) {
        unsigned long long d = v % 10, h = v % 100;
        if (d == 1 && h != 11) {
            return "one";
        }
        if (d >= 2 && d <= 4 && (h < 12 || h > 14)) {
            return "few";
        }
        return "many";
    }
    return v == 1 ? "one" : "other"; /* en; az (whose files need only .other) */
}

strings *strings_create(config_lang lang)
{
    strings *s = calloc(1, sizeof *s);
    if (s) {
        s->lang = lang;
    }
    return s;
}

static void layer_free(layer_table *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].key);
        free(t->items[i].text);
    }
    free(t->items);
    *t = (layer_table){0};
}

void strings_free(strings *s)
{
    if (!s) {
        return;
    }
    layer_free(&s->layer[0]);
    layer_free(&s->layer[1]);
    free(s);
}

config_lang strings_language(const strings *s)
{
    return s->lang;
}

static const char *builtin_get(const char *key)
{
    for (size_t i = 0; i < BUILTIN_COUNT; i++) {
        if (strcmp(builtin[i].key, key) == 0) {
            return builtin[i].text;
        }
    }
    return NULL;
}

static entry *layer_find(const layer_table *t, const char *key)
{
    for (size_t i = 0; i < t->count; i++) {
        if (strcmp(t->items[i].key, key) == 0) {
            return &t->items[i];
        }
    }
    return NULL;
}

/* The built-in text that tells which placeholders key may use: its own, or for a plural form
 * (base.few) the built-in base.other. NULL for a key the program does not know. */
static const char *reference_text(const char *key)
{
    const char *t = builtin_get(key);
    if (t) {
        return t;
    }
    const char *dot = strrchr(key, '.');
    if (!dot) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof plural_suffix / sizeof plural_suffix[0]; i++) {
        if (strcmp(dot, plural_suffix[i]) == 0) {
            char other[160];
            int len = (int)(dot - key);
            if (len + sizeof ".other" > sizeof other) {
                return NULL;
            }
            snprintf(other, sizeof other, "%.*s.other", len, key);
            return builtin_get(other);
        }
    }
    return NULL;
}

/* The first {name} of text that ref does not have, copied into name (with braces); false when none. */
static bool unknown_placeholder(const char *text, const char *ref, char *name, size_t n)
{
    for (const char *p = text; *p; p++) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            p++;
            continue;
        }
        const char *end = p[0] == '{' ? strchr(p, '}') : NULL;
        if (!end) {
            continue;
        }
        size_t len = (size_t)(end - p) + 1;
        const char *r = ref;
        bool found = false;
        while (!found && (r = strstr(r, "{")) != NULL) {
            found = strncmp(r, p, len) == 0;
            r++;
        }
        if (!found) {
            snprintf(name, n, "%.*s", (int)len, p);
            return true;
        }
        p = end;
    }
    return false;
}

static char *trim(char *b, char *e)
{
    while (b < e && (*b == ' ' || *b == '\t')) {
        b++;
    }
    while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) {
        e--;
    }
    *e = '\0';
    return b;
}

/* Stores key = text in the layer (replacing an earlier one). 0, or -1 when out of memory. */
static int layer_put(layer_table *t, const char *key, const char *text)
{
    char *k = NULL, *v = strdup(text);
    entry *old = v ? layer_find(t, key) : NULL;
    if (old) {
        free(old->text);
        old->text = v;
        return 0;
    }
    if (v && t->count == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        entry *items = realloc(t->items, cap * sizeof *items);
        if (!items) {
            goto fail;
        }
        t->items = items;
        t->cap = cap;
    }
    k = v ? strdup(key) : NULL;
    if (!k) {
        goto fail;
    }
    t->items[t->count].key = k;
    t->items[t->count].text = v;
    t->count++;
    return 0;
fail:
    free(v);
    return -1;
}

/* One line of a file (NUL-terminated, without its line break). Returns 1 for a problem, 0 for none, -1
 * when out of memory. */
static int parse_line(layer_table *t, char *line, const char *path, int lineno, diag_list *diags)
{
    char *p = trim(line, line + strlen(line));
    if (!*p || *p == '#') {
        return 0;
    }
    if (!utf8_validate(p, strlen(p), NULL)) {
        return diag_add(diags, DIAG_WARNING, path, lineno, "not UTF-8 text; the line is ignored") ? -1 : 1;
    }
    char *eq = strchr(p, '=');
    if (!eq) {
        return diag_add(diags, DIAG_WARNING, path, lineno, "not a 'key = text' line; ignored") ? -1 : 1;
    }
    char *text = trim(eq + 1, eq + 1 + strlen(eq + 1));
    char *key = trim(p, eq);
    const char *ref = reference_text(key);
    char name[64];
    int problem = 1, err = 0;
    if (!ref) {
        err = diag_add(diags, DIAG_WARNING, path, lineno, "unknown key '%s'; ignored", key);
    } else if (!*text) {
        err =
            diag_add(diags, DIAG_WARNING, path, lineno, "'%s' has no text; the English words are used", key);
    }
    if (err || !ref || !*text) {
        return err ? -1 : 1;
    }
    if (unknown_placeholder(text, ref, name, sizeof name)) {
        err = diag_add(diags, DIAG_WARNING, path, lineno,
                       "'%s' has the unknown placeholder %s; it is shown as written", key, name);
    } else if (layer_find(t, key)) {
        err = diag_add(diags, DIAG_WARNING, path, lineno, "'%s' is given twice; the later line is used", key);
    } else {
        problem = 0;
    }
    if (err || layer_put(t, key, text)) {
        return -1;
    }
    return problem;
}

int strings_parse(strings *s, strings_layer layer, const char *text, const char *path, diag_list *diags)
{
    layer_table *t = &s->layer[layer == STRINGS_LAYER_ENGLISH ? 1 : 0];
    char line[MAX_LINE];
    int problems = 0, lineno = 0;
    const char *p = text ? text : "";
    if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) { /* a byte order mark, as Notepad may write */
        p += 3;
    }
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        lineno++;
        int rc;
        if (len >= sizeof line) {
            rc = diag_add(diags, DIAG_WARNING, path, lineno, "the line is longer than %d bytes; ignored",
                          MAX_LINE - 1)
                     ? -1
                     : 1;
        } else {
            memcpy(line, p, len);
            line[len] = '\0';
            rc = parse_line(t, line, path, lineno, diags);
        }
        if (rc < 0) {
            return -1;
        }
        problems += rc;
        p += len + (end ? 1 : 0);
    }
    return problems;
}

static const char *layer_get(const strings *s, strings_layer layer, const char *key)
{
    const entry *e = layer_find(&s->layer[layer == STRINGS_LAYER_ENGLISH ? 1 : 0], key);
    return e ? e->text : NULL;
}

const char *strings_get(const strings *s, const char *key)
{
    const char *t = s ? layer_get(s, STRINGS_LAYER_LANGUAGE, key) : NULL;
    if (!t && s) {
        t = layer_get(s, STRINGS_LAYER_ENGLISH, key);
    }
    if (!t) {
        t = builtin_get(key);
    }
    return t ? t : key;
}

/* base.category, else base.other, from one layer (layer < 0: the built-in words). */
static const char *count_form(const strings *s, int layer, const char *base, const char *category)
{
    char key[160];
    const char *forms[] = {category, "other"};
    for (size_t i = 0; i < 2; i++) {
        snprintf(key, sizeof key, "%s.%s", base, forms[i]);
        const char *t = layer < 0 ? builtin_get(key) : layer_get(s, (strings_layer)layer, key);
        if (t) {
            return t;
        }
    }
    return NULL;
}

const char *strings_get_count(const strings *s, const char *base, long long n)
{
    const char *en = strings_plural_category(CONFIG_LANG_EN, n);
    const char *t = NULL;
    if (s) {
        t = count_form(s, STRINGS_LAYER_LANGUAGE, base, strings_plural_category(s->lang, n));
    }
    if (!t && s) {
        t = count_form(s, STRINGS_LAYER_ENGLISH, base, en);
    }
    if (!t) {
        t = count_form(s, -1, base, en);
    }
    return t ? t : base;
}

/* Appends s[0..len) to out at *pos, whole UTF-8 characters only; false once out is full. */
static bool append(char *out, size_t n, size_t *pos, const char *s, size_t len)
{
    if (*pos + len < n) {
        memcpy(out + *pos, s, len);
        *pos += len;
        return true;
    }
    size_t room = n - 1 - *pos;
    while (room > 0 && ((unsigned char)s[room] & 0xC0) == 0x80) {
        room--;
    }
    memcpy(out + *pos, s, room);
    *pos += room;
    return false;
}

static const strings_arg *find_arg(const strings_arg *args, size_t nargs, const char *name, size_t len)
{
    for (size_t i = 0; i < nargs; i++) {
        if (args[i].name && strlen(args[i].name) == len && strncmp(args[i].name, name, len) == 0) {
            return &args[i];
        }
    }
    return NULL;
}

char *strings_fill(const char *tmpl, const strings_arg *args, size_t nargs, char *out, size_t n)
{
    size_t pos = 0;
    if (!out || n == 0) {
        return out;
    }
    const char *p = tmpl ? tmpl : "";
    bool room = true;
    while (*p && room) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            room = append(out, n, &pos, p, 1);
            p += 2;
            continue;
        }
        const char *end = p[0] == '{' ? strpbrk(p + 1, "{}") : NULL;
        const strings_arg *a =
            end && *end == '}' ? find_arg(args, nargs, p + 1, (size_t)(end - p - 1)) : NULL;
        if (a) {
            const char *v = a->value ? a->value : "";
            room = append(out, n, &pos, v, strlen(v));
            p = end + 1;
            continue;
        }
        size_t len = 1;
        while (p[len] && p[len] != '{' && p[len] != '}') {
            len++;
        }
        room = append(out, n, &pos, p, len);
        p += len;
    }
    out[pos] = '\0';
    return out;
}

char *strings_format(const strings *s, const char *key, const strings_arg *args, size_t nargs, char *out,
                     size_t n)
{
    return strings_fill(strings_get(s, key), args, nargs, out, n);
}

char *strings_count(const strings *s, const char *base, long long n, char *out, size_t size)
{
    char num[32];
    snprintf(num, sizeof num, "%lld", n);
    const char *dot = strrchr(base, '.');
    strings_arg arg = {dot ? dot + 1 : base, num};
    return strings_fill(strings_get_count(s, base, n), &arg, 1, out, size);
}
