/* imgfile: see imgfile.h. */
#include "imgfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_image.h>
#include <turbojpeg.h>

#include "jpeg_rows.h"

#define HEADER_SMALL (8u << 10)  /* bytes read for the header at first: enough for most files */
#define HEADER_FIRST (64u << 10) /* then, while the header goes on (an Exif thumbnail first) */
#define HEADER_MAX (1u << 20)    /* and at most, for formats whose header may be long */

/* Reads up to n more bytes of fp into buf + *have. */
static void read_more(FILE *fp, uint8_t *buf, size_t *have, size_t want)
{
    while (*have < want) {
        size_t got = fread(buf + *have, 1, want - *have, fp);
        if (got == 0) {
            break;
        }
        *have += got;
    }
}

/* "30000 pixels" or "24.3 megapixels". */
static void pixels_text(uint64_t px, char *buf, size_t n)
{
    if (px < 1000000) {
        snprintf(buf, n, "%llu pixels", (unsigned long long)px);
    } else {
        snprintf(buf, n, "%.1f megapixels", (double)px / 1e6);
    }
}

static int check_limits(const imghdr_info *in, const imgfile_limits *lim, char *err, size_t errlen)
{
    uint64_t px = (uint64_t)in->width * (uint64_t)in->height;
    char has[48], may[48];
    pixels_text(px, has, sizeof has);
    pixels_text(lim->max_pixels, may, sizeof may);
    if (in->width > lim->max_side || in->height > lim->max_side) {
        snprintf(err, errlen,
                 "the picture is too large: %dx%d pixels (%s); at most %d pixels wide or high are shown",
                 in->width, in->height, has, lim->max_side);
        return -1;
    }
    if (px > lim->max_pixels) {
        snprintf(err, errlen, "the picture is too large: %dx%d pixels (%s); the limit is %s (--max-pixels)",
                 in->width, in->height, has, may);
        return -1;
    }
    return 0;
}

/* The bytes of a picture's start read so far, and the room for them: at most room bytes are read. */
typedef struct {
    uint8_t *bytes;
    size_t have;
    size_t room;
} header_buf;

/* Makes room for room bytes (the first time too: b->bytes NULL). */
static int make_room(header_buf *b, size_t room, char *err, size_t errlen)
{
    uint8_t *more = realloc(b->bytes, room);
    if (!more) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    b->bytes = more;
    b->room = room;
    return 0;
}

/* f->size from the open file: it is neither empty nor over IMGFILE_MAX_FILE_BYTES. */
static int read_size(FILE *fp, imgfile *f, char *err, size_t errlen)
{
    struct stat st;
    if (fstat(fileno(fp), &st) != 0) {
        snprintf(err, errlen, "the picture cannot be opened (%s)", strerror(errno));
        return -1;
    }
    if (st.st_size <= 0) {
        snprintf(err, errlen, "the picture file is empty");
        return -1;
    }
    if ((uint64_t)st.st_size > IMGFILE_MAX_FILE_BYTES) {
        snprintf(err, errlen, "the picture file is too large: %lld MB, the limit is %u MB",
                 (long long)(st.st_size >> 20), IMGFILE_MAX_FILE_BYTES >> 20);
        return -1;
    }
    f->size = (size_t)st.st_size;
    return 0;
}

/* A probe reads as little as it can (a folder of hundreds of pictures is probed before the show starts):
 * HEADER_SMALL bytes, and room for up to HEADER_MAX only while the header goes on. */
static int read_probe_start(FILE *fp, imgfile *f, header_buf *b, char *err, size_t errlen)
{
    size_t cap = f->size < HEADER_MAX ? f->size : HEADER_MAX;
    size_t first = cap < HEADER_SMALL ? cap : HEADER_SMALL;
    if (make_room(b, first, err, errlen) != 0) {
        return -1;
    }
    read_more(fp, b->bytes, &b->have, first);
    if (b->have == first && first < cap && imghdr_read(b->bytes, b->have, &f->info) == IMGHDR_NEED_MORE) {
        if (make_room(b, cap, err, errlen) != 0) {
            return -1;
        }
        read_more(fp, b->bytes, &b->have, cap < HEADER_FIRST ? cap : HEADER_FIRST);
    }
    return 0;
}

