/* contact_sheet: `--contact-sheet FILE.png`: every slide of a content folder as a labelled thumbnail on
 * one picture, so staff can approve a new folder at a glance on any computer. Each cell shows the slide
 * as it will look on a 1920x1080 screen, with its number, kind, duration and file name beneath. */
#ifndef KIOSK_CONTACT_SHEET_H
#define KIOSK_CONTACT_SHEET_H

#include "cli.h"

/* Writes the sheet of the exhibit (the folder with the command line cli over it) to png_path. Returns the
 * exit code: 0, or 3 when it cannot be drawn or written. */
int contact_sheet_run(const cli_options *cli, const char *content_dir, const char *png_path);

#endif
