/* cli: the command line contract (see --help and README). Pure: parses argv into options. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "imgscale.h"
#include "renderer_choice.h"

/* Pictures larger than this many pixels are refused (decompression bombs), unless --max-pixels says
 * otherwise; and so are pictures wider or taller than CLI_MAX_SIDE pixels. */
#define CLI_MAX_PIXELS_DEFAULT 80000000ull
#define CLI_MAX_PIXELS_LIMIT 1000000000ull
#define CLI_MAX_SIDE 20000

/* The content folder used when none is given on the command line (relative to the working folder). */

typedef struct {
    const char *content_dir; /* NULL: the default folder */
    bool windowed;           /* --window WxH */
    int window_w, window_h;
    const char *render_dir;    /* --render DIR */
    int size_w, size_h;        /* --size WxH (default 1920x1080) */
    bool check;                /* --check */
    const char *contact_sheet; /* --contact-sheet FILE.png */
    double speed;              /* --speed F (default 1) */
    imgscale_fit fit;          /* --fit contain|cover|kenburns (default contain) */
    uint64_t max_pixels;       /* --max-pixels N (default CLI_MAX_PIXELS_DEFAULT) */
    bool fit_given;            /* --fit was given (it wins over kiosk.conf) */
    bool max_pixels_given;     /* --max-pixels was given (likewise) */
    renderer_mode renderer;    /* --renderer auto|software|gpu (default auto) */
    const char *import_source; /* --import SOURCE_DIR */
    bool rollback;             /* --rollback */
    const char *import_status; /* --import-status STATE ("removed") */
    uint64_t max_import_size;  /* --max-import-size SIZE in bytes; 0: the default (4 GiB) */
    const char *seal_dir;      /* --seal DIR */
    bool help, version;
} cli_options;

/* Returns 0 on success; -1 with a message in err (e.g. "--size: expected WxH, got 'abc'"). argv is not
 * modified; strings in opts point into argv. */
int cli_parse(int argc, char *const *argv, cli_options *opts, char *err, size_t errlen);
void cli_usage(FILE *f, const char *prog);
/* Parses "1920x1080"; returns 0 or -1. Both in 16..16384. */
int cli_parse_size(const char *s, int *w, int *h);
/* Parses a pixel count: decimal digits, optionally followed by M (millions), in 1..CLI_MAX_PIXELS_LIMIT.
 * Returns 0 or -1 (and leaves *out alone). */
int cli_parse_pixels(const char *s, uint64_t *out);
/* Parses a size in bytes: decimal digits, optionally followed by K, M, G or T (powers of 1024), at least
 * 1M. Returns 0 or -1 (and leaves *out alone). */
int cli_parse_bytes(const char *s, uint64_t *out);

#endif