/* imgfile_open reads a JPEG whole anyway (its decoder reads from memory): room for all of it; another
 * format's header has room for up to HEADER_MAX bytes. */
static int read_open_start(FILE *fp, imgfile *f, header_buf *b, char *err, size_t errlen)
{
    size_t cap = f->size < HEADER_MAX ? f->size : HEADER_MAX;
    if (make_room(b, cap, err, errlen) != 0) {
        return -1;
    }
    read_more(fp, b->bytes, &b->have, cap < HEADER_FIRST ? cap : HEADER_FIRST);
    if (imghdr_sniff(b->bytes, b->have) == IMGHDR_JPEG) {
        return make_room(b, f->size, err, errlen);
    }
    return 0;
}

/* f->info from the header, read on into b's room while it goes on; the picture within lim. */
static int read_header(FILE *fp, imgfile *f, header_buf *b, const imgfile_limits *lim, char *err,
                       size_t errlen)
{
    imghdr_status hs = imghdr_read(b->bytes, b->have, &f->info);
    if (hs == IMGHDR_NEED_MORE && b->have < b->room) {
        read_more(fp, b->bytes, &b->have, b->room);
        hs = imghdr_read(b->bytes, b->have, &f->info);
    }
    if (hs == IMGHDR_NEED_MORE && f->info.width > 0 && f->info.height > 0) {
        hs = IMGHDR_OK; /* the size is final (imghdr.h); only an optional part (orientation) was cut */
    }
    if (hs == IMGHDR_NOT_IMAGE || (hs == IMGHDR_NEED_MORE && f->info.format == IMGHDR_UNKNOWN)) {
        snprintf(err, errlen, "the picture cannot be read (not a JPEG, PNG, GIF, BMP or WebP file)");
        return -1;
    }
    if (hs == IMGHDR_NEED_MORE && b->have >= HEADER_MAX) {
        snprintf(err, errlen, "the picture cannot be read (its %s header is damaged or longer than %u KB)",
                 imghdr_format_name(f->info.format), HEADER_MAX >> 10);
        return -1;
    }
    if (hs != IMGHDR_OK) {
        snprintf(err, errlen, "the picture cannot be read (damaged %s header)",
                 imghdr_format_name(f->info.format));
        return -1;
    }
    return check_limits(&f->info, lim, err, errlen);
}

/* imgfile_open (whole_jpeg: a JPEG's bytes kept for its decoder) and imgfile_probe. */
static int open_file(imgfile *f, const char *path, const imgfile_limits *lim, bool whole_jpeg, char *err,
                     size_t errlen)
{
    int rc = -1;
    header_buf b = {NULL, 0, 0};

    memset(f, 0, sizeof *f);
    f->path = path;
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        snprintf(err, errlen, "the picture cannot be opened (%s)", strerror(errno));
        goto cleanup;
    }
    if (read_size(fp, f, err, errlen) != 0) {
        goto cleanup;
    }
    int started =
        whole_jpeg ? read_open_start(fp, f, &b, err, errlen) : read_probe_start(fp, f, &b, err, errlen);
    if (started != 0 || read_header(fp, f, &b, lim, err, errlen) != 0) {
        goto cleanup;
    }
    if (whole_jpeg && f->info.format == IMGHDR_JPEG) {
        read_more(fp, b.bytes, &b.have, f->size);
        f->size = b.have;
        f->data = b.bytes;
        b.bytes = NULL;
    }
    rc = 0;
cleanup:
    free(b.bytes);
    if (fp) {
        fclose(fp);
    }
    return rc;
}

