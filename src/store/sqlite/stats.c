/* The statistics over a run's results in one pass each (decision 243): a run is read
 * as (uscc, type) in USCC order by merging the four (run, type) ranges of the covering
 * index results_type, corrections applied; counts by town or industry section merge
 * that with the businesses in USCC order, and the transitions merge two runs. No
 * per-result look-ups, no sorting in SQL. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ssStep(sqliteStore *q, sqlite3_stmt *st, int *rc) {
    *rc = sqlite3_step(st);
    return *rc == SQLITE_ROW || *rc == SQLITE_DONE ? 0 : sqlFail(q, "stats");
}

/* ssStep that also keeps the text of column 0 in *head: the merge compares the
 * heads of five cursors per result, and asking SQLite for the text each time was a
 * fifth of the statistics' CPU (decision 311). */
static int ssStepHead(sqliteStore *q, sqlite3_stmt *st, int *rc, const char **head) {
    const int k = ssStep(q, st, rc);
    *head = !k && *rc == SQLITE_ROW ? sqlColText(st, 0) : NULL;
    if (!k && *rc == SQLITE_ROW && !*head) return storeErrSet(q->base.err, GH_ENOMEM, NULL, "stats: 内存不足 (out of memory)");
    return k;
}

int sqliteRunReadNext(sqliteStore *q, sqliteRunRead *r) {
    int best = -1;
    for (int t = 0; t < 4; t++)
        if (r->rc[t] == SQLITE_ROW && (best < 0 || strcmp(r->head[t], r->head[best]) < 0)) best = t;
    r->on = best >= 0;
    if (!r->on) return 0;
    const size_t n = strnlen(r->head[best], USCC_LEN);
    memcpy(r->uscc, r->head[best], n);
    r->uscc[n] = 0;
    r->type = best;
    int rc = ssStepHead(q, r->st[best], &r->rc[best], &r->head[best]);
    while (!rc && r->crc == SQLITE_ROW && strcmp(r->chead, r->uscc) < 0) rc = ssStepHead(q, r->corr, &r->crc, &r->chead);
    if (!rc && r->crc == SQLITE_ROW && strcmp(r->chead, r->uscc) == 0) {
        bizType t = (bizType)r->type;
        typingTypeParse(&t, sqlColText(r->corr, 1)); /* decision 101: the corrected type */
        r->type = (int)t;
    }
    return rc;
}

void sqliteRunReadClose(sqliteRunRead *r) {
    for (int t = 0; t < 4; t++) sqlite3_finalize(r->st[t]);
    sqlite3_finalize(r->corr);
}

int sqliteRunReadOpen(sqliteStore *q, sqliteRunRead *r, int64_t run_id) {
    memset(r, 0, sizeof *r);
    int rc = 0;
    for (int t = 0; t < 4 && !rc; t++) {
        rc = sqlPrepare(q, "SELECT uscc FROM results INDEXED BY results_type WHERE run_id=?1 AND type=?2 ORDER BY uscc",
                        &r->st[t], "stats");
        if (rc) break;
        sqlite3_bind_int64(r->st[t], 1, run_id);
        sqlite3_bind_text(r->st[t], 2, typingTypeCode((bizType)t), -1, SQLITE_STATIC);
        rc = ssStepHead(q, r->st[t], &r->rc[t], &r->head[t]);
    }
    if (!rc) rc = sqlPrepare(q, "SELECT uscc,type FROM result_corrections WHERE run_id=?1 ORDER BY uscc", &r->corr, "stats");
    if (!rc) {
        sqlite3_bind_int64(r->corr, 1, run_id);
        rc = ssStepHead(q, r->corr, &r->crc, &r->chead);
    }
    return rc ? rc : sqliteRunReadNext(q, r);
}

/* ---- counts by a dimension ---- */

typedef struct ssKey { char *key; int64_t n[4]; } ssKey; /* key NULL: the business has none */
typedef struct ssKeys { ssKey *v; size_t n, cap; } ssKeys;

/* NULL sorts first, then bytewise: SQLite's ORDER BY on the key. */
static int ssKeyCmp(const char *a, const char *b) { return !a ? (b ? -1 : 0) : !b ? 1 : strcmp(a, b); }

