/* Shared helpers of the libFuzzer harnesses (tests/fuzz/fuzz_*.c): copies of the input in exactly sized
 * heap blocks (so AddressSanitizer sees every overread), a byte reader for parameters, and FUZZ_CHECK,
 * which turns a broken promise of a header into a crash that libFuzzer saves.
 * Everything is static so each harness builds alone, without warnings for what it does not use. */
#ifndef KIOSK_FUZZ_UTIL_H
#define KIOSK_FUZZ_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond, ...)                                                                                \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s: ", __FILE__, __LINE__, #cond);                  \
            fprintf(stderr, __VA_ARGS__);                                                                    \
            fputc('\n', stderr);                                                                             \
            abort();                                                                                         \
        }                                                                                                    \
    } while (0)

/* A known, reported bug in a module these harnesses do not own (tests/fuzz/known-issues.txt names each
 * id, the file and function, and a reproducer). run.sh tolerates the ids listed there (it sets
 * KIOSK_FUZZ_TOLERATE), so CI stays a test of everything else; `run.sh --strict` aborts on them like
 * FUZZ_CHECK. Each use tests one narrow condition, so a different bug is never hidden behind an id. */
static bool fuzz_tolerated(const char *id)
{
    const char *list = getenv("KIOSK_FUZZ_TOLERATE");
    size_t n = strlen(id);
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ", ");
        if (k == n && strncmp(p, id, n) == 0)
            return true;
        p += k;
        p += strspn(p, ", ");
    }
    return false;
}

#define FUZZ_KNOWN(id, cond, ...)                                                                            \
    do {                                                                                                     \
        if (!(cond) && !fuzz_tolerated(id)) {                                                                \
            fprintf(stderr,                                                                                  \
                    "FUZZ_CHECK failed (known issue %s, see tests/fuzz/known-issues.txt) at %s:%d: %s: ",    \
                    id, __FILE__, __LINE__, #cond);                                                          \
            fprintf(stderr, __VA_ARGS__);                                                                    \
            fputc('\n', stderr);                                                                             \
            abort();                                                                                         \
        }                                                                                                    \
    } while (0)

/* A malloc'd copy of data[0..size) with a NUL after it (NUL bytes inside stay, so strlen may stop early). */
static char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* A malloc'd copy of exactly size bytes (at least one byte is allocated, so the pointer is never NULL). */
static uint8_t *fuzz_dup(const uint8_t *data, size_t size)
{
    uint8_t *p = malloc(size ? size : 1);
    if (!p)
        abort();
    if (size)
        memcpy(p, data, size);
    return p;
}

/* A malloc'd, NUL-terminated, valid UTF-8 string made from data: NUL bytes are dropped and every malformed
 * sequence becomes U+FFFD. For code whose contract asks for UTF-8 (the article parser validates first). */
static char *fuzz_utf8(const uint8_t *data, size_t size)
{
    char *s = malloc(size * 3 + 1);
    size_t n = 0;
    if (!s)
        abort();
    for (size_t i = 0; i < size;) {
        uint32_t cp;
        size_t k = utf8_decode((const char *)data + i, size - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && memcmp(data + i, "\xEF\xBF\xBD", 3) == 0)) {
            memcpy(s + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else if (data[i] != 0) {
            memcpy(s + n, data + i, k);
            n += k;
        }
        i += k;
    }
    s[n] = '\0';
    return s;
}

/* Reads parameters from the front of the input; past the end it gives zeros. */
typedef struct {
    const uint8_t *p;
    size_t left;
} fuzz_reader;

static unsigned fuzz_byte(fuzz_reader *r)
{
    if (r->left == 0)
        return 0;
    r->left--;
    return *r->p++;
}

static unsigned fuzz_u16(fuzz_reader *r)
{
    unsigned hi = fuzz_byte(r);
    return hi << 8 | fuzz_byte(r);
}

static bool fuzz_valid_utf8(const char *s, size_t len)
{
    return utf8_validate(s, len, NULL);
}

#endif
