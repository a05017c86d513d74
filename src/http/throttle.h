#ifndef GETIHU_HTTP_THROTTLE_H
#define GETIHU_HTTP_THROTTLE_H
/* The sign-in limits kept in the store, so that every `getihu serve` process on
 * one store counts the same attempts (issue 12 §3, decision 265): the per-address
 * bucket, the per-address backoff after failures and the per-USCC access-code
 * bucket. The public look-up's bucket stays in each process (decision 266). */
#include "http/server.h"

/* The limits' numbers in the store (storeThrottle's kind): never reuse one. */
enum { THROTTLE_LOGIN = 1, THROTTLE_LOGIN_BACKOFF = 2, THROTTLE_CODE = 3, THROTTLE__COUNT };

typedef enum {
    THROTTLE_TAKE, /* a bucket: take one token */
    THROTTLE_WAIT, /* a backoff: must the key still wait? (a read) */
    THROTTLE_FAIL  /* a backoff: count a failure */
} throttleOp;

/* One step of rule r (its parameters; its own table is not used) on the shared slot
 * (kind, key) at the wall clock's time, in one short write transaction of the
 * request's store connection (a read for THROTTLE_WAIT). 0 when allowed or done; 1
 * when refused, with *retry the seconds to wait; GH_EBUSY when another writer held
 * the store past the sign-in's wait (nothing counted); another GH_E* on failure. */
int throttleStep(httpCtx *c, throttleOp op, const rateRule *r, int kind, uint64_t key, double *retry);
#endif
