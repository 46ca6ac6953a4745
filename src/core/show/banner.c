/* banner: see banner.h. */
#include "banner.h"

#include <stdio.h>
#include <string.h>

static const char *const months_en[12] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};
/* Azerbaijani month names are written in lower case inside a date. */
static const char *const months_az[12] = {"yanvar", "fevral", "mart",     "aprel",   "may",    "iyun",
                                          "iyul",   "avqust", "sentyabr", "oktyabr", "noyabr", "dekabr"};
/* Russian: the genitive case, as a date needs ("20 января"). */
static const char *const months_ru[12] = {
    "\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F",                 /* января */
    "\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F",         /* февраля */
    "\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0",                         /* марта */
    "\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F",                 /* апреля */
    "\xD0\xBC\xD0\xB0\xD1\x8F",                                         /* мая */
    "\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F",                                 /* июня */
    "\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F",                                 /* июля */
    "\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0",         /* августа */
    "\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", /* сентября */
    "\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",         /* октября */
    "\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F",                 /* ноября */
    "\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F",         /* декабря */
};

char *banner_format_date(banner_date d, config_lang lang, char *out, size_t n)
{
    const char *const *months = lang == CONFIG_LANG_AZ   ? months_az
                                : lang == CONFIG_LANG_RU ? months_ru
                                                         : months_en;
    if (!out || n == 0) {
        return out;
    }
    if (d.year == 0) {
        out[0] = '\0';
    } else if (d.month < 1 || d.month > 12) {
        snprintf(out, n, "%04d-%02d-%02d", d.year, d.month, d.day);
    } else {
        snprintf(out, n, "%d %s %d", d.day, months[d.month - 1], d.year);
    }
    return out;
}

int banner_years_since(banner_date d, banner_date today)
{
    int years = today.year - d.year;
    if (today.month < d.month || (today.month == d.month && today.day < d.day)) {
        years--;
    }
    return years < 0 ? 0 : years;
}

static const char *const placeholders[] = {"{date}", "{years}", "{today}", "{category}", "{article_date}"};
enum { PH_DATE, PH_YEARS, PH_TODAY, PH_CATEGORY, PH_ARTICLE_DATE, PH_COUNT };

static int placeholder_at(const char *s)
{
    for (int i = 0; i < PH_COUNT; i++) {
        if (strncmp(s, placeholders[i], strlen(placeholders[i])) == 0) {
            return i;
        }
    }
    return -1;
}

/* Appends s to out (capacity n, used *len), never splitting a UTF-8 sequence. Returns 1 when all of s
 * fitted, 0 when it was cut (then nothing more may follow: the text ends there). */
static int append(char *out, size_t n, size_t *len, const char *s, size_t slen)
{
    int whole = 1;
    if (*len + slen >= n) {
        slen = n - 1 - *len;
        while (slen > 0 && ((unsigned char)s[slen] & 0xC0) == 0x80) {
            slen--;
        }
        whole = 0;
    }
    memcpy(out + *len, s, slen);
    *len += slen;
    out[*len] = '\0';
    return whole;
}

/* Bytes of the UTF-8 sequence that starts at s: its lead byte and the continuation bytes after it. */
static size_t sequence_len(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, k = 1;
    while (k < want && ((unsigned char)s[k] & 0xC0) == 0x80) {
        k++;
    }
    return k;
}

static void strip_separators(char *s)
{
    static const char *const seps[] = {"\xC2\xB7", "\xE2\x80\x94", "\xE2\x80\x93", "-", "|", ",", ":"};
    int changed = 1;
    while (changed) {
        changed = 0;
        size_t len = strlen(s), lead = 0;
        while (s[lead] == ' ') {
            lead++;
        }
        memmove(s, s + lead, len - lead + 1);
        len = strlen(s);
        while (len > 0 && s[len - 1] == ' ') {
            s[--len] = '\0';
        }
        for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++) {
            size_t k = strlen(seps[i]);
            if (len >= k && strncmp(s, seps[i], k) == 0 && (s[k] == ' ' || s[k] == '\0')) {
                memmove(s, s + k, len - k + 1);
                changed = 1;
                break;
            }
            len = strlen(s);
            if (len >= k && strcmp(s + len - k, seps[i]) == 0 && (len == k || s[len - k - 1] == ' ')) {
                s[len - k] = '\0';
                changed = 1;
                break;
            }
        }
    }
}

char *banner_format(const char *tmpl, const banner_values *v, char *out, size_t n)
{
    size_t len = 0;
    char buf[128];
    if (n == 0) {
        return out;
    }
    out[0] = '\0';
    /* A piece that does not fit ends the text: a letter is never split, nor a later piece kept. */
    for (const char *p = tmpl; *p;) {
        int ph = *p == '{' ? placeholder_at(p) : -1;
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            if (!append(out, n, &len, p, 1)) {
                break;
            }
            p += 2;
            continue;
        }
        if (ph < 0) {
            size_t k = sequence_len(p);
            if (!append(out, n, &len, p, k)) {
                break;
            }
            p += k;
            continue;
        }
        if (ph == PH_CATEGORY) { /* as long as it is, not through buf (which could cut a letter) */
            const char *cat = v->category ? v->category : "";
            if (!append(out, n, &len, cat, strlen(cat))) {
                break;
            }
            p += strlen(placeholders[ph]);
            continue;
        }
        buf[0] = '\0';
        switch (ph) {
        case PH_DATE:
            banner_format_date(v->commemorated, v->language, buf, sizeof buf);
            break;
        case PH_YEARS:
            snprintf(buf, sizeof buf, "%d", banner_years_since(v->commemorated, v->today));
            break;
        case PH_TODAY:
            banner_format_date(v->today, v->language, buf, sizeof buf);
            break;
        case PH_CATEGORY: /* appended above */
            break;
        case PH_ARTICLE_DATE:
            banner_format_date(v->article_date, v->language, buf, sizeof buf);
            break;
        }
        if (!append(out, n, &len, buf, strlen(buf))) {
            break;
        }
        p += strlen(placeholders[ph]);
    }
    strip_separators(out);
    return out;
}

int banner_check(const char *tmpl, char *name, size_t n)
{
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] == '{') {
            p++;
            continue;
        }
        if (*p == '{' && placeholder_at(p) < 0) {
            const char *end = strchr(p, '}');
            size_t k = end ? (size_t)(end - p + 1) : strlen(p);
            snprintf(name, n, "%.*s", (int)k, p);
            return 1;
        }
    }
    return 0;
}
