/* dpms: turns the display's signal off (DPMS) while the kiosk is dark (outside opening hours) and on again,
 * where the kiosk owns the display: under KMS/DRM (SDL's kmsdrm driver, the Pi's console) through the DPMS
 * property of the connectors in use, on SDL's own DRM file (SDL is DRM master). Under X11 or Wayland
 * (cage) the display server owns the screen: nothing is switched there and the screen is only black.
 * A screen that sleeps on a lost signal (most HDMI monitors and TVs) goes to standby. */
#ifndef KIOSK_DPMS_H
#define KIOSK_DPMS_H

#include <stdbool.h>

#include <SDL.h>

/* Switches the connectors of the window's display on or off. Returns the number of connectors switched
 * (0 where the platform does not allow it). Logged as event=dpms, or as a warning naming the reason when
 * a connector refuses. Call it for off only after a black frame was presented, and present a new frame
 * after switching on (the screen shows the last frame until then). */
int dpms_set(SDL_Window *window, bool on);

#endif
