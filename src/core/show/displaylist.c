/* displaylist: see displaylist.h. */
#include "displaylist.h"

#include <stdlib.h>
#include <string.h>

static dl_item *grow(display_list *l)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        dl_item *v = realloc(l->items, cap * sizeof *v);
        if (!v) {
            return NULL;
        }
        l->items = v, l->cap = cap;
    }
    return &l->items[l->count];
}

int display_list_fill(display_list *l, dl_kind kind, int x, int y, int w, int h, dl_ink ink)
{
    dl_item *it = grow(l);
    if (!it) {
        return -1;
    }
    *it = (dl_item){.kind = kind, .x = x, .y = y, .w = w, .h = h, .ink = ink};
    l->count++;
    return 0;
}

int display_list_text(display_list *l, const dl_item *line, const char *text, size_t len)
{
    dl_item *it = grow(l);
    char *copy = it ? malloc(len + 1) : NULL;
    if (!copy) {
        return -1;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    *it = *line;
    it->kind = DL_TEXT;
    it->text = copy;
    l->count++;
    return 0;
}

void display_list_free(display_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        free(l->items[i].text);
    }
    free(l->items);
    *l = (display_list){0};
}

const char *dl_kind_name(dl_kind k)
{
    return k == DL_FILL ? "fill" : k == DL_EMBLEM ? "emblem" : "text";
}

const char *dl_ink_name(dl_ink ink)
{
    static const char *const names[] = {"text",        "text_dim", "accent", "banner_bg",
                                        "banner_text", "rule",     "shade"};
    return ink >= 0 && ink <= DL_INK_SHADE ? names[ink] : "text";
}
