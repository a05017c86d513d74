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

/* A bucket: its tokens and when they were last counted. In a backoff table (below)
 * tokens counts the key's failures in a row and last is the time of the last one. */
typedef struct rateSlot { uint64_t key; double tokens, last; bool used; } rateSlot;

/* The rule of a limiter, without its table: a bucket's rate and burst, or a backoff
 * table's growing delays. The sign-in limits keep their slots in the store
 * (http/throttle.c) and need only this. */
typedef struct rateRule {
    double per_second, burst;
    bool backoff;  /* a table of growing delays (rateRuleBackoff) rather than buckets */
    int free;      /* backoff: failures before the first delay */
    double cap;    /* backoff: the longest delay, seconds */
    double forget; /* backoff: a key quiet this long starts again from no failure */
} rateRule;

/* per_second > 0 and burst >= 1. */
rateRule rateRuleBucket(double per_second, double burst);
/* free >= 1, cap >= 1, forget > cap: see rateBackoffInit. */
rateRule rateRuleBackoff(int free, double cap, double forget);

/* A rule with its table of slots, in this process (about 512 KiB). */
typedef struct rateLimiter {
    rateRule rule;
    rateSlot slot[RATE_SETS][RATE_WAYS];
    pthread_mutex_t mu;
} rateLimiter;

/* per_second > 0 and burst >= 1. */
void rateInit(rateLimiter *r, double per_second, double burst);
/* True when the client identified by key may make a request at time now (seconds,
 * monotonic); otherwise *retry_after is how long until it may. */
bool rateAllow(rateLimiter *r, uint64_t key, double now, double *retry_after);
/* The same table as growing delays after failures, per key (sign-in failures per
 * client address, issue 8 finding 3): after free failures in a row a key waits
 * 2^(n-free) seconds after its n-th failure, at most cap, before its next attempt;
 * a key with no failure for forget seconds (forget > cap) starts again. A key new
 * to a full set inherits the failures of the set's least-failed key, never a clean
 * slate. free >= 1, cap >= 1. */
void rateBackoffInit(rateLimiter *r, int free, double cap, double forget);
/* True when key must still wait at now; *retry_after is then how long. */
bool rateBackoffWait(rateLimiter *r, uint64_t key, double now, double *retry_after);
/* Counts a failure of key at now. */
void rateBackoffFail(rateLimiter *r, uint64_t key, double now);
/* The same steps on one slot kept elsewhere (http/throttle.c keeps the sign-in
 * limits' slots in the store, shared by every serve process; issue 12 §3). The
 * caller serialises them. rateSlotFresh is a key's slot before its first use. */
rateSlot rateSlotFresh(const rateRule *r, uint64_t key, double now);
bool rateSlotAllow(const rateRule *r, rateSlot *s, double now, double *retry_after);
bool rateSlotBackoffWait(const rateRule *r, const rateSlot *s, double now, double *retry_after);
void rateSlotBackoffFail(const rateRule *r, rateSlot *s, double now);
/* Whether slot s says no more than a fresh one at now (it may be dropped), and how
 * long after its last use a slot always does. */
bool rateSlotForgotten(const rateRule *r, const rateSlot *s, double now);
double rateForgetAfter(const rateRule *r);
/* The set a key falls in (for tests that craft colliding keys). */
unsigned rateSetOf(uint64_t key);
#endif
