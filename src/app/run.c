#include "app/run.h"
#include "app/audit.h"
#include "app/digest.h"
#include "app/measures.h"
#include "app/run_check.h"
#include "app/run_feed.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "rules/render.h"
#include "rules/result_facts.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct appRunCtx {
    store *s;
    const appRunInfo *info;
    appRunResult *out;
    int renderer; /* the renderer version of the run's stored reasons (issue 12 §1) */
    storeResultRow rows[RUN_BATCH]; /* one batch handed to the store */
} appRunCtx;

/* Writes the typed batch b in its (USCC) order, counting the population: the whole
 * batch in one store call (decision 290). */
static int appRunWrite(appRunCtx *c, const runBatch *b) {
    storeResultRow *rows = c->rows;
    for (size_t i = 0; i < b->n; i++) {
        const runSlot *x = &b->slot[i];
        rows[i] = (storeResultRow){x->d.uscc, x->type, b->out[x->worker].data + x->off, x->len};
    }
    const int rc = storeResultAddMany(c->s, c->out->run_id, rows, b->n);
    if (rc) return rc;
    for (size_t i = 0; i < b->n; i++) {
        c->out->population++;
        c->out->by_type[b->slot[i].type]++;
        if (c->info->progress && (c->out->population & 1023) == 0)
            c->info->progress(c->info->progress_ctx, c->out->population);
    }
    return 0;
}

/* Types every business of the store (decisions 240, 241): the feed reads batches on
 * its thread, the pool types one batch while this thread writes the one before, in
 * USCC order, inside the run's transaction. */
static int appRunAll(appRunCtx *c) {
    runFeed *feed = NULL;
    runPool *pool = NULL;
    int rc = runFeedStart(&feed, c->s, c->info->params->reference_date, c->out->message,
                          sizeof c->out->message);
    if (!rc && (rc = runPoolStart(&pool, runPoolWorkers(), c->info->params, c->renderer)))
        snprintf(c->out->message, sizeof c->out->message, "无法启动分型线程 (cannot start the typing threads)");
    runBatch *prev = NULL, *b;
    int k = 1;
    while (!rc && (k = runFeedNext(feed, &b)) == 0) {
        if (prev && (rc = runPoolWait(pool))) break;
        runPoolType(pool, b);
        if (prev) rc = appRunWrite(c, prev), runFeedRelease(feed);
        prev = b;
    }
    if (!rc && k < 0) {
        rc = k;
        snprintf(c->out->message, sizeof c->out->message, "数据库 %s: %s", storeLocation(c->s), runFeedError(feed));
    }
    if (!rc && prev && !(rc = runPoolWait(pool))) rc = appRunWrite(c, prev);
    runPoolStop(pool); /* waits for the batch in flight, if any */
    runFeedStop(feed);
    return rc;
}

/* A run on a damaged store would type what it misreads, and could be published:
 * the structure of what the run reads is checked, in the run's snapshot, while it
 * types (decision 242); a damaged store fails the run before anything is committed,
 * whatever else went wrong. GH_EINVAL with out->message when damaged. */
static int appRunVerdict(runCheck *check, const store *s, int rc, appRunResult *out) {
    if (!check) return rc;
    const char *result, *message;
    const int crc = runCheckWait(check, &result, &message);
    if (!crc && strcmp(result, "ok") != 0) {
        snprintf(out->message, sizeof out->message,
                 "数据库 %s 已损坏，拒绝分型 (damaged database: run refused): %s；请运行 getihu db check，并从备份恢复",
                 storeLocation(s), result);
        return GH_EINVAL;
    }
    if (crc && !rc) snprintf(out->message, sizeof out->message, "数据库 %s: %s", storeLocation(s), message);
    return rc ? rc : crc;
}

int appRunYear(store *s, const appRunInfo *info, appRunResult *out) {
    memset(out, 0, sizeof *out);
    appRunCtx c = {.s = s, .info = info, .out = out, .renderer = info->renderer ? info->renderer : RENDER_CURRENT};
    char sha[65];
    digestSha256Hex(info->params_json, strlen(info->params_json), sha);
    const storeRun run = {.year = info->params->year, .params_json = info->params_json,
                          .params_sha256 = sha, .provisional = info->params->provisional,
                          .program_version = info->version, .actor = info->actor,
                          .name = info->name, .note = info->note, .renderer = c.renderer};
    runCheck *check = NULL;
    int rc = storeBegin(s); /* the write lock first: the check and the feed then see what the run writes over */
    if (!rc) rc = runCheckStart(&check, s, out->message, sizeof out->message);
    if (!rc) rc = storeRunCreate(s, &run, &out->run_id);
    if (!rc) rc = appRunAll(&c);
    rc = appRunVerdict(check, s, rc, out);
    runCheckFree(check);
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
