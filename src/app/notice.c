/* notice: see notice.h. */
#include "notice.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "draw.h"
#include "store.h"
#include "textfit.h"

/* The panel's own colours (plain constants while draw.h's palette becomes a parameter). */
static const SDL_Color PANEL_BG = {18, 17, 20, 224};
static const SDL_Color PANEL_EDGE = {150, 28, 32, 255}; /* the accent, #961c20 */
static const SDL_Color TEXT = {238, 233, 224, 255};     /* #eee9e0 */
static const SDL_Color TEXT_DIM = {190, 182, 170, 255};
static const SDL_Color PANEL_LINE = {238, 233, 224, 48}; /* its outline, so it reads on a dark slide */
static const SDL_Color BAR_TRACK = {255, 255, 255, 44};
static const SDL_Color BAR_FILL = {238, 233, 224, 255};

#define MAX_BLOCKS 8

struct notice {
    char path[PATH_MAX];
    import_status st; /* the status last read (state NONE: none) */
    bool polled, visible;
    uint64_t last_look, first_seen; /* ms: the last stat; when this status was first read */
    struct timespec mtime;
    off_t size;
    ino_t ino;
    unsigned generation; /* counts the statuses read */
    /* the panel drawn once into a texture, for the generation `drawn`, this renderer, size and words */
    SDL_Texture *tex;
    SDL_Rect box;
    unsigned drawn;
    const SDL_Renderer *renderer;
    const strings *strings_used;
    const kiosk_fonts *fonts_used;
    int w, h;
};

/* One piece of the panel: a line of text (wrapped) or the progress bar (bar >= 0). */
typedef struct {
    char text[768];
    int size, max_lines, gap; /* type size, lines at most, space above it */
    SDL_Color color;
    int bar;     /* percent for the bar; -1: text */
    bool shrink; /* may shrink to 85 % before it is cut (the headline); others keep their size */
} block;

notice *notice_create(const char *content_dir)
{
    notice *n = calloc(1, sizeof *n);
    if (n && store_status_path(content_dir, n->path, sizeof n->path) != 0) {
        free(n);
        n = NULL;
    }
    return n;
}

void notice_free(notice *n)
{
    if (n && n->tex) {
        SDL_DestroyTexture(n->tex);
    }
    free(n);
}

bool notice_visible(const notice *n)
{
    return n && n->visible;
}

const import_status *notice_status(const notice *n)
{
    return &n->st;
}

/* Whether st should be on screen now. */
static bool should_show(const notice *n, uint64_t now, int64_t wall)
{
    int64_t age = n->st.time > 0 ? wall - n->st.time : 0;
    switch (n->st.state) {
    case IMPORT_STATE_READING:
        return age < NOTICE_STALE_S;
    case IMPORT_STATE_DONE:
    case IMPORT_STATE_UNCHANGED:
    case IMPORT_STATE_REFUSED:
    case IMPORT_STATE_NO_FOLDER:
        return age < NOTICE_SHOW_S && now - n->first_seen < (uint64_t)NOTICE_SHOW_S * 1000;
    case IMPORT_STATE_REMOVED: /* pulled while it was read (a reason says so): the old exhibit stays */
        return n->st.reason[0] && age < NOTICE_SHOW_S && now - n->first_seen < (uint64_t)NOTICE_SHOW_S * 1000;
    default:
        return false;
    }
}

/* Stats the file and reads it when it changed. True when a different status was read (or it went). */
static bool look(notice *n, uint64_t now)
{
    struct stat sb;
    if (stat(n->path, &sb) != 0) {
        bool had = n->st.state != IMPORT_STATE_NONE;
        n->st.state = IMPORT_STATE_NONE;
        n->ino = 0;
        return had;
    }
    if (n->ino == sb.st_ino && n->size == sb.st_size && n->mtime.tv_sec == sb.st_mtim.tv_sec &&
        n->mtime.tv_nsec == sb.st_mtim.tv_nsec) {
        return false;
    }
    n->ino = sb.st_ino;
    n->size = sb.st_size;
    n->mtime = sb.st_mtim;
    import_status st;
    memset(&st, 0, sizeof st);
    if (import_status_read(n->path, &st) != 0) {
        st.state = IMPORT_STATE_NONE;
    }
    if (memcmp(&st, &n->st, sizeof st) == 0) {
        return false;
    }
    n->st = st;
    n->first_seen = now;
    n->generation++;
    return true;
}