int imgfile_open(imgfile *f, const char *path, const imgfile_limits *lim, char *err, size_t errlen)
{
    return open_file(f, path, lim, true, err, errlen);
}

int imgfile_probe(const char *path, const imgfile_limits *lim, imghdr_info *info, char *err, size_t errlen)
{
    imgfile f;
    int rc = open_file(&f, path, lim, false, err, errlen);
    if (info) {
        *info = f.info;
    }
    imgfile_close(&f);
    return rc;
}

void imgfile_close(imgfile *f)
{
    free(f->data);
    f->data = NULL;
}

/* Reduces the region r of src (bpp bytes per pixel) to out_w x out_h into a new surface of dst_format. */
static SDL_Surface *crop_scale(SDL_Surface *src, imgscale_rect r, int out_w, int out_h)
{
    int bpp = src->format->BytesPerPixel;
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, out_w, out_h, bpp * 8, src->format->format);
    if (!dst) {
        return NULL;
    }
    const uint8_t *from =
        (const uint8_t *)src->pixels + (size_t)r.y * (size_t)src->pitch + (size_t)r.x * (size_t)bpp;
    if (r.w == out_w && r.h == out_h) {
        for (int y = 0; y < out_h; y++) {
            memcpy((uint8_t *)dst->pixels + (size_t)y * (size_t)dst->pitch,
                   from + (size_t)y * (size_t)src->pitch, (size_t)out_w * (size_t)bpp);
        }
    } else if (imgscale_area_n(from, r.w, r.h, src->pitch, dst->pixels, out_w, out_h, dst->pitch, bpp) != 0) {
        SDL_FreeSurface(dst);
        return NULL;
    }
    return dst;
}

/* The region r of a w x h picture in the coordinates of its sw x sh reduction (rounded outwards). */
static imgscale_rect scale_rect(imgscale_rect r, int w, int h, int sw, int sh)
{
    long long x0 = (long long)r.x * sw / w, y0 = (long long)r.y * sh / h;
    long long x1 = ((long long)(r.x + r.w) * sw + w - 1) / w, y1 = ((long long)(r.y + r.h) * sh + h - 1) / h;
    x1 = x1 > sw ? sw : x1;
    y1 = y1 > sh ? sh : y1;
    imgscale_rect s = {(int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0)};
    s.w = s.w < 1 ? 1 : s.w;
    s.h = s.h < 1 ? 1 : s.h;
    return s;
}

/* libjpeg warnings that leave the picture whole (a camera's stray bytes, odd but readable scan headers);
 * every other warning (premature end, bad Huffman code, lost sync) means part of the picture is missing. */
static bool harmless_jpeg_warning(const char *msg)
{
    return strstr(msg, "extraneous bytes before marker") || strstr(msg, "Invalid SOS parameters");
}

static SDL_Surface *decode_jpeg(imgfile *f, imgscale_rect crop, int out_w, int out_h, int *denom, char *warn,
                                size_t warnlen, char *err, size_t errlen)
{
    SDL_Surface *out = NULL;
    tjhandle tj = tjInitDecompress();
    int w, h, subsamp, cs;

    if (!tj) {
        snprintf(err, errlen, "the JPEG decoder cannot start (%s)", tjGetErrorStr2(NULL));
        goto cleanup;
    }
    if (tjDecompressHeader3(tj, f->data, (unsigned long)f->size, &w, &h, &subsamp, &cs) != 0) {
        snprintf(err, errlen, "the picture cannot be read (%s)", tjGetErrorStr2(tj));
        goto cleanup;
    }
    if (w != f->info.width || h != f->info.height) {
        snprintf(err, errlen, "the picture cannot be read (its header gives two sizes)");
        goto cleanup;
    }
    int d = imgscale_pick_denom(crop.w, crop.h, out_w, out_h, 8);
    tjscalingfactor sf = {1, d};
    int sw = TJSCALED(w, sf), sh = TJSCALED(h, sf);
    /* decoded a row at a time and reduced as it comes (jpeg_rows): never held whole at sw x sh */
    jpeg_rows_job job = {.denom = d, .r = scale_rect(crop, w, h, sw, sh), .out_w = out_w, .out_h = out_h};
    out = jpeg_rows_decode(f->data, f->size, &job);
    if (!out) {
        snprintf(err, errlen, "%s", job.error);
        if (strncmp(job.error, "out of memory", 13) != 0 && strncmp(job.error, "the picture", 11) != 0) {
            snprintf(err, errlen, "the picture cannot be read (%s)", job.error);
        }
        goto cleanup;
    }
    if (job.warning[0] && !harmless_jpeg_warning(job.warning)) { /* part of it would be grey: not shown */
        snprintf(err, errlen, "the picture is damaged (%s)", job.warning);
        SDL_FreeSurface(out);
        out = NULL;
        goto cleanup;
    }
    if (job.warning[0]) {
        snprintf(warn, warnlen, "the picture has a small flaw and is shown all the same (%s)", job.warning);
    }
    if (denom) {
        *denom = d;
    }
cleanup:
    if (tj) {
        tjDestroy(tj);
    }
    return out;
}

