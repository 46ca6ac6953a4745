/* memorial-kiosk: entry point. Parses the command line and runs one of the modes: the live show,
 * --render (slides to PNG files) or --check (validate a content folder). */
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "app.h"
#include "check.h"
#include "cli.h"
#include "contact_sheet.h"
#include "fontfind.h"
#include "import_run.h"
#include "loader.h"
#include "log.h"
#include "render_out.h"

int main(int argc, char **argv)
{
    cli_options opts;
    char err[256];
    int rc = 3;

    log_init_clock();
    if (cli_parse(argc, argv, &opts, err, sizeof err) != 0) {
        fprintf(stderr, "memorial-kiosk: %s\n", err);
        return 2;
    }
    if (opts.help) {
        cli_usage(stdout, "memorial-kiosk");
        return 0;
    }
    if (opts.version) {
        printf("memorial-kiosk %s\n", KIOSK_VERSION);
        return 0;
    }
    const char *dir = opts.content_dir ? opts.content_dir : loader_default_dir();

    log_line l;
    log_begin(&l, LOG_INFO, "start");
    log_str(&l, "version", KIOSK_VERSION);
    log_str(&l, "content", dir);
    log_str(&l, "mode",
            opts.import_source   ? "import"
            : opts.rollback      ? "rollback"
            : opts.import_status ? "import-status"
            : opts.seal_dir      ? "seal"
            : opts.check         ? "check"
            : opts.render_dir    ? "render"
            : opts.windowed      ? "window"
                                 : "fullscreen");
    log_end(&l);

    /* No mode of the kiosk uses a D-Bus session bus. Without an address libdbus (SDL_Init opens the bus)
     * forks "dbus-launch --autolaunch" whenever DISPLAY is set, which would start a bus daemon for the
     * display, and after a fork every page the kiosk writes costs a fault (~4 ms of the start on a slow
     * machine). An unknown address type fails at once. Kept when the caller set one (a desktop session). */
    setenv("DBUS_SESSION_BUS_ADDRESS", "disabled:", 0);
    if (SDL_Init(0) != 0 || TTF_Init() != 0) {
        log_begin(&l, LOG_ERROR, "fatal");
        log_str(&l, "reason", SDL_GetError());
        log_end(&l);
        return 3;
    }
    IMG_Init(IMG_INIT_JPG | IMG_INIT_PNG | IMG_INIT_WEBP);
    if (opts.check) { /* no display needed */
        rc = check_run(&opts, dir);
    } else if (opts.contact_sheet) {
        rc = contact_sheet_run(&opts, dir, opts.contact_sheet);
    } else if (opts.render_dir) {
        rc = render_out_run(&opts, dir, opts.render_dir);
    } else if (import_run_wanted(&opts)) {
        rc = import_run(&opts, dir);
    } else {
        import_run_recover(dir); /* an interrupted import, a damaged store: repaired before the show */
        rc = app_run(&opts, dir);
    }
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
    fontfind_preload_wait(); /* a show that ended before its fonts opened */
    FcFini();
    return rc;
}