bool notice_poll_at(notice *n, uint64_t now, int64_t wall)
{
    if (!n) {
        return false;
    }
    bool changed = false;
    if (!n->polled || now - n->last_look >= NOTICE_POLL_MS) {
        n->polled = true;
        n->last_look = now;
        changed = look(n, now);
    }
    bool show = should_show(n, now, wall);
    changed = (changed && (show || n->visible)) || show != n->visible;
    n->visible = show;
    return changed;
}

bool notice_poll(notice *n, uint64_t now)
{
    return notice_poll_at(n, now, (int64_t)time(NULL));
}

static block *add(block *b, int *count, int size, SDL_Color color, int max_lines, int gap)
{
    if (*count >= MAX_BLOCKS) {
        return NULL;
    }
    block *k = &b[(*count)++];
    *k = (block){.size = size, .max_lines = max_lines, .gap = gap, .color = color, .bar = -1};
    return k;
}

static void add_text(block *b, int *count, const char *text, int size, SDL_Color color, int max_lines,
                     int gap)
{
    block *k = add(b, count, size, color, max_lines, gap);
    if (k) {
        snprintf(k->text, sizeof k->text, "%s", text);
    }
}

/* "3 problems:" and the problem lines. */
static void add_problems(block *b, int *count, const import_status *st, const strings *s, int size, int gap)
{
    char num[128], line[256];
    strings_count(s, "import.errors", (long long)st->errors, num, sizeof num);
    strings_arg arg = {"errors", num};
    add_text(b, count, strings_format(s, "import.problems", &arg, 1, line, sizeof line), size, TEXT_DIM, 1,
             gap);
    for (size_t i = 0; i < st->problem_count && i < IMPORT_STATUS_PROBLEMS; i++) {
        add_text(b, count, st->problem[i], size, TEXT_DIM, 3, size / 4);
    }
}

/* The pieces of the panel for st, at the type sizes head and small. Returns their number. */
static int compose(const import_status *st, const strings *s, int head, int small, block *b)
{
    char text[768], num[128];
    int count = 0, gap = small * 2 / 3;
    strings_arg arg = {"", ""};
    /* a USB stick (mounted there by dist/usb-import) is named and may be removed; a folder copied over
     * the network or synced is "the new exhibit" */
    bool usb = strncmp(st->source, NOTICE_USB_MOUNTS, strlen(NOTICE_USB_MOUNTS)) == 0;
    switch (st->state) {
    case IMPORT_STATE_READING:
        snprintf(num, sizeof num, "%d", st->percent < 0 ? 0 : st->percent > 100 ? 100 : st->percent);
        arg = (strings_arg){"percent", num};
        add_text(
            b, &count,
            strings_format(s, usb ? "import.reading" : "import.reading_other", &arg, 1, text, sizeof text),
            head, TEXT, 2, 0);
        block *bar = add(b, &count, small, TEXT, 1, gap);
        if (bar) {
            bar->bar = atoi(num);
        }
        break;
    case IMPORT_STATE_DONE:
        strings_count(s, "import.slides", (long long)st->slides, num, sizeof num);
        arg = (strings_arg){"slides", num};
        add_text(b, &count, strings_format(s, "import.done", &arg, 1, text, sizeof text), head, TEXT, 2, 0);
        if (st->errors > 0) {
            add_problems(b, &count, st, s, small, gap);
        }
        if (usb) {
            add_text(b, &count, strings_get(s, "import.remove"), small, TEXT, 2, gap);
        }
        break;
    case IMPORT_STATE_UNCHANGED:
        add_text(b, &count, strings_get(s, "import.unchanged"), head, TEXT, 2, 0);
        if (usb) {
            add_text(b, &count, strings_get(s, "import.remove"), small, TEXT, 2, gap);
        }
        break;
    case IMPORT_STATE_REFUSED:
        if (st->slides == 0 && st->errors > 0) {
            add_text(b, &count, strings_get(s, "import.nothing"), head, TEXT, 2, 0);
            add_problems(b, &count, st, s, small, gap);
        } else {
            arg = (strings_arg){"reason", st->reason};
            add_text(b, &count, strings_format(s, "import.refused", &arg, 1, text, sizeof text), head, TEXT,
                     3, 0);
        }
        add_text(b, &count, strings_get(s, "import.not_changed"), small, TEXT, 2, gap);
        break;
    case IMPORT_STATE_REMOVED:
        if (!st->reason[0]) {
            break;
        }
        add_text(b, &count, strings_get(s, "import.pulled"), head, TEXT, 3, 0);
        add_text(b, &count, strings_get(s, "import.not_changed"), small, TEXT, 2, gap);
        break;
    case IMPORT_STATE_NO_FOLDER:
        add_text(b, &count, strings_get(s, "import.no_folder"), head, TEXT, 2, 0);
        add_text(b, &count, strings_get(s, "import.no_folder_hint"), small, TEXT_DIM, 3, gap);
        break;
    default:
        break;
    }
    if (count > 0) {
        b[0].shrink = true;
    }
    return count;
}

