#ifndef GETIHU_HTTP_PUBLIC_CACHE_H
#define GETIHU_HTTP_PUBLIC_CACHE_H
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/sbuf.h"
#include "store/store.h"

/* The public look-up's answers, kept by normalised query and day (decision 300).
 * An answer is served only while nothing it was read from can have changed: each
 * request first asks its store handle for its data version (storeDataVersion); a
 * handle that saw a change moves the cache to a new epoch, and answers of an older
 * epoch are never served again. Bounded in entries and in bytes; within a set of
 * PUBLIC_CACHE_WAYS entries the least recently used goes first. Shared by the
 * server's threads (one mutex: a hit holds it for one copy of a few hundred bytes). */

#define PUBLIC_CACHE_WAYS 8
#define PUBLIC_CACHE_KEY 65 /* PUBLIC_MAX_QUERY + 1 */
#define PUBLIC_CACHE_HANDLES 64

typedef struct publicCacheEntry {
    uint64_t hash, epoch, used;
    civilDate today;
    char key[PUBLIC_CACHE_KEY];
    char *answer; /* malloc'd, NULL for an empty entry */
    size_t len;
} publicCacheEntry;

typedef struct publicCache {
    pthread_mutex_t mu;
    publicCacheEntry *e; /* sets * PUBLIC_CACHE_WAYS, NULL when the cache is off */
    size_t sets, bytes, max_bytes;
    uint64_t epoch, clock;
    struct { const store *s; uint64_t token; } seen[PUBLIC_CACHE_HANDLES]; /* each handle's last token */
    int n_seen;
} publicCache;

/* A cache of at most entries answers (rounded down to whole sets; 0: off) and
 * max_bytes of answer text. 0, or GH_ENOMEM (the cache is then off). */
int publicCacheInit(publicCache *c, size_t entries, size_t max_bytes);
void publicCacheFree(publicCache *c);
/* The epoch s may serve and fill answers in after checking its data version, or 0
 * when nothing may be cached (the cache is off, the backend has no check, the check
 * failed, too many handles). Call it before the look-up's read transaction. */
uint64_t publicCacheEpoch(publicCache *c, store *s);
/* Appends to out the answer to q on today kept in epoch; false when there is none. */
bool publicCacheGet(publicCache *c, uint64_t epoch, const char *q, civilDate today, sbuf *out);
/* Keeps answer (len bytes) to q on today, read in epoch; an answer larger than a
 * sixteenth of the byte cap is not kept. A failed allocation keeps nothing. */
void publicCachePut(publicCache *c, uint64_t epoch, const char *q, civilDate today, const char *answer, size_t len);
#endif
