#ifndef GETIHU_APP_IMPORT_FEED_H
#define GETIHU_APP_IMPORT_FEED_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "io/extract.h"
#include "io/rows.h"

/* The reading side of a tabular import on a thread of its own (decision 325): one
 * thread reads and parses the file's records (io/rows.c, io/extract.c, the kind's
 * key) into batches; the importing thread takes them in file order and stages them.
 * At most IMPORT_FEED_BATCHES batches exist at once: memory does not grow with the
 * file. Every store call stays on the importing thread, so bad rows are recorded
 * in the order they were before. */

/* One record as parsed: good (fact and key) or bad (field and msg say why). */
typedef struct importFeedItem {
    uint64_t line;
    const char *field, *msg; /* NULL for a good record */
    const char *key;
    bizFact fact;
} importFeedItem;

typedef struct importFeedBatch {
    arena a; /* the batch's strings */
    importFeedItem *items;
    size_t n;
} importFeedBatch;

typedef struct importFeed importFeed;

/* Starts the reading thread on r, whose header h has been mapped; names[i] is
 * header field i's text (width fields), for messages. r belongs to the feed until
 * importFeedStop. 0, or GH_ENOMEM / GH_EIO (no thread: nothing to stop). */
int importFeedStart(importFeed **out, rowReader *r, const extractHeader *h, const char (*names)[64], size_t width);
/* The next batch in file order (1), or 0 when the reader has stopped (end of file
 * or an error importFeedStop returns). Give it back with importFeedRelease. */
int importFeedNext(importFeed *f, importFeedBatch **b);
/* Hands a batch importFeedNext gave back to the reading thread. */
void importFeedRelease(importFeed *f, importFeedBatch *b);
/* Stops the reading thread (at once if it is still reading) and frees the feed.
 * The reader's result: 0 after the end of the file, or rowsNext's negative GH_E*
 * (r->err says why), or GH_ENOMEM. */
int importFeedStop(importFeed *f);
#endif
