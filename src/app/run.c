#include "app/run.h"
#include "app/audit.h"
#include "app/digest.h"
#include "app/measures.h"
#include "app/run_pool.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "io/result_json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct appRunCtx {
    store *s;
    const appRunInfo *info;
    appRunResult *out;
    runPool *pool;
    runBatch *batch[2]; /* one filled by the store's thread while the workers type the other */
    int cur, inflight;  /* the batch being filled; the one being typed (-1: none) */
} appRunCtx;

/* Writes the typed batch b in its (USCC) order, counting the population. */
static int appRunWrite(appRunCtx *c, runBatch *b) {
    for (size_t i = 0; i < b->n; i++) {
        const runSlot *x = &b->slot[i];
        const int rc = storeResultAdd(c->s, c->out->run_id, x->d.uscc, x->type, b->out[x->worker].data + x->off,
                                      x->len);
        if (rc) return rc;
        c->out->population++;
        c->out->by_type[x->type]++;
        if (c->info->progress && (c->out->population & 1023) == 0)
            c->info->progress(c->info->progress_ctx, c->out->population);
    }
    return 0;
}

/* Waits for the batch in flight and writes it. */
static int appRunDrain(appRunCtx *c) {
    if (c->inflight < 0) return 0;
    runBatch *b = c->batch[c->inflight];
    c->inflight = -1;
    const int rc = runPoolWait(c->pool);
    return rc ? rc : appRunWrite(c, b);
}

/* Hands the filled batch to the workers, after writing the one they typed before. */
static int appRunFlush(appRunCtx *c) {
    const int rc = appRunDrain(c);
    if (rc) return rc;
    runPoolType(c->pool, c->batch[c->cur]);
    c->inflight = c->cur;
    c->cur ^= 1;
    runBatchReset(c->batch[c->cur]);
    return 0;
}

/* Adds one business of the store to the batch, when it belongs to the year's population. */
static int appRunOne(void *ctx, const dossier *d) {
    appRunCtx *c = ctx;
    if (d->established == DATE_NONE || d->established > c->info->params->reference_date) return 0; /* RULES.md "Time" */
    runBatch *b = c->batch[c->cur];
    const int rc = runBatchAdd(b, d);
    if (rc) return rc;
    return b->n == RUN_BATCH ? appRunFlush(c) : 0;
}

/* Types every business of the store: batches typed on the workers, written here in
 * USCC order (decision 240). */
static int appRunAll(appRunCtx *c) {
    int rc = storeEachDossier(c->s, appRunOne, c);
    if (!rc && c->batch[c->cur]->n) rc = appRunFlush(c);
    if (!rc) rc = appRunDrain(c);
    if (rc && c->inflight >= 0) runPoolWait(c->pool); /* the workers let go of the batch before it is freed */
    return rc;
}

/* A run on a damaged store would type what it misreads, and could be published:
 * the structure is checked first, inside the run's transaction (what it checks is
 * what the run reads). GH_EINVAL with out->message when damaged. */
static int appRunVerify(store *s, appRunResult *out) {
    char result[256];
    if (storeVerify(s, STORE_VERIFY_QUICK, result, sizeof result)) return GH_EIO;
    if (!strcmp(result, "ok")) return 0;
    snprintf(out->message, sizeof out->message,
             "数据库 %s 已损坏，拒绝分型 (damaged database: run refused): %s；请运行 getihu db check，并从备份恢复",
             storeLocation(s), result);
    return GH_EINVAL;
}

int appRunYear(store *s, const appRunInfo *info, appRunResult *out) {
    memset(out, 0, sizeof *out);
    appRunCtx c = {.s = s, .info = info, .out = out, .inflight = -1};
    for (int i = 0; i < 2; i++)
        if ((c.batch[i] = malloc(sizeof *c.batch[i]))) runBatchInit(c.batch[i]);
    int rc = c.batch[0] && c.batch[1] ? runPoolStart(&c.pool, runPoolWorkers(), info->params) : GH_ENOMEM;
    char sha[65];
    digestSha256Hex(info->params_json, strlen(info->params_json), sha);
    const storeRun run = {.year = info->params->year, .params_json = info->params_json,
                          .params_sha256 = sha, .provisional = info->params->provisional,
                          .program_version = info->version, .actor = info->actor,
                          .name = info->name, .note = info->note};
    if (rc) snprintf(out->message, sizeof out->message, "内存不足或无法启动分型线程 (cannot start the typing threads)");
    if (!rc) rc = storeBegin(s);
    if (!rc) rc = appRunVerify(s, out);
    if (!rc) rc = storeRunCreate(s, &run, &out->run_id);
    if (!rc) rc = appRunAll(&c);
    if (!rc) rc = storeRunFinish(s, out->run_id, out->population, out->by_type);
    char object[128], after[256];
    snprintf(object, sizeof object, "run #%lld year %d params sha256:%s", (long long)out->run_id, info->params->year,
             sha);
    snprintf(after, sizeof after,
             "{\"population\":%lld,\"survival\":%lld,\"growth\":%lld,\"development\":%lld,\"ineligible\":%lld}",
             (long long)out->population, (long long)out->by_type[0], (long long)out->by_type[1],
             (long long)out->by_type[2], (long long)out->by_type[3]);
    const storeAudit audit = {.actor = info->actor, .role = info->role, .client = info->client, .action = "run",
                              .object = object, .after = after};
    if (!rc) rc = auditAppend(s, &audit, (int64_t)time(NULL));
    if (!rc) rc = storeCommit(s);
    if (rc && !out->message[0])
        snprintf(out->message, sizeof out->message, "数据库 %s: %s", storeLocation(s), storeError(s));
    if (rc) storeRollback(s);
    if (!rc && info->progress) info->progress(info->progress_ctx, out->population);
    runPoolStop(c.pool);
    for (int i = 0; i < 2; i++)
        if (c.batch[i]) runBatchFree(c.batch[i]), free(c.batch[i]);
    return rc;
}

int appPublish(store *s, const appActor *who, int64_t run_id, int *year) {
    storeRun run;
    int64_t before = 0;
    arena ra;
    arenaInit(&ra, 1024, 0);
    int rc = storeBegin(s); /* the run published until now is read in the same transaction */
    if (!rc) rc = storeRunGet(s, run_id, &ra, &run);
    if (!rc) {
        rc = storePublishedRun(s, run.year, &before);
        if (rc == GH_ENOTFOUND) rc = 0, before = 0; /* the year's first publication */
    }
    if (!rc) rc = storePublish(s, run_id, who->name, year);
    int64_t changed = 0; /* entitlement changes against the run published before (decision 89) */
    if (!rc) rc = appEntitlementsAtPublish(s, run_id, *year, before, (int64_t)time(NULL), &changed);
    if (!rc) {
        char object[64], b[64], a[64];
        snprintf(object, sizeof object, "publication %d", *year);
        snprintf(b, sizeof b, "{\"run\":%lld}", (long long)before);
        snprintf(a, sizeof a, "{\"run\":%lld,\"measure_changes\":%lld}", (long long)run_id, (long long)changed);
        const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "publish",
                              .object = object, .before = before ? b : NULL, .after = a};
        rc = auditAppend(s, &e, (int64_t)time(NULL));
    }
    if (!rc) rc = storeCommit(s);
    if (rc) storeRollback(s); /* keeps the store's error message */
    arenaFree(&ra);
    return rc;
}
