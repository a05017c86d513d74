/* Checking the city's typing (app/reconcile.h): the run compared, the counts, the
 * clerk's worklist and the city's result made publishable. The report's writers are
 * in reconcile_out.c. */
#include "app/reconcile.h"
#include "app/audit.h"
#include "app/digest.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "rules/reconcile.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

typedef struct newestRun { int64_t id; } newestRun;

static int reconcileNewest(void *ctx, const storeRun *r) {
    newestRun *n = ctx;
    if (!strcmp(r->status, "done") && (!r->source || !strcmp(r->source, "run"))) n->id = r->id; /* ids ascend */
    return 0;
}

int appReconcileRun(store *s, int year, int64_t run_req, int64_t *run_id, char *msg, size_t n) {
    arena a;
    storeRun r;
    arenaInit(&a, 1024, 0);
    int rc = 0;
    *run_id = 0;
    if (run_req) {
        rc = storeRunGet(s, run_req, &a, &r);
        if (rc) snprintf(msg, n, "%s", storeError(s));
        else if (r.year != year || strcmp(r.source, "run") || strcmp(r.status, "done"))
            snprintf(msg, n, "第 %lld 次分型不是 %d 年度已完成的区级分型 (run %lld is not a finished getihu run of %d)",
                     (long long)run_req, year, (long long)run_req, year), rc = GH_EINVAL;
        else *run_id = run_req;
    } else {
        int64_t pub = 0;
        /* decision 122: the published run, unless it is the city's own result */
        if (storePublishedRun(s, year, &pub) == 0 && storeRunGet(s, pub, &a, &r) == 0 && !strcmp(r.source, "run"))
            *run_id = pub;
        newestRun nr = {0};
        if (!*run_id && (rc = storeEachRun(s, year, reconcileNewest, &nr)) != 0) snprintf(msg, n, "%s", storeError(s));
        else if (!*run_id && !(*run_id = nr.id))
            snprintf(msg, n, "%d 年度还没有区级分型，请先运行 getihu run --year %d (no getihu run of %d)", year, year,
                     year), rc = GH_ENOTFOUND;
    }
    arenaFree(&a);
    return rc;
}

static int reconcileCountOne(void *ctx, int city, int own, int64_t count) {
    appReconcileCounts *c = ctx;
    c->n[city + 1][own + 1] += count;
    if (city != RECONCILE_NONE) c->city_total += count;
    if (city == own) c->agree += count;
    else c->differ += count;
    return 0;
}

int appReconcileCount(store *s, int year, int64_t run_id, appReconcileCounts *out) {
    memset(out, 0, sizeof *out);
    out->year = year;
    out->run_id = run_id;
    return storeReconcileCounts(s, year, run_id, reconcileCountOne, out);
}

const char *appSourceCode(const char *source) { return source && !strcmp(source, "city") ? "city" : "run"; }
const char *appSourceLabel(const char *source) {
    return source && !strcmp(source, "city") ? "市级分型结果" : "区级分型";
}

static const char *const checkCodes[3] = {"pending", "accepted", "raised"};
static const char *const checkLabels[3] = {"待核实", "认可市级结果", "已向市局反映"};

const char *appCityCheckCode(storeCityCheckStatus s) { return checkCodes[s]; }
const char *appCityCheckLabel(storeCityCheckStatus s) { return checkLabels[s]; }

int appCityCheckParse(storeCityCheckStatus *out, const char *code) {
    for (int i = 0; code && i < 3; i++)
        if (!strcmp(code, checkCodes[i]) || !strcmp(code, checkLabels[i])) {
            *out = (storeCityCheckStatus)i;
            return 0;
        }
    return GH_EINVAL;
}

static int reconcileFound(void *ctx, const storeReconcileRow *r) {
    (void)r;
    *(bool *)ctx = true;
    return 0;
}

