/* content_file: the work on single files of the content folder (see content.h): loading one article
 * (read with textfile's size cap), loading one caption, telling images by name (the list: content_entry.c).
 * Ownership: each function owns what it allocates until it hands it to the caller through *out
 * (or *data); on every failure path it frees it. */
#include "content.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "content_entry.h"
#include "utf8.h"

#define ARTICLE_MAX_BYTES ((size_t)1 << 20) /* 1 MiB */
#define CAPTION_MAX_BYTES ((size_t)64 << 10)

int content_is_image_name(const char *name)
{
    return centry_is_image_name(name);
}

/* Reads a text file (article or caption). A problem becomes a diag of severity sev under rel, with
 * suffix appended, and leaves *data NULL. Returns 0 or -1 (no memory). */
static int read_text(const char *abs, const char *rel, diag_list *d, size_t max, diag_severity sev,
                     const char *too_large, const char *suffix, char **data, size_t *len)
{
    int err = content_read_file(abs, max, data, len);
    if (err == ENOMEM) {
        return -1;
    }
    if (err == EFBIG) {
        return diag_add(d, sev, rel, 0, "%s%s", too_large, suffix);
    }
    if (err != 0) {
        return diag_add(d, sev, rel, 0, "cannot be read: %s%s", strerror(err), suffix);
    }
    return 0;
}

/* Problems: errors, under rel; the file is not shown. */
int content_load_article(const char *abs, const char *rel, diag_list *diags, article **out)
{
    int rc = -1;
    char *data = NULL; /* owned: the file's bytes */
    size_t len = 0;
    int line = 0;

    *out = NULL;
    if (read_text(abs, rel, diags, ARTICLE_MAX_BYTES, DIAG_ERROR, "too large for an article (over 1 MiB)", "",
                  &data, &len) != 0) {
        goto cleanup;
    }
    rc = 0;
    if (!data) {
        goto cleanup;
    }
    article_status st = article_parse(data, len, out, &line);
    if (st == ARTICLE_NO_MEMORY) {
        rc = -1;
    } else if (st != ARTICLE_OK) {
        rc = diag_add(diags, DIAG_ERROR, rel, line, "%s", article_status_message(st));
    }
cleanup:
    free(data);
    return rc;
}

/* Problems: warnings, under rel; the picture is still shown. */
int content_load_caption(const char *abs, const char *rel, diag_list *diags, char **out)
{
    int rc = -1;
    char *data = NULL; /* owned until moved into *out */
    size_t len = 0, start = 0;
    int line = 0;
    const char *without = "; the picture is shown without a caption";

    *out = NULL;
    if (read_text(abs, rel, diags, CAPTION_MAX_BYTES, DIAG_WARNING, "too large for a caption (over 64 KiB)",
                  without, &data, &len) != 0) {
        goto cleanup;
    }
    rc = 0;
    if (!data) {
        goto cleanup;
    }
    article_status st = article_check_encoding(data, len, &start, &line);
    if (st != ARTICLE_OK) {
        rc = diag_add(diags, DIAG_WARNING, rel, line, "%s%s", article_status_message(st), without);
        goto cleanup;
    }
    memmove(data, data + start, len - start);
    if (utf8_squeeze_space(data, len - start) > 0) {
        *out = data;
        data = NULL;
    }
cleanup:
    free(data);
    return rc;
}
