/* frame_prefault: see frame_prefault.h. */
#include "frame_prefault.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "window_frame.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23 /* Linux 5.14; an older kernel answers EINVAL and the thread does nothing */
#endif

struct frame_prefault {
    SDL_Thread *thread;
    unsigned char *pixels; /* the frame: len bytes */
    size_t len;
    size_t page;
};

static int run(void *arg)
{
    frame_prefault *p = arg;
    /* The pages the frame lies on (its first and last may hold other memory of this process: a frame
     * malloc'ed by SDL, as without MIT-SHM; mapping that memory too changes nothing). */
    uintptr_t first = (uintptr_t)p->pixels & ~((uintptr_t)p->page - 1);
    size_t span = (size_t)((uintptr_t)p->pixels + p->len - first);
    if (madvise((void *)first, span, MADV_POPULATE_WRITE) != 0) {
        return 0; /* the first frame faults the pages in itself, as without this thread */
    }
    /* Mapped now; the first access to each page still costs a fault in some virtual machines (the host's
     * own tables), so each page is read once, within the frame only. Reading changes nothing the
     * renderer writes. */
    const volatile unsigned char *b = p->pixels;
    unsigned sum = b[0];
    for (size_t off = first + p->page - (uintptr_t)p->pixels; off < p->len; off += p->page) {
        sum += b[off];
    }
    return (int)(sum & 1u);
}

frame_prefault *frame_prefault_start(SDL_Window *window, SDL_Renderer *renderer)
{
    SDL_Surface *frame = window_frame(window, renderer); /* NULL: not the software renderer */
    long page = sysconf(_SC_PAGESIZE);
    if (!frame || page <= 0 || frame->h <= 0 || frame->pitch <= 0) {
        return NULL;
    }
    frame_prefault *p = calloc(1, sizeof *p);
    if (!p) {
        return NULL;
    }
    p->pixels = frame->pixels;
    p->len = (size_t)frame->pitch * (size_t)frame->h;
    p->page = (size_t)page;
    p->thread = SDL_CreateThread(run, "kiosk-prefault", p);
    if (!p->thread) {
        free(p);
        return NULL;
    }
    return p;
}

void frame_prefault_finish(frame_prefault *p)
{
    if (!p) {
        return;
    }
    SDL_WaitThread(p->thread, NULL);
    free(p);
}
