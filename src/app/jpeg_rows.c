/* jpeg_rows: see jpeg_rows.h. */
#include "jpeg_rows.h"

#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    jpeg_rows_job *job;
} jr_error;

typedef struct {
    struct jpeg_decompress_struct ci;
    jr_error err;
    SDL_Surface *out;
    imgscale_rows *scaler; /* NULL when the region is copied as it is */
    uint8_t *line;         /* one decoded row */
    bool started;
} jr_state;

/* An error: its message (as TurboJPEG gives it) and back to decode's setjmp. */
static void on_error(j_common_ptr ci)
{
    jr_error *e = (jr_error *)ci->err;
    char msg[JMSG_LENGTH_MAX];
    (*ci->err->format_message)(ci, msg);
    snprintf(e->job->error, sizeof e->job->error, "%s", msg);
    longjmp(e->jump, 1);
}

/* Warnings (level < 0): the first one is kept, as TurboJPEG keeps it; trace messages are dropped. */
static void on_message(j_common_ptr ci, int level)
{
    jr_error *e = (jr_error *)ci->err;
    if (level >= 0) {
        return;
    }
    if (e->pub.num_warnings == 0) {
        char msg[JMSG_LENGTH_MAX];
        (*ci->err->format_message)(ci, msg);
        snprintf(e->job->warning, sizeof e->job->warning, "%s", msg);
    }
    e->pub.num_warnings++;
}

/* Adobe CMYK JPEGs store inverted values: each channel times the inverted black. */
static void cmyk_row_to_argb(uint8_t *p, int w)
{
    for (int x = 0; x < w; x++, p += 4) {
        uint32_t k = p[3], r = p[0] * k / 255, g = p[1] * k / 255, b = p[2] * k / 255;
        uint32_t v = 0xFF000000u | r << 16 | g << 8 | b;
        memcpy(p, &v, 4);
    }
}

/* One decoded row y of the scaled picture: reduced (or copied) when it lies in the region. */
static void take_row(jr_state *s, const jpeg_rows_job *job, int y)
{
    const imgscale_rect *r = &job->r;
    if (y < r->y || y >= r->y + r->h) {
        return;
    }
    const uint8_t *from = s->line + (size_t)r->x * 4;
    if (!s->scaler) {
        memcpy((uint8_t *)s->out->pixels + (size_t)(y - r->y) * (size_t)s->out->pitch, from,
               (size_t)r->w * 4);
    } else {
        imgscale_rows_push(s->scaler, from);
    }
}

/* Everything that may longjmp back here; the state outlives it (allocations are freed by the caller). */
static int run(jr_state *s, const uint8_t *data, size_t size, jpeg_rows_job *job)
{
    if (setjmp(s->err.jump)) {
        return -1;
    }
    jpeg_create_decompress(&s->ci);
    s->started = true;
    jpeg_mem_src(&s->ci, data, (unsigned long)size);
    jpeg_read_header(&s->ci, TRUE);
    bool cmyk = s->ci.jpeg_color_space == JCS_CMYK || s->ci.jpeg_color_space == JCS_YCCK;
    s->ci.out_color_space = cmyk ? JCS_CMYK : SDL_BYTEORDER == SDL_LIL_ENDIAN ? JCS_EXT_BGRA : JCS_EXT_ARGB;
    s->ci.scale_num = 1;
    s->ci.scale_denom = (unsigned)job->denom;
    jpeg_start_decompress(&s->ci);
    const imgscale_rect *r = &job->r;
    int w = (int)s->ci.output_width, h = (int)s->ci.output_height;
    if (r->x < 0 || r->y < 0 || r->w < job->out_w || r->h < job->out_h || r->x + r->w > w ||
        r->y + r->h > h) {
        snprintf(job->error, sizeof job->error, "the picture cannot be read (its region lies outside it)");
        return -1;
    }
    s->line = SDL_malloc((size_t)w * 4);
    s->out = SDL_CreateRGBSurfaceWithFormat(0, job->out_w, job->out_h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (s->out && (r->w != job->out_w || r->h != job->out_h)) {
        s->scaler =
            imgscale_rows_create(r->w, r->h, s->out->pixels, job->out_w, job->out_h, s->out->pitch, 4);
    }
    if (!s->line || !s->out || ((r->w != job->out_w || r->h != job->out_h) && !s->scaler)) {
        snprintf(job->error, sizeof job->error, "out of memory for a %dx%d picture", job->out_w, job->out_h);
        return -1;
    }
    while (s->ci.output_scanline < s->ci.output_height) {
        int y = (int)s->ci.output_scanline;
        JSAMPROW rows[1] = {s->line};
        jpeg_read_scanlines(&s->ci, rows, 1);
        if (cmyk) {
            cmyk_row_to_argb(s->line, w);
        }
        take_row(s, job, y);
    }
    jpeg_finish_decompress(&s->ci);
    return 0;
}

SDL_Surface *jpeg_rows_decode(const uint8_t *data, size_t size, jpeg_rows_job *job)
{
    jr_state s;
    memset(&s, 0, sizeof s);
    job->warning[0] = job->error[0] = '\0';
    s.ci.err = jpeg_std_error(&s.err.pub);
    s.err.pub.error_exit = on_error;
    s.err.pub.emit_message = on_message;
    s.err.job = job;
    SDL_Surface *out = NULL;
    if (run(&s, data, size, job) == 0) {
        out = s.out;
        s.out = NULL;
    }
    if (s.started) {
        jpeg_destroy_decompress(&s.ci);
    }
    imgscale_rows_free(s.scaler);
    SDL_free(s.line);
    if (s.out) {
        SDL_FreeSurface(s.out);
    }
    return out;
}
