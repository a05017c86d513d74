#ifndef GETIHU_APP_RUN_FEED_H
#define GETIHU_APP_RUN_FEED_H
/* The reading side of a run (decision 241): a thread reading the directory through
 * its own read-only handle on the store, in USCC order, into a ring of batches.
 * The run's writer holds the store's write lock before the feed starts, so the feed
 * reads exactly what the run's transaction sees. Internal to src/app. */
#include "app/run_pool.h"
#include "store/store.h"

#define RUN_RING 4 /* batches: one filling, one waiting, one typing, one writing */

typedef struct runFeed runFeed;

/* Opens the store like is open on, read-only, and starts reading the businesses established on or
 * before reference. On failure err says why; nothing is left running. */
int runFeedStart(runFeed **out, const store *like, civilDate reference, char *err, size_t n);
/* The next filled batch, in USCC order: 0 with *b; 1 at the end; else the reading
 * failed (runFeedError says why). The consumer gives batches back in the same order. */
int runFeedNext(runFeed *f, runBatch **b);
/* Gives back the oldest batch taken with runFeedNext. */
void runFeedRelease(runFeed *f);
/* Why the reading failed ("" when it did not). */
const char *runFeedError(const runFeed *f);
/* Stops the reading (when still going), closes its handle and frees f (NULL: no-op). */
void runFeedStop(runFeed *f);
#endif
