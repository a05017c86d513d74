#include "http/ratelimit.h"
#include <assert.h>
#include <string.h>

rateRule rateRuleBucket(double per_second, double burst) {
    assert(per_second > 0 && burst >= 1);
    return (rateRule){.per_second = per_second, .burst = burst};
}

rateRule rateRuleBackoff(int free, double cap, double forget) {
    assert(free >= 1 && cap >= 1 && forget > cap);
    return (rateRule){.per_second = 1.0, .burst = 1.0, .backoff = true, .free = free, .cap = cap, .forget = forget};
}

void rateInit(rateLimiter *r, double per_second, double burst) {
    memset(r, 0, sizeof *r);
    r->rule = rateRuleBucket(per_second, burst);
    pthread_mutex_init(&r->mu, NULL);
}

void rateBackoffInit(rateLimiter *r, int free, double cap, double forget) {
    memset(r, 0, sizeof *r);
    r->rule = rateRuleBackoff(free, cap, forget);
    pthread_mutex_init(&r->mu, NULL);
}

unsigned rateSetOf(uint64_t key) { return (unsigned)(((key * 0x9E3779B97F4A7C15ull) >> 32) % RATE_SETS); }

/* How lenient a slot is at now; r->burst means it owes nothing and may be
 * forgotten. A bucket: the tokens it holds, refilled since its last use and capped.
 * A backoff slot: r->burst once quiet for r->forget (or never failed), else minus
 * its failures (fewer failures, more lenient). */
static double rateLevel(const rateRule *r, const rateSlot *s, double now) {
    if (r->backoff) return s->tokens == 0 || now - s->last >= r->forget ? r->burst : -s->tokens;
    const double t = s->tokens + (now - s->last) * r->per_second;
    return t > r->burst ? r->burst : t;
}

/* The slot of key in its set: its own, else a free or forgettable one (fresh:
 * nothing is lost), else the most lenient one still owing, whose state the
 * newcomer inherits as it is (rateAllow brings a bucket's tokens up to date). */
static rateSlot *rateBucket(rateLimiter *r, uint64_t key, double now) {
    const rateRule *u = &r->rule;
    rateSlot *set = r->slot[rateSetOf(key)], *fullest = &set[0];
    for (int i = 0; i < RATE_WAYS; i++)
        if (set[i].used && set[i].key == key) return &set[i];
    for (int i = 0; i < RATE_WAYS; i++) {
        if (!set[i].used || rateLevel(u, &set[i], now) >= u->burst) {
            set[i] = rateSlotFresh(u, key, now);
            return &set[i];
        }
        if (rateLevel(u, &set[i], now) > rateLevel(u, fullest, now)) fullest = &set[i];
    }
    fullest->key = key;
    return fullest;
}

rateSlot rateSlotFresh(const rateRule *r, uint64_t key, double now) {
    return (rateSlot){key, r->backoff ? 0 : r->burst, now, true};
}

bool rateSlotForgotten(const rateRule *r, const rateSlot *s, double now) { return rateLevel(r, s, now) >= r->burst; }

double rateForgetAfter(const rateRule *r) { return r->backoff ? r->forget : r->burst / r->per_second; }

bool rateSlotAllow(const rateRule *r, rateSlot *s, double now, double *retry_after) {
    s->tokens = rateLevel(r, s, now);
    s->last = now;
    const bool ok = s->tokens >= 1.0;
    if (ok) s->tokens -= 1.0;
    else *retry_after = (1.0 - s->tokens) / r->per_second;
    return ok;
}

bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after) {
    pthread_mutex_lock(&r->mu);
    const bool ok = rateSlotAllow(&r->rule, rateBucket(r, key, now), now, retry_after);
    pthread_mutex_unlock(&r->mu);
    return ok;
}

/* The time key's current delay ends: 2^(n-free) seconds after its n-th failure
 * (capped), or 0 when it has fewer than free failures or has been forgotten. */
static double rateBackoffUntil(const rateRule *r, const rateSlot *s, double now) {
    if (s->tokens < r->free || rateLevel(r, s, now) >= r->burst) return 0;
    const double d = s->tokens - r->free >= 30 ? r->cap : (double)(1u << (unsigned)(s->tokens - r->free));
    return s->last + (d < r->cap ? d : r->cap);
}

bool rateSlotBackoffWait(const rateRule *r, const rateSlot *s, double now, double *retry_after) {
    const double until = rateBackoffUntil(r, s, now);
    if (until <= now) return false;
    *retry_after = until - now;
    return true;
}

bool rateBackoffWait(rateLimiter *r, uint64_t key, double now, double *retry_after) {
    pthread_mutex_lock(&r->mu);
    const bool wait = rateSlotBackoffWait(&r->rule, rateBucket(r, key, now), now, retry_after);
    pthread_mutex_unlock(&r->mu);
    return wait;
}

void rateSlotBackoffFail(const rateRule *r, rateSlot *s, double now) {
    if (rateLevel(r, s, now) >= r->burst) s->tokens = 0; /* forgotten: a fresh count */
    s->tokens += 1;
    s->last = now;
}

void rateBackoffFail(rateLimiter *r, uint64_t key, double now) {
    pthread_mutex_lock(&r->mu);
    rateSlotBackoffFail(&r->rule, rateBucket(r, key, now), now);
    pthread_mutex_unlock(&r->mu);
}
