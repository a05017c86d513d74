#include "http/ratelimit.h"
#include <string.h>

void rateInit(rateLimiter *r, double per_second, double burst) {
    memset(r->slot, 0, sizeof r->slot);
    r->per_second = per_second;
    r->burst = burst;
    pthread_mutex_init(&r->mu, NULL);
}

bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after) {
    uint64_t h = key * 0x9E3779B97F4A7C15ull;
    rateSlot *s = &r->slot[(h >> 32) % RATE_SLOTS];
    pthread_mutex_lock(&r->mu);
    if (s->key != key || s->last == 0) { /* a client new to this slot starts with a full bucket */
        s->key = key;
        s->tokens = r->burst;
        s->last = now;
    }
    s->tokens += (now - s->last) * r->per_second;
    if (s->tokens > r->burst) s->tokens = r->burst;
    s->last = now;
    const bool ok = s->tokens >= 1.0;
    if (ok) s->tokens -= 1.0;
    else *retry_after = (1.0 - s->tokens) / r->per_second;
    pthread_mutex_unlock(&r->mu);
    return ok;
}
