/* The front of the store: picks the backend from the location, keeps the handle's
 * error record and dispatches each call to the backend (one indirect call). */
#include "store/store.h"
#include "core/error.h"
#include "store/backend.h"
#include "store/render.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct store {
    storeBackend *be;
    storeErr err;
    char *location; /* as shown: a URL without its password */
    char *opened;   /* as given to storeOpen, for storeOpenLike */
};

int storeErrSet(storeErr *e, int code, const char *field, const char *fmt, ...) {
    e->code = code;
    snprintf(e->field, sizeof e->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
    return code;
}

/* Clears the record before a call, so that what it holds afterwards is this call's. */
static inline void storeEnter(store *s) {
    if (s->err.code || s->err.message[0]) s->err.code = 0, s->err.field[0] = s->err.message[0] = '\0';
}

/* After a call: a failure (negative) always leaves a code and a message. A positive
 * code is a callback's own stop, passed through: not a failure of the store. */
static inline int storeLeave(store *s, int rc) {
    if (rc < 0) {
        if (!s->err.message[0])
            snprintf(s->err.message, sizeof s->err.message,
                     rc == GH_ENOTFOUND ? "未找到 (not found)" : "存储操作失败 (store operation failed: %d)", rc);
        s->err.code = rc;
    }
    return rc;
}

#define CALL(s, fn, ...) (storeEnter(s), storeLeave((s), (s)->be->fn((s)->be, __VA_ARGS__)))
#define CALL0(s, fn) (storeEnter(s), storeLeave((s), (s)->be->fn((s)->be)))

static bool storeIsPostgres(const char *location) {
    return !strncmp(location, "postgresql://", 13) || !strncmp(location, "postgres://", 11);
}

int storeOpen(store **out, const char *location, unsigned flags, char *err, size_t errsize) {
    *out = NULL;
    char shown[4400]; /* what messages and storeLocation show: never a password */
    if (storeIsPostgres(location)) storePgRedact(shown, sizeof shown, location);
    else snprintf(shown, sizeof shown, "%s", location);
    if ((flags & STORE_OPEN_READONLY) && (flags & (STORE_OPEN_CREATE | STORE_OPEN_MIGRATE))) {
        snprintf(err, errsize, "%.200s: 只读打开不能新建或升级 (read-only open cannot create or migrate)", shown);
        return GH_EINVAL;
    }
    store *s = calloc(1, sizeof *s);
    if (!s || !(s->location = strdup(shown))) {
        free(s);
        snprintf(err, errsize, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    const int rc = storeIsPostgres(location) ? storePgOpen(&s->be, location, flags, err, errsize)
                                             : storeSqliteOpen(&s->be, location, flags, err, errsize);
    if (rc) {
        free(s->location);
        free(s);
        return rc;
    }
    if (!(s->opened = strdup(location))) {
        s->be->close(s->be);
        free(s->location);
        free(s);
        snprintf(err, errsize, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    s->be->err = &s->err;
    *out = s;
    return 0;
}

int storeOpenLike(store **out, const store *like, unsigned flags, char *err, size_t errsize) {
    return storeOpen(out, like->opened, flags, err, errsize);
}

void storeClose(store *s) {
    if (!s) return;
    s->be->close(s->be);
    free(s->location);
    free(s->opened);
    free(s);
}

const char *storeLocation(const store *s) { return s->location; }
const storeErr *storeLastError(const store *s) { return &s->err; }
const char *storeError(const store *s) { return s->err.message; }
int storeSchemaVersion(store *s, int *version) { return CALL(s, schemaVersion, version); }
int storeOpenedVersion(store *s, int *version) { return CALL(s, openedVersion, version); }
int storeVerify(store *s, storeVerifyMode mode, char *result, size_t n) { return CALL(s, verify, mode, result, n); }
void storeIdle(store *s) {
    storeEnter(s);
    s->be->idle(s->be);
}
int storeReadBegin(store *s) { return CALL0(s, readBegin); }
int storeReadEnd(store *s) { return CALL0(s, readEnd); }
int storeDataVersion(store *s, uint64_t *token) { return CALL(s, dataVersion, token); }
int storeBegin(store *s) { return CALL0(s, begin); }
int storeBeginWait(store *s, int ms) { return CALL(s, beginWait, ms); }
int storeCommit(store *s) { return CALL0(s, commit); }
/* Keeps the record of the failure that led to the rollback when the rollback succeeds. */
int storeRollback(store *s) {
    storeErr keep = s->err;
    const int rc = CALL0(s, rollback);
    if (!rc) s->err = keep;
    return rc;
}

int storeImportCreate(store *s, const storeImport *info, int64_t *id) { return CALL(s, importCreate, info, id); }
int storeImportFinish(store *s, int64_t id, const storeImport *c) { return CALL(s, importFinish, id, c); }
int storeEachImportOf(store *s, const char *uscc, storeImportFn fn, void *ctx) {
    return CALL(s, eachImportOf, uscc, fn, ctx);
}
int storeEachImport(store *s, int limit, storeImportFn fn, void *ctx) { return CALL(s, eachImport, limit, fn, ctx); }
int storeImportDecide(store *s, int64_t id, const char *decision) { return CALL(s, importDecide, id, decision); }
int storeEachImportPage(store *s, const storeImportFilter *f, storeImportFn fn, void *ctx, int64_t *total) {
    return CALL(s, eachImportPage, f, fn, ctx, total);
}
int storeEachLastImport(store *s, storeImportFn fn, void *ctx) { return CALL(s, eachLastImport, fn, ctx); }

int storeStageBegin(store *s, unsigned targets) { return CALL(s, stageBegin, targets); }
int storeStageRows(store *s, const storeStaged *rows, size_t n) { return CALL(s, stageRows, rows, n); }
int storeStageRow(store *s, const bizFact *f, const char *key, uint64_t line) {
    const storeStaged row = {f, key, line};
    return storeStageRows(s, &row, 1);
}
int storeStageBad(store *s, uint64_t line, const char *field, const char *msg) {
    return CALL(s, stageBad, line, field, msg);
}
int storeStageMarkDuplicateKeys(store *s, const char *message) { return CALL(s, stageMarkDuplicateKeys, message); }
int storeStageMarkUnknownBusinesses(store *s, const char *message) {
    return CALL(s, stageMarkUnknownBusinesses, message);
}
int storeStageCountUnknownBusinesses(store *s, int64_t *n) { return CALL(s, stageCountUnknownBusinesses, n); }
int storeStageEachBad(store *s, storeBadFn fn, void *ctx, int64_t *lines) {
    return CALL(s, stageEachBad, fn, ctx, lines);
}
int storeStageApply(store *s, unsigned targets, int64_t import_id, int64_t *changed) {
    return CALL(s, stageApply, targets, import_id, changed);
}
int storeStagePrune(store *s, unsigned target, listKind list, storeSnapshot scope, int64_t import_id,
                    int64_t *removed) {
    return CALL(s, stagePrune, target, list, scope, import_id, removed);
}

int storeApplyDossier(store *s, const dossier *d, int64_t import_id, int *changed) {
    return CALL(s, applyDossier, d, import_id, changed);
}
int storeEachDossier(store *s, storeDossierFn fn, void *ctx) { return CALL(s, eachDossier, fn, ctx); }
int storeEachTypingDossier(store *s, storeDossierFn fn, void *ctx) { return CALL(s, eachTypingDossier, fn, ctx); }
int storeLoadDossier(store *s, const char *uscc, arena *a, dossier *out) {
    return CALL(s, loadDossier, uscc, a, out);
}
int storeCountBusinesses(store *s, int64_t *n) { return CALL(s, countBusinesses, n); }
int storeFind(store *s, const char *query, int limit, storeHitFn fn, void *ctx) {
    return CALL(s, find, query, limit, fn, ctx);
}
int storeSearch(store *s, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx) {
    return CALL(s, search, q, total, fn, ctx);
}
int storeSearchFacets(store *s, storeFacetFn fn, void *ctx) { return CALL(s, searchFacets, fn, ctx); }

int storeRunCreate(store *s, const storeRun *info, int64_t *id) { return CALL(s, runCreate, info, id); }
int storeRunFinish(store *s, int64_t id, int64_t population, const int64_t by_type[4]) {
    return CALL(s, runFinish, id, population, by_type);
}
int storeRunGet(store *s, int64_t id, arena *a, storeRun *out) { return CALL(s, runGet, id, a, out); }
int storeEachRun(store *s, int year, storeRunFn fn, void *ctx) { return CALL(s, eachRun, year, fn, ctx); }
int storePublishedRun(store *s, int year, int64_t *id) { return CALL(s, publishedRun, year, id); }
int storePublish(store *s, int64_t id, const char *actor, int *year) { return CALL(s, publish, id, actor, year); }
int storeResultAdd(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n) {
    return CALL(s, resultAdd, run_id, uscc, type, reasons, n);
}
int storeResultAddMany(store *s, int64_t run_id, const storeResultRow *rows, size_t n) {
    return CALL(s, resultAddMany, run_id, rows, n);
}
int storeEachResult(store *s, int64_t run_id, storeResultFn fn, void *ctx) {
    storeRenderCtx c; /* reasons rendered on read (store/render.c) */
    storeRenderBegin(&c, ctx, &s->err);
    c.result = fn;
    return storeRenderEnd(&c, CALL(s, eachResult, run_id, storeRenderResult, &c));
}
int storeEachResultFacts(store *s, int64_t run_id, storeResultFn fn, void *ctx) {
    storeRenderCtx c;
    storeRenderBegin(&c, ctx, &s->err);
    c.result = fn;
    c.facts_only = true;
    return storeRenderEnd(&c, CALL(s, eachResult, run_id, storeRenderResult, &c));
}
int storeEachResultOf(store *s, const char *uscc, storeResultFn fn, void *ctx) {
    storeRenderCtx c;
    storeRenderBegin(&c, ctx, &s->err);
    c.result = fn;
    return storeRenderEnd(&c, CALL(s, eachResultOf, uscc, storeRenderResult, &c));
}
int storeEachPublishedOf(store *s, const char *uscc, bool rendered, storeResultFn fn, void *ctx) {
    storeRenderCtx c;
    storeRenderBegin(&c, ctx, &s->err);
    c.result = fn;
    c.facts_only = !rendered;
    return storeRenderEnd(&c, CALL(s, eachPublishedOf, uscc, storeRenderResult, &c));
}
int storeCountBy(store *s, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx) {
    return CALL(s, countBy, run_id, dimension, fn, ctx);
}
int storeTransitions(store *s, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx) {
    return CALL(s, transitions, from_run, to_run, fn, ctx);
}
int storeRunNoteSet(store *s, int64_t id, const char *name, const char *note) {
    return CALL(s, runNoteSet, id, name, note);
}
int storeEachYear(store *s, storeYearFn fn, void *ctx) { return CALL(s, eachYear, fn, ctx); }
int storeEachMover(store *s, const storeMoverQuery *q, storeMoverFn fn, void *ctx) {
    storeRenderCtx c;
    storeRenderBegin(&c, ctx, &s->err);
    c.mover = fn;
    return storeRenderEnd(&c, CALL(s, eachMover, q, storeRenderMover, &c));
}
int storeReconcileCounts(store *s, int year, int64_t run_id, storeTransitionFn fn, void *ctx) {
    return CALL(s, reconcileCounts, year, run_id, fn, ctx);
}
int storeEachReconcile(store *s, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx) {
    storeRenderCtx c;
    storeRenderBegin(&c, ctx, &s->err);
    c.reconcile = fn;
    return storeRenderEnd(&c, CALL(s, eachReconcile, q, storeRenderReconcile, &c));
}
int storeCityCheckSet(store *s, const storeCityCheck *c, storeCityCheckStatus *before) {
    return CALL(s, cityCheckSet, c, before);
}
int storeCityRunCreate(store *s, const storeRun *info, int64_t *id) { return CALL(s, cityRunCreate, info, id); }

int storeAccountAdd(store *s, const storeAccount *a, int64_t *id) { return CALL(s, accountAdd, a, id); }
int storeAccountGet(store *s, const char *username, arena *a, storeAccount *out) {
    return CALL(s, accountGet, username, a, out);
}
int storeAccountById(store *s, int64_t id, arena *a, storeAccount *out) { return CALL(s, accountById, id, a, out); }
int storeAccountByUscc(store *s, const char *uscc, arena *a, storeAccount *out) {
    return CALL(s, accountByUscc, uscc, a, out);
}
int storeAccountSetPassword(store *s, int64_t id, const char *hash) { return CALL(s, accountSetPassword, id, hash); }
int storeAccountSetDisabled(store *s, int64_t id, bool disabled) { return CALL(s, accountSetDisabled, id, disabled); }
int storeAccountLoginResult(store *s, int64_t id, bool ok, int max_failures, int64_t lock_until) {
    return CALL(s, accountLoginResult, id, ok, max_failures, lock_until);
}
int storeEachAccount(store *s, storeAccountFn fn, void *ctx) { return CALL(s, eachAccount, fn, ctx); }
int storeSessionAdd(store *s, const char *token_hash, int64_t account_id, const char *csrf, int64_t now,
                    int64_t expires) {
    return CALL(s, sessionAdd, token_hash, account_id, csrf, now, expires);
}
int storeSessionGet(store *s, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]) {
    return CALL(s, sessionGet, token_hash, now, account_id, csrf);
}
int storeSessionDelete(store *s, const char *token_hash) { return CALL(s, sessionDelete, token_hash); }
int storeSessionDeleteAccount(store *s, int64_t account_id) { return CALL(s, sessionDeleteAccount, account_id); }
int storeAccessCodeAdd(store *s, const char *code_hash, int64_t account_id, int64_t expires, const char *issued_by) {
    return CALL(s, accessCodeAdd, code_hash, account_id, expires, issued_by);
}
int storeAccessCodeUse(store *s, const char *code_hash, int64_t account_id, int64_t now) {
    return CALL(s, accessCodeUse, code_hash, account_id, now);
}

int storeAuditHead(store *s, char hash[65]) { return CALL(s, auditHead, hash); }
int storeAuditInsert(store *s, const storeAudit *e) { return CALL(s, auditInsert, e); }
int storeEachAudit(store *s, const char *action, int limit, storeAuditFn fn, void *ctx) {
    return CALL(s, eachAudit, action, limit, fn, ctx);
}
int storeEachAuditChain(store *s, storeAuditFn fn, void *ctx) { return CALL(s, eachAuditChain, fn, ctx); }
int storeEachAuditPage(store *s, const storeAuditFilter *f, storeAuditFn fn, void *ctx) {
    return CALL(s, eachAuditPage, f, fn, ctx);
}
int storeAccessCodeRevoke(store *s, int64_t account_id, int64_t now, int *revoked) {
    return CALL(s, accessCodeRevoke, account_id, now, revoked);
}
int storeEachTown(store *s, storeTownFn fn, void *ctx) { return CALL(s, eachTown, fn, ctx); }

int storeRoundCreate(store *s, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]) {
    return CALL(s, roundCreate, a, id);
}
int storeRoundGet(store *s, const char *id, arena *ar, storeRoundApp *out) {
    return CALL(s, roundGet, id, ar, out);
}
int storeRoundUpdate(store *s, const storeRoundApp *a) {
    return CALL(s, roundUpdate, a);
}
int storeRoundMove(store *s, const storeRoundApp *a, const storeRoundStep *step) {
    return CALL(s, roundMove, a, step);
}
int storeEachRoundStep(store *s, const char *id, storeRoundStepFn fn, void *ctx) {
    return CALL(s, eachRoundStep, id, fn, ctx);
}
int storeEachRound(store *s, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx) {
    return CALL(s, eachRound, f, fn, ctx);
}
int storeEvidenceAdd(store *s, const storeEvidence *e, int64_t *id) {
    return CALL(s, evidenceAdd, e, id);
}
int storeEvidenceGet(store *s, int64_t id, arena *ar, storeEvidence *out) {
    return CALL(s, evidenceGet, id, ar, out);
}
int storeEachEvidence(store *s, const char *app_id, storeEvidenceFn fn, void *ctx) {
    return CALL(s, eachEvidence, app_id, fn, ctx);
}
int storeConsentAdd(store *s, const storeConsent *c) {
    return CALL(s, consentAdd, c);
}
int storeConsentGet(store *s, const char *app_id, arena *ar, storeConsent *out) {
    return CALL(s, consentGet, app_id, ar, out);
}
int storeVisitAdd(store *s, const storeVisit *v, int64_t *id) {
    return CALL(s, visitAdd, v, id);
}
int storeEachVisit(store *s, const char *app_id, storeVisitFn fn, void *ctx) {
    return CALL(s, eachVisit, app_id, fn, ctx);
}
int storeOpinionPut(store *s, const storeOpinion *o) {
    return CALL(s, opinionPut, o);
}
int storeEachOpinion(store *s, const char *app_id, storeOpinionFn fn, void *ctx) {
    return CALL(s, eachOpinion, app_id, fn, ctx);
}
int storeObjectionAdd(store *s, const storeObjection *o, int64_t *id) {
    return CALL(s, objectionAdd, o, id);
}
int storeObjectionAnswer(store *s, int64_t id, const char *reply, const char *by, const char *at) {
    return CALL(s, objectionAnswer, id, reply, by, at);
}
int storeEachObjection(store *s, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx) {
    return CALL(s, eachObjection, app_id, open_only, fn, ctx);
}
int storeRecognitionAdd(store *s, const storeRecognition *r) {
    return CALL(s, recognitionAdd, r);
}
int storeRecognitionGet(store *s, const char *app_id, arena *ar, storeRecognition *out) {
    return CALL(s, recognitionGet, app_id, ar, out);
}
int storeRecognitionUpdate(store *s, const storeRecognition *r) {
    return CALL(s, recognitionUpdate, r);
}
int storeEachRecognition(store *s, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx) {
    return CALL(s, eachRecognition, f, fn, ctx);
}
int storeInfoReportAdd(store *s, const storeInfoReport *r, int64_t *id) {
    return CALL(s, infoReportAdd, r, id);
}
int storeInfoReportCheck(store *s, int64_t id, storeReportStatus status, const char *by, const char *at, const char *note) {
    return CALL(s, infoReportCheck, id, status, by, at, note);
}
int storeEachInfoReport(store *s, int year, const char *app_id, storeInfoReportFn fn, void *ctx) {
    return CALL(s, eachInfoReport, year, app_id, fn, ctx);
}
int storeOverrideGrantAdd(store *s, const storeOverrideGrant *g, int64_t *id) {
    return CALL(s, overrideGrantAdd, g, id);
}
int storeOverrideGrantOpen(store *s, const char *app_id, roundAction action, arena *ar, storeOverrideGrant *out) {
    return CALL(s, overrideGrantOpen, app_id, action, ar, out);
}
int storeOverrideGrantUse(store *s, int64_t id, const char *at) {
    return CALL(s, overrideGrantUse, id, at);
}
int storeCommendationAdd(store *s, const storeCommendation *c, int64_t *id) {
    return CALL(s, commendationAdd, c, id);
}
int storeEachCommendation(store *s, const char *uscc, storeCommendationFn fn, void *ctx) {
    return CALL(s, eachCommendation, uscc, fn, ctx);
}
int storeSpotCheckAdd(store *s, const storeSpotCheck *c, int64_t *id) {
    return CALL(s, spotCheckAdd, c, id);
}
int storeEachSpotCheck(store *s, const char *app_id, storeSpotCheckFn fn, void *ctx) {
    return CALL(s, eachSpotCheck, app_id, fn, ctx);
}
int storeKeepAdd(store *s, const storeKeep *k) { return CALL(s, keepAdd, k); }
int storeEachKeep(store *s, int year, storeKeepFn fn, void *ctx) { return CALL(s, eachKeep, year, fn, ctx); }

/* ---- measures (issue 10) ---- */
int storeMeasureChangeAdd(store *s, const storeMeasureChange *c, int64_t *id) {
    return CALL(s, measureChangeAdd, c, id);
}
int storeMeasureChangesAtPublish(store *s, int64_t run_id, int64_t before_run, const char *ref, civilDate on,
                                 const char *at, int64_t *n) {
    return CALL(s, measureChangesAtPublish, run_id, before_run, ref, on, at, n);
}
int storeEachMeasureChange(store *s, storeMeasureChangeKind kind, const char *ref, int64_t after_id, int limit,
                           storeMeasureChangeFn fn, void *ctx) {
    return CALL(s, eachMeasureChange, kind, ref, after_id, limit, fn, ctx);
}
int storeHeldCategories(store *s, const char *uscc, civilDate on, unsigned *held) {
    return CALL(s, heldCategories, uscc, on, held);
}
int storeWorkMarkSet(store *s, const storeWorkMark *m, storeWorkStatus *before) {
    return CALL(s, workMarkSet, m, before);
}
int storeEachWork(store *s, const storeWorkQuery *q, storeWorkFn fn, void *ctx) {
    return CALL(s, eachWork, q, fn, ctx);
}
int storeWorkCount(store *s, const storeWorkQuery *q, int64_t *n) {
    return CALL(s, workCount, q, n);
}
int storeEachEntitledGroup(store *s, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx) {
    return CALL(s, eachEntitledGroup, run_id, on, fn, ctx);
}
int storeEachServedGroup(store *s, int64_t run_id, civilDate on, storeServedFn fn, void *ctx) {
    return CALL(s, eachServedGroup, run_id, on, fn, ctx);
}
/* objections to a typing result (issue 10) */
int storeTypingObjectionAdd(store *s, const storeTypingObjection *o, int64_t *id) {
    return CALL(s, typingObjectionAdd, o, id);
}
int storeTypingObjectionGet(store *s, int64_t id, arena *ar, storeTypingObjection *out) {
    return CALL(s, typingObjectionGet, id, ar, out);
}
int storeTypingObjectionUpdate(store *s, const storeTypingObjection *o, storeTObjStatus from) {
    return CALL(s, typingObjectionUpdate, o, from);
}
int storeEachTypingObjection(store *s, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx,
                             int64_t *total) {
    return CALL(s, eachTypingObjection, f, fn, ctx, total);
}
int storeObjectionFileAdd(store *s, const storeObjectionFile *f, int64_t *id) { return CALL(s, objectionFileAdd, f, id); }
int storeObjectionFileGet(store *s, int64_t id, arena *ar, storeObjectionFile *out) {
    return CALL(s, objectionFileGet, id, ar, out);
}
int storeEachObjectionFile(store *s, int64_t objection_id, storeObjectionFileFn fn, void *ctx) {
    return CALL(s, eachObjectionFile, objection_id, fn, ctx);
}
int storeCorrectionAdd(store *s, const storeCorrection *c, int64_t *id) { return CALL(s, correctionAdd, c, id); }
int storeEachCorrection(store *s, const char *uscc, storeCorrectionFn fn, void *ctx) {
    return CALL(s, eachCorrection, uscc, fn, ctx);
}
int storeResultCorrect(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n,
                       int64_t objection_id) {
    return CALL(s, resultCorrect, run_id, uscc, type, reasons, n, objection_id);
}
int storeBankConsentAdd(store *s, const storeBankConsent *c, int64_t *id) { return CALL(s, bankConsentAdd, c, id); }
int storeBankConsentWithdraw(store *s, int64_t id, const char *uscc, const char *by, const char *at) {
    return CALL(s, bankConsentWithdraw, id, uscc, by, at);
}
int storeEachBankConsent(store *s, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx) {
    return CALL(s, eachBankConsent, f, fn, ctx);
}
int storeBankAccessAdd(store *s, const storeBankAccess *a, size_t n) { return CALL(s, bankAccessAdd, a, n); }
int storeEachBankAccess(store *s, const char *uscc, int limit, storeBankAccessFn fn, void *ctx) {
    return CALL(s, eachBankAccess, uscc, limit, fn, ctx);
}
int storeEachBank(store *s, storeBankFn fn, void *ctx) { return CALL(s, eachBank, fn, ctx); }
int storeEachBankRow(store *s, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx) {
    return CALL(s, eachBankRow, bank, valid_on, fn, ctx);
}

/* several serve processes on one store (issue 12 §3) */
int storeThrottleGet(store *s, int kind, uint64_t key, storeThrottle *out) { return CALL(s, throttleGet, kind, key, out); }
int storeThrottlePut(store *s, int kind, uint64_t key, const storeThrottle *t) {
    return CALL(s, throttlePut, kind, key, t);
}
int storeThrottleForget(store *s, int kind, double before, int64_t *removed) {
    return CALL(s, throttleForget, kind, before, removed);
}
int storeJobStart(store *s, const storeJob *j, int64_t *id) { return CALL(s, jobStart, j, id); }
int storeJobProgress(store *s, int64_t id, int64_t done) { return CALL(s, jobProgress, id, done); }
int storeJobFinish(store *s, const storeJob *j) { return CALL(s, jobFinish, j); }
int storeJobRunning(store *s, const char *kind, int64_t *id) { return CALL(s, jobRunning, kind, id); }
int storeJobGet(store *s, int64_t id, arena *a, storeJob *out) { return CALL(s, jobGet, id, a, out); }
/* db copy (issue 12 §3): a backend without these entries refuses instead of crashing. */
#define CALLOPT(s, fn, ...)                                                                                        \
    ((s)->be->fn ? CALL(s, fn, __VA_ARGS__)                                                                          \
                 : (storeEnter(s), storeErrSet(&(s)->err, GH_EINVAL, NULL,                                         \
                                               "此后端不支持复制 (this backend cannot copy: %s)", #fn)))
int storeEachTable(store *s, storeNameFn fn, void *ctx) { return CALLOPT(s, eachTable, fn, ctx); }
int storeEachColumn(store *s, const char *table, storeNameFn fn, void *ctx) {
    return CALLOPT(s, eachColumn, table, fn, ctx);
}
int storeEachRow(store *s, const char *table, storeRowFn fn, void *ctx) { return CALLOPT(s, eachRow, table, fn, ctx); }
int storeCountRows(store *s, const char *table, int64_t *n) { return CALLOPT(s, countRows, table, n); }
int storeLoadBegin(store *s, const char *table, const char *const *columns, int n) {
    return CALLOPT(s, loadBegin, table, columns, n);
}
int storeLoadRow(store *s, const storeValue *v, int n) { return CALLOPT(s, loadRow, v, n); }
int storeLoadEnd(store *s) {
    if (s->be->loadEnd) return CALL0(s, loadEnd);
    storeEnter(s);
    return storeErrSet(&s->err, GH_EINVAL, NULL, "此后端不支持复制 (this backend cannot copy: loadEnd)");
}
