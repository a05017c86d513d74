#ifndef GETIHU_APP_DIGEST_H
#define GETIHU_APP_DIGEST_H
#include <stddef.h>

/* SHA-256 of n bytes as 64 lower-case hex digits and a NUL. One function for every
 * hash that is stored and compared later (parameters of a run, session tokens,
 * access codes): the command line that issues and the server that checks must agree.
 * Cannot fail (libsodium is initialised in main). */
void digestSha256Hex(const void *data, size_t n, char out[65]);
#endif
