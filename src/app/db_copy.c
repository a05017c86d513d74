/* getihu db copy (issue 12 §3, decisions 262-263): table by table through the store's backend-neutral dump and
 * load, then verified inside the target's transaction by counts and by typing the year on both. */
#include "app/db_copy.h"
#include "app/audit.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/result_json.h"
#include "rules/typing.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define COPY_TABLES 128
#define COPY_COLUMNS 128
#define COPY_NAME 64

typedef struct copyNames {
    char name[COPY_TABLES][COPY_NAME];
    int n;
} copyNames;

static int copyAddName(void *ctx, const char *name) {
    copyNames *c = ctx;
    if (c->n >= COPY_TABLES || strlen(name) >= COPY_NAME) return GH_ERANGE;
    snprintf(c->name[c->n++], COPY_NAME, "%s", name);
    return 0;
}

typedef struct copyLoad {
    store *to;
    int64_t rows;
} copyLoad;

static int copyRow(void *ctx, const storeValue *v, int n) {
    copyLoad *l = ctx;
    l->rows++;
    return storeLoadRow(l->to, v, n);
}

/* Copies one table: its columns named by the source, its rows in primary-key order. */
static int copyTable(store *from, store *to, const char *table, int64_t *rows, appCopyResult *out) {
    copyNames cols = {.n = 0};
    int rc = storeEachColumn(from, table, copyAddName, &cols);
    if (rc) {
        snprintf(out->message, sizeof out->message, "源库 %s 表 %s: %s", storeLocation(from), table,
                 rc == GH_ERANGE ? "too many columns" : storeError(from));
        return rc;
    }
    const char *names[COPY_TABLES];
    for (int i = 0; i < cols.n; i++) names[i] = cols.name[i];
    copyLoad l = {.to = to};
    rc = storeLoadBegin(to, table, names, cols.n);
    if (!rc) rc = storeEachRow(from, table, copyRow, &l);
    if (!rc) rc = storeLoadEnd(to);
    if (rc) {
        const char *why = storeError(to)[0] ? storeError(to) : storeError(from);
        snprintf(out->message, sizeof out->message, "表 %s 第 %lld 行 (table %s, row %lld): %s", table,
                 (long long)l.rows, table, (long long)l.rows, why);
    }
    *rows = l.rows;
    return rc;
}

typedef struct copyTyping {
    const yearParams *p;
    crypto_hash_sha256_state h;
    sbuf reasons;
    int64_t population, by_type[4];
} copyTyping;

/* The run's own population rule and typing (app/run.c appRunOne: RULES.md "Time", A1.3), hashed instead of
 * stored, so that verifying writes nothing to the source. */
static int copyTypeOne(void *ctx, const dossier *d) {
    copyTyping *t = ctx;
    if (d->established == DATE_NONE || d->established > t->p->reference_date) return 0;
    typingResult r;
    if (typingClassify(&r, d, t->p)) return GH_EINVAL;
    sbufClear(&t->reasons);
    resultWriteReasons(&t->reasons, &r);
    if (t->reasons.failed) return GH_ENOMEM;
    char head[64];
    const int n = snprintf(head, sizeof head, "%s\t%d\t", d->uscc, (int)r.type);
    crypto_hash_sha256_update(&t->h, (const unsigned char *)head, (unsigned long long)n);
    crypto_hash_sha256_update(&t->h, (const unsigned char *)t->reasons.data, t->reasons.len);
    crypto_hash_sha256_update(&t->h, (const unsigned char *)"\n", 1);
    t->population++;
    t->by_type[r.type]++;
    return 0;
}

/* Types the year from s's directory: population, counts by type and the digest of every result. */
static int copyTypeStore(store *s, const yearParams *p, copyTyping *t, char digest[65]) {
    memset(t, 0, sizeof *t);
    t->p = p;
    sbufInit(&t->reasons);
    crypto_hash_sha256_init(&t->h);
    const int rc = storeEachDossier(s, copyTypeOne, t);
    unsigned char sum[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&t->h, sum);
    sodium_bin2hex(digest, 65, sum, sizeof sum);
    sbufFree(&t->reasons);
    return rc;
}

