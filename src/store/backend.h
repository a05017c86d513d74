#ifndef GETIHU_STORE_BACKEND_H
#define GETIHU_STORE_BACKEND_H
#include "store/store.h"

/* What a storage backend implements (in the manner of libgit2's
 * git2/sys/odb_backend.h). A backend allocates a struct whose first member is a
 * storeBackend, fills in every function pointer and returns it from its open
 * function; store.c keeps it behind the store handle and calls through the
 * pointers, one indirect call per store function. Each pointer has the contract
 * of the store.h function of the same name, with the handle replaced by the
 * backend.
 *
 * A backend must guarantee:
 * - errors: on every failure, set *err through storeErrSet (code, field,
 *   message); the front clears the record before each call;
 * - busy: a call that cannot proceed because another connection or process holds
 *   the store (a writer past the backend's own short wait: SQLite's busy timeout;
 *   a lock timeout elsewhere) fails with GH_EBUSY, never GH_EIO nor a "not found",
 *   and leaves nothing done, so that callers answer "try again" (503) instead of a
 *   refusal or an internal error; reads never wait for writers (SQLite: WAL);
 * - records: strings of a returned record are copied into the caller's arena;
 *   strings given to a callback may be the backend's own, valid during the call;
 * - transactions: storeBegin serialises writers from its start (SQLite: BEGIN
 *   IMMEDIATE; PostgreSQL: a transaction-level advisory lock or SERIALIZABLE), so
 *   that the audit head read and the audit insert of one transaction cannot
 *   interleave with another writer; auditInsert and publish refuse to run outside
 *   a write transaction (GH_EINVAL) instead of opening one of their own;
 * - order: the orders documented in store.h (USCC order for dossiers and results,
 *   line order for bad lines, newest first for audit and imports);
 * - change counts: an upsert that would write the same values is not a change;
 * - opening: nothing is created, migrated or written unless the flags ask for it,
 *   and a store that is not getihu's is refused untouched (SQLite: application_id);
 * - imports: a "running" import whose process is gone is listed as "interrupted";
 * - the round: roundMove changes a state only from the state given and appends its
 *   history row with it (the history is never updated nor deleted); evidence bytes
 *   come back byte for byte; application ids are the year's next number. */

typedef struct storeBackend storeBackend;
struct storeBackend {
    storeErr *err; /* the handle's error record, set by storeOpen */
    void (*close)(storeBackend *b);
    int (*schemaVersion)(storeBackend *b, int *version);
    int (*openedVersion)(storeBackend *b, int *version);
    int (*verify)(storeBackend *b, storeVerifyMode mode, char *result, size_t n);
    void (*idle)(storeBackend *b);
    int (*readBegin)(storeBackend *b);
    int (*readEnd)(storeBackend *b);
    int (*dataVersion)(storeBackend *b, uint64_t *token); /* the public look-up's cache (decision 300) */
    int (*begin)(storeBackend *b);
    int (*beginWait)(storeBackend *b, int ms);
    int (*commit)(storeBackend *b);
    int (*rollback)(storeBackend *b);

    int (*importCreate)(storeBackend *b, const storeImport *info, int64_t *id);
    int (*importFinish)(storeBackend *b, int64_t id, const storeImport *counts);
    int (*eachImportOf)(storeBackend *b, const char *uscc, storeImportFn fn, void *ctx);
    int (*eachImport)(storeBackend *b, int limit, storeImportFn fn, void *ctx);
    int (*importDecide)(storeBackend *b, int64_t id, const char *decision); /* import history (issue 11) */
    int (*eachImportPage)(storeBackend *b, const storeImportFilter *f, storeImportFn fn, void *ctx, int64_t *total);
    int (*eachLastImport)(storeBackend *b, storeImportFn fn, void *ctx);

    int (*stageBegin)(storeBackend *b, unsigned targets);
    int (*stageRows)(storeBackend *b, const storeStaged *rows, size_t n);
    int (*stageBad)(storeBackend *b, uint64_t line, const char *field, const char *msg);
    int (*stageMarkDuplicateKeys)(storeBackend *b, const char *message);
    int (*stageMarkUnknownBusinesses)(storeBackend *b, const char *message);
    int (*stageCountUnknownBusinesses)(storeBackend *b, int64_t *n);
    int (*stageEachBad)(storeBackend *b, storeBadFn fn, void *ctx, int64_t *lines);
    int (*stageApply)(storeBackend *b, unsigned targets, int64_t import_id, int64_t *changed);
    int (*stagePrune)(storeBackend *b, unsigned target, listKind list, storeSnapshot scope, int64_t import_id,
                      int64_t *removed);

