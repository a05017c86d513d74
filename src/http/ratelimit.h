#ifndef GETIHU_HTTP_RATELIMIT_H
#define GETIHU_HTTP_RATELIMIT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/* Token buckets per client key (an address, a USCC …) in a fixed table, so memory
 * does not grow with the number of clients. The table is set-associative: a key
 * hashes to a set of RATE_WAYS buckets. A key new to its set takes a bucket that
 * has refilled completely (forgetting it loses nothing), and when every bucket of
 * the set is still draining, it takes over the fullest one *with its tokens*: a
 * collision never hands out a fresh bucket, so alternating two colliding keys
 * gains nothing (issue 8, finding 2). */
#define RATE_SETS 4096
#define RATE_WAYS 4

typedef struct rateSlot { uint64_t key; double tokens, last; bool used; } rateSlot;

typedef struct rateLimiter {
    rateSlot slot[RATE_SETS][RATE_WAYS];
    double per_second, burst;
    pthread_mutex_t mu;
} rateLimiter;

/* per_second > 0 and burst >= 1. */
void rateInit(rateLimiter *r, double per_second, double burst);
/* True when the client identified by key may make a request at time now (seconds,
 * monotonic); otherwise *retry_after is how long until it may. */
bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after);
/* The set a key falls in (for tests that craft colliding keys). */
unsigned rateSetOf(uint64_t key);
#endif
