/* seal_run: memorial-kiosk --seal DIR. Seals a finished exhibit (src/core/store/manifest.h): writes
 * DIR/memorial-kiosk.manifest atomically, prints what it sealed on stdout and logs one line:
 * event=seal result=done|refused dir= files= bytes= [seal=] [reason=].
 * Ownership: nothing is allocated for the caller. */
#ifndef KIOSK_SEAL_RUN_H
#define KIOSK_SEAL_RUN_H

/* Returns the exit status: 0 sealed, 1 refused (no folder, no file, a read or write error). */
int seal_run(const char *dir);

#endif