static SDL_Surface *decode_sdl(imgfile *f, imgscale_rect crop, int out_w, int out_h, char *err, size_t errlen)
{
    SDL_Surface *raw = NULL, *conv = NULL, *small = NULL, *out = NULL;
    raw = IMG_Load(f->path);
    if (!raw) {
        snprintf(err, errlen, "the picture cannot be read (%s)", IMG_GetError());
        goto cleanup;
    }
    if (raw->w != f->info.width || raw->h != f->info.height) {
        /* GIF: the decoder's size is the first frame's; anything else means the header lied. */
        if ((uint64_t)raw->w * (uint64_t)raw->h > (uint64_t)f->info.width * (uint64_t)f->info.height) {
            snprintf(err, errlen, "the picture cannot be read (its header gives two sizes)");
            goto cleanup;
        }
        crop = scale_rect(crop, f->info.width, f->info.height, raw->w, raw->h);
        out_w = out_w > crop.w ? crop.w : out_w;
        out_h = out_h > crop.h ? crop.h : out_h;
    }
    /* Packed 3- or 4-byte pixels are reduced first and converted small; others are converted first. */
    bool packed =
        !raw->format->palette && (raw->format->BytesPerPixel == 3 || raw->format->BytesPerPixel == 4);
    if (packed) {
        small = crop_scale(raw, crop, out_w, out_h);
        out = small ? SDL_ConvertSurfaceFormat(small, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    } else {
        conv = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
        out = conv ? crop_scale(conv, crop, out_w, out_h) : NULL;
    }
    if (!out) {
        snprintf(err, errlen, "out of memory while scaling the picture (%s)", SDL_GetError());
    }
cleanup:
    if (small) {
        SDL_FreeSurface(small);
    }
    if (conv) {
        SDL_FreeSurface(conv);
    }
    if (raw) {
        SDL_FreeSurface(raw);
    }
    return out;
}

SDL_Surface *imgfile_decode(imgfile *f, imgscale_rect crop, int out_w, int out_h, int *denom, char *warn,
                            size_t warnlen, char *err, size_t errlen)
{
    if (warn && warnlen) {
        warn[0] = '\0';
    }
    if (denom) {
        *denom = 1;
    }
    if (crop.x < 0 || crop.y < 0 || crop.w < 1 || crop.h < 1 || crop.x + crop.w > f->info.width ||
        crop.y + crop.h > f->info.height || out_w < 1 || out_h < 1 || out_w > crop.w || out_h > crop.h) {
        snprintf(err, errlen, "internal error: bad picture region");
        return NULL;
    }
    if (f->data) {
        return decode_jpeg(f, crop, out_w, out_h, denom, warn, warnlen, err, errlen);
    }
    return decode_sdl(f, crop, out_w, out_h, err, errlen);
}
