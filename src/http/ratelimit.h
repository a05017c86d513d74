#ifndef GETIHU_HTTP_RATELIMIT_H
#define GETIHU_HTTP_RATELIMIT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

/* Token buckets per client address, in a fixed table (memory does not grow with the
 * number of clients: a new address takes over the slot of the one it hashes to). */
#define RATE_SLOTS 4096

typedef struct rateSlot { uint64_t key; double tokens, last; } rateSlot;

typedef struct rateLimiter {
    rateSlot slot[RATE_SLOTS];
    double per_second, burst;
    pthread_mutex_t mu;
} rateLimiter;

void rateInit(rateLimiter *r, double per_second, double burst);
/* True when the client identified by key may make a request at time now (seconds);
 * otherwise *retry_after is how long until it may. */
bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after);
#endif
