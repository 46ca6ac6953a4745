/* backlight: see backlight.h. */
#include "backlight.h"

#include <dirent.h>
#include <stdio.h>

#include "log.h"

#define BACKLIGHT_DIR "/sys/class/backlight"

int backlight_set(bool on)
{
    int switched = 0;
    DIR *d = opendir(BACKLIGHT_DIR);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        char path[512];
        if (e->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, BACKLIGHT_DIR "/%s/bl_power", e->d_name);
        FILE *f = fopen(path, "w");
        if (!f) {
            continue;
        }
        /* FB_BLANK_UNBLANK 0, FB_BLANK_POWERDOWN 4 */
        if (fputs(on ? "0\n" : "4\n", f) >= 0) {
            switched++;
        }
        fclose(f);
    }
    if (d) {
        closedir(d);
    }
    log_line l;
    log_begin(&l, LOG_INFO, "backlight");
    log_str(&l, "state", on ? "on" : "off");
    log_int(&l, "devices", switched);
    log_end(&l);
    return switched;
}
