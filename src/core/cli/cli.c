/* cli: see cli.h. A hand-written loop over argv (no getopt state, so it can run any number of times). */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef enum {
    OPT_WINDOW,
    OPT_RENDER,
    OPT_SIZE,
    OPT_CHECK,
    OPT_SPEED,
    OPT_FIT,
    OPT_MAX_PIXELS,
    OPT_CONTACT_SHEET,
    OPT_RENDERER,
    OPT_IMPORT,
    OPT_ROLLBACK,
    OPT_IMPORT_STATUS,
    OPT_MAX_IMPORT_SIZE,
    OPT_SEAL,
    OPT_HELP,
    OPT_VERSION
} opt_id;

typedef struct {
    const char *name; /* without the leading "--" */
    opt_id id;
    bool has_value;
} opt_spec;

static const opt_spec OPTIONS[] = {
    {"window", OPT_WINDOW, true},
    {"render", OPT_RENDER, true},
    {"size", OPT_SIZE, true},
    {"check", OPT_CHECK, false},
    {"speed", OPT_SPEED, true},
    {"help", OPT_HELP, false},
    {"version", OPT_VERSION, false},
    {"fit", OPT_FIT, true},
    {"max-pixels", OPT_MAX_PIXELS, true},
    {"contact-sheet", OPT_CONTACT_SHEET, true},
    {"import", OPT_IMPORT, true},
    {"rollback", OPT_ROLLBACK, false},
    {"import-status", OPT_IMPORT_STATUS, true},
    {"max-import-size", OPT_MAX_IMPORT_SIZE, true},
    {"renderer", OPT_RENDERER, true},
    {"seal", OPT_SEAL, true},
};

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Reads a decimal number of ASCII digits in 16..16384 from *s, advancing *s past it. */
static int parse_dim(const char **s, int *out)
{
    const char *p = *s;
    long v = 0;
    while (*p >= '0' && *p <= '9' && v <= 16384) {
        v = v * 10 + (*p - '0');
        p++;
    }
    if (p == *s || v < 16 || v > 16384) {
        return -1;
    }
    *s = p;
    *out = (int)v;
    return 0;
}

int cli_parse_size(const char *s, int *w, int *h)
{
    int pw, ph;
    if (!s || parse_dim(&s, &pw) != 0 || *s++ != 'x' || parse_dim(&s, &ph) != 0 || *s != '\0') {
        return -1;
    }
    *w = pw;
    *h = ph;
    return 0;
}

