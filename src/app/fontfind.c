/* fontfind: see fontfind.h. */
#include "fontfind.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

/* The preload (fontfind.h): at most one thread, started and joined under the lock. */
static pthread_mutex_t preload_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t preload_thread;
static bool preload_running;

static void *preload_run(void *arg)
{
    (void)arg;
    (void)FcInit(); /* a failure is met again, and reported, by the first query */
    return NULL;
}

void fontfind_preload(void)
{
    pthread_mutex_lock(&preload_lock);
    if (!preload_running && pthread_create(&preload_thread, NULL, preload_run, NULL) == 0) {
        preload_running = true; /* else the first query loads fontconfig itself, as without a preload */
    }
    pthread_mutex_unlock(&preload_lock);
}

void fontfind_preload_wait(void)
{
    pthread_mutex_lock(&preload_lock);
    if (preload_running) {
        pthread_join(preload_thread, NULL);
        preload_running = false;
    }
    pthread_mutex_unlock(&preload_lock);
}

struct fontfind {
    FcFontSet *all; /* owned: every scalable font, with family, style, file, index, charset */
};

fontfind *fontfind_new(void)
{
    fontfind_preload_wait();
    fontfind *ff = calloc(1, sizeof *ff);
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, FC_FILE, FC_INDEX, FC_CHARSET, FC_SLANT,
                                       FC_WEIGHT, FC_COLOR, FC_SPACING, (char *)NULL);
    if (!ff || !pat || !os) {
        goto cleanup;
    }
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    ff->all = FcFontList(NULL, pat, os);
cleanup:
    if (os) {
        FcObjectSetDestroy(os);
    }
    if (pat) {
        FcPatternDestroy(pat);
    }
    if (ff && !ff->all) {
        free(ff);
        ff = NULL;
    }
    return ff;
}

void fontfind_free(fontfind *ff)
{
    if (!ff) {
        return;
    }
    FcFontSetDestroy(ff->all);
    free(ff);
}

char *fontfind_match(const char *pattern, int *index, bool *exact)
{
    fontfind_preload_wait();
    char *path = NULL;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcPattern *match = NULL;
    FcResult result = FcResultNoMatch;
    FcChar8 *file = NULL, *want = NULL, *got = NULL;

    *index = 0, *exact = false;
    if (!pat) {
        goto cleanup;
    }
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    match = FcFontMatch(NULL, pat, &result);
    if (!match || result != FcResultMatch) {
        goto cleanup;
    }
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch || !file) {
        goto cleanup;
    }
    path = strdup((const char *)file);
    FcPatternGetInteger(match, FC_INDEX, 0, index);
    if (FcPatternGetString(pat, FC_FAMILY, 0, &want) == FcResultMatch && want) {
        for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &got) == FcResultMatch; i++) {
            *exact = *exact || strcasecmp((const char *)want, (const char *)got) == 0;
        }
    }
cleanup:
    if (match) {
        FcPatternDestroy(match);
    }
    if (pat) {
        FcPatternDestroy(pat);
    }
    return path;
}

static bool has_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(s, word); p; p = strstr(p + 1, word)) {
        if ((p == s || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) {
            return true;
        }
    }
    return false;
}

/* How well a font of family fam and style st stands in for family (italic or not) for cp. */
static int score(const char *family, bool italic, const char *fam, int slant, int weight, bool color,
                 int spacing, uint32_t cp)
{
    int s = 0;
    size_t n = strlen(family);
    const char *sp = strchr(family, ' ');
    size_t vendor = sp ? (size_t)(sp - family) : n;
    if (strncasecmp(fam, family, n) == 0 && fam[n] == ' ') {
        s += 8; /* the same superfamily: "Noto Serif" -> "Noto Serif Armenian" */
    }
    if (has_word(family, "Serif") && (has_word(fam, "Serif") || has_word(fam, "Naskh"))) {
        s += 4;
    } else if (has_word(family, "Sans") && has_word(fam, "Sans")) {
        s += 4;
    }
    if (strncasecmp(fam, family, vendor) == 0 && (fam[vendor] == ' ' || fam[vendor] == '\0')) {
        s += 2; /* the same foundry */
    }
    bool f_italic = slant != FC_SLANT_ROMAN;
    if (f_italic == italic && weight >= FC_WEIGHT_BOOK && weight <= FC_WEIGHT_MEDIUM) {
        s += 3;
    } else if (!f_italic && weight >= FC_WEIGHT_BOOK && weight <= FC_WEIGHT_MEDIUM) {
        s += 2;
    }
    if (has_word(fam, "UI") || has_word(fam, "Display") || has_word(fam, "Mono") || has_word(fam, "Kufi") ||
        has_word(fam, "Rashi") || has_word(fam, "Nastaliq") || has_word(fam, "Looped") ||
        has_word(fam, "Unjoined") || spacing == FC_MONO) {
        s -= 3;
    }
    if (color) {
        s -= 6;
    }
    if (cp >= 0x2E80 && cp < 0xA000 && has_word(fam, "SC")) {
        s += 1; /* unified ideographs: Simplified Chinese forms when nothing else tells */
    }
    return s;
}

const char *fontfind_fallback(fontfind *ff, const char *family, bool italic, uint32_t cp, int *index)
{
    const char *best = NULL;
    const char *best_fam = NULL;
    int best_score = -1000, best_index = 0;

    *index = 0;
    for (int i = 0; i < ff->all->nfont; i++) {
        FcPattern *p = ff->all->fonts[i];
        FcCharSet *cs = NULL;
        FcChar8 *fam = NULL, *file = NULL;
        int slant = FC_SLANT_ROMAN, weight = FC_WEIGHT_REGULAR, idx = 0, spacing = FC_PROPORTIONAL;
        FcBool color = FcFalse;
        if (FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch || !FcCharSetHasChar(cs, cp)) {
            continue;
        }
        if (FcPatternGetString(p, FC_FAMILY, 0, &fam) != FcResultMatch ||
            FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) {
            continue;
        }
        FcPatternGetInteger(p, FC_SLANT, 0, &slant);
        FcPatternGetInteger(p, FC_WEIGHT, 0, &weight);
        FcPatternGetInteger(p, FC_INDEX, 0, &idx);
        FcPatternGetInteger(p, FC_SPACING, 0, &spacing);
        FcPatternGetBool(p, FC_COLOR, 0, &color);
        int s = score(family, italic, (const char *)fam, slant, weight, color == FcTrue, spacing, cp);
        /* ties: the shorter family name (the plain member of a superfamily), then by name, then file */
        int cmp = 0;
        if (best && s == best_score) {
            size_t a = strlen((const char *)fam), b = strlen(best_fam);
            cmp = a != b ? (a < b ? -1 : 1) : strcmp((const char *)fam, best_fam);
            if (cmp == 0) {
                cmp = strcmp((const char *)file, best) != 0 ? strcmp((const char *)file, best)
                                                            : idx - best_index;
            }
        }
        if (!best || s > best_score || (s == best_score && cmp < 0)) {
            best = (const char *)file, best_fam = (const char *)fam, best_score = s, best_index = idx;
        }
    }
    *index = best_index;
    return best;
}
