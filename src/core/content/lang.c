/* lang: see lang.h. */
#include "lang.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static const char *const names[] = {"en", "az", "ru"};

static int lang_from_name(const char *rel)
{
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    size_t n = strlen(base);
    if (n < 7 || strcasecmp(base + n - 4, ".txt") != 0) {
        return -1;
    }
    char sep = base[n - 7];
    if (sep != '.' && sep != '-' && sep != '_') {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        if (strncasecmp(base + n - 6, names[i], 2) == 0) {
            return i;
        }
    }
    return -1;
}

/* Counts tell-tale letters in s. */
static void count_letters(const char *s, size_t *cyr, size_t *az, size_t *latin)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        if (cp >= 0x400 && cp <= 0x4FF) {
            (*cyr)++;
        } else if (cp == 0x259 || cp == 0x18F || cp == 0x11F || cp == 0x11E || cp == 0x131 || cp == 0x130 ||
                   cp == 0x15F || cp == 0x15E) {
            (*az)++;
        } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) {
            (*latin)++;
        }
    }
}

config_lang lang_of_item(const content_item *it)
{
    int named = lang_from_name(it->rel_path);
    if (named >= 0) {
        return (config_lang)named;
    }
    size_t cyr = 0, az = 0, latin = 0;
    if (it->article) {
        count_letters(it->article->title, &cyr, &az, &latin);
        if (it->article->paragraph_count > 0) {
            count_letters(it->article->paragraphs[0], &cyr, &az, &latin);
        }
    }
    if (cyr > latin) {
        return CONFIG_LANG_RU;
    }
    if (az > 0 && az * 100 >= latin) { /* at least one in a hundred Latin letters */
        return CONFIG_LANG_AZ;
    }
    return CONFIG_LANG_EN;
}

int lang_parse_order(const char *spec, config_lang *order, size_t cap)
{
    size_t n = 0;
    for (const char *p = spec; *p;) {
        while (*p == ' ' || *p == ',' || *p == '\t') {
            p++;
        }
        if (!*p) {
            break;
        }
        size_t k = strcspn(p, " ,\t");
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (k == 2 && strncasecmp(p, names[i], 2) == 0) {
                found = i;
            }
        }
        if (found < 0) {
            return -1;
        }
        bool dup = false;
        for (size_t j = 0; j < n; j++) {
            dup = dup || order[j] == (config_lang)found;
        }
        if (!dup && n < cap) {
            order[n++] = (config_lang)found;
        }
        p += k;
    }
    return (int)n;
}

static size_t rank(config_lang l, const config_lang *order, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (order[i] == l) {
            return i;
        }
    }
    return n;
}

void lang_apply_order(content *c, const config_lang *order, size_t n)
{
    for (size_t start = 0; start < c->count;) {
        if (c->items[start].kind != CONTENT_ARTICLE) {
            start++;
            continue;
        }
        size_t end = start;
        while (end < c->count && c->items[end].kind == CONTENT_ARTICLE) {
            end++;
        }
        /* insertion sort of the run by rank: stable, and runs are short */
        for (size_t i = start + 1; i < end; i++) {
            content_item it = c->items[i];
            size_t r = rank(lang_of_item(&it), order, n), j = i;
            while (j > start && rank(lang_of_item(&c->items[j - 1]), order, n) > r) {
                c->items[j] = c->items[j - 1];
                j--;
            }
            c->items[j] = it;
        }
        start = end;
    }
}

/* Adds l to out (count *n, capacity cap) when it is not there yet. */
static void add_lang(config_lang l, config_lang *out, size_t *n, size_t cap)
{
    for (size_t i = 0; i < *n; i++) {
        if (out[i] == l) {
            return;
        }
    }
    if (*n < cap) {
        out[(*n)++] = l;
    }
}

size_t lang_of_exhibit(const content *c, const char *spec, config_lang fallback, config_lang *out, size_t cap)
{
    config_lang order[3], found[3];
    size_t n = 0, nfound = 0;
    if (cap == 0) {
        return 0;
    }
    if (spec && *spec && strcmp(spec, "auto") != 0) {
        int k = lang_parse_order(spec, order, 3);
        for (int i = 0; i < k; i++) {
            add_lang(order[i], out, &n, cap);
        }
        if (n > 0) {
            return n;
        }
    }
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind == CONTENT_ARTICLE) {
            add_lang(lang_of_item(&c->items[i]), found, &nfound, 3);
        }
    }
    int k = lang_parse_order(c->config.language_order, order, 3);
    for (int i = 0; i < k; i++) { /* the exhibit's own order first, for the languages it has */
        for (size_t j = 0; j < nfound; j++) {
            if (found[j] == order[i]) {
                add_lang(order[i], out, &n, cap);
            }
        }
    }
    for (size_t j = 0; j < nfound; j++) {
        add_lang(found[j], out, &n, cap);
    }
    if (n == 0) {
        add_lang(fallback, out, &n, cap);
    }
    return n;
}
