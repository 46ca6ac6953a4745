/* rotation: a screen mounted turned by 0, 90, 180 or 270 degrees (clockwise). The show is laid out for the
 * content size and drawn turned; touch points arrive in the panel's own coordinates and are mapped back.
 * Coordinates are normalized to 0..1. Pure. */
#ifndef KIOSK_ROTATION_H
#define KIOSK_ROTATION_H

/* Returns 0 for 0/90/180/270, -1 for anything else. */
int rotation_valid(int degrees);
/* Size of the content (layout) for a panel of pw x ph. */
void rotation_content_size(int degrees, int pw, int ph, int *cw, int *ch);
/* Where content point (cx, cy) appears on the panel. */
void rotation_to_panel(int degrees, float cx, float cy, float *px, float *py);
/* Which content point a touch at panel point (px, py) means. */
void rotation_to_content(int degrees, float px, float py, float *cx, float *cy);

#endif
