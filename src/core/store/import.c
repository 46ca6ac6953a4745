/* import: see import.h. */
#include "import.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>

#include "fsutil.h"
#include "import_seal.h"
#include "import_tree.h"
#include "log.h"
#include "store.h"

#define STATUS_EVERY_MS 250
#define SPACE_MARGIN (16ull << 20) /* kept free besides the copy */

typedef struct {
    const import_request *rq;
    import_outcome *out;
    store_paths sp;
    char status_path[PATH_MAX];
    import_status st;
    uint64_t total, last_ms;
    int lock;
    char staging[PATH_MAX];
    char current[PATH_MAX];
    tree_list src, cur;
    import_seal seal; /* a sealed source (memorial-kiosk.manifest) */
    bool quiet;       /* a sealed source writes no status until its copy begins */
} job;

const char *import_result_name(import_result r)
{
    return r == IMPORT_DONE ? "done" : r == IMPORT_UNCHANGED ? "unchanged" : "refused";
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Refuses with a reason in plain words; returns 1 (the exit status). */
static int refuse(job *j, const char *reason)
{
    j->out->result = IMPORT_REFUSED;
    snprintf(j->out->reason, sizeof j->out->reason, "%s", reason);
    return 1;
}

static void write_status(job *j, import_state state)
{
    if (!j->status_path[0]) {
        return;
    }
    j->st.state = state;
    import_status_write(j->status_path, &j->st);
    j->last_ms = now_ms();
}

static void on_progress(void *ud, uint64_t done)
{
    job *j = ud;
    uint64_t now = now_ms();
    if (now - j->last_ms < STATUS_EVERY_MS) {
        return;
    }
    int pct = j->total ? (int)(done * 100 / j->total) : 0;
    j->st.percent = pct > 99 ? 99 : pct;
    write_status(j, IMPORT_STATE_READING);
}

static void log_recovered(const char *content_dir, const char *what)
{
    log_line l;
    log_begin(&l, LOG_WARN, "store-recovered");
    log_str(&l, "content", content_dir);
    log_str(&l, "what", what);
    log_end(&l);
}

/* Paths, the lock, recovery. Returns 0, or 1 when refused. */
static int prepare(job *j)
{
    struct stat st;
    char what[256];
    if (store_paths_init(&j->sp, j->rq->content_dir) != 0) {
        return refuse(j, "the content folder's name is not valid");
    }
    if (stat(j->sp.parent, &st) != 0 || !S_ISDIR(st.st_mode)) {
        return refuse(j, "the folder that should hold the content folder does not exist");
    }
    int rc = store_lock(&j->sp, j->rq->lock_wait_ms, &j->lock);
    if (rc == EWOULDBLOCK) {
        return refuse(j, "another import is running; try again when it has finished");
    }
    if (rc != 0) {
        return refuse(j, "the content store cannot be created on the kiosk's disk");
    }
    store_status_path(j->rq->content_dir, j->status_path, sizeof j->status_path);
    if (store_recover_locked(&j->sp, j->rq->bundled_dir, what, sizeof what) != 0 || what[0]) {
        log_recovered(j->rq->content_dir, what);
    }
    return 0;
}

static int check_dir(job *j, const char *dir)
{
    j->st.slides = j->st.errors = j->st.problem_count = 0;
    if (j->rq->check) {
        return j->rq->check(j->rq->check_ud, dir, &j->st);
    }
    for (size_t i = 0; i < j->src.count; i++) {
        j->st.slides += !j->src.items[i].is_dir;
    }
    return 0;
}

/* The same files as the current exhibit? Returns 0 (with *same), or 1 when refused. */
static int compare(job *j, bool *same)
{
    char why[256];
    tree_limits any = {UINT64_MAX, IMPORT_MAX_FILES};
    tree_copy_opts o = {on_progress, j, j->rq->throttle_ms_per_mib, NULL, NULL};
    *same = false;
    if (store_current(&j->sp, j->current, sizeof j->current) != 0) {
        return 0;
    }
    if (j->seal.sealed) { /* the same seal id: the same files and bytes */
        *same = import_seal_same(&j->seal, j->current);
        return 0;
    }
    if (tree_walk(j->current, &any, &j->cur, NULL, 0) != 0) {
        return 0;
    }
    if (tree_same(j->rq->source, &j->src, j->current, &j->cur, &o, same, why, sizeof why) != 0) {
        return refuse(j, why);
    }
    return 0;
}

static int check_space(job *j)
{
    struct statvfs vfs;
    uint64_t avail = j->rq->free_bytes;
    if (!avail && statvfs(j->sp.store, &vfs) == 0) {
        avail = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    }
    uint64_t need = j->src.bytes + (uint64_t)j->src.count * 4096 + SPACE_MARGIN;
    if (avail && need > avail) {
        char why[256];
        snprintf(why, sizeof why, "not enough space on the kiosk: the folder needs %.1f MB, %.1f MB are free",
                 (double)need / 1e6, (double)avail / 1e6);
        return refuse(j, why);
    }
    return 0;
}

/* Copies, checks and swaps in. Returns 0, or 1 when refused. */
static int copy_in(job *j)
{
    char why[256];
    tree_copy_opts o = {on_progress, j, j->rq->throttle_ms_per_mib,
                        j->seal.sealed ? import_seal_copied : NULL, &j->seal};
    if (j->quiet) {
        j->quiet = false;
        write_status(j, IMPORT_STATE_READING);
    }
    if (check_space(j) != 0) {
        return 1;
    }
    if (store_staging_create(&j->sp, j->staging, sizeof j->staging) != 0) {
        j->staging[0] = '\0';
        return refuse(j, "no staging folder can be made on the kiosk's disk");
    }
    if (tree_copy(j->rq->source, &j->src, j->staging, &o, why, sizeof why) != 0) {
        return refuse(j, why);
    }
    if (j->seal.sealed && import_seal_verify(&j->seal, why, sizeof why) != 0) {
        return refuse(j, why);
    }
    if (j->seal.sealed && import_seal_keep(&j->seal, j->staging) != 0) {
        return refuse(j, "the seal could not be kept on the kiosk's disk");
    }
    j->out->bytes = j->src.bytes;
    if (check_dir(j, j->staging) != 0) {
        return refuse(j, "out of memory");
    }
    if (j->st.slides == 0) {
        return refuse(j, "nothing in the folder can be shown");
    }
    if (store_commit(&j->sp, j->staging, j->out->version, sizeof j->out->version) != 0) {
        return refuse(j, "the new exhibit could not be switched in");
    }
    j->staging[0] = '\0';
    j->out->result = IMPORT_DONE;
    return 0;
}

static int run(job *j)
{
    struct stat st;
    char why[256];
    tree_limits lim = {j->rq->max_bytes ? j->rq->max_bytes : IMPORT_MAX_BYTES_DEFAULT, IMPORT_MAX_FILES};
    bool same = false;
    if (prepare(j) != 0) {
        return 1;
    }
    import_status_set(j->st.source, sizeof j->st.source, j->rq->source);
    if (stat(j->rq->source, &st) != 0 || !S_ISDIR(st.st_mode)) {
        refuse(j, "there is no such folder");
        write_status(j, IMPORT_STATE_NO_FOLDER);
        return 1;
    }
    j->quiet = import_seal_expected(j->rq->source);
    if (!j->quiet) {
        write_status(j, IMPORT_STATE_READING);
    }
    int rc = tree_walk(j->rq->source, &lim, &j->src, why, sizeof why);
    j->out->ignored = j->src.ignored;
    if (rc != 0) {
        return refuse(j, why);
    }
    if ((rc = import_seal_select(&j->seal, j->rq->source, &j->src, why, sizeof why)) != 0) {
        return refuse(j, rc == 1 ? why : "out of memory");
    }
    j->total = j->src.bytes;
    if (compare(j, &same) != 0) {
        return 1;
    }
    if (same) {
        if (check_dir(j, j->current) != 0) {
            return refuse(j, "out of memory");
        }
        j->out->result = IMPORT_UNCHANGED;
        return 0;
    }
    return copy_in(j);
}

static void log_outcome(const job *j)
{
    const import_outcome *o = j->out;
    log_line l;
    log_begin(&l, o->result == IMPORT_REFUSED ? LOG_WARN : LOG_INFO, "import");
    log_str(&l, "result", import_result_name(o->result));
    log_str(&l, "source", j->rq->source);
    log_uint(&l, "slides", o->slides);
    log_uint(&l, "errors", o->errors);
    log_uint(&l, "bytes", o->bytes);
    log_uint(&l, "ms", o->ms);
    if (o->result == IMPORT_REFUSED) {
        log_str(&l, "reason", o->reason);
    }
    if (o->result == IMPORT_DONE) {
        log_str(&l, "version", o->version);
    }
    if (j->seal.m.count) { /* a manifest that could be read */
        char hex[SHA256_HEX_LEN + 1];
        sha256_hex(j->seal.m.seal, hex);
        log_str(&l, "seal", hex);
    }
    log_uint(&l, "ignored", o->ignored);
    log_end(&l);
}

int import_exhibit(const import_request *rq, import_outcome *out)
{
    static const import_state FINAL[] = {IMPORT_STATE_DONE, IMPORT_STATE_UNCHANGED, IMPORT_STATE_REFUSED};
    uint64_t t0 = now_ms();
    job j = {.rq = rq, .out = out, .lock = -1};
    memset(out, 0, sizeof *out);
    int rc = run(&j);
    if (j.staging[0]) {
        fsu_rm_rf(j.staging);
        fsu_fsync_dir(j.sp.store);
    }
    out->slides = j.st.slides;
    out->errors = j.st.errors;
    out->ms = now_ms() - t0;
    if (j.lock >= 0 && j.st.state != IMPORT_STATE_NO_FOLDER && !j.quiet) {
        j.st.percent = out->result == IMPORT_REFUSED ? 0 : 100;
        import_status_set(j.st.reason, sizeof j.st.reason, out->result == IMPORT_REFUSED ? out->reason : "");
        write_status(&j, FINAL[out->result]);
    }
    store_unlock(j.lock);
    log_outcome(&j);
    tree_list_free(&j.src);
    tree_list_free(&j.cur);
    import_seal_free(&j.seal);
    return rc;
}

int import_write_state(const char *content_dir, import_state state, int wait_ms)
{
    store_paths sp;
    char path[PATH_MAX];
    import_status old, st = {.state = state};
    int fd = -1, rc = store_paths_init(&sp, content_dir);
    if (rc == 0) {
        rc = store_lock(&sp, wait_ms, &fd); /* after a running import's last write */
    }
    if (rc != 0 && rc != EWOULDBLOCK) {
        return rc;
    }
    if ((rc = store_status_path(content_dir, path, sizeof path)) == 0 &&
        import_status_read(path, &old) == 0) {
        import_status_set(st.source, sizeof st.source, old.source);
        if (old.state == IMPORT_STATE_READING || old.state == IMPORT_STATE_REFUSED) {
            import_status_set(
                st.reason, sizeof st.reason,
                old.state == IMPORT_STATE_REFUSED
                    ? old.reason
                    : "the USB stick was removed before the copy was complete; the exhibit shown "
                      "before stays");
        }
    }
    if (rc == 0) {
        rc = import_status_write(path, &st);
    }
    store_unlock(fd);
    return rc;
}
