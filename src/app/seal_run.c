/* seal_run: see seal_run.h. */
#include "seal_run.h"

#include <stdio.h>

#include "log.h"
#include "manifest.h"

int seal_run(const char *dir)
{
    manifest m = {0};
    char why[512] = "", hex[SHA256_HEX_LEN + 1];
    int rc = manifest_seal_dir(dir, &m, why, sizeof why);
    log_line l;
    log_begin(&l, rc == 0 ? LOG_INFO : LOG_WARN, "seal");
    log_str(&l, "result", rc == 0 ? "done" : "refused");
    log_str(&l, "dir", dir);
    log_uint(&l, "files", m.count);
    log_uint(&l, "bytes", m.bytes);
    if (rc == 0) {
        sha256_hex(m.seal, hex);
        log_str(&l, "seal", hex);
    } else {
        log_str(&l, "reason", why[0] ? why : "the folder cannot be read");
    }
    log_end(&l);
    if (rc == 0) {
        printf("sealed %s: %zu files, %.1f MB, seal %s\n", dir, m.count, (double)m.bytes / 1e6, hex);
    }
    manifest_free(&m);
    return rc == 0 ? 0 : 1;
}
