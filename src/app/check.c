/* check: see check.h. */
#include "check.h"

#include <stdio.h>

#include "content.h"
#include "log.h"
#include "picture.h"

int check_run(const char *content_dir)
{
    content *c = content_scan(content_dir);
    char line[4096];
    size_t errors, warnings, slides = 0;

    if (!c) {
        fprintf(stdout, "%s: error: out of memory\n", content_dir);
        return 1;
    }
    for (size_t i = 0; i < c->count; i++) {
        const content_item *it = &c->items[i];
        if (it->kind == CONTENT_IMAGE) {
            char why[256];
            picture *p = picture_load(it->abs_path, 64, 64, why, sizeof why);
            if (!p) {
                diag_add(&c->diags, DIAG_ERROR, it->rel_path, 0, "%s", why);
                continue;
            }
            picture_free(p);
        }
        slides++;
    }
    for (size_t i = 0; i < c->diags.count; i++) {
        diag_format(&c->diags.items[i], content_dir, line, sizeof line);
        fprintf(stdout, "%s\n", line);
    }
    errors = diag_count(&c->diags, DIAG_ERROR);
    warnings = diag_count(&c->diags, DIAG_WARNING);
    log_line l;
    log_begin(&l, LOG_INFO, "check");
    log_str(&l, "folder", content_dir);
    log_uint(&l, "items", slides);
    log_uint(&l, "errors", errors);
    log_uint(&l, "warnings", warnings);
    log_end(&l);
    content_free(c);
    fflush(stdout);
    return errors ? 1 : 0;
}
