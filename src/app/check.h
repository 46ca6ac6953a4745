/* check: `--check`: validates a content folder for staff. Prints one line per problem on stdout,
 * `path[:line]: error|warning: message` (path = the folder as given joined with the file's path),
 * decoding every picture to find broken ones (check_pool: on one thread per online CPU, the lines in item
 * order whatever the threads; a check-progress log line every 2 s for a folder of over 200 pictures). */
#ifndef KIOSK_CHECK_H
#define KIOSK_CHECK_H

#include "cli.h"

/* Checks the exhibit (the folder with the command line cli over it). Returns the exit code: 0 when there
 * is no error (warnings allowed), 1 when there is any error. */
int check_run(const cli_options *cli, const char *content_dir);

#endif
