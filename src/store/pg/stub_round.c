/* STUB (issue 12): the PostgreSQL backend's round functions until round.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * round.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_roundCreate(storeBackend *b, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]) {
    (void)a; (void)id;
    return pgNotYet(b, "roundCreate");
}
static int stub_roundGet(storeBackend *b, const char *id, arena *ar, storeRoundApp *out) {
    (void)id; (void)ar; (void)out;
    return pgNotYet(b, "roundGet");
}
static int stub_roundUpdate(storeBackend *b, const storeRoundApp *a) {
    (void)a;
    return pgNotYet(b, "roundUpdate");
}
static int stub_roundMove(storeBackend *b, const storeRoundApp *a, const storeRoundStep *step) {
    (void)a; (void)step;
    return pgNotYet(b, "roundMove");
}
static int stub_eachRoundStep(storeBackend *b, const char *id, storeRoundStepFn fn, void *ctx) {
    (void)id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachRoundStep");
}
static int stub_eachRound(storeBackend *b, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx) {
    (void)f; (void)fn; (void)ctx;
    return pgNotYet(b, "eachRound");
}
static int stub_evidenceAdd(storeBackend *b, const storeEvidence *e, int64_t *id) {
    (void)e; (void)id;
    return pgNotYet(b, "evidenceAdd");
}
static int stub_evidenceGet(storeBackend *b, int64_t id, arena *ar, storeEvidence *out) {
    (void)id; (void)ar; (void)out;
    return pgNotYet(b, "evidenceGet");
}
static int stub_eachEvidence(storeBackend *b, const char *app_id, storeEvidenceFn fn, void *ctx) {
    (void)app_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachEvidence");
}
static int stub_consentAdd(storeBackend *b, const storeConsent *c) {
    (void)c;
    return pgNotYet(b, "consentAdd");
}
static int stub_consentGet(storeBackend *b, const char *app_id, arena *ar, storeConsent *out) {
    (void)app_id; (void)ar; (void)out;
    return pgNotYet(b, "consentGet");
}
static int stub_visitAdd(storeBackend *b, const storeVisit *v, int64_t *id) {
    (void)v; (void)id;
    return pgNotYet(b, "visitAdd");
}
static int stub_eachVisit(storeBackend *b, const char *app_id, storeVisitFn fn, void *ctx) {
    (void)app_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachVisit");
}
static int stub_opinionPut(storeBackend *b, const storeOpinion *o) {
    (void)o;
    return pgNotYet(b, "opinionPut");
}
static int stub_eachOpinion(storeBackend *b, const char *app_id, storeOpinionFn fn, void *ctx) {
    (void)app_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachOpinion");
}
static int stub_objectionAdd(storeBackend *b, const storeObjection *o, int64_t *id) {
    (void)o; (void)id;
    return pgNotYet(b, "objectionAdd");
}
static int stub_objectionAnswer(storeBackend *b, int64_t id, const char *reply, const char *by, const char *at) {
    (void)id; (void)reply; (void)by; (void)at;
    return pgNotYet(b, "objectionAnswer");
}
static int stub_eachObjection(storeBackend *b, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx) {
    (void)app_id; (void)open_only; (void)fn; (void)ctx;
    return pgNotYet(b, "eachObjection");
}
static int stub_keepAdd(storeBackend *b, const storeKeep *k) {
    (void)k;
    return pgNotYet(b, "keepAdd");
}
static int stub_eachKeep(storeBackend *b, int year, storeKeepFn fn, void *ctx) {
    (void)year; (void)fn; (void)ctx;
    return pgNotYet(b, "eachKeep");
}
static int stub_recognitionAdd(storeBackend *b, const storeRecognition *r) {
    (void)r;
    return pgNotYet(b, "recognitionAdd");
}
static int stub_recognitionGet(storeBackend *b, const char *app_id, arena *ar, storeRecognition *out) {
    (void)app_id; (void)ar; (void)out;
    return pgNotYet(b, "recognitionGet");
}
static int stub_recognitionUpdate(storeBackend *b, const storeRecognition *r) {
    (void)r;
    return pgNotYet(b, "recognitionUpdate");
}
static int stub_eachRecognition(storeBackend *b, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx) {
    (void)f; (void)fn; (void)ctx;
    return pgNotYet(b, "eachRecognition");
}
static int stub_infoReportAdd(storeBackend *b, const storeInfoReport *r, int64_t *id) {
    (void)r; (void)id;
    return pgNotYet(b, "infoReportAdd");
}
static int stub_infoReportCheck(storeBackend *b, int64_t id, storeReportStatus status, const char *by, const char *at, const char *note) {
    (void)id; (void)status; (void)by; (void)at; (void)note;
    return pgNotYet(b, "infoReportCheck");
}
static int stub_eachInfoReport(storeBackend *b, int year, const char *app_id, storeInfoReportFn fn, void *ctx) {
    (void)year; (void)app_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachInfoReport");
}
static int stub_overrideGrantAdd(storeBackend *b, const storeOverrideGrant *g, int64_t *id) {
    (void)g; (void)id;
    return pgNotYet(b, "overrideGrantAdd");
}
static int stub_overrideGrantOpen(storeBackend *b, const char *app_id, roundAction action, arena *ar, storeOverrideGrant *out) {
    (void)app_id; (void)action; (void)ar; (void)out;
    return pgNotYet(b, "overrideGrantOpen");
}
static int stub_overrideGrantUse(storeBackend *b, int64_t id, const char *at) {
    (void)id; (void)at;
    return pgNotYet(b, "overrideGrantUse");
}
static int stub_commendationAdd(storeBackend *b, const storeCommendation *c, int64_t *id) {
    (void)c; (void)id;
    return pgNotYet(b, "commendationAdd");
}
static int stub_eachCommendation(storeBackend *b, const char *uscc, storeCommendationFn fn, void *ctx) {
    (void)uscc; (void)fn; (void)ctx;
    return pgNotYet(b, "eachCommendation");
}
static int stub_spotCheckAdd(storeBackend *b, const storeSpotCheck *c, int64_t *id) {
    (void)c; (void)id;
    return pgNotYet(b, "spotCheckAdd");
}
static int stub_eachSpotCheck(storeBackend *b, const char *app_id, storeSpotCheckFn fn, void *ctx) {
    (void)app_id; (void)fn; (void)ctx;
    return pgNotYet(b, "eachSpotCheck");
}

void pgRoundInstall(storeBackend *b) {
    b->roundCreate = stub_roundCreate;
    b->roundGet = stub_roundGet;
    b->roundUpdate = stub_roundUpdate;
    b->roundMove = stub_roundMove;
    b->eachRoundStep = stub_eachRoundStep;
    b->eachRound = stub_eachRound;
    b->evidenceAdd = stub_evidenceAdd;
    b->evidenceGet = stub_evidenceGet;
    b->eachEvidence = stub_eachEvidence;
    b->consentAdd = stub_consentAdd;
    b->consentGet = stub_consentGet;
    b->visitAdd = stub_visitAdd;
    b->eachVisit = stub_eachVisit;
    b->opinionPut = stub_opinionPut;
    b->eachOpinion = stub_eachOpinion;
    b->objectionAdd = stub_objectionAdd;
    b->objectionAnswer = stub_objectionAnswer;
    b->eachObjection = stub_eachObjection;
    b->keepAdd = stub_keepAdd;
    b->eachKeep = stub_eachKeep;
    b->recognitionAdd = stub_recognitionAdd;
    b->recognitionGet = stub_recognitionGet;
    b->recognitionUpdate = stub_recognitionUpdate;
    b->eachRecognition = stub_eachRecognition;
    b->infoReportAdd = stub_infoReportAdd;
    b->infoReportCheck = stub_infoReportCheck;
    b->eachInfoReport = stub_eachInfoReport;
    b->overrideGrantAdd = stub_overrideGrantAdd;
    b->overrideGrantOpen = stub_overrideGrantOpen;
    b->overrideGrantUse = stub_overrideGrantUse;
    b->commendationAdd = stub_commendationAdd;
    b->eachCommendation = stub_eachCommendation;
    b->spotCheckAdd = stub_spotCheckAdd;
    b->eachSpotCheck = stub_eachSpotCheck;
}
