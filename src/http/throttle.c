#include "http/throttle.h"
#include "app/accounts.h"
#include "core/error.h"
#include <time.h>

_Static_assert(THROTTLE__COUNT <= sizeof ((httpServer *)0)->throttle_swept / sizeof(int64_t), "a sweep time per limit");

/* Seconds since the epoch: slots are shared by processes (and hosts), so the
 * monotonic clock of one process cannot be their time. */
static double throttleClock(void) {
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Once a minute per process and limit, drops the slots that say no more than a fresh
 * one (inside the caller's transaction), so that the table holds only the addresses
 * and USCCs still owing. The first thread past the minute does it. */
static int throttleSweep(httpCtx *c, const rateRule *r, int kind, double now) {
    int64_t *swept = &c->srv->throttle_swept[kind];
    int64_t last = __atomic_load_n(swept, __ATOMIC_RELAXED);
    if ((int64_t)now - last < 60 ||
        !__atomic_compare_exchange_n(swept, &last, (int64_t)now, false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
        return 0;
    int64_t removed;
    return storeThrottleForget(httpStore(c), kind, now - rateForgetAfter(r), &removed);
}

/* The slot of (kind, key) as the store holds it, or a fresh one; a slot counted in
 * the future (another host's clock ahead of ours) counts as counted now. */
static int throttleLoad(store *s, const rateRule *r, int kind, uint64_t key, double now, rateSlot *slot) {
    storeThrottle t;
    const int rc = storeThrottleGet(s, kind, key, &t);
    if (rc == GH_ENOTFOUND) *slot = rateSlotFresh(r, key, now);
    else if (!rc) *slot = (rateSlot){key, t.level, t.last < now ? t.last : now, true};
    return rc == GH_ENOTFOUND ? 0 : rc;
}

int throttleStep(httpCtx *c, throttleOp op, const rateRule *r, int kind, uint64_t key, double *retry) {
    store *s = httpStore(c);
    const double now = throttleClock();
    rateSlot slot;
    if (op == THROTTLE_WAIT) {
        const int rc = throttleLoad(s, r, kind, key, now, &slot);
        storeIdle(s);
        return rc ? rc : rateSlotBackoffWait(r, &slot, now, retry) ? 1 : 0;
    }
    int rc = storeBeginWait(s, ACCOUNT_WRITE_WAIT_MS);
    if (rc) return rc;
    bool refused = false;
    rc = throttleLoad(s, r, kind, key, now, &slot);
    if (!rc) {
        if (op == THROTTLE_TAKE) refused = !rateSlotAllow(r, &slot, now, retry);
        else rateSlotBackoffFail(r, &slot, now);
        rc = storeThrottlePut(s, kind, key, &(storeThrottle){slot.tokens, slot.last});
    }
    if (!rc) rc = throttleSweep(c, r, kind, now);
    if (!rc) rc = storeCommit(s);
    if (rc) storeRollback(s);
    return rc ? rc : refused ? 1 : 0;
}
