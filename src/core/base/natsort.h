/* natsort: "natural" order of file names, so "2-x" sorts before "10-x". Pure. */
#ifndef KIOSK_NATSORT_H
#define KIOSK_NATSORT_H

/* Like strcmp, but runs of ASCII digits compare by numeric value (leading zeros ignored, then
 * fewer leading zeros first), ASCII letters compare case-insensitively (ties broken by strcmp).
 * Other bytes (UTF-8) compare bytewise. */
int natsort_compare(const char *a, const char *b);
/* Compares '/'-separated relative paths one component at a time with natsort_compare, so a folder's
 * contents sort among its siblings by the folder name ("a/z.jpg" < "a-b.jpg" < "b.jpg"). A total order. */
int natsort_compare_path(const char *a, const char *b);

#endif
