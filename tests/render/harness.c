/* harness: see harness.h. */
#define _XOPEN_SOURCE 700
#include "harness.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "harness: out of memory\n");
        abort();
    }
    return p;
}

static char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* ---- files and folders ---- */

int kh_count_numbered_pngs(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *s = e->d_name;
        if (strlen(s) == 7 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
            s[2] <= '9' && strcmp(s + 3, ".png") == 0)
            n++;
    }
    closedir(d);
    return n;
}

/* ---- running a program ---- */

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int kh_run(const char *const argv[], const char *work_dir, long timeout_ms, kh_result *r)
{
    memset(r, 0, sizeof *r);
    r->exit_code = -1;
    char *out_path = tf_join(work_dir, "run.stdout");
    char *err_path = tf_join(work_dir, "run.stderr");
    int rc = -1;
    long start = now_ms();

    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        goto done;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || o < 0 || e < 0)
            _exit(126);
        dup2(in, 0);
        dup2(o, 1);
        dup2(e, 2);
        execv(argv[0], (char *const *)argv);
        fprintf(stderr, "harness: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR)
            goto done;
        if (now_ms() - start > timeout_ms) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            r->timed_out = true;
            break;
        }
        struct timespec ts = {0, 5 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    r->elapsed_ms = now_ms() - start;
    if (!r->timed_out && WIFEXITED(status))
        r->exit_code = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        r->signal = WTERMSIG(status);
    rc = 0;
done:
    r->out = tf_read_file(out_path, NULL);
    r->err = tf_read_file(err_path, NULL);
    if (!r->out)
        r->out = xstrndup("", 0);
    if (!r->err)
        r->err = xstrndup("", 0);
    remove(out_path);
    remove(err_path);
    free(out_path);
    free(err_path);
    return rc;
}

void kh_result_free(kh_result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

char *kh_find_line(const char *text, const char *needle)
{
    const char *p = strstr(text, needle);
    if (!p)
        return NULL;
    const char *b = p, *e = p;
    while (b > text && b[-1] != '\n')
        b--;
    while (*e && *e != '\n')
        e++;
    return xstrndup(b, (size_t)(e - b));
}

/* ---- the --render manifest ---- */

static int fail_at(char *err, size_t errlen, size_t line_no, const char *why, const char *line)
{
    snprintf(err, errlen, "slides.txt line %zu: %s: '%.200s'", line_no, why, line);
    return -1;
}

/* "key=value" with the expected key: returns value or NULL. */
static const char *kv(const char *tok, const char *key)
{
    size_t n = strlen(key);
    if (strncmp(tok, key, n) == 0 && tok[n] == '=')
        return tok + n + 1;
    return NULL;
}

static int parse_header(char *line, kh_entry *e)
{
    char *tok[4];
    size_t n = 0;
    char *p = line;
    for (;;) {
        char *tab = strchr(p, '\t');
        if (n == 4)
            return -1;
        tok[n++] = p;
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n != 4)
        return -1;
    const char *kind = kv(tok[1], "kind"), *source = kv(tok[2], "source"), *dur = kv(tok[3], "duration_ms");
    if (!kind || !source || !dur || !*dur)
        return -1;
    char *end = NULL;
    long d = strtol(dur, &end, 10);
    if (*end != '\0')
        return -1;
    e->file = xstrndup(tok[0], strlen(tok[0]));
    e->kind = xstrndup(kind, strlen(kind));
    e->source = xstrndup(source, strlen(source));
    e->duration_ms = d;
    return 0;
}

int kh_manifest_load(const char *path, kh_manifest *m, char *err, size_t errlen)
{
    memset(m, 0, sizeof *m);
    char *data = tf_read_file(path, NULL);
    if (!data) {
        snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 0, line_no = 0;
    int rc = 0;
    char *p = data;
    while (*p && rc == 0) {
        char *nl = strchr(p, '\n');
        if (!nl) {
            rc = fail_at(err, errlen, line_no + 1, "the last line has no newline", p);
            break;
        }
        *nl = '\0';
        line_no++;
        char *line = p;
        p = nl + 1;
        if (line[0] != '\t') {
            if (m->count == cap) {
                cap = cap ? cap * 2 : 16;
                kh_entry *ne = realloc(m->entries, cap * sizeof *ne);
                if (!ne) {
                    rc = fail_at(err, errlen, line_no, "out of memory", "");
                    break;
                }
                m->entries = ne;
            }
            kh_entry *e = &m->entries[m->count];
            memset(e, 0, sizeof *e);
            char copy[4096];
            snprintf(copy, sizeof copy, "%s", line);
            if (parse_header(line, e) != 0) {
                rc = fail_at(err, errlen, line_no,
                             "expected NNN.png<TAB>kind=K<TAB>source=S<TAB>duration_ms=D", copy);
                break;
            }
            m->count++;
            continue;
        }
        if (m->count == 0) {
            rc = fail_at(err, errlen, line_no, "a field line before the first slide line", line);
            break;
        }
        char *name = line + 1;
        char *tab = strchr(name, '\t');
        if (!tab || tab == name) {
            rc = fail_at(err, errlen, line_no, "expected <TAB>field<TAB>text", line);
            break;
        }
        *tab = '\0';
        const char *text = tab + 1;
        static const char *const known[] = {"title", "dateline", "date",   "caption",
                                            "para",  "line",     "banner", "box"};
        bool ok = false;
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            ok = ok || strcmp(name, known[i]) == 0;
        if (!ok) {
            rc = fail_at(err, errlen, line_no, "unknown field", name);
            break;
        }
        kh_entry *e = &m->entries[m->count - 1];
        kh_field *nf = realloc(e->fields, (e->field_count + 1) * sizeof *nf);
        if (!nf) {
            rc = fail_at(err, errlen, line_no, "out of memory", "");
            break;
        }
        e->fields = nf;
        e->fields[e->field_count].name = xstrndup(name, strlen(name));
        e->fields[e->field_count].text = xstrndup(text, strlen(text));
        e->field_count++;
    }
    free(data);
    if (rc != 0)
        kh_manifest_free(m);
    return rc;
}

void kh_manifest_free(kh_manifest *m)
{
    for (size_t i = 0; i < m->count; i++) {
        kh_entry *e = &m->entries[i];
        for (size_t j = 0; j < e->field_count; j++) {
            free(e->fields[j].name);
            free(e->fields[j].text);
        }
        free(e->fields);
        free(e->file);
        free(e->kind);
        free(e->source);
    }
    free(m->entries);
    memset(m, 0, sizeof *m);
}

const char *kh_entry_field(const kh_entry *e, const char *name)
{
    for (size_t i = 0; i < e->field_count; i++)
        if (strcmp(e->fields[i].name, name) == 0)
            return e->fields[i].text;
    return NULL;
}

/* ---- pixels ---- */

int kh_image_load(const char *path, kh_image *img, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        snprintf(err, errlen, "cannot load %s: %s", path, IMG_GetError());
        return -1;
    }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0);
    SDL_FreeSurface(raw);
    if (!s) {
        snprintf(err, errlen, "cannot convert %s: %s", path, SDL_GetError());
        return -1;
    }
    img->w = s->w;
    img->h = s->h;
    img->rgb = xmalloc((size_t)s->w * (size_t)s->h * 3);
    for (int y = 0; y < s->h; y++)
        memcpy(img->rgb + (size_t)y * (size_t)s->w * 3,
               (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch, (size_t)s->w * 3);
    SDL_FreeSurface(s);
    return 0;
}

void kh_image_free(kh_image *img)
{
    free(img->rgb);
    memset(img, 0, sizeof *img);
}

kh_rgb kh_pixel(const kh_image *img, int x, int y)
{
    const uint8_t *p = img->rgb + ((size_t)y * (size_t)img->w + (size_t)x) * 3;
    kh_rgb c = {p[0], p[1], p[2]};
    return c;
}

bool kh_rgb_near(kh_rgb p, int r, int g, int b, int tol)
{
    return abs(p.r - r) <= tol && abs(p.g - g) <= tol && abs(p.b - b) <= tol;
}

double kh_bright_share(const kh_image *img, int min)
{
    size_t n = (size_t)img->w * (size_t)img->h, bright = 0;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = img->rgb + i * 3;
        if (p[0] >= min && p[1] >= min && p[2] >= min)
            bright++;
    }
    return n ? (double)bright / (double)n : 0.0;
}