/* Fills a box; exact: the colour and alpha are written as they are (the panel's first layer in a
 * texture of its own), else blended. */
static void fill(SDL_Renderer *r, int x, int y, int w, int h, SDL_Color c, bool exact)
{
    if (!exact) {
        draw_fill(r, x, y, w, h, c);
        return;
    }
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &(SDL_Rect){x, y, w, h});
}

/* A filled box with rounded corners of radius rad, the corners' edges anti-aliased. */
static void fill_rounded(SDL_Renderer *r, SDL_Rect b, int rad, SDL_Color c, bool exact)
{
    rad = SDL_min(rad, SDL_min(b.w, b.h) / 2);
    for (int i = 0; i < rad; i++) {
        double dy = rad - i - 0.5, inset = rad - sqrt((double)rad * rad - dy * dy);
        int in = (int)floor(inset);
        SDL_Color edge = c;
        edge.a = (Uint8)lround(c.a * (1.0 - (inset - in)));
        int rows[2] = {b.y + i, b.y + b.h - 1 - i};
        for (int k = 0; k < 2; k++) {
            fill(r, b.x + in + 1, rows[k], b.w - 2 * in - 2, 1, c, exact);
            fill(r, b.x + in, rows[k], 1, 1, edge, exact);
            fill(r, b.x + b.w - 1 - in, rows[k], 1, 1, edge, exact);
        }
    }
    fill(r, b.x, b.y + rad, b.w, b.h - 2 * rad, c, exact);
}

/* Left inset of row y (0-based from the top) of a box of height h with corners of radius rad. */
static int row_inset(int y, int h, int rad)
{
    int k = y < rad ? y : h - 1 - y < rad ? h - 1 - y : -1;
    if (k < 0) {
        return 0;
    }
    double dy = rad - k - 0.5;
    return (int)lround(rad - sqrt((double)rad * rad - dy * dy));
}

/* The outline of a rounded box, t pixels wide, inside b. */
static void stroke_rounded(SDL_Renderer *r, SDL_Rect b, int rad, int t, SDL_Color c)
{
    rad = SDL_min(rad, SDL_min(b.w, b.h) / 2);
    for (int y = 0; y < b.h; y++) {
        int out = row_inset(y, b.h, rad);
        if (y < t || y >= b.h - t) {
            draw_fill(r, b.x + out, b.y + y, b.w - 2 * out, 1, c);
            continue;
        }
        int in = t + row_inset(y - t, b.h - 2 * t, SDL_max(0, rad - t));
        draw_fill(r, b.x + out, b.y + y, in - out, 1, c);
        draw_fill(r, b.x + b.w - in, b.y + y, in - out, 1, c);
    }
}

/* Wraps a text block into width (shrinking to 85 % before cutting with an ellipsis), its lines balanced:
 * as narrow as the same number of lines allows, so that no line is left with a word or two. 0, or -1. */
