/* Fuzz target: natsort_compare and natsort_compare_path (src/core/base/natsort.c), which order every folder
 * and the slides. Input: three names separated by NUL bytes. natsort.h promises a total order: the
 * sign flips when the arguments swap, 0 only for identical names, and it is transitive; a broken order
 * makes qsort undefined (slides missing or repeated). */
#include "fuzz_util.h"

#include "natsort.h"

static int sgn(int v)
{
    return (v > 0) - (v < 0);
}

static void check_order(int (*cmp)(const char *, const char *), const char *what, const char *const s[3])
{
    int c[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            c[i][j] = sgn(cmp(s[i], s[j]));
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            FUZZ_CHECK(c[i][j] == -c[j][i], "%s: not antisymmetric for names %d and %d", what, i, j);
            FUZZ_CHECK((c[i][j] == 0) == (strcmp(s[i], s[j]) == 0), "%s: 0 for different names %d and %d",
                       what, i, j);
            for (int k = 0; k < 3; k++)
                if (c[i][j] < 0 && c[j][k] < 0)
                    FUZZ_CHECK(c[i][k] < 0, "%s: not transitive: %d < %d < %d but not %d < %d", what, i, j, k,
                               i, k);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = fuzz_cstr(data, size);
    const char *s[3] = {buf, "", ""};
    size_t at = strlen(buf) + 1;
    for (int i = 1; i < 3 && at <= size; i++) {
        s[i] = buf + at;
        at += strlen(buf + at) + 1;
    }
    check_order(natsort_compare, "natsort_compare", s);
    check_order(natsort_compare_path, "natsort_compare_path", s);
    free(buf);
    return 0;
}