double kh_nonblack_share(const kh_image *img)
{
    size_t n = (size_t)img->w * (size_t)img->h, lit = 0;
    for (size_t i = 0; i < n; i++) {
        const uint8_t *p = img->rgb + i * 3;
        if (p[0] > 8 || p[1] > 8 || p[2] > 8)
            lit++;
    }
    return n ? (double)lit / (double)n : 0.0;
}

/* ---- a test's fixture ---- */

kh_fixture *kh_fixture_new(const char *tag)
{
    kh_fixture *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->tmp = tf_mkdtemp(tag);
    if (!f->tmp) {
        free(f);
        return NULL;
    }
    return f;
}

int kh_fx_no_banner_slide(kh_fixture *f)
{
    static const char conf[] = "[banner]\nslide = none\n";
    return tf_write_file(kh_fx_path(f, "content/kiosk.conf"), conf, sizeof conf - 1);
}

void kh_fixture_free(kh_fixture *f)
{
    if (!f)
        return;
    tf_rm_rf(f->tmp); /* kept with KIOSK_TEST_KEEP_TMP=1 */
    kh_result_free(&f->run);
    kh_manifest_free(&f->manifest);
    kh_image_free(&f->image);
    for (size_t i = 0; i < f->garbage_count; i++)
        free(f->garbage[i]);
    free(f->garbage);
    free(f->tmp);
    free(f);
}

void *kh_fx_keep(kh_fixture *f, void *p)
{
    void **g = realloc(f->garbage, (f->garbage_count + 1) * sizeof *g);
    if (!g) {
        fprintf(stderr, "harness: out of memory\n");
        abort();
    }
    f->garbage = g;
    f->garbage[f->garbage_count++] = p;
    return p;
}

char *kh_fx_path(kh_fixture *f, const char *rel)
{
    return kh_fx_keep(f, tf_join(f->tmp, rel));
}

int kh_fixture_setup(void **state)
{
    kh_fixture *f = kh_fixture_new("test");
    *state = f;
    return f ? 0 : -1;
}

int kh_fixture_teardown(void **state)
{
    kh_fixture_free(*state);
    *state = NULL;
    return 0;
}

/* ---- words ---- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int kh_split_words(const char *text, char ***words, size_t *count, size_t *cap)
{
    const char *p = text;
    while (*p) {
        while (*p && is_space(*p))
            p++;
        if (!*p)
            break;
        const char *b = p;
        while (*p && !is_space(*p))
            p++;
        if (*count == *cap) {
            size_t ncap = *cap ? *cap * 2 : 64;
            char **nw = realloc(*words, ncap * sizeof *nw);
            if (!nw)
                return -1;
            *words = nw;
            *cap = ncap;
        }
        (*words)[(*count)++] = xstrndup(b, (size_t)(p - b));
    }
    return 0;
}

void kh_free_words(char **words, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(words[i]);
    free(words);
}
