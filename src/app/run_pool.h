#ifndef GETIHU_APP_RUN_POOL_H
#define GETIHU_APP_RUN_POOL_H
/* The typing of a run on worker threads (issue 12 §2, decision 240): the store's
 * thread fills a batch of dossiers (copied, since the store's are valid during its
 * callback only), the workers type and explain them, and the store's thread writes
 * the results in the batch's (USCC) order. Internal to src/app. */
#include <stddef.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "rules/typing.h"

#define RUN_BATCH 2048       /* dossiers per batch: two batches in flight stay a few MiB */
#define RUN_MAX_WORKERS 64

/* One business of a batch: its dossier, then (after typing) its type and where its
 * reasons are: out[worker] of the batch, bytes [off, off+len). */
typedef struct runSlot {
    dossier d;
    bizType type;
    int worker;
    size_t off, len;
} runSlot;

typedef struct runBatch {
    arena a; /* the dossiers' strings and arrays */
    size_t n;
    int rc;  /* the first failure of a worker on this batch (0: none) */
    runSlot slot[RUN_BATCH];
    sbuf out[RUN_MAX_WORKERS];
} runBatch;

typedef struct runPool runPool;

/* Copies d (strings and arrays into b->a) as the batch's next slot. GH_ENOMEM. */
int runBatchAdd(runBatch *b, const dossier *d);
void runBatchInit(runBatch *b);
/* Empties b for the next batch, keeping its memory. */
void runBatchReset(runBatch *b);
void runBatchFree(runBatch *b);

/* Starts `workers` threads (1..RUN_MAX_WORKERS) typing with p, the reasons stored as
 * facts for renderer version `renderer` (issue 12 §1). GH_ENOMEM, GH_EIO when a
 * thread cannot be started (none is left running). */
int runPoolStart(runPool **out, int workers, const yearParams *p, int renderer);
/* Hands b to the workers; returns at once. One batch at a time. */
void runPoolType(runPool *pool, runBatch *b);
/* Waits until the batch handed last is typed; returns its rc. */
int runPoolWait(runPool *pool);
/* Waits for the current batch, stops the threads and frees the pool (NULL: no-op). */
void runPoolStop(runPool *pool);
/* The number of workers a run uses: $GETIHU_RUN_THREADS when set (1..64), else
 * one per online core (decision 240). */
int runPoolWorkers(void);
#endif
