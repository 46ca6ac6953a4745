/* render.reference.*: the display list of every slide (the manifest's slide lines and `box` lines, README:
 * The render manifest) of a content folder at one screen size, compared line by line with a reference
 * file checked in under tests/render/reference/NAME-WxH.txt, and some of the rendered slides compared
 * with reference PNGs (NAME-WxH-NNN.png) with a tolerance, as SDL's own tests compare surfaces: a pixel
 * differs when a channel is off by more than PIXEL_TOL, and up to MAX_DIFF_SHARE of the pixels may
 * differ (anti-aliasing and photo decoding differ a little between machines and library versions).
 * The years since the commemorated date ("36 years") change every 20 January: every number before
 * " years" is compared as N.
 * Regenerate the references (after a deliberate change of the layout; look at the diff and the PNGs):
 *   KIOSK_UPDATE_REFERENCES=1 ctest --test-dir build -R render.reference
 * Usage: kiosk_render_reference PATH/TO/memorial-kiosk NAME CONTENT_DIR REFERENCE_DIR WxH [NNN ...] */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define PIXEL_TOL 40
#define MAX_DIFF_SHARE 0.005

/* The display-list lines of a manifest (slide lines and box lines), years normalised. Malloc'd. */
static char *display_list(const char *manifest)
{
    size_t n = strlen(manifest), k = 0;
    char *out = malloc(n + 1);
    if (!out) {
        return NULL;
    }
    for (const char *p = manifest; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        if (p[0] != '\t' || strncmp(p, "\tbox\t", 5) == 0) {
            memcpy(out + k, p, len), k += len;
        }
        p += len;
    }
    out[k] = '\0';
    for (char *y = strstr(out, " years"); y; y = strstr(y + 1, " years")) {
        char *d = y;
        while (d > out && d[-1] >= '0' && d[-1] <= '9') {
            d--;
        }
        if (d < y) { /* the digits become one N */
            *d = 'N';
            memmove(d + 1, y, strlen(y) + 1);
            y = d + 1;
        }
    }
    return out;
}

/* Prints the first differing line and the number of differing lines; returns that number. */
static size_t diff_lines(const char *want, const char *got)
{
    size_t line = 0, bad = 0;
    while (*want || *got) {
        line++;
        const char *wn = strchr(want, '\n'), *gn = strchr(got, '\n');
        size_t wl = wn ? (size_t)(wn - want) : strlen(want), gl = gn ? (size_t)(gn - got) : strlen(got);
        if (wl != gl || memcmp(want, got, wl) != 0) {
            if (bad++ == 0) {
                printf("first difference at line %zu:\n  reference: %.*s\n  now:       %.*s\n", line, (int)wl,
                       want, (int)gl, got);
            }
        }
        want += wl + (wn != NULL), got += gl + (gn != NULL);
    }
    return bad;
}

/* Share of the pixels of a and b that differ by more than PIXEL_TOL in a channel; -1 for other sizes. */
static double diff_share(const kh_image *a, const kh_image *b)
{
    if (a->w != b->w || a->h != b->h) {
        return -1;
    }
    size_t bad = 0, n = (size_t)a->w * (size_t)a->h;
    for (size_t i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
            if (abs(a->rgb[i * 3 + c] - b->rgb[i * 3 + c]) > PIXEL_TOL) {
                bad++;
                break;
            }
        }
    }
    return n ? (double)bad / (double)n : 0;
}

static int compare_png(const char *out, const char *ref_dir, const char *stem, const char *nnn, bool update)
{
    char got_path[4096], ref_path[4096], err[512];
    snprintf(got_path, sizeof got_path, "%s/%s.png", out, nnn);
    snprintf(ref_path, sizeof ref_path, "%s/%s-%s.png", ref_dir, stem, nnn);
    if (update) {
        return tf_copy_file(got_path, ref_path) == 0 ? 0 : (printf("cannot write %s\n", ref_path), 1);
    }
    kh_image got = {0}, want = {0};
    if (kh_image_load(got_path, &got, err, sizeof err) != 0 ||
        kh_image_load(ref_path, &want, err, sizeof err) != 0) {
        printf("%s\n", err);
        kh_image_free(&got);
        return 1;
    }
    double share = diff_share(&want, &got);
    kh_image_free(&got);
    kh_image_free(&want);
    printf("%s.png: %.4f%% of the pixels differ from %s (at most %.2f%% may)\n", nnn, share * 100, ref_path,
           MAX_DIFF_SHARE * 100);
    return share >= 0 && share <= MAX_DIFF_SHARE ? 0 : 1;
}

/* The display list against the reference file (written instead when update). 0 when equal. */
static int compare_list(const char *out, const char *ref_dir, const char *stem, bool update)
{
    char path[4096], ref_path[4096];
    snprintf(path, sizeof path, "%s/slides.txt", out);
    snprintf(ref_path, sizeof ref_path, "%s/%s.txt", ref_dir, stem);
    char *manifest = tf_read_file(path, NULL), *got = manifest ? display_list(manifest) : NULL;
    int rc = 1;
    if (!got) {
        printf("cannot read %s\n", path);
    } else if (update) {
        rc = tf_write_file(ref_path, got, strlen(got)) == 0 ? 0 : (printf("cannot write %s\n", ref_path), 1);
    } else {
        char *want = tf_read_file(ref_path, NULL);
        size_t bad = want ? diff_lines(want, got) : 1;
        if (!want) {
            printf("no reference %s (KIOSK_UPDATE_REFERENCES=1 writes it)\n", ref_path);
        } else if (bad) {
            printf("%zu line(s) of the display list differ from %s\n", bad, ref_path);
        }
        rc = bad ? 1 : 0;
        free(want);
    }
    free(got);
    free(manifest);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 6) {
        fprintf(stderr, "usage: %s KIOSK NAME CONTENT_DIR REFERENCE_DIR WxH [NNN ...]\n", argv[0]);
        return 2;
    }
    const char *bin = argv[1], *name = argv[2], *content = argv[3], *ref_dir = argv[4], *size = argv[5];
    bool update = getenv("KIOSK_UPDATE_REFERENCES") && *getenv("KIOSK_UPDATE_REFERENCES");
    char *tmp = tf_mkdtemp("reference"), *out = tmp ? tf_join(tmp, "out") : NULL, stem[256];
    if (!out) {
        return 1;
    }
    snprintf(stem, sizeof stem, "%s-%s", name, size);
    const char *args[] = {bin, "--render", out, "--size", size, content, NULL};
    kh_result r = {0};
    int rc = 1;
    if (kh_run(args, tmp, 240000, &r) != 0 || r.exit_code != 0) {
        printf("--render exited %d%s; stderr:\n%s\n", r.exit_code, r.timed_out ? " (timed out)" : "", r.err);
    } else {
        rc = compare_list(out, ref_dir, stem, update);
        for (int i = 6; i < argc; i++) {
            rc |= compare_png(out, ref_dir, stem, argv[i], update);
        }
        printf("%s: %s\n", stem, update ? "references written" : rc ? "differs" : "as the references");
    }
    kh_result_free(&r);
    tf_rm_rf(tmp); /* kept with KIOSK_TEST_KEEP_TMP=1 */
    free(out);
    free(tmp);
    return rc;
}