    int (*applyDossier)(storeBackend *b, const dossier *d, int64_t import_id, int *changed);
    int (*eachDossier)(storeBackend *b, storeDossierFn fn, void *ctx);
    int (*eachTypingDossier)(storeBackend *b, storeDossierFn fn, void *ctx); /* decision 314 */
    int (*loadDossier)(storeBackend *b, const char *uscc, arena *a, dossier *out);
    int (*countBusinesses)(storeBackend *b, int64_t *n);
    int (*find)(storeBackend *b, const char *query, int limit, storeHitFn fn, void *ctx);
    /* staff search (issue 11 §3): sqlite/search.c */
    int (*search)(storeBackend *b, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx);
    int (*searchFacets)(storeBackend *b, storeFacetFn fn, void *ctx);

    int (*runCreate)(storeBackend *b, const storeRun *info, int64_t *id);
    int (*runFinish)(storeBackend *b, int64_t id, int64_t population, const int64_t by_type[4]);
    int (*runGet)(storeBackend *b, int64_t id, arena *a, storeRun *out);
    int (*eachRun)(storeBackend *b, int year, storeRunFn fn, void *ctx);
    int (*publishedRun)(storeBackend *b, int year, int64_t *id);
    int (*publish)(storeBackend *b, int64_t id, const char *actor, int *year);
    int (*resultAdd)(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n);
    int (*resultAddMany)(storeBackend *b, int64_t run_id, const storeResultRow *rows, size_t n);
    int (*eachResult)(storeBackend *b, int64_t run_id, storeResultFn fn, void *ctx);
    int (*eachResultOf)(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx);
    int (*eachPublishedOf)(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx); /* issue 12 §2 */
    int (*countBy)(storeBackend *b, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx);
    int (*transitions)(storeBackend *b, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx);
    int (*runNoteSet)(storeBackend *b, int64_t id, const char *name, const char *note); /* issue 11 §4 */
    int (*eachYear)(storeBackend *b, storeYearFn fn, void *ctx);
    int (*eachMover)(storeBackend *b, const storeMoverQuery *q, storeMoverFn fn, void *ctx);
    int (*reconcileCounts)(storeBackend *b, int year, int64_t run_id, storeTransitionFn fn, void *ctx);
    int (*eachReconcile)(storeBackend *b, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx);
    int (*cityCheckSet)(storeBackend *b, const storeCityCheck *c, storeCityCheckStatus *before);
    int (*cityRunCreate)(storeBackend *b, const storeRun *info, int64_t *id);

