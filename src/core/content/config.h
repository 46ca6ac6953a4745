/* config: the optional kiosk.conf in the content folder (INI, parsed with inih), table-driven.
 * Every key has a default; an unknown key or a bad value gives `kiosk.conf:LINE: warning|error: …` in a
 * diag_list and the default stays. Never fails on content. All strings are stored inline (no ownership).
 * The keys are documented in README ("kiosk.conf") and in content/kiosk.conf.example. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

typedef enum { CONFIG_FIT_CONTAIN, CONFIG_FIT_COVER, CONFIG_FIT_KENBURNS } config_fit;
typedef enum { CONFIG_TRANSITION_CROSSFADE, CONFIG_TRANSITION_CUT } config_transition;
typedef enum { CONFIG_BACKDROP_BLUR, CONFIG_BACKDROP_SOLID } config_backdrop;
typedef enum { CONFIG_LANG_EN, CONFIG_LANG_AZ, CONFIG_LANG_RU } config_lang;

typedef struct {
    uint8_t r, g, b;
} config_color;

/* [banner] slide: none, once (per round of the show, at its end), or every N items (a number > 0). */
#define CONFIG_BANNER_SLIDE_NONE (-1)
#define CONFIG_BANNER_SLIDE_ONCE 0

typedef struct {
    /* [show] */
    uint32_t image_ms, title_ms, text_min_ms, text_max_ms, idle_resume_ms;
    uint32_t words_per_minute;
    bool playlist_append_unlisted; /* files not in playlist.txt: appended (true) or left out */
    char language_order[32];       /* e.g. "az en": within consecutive articles, this language first */
    /* [transition] */
    config_transition transition;
    uint32_t transition_ms;
    /* [pictures] */
    config_fit fit;
    config_backdrop backdrop;
    uint32_t max_megapixels;
    /* [colors] */
    config_color background, text, accent, banner;
    /* [fonts] family names for fontconfig */
    char title_font[64], body_font[64], banner_font[64];
    /* [banner] */
    char banner_article[256];            /* template for slides of an article with a closing line */
    char banner_default[256];            /* template for every other slide */
    int date_year, date_month, date_day; /* the commemorated date */
    config_lang language;                /* month names of the banner */
    int banner_slide_every;    /* the banner slide: CONFIG_BANNER_SLIDE_NONE, _ONCE, or every N items */
    uint32_t banner_slide_ms;  /* how long the banner slide stays */
    char banner_languages[32]; /* its lines' languages, e.g. "az en ru"; "" or "auto": the articles' */
    /* [screen] */
    double safe_area; /* fraction of each edge kept free, 0 .. 0.2 */
    int rotation;     /* degrees clockwise the screen is mounted turned: 0, 90, 180 or 270 */
    /* [schedule] (parsed by schedule.h; checked by the loader) */
    char hours[128];         /* opening hours, "always" or e.g. "mon-fri 09:00-18:00, sat 10:00-16:00" */
    char remembrance_day[8]; /* "MM-DD" or "none" */
    char silence[8];         /* "HH:MM" or "none": a minute of silence on the day of remembrance */
    uint32_t silence_ms, wake_ms;
    /* [staff] a long press in this corner shows the status overlay */
    int staff_corner; /* 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right, 4 none */
    uint32_t long_press_ms;
    /* [sync] screens in step (issue 17): the same group name on every screen of the group; "" none */
    char sync_group[64];
    uint32_t sync_port;            /* the group's beacon (syncpeers.h): UDP port, multicast 239.255.77.17 */
    uint32_t sync_switch_delay_ms; /* a new version is switched to this long after a screen first had it */
} kiosk_config;

void config_defaults(kiosk_config *c);
/* Parses INI text (may be NULL: defaults only). path names the file in diags (e.g. "kiosk.conf").
 * Returns the number of problems added to diags. */
int config_parse(const char *text, const char *path, kiosk_config *c, diag_list *diags);
/* Reads and parses dir/kiosk.conf when it exists (a missing file is not a problem). */
int config_load(const char *dir, kiosk_config *c, diag_list *diags);
const char *config_fit_name(config_fit f);
/* Parses "contain" | "cover" | "kenburns"; returns 0 or -1. */
int config_parse_fit(const char *s, config_fit *out);

#endif
