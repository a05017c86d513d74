/* The reading thread of a tabular import (decision 325): reading and parsing a
 * record costs about as much as staging it, so the two run on two cores. Batches
 * go round a fixed ring: the reader fills a free slot, the importer takes the full
 * slots in order and frees them; a full ring makes the reader wait (memory flat). */
#include "app/import_feed.h"
#include "core/error.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_FEED_BATCHES 4
#define IMPORT_FEED_ROWS 2048

typedef enum { SLOT_FREE, SLOT_FULL, SLOT_TAKEN } slotState;

struct importFeed {
    rowReader *r;
    const extractHeader *h;
    const char (*names)[64];
    size_t width;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t freed, filled;
    importFeedBatch batch[IMPORT_FEED_BATCHES];
    slotState state[IMPORT_FEED_BATCHES];
    unsigned next_fill, next_take; /* slot indexes, modulo IMPORT_FEED_BATCHES */
    bool done, cancel;
    int rc; /* the reader's result, once done */
};

/* Marks item bad with copies of field and msg in a; GH_ENOMEM when a is full. */
static int feedBad(importFeedItem *it, arena *a, const char *field, const char *msg) {
    it->field = arenaStrndup(a, field, strlen(field));
    it->msg = arenaStrndup(a, msg, strlen(msg));
    return it->field && it->msg ? 0 : GH_ENOMEM;
}

/* Parses the reader's current record into it, as the import did in line: a
 * malformed record, a record of the wrong width, a field that does not parse and
 * a key too long are bad rows, anything else a fact and its key. */
static int feedParse(importFeed *f, importFeedItem *it, arena *a) {
    const rowReader *r = f->r;
    char field[96], msg[320], key[512];
    memset(it, 0, sizeof *it);
    it->line = r->row;
    if (r->bad[0])
        return feedBad(it, a, r->bad_field < f->width ? f->names[r->bad_field] : r->format == ROWS_CSV ? "(csv)" : "(sheet)",
                       r->bad);
    if (r->format == ROWS_CSV && r->nfields != f->width) { /* a shifted row would put values under the wrong columns */
        snprintf(msg, sizeof msg, "本行有 %zu 个字段，表头有 %zu 个 (row has %zu fields, header %zu)", r->nfields,
                 f->width, r->nfields, f->width);
        return feedBad(it, a, "(csv)", msg);
    }
    if (extractRowParseRows(&it->fact, f->h, r, a, field, sizeof field, msg, sizeof msg))
        return feedBad(it, a, field, msg);
    if (kindKey(key, sizeof key, kindGet(f->h->kind), &it->fact))
        return feedBad(it, a, kindGet(f->h->kind)->name, "关键列过长 (key columns too long)");
    it->key = arenaStrndup(a, key, strlen(key));
    return it->key ? 0 : GH_ENOMEM;
}

/* Fills batch b with the next records: 1 when it is full and more may follow, 0 at
 * the end of the file, or a negative GH_E*. */
static int feedFill(importFeed *f, importFeedBatch *b) {
    arenaReset(&b->a);
    b->n = 0;
    int rc = 1;
    while (b->n < IMPORT_FEED_ROWS && (rc = rowsNext(f->r)) == 1)
        if (feedParse(f, &b->items[b->n++], &b->a)) return GH_ENOMEM;
    return rc;
}

static void *feedMain(void *arg) {
    importFeed *f = arg;
    int rc = 1;
    while (rc == 1) {
        pthread_mutex_lock(&f->mu);
        const unsigned i = f->next_fill % IMPORT_FEED_BATCHES;
        while (f->state[i] != SLOT_FREE && !f->cancel) pthread_cond_wait(&f->freed, &f->mu);
        const bool cancel = f->cancel;
        pthread_mutex_unlock(&f->mu);
        if (cancel) break;
        rc = feedFill(f, &f->batch[i]);
        pthread_mutex_lock(&f->mu);
        if (f->batch[i].n) {
            f->state[i] = SLOT_FULL;
            f->next_fill++;
        }
        if (rc != 1) f->rc = rc;
        pthread_cond_signal(&f->filled);
        pthread_mutex_unlock(&f->mu);
    }
    pthread_mutex_lock(&f->mu);
    f->done = true;
    pthread_cond_signal(&f->filled);
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

/* Frees the batches and the synchronisation of f, and f. */
static void feedFree(importFeed *f) {
    for (int i = 0; i < IMPORT_FEED_BATCHES; i++) {
        arenaFree(&f->batch[i].a);
        free(f->batch[i].items);
    }
    pthread_cond_destroy(&f->filled);
    pthread_cond_destroy(&f->freed);
    pthread_mutex_destroy(&f->mu);
    free(f);
}

int importFeedStart(importFeed **out, rowReader *r, const extractHeader *h, const char (*names)[64], size_t width) {
    *out = NULL;
    importFeed *f = calloc(1, sizeof *f);
    if (!f) return GH_ENOMEM;
    *f = (importFeed){.r = r, .h = h, .names = names, .width = width};
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->freed, NULL);
    pthread_cond_init(&f->filled, NULL);
    bool ok = true;
    for (int i = 0; i < IMPORT_FEED_BATCHES; i++) {
        arenaInit(&f->batch[i].a, 256 * 1024, 0);
        ok &= (f->batch[i].items = malloc(IMPORT_FEED_ROWS * sizeof *f->batch[i].items)) != NULL;
    }
    if (!ok || pthread_create(&f->thread, NULL, feedMain, f)) {
        feedFree(f);
        return ok ? GH_EIO : GH_ENOMEM;
    }
    *out = f;
    return 0;
}

int importFeedNext(importFeed *f, importFeedBatch **b) {
    pthread_mutex_lock(&f->mu);
    const unsigned i = f->next_take % IMPORT_FEED_BATCHES;
    while (f->state[i] != SLOT_FULL && !f->done) pthread_cond_wait(&f->filled, &f->mu);
    const bool full = f->state[i] == SLOT_FULL; /* a slot filled before the end is still handed out */
    if (full) {
        f->state[i] = SLOT_TAKEN;
        f->next_take++;
        *b = &f->batch[i];
    }
    pthread_mutex_unlock(&f->mu);
    return full;
}

void importFeedRelease(importFeed *f, importFeedBatch *b) {
    pthread_mutex_lock(&f->mu);
    f->state[b - f->batch] = SLOT_FREE;
    pthread_cond_signal(&f->freed);
    pthread_mutex_unlock(&f->mu);
}

int importFeedStop(importFeed *f) {
    pthread_mutex_lock(&f->mu);
    f->cancel = true;
    pthread_cond_signal(&f->freed);
    pthread_mutex_unlock(&f->mu);
    pthread_join(f->thread, NULL);
    const int rc = f->rc;
    feedFree(f);
    return rc;
}
