/* Fuzz target: the picture header readers (src/core/pictures/imghdr.c): imghdr_sniff, imghdr_read and
 * imghdr_exif_orientation, on any bytes (imghdr.h promises every read is bounds-checked).
 * Each call gets an exactly sized heap copy so AddressSanitizer sees a read one byte past the end.
 * Checks: OK means a positive size and an orientation 1..8; a prefix of the file never gives an
 * answer that contradicts the whole file (only NEED_MORE, or the same answer), since the shell reads
 * the first part of a file and asks again with more only on NEED_MORE. */
#include "fuzz_util.h"

#include "imghdr.h"

static imghdr_status read_copy(const uint8_t *data, size_t len, imghdr_info *info)
{
    uint8_t *copy = fuzz_dup(data, len);
    imghdr_status st = imghdr_read(copy, len, info);
    free(copy);
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    imghdr_info full;
    imghdr_status st = read_copy(data, size, &full);
    FUZZ_CHECK(st >= IMGHDR_OK && st <= IMGHDR_CORRUPT, "status %d", (int)st);
    FUZZ_CHECK(imghdr_format_name(full.format) != NULL, "format name");
    FUZZ_CHECK(full.orientation >= 1 && full.orientation <= 8, "orientation %d", full.orientation);
    FUZZ_CHECK(full.width >= 0 && full.height >= 0, "size %dx%d", full.width, full.height);

    uint8_t *copy = fuzz_dup(data, size);
    FUZZ_CHECK(imghdr_sniff(copy, size) == full.format, "sniff disagrees with read");
    if (st == IMGHDR_OK)
        FUZZ_CHECK(full.width > 0 && full.height > 0, "OK with size %dx%d", full.width, full.height);
    if (st == IMGHDR_OK && full.format == IMGHDR_JPEG)
        FUZZ_CHECK(full.components > 0, "JPEG without components");
    if (st == IMGHDR_NOT_IMAGE)
        FUZZ_CHECK(full.format == IMGHDR_UNKNOWN, "NOT_IMAGE for a known format");
    int o = imghdr_exif_orientation(copy, size);
    FUZZ_CHECK(o >= 0 && o <= 8, "exif orientation %d", o);
    free(copy);

    /* Prefixes: the shell first reads a part of the file. */
    size_t cuts[8] = {size / 2, size * 3 / 4, size > 0 ? size - 1 : 0, 12, 30, 64, 0, 0};
    if (size >= 2)
        cuts[6] = (size_t)data[0] % size, cuts[7] = ((size_t)data[1] * 16) % size;
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        size_t k = cuts[i];
        if (k >= size)
            continue;
        imghdr_info part;
        imghdr_status ps = read_copy(data, k, &part);
        FUZZ_CHECK(part.orientation >= 1 && part.orientation <= 8, "orientation %d", part.orientation);
        if (ps == IMGHDR_NEED_MORE) {
            /* What was found so far must not contradict the whole file. */
            /* imgfile_open takes NEED_MORE with a size as that size: the size must be the file's. */
            bool same = part.width == full.width && part.height == full.height;
            if (part.width > 0 && (st == IMGHDR_OK || st == IMGHDR_NEED_MORE) && part.format == IMGHDR_GIF)
                FUZZ_KNOWN("imghdr-gif-screen-size", same, "prefix %zu of %zu: size %dx%d, whole file %dx%d",
                           k, size, part.width, part.height, full.width, full.height);
            else if (part.width > 0 && (st == IMGHDR_OK || st == IMGHDR_NEED_MORE))
                FUZZ_CHECK(same, "prefix %zu of %zu: size %dx%d, whole file %dx%d", k, size, part.width,
                           part.height, full.width, full.height);
            continue;
        }
        FUZZ_CHECK(ps == st, "prefix %zu of %zu gives status %d, whole file %d", k, size, (int)ps, (int)st);
        FUZZ_CHECK(part.format == full.format, "prefix format");
        if (ps == IMGHDR_OK)
            FUZZ_CHECK(part.width == full.width && part.height == full.height &&
                           part.orientation == full.orientation,
                       "prefix %zu of %zu: %dx%d o%d, whole %dx%d o%d", k, size, part.width, part.height,
                       part.orientation, full.width, full.height, full.orientation);
    }
    return 0;
}