    int (*accountAdd)(storeBackend *b, const storeAccount *a, int64_t *id);
    int (*accountGet)(storeBackend *b, const char *username, arena *a, storeAccount *out);
    int (*accountById)(storeBackend *b, int64_t id, arena *a, storeAccount *out);
    int (*accountByUscc)(storeBackend *b, const char *uscc, arena *a, storeAccount *out);
    int (*accountSetPassword)(storeBackend *b, int64_t id, const char *password_hash);
    int (*accountSetDisabled)(storeBackend *b, int64_t id, bool disabled);
    int (*accountLoginResult)(storeBackend *b, int64_t id, bool ok, int max_failures, int64_t lock_until);
    int (*eachAccount)(storeBackend *b, storeAccountFn fn, void *ctx);
    int (*sessionAdd)(storeBackend *b, const char *token_hash, int64_t account_id, const char *csrf, int64_t now,
                      int64_t expires);
    int (*sessionGet)(storeBackend *b, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]);
    int (*sessionDelete)(storeBackend *b, const char *token_hash);
    int (*sessionDeleteAccount)(storeBackend *b, int64_t account_id);
    int (*accessCodeAdd)(storeBackend *b, const char *code_hash, int64_t account_id, int64_t expires,
                         const char *issued_by);
    int (*accessCodeUse)(storeBackend *b, const char *code_hash, int64_t account_id, int64_t now);

    int (*auditHead)(storeBackend *b, char hash[65]);
    int (*auditInsert)(storeBackend *b, const storeAudit *e);
    int (*eachAudit)(storeBackend *b, const char *action, int limit, storeAuditFn fn, void *ctx);
    int (*eachAuditChain)(storeBackend *b, storeAuditFn fn, void *ctx);
    /* the console's accounts and audit views (issue 11 §2): sqlite/account_admin.c */
    int (*eachAuditPage)(storeBackend *b, const storeAuditFilter *f, storeAuditFn fn, void *ctx);
    int (*accessCodeRevoke)(storeBackend *b, int64_t account_id, int64_t now, int *revoked);
    int (*eachTown)(storeBackend *b, storeTownFn fn, void *ctx);

    int (*roundCreate)(storeBackend *b, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]);
    int (*roundGet)(storeBackend *b, const char *id, arena *ar, storeRoundApp *out);
    int (*roundUpdate)(storeBackend *b, const storeRoundApp *a);
    int (*roundMove)(storeBackend *b, const storeRoundApp *a, const storeRoundStep *step);
    int (*eachRoundStep)(storeBackend *b, const char *id, storeRoundStepFn fn, void *ctx);
    int (*eachRound)(storeBackend *b, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx);
    int (*evidenceAdd)(storeBackend *b, const storeEvidence *e, int64_t *id);
    int (*evidenceGet)(storeBackend *b, int64_t id, arena *ar, storeEvidence *out);
    int (*eachEvidence)(storeBackend *b, const char *app_id, storeEvidenceFn fn, void *ctx);
    int (*consentAdd)(storeBackend *b, const storeConsent *c);
    int (*consentGet)(storeBackend *b, const char *app_id, arena *ar, storeConsent *out);
    int (*visitAdd)(storeBackend *b, const storeVisit *v, int64_t *id);
    int (*eachVisit)(storeBackend *b, const char *app_id, storeVisitFn fn, void *ctx);
    int (*opinionPut)(storeBackend *b, const storeOpinion *o);
    int (*eachOpinion)(storeBackend *b, const char *app_id, storeOpinionFn fn, void *ctx);
    int (*objectionAdd)(storeBackend *b, const storeObjection *o, int64_t *id);
    int (*objectionAnswer)(storeBackend *b, int64_t id, const char *reply, const char *by, const char *at);
    int (*eachObjection)(storeBackend *b, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx);
    int (*recognitionAdd)(storeBackend *b, const storeRecognition *r);
    int (*recognitionGet)(storeBackend *b, const char *app_id, arena *ar, storeRecognition *out);
    int (*recognitionUpdate)(storeBackend *b, const storeRecognition *r);
    int (*eachRecognition)(storeBackend *b, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx);
    int (*infoReportAdd)(storeBackend *b, const storeInfoReport *r, int64_t *id);
    int (*infoReportCheck)(storeBackend *b, int64_t id, storeReportStatus status, const char *by, const char *at, const char *note);
    int (*eachInfoReport)(storeBackend *b, int year, const char *app_id, storeInfoReportFn fn, void *ctx);
    int (*overrideGrantAdd)(storeBackend *b, const storeOverrideGrant *g, int64_t *id);
    int (*overrideGrantOpen)(storeBackend *b, const char *app_id, roundAction action, arena *ar, storeOverrideGrant *out);
    int (*overrideGrantUse)(storeBackend *b, int64_t id, const char *at);
    int (*commendationAdd)(storeBackend *b, const storeCommendation *c, int64_t *id);
    int (*eachCommendation)(storeBackend *b, const char *uscc, storeCommendationFn fn, void *ctx);
    int (*spotCheckAdd)(storeBackend *b, const storeSpotCheck *c, int64_t *id);
    int (*eachSpotCheck)(storeBackend *b, const char *app_id, storeSpotCheckFn fn, void *ctx);
    int (*keepAdd)(storeBackend *b, const storeKeep *k);
    int (*eachKeep)(storeBackend *b, int year, storeKeepFn fn, void *ctx);
    /* measures (issue 10) */
    int (*measureChangeAdd)(storeBackend *b, const storeMeasureChange *c, int64_t *id);
    int (*measureChangesAtPublish)(storeBackend *b, int64_t run_id, int64_t before_run, const char *ref, civilDate on,
                                   const char *at, int64_t *n);
    int (*eachMeasureChange)(storeBackend *b, storeMeasureChangeKind kind, const char *ref, int64_t after_id, int limit,
                             storeMeasureChangeFn fn, void *ctx);
    int (*heldCategories)(storeBackend *b, const char *uscc, civilDate on, unsigned *held);
    int (*workMarkSet)(storeBackend *b, const storeWorkMark *m, storeWorkStatus *before);
    int (*eachWork)(storeBackend *b, const storeWorkQuery *q, storeWorkFn fn, void *ctx);
    int (*workCount)(storeBackend *b, const storeWorkQuery *q, int64_t *n);
    int (*eachEntitledGroup)(storeBackend *b, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx);
    int (*eachServedGroup)(storeBackend *b, int64_t run_id, civilDate on, storeServedFn fn, void *ctx);
    /* objections to a typing result (issue 10) */
    int (*typingObjectionAdd)(storeBackend *b, const storeTypingObjection *o, int64_t *id);
    int (*typingObjectionGet)(storeBackend *b, int64_t id, arena *ar, storeTypingObjection *out);
    int (*typingObjectionUpdate)(storeBackend *b, const storeTypingObjection *o, storeTObjStatus from);
    int (*eachTypingObjection)(storeBackend *b, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx,
                               int64_t *total);
    int (*objectionFileAdd)(storeBackend *b, const storeObjectionFile *f, int64_t *id);
    int (*objectionFileGet)(storeBackend *b, int64_t id, arena *ar, storeObjectionFile *out);
    int (*eachObjectionFile)(storeBackend *b, int64_t objection_id, storeObjectionFileFn fn, void *ctx);
    int (*correctionAdd)(storeBackend *b, const storeCorrection *c, int64_t *id);
    int (*eachCorrection)(storeBackend *b, const char *uscc, storeCorrectionFn fn, void *ctx);
    int (*resultCorrect)(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons,
                         size_t n, int64_t objection_id);

    int (*bankConsentAdd)(storeBackend *b, const storeBankConsent *c, int64_t *id);
    int (*bankConsentWithdraw)(storeBackend *b, int64_t id, const char *uscc, const char *by, const char *at);
    int (*eachBankConsent)(storeBackend *b, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx);
    int (*bankAccessAdd)(storeBackend *b, const storeBankAccess *a, size_t n);
    int (*eachBankAccess)(storeBackend *b, const char *uscc, int limit, storeBankAccessFn fn, void *ctx);
    int (*eachBank)(storeBackend *b, storeBankFn fn, void *ctx);
    int (*eachBankRow)(storeBackend *b, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx);
    /* several serve processes on one store (issue 12 §3): sqlite/shared.c */
    int (*throttleGet)(storeBackend *b, int kind, uint64_t key, storeThrottle *out);
    int (*throttlePut)(storeBackend *b, int kind, uint64_t key, const storeThrottle *t);
    int (*throttleForget)(storeBackend *b, int kind, double before, int64_t *removed);
    int (*jobStart)(storeBackend *b, const storeJob *j, int64_t *id);
    int (*jobProgress)(storeBackend *b, int64_t id, int64_t done);
    int (*jobFinish)(storeBackend *b, const storeJob *j);
    int (*jobRunning)(storeBackend *b, const char *kind, int64_t *id);
    int (*jobGet)(storeBackend *b, int64_t id, arena *a, storeJob *out);
    /* db copy (issue 12 §3): sqlite/copy.c, pg/copy.c; may be NULL (the front refuses then) */
    int (*eachTable)(storeBackend *b, storeNameFn fn, void *ctx);
    int (*eachColumn)(storeBackend *b, const char *table, storeNameFn fn, void *ctx);
    int (*eachRow)(storeBackend *b, const char *table, storeRowFn fn, void *ctx);
    int (*countRows)(storeBackend *b, const char *table, int64_t *n);
    int (*loadBegin)(storeBackend *b, const char *table, const char *const *columns, int n);
    int (*loadRow)(storeBackend *b, const storeValue *v, int n);
    int (*loadEnd)(storeBackend *b);
};

/* Fills an error record and returns code (for `return storeErrSet(...)`). field may be NULL. */
int storeErrSet(storeErr *e, int code, const char *field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The SQLite backend (src/store/sqlite/): opens the database at path as flags
 * (STORE_OPEN_*) say, with storeOpen's contract. */
int storeSqliteOpen(storeBackend **out, const char *path, unsigned flags, char *err, size_t errsize);
/* The PostgreSQL backend (src/store/pg/, issue 12 section 3): opens the store at a
 * postgresql:// or postgres:// URL, with storeOpen's contract. */
int storePgOpen(storeBackend **out, const char *url, unsigned flags, char *err, size_t errsize);
/* url fit to show in a message: its password (user:PASSWORD@, password=…) replaced by "***". */
void storePgRedact(char *out, size_t n, const char *url);
#endif