static int fit_block(const kiosk_fonts *f, const block *k, int width, textfit_result *res)
{
    textfit_box box = {.width = width,
                       .height = k->max_lines * (int)lround(k->size * 1.3),
                       .max_size = k->size,
                       .min_size = k->shrink ? SDL_max(10, k->size * 85 / 100) : k->size,
                       .line_ratio = 1.3,
                       .max_lines = k->max_lines};
    fonts_measurer m = {f, FONT_BANNER, 0};
    if (textfit_fit(k->text, &box, fonts_fit_measure_cb, &m, res) != 0) {
        return -1;
    }
    size_t lines = res->lines.count;
    int lo = width / 2, hi = width, size = res->size;
    while (lines > 1 && !res->truncated && hi - lo > 8) { /* the narrowest width giving the same lines */
        textfit_result t;
        box.width = (lo + hi) / 2;
        if (textfit_fit(k->text, &box, fonts_fit_measure_cb, &m, &t) != 0) {
            return 0; /* keep the unbalanced lines */
        }
        bool same = t.lines.count == lines && !t.truncated && t.size == size;
        textfit_result_free(&t);
        if (same) {
            hi = box.width;
        } else {
            lo = box.width;
        }
    }
    if (hi < width) {
        textfit_result t;
        box.width = hi;
        if (textfit_fit(k->text, &box, fonts_fit_measure_cb, &m, &t) == 0) {
            textfit_result_free(res);
            *res = t;
        }
    }
    return 0;
}

static void draw_lines(SDL_Renderer *r, const kiosk_fonts *f, const block *k, const textfit_result *res,
                       int cx, int y)
{
    draw_style st = {f, FONT_BANNER, res->size, k->color};
    for (size_t i = 0; i < res->lines.count; i++) {
        const layout_line *l = &res->lines.lines[i];
        char buf[sizeof k->text + 4];
        size_t len = l->len;
        memcpy(buf, k->text + l->start, len);
        if (res->truncated && i + 1 == res->lines.count) {
            memcpy(buf + len, TEXTFIT_ELLIPSIS, 3);
            len += 3;
        }
        draw_text(r, &st, buf, len, res->lines.rtl, cx, y + (int)i * res->line_h, res->line_h, ALIGN_CENTER);
    }
}

/* Where the panel of height h goes: centred, in the lower third, above the banner, inside the safe area. */
static SDL_Rect place(const design *d, int w, int h, int margin)
{
    int bottom = SDL_min(d->banner_y, d->safe_y + d->safe_h) - margin, zone = d->h * 2 / 3;
    SDL_Rect b = {d->safe_x + (d->safe_w - w) / 2, zone + (bottom - zone - h) / 2, w, h};
    if (b.y + h > bottom) {
        b.y = bottom - h;
    }
    if (b.y < d->safe_y) {
        b.y = d->safe_y;
    }
    return b;
}

/* Lays out the panel of st and draws it with its top left corner at (box.x + ox, box.y + oy); exact: its
 * background's alpha is written as it is (into a texture of its own). Returns the box on the screen. */
