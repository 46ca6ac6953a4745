/* banner_place: see banner_place.h. */
#include "banner_place.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

/* How many banners the rule gives for count items (none of them banners). */
static size_t banners_for(size_t count, int every)
{
    if (every == CONFIG_BANNER_SLIDE_ONCE) {
        return 1;
    }
    size_t n = count / (size_t)every;
    return count % (size_t)every ? n + 1 : n; /* the round also ends with one */
}

int banner_place(content *c, int every)
{
    if (every == CONFIG_BANNER_SLIDE_NONE || every < 0 || c->count == 0) {
        return 0;
    }
    for (size_t i = 0; i < c->count; i++) {
        if (c->items[i].kind == CONTENT_BANNER) { /* the playlist placed it: the staff's own order */
            return 0;
        }
    }
    size_t add = banners_for(c->count, every), total = c->count + add, k = 0;
    content_item *out = calloc(total, sizeof *out);
    char **names = calloc(add, sizeof *names);
    int rc = -1;
    for (size_t i = 0; out && names && i < add; i++) {
        if (!(names[i] = strdup(CONTENT_BANNER_NAME))) {
            goto cleanup;
        }
    }
    if (!out || !names) {
        goto cleanup;
    }
    size_t used = 0;
    for (size_t i = 0; i < c->count; i++) {
        out[k++] = c->items[i];
        bool due = every == CONFIG_BANNER_SLIDE_ONCE ? i + 1 == c->count
                                                     : (i + 1) % (size_t)every == 0 || i + 1 == c->count;
        if (due && used < add) {
            out[k] = (content_item){.kind = CONTENT_BANNER, .rel_path = names[used++], .fit = -1};
            k++;
        }
    }
    free(c->items);
    c->items = out;
    c->count = k;
    out = NULL;
    rc = (int)add;
cleanup:
    if (rc < 0) {
        for (size_t i = 0; names && i < add; i++) {
            free(names[i]);
        }
    }
    free(names);
    free(out);
    return rc;
}
