/* backlight: turns the panel's backlight off while the kiosk is dark (outside opening hours) and on again,
 * where the platform allows it: Linux backlight devices (/sys/class/backlight/NAME/bl_power; the
 * Raspberry Pi touch display has one) that the kiosk's user may write (a udev rule, see README). Best
 * effort: without such a device the screen is only black. */
#ifndef KIOSK_BACKLIGHT_H
#define KIOSK_BACKLIGHT_H

#include <stdbool.h>

/* Returns the number of devices switched (0 when none could be). Logged as event=backlight. */
int backlight_set(bool on);

#endif