/* The counts of key k, added in order when new. NULL when out of memory. */
static ssKey *ssKeyFind(ssKeys *ks, const char *k) {
    size_t lo = 0, hi = ks->n;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        const int c = ssKeyCmp(ks->v[mid].key, k);
        if (!c) return &ks->v[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    if (ks->n == ks->cap) {
        const size_t cap = ks->cap ? ks->cap * 2 : 32;
        ssKey *v = realloc(ks->v, cap * sizeof *v);
        if (!v) return NULL;
        ks->v = v, ks->cap = cap;
    }
    ssKey x = {k ? strdup(k) : NULL, {0}};
    if (k && !x.key) return NULL;
    memmove(&ks->v[lo + 1], &ks->v[lo], (ks->n - lo) * sizeof *ks->v);
    ks->v[lo] = x;
    ks->n++;
    return &ks->v[lo];
}

static void ssKeysFree(ssKeys *ks) {
    for (size_t i = 0; i < ks->n; i++) free(ks->v[i].key);
    free(ks->v);
}

/* Counts run's results into ks by the key column of biz (NULL: one NULL key). */
static int ssCount(sqliteStore *q, sqliteRunRead *r, sqlite3_stmt *biz, ssKeys *ks) {
    int brc = SQLITE_DONE;
    const char *bu = NULL; /* the USCC under biz */
    int rc = biz ? ssStepHead(q, biz, &brc, &bu) : 0;
    ssKey *last = NULL; /* the key counted last: neighbours in USCC order often share a town */
    while (!rc && r->on) {
        while (!rc && brc == SQLITE_ROW && strcmp(bu, r->uscc) < 0) rc = ssStepHead(q, biz, &brc, &bu);
        if (rc) break;
        const char *key = brc == SQLITE_ROW && strcmp(bu, r->uscc) == 0 ? sqlColText(biz, 1) : NULL;
        ssKey *k = last && !ssKeyCmp(last->key, key) ? last : (last = ssKeyFind(ks, key));
        if (!k) return storeErrSet(q->base.err, GH_ENOMEM, NULL, "stats: 内存不足 (out of memory)");
        k->n[r->type]++;
        rc = sqliteRunReadNext(q, r);
    }
    return rc;
}

static int sqliteCountBy(storeBackend *b, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    const char *sql = !dimension ? "" : strcmp(dimension, "town") == 0 ? "SELECT uscc,town FROM businesses ORDER BY uscc"
                    : strcmp(dimension, "section") == 0 ? "SELECT uscc,substr(industry,1,1) FROM businesses ORDER BY uscc"
                                                       : NULL;
    if (!sql) return storeErrSet(q->base.err, GH_EINVAL, "dimension", "unknown dimension %s", dimension);
    sqlite3_stmt *biz = NULL;
    sqliteRunRead r = {0};
    ssKeys ks = {0};
    int rc = *sql ? sqlPrepare(q, sql, &biz, "stats") : 0;
    if (!rc) rc = sqliteRunReadOpen(q, &r, run_id);
    if (!rc) rc = ssCount(q, &r, biz, &ks);
    for (size_t i = 0; !rc && i < ks.n; i++)
        for (int t = 0; !rc && t < 4; t++)
            if (ks.v[i].n[t]) rc = fn(ctx, ks.v[i].key, (bizType)t, ks.v[i].n[t]);
    sqliteRunReadClose(&r);
    sqlite3_finalize(biz);
    ssKeysFree(&ks);
    return rc;
}

/* ---- transitions ---- */

static int sqliteTransitions(storeBackend *b, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    int64_t m[5][5] = {{0}}; /* [from + 1][to + 1] */
    sqliteRunRead x = {0}, y = {0};
    int rc = sqliteRunReadOpen(q, &x, from_run);
    if (!rc) rc = sqliteRunReadOpen(q, &y, to_run);
    while (!rc && (x.on || y.on)) {
        const int c = !x.on ? 1 : !y.on ? -1 : strcmp(x.uscc, y.uscc);
        m[c <= 0 ? x.type + 1 : 0][c >= 0 ? y.type + 1 : 0]++;
        if (c <= 0) rc = sqliteRunReadNext(q, &x);
        if (!rc && c >= 0) rc = sqliteRunReadNext(q, &y);
    }
    sqliteRunReadClose(&x);
    sqliteRunReadClose(&y);
    for (int f = 0; !rc && f < 5; f++)
        for (int t = 0; !rc && t < 5; t++)
            if (m[f][t]) rc = fn(ctx, f - 1, t - 1, m[f][t]);
    return rc;
}

void sqliteStatsInstall(storeBackend *b) {
    b->countBy = sqliteCountBy;
    b->transitions = sqliteTransitions;
}
