/* The reading side of a run: a thread that reads the directory through a second,
 * read-only handle on the same store and fills batches of dossiers for the workers,
 * so that reading, typing and writing go on at the same time (decision 241). */
#include "app/run_feed.h"
#include "core/error.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FEED_STOPPED 1 /* the consumer stopped the feed: a stop, not a failure of the store */

struct runFeed {
    store *r; /* the read-only handle, used by the thread only */
    civilDate reference;
    runBatch *b[RUN_RING];
    /* Batches [tail, taken) are the consumer's, [taken, head) filled and waiting,
     * head % RUN_RING the one being filled (when head - tail < RUN_RING). */
    size_t head, taken, tail;
    bool eof, stop, started;
    int rc;
    char message[600];
    pthread_t th;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

/* Hands the filled batch to the consumer and waits for a free one. FEED_STOPPED when
 * the consumer stopped the feed. */
static int feedPublish(runFeed *f) {
    pthread_mutex_lock(&f->mu);
    f->head++;
    pthread_cond_broadcast(&f->cv);
    while (!f->stop && f->head - f->tail >= RUN_RING) pthread_cond_wait(&f->cv, &f->mu);
    const bool stop = f->stop;
    pthread_mutex_unlock(&f->mu);
    if (stop) return FEED_STOPPED;
    runBatchReset(f->b[f->head % RUN_RING]);
    return 0;
}

/* Adds one business of the directory, when it belongs to the year's population. */
static int feedOne(void *ctx, const dossier *d) {
    runFeed *f = ctx;
    if (d->established == DATE_NONE || d->established > f->reference) return 0; /* RULES.md "Time" */
    runBatch *b = f->b[f->head % RUN_RING];
    const int rc = runBatchAdd(b, d);
    if (rc) return rc;
    return b->n == RUN_BATCH ? feedPublish(f) : 0;
}

static void *feedMain(void *arg) {
    runFeed *f = arg;
    runBatchReset(f->b[0]);
    int rc = storeReadBegin(f->r);
    if (!rc) rc = storeEachTypingDossier(f->r, feedOne, f); /* what the rules read (decision 314) */
    if (!rc && f->b[f->head % RUN_RING]->n) rc = feedPublish(f);
    char why[sizeof f->message]; /* taken before the read ends: ending it clears the handle's message */
    snprintf(why, sizeof why, "%s", rc ? storeError(f->r) : "");
    const int end = storeReadEnd(f->r);
    if (!rc && (rc = end)) snprintf(why, sizeof why, "%s", storeError(f->r));
    pthread_mutex_lock(&f->mu);
    if (rc && rc != FEED_STOPPED) memcpy(f->message, why, sizeof why);
    f->rc = rc == FEED_STOPPED ? 0 : rc;
    f->eof = true;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

int runFeedStart(runFeed **out, const store *like, civilDate reference, char *err, size_t n) {
    *out = NULL;
    runFeed *f = calloc(1, sizeof *f);
    if (!f) return snprintf(err, n, "内存不足 (out of memory)"), GH_ENOMEM;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->cv, NULL);
    f->reference = reference;
    int rc = 0;
    for (int i = 0; i < RUN_RING && !rc; i++)
        if ((f->b[i] = malloc(sizeof *f->b[i]))) runBatchInit(f->b[i]);
        else rc = GH_ENOMEM;
    if (rc) snprintf(err, n, "内存不足 (out of memory)");
    if (!rc) rc = storeOpenLike(&f->r, like, STORE_OPEN_READONLY, err, n);
    if (!rc && pthread_create(&f->th, NULL, feedMain, f)) {
        snprintf(err, n, "无法启动读取线程 (cannot start the reading thread)");
        rc = GH_EIO;
    }
    f->started = !rc;
    if (rc) runFeedStop(f);
    else *out = f;
    return rc;
}

int runFeedNext(runFeed *f, runBatch **b) {
    pthread_mutex_lock(&f->mu);
    while (f->taken == f->head && !f->eof) pthread_cond_wait(&f->cv, &f->mu);
    int rc = 1;
    if (f->taken < f->head) *b = f->b[f->taken++ % RUN_RING], rc = 0;
    else if (f->rc) rc = f->rc;
    pthread_mutex_unlock(&f->mu);
    return rc;
}

void runFeedRelease(runFeed *f) {
    pthread_mutex_lock(&f->mu);
    f->tail++;
    pthread_cond_broadcast(&f->cv);
    pthread_mutex_unlock(&f->mu);
}

const char *runFeedError(const runFeed *f) { return f->message; }

void runFeedStop(runFeed *f) {
    if (!f) return;
    if (f->started) {
        pthread_mutex_lock(&f->mu);
        f->stop = true;
        pthread_cond_broadcast(&f->cv);
        pthread_mutex_unlock(&f->mu);
        pthread_join(f->th, NULL);
    }
    if (f->r) storeClose(f->r);
    for (int i = 0; i < RUN_RING; i++)
        if (f->b[i]) runBatchFree(f->b[i]), free(f->b[i]);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->cv);
    free(f);
}
