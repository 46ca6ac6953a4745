/* frame_prefault: the window's frame (the pixels SDL's software renderer draws into, on X11 a MIT-SHM
 * segment the X server copies from) made present in memory on another thread while the fonts open and
 * the first slide is laid out, so the first frame does not pay for it. A full-screen frame is 8 MB
 * (1920x1080): 2,000 pages whose first touch the first frame's clear would otherwise take in turn, about
 * 30 ms on a machine with slow page faults (a virtual machine; issue 19). The thread asks the kernel to
 * map them writable (MADV_POPULATE_WRITE, Linux 5.14) and then reads one byte of each page; it writes
 * nothing, so what the renderer draws meanwhile is never disturbed.
 *
 * Only for the software renderer (an accelerated renderer has no window frame in this process's memory).
 * The frame must stay where it is until frame_prefault_finish: SDL moves it only when it handles a window
 * event (a new size), so the caller finishes the thread before it draws, pumps events or resizes.
 *
 * Ownership: frame_prefault_start returns a handle the caller owns (or NULL: nothing to do, or no thread
 * could be started, which changes nothing but the speed); frame_prefault_finish waits for the thread and
 * frees the handle, and accepts NULL. */
#ifndef KIOSK_FRAME_PREFAULT_H
#define KIOSK_FRAME_PREFAULT_H

#include <SDL.h>

typedef struct frame_prefault frame_prefault;

frame_prefault *frame_prefault_start(SDL_Window *window, SDL_Renderer *renderer);
void frame_prefault_finish(frame_prefault *p);

#endif
