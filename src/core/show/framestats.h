/* framestats: frame-time statistics of the transitions (crossfades), to show that no frame waits for I/O
 * or decoding: a histogram of the intervals between consecutive animated frames, with percentiles and a
 * count of late frames (an interval over twice the frame period). Pure, fixed memory. */
#ifndef KIOSK_FRAMESTATS_H
#define KIOSK_FRAMESTATS_H

#include <stdint.h>

#define FRAMESTATS_BINS 201 /* 0..199 ms, and one bin for 200 ms and more */

typedef struct {
    uint32_t bins[FRAMESTATS_BINS];
    uint64_t frames; /* intervals recorded */
    uint64_t late;
    uint32_t worst_ms;
    uint32_t period_ms; /* the expected frame period (16 for 60 Hz) */
    uint64_t last_ms;   /* time of the last animated frame, 0: none */
} framestats;

void framestats_init(framestats *s, uint32_t period_ms);
/* A frame drawn at now_ms; animated: it is part of a transition or motion that continues from the previous
 * frame (only then the interval counts). */
void framestats_frame(framestats *s, uint64_t now_ms, int animated);
/* The interval (ms) below which p percent of the recorded intervals lie (0 when none). */
uint32_t framestats_percentile(const framestats *s, double p);

#endif
