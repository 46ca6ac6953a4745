/* cli: the command line contract (see --help and README). Pure: parses argv into options. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The content folder used when none is given on the command line (relative to the working folder). */

typedef struct {
    const char *content_dir; /* NULL: the default folder */
    bool windowed;           /* --window WxH */
    int window_w, window_h;
    const char *render_dir; /* --render DIR */
    int size_w, size_h;     /* --size WxH (default 1920x1080) */
    bool check;             /* --check */
    double speed;           /* --speed F (default 1) */
    bool help, version;
} cli_options;

/* Returns 0 on success; -1 with a message in err (e.g. "--size: expected WxH, got 'abc'"). argv is not
 * modified; strings in opts point into argv. */
int cli_parse(int argc, char *const *argv, cli_options *opts, char *err, size_t errlen);
void cli_usage(FILE *f, const char *prog);
/* Parses "1920x1080"; returns 0 or -1. Both in 16..16384. */
int cli_parse_size(const char *s, int *w, int *h);

#endif
