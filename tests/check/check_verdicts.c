/* check.verdicts (with verdicts.sh): the threaded picture check gives the verdicts of the sequential one.
 *   kiosk_check_verdicts DIR
 * Loads DIR as --check does (exhibit_load), takes the sequential check's verdict of every picture (the
 * loop check.c had before the pool: picture_load_with for a 64x64 box with the exhibit's settings, the
 * reason when it fails), then runs check_pool_run with 1, 2, 3 and 8 threads and requires the same
 * verdict and the same reason for every item. Files named bad-* must be refused (by the loader's header
 * check or by the decode), files named good-* must pass. The pool runs with a progress line every
 * millisecond: each must read `level=info event=check-progress done=N total=M` with N <= M and M the
 * number of pictures, and N must not go down. Prints one line per item and a summary; exit 0 or 1. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#include "check_pool.h"
#include "exhibit.h"
#include "log.h"

static int failures;

static void fail(const char *fmt, const char *a, const char *b)
{
    printf("FAIL: ");
    printf(fmt, a, b);
    printf("\n");
    failures++;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static bool same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The progress lines of log (a file): well formed, total right, done never going down. */
static size_t check_progress(FILE *log, size_t pictures)
{
    char line[512];
    size_t n = 0;
    unsigned long last = 0;
    rewind(log);
    while (fgets(line, sizeof line, log)) {
        unsigned long done = 0, total = 0;
        if (!strstr(line, "event=check-progress"))
            continue;
        n++;
        if (sscanf(line, "level=info event=check-progress done=%lu total=%lu", &done, &total) != 2 ||
            total != pictures || done > total || done < last)
            fail("bad progress line: %s%s", line, "");
        last = done;
    }
    return n;
}

/* One run of the pool with threads; compares every slot with ref. */
static void run_pool(const exhibit *e, char **ref, int threads)
{
    const content *c = e->content;
    check_pool_options o = {threads, 1, 0};
    check_verdicts v;
    FILE *log = tmpfile();
    if (!log) {
        fail("no temp file%s%s", "", "");
        return;
    }
    log_set_stream(log);
    int rc = check_pool_run(c, &e->pictures, &o, &v);
    fflush(log);
    log_set_stream(stderr);
    if (rc != 0 || v.count != c->count)
        fail("check_pool_run failed%s%s", "", "");
    for (size_t i = 0; rc == 0 && i < c->count; i++)
        if (!same(ref[i], v.why[i]))
            fail("%s: the pool's verdict differs from the sequential one: %s", c->items[i].rel_path,
                 v.why[i] ? v.why[i] : "(none)");
    size_t lines = check_progress(log, v.pictures);
    printf("%d thread(s) asked, %d used: %zu pictures, %zu progress lines\n", threads, v.threads, v.pictures,
           lines);
    if (lines == 0)
        fail("no progress line at an interval of 1 ms%s%s", "", "");
    check_verdicts_free(&v);
    fclose(log);
}

/* Refused by the loader (a diag, the item removed) before any decode: the header check. */
static bool refused_by_loader(const content *c, const char *name)
{
    for (size_t i = 0; i < c->diags.count; i++)
        if (c->diags.items[i].path && strcmp(base_name(c->diags.items[i].path), name) == 0)
            return true;
    return false;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    SDL_Init(0);
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    exhibit *e = exhibit_load(argv[1], NULL, false);
    if (!e)
        return 1;
    const content *c = e->content;
    char **ref = calloc(c->count + 1, sizeof *ref);
    size_t bad = 0;
    for (size_t i = 0; ref && i < c->count; i++) {
        const content_item *it = &c->items[i];
        if (it->kind != CONTENT_IMAGE)
            continue;
        char why[256]; /* the sequential check, as check.c had it */
        picture *p = picture_load_with(it->abs_path, 64, 64, &e->pictures, why, sizeof why);
        ref[i] = p ? NULL : strdup(why);
        picture_free(p);
        bad += ref[i] != NULL;
        const char *name = base_name(it->rel_path);
        if (strncmp(name, "good-", 5) == 0 && ref[i])
            fail("%s is refused: %s", it->rel_path, ref[i]);
        if (strncmp(name, "bad-", 4) == 0 && !ref[i])
            fail("%s passes%s", it->rel_path, "");
        if (i < 40)
            printf("%-28s %s\n", it->rel_path, ref[i] ? ref[i] : "ok");
    }
    printf("%zu items after the loader, %zu refused by the decode, %zu problems from the loader\n", c->count,
           bad, c->diags.count);
    for (size_t i = 0; i < c->diags.count; i++) {
        const char *p = c->diags.items[i].path;
        if (p && strncmp(base_name(p), "good-", 5) == 0)
            fail("%s is reported by the loader: %s", p, c->diags.items[i].message);
    }
    if (!refused_by_loader(c, "bad-empty.jpg") || !refused_by_loader(c, "bad-bomb.png"))
        fail("the loader did not refuse bad-empty.jpg and bad-bomb.png%s%s", "", "");
    int threads[] = {1, 2, 3, 8};
    for (size_t t = 0; ref && t < sizeof threads / sizeof threads[0]; t++)
        run_pool(e, ref, threads[t]);
    for (size_t i = 0; ref && i < c->count; i++)
        free(ref[i]);
    free(ref);
    exhibit_free(e);
    IMG_Quit();
    SDL_Quit();
    if (failures)
        printf("%d failure(s)\n", failures);
    else
        printf("verdicts: all the same\n");
    return failures ? 1 : 0;
}
