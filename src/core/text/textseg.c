/* textseg: see textseg.h. Tables are approximations, tuned for prose: no allocation, no state. */
#include "textseg.h"

#include <string.h>

#include "utf8.h"

size_t textseg_prev_start(const char *s, size_t lo, size_t i)
{
    size_t j = i - 1;
    while (j > lo && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
        j--;
    return j;
}

bool textseg_is_newline(uint32_t c)
{
    return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool textseg_is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || textseg_is_newline(c) || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x205F || c == 0x3000;
}

size_t textseg_skip_space(const char *s, size_t len, size_t i, bool newlines)
{
    while (i < len) {
        uint32_t c;
        utf8_decode(s + i, len - i, &c);
        if (!textseg_is_space(c) || (!newlines && textseg_is_newline(c)))
            break;
        /* The whole cluster: a mark or joiner after a space is skipped with it, so that a line never
         * starts with a bare accent. */
        i = textseg_next_grapheme(s, len, i);
    }
    return i;
}

size_t textseg_trim_end(const char *s, size_t lo, size_t hi)
{
    while (hi > lo) {
        uint32_t c;
        size_t j = textseg_prev_start(s, lo, hi);
        utf8_decode(s + j, hi - j, &c);
        if (!textseg_is_space(c))
            break;
        hi = j;
    }
    return hi;
}

size_t textseg_count_words(const char *s, size_t len)
{
    size_t words = 0;
    bool in_word = false;
    for (size_t i = 0; i < len;) {
        uint32_t c;
        i += utf8_decode(s + i, len - i, &c);
        bool sp = textseg_is_space(c);
        if (!sp && !in_word)
            words++;
        in_word = !sp;
    }
    return words;
}

/* ---- graphemes ---------------------------------------------------------------------------------- */

static const uint32_t extend_ranges[][2] = {
    {0x0300, 0x036F},   {0x0483, 0x0489},   {0x0591, 0x05BD},   {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5},   {0x05C7, 0x05C7},   {0x0610, 0x061A},   {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC},   {0x06DF, 0x06E4},   {0x06E7, 0x06E8},   {0x06EA, 0x06ED}, {0x0E31, 0x0E31},
    {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E},   {0x0EB1, 0x0EB1},   {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD},
    {0x1160, 0x11FF},   {0x1AB0, 0x1AFF},   {0x1DC0, 0x1DFF},   {0x200C, 0x200D}, {0x20D0, 0x20FF},
    {0x302A, 0x302F},   {0x3099, 0x309A},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F}, {0xFF9E, 0xFF9F},
    {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

/* Marks that never start a grapheme cluster (approximation of Grapheme_Cluster_Break Extend/SpacingMark). */
static bool is_extend(uint32_t c)
{
    if (c >= 0x0900 && c <= 0x0DFF) { /* Indic blocks share one layout of vowel signs and viramas */
        uint32_t o = c & 0x7F;
        return o <= 0x03 || (o >= 0x3A && o <= 0x4F && o != 0x3D) || (o >= 0x51 && o <= 0x57) || o == 0x62 ||
               o == 0x63;
    }
    for (size_t i = 0; i < sizeof extend_ranges / sizeof extend_ranges[0]; i++)
        if (c >= extend_ranges[i][0] && c <= extend_ranges[i][1])
            return true;
    return false;
}

/* Approximation of Extended_Pictographic: the blocks emoji come from. */
static bool is_pictographic(uint32_t c)
{
    return c == 0xA9 || c == 0xAE || c == 0x203C || c == 0x2049 || c == 0x2122 || c == 0x2139 ||
           (c >= 0x2194 && c <= 0x21AA) || (c >= 0x2300 && c <= 0x23FF) || (c >= 0x25AA && c <= 0x27BF) ||
           (c >= 0x2934 && c <= 0x2935) || (c >= 0x2B05 && c <= 0x2B55) || c == 0x3030 || c == 0x303D ||
           c == 0x3297 || c == 0x3299 ||
           (c >= 0x1F000 && c <= 0x1FAFF && !(c >= 0x1F1E6 && c <= 0x1F1FF) &&
            !(c >= 0x1F3FB && c <= 0x1F3FF));
}

static bool is_regional(uint32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

size_t textseg_next_grapheme(const char *s, size_t end, size_t i)
{
    uint32_t c, n;
    size_t j = i + utf8_decode(s + i, end - i, &c);
    if (c == '\r')
        return j < end && s[j] == '\n' ? j + 1 : j;
    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029)
        return j; /* controls stand alone */
    bool ri_open = is_regional(c), emoji = is_pictographic(c);
    while (j < end) {
        size_t k = utf8_decode(s + j, end - j, &n);
        bool pair = ri_open && is_regional(n);
        /* UAX #29 GB11: a ZWJ joins a pictograph to an emoji sequence, nothing else (not a space). */
        bool joined = c == 0x200D && emoji && is_pictographic(n);
        if (!is_extend(n) && !joined && !pair)
            break;
        ri_open = ri_open && !pair;
        c = n;
        j += k;
    }
    return j;
}

/* ---- sentences ---------------------------------------------------------------------------------- */

static bool is_terminal(uint32_t c, bool *cjk)
{
    *cjk = c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0xFF0E;
    return *cjk || c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049;
}

static bool is_closer(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0xBB || c == 0x2019 ||
           c == 0x201D || c == 0x203A || c == 0x300D || c == 0x300F || c == 0x3011 || c == 0xFF09;
}

/* True when the word before the '.' at dot is an abbreviation or an initial ("Mr.", "e.g.", "J."). */
static bool is_abbreviation(const char *s, size_t lo, size_t dot)
{
    static const char *const abbr[] = {"Mr",  "Mrs", "Ms",   "Dr",   "Prof", "St",  "Sr",  "Jr",  "Gen",
                                       "Col", "Lt",  "Sgt",  "Capt", "Maj",  "Rev", "Hon", "Mt",  "No",
                                       "Nos", "Vol", "vol",  "pp",   "e.g",  "i.e", "cf",  "vs",  "approx",
                                       "Jan", "Feb", "Aug",  "Sep",  "Sept", "Oct", "Nov", "Dec", "Gov",
                                       "Sen", "Rep", "Pres", "Adm",  "Cpl",  "Pvt", "Fig", "fig"};
    size_t w = dot;
    while (w > lo &&
           (s[w - 1] == '.' || (s[w - 1] >= 'a' && s[w - 1] <= 'z') || (s[w - 1] >= 'A' && s[w - 1] <= 'Z')))
        w--;
    size_t n = dot - w;
    if (n == 1 && s[w] >= 'A' && s[w] <= 'Z')
        return true;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == n && memcmp(abbr[i], s + w, n) == 0)
            return true;
    return false;
}

size_t textseg_next_sentence(const char *s, size_t len, size_t from)
{
    size_t i = from;
    while (i < len) {
        uint32_t c;
        bool cjk, more_cjk, closed = false;
        size_t n = utf8_decode(s + i, len - i, &c);
        if (!is_terminal(c, &cjk)) {
            i += n;
            continue;
        }
        bool lone_dot = c == '.', soft = c == '.' || c == 0x2026;
        size_t j = i + n;
        while (j < len && (n = utf8_decode(s + j, len - j, &c), is_terminal(c, &more_cjk))) /* "?!", "..." */
            j += n, cjk = cjk || more_cjk, lone_dot = false;
        while (j < len && (n = utf8_decode(s + j, len - j, &c), is_closer(c)))
            j += n, closed = true;
        if (j >= len)
            return len;
        utf8_decode(s + j, len - j, &c);
        if (!cjk && !textseg_is_space(c)) { /* "3.5", "a.m.", "x.org" */
            i = j;
            continue;
        }
        size_t k = textseg_skip_space(s, len, j, true);
        if (k >= len)
            return len;
        bool lower_next = s[k] >= 'a' && s[k] <= 'z';
        if (!cjk && ((lone_dot && !closed && is_abbreviation(s, from, i)) || (soft && lower_next))) {
            i = k;
            continue;
        }
        return k;
    }
    return len;
}
