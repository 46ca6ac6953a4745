/* rotation: see rotation.h. Turning clockwise by 90: the content's top-left corner goes to the panel's
 * top-right corner. */
#include "rotation.h"

int rotation_valid(int degrees)
{
    return degrees == 0 || degrees == 90 || degrees == 180 || degrees == 270 ? 0 : -1;
}

void rotation_content_size(int degrees, int pw, int ph, int *cw, int *ch)
{
    int turned = degrees == 90 || degrees == 270;
    *cw = turned ? ph : pw;
    *ch = turned ? pw : ph;
}

void rotation_to_panel(int degrees, float cx, float cy, float *px, float *py)
{
    switch (degrees) {
    case 90:
        *px = 1.0f - cy;
        *py = cx;
        break;
    case 180:
        *px = 1.0f - cx;
        *py = 1.0f - cy;
        break;
    case 270:
        *px = cy;
        *py = 1.0f - cx;
        break;
    default:
        *px = cx;
        *py = cy;
        break;
    }
}

void rotation_to_content(int degrees, float px, float py, float *cx, float *cy)
{
    /* turning back by `degrees` is turning on by the rest of the circle */
    rotation_to_panel(degrees == 90 || degrees == 180 || degrees == 270 ? 360 - degrees : 0, px, py, cx, cy);
}
