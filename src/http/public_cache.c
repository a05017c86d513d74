/* The public look-up's answer cache (decision 300): see public_cache.h. */
#include "http/public_cache.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

int publicCacheInit(publicCache *c, size_t entries, size_t max_bytes) {
    memset(c, 0, sizeof *c);
    pthread_mutex_init(&c->mu, NULL);
    c->epoch = 1;
    c->sets = entries / PUBLIC_CACHE_WAYS;
    c->max_bytes = max_bytes;
    if (!c->sets || !max_bytes) return 0;
    c->e = calloc(c->sets * PUBLIC_CACHE_WAYS, sizeof *c->e);
    if (!c->e) c->sets = 0;
    return c->e ? 0 : GH_ENOMEM;
}

void publicCacheFree(publicCache *c) {
    for (size_t i = 0; c->e && i < c->sets * PUBLIC_CACHE_WAYS; i++) free(c->e[i].answer);
    free(c->e);
    c->e = NULL;
    pthread_mutex_destroy(&c->mu);
}

uint64_t publicCacheEpoch(publicCache *c, store *s) {
    uint64_t token = 0;
    if (!c->e || storeDataVersion(s, &token) || !token) return 0;
    pthread_mutex_lock(&c->mu);
    int i = 0;
    while (i < c->n_seen && c->seen[i].s != s) i++;
    uint64_t epoch = 0;
    if (i < PUBLIC_CACHE_HANDLES) {
        if (i == c->n_seen) c->seen[c->n_seen++].s = s, c->seen[i].token = 0; /* a new handle: assume a change */
        if (c->seen[i].token != token) c->seen[i].token = token, c->epoch++;
        epoch = c->epoch;
    }
    pthread_mutex_unlock(&c->mu);
    return epoch;
}

/* FNV-1a of the query, mixed with the day. */
static uint64_t publicCacheHash(const char *q, civilDate today) {
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uint32_t)today;
    for (const unsigned char *p = (const unsigned char *)q; *p; p++) h = (h ^ *p) * 1099511628211ull;
    return h;
}

static publicCacheEntry *publicCacheSet(publicCache *c, uint64_t h) {
    return c->e + (h % c->sets) * PUBLIC_CACHE_WAYS;
}

static bool publicCacheIs(const publicCacheEntry *e, uint64_t h, const char *q, civilDate today) {
    return e->answer && e->hash == h && e->today == today && !strcmp(e->key, q);
}

bool publicCacheGet(publicCache *c, uint64_t epoch, const char *q, civilDate today, sbuf *out) {
    if (!c->e || !epoch || strlen(q) >= PUBLIC_CACHE_KEY) return false;
    const uint64_t h = publicCacheHash(q, today);
    bool hit = false;
    pthread_mutex_lock(&c->mu);
    publicCacheEntry *set = publicCacheSet(c, h);
    for (int w = 0; w < PUBLIC_CACHE_WAYS && !hit; w++) {
        publicCacheEntry *e = &set[w];
        if (!publicCacheIs(e, h, q, today) || e->epoch != epoch || epoch != c->epoch) continue;
        e->used = ++c->clock;
        sbufAppend(out, e->answer, e->len);
        hit = true;
    }
    pthread_mutex_unlock(&c->mu);
    return hit;
}

static void publicCacheDrop(publicCache *c, publicCacheEntry *e) {
    c->bytes -= e->len;
    free(e->answer);
    e->answer = NULL;
    e->len = 0;
}

void publicCachePut(publicCache *c, uint64_t epoch, const char *q, civilDate today, const char *answer, size_t len) {
    if (!c->e || !epoch || strlen(q) >= PUBLIC_CACHE_KEY || len > c->max_bytes / 16) return;
    const uint64_t h = publicCacheHash(q, today);
    char *copy = malloc(len);
    if (!copy) return;
    memcpy(copy, answer, len);
    pthread_mutex_lock(&c->mu);
    publicCacheEntry *set = publicCacheSet(c, h), *victim = &set[0];
    for (int w = 0; w < PUBLIC_CACHE_WAYS; w++) { /* the same key, else an empty entry, else the oldest */
        publicCacheEntry *e = &set[w];
        if (publicCacheIs(e, h, q, today)) {
            victim = e;
            break;
        }
        if (victim->answer && (!e->answer || e->used < victim->used)) victim = e;
    }
    if (victim->answer) publicCacheDrop(c, victim);
    for (size_t i = 0; c->bytes + len > c->max_bytes && i < c->sets * PUBLIC_CACHE_WAYS; i++)
        if (c->e[i].answer && c->e[i].epoch != c->epoch) publicCacheDrop(c, &c->e[i]); /* stale ones first */
    if (epoch == c->epoch && c->bytes + len <= c->max_bytes) {
        victim->hash = h, victim->epoch = epoch, victim->used = ++c->clock, victim->today = today;
        memcpy(victim->key, q, strlen(q) + 1);
        victim->answer = copy, victim->len = len;
        c->bytes += len;
        copy = NULL;
    }
    pthread_mutex_unlock(&c->mu);
    free(copy);
}
