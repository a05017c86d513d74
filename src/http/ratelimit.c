#include "http/ratelimit.h"
#include <assert.h>
#include <string.h>

void rateInit(rateLimiter *r, double per_second, double burst) {
    assert(per_second > 0 && burst >= 1);
    memset(r->slot, 0, sizeof r->slot);
    r->per_second = per_second;
    r->burst = burst;
    pthread_mutex_init(&r->mu, NULL);
}

unsigned rateSetOf(uint64_t key) { return (unsigned)(((key * 0x9E3779B97F4A7C15ull) >> 32) % RATE_SETS); }

/* The tokens a bucket holds at now, refilled since its last use and capped. */
static double rateLevel(const rateLimiter *r, const rateSlot *s, double now) {
    const double t = s->tokens + (now - s->last) * r->per_second;
    return t > r->burst ? r->burst : t;
}

/* The bucket of key in its set: its own, else a free or completely refilled one
 * (fresh: nothing is forgotten), else the fullest draining one, whose tokens the
 * newcomer inherits. */
static rateSlot *rateBucket(rateLimiter *r, uint64_t key, double now) {
    rateSlot *set = r->slot[rateSetOf(key)], *fullest = &set[0];
    for (int i = 0; i < RATE_WAYS; i++)
        if (set[i].used && set[i].key == key) return &set[i];
    for (int i = 0; i < RATE_WAYS; i++) {
        if (!set[i].used || rateLevel(r, &set[i], now) >= r->burst) {
            set[i] = (rateSlot){key, r->burst, now, true};
            return &set[i];
        }
        if (rateLevel(r, &set[i], now) > rateLevel(r, fullest, now)) fullest = &set[i];
    }
    fullest->tokens = rateLevel(r, fullest, now);
    fullest->last = now;
    fullest->key = key;
    return fullest;
}

bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after) {
    pthread_mutex_lock(&r->mu);
    rateSlot *s = rateBucket(r, key, now);
    s->tokens = rateLevel(r, s, now);
    s->last = now;
    const bool ok = s->tokens >= 1.0;
    if (ok) s->tokens -= 1.0;
    else *retry_after = (1.0 - s->tokens) / r->per_second;
    pthread_mutex_unlock(&r->mu);
    return ok;
}
