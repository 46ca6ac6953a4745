/* dpms: see dpms.h. */
#include "dpms.h"

#include <errno.h>
#include <string.h>

#include <SDL_syswm.h>

#include "log.h"

#if defined(KIOSK_HAVE_DRM) && defined(SDL_VIDEO_DRIVER_KMSDRM)
#include <xf86drm.h>
#include <xf86drmMode.h>

/* The id of the object's property called name, or 0. */
static uint32_t property_id(int fd, uint32_t object, uint32_t type, const char *name)
{
    uint32_t id = 0;
    drmModeObjectProperties *props = drmModeObjectGetProperties(fd, object, type);
    for (uint32_t i = 0; props && i < props->count_props && id == 0; i++) {
        drmModePropertyRes *p = drmModeGetProperty(fd, props->props[i]);
        if (p && strcmp(p->name, name) == 0) {
            id = p->prop_id;
        }
        drmModeFreeProperty(p);
    }
    drmModeFreeObjectProperties(props);
    return id;
}

/* Every connector that shows a picture (connected and bound to an encoder) is switched. The connector
 * is read as it is (drmModeGetConnectorCurrent): no probe of the monitor, no EDID read. */
static int drm_set(int fd, bool on)
{
    int switched = 0;
    drmModeRes *res = drmModeGetResources(fd);
    if (!res) {
        log_line l;
        log_begin(&l, LOG_WARN, "dpms-failed");
        log_str(&l, "reason", strerror(errno));
        log_end(&l);
        return 0;
    }
    for (int i = 0; i < res->count_connectors; i++) {
        drmModeConnector *c = drmModeGetConnectorCurrent(fd, res->connectors[i]);
        if (c && c->connection == DRM_MODE_CONNECTED && c->encoder_id != 0) {
            uint32_t prop = property_id(fd, c->connector_id, DRM_MODE_OBJECT_CONNECTOR, "DPMS");
            int err = prop ? drmModeConnectorSetProperty(fd, c->connector_id, prop,
                                                         on ? DRM_MODE_DPMS_ON : DRM_MODE_DPMS_OFF)
                           : -ENOTSUP;
            if (err == 0) {
                switched++;
            } else {
                log_line l;
                log_begin(&l, LOG_WARN, "dpms-failed");
                log_uint(&l, "connector", c->connector_id);
                log_str(&l, "reason", strerror(-err));
                log_end(&l);
            }
        }
        drmModeFreeConnector(c);
    }
    drmModeFreeResources(res);
    return switched;
}
#endif

int dpms_set(SDL_Window *window, bool on)
{
    int switched = 0;
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (window && SDL_GetWindowWMInfo(window, &info)) {
#if defined(KIOSK_HAVE_DRM) && defined(SDL_VIDEO_DRIVER_KMSDRM)
        if (info.subsystem == SDL_SYSWM_KMSDRM && info.info.kmsdrm.drm_fd >= 0) {
            switched = drm_set(info.info.kmsdrm.drm_fd, on);
        }
#endif
    }
    log_line l;
    log_begin(&l, LOG_INFO, "dpms");
    log_str(&l, "state", on ? "on" : "off");
    log_int(&l, "connectors", switched);
    log_end(&l);
    return switched;
}
