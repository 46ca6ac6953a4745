/* import_run: see import_run.h. */
#include "import_run.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "content.h"
#include "import.h"
#include "loader.h"
#include "log.h"
#include "seal_run.h"
#include "store.h"

#define INSTALLED_BUNDLED "/usr/share/memorial-kiosk/content"
#define LOCK_WAIT_MS 2000

bool import_run_wanted(const cli_options *o)
{
    return o->import_source || o->rollback || o->import_status || o->seal_dir;
}

const char *import_run_bundled_dir(void)
{
    static const char SOURCE_TREE[] = KIOSK_SOURCE_DIR "/content";
    struct stat st;
    return stat(SOURCE_TREE, &st) == 0 && S_ISDIR(st.st_mode) ? SOURCE_TREE : INSTALLED_BUNDLED;
}

void import_run_recover(const char *content_dir)
{
    store_recover(content_dir, import_run_bundled_dir());
}

/* The live show's scan of dir: what it would show, its problems logged (event=content-error). */
static int check_folder(void *ud, const char *dir, import_status *st)
{
    (void)ud;
    content *c = loader_scan(dir);
    if (!c) {
        return -1;
    }
    import_status_from_content(st, c);
    content_free(c);
    return 0;
}

static uint64_t env_u64(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? strtoull(v, NULL, 10) : 0;
}

/* True (and logged) when content_dir is the bundled exhibit itself: a developer's source tree. */
static bool is_bundled(const char *content_dir)
{
    char *a = realpath(content_dir, NULL), *b = realpath(import_run_bundled_dir(), NULL);
    bool same = a && b && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

static int run_import(const cli_options *o, const char *content_dir)
{
    import_outcome out;
    import_request rq = {.source = o->import_source,
                         .content_dir = content_dir,
                         .bundled_dir = import_run_bundled_dir(),
                         .max_bytes = o->max_import_size,
                         .free_bytes = env_u64("KIOSK_IMPORT_FREE_BYTES"),
                         .throttle_ms_per_mib = (uint32_t)env_u64("KIOSK_IMPORT_THROTTLE_MS_PER_MIB"),
                         .lock_wait_ms = LOCK_WAIT_MS,
                         .check = check_folder};
    return import_exhibit(&rq, &out);
}

int import_run(const cli_options *o, const char *content_dir)
{
    if (o->seal_dir) { /* staff's side: no content folder involved */
        return seal_run(o->seal_dir);
    }
    if (is_bundled(content_dir)) {
        log_line l;
        log_begin(&l, LOG_ERROR, o->import_source ? "import" : "rollback");
        log_str(&l, "result", "refused");
        log_str(&l, "reason", "CONTENT_DIR is the bundled exhibit; give the kiosk's content folder");
        log_end(&l);
        return 1;
    }
    if (o->import_source) {
        return run_import(o, content_dir);
    }
    if (o->rollback) {
        return store_rollback(content_dir, LOCK_WAIT_MS, NULL, 0) == 0 ? 0 : 1;
    }
    int rc = import_write_state(content_dir, IMPORT_STATE_REMOVED, 5000);
    if (rc != 0) {
        log_line l;
        log_begin(&l, LOG_WARN, "import-status");
        log_str(&l, "state", o->import_status);
        log_str(&l, "reason", strerror(rc));
        log_end(&l);
    }
    return rc == 0 ? 0 : 1;
}
