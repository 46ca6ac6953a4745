/* design: see design.h. */
#include "design.h"

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

int design_px(double v)
{
    return (int)(v + 0.5);
}

design design_compute(int w, int h, double safe_margin)
{
    design d = {0};
    if (safe_margin < 0) {
        safe_margin = 0;
    }
    if (safe_margin > 0.25) {
        safe_margin = 0.25;
    }
    d.w = imax(w, 64);
    d.h = imax(h, 64);
    /* The smaller side sets the scale, so portrait screens get readable, not huge, type. */
    int unit = imin(d.h, design_px(d.w * 0.5625 * 1.25));
    d.safe_x = design_px(d.w * safe_margin);
    d.safe_y = design_px(d.h * safe_margin);
    d.safe_w = d.w - 2 * d.safe_x;
    d.safe_h = d.h - 2 * d.safe_y;

    d.banner_size = imax(10, design_px(unit * 0.024));
    d.banner_h = imax(d.banner_size * 3, design_px(unit * 0.075));
    d.banner_y = d.safe_y + d.safe_h - d.banner_h;

    d.title_size = imax(14, design_px(unit * 0.066));
    d.dateline_size = imax(11, design_px(unit * 0.030));
    d.body_size = imax(11, design_px(unit * 0.035));
    d.small_size = imax(10, design_px(unit * 0.022));
    d.caption_size = imax(10, design_px(unit * 0.027));
    d.title_line_h = design_px(d.title_size * 1.25);
    d.dateline_line_h = design_px(d.dateline_size * 1.5);
    d.body_line_h = design_px(d.body_size * 1.5);
    d.body_para_gap = design_px(d.body_size * 0.75);
    d.small_line_h = design_px(d.small_size * 1.4);
    d.caption_line_h = design_px(d.caption_size * 1.4);
    d.title_min_size = imax(14, design_px(d.title_size * 0.6));
    d.dateline_min_size = imax(10, design_px(d.dateline_size * 0.8));
    d.caption_min_size = imax(10, design_px(d.caption_size * 0.8));
    d.banner_min_size = imax(10, design_px(d.banner_size * 0.8));
    d.title_box_h = 3 * d.title_line_h;
    d.dateline_box_h = 2 * d.dateline_line_h;
    d.caption_box_h = 3 * d.caption_line_h;

    int inner = d.safe_w - 2 * design_px(d.w * 0.06);
    d.column_w = imin(inner, design_px(d.body_size * 30));
    d.column_x = d.safe_x + (d.safe_w - d.column_w) / 2;
    d.title_w = imin(inner, design_px(d.title_size * 14));

    int top = d.safe_y + design_px(unit * 0.07);
    d.runhead_y = top;
    d.body_y = top + d.small_line_h + design_px(unit * 0.035);
    int bottom = d.banner_y - design_px(unit * 0.05);
    d.body_h = imax(d.body_line_h, bottom - d.body_y);
    d.picture_h = d.banner_y;
    return d;
}