int cli_parse_pixels(const char *s, uint64_t *out)
{
    uint64_t v = 0;
    const char *p = s;
    if (!s) {
        return -1;
    }
    while (*p >= '0' && *p <= '9' && v <= CLI_MAX_PIXELS_LIMIT) {
        v = v * 10 + (uint64_t)(*p - '0');
        p++;
    }
    if (p == s) {
        return -1;
    }
    if (*p == 'M' && v <= CLI_MAX_PIXELS_LIMIT) {
        v *= 1000000;
        p++;
    }
    if (*p != '\0' || v < 1 || v > CLI_MAX_PIXELS_LIMIT) {
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_bytes(const char *s, uint64_t *out)
{
    static const char UNITS[] = "KMGT";
    uint64_t v = 0;
    const char *p = s, *unit;
    if (!s) {
        return -1;
    }
    while (*p >= '0' && *p <= '9' && v < (1ull << 50)) {
        v = v * 10 + (uint64_t)(*p - '0');
        p++;
    }
    if (p == s) {
        return -1;
    }
    if (*p != '\0' && (unit = strchr(UNITS, *p)) != NULL) {
        for (long i = 0; i <= unit - UNITS; i++) {
            v = v < (1ull << 50) ? v * 1024 : UINT64_MAX;
        }
        p++;
    }
    if (*p != '\0' || v < (1ull << 20) || v == UINT64_MAX) {
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_speed(const char *s, double *out)
{
    char *end;
    if ((*s < '0' || *s > '9') && *s != '.') { /* no sign, blank, "inf" or "nan" */
        return -1;
    }
    double v = strtod(s, &end);
    if (*end != '\0' || !isfinite(v) || v <= 0 || v > 1000) {
        return -1;
    }
    *out = v;
    return 0;
}

static const opt_spec *find_option(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++) {
        if (strlen(OPTIONS[i].name) == len && memcmp(OPTIONS[i].name, name, len) == 0) {
            return &OPTIONS[i];
        }
    }
    return NULL;
}

/* A value that must not be empty (a folder, a file name): stored in *dst, or an error naming OPT. */
static int take_text(const char *opt, const char *what, const char *value, const char **dst, char *err,
                     size_t errlen)
{
    if (*value == '\0') {
        return fail(err, errlen, "%s: expected %s, got ''", opt, what);
    }
    *dst = value;
    return 0;
}

static int apply_option(const opt_spec *o, const char *value, cli_options *opts, char *err, size_t errlen)
{
    switch (o->id) {
    case OPT_WINDOW:
        if (cli_parse_size(value, &opts->window_w, &opts->window_h) != 0) {
            return fail(err, errlen, "--window: expected WxH (16..16384 each), got '%s'", value);
        }
        opts->windowed = true;
        return 0;
    case OPT_RENDER:
        return take_text("--render", "a folder", value, &opts->render_dir, err, errlen);
    case OPT_SIZE:
        if (cli_parse_size(value, &opts->size_w, &opts->size_h) != 0) {
            return fail(err, errlen, "--size: expected WxH (16..16384 each), got '%s'", value);
        }
        return 0;
    case OPT_SPEED:
        if (parse_speed(value, &opts->speed) != 0) {
            return fail(err, errlen, "--speed: expected a number > 0 and <= 1000, got '%s'", value);
        }
        return 0;
    case OPT_FIT:
        if (imgscale_parse_fit(value, &opts->fit) != 0) {
            return fail(err, errlen, "--fit: expected contain, cover or kenburns, got '%s'", value);
        }
        opts->fit_given = true;
        return 0;
    case OPT_MAX_PIXELS:
        if (cli_parse_pixels(value, &opts->max_pixels) != 0) {
            return fail(err, errlen,
                        "--max-pixels: expected a pixel count like 80000000 or 80M (at most 1000M), got '%s'",
                        value);
        }
        opts->max_pixels_given = true;
        return 0;
    case OPT_CHECK:
        opts->check = true;
        return 0;
    case OPT_CONTACT_SHEET:
        return take_text("--contact-sheet", "a file name", value, &opts->contact_sheet, err, errlen);
    case OPT_RENDERER:
        if (renderer_parse_mode(value, &opts->renderer) != 0) {
            return fail(err, errlen, "--renderer: expected auto, software or gpu, got '%s'", value);
        }
        return 0;
    case OPT_IMPORT:
        return take_text("--import", "a folder", value, &opts->import_source, err, errlen);
    case OPT_ROLLBACK:
        opts->rollback = true;
        return 0;
    case OPT_IMPORT_STATUS:
        if (strcmp(value, "removed") != 0) {
            return fail(err, errlen, "--import-status: expected removed, got '%s'", value);
        }
        opts->import_status = value;
        return 0;
    case OPT_MAX_IMPORT_SIZE:
        if (cli_parse_bytes(value, &opts->max_import_size) != 0) {
            return fail(err, errlen,
                        "--max-import-size: expected a size like 4G or 500M (at least 1M), got '%s'", value);
        }
        return 0;
    case OPT_SEAL:
        return take_text("--seal", "a folder", value, &opts->seal_dir, err, errlen);
    case OPT_HELP:
        opts->help = true;
        return 0;
    case OPT_VERSION:
        opts->version = true;
        return 0;
    }
    return 0;
}

/* Handles the long option argv[*i] ("--name" or "--name=value"); may consume the next argument. */
static int parse_long(int argc, char *const *argv, int *i, cli_options *opts, char *err, size_t errlen)
{
    const char *name = argv[*i] + 2;
    const char *eq = strchr(name, '=');
    size_t len = eq ? (size_t)(eq - name) : strlen(name);
    const opt_spec *o = find_option(name, len);
    if (!o) {
        return fail(err, errlen, "unknown option '--%.*s' (see --help)", (int)len, name);
    }
    const char *value = NULL;
    if (o->has_value && eq) {
        value = eq + 1;
    } else if (o->has_value && *i + 1 < argc) {
        value = argv[++*i];
    } else if (o->has_value) {
        return fail(err, errlen, "--%s: missing value (see --help)", o->name);
    } else if (eq) {
        return fail(err, errlen, "--%s: takes no value, got '%s'", o->name, eq + 1);
    }
    return apply_option(o, value, opts, err, errlen);
}

int cli_parse(int argc, char *const *argv, cli_options *opts, char *err, size_t errlen)
{
    *opts = (cli_options){.size_w = 1920,
                          .size_h = 1080,
                          .speed = 1.0,
                          .fit = IMGSCALE_FIT_CONTAIN,
                          .max_pixels = CLI_MAX_PIXELS_DEFAULT};
    if (err && errlen > 0) {
        err[0] = '\0';
    }
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && strcmp(a, "--") == 0) {
            options_done = true;
        } else if (!options_done && strncmp(a, "--", 2) == 0) {
            if (parse_long(argc, argv, &i, opts, err, errlen) != 0) {
                return -1;
            }
        } else if (!options_done && strcmp(a, "-h") == 0) {
            opts->help = true;
        } else if (!options_done && strcmp(a, "-V") == 0) {
            opts->version = true;
        } else if (!options_done && a[0] == '-' && a[1] != '\0') {
            return fail(err, errlen, "unknown option '%s' (see --help)", a);
        } else if (opts->content_dir) {
            return fail(err, errlen, "unexpected argument '%s': the content folder is already '%s'", a,
                        opts->content_dir);
        } else {
            opts->content_dir = a;
        }
    }
    if (opts->windowed && opts->render_dir) {
        return fail(err, errlen, "--window and --render cannot be used together");
    }
    if (opts->windowed && opts->contact_sheet) {
        return fail(err, errlen, "--window and --contact-sheet cannot be used together");
    }
    if ((opts->import_source != NULL) + opts->rollback + (opts->import_status != NULL) +
            (opts->seal_dir != NULL) +
            (opts->check || opts->render_dir || opts->contact_sheet || opts->windowed) >
        1) {
        return fail(err, errlen,
                    "--import, --rollback, --import-status and --seal go alone (not with each other, nor "
                    "with --check, --render, --contact-sheet or --window)");
    }
    return 0;
}

/* The end of --help: the last options, visitors, keys, environment, log and exit status. */
static void usage_rest(FILE *f)
{
    fputs("  -h, --help      show this help and exit\n"
          "  -V, --version   show the version and exit\n"
          "\n"
          "Options with a value also accept --option=value. W and H are 16..16384.\n"
          "\n"
          "Visitors: tap, click, Right, Space or Enter: next slide; Left or a swipe\n"
          "  right: previous slide. The show goes on by itself 20 s after the last touch.\n"
          "\n"
          "Keys (for staff):\n"
          "  Ctrl+Alt+Q      quit (full screen)\n"
          "  Esc             quit (in a window, with --window)\n"
          "\n"
          "Environment:\n"
          "  SDL_VIDEODRIVER the SDL video driver (e.g. kmsdrm on a console, x11, wayland)\n"
          "  XCOMPOSEFILE    set to /dev/null by the kiosk when unset (it takes no typed\n"
          "                  text; Xlib need not read the locale's Compose table)\n"
          "  DBUS_SESSION_BUS_ADDRESS  set to disabled: by the kiosk when unset (it uses no\n"
          "                  session bus; libdbus would otherwise start one for DISPLAY)\n"
          "\n"
          "Log:\n"
          "  One logfmt line per event on stderr: key=value pairs; a value with spaces,\n"
          "  quotes, '=' or control characters is quoted, with \\\" \\\\ \\n \\t \\xNN escapes:\n"
          "    level=info event=slide index=3 count=12 kind=image source=photos/alley.jpg\n"
          "  Levels: debug, info, warn, error.\n"
          "\n"
          "Exit status:\n"
          "  0  success (with --check: the content has no errors)\n"
          "  1  --check found errors in the content; --import or --rollback refused\n"
          "  2  usage error (bad command line)\n"
          "  3  no display, or another fatal error\n",
          f);
}

void cli_usage(FILE *f, const char *prog)
{
    if (!prog || *prog == '\0') {
        prog = "memorial-kiosk";
    }
    fprintf(f,
            "Usage: %s [OPTIONS] [CONTENT_DIR]\n"
            "\n"
            "Shows a memorial exhibit full screen: article excerpts and photographs from\n"
            "CONTENT_DIR, one after the other, with crossfades. Visitors tap to go on, or\n"
            "swipe left and right.\n"
            "\n"
            "CONTENT_DIR is the content folder. Default: $KIOSK_CONTENT_DIR if set, else the\n"
            "bundled content/ when run from the source tree, else\n"
            "/var/lib/memorial-kiosk/content.\n"
            "\n"
            "Options:\n"
            "  --window WxH    run in a window of W by H pixels instead of full screen\n"
            "  --render DIR    write every slide at rest, in show order, as DIR/001.png,\n"
            "                  DIR/002.png, ... and a manifest DIR/slides.txt (kind,\n"
            "                  source and text lines of each slide), then exit 0 (needs\n"
            "                  no display); not together with --window\n"
            "  --size WxH      screen size for --render (default 1920x1080); ignored\n"
            "                  without --render\n"
            "  --contact-sheet FILE.png\n"
            "                  draw every slide as a labelled thumbnail (number, kind,\n"
            "                  seconds, file) on one picture, then exit (needs no display)\n"
            "  --check         check the content folder, print each problem as\n"
            "                  'path[:line]: error|warning: message' and exit\n"
            "  --speed F       run the show F times faster (0 < F <= 1000, default 1)\n"
            "  --fit MODE      how photographs fill the screen: contain (whole, on a\n"
            "                  dark blurred copy of itself; the default), cover (cropped\n"
            "                  to fill) or kenburns (cropped, with a slow pan and zoom)\n"
            "  --max-pixels N  refuse pictures of more than N pixels, e.g. 80000000 or\n"
            "                  80M (default 80M, at most 1000M), and pictures wider or\n"
            "                  taller than 20000 pixels; a refused picture is logged\n"
            "                  (event=content-error) and left out of the show\n"
            "  --renderer R    how the show is drawn: auto (the default: SDL's software\n"
            "                  renderer without a GPU, OpenGL/GLES with one; logged in\n"
            "                  event=display), software or gpu. $SDL_RENDER_DRIVER, when\n"
            "                  set, wins\n"
            "  --import SOURCE_DIR\n"
            "                  take SOURCE_DIR in as the new exhibit of CONTENT_DIR: checked,\n"
            "                  copied beside it and swapped in whole (the show never sees\n"
            "                  half of it); the same content again changes nothing; exit 0\n"
            "                  when it is in or unchanged, 1 when refused (nothing to show,\n"
            "                  a read error, too big, no space, another import running)\n"
            "  --max-import-size SIZE\n"
            "                  refuse an --import of more than SIZE bytes (K, M, G, T:\n"
            "                  powers of 1024; default 4G)\n"
            "  --rollback      bring back the exhibit shown before the last import\n"
            "  --import-status removed\n"
            "                  tell the kiosk's on-screen message that the USB stick was\n"
            "                  pulled out\n"
            "  --seal DIR      seal a finished exhibit for kiosks that take it in by\n"
            "                  themselves (Syncthing): write DIR/memorial-kiosk.manifest\n"
            "                  (each file's size and SHA-256); --import of a sealed folder\n"
            "                  takes it in only when its files match the seal\n",
            prog);
    usage_rest(f);
}
