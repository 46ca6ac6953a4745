/* sha256: the SHA-256 hash (FIPS 180-4), incremental, for the exhibit's seal (manifest.h) and the
 * import's check of each file as it is copied. Pure core, no allocation.
 * Ownership: the context is the caller's value. */
#ifndef KIOSK_SHA256_H
#define KIOSK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64

typedef struct {
    uint32_t h[8];
    uint64_t total; /* bytes hashed */
    uint8_t buf[64];
    size_t used;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
void sha256_final(sha256_ctx *c, uint8_t out[SHA256_LEN]);
/* One call: out = SHA-256 of data. */
void sha256_buf(const void *data, size_t len, uint8_t out[SHA256_LEN]);
/* Lower-case hex, NUL-terminated (hex holds SHA256_HEX_LEN + 1). */
void sha256_hex(const uint8_t d[SHA256_LEN], char hex[SHA256_HEX_LEN + 1]);
/* Parses exactly 64 hex digits (either case). Returns 0 or -1. */
int sha256_parse_hex(const char *hex, uint8_t out[SHA256_LEN]);

#endif
