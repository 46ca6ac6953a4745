/* check_pool: the picture half of `--check`: checks every picture of a content on several threads, each
 * with the verdict and the words the sequential check had (picture_load_with for a 64x64 box). A common
 * JPEG is first walked without decoding (picture_proved_whole: libjpeg reads its header, jpegwalk follows
 * every Huffman code to EOI, about three times faster than the decode, issue 19); a picture proved whole
 * is one the decode passes without a word. Every other picture, and every JPEG the walk does not prove
 * (cut short, corrupt, progressive, ...), is decoded as before (libjpeg-turbo's 1/8 DCT scaled decode,
 * which still reads every coded byte), so a truncated or corrupt JPEG fails as before with libjpeg's
 * reason, and every libjpeg warning but the harmless ones fails as before.
 * Workers take the next item from an atomic counter and write its verdict into its own slot (no lock);
 * the caller reads them in item order, so the output does not depend on the threads. A folder of more
 * than progress_min pictures gets a progress line (event=check-progress done=N total=M) every
 * progress_ms while it is checked. Memory: one pointer per item, plus one picture file and its walk's
 * tables (about 100 KB) or one picture being decoded per thread.
 * Ownership: check_pool_run fills a check_verdicts that owns its reasons; check_verdicts_free frees them. */
#ifndef KIOSK_CHECK_POOL_H
#define KIOSK_CHECK_POOL_H

#include <stddef.h>
#include <stdint.h>

#include "content.h"
#include "picture.h"

#define CHECK_BOX 64           /* pictures are decoded for a box this size: enough to prove them whole */
#define CHECK_PROGRESS_MS 2000 /* default interval of check-progress lines */
#define CHECK_PROGRESS_MIN 200 /* default: folders of more pictures than this get them */
#define CHECK_THREADS_MAX 16   /* at most this many decoding threads */

typedef struct {
    int threads;          /* decoding threads; 0: the number of online CPUs (at most CHECK_THREADS_MAX) */
    uint32_t progress_ms; /* interval of check-progress lines; 0: CHECK_PROGRESS_MS */
    size_t progress_min;  /* more pictures than this get progress lines; SIZE_MAX: never */
} check_pool_options;

typedef struct {
    char **why;      /* per content item: NULL when it is not a picture or decoded, else the reason (owned) */
    size_t count;    /* the content's items */
    size_t pictures; /* of which pictures */
    int threads;     /* decoding threads used */
} check_verdicts;

/* The defaults: online CPUs, CHECK_PROGRESS_MS, CHECK_PROGRESS_MIN. */
check_pool_options check_pool_defaults(void);
/* Decodes every CONTENT_IMAGE item of c with settings s. Returns 0, or -1 when out of memory (or no
 * thread could start: then the pictures are decoded on the calling thread). */
int check_pool_run(const content *c, const picture_settings *s, const check_pool_options *o,
                   check_verdicts *out);
/* The verdict of one picture as the sequential check made it (the reference the pool is tested against):
 * NULL when it decodes, else the reason, malloc'd. */
char *check_pool_one(const char *path, const picture_settings *s);
void check_verdicts_free(check_verdicts *v);

#endif
