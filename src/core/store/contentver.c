/* contentver: see contentver.h. */
#include "contentver.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "import_seal.h"
#include "manifest.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* The seal id's first 16 hex digits from the first line of dir/name into hex; 0 or -1. */
static int seal_of(const char *dir, const char *name, char hex[17])
{
    char path[4096], line[256];
    static const char KEY[] = " seal=";
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        return -1;
    }
    FILE *f = fopen(path, "r");
    bool got = f && fgets(line, sizeof line, f);
    if (f) {
        fclose(f);
    }
    const char *s =
        got && strncmp(line, MANIFEST_MAGIC " ", sizeof MANIFEST_MAGIC) == 0 ? strstr(line, KEY) : NULL;
    if (!s || strspn(s + sizeof KEY - 1, "0123456789abcdef") < 16) {
        return -1;
    }
    memcpy(hex, s + sizeof KEY - 1, 16);
    hex[16] = '\0';
    return 0;
}

/* Adds the bytes of dir/name (when it exists) to h. */
static uint64_t add_file(uint64_t h, const char *dir, const char *name)
{
    char path[4096], buf[4096];
    size_t got;
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        return h;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        return h;
    }
    h = fnv(h, name, strlen(name) + 1);
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        h = fnv(h, buf, got);
    }
    fclose(f);
    return h;
}

void contentver_of(const content *c, char *out, size_t n)
{
    char hex[17];
    if (seal_of(c->root, IMPORT_SEAL_KEPT, hex) == 0 || seal_of(c->root, MANIFEST_NAME, hex) == 0) {
        snprintf(out, n, "seal-%s", hex);
        return;
    }
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < c->count; i++) {
        struct stat st;
        uint64_t size = 0; /* the banner's slide has no file (abs_path NULL) */
        if (c->items[i].abs_path) {
            size = stat(c->items[i].abs_path, &st) == 0 ? (uint64_t)st.st_size : UINT64_MAX;
        }
        h = fnv(h, c->items[i].rel_path, strlen(c->items[i].rel_path) + 1);
        unsigned char le[8]; /* the same bytes on every machine */
        for (int b = 0; b < 8; b++) {
            le[b] = (unsigned char)(size >> (8 * b));
        }
        h = fnv(h, le, sizeof le);
    }
    static const char *const files[] = {"kiosk.conf", "playlist.txt", "playlist-remembrance.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        h = add_file(h, c->root, files[i]);
    }
    snprintf(out, n, "folder-%016" PRIx64, h);
}
