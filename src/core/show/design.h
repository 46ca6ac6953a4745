/* design: the screen's typographic grid, computed from its size. Pure math; the renderer and the
 * show's layout both use it, so what is laid out is what is drawn, and nothing leaves the safe area.
 * Type sizes follow one scale (title, dateline, body, caption, small, banner) proportional to the
 * screen's height (to its width on portrait screens, so type stays readable, not huge); the text column
 * keeps a comfortable measure of about 60 characters, with leading of 1.5 for the body. */
#ifndef KIOSK_DESIGN_H
#define KIOSK_DESIGN_H

typedef struct {
    int w, h;
    /* safe area: everything but backdrops stays inside it */
    int safe_x, safe_y, safe_w, safe_h;
    /* date banner strip along the bottom edge (full width; its text inside the safe area) */
    int banner_y, banner_h, banner_size;
    /* type sizes in pixels */
    int title_size, dateline_size, body_size, small_size, caption_size;
    int title_line_h, dateline_line_h, body_line_h, body_para_gap, small_line_h, caption_line_h;
    /* auto-fit (textfit): the smallest sizes titles, datelines, captions and the banner may shrink to
     * before they are cut with an ellipsis, and the heights of their boxes at full size */
    int title_min_size, dateline_min_size, caption_min_size, banner_min_size;
    int title_box_h;    /* three title lines */
    int dateline_box_h; /* two dateline lines */
    int caption_box_h;  /* three caption lines */
    /* the text column of title and excerpt slides */
    int column_x, column_w;
    int title_w; /* narrower measure for titles */
    /* excerpt slides: running head (article title) and the body box below it */
    int runhead_y;
    int body_y, body_h;
    /* area for pictures (above the banner) */
    int picture_h;
} design;

/* safe_margin: fraction of each edge kept free (e.g. 0.05 for TVs with overscan; 0 .. 0.25). */
design design_compute(int w, int h, double safe_margin);
/* v rounded to whole pixels (halves up, for the positive lengths of the grid). */
int design_px(double v);

#endif