int appCityCheck(store *s, const appActor *who, int year, const char *uscc, storeCityCheckStatus status,
                 const char *note, char *msg, size_t n) {
    int64_t run = 0;
    bool found = false;
    int rc = storeBegin(s); /* the difference is read in the transaction that records its status */
    if (rc) {
        snprintf(msg, n, "%s", storeError(s));
        return rc;
    }
    rc = appReconcileRun(s, year, 0, &run, msg, n);
    const storeReconcileQuery q = {.year = year, .run_id = run, .status = -1, .uscc = uscc};
    if (!rc && (rc = storeEachReconcile(s, &q, reconcileFound, &found)) != 0) snprintf(msg, n, "%s", storeError(s));
    if (!rc && !found)
        snprintf(msg, n, "%s 在 %d 年度的市级与区级分型结果一致或均无结果，无需核实 (no difference)", uscc, year),
            rc = GH_ENOTFOUND;
    storeCityCheckStatus before = CITY_CHECK_PENDING;
    const storeCityCheck c = {.year = year, .uscc = uscc, .note = note, .actor = who->name, .status = status};
    if (!rc && (rc = storeCityCheckSet(s, &c, &before)) != 0) snprintf(msg, n, "%s", storeError(s));
    if (!rc) {
        char object[96], b[64];
        sbuf after;
        sbufInit(&after);
        snprintf(object, sizeof object, "city_check %d %s", year, uscc);
        snprintf(b, sizeof b, "{\"status\":\"%s\"}", checkCodes[before]);
        sbufPrintf(&after, "{\"status\":\"%s\",\"run\":%lld,\"note\":", checkCodes[status], (long long)run);
        jsonwString(&after, note ? note : "");
        sbufPutc(&after, '}');
        const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = "city_check",
                              .object = object, .before = b, .after = after.failed ? NULL : after.data};
        rc = after.failed ? GH_ENOMEM : auditAppend(s, &e, (int64_t)time(NULL));
        if (rc) snprintf(msg, n, "%s", rc == GH_ENOMEM ? "内存不足 (out of memory)" : storeError(s));
        sbufFree(&after);
    }
    if (!rc && (rc = storeCommit(s)) != 0) snprintf(msg, n, "%s", storeError(s));
    if (rc) storeRollback(s);
    return rc;
}

int appCityRun(store *s, const appRunInfo *info, int year, int64_t *run_id, char *msg, size_t n) {
    char sha[65];
    digestSha256Hex(info->params_json, strlen(info->params_json), sha);
    const storeRun run = {.year = year, .params_json = info->params_json, .params_sha256 = sha,
                          .provisional = info->params->provisional, .program_version = info->version,
                          .actor = info->actor};
    arena a;
    arenaInit(&a, 1024, 0);
    storeRun made;
    int rc = storeBegin(s);
    if (!rc) rc = storeCityRunCreate(s, &run, run_id);
    if (!rc) rc = storeRunGet(s, *run_id, &a, &made);
    if (!rc) {
        char object[128], after[256];
        snprintf(object, sizeof object, "run #%lld year %d source city import #%lld", (long long)*run_id, year,
                 (long long)made.city_import_id);
        snprintf(after, sizeof after,
                 "{\"source\":\"city\",\"population\":%lld,\"survival\":%lld,\"growth\":%lld,\"development\":%lld,"
                 "\"ineligible\":%lld}", (long long)made.population, (long long)made.by_type[0],
                 (long long)made.by_type[1], (long long)made.by_type[2], (long long)made.by_type[3]);
        const storeAudit e = {.actor = info->actor, .role = info->role, .client = info->client, .action = "city_run",
                              .object = object, .after = after};
        rc = auditAppend(s, &e, (int64_t)time(NULL));
    }
    if (!rc) rc = storeCommit(s);
    if (rc) {
        snprintf(msg, n, "%s", storeError(s));
        storeRollback(s);
    }
    arenaFree(&a);
    return rc;
}
