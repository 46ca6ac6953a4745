/* watch: notices changes in a content folder with inotify, including sub-folders and the folder itself
 * being replaced, renamed, deleted and recreated (`mv new content`). Changes are debounced: a change is
 * reported only once no event has come for settle_ms, so a file still being copied is not read.
 * Non-blocking: call watch_poll from the main loop (it reads what is pending and returns at once).
 * Ownership: watch_open returns a watch owned by the caller; watch_close frees it. */
#ifndef KIOSK_WATCH_H
#define KIOSK_WATCH_H

#include <stdbool.h>
#include <stdint.h>

typedef struct watch watch;

/* Watches dir (which may not exist yet: its parent is watched for it to appear). NULL when inotify is
 * unavailable or out of memory. */
watch *watch_open(const char *dir, uint32_t settle_ms);
void watch_close(watch *w);
/* Reads pending events. Returns true once when the folder has changed and then stayed quiet for settle_ms
 * (now_ms on any monotonic clock). */
bool watch_poll(watch *w, uint64_t now_ms);
/* When watch_poll should next be called to report a settling change; UINT64_MAX when nothing is pending. */
uint64_t watch_deadline(const watch *w);
/* The inotify descriptor, to wait on it with poll(2). */
int watch_fd(const watch *w);

#endif