static SDL_Rect panel(const import_status *st, SDL_Renderer *r, const design *d, const kiosk_fonts *f,
                      const strings *s, SDL_Point *origin)
{
    block b[MAX_BLOCKS];
    textfit_result res[MAX_BLOCKS];
    SDL_Rect box = {0, 0, 0, 0};
    int unit = SDL_min(d->w, d->h), margin = (int)lround(unit * 0.04), rad = (int)lround(unit * 0.022);
    int pad_x = (int)lround(unit * 0.05), pad_y = (int)lround(unit * 0.045);
    int bar_h = SDL_max(6, (int)lround(unit * 0.011)), rule_h = SDL_max(2, (int)lround(unit * 0.0035));
    int count = compose(st, s, (int)lround(unit * 0.042), (int)lround(unit * 0.029), b);
    int width = SDL_min(d->safe_w * 88 / 100, (int)lround(unit * 1.1)), inner = width - 2 * pad_x;
    int fitted = 0, height = 2 * pad_y;
    for (; fitted < count; fitted++) {
        if (b[fitted].bar < 0 && fit_block(f, &b[fitted], inner, &res[fitted]) != 0) {
            goto cleanup;
        }
        height +=
            b[fitted].gap + (b[fitted].bar >= 0 ? bar_h + b[fitted].size / 2 : textfit_height(&res[fitted]));
    }
    if (count == 0) {
        goto cleanup;
    }
    box = place(d, width, height, margin);
    if (!r) {
        goto cleanup;
    }
    SDL_Rect at = {origin ? origin->x : box.x, origin ? origin->y : box.y, width, height};
    fill_rounded(r, at, rad, PANEL_BG, origin != NULL);
    stroke_rounded(r, at, rad, SDL_max(1, unit / 720), PANEL_LINE);
    int rule_w = (int)lround(unit * 0.06), y = at.y + pad_y, cx = at.x + width / 2;
    draw_fill(r, cx - rule_w / 2, at.y + (pad_y - rule_h) / 2, rule_w, rule_h, PANEL_EDGE);
    for (int i = 0; i < count; i++) {
        y += b[i].gap;
        if (b[i].bar >= 0) {
            SDL_Rect track = {at.x + pad_x, y + b[i].size / 4, inner, bar_h};
            fill_rounded(r, track, bar_h / 2, BAR_TRACK, false);
            track.w = SDL_max(bar_h, inner * b[i].bar / 100);
            fill_rounded(r, track, bar_h / 2, BAR_FILL, false);
            y += bar_h + b[i].size / 2;
            continue;
        }
        draw_lines(r, f, &b[i], &res[i], cx, y);
        y += textfit_height(&res[i]);
    }
cleanup:
    for (int i = 0; i < fitted; i++) {
        if (b[i].bar < 0) {
            textfit_result_free(&res[i]);
        }
    }
    return box;
}

SDL_Rect notice_draw_status(const import_status *st, SDL_Renderer *r, const design *d, const kiosk_fonts *f,
                            const strings *s)
{
    return panel(st, r, d, f, s, NULL);
}

/* Draws the panel of n->st into a new texture for r (on a software renderer, then uploaded). */
static void build_texture(notice *n, SDL_Renderer *r, const design *d, const kiosk_fonts *f, const strings *s)
{
    SDL_Surface *sf = NULL;
    SDL_Renderer *soft = NULL;
    n->box = panel(&n->st, NULL, d, f, s, NULL);
    if (n->box.w <= 0) {
        return;
    }
    sf = SDL_CreateRGBSurfaceWithFormat(0, n->box.w, n->box.h, 32, SDL_PIXELFORMAT_ARGB8888);
    soft = sf ? SDL_CreateSoftwareRenderer(sf) : NULL;
    if (!soft) {
        goto cleanup;
    }
    SDL_SetRenderDrawBlendMode(soft, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(soft, 0, 0, 0, 0);
    SDL_RenderClear(soft);
    panel(&n->st, soft, d, f, s, &(SDL_Point){0, 0});
    SDL_RenderPresent(soft);
    n->tex = SDL_CreateTextureFromSurface(r, sf);
    if (n->tex) {
        SDL_SetTextureBlendMode(n->tex, SDL_BLENDMODE_BLEND);
    }
cleanup:
    if (soft) {
        SDL_DestroyRenderer(soft);
    }
    SDL_FreeSurface(sf);
}

void notice_draw(notice *n, SDL_Renderer *r, const design *d, const kiosk_fonts *f, const strings *s)
{
    if (!notice_visible(n)) {
        return;
    }
    if (n->tex && (n->drawn != n->generation || n->renderer != r || n->strings_used != s || n->w != d->w ||
                   n->h != d->h || n->fonts_used != f)) {
        SDL_DestroyTexture(n->tex);
        n->tex = NULL;
    }
    if (!n->tex) {
        build_texture(n, r, d, f, s);
        n->drawn = n->generation;
        n->renderer = r;
        n->strings_used = s;
        n->fonts_used = f;
        n->w = d->w;
        n->h = d->h;
    }
    if (n->tex) {
        SDL_RenderCopy(r, n->tex, NULL, &n->box);
    } else { /* no texture (out of memory): drawn directly, every frame */
        notice_draw_status(&n->st, r, d, f, s);
    }
}
