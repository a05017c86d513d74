#include "app/digest.h"
#include <sodium.h>

void digestSha256Hex(const void *data, size_t n, char out[65]) {
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(d, data, n);
    sodium_bin2hex(out, 65, d, sizeof d);
}