/* GH_EREFUSED (with the message) when any table of to holds a row. */
static int copyTargetEmpty(store *to, appCopyResult *out) {
    copyNames t = {.n = 0};
    int rc = storeEachTable(to, copyAddName, &t);
    for (int i = 0; i < t.n && !rc; i++) {
        int64_t n = 0;
        rc = storeCountRows(to, t.name[i], &n);
        if (!rc && n > 0) {
            snprintf(out->message, sizeof out->message,
                     "目标库 %s 不是空的：表 %s 有 %lld 行，拒绝复制 (target not empty: refused)", storeLocation(to),
                     t.name[i], (long long)n);
            return GH_EREFUSED;
        }
    }
    return rc;
}

/* The tables a copy leaves out (decision 273): the sign-in back-off of the servers
 * that used the source (hashed addresses and their delays) is the state of those
 * servers, not of the district, and starts empty on a new store. */
static bool copyLeftOut(const char *table) { return strcmp(table, "throttle") == 0; }

/* Every table but those left out, then the counts of both sides compared. */
static int copyAll(store *from, store *to, const appCopyInfo *info, appCopyResult *out) {
    copyNames t = {.n = 0};
    int rc = storeEachTable(from, copyAddName, &t);
    for (int i = 0; i < t.n && !rc; i++) {
        int64_t rows = 0, src = 0, dst = 0;
        if (copyLeftOut(t.name[i])) continue;
        rc = copyTable(from, to, t.name[i], &rows, out);
        if (!rc) rc = storeCountRows(from, t.name[i], &src);
        if (!rc) rc = storeCountRows(to, t.name[i], &dst);
        if (rc) break;
        if (info->table) info->table(info->ctx, t.name[i], src, dst);
        if (src != dst || rows != src) {
            snprintf(out->message, sizeof out->message, "表 %s 行数不同 (counts differ): 源 %lld, 目标 %lld", t.name[i],
                     (long long)src, (long long)dst);
            return GH_EINVAL;
        }
        out->tables++, out->rows += rows;
    }
    return rc;
}

/* The year typed on both: identical population, counts and digest, or GH_EINVAL. */
static int copyVerify(store *from, store *to, const yearParams *p, appCopyResult *out) {
    copyTyping a, b;
    char da[65], db[65];
    int rc = copyTypeStore(from, p, &a, da);
    if (!rc) rc = copyTypeStore(to, p, &b, db);
    if (rc) return rc;
    if (a.population != b.population || memcmp(a.by_type, b.by_type, sizeof a.by_type) || strcmp(da, db)) {
        snprintf(out->message, sizeof out->message,
                 "%d 年分型结果不同 (typing differs): 源 %lld 户 sha256 %.12s, 目标 %lld 户 sha256 %.12s", p->year,
                 (long long)a.population, da, (long long)b.population, db);
        return GH_EINVAL;
    }
    out->population = a.population;
    memcpy(out->by_type, a.by_type, sizeof a.by_type);
    memcpy(out->digest, da, sizeof da);
    return 0;
}

int appDbCopy(store *from, store *to, const appCopyInfo *info, appCopyResult *out) {
    memset(out, 0, sizeof *out);
    int rc = storeReadBegin(from);
    if (rc) {
        snprintf(out->message, sizeof out->message, "源库 %s: %s", storeLocation(from), storeError(from));
        return rc;
    }
    rc = storeBegin(to);
    if (!rc) rc = copyTargetEmpty(to, out);
    if (!rc) rc = copyAll(from, to, info, out);
    if (!rc) rc = copyVerify(from, to, info->params, out);
    char object[128], after[160];
    snprintf(object, sizeof object, "copy of %lld rows in %d tables", (long long)out->rows, out->tables);
    snprintf(after, sizeof after, "{\"tables\":%d,\"rows\":%lld,\"year\":%d,\"population\":%lld}", out->tables,
             (long long)out->rows, info->params->year, (long long)out->population);
    const storeAudit audit = {.actor = info->actor, .role = info->role, .client = info->client, .action = "db.copy",
                              .object = object, .after = after};
    if (!rc) rc = auditAppend(to, &audit, (int64_t)time(NULL));
    if (!rc) rc = storeCommit(to);
    if (rc && !out->message[0]) snprintf(out->message, sizeof out->message, "%s", storeError(to)[0] ? storeError(to) : storeError(from));
    if (rc) storeRollback(to);
    storeReadEnd(from);
    return rc;
}
