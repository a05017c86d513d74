#ifndef GETIHU_STORE_STORE_H
#define GETIHU_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "rules/dossier.h"
#include "rules/fact.h"
#include "rules/round.h"
#include "rules/typing.h"

/* The one storage interface, in domain words: dossiers, facts, runs, results,
 * accounts, audit entries. A backend (src/store/backend.h: SQLite today, PostgreSQL
 * later) implements it; store.c picks the backend and dispatches.
 *
 * Conventions for every function below:
 * - returns 0 or a negative GH_E* code (core/error.h); on failure the handle's
 *   error record (storeLastError) says why, and on success it is cleared (a
 *   storeRollback that succeeds keeps the failure that led to it); GH_EBUSY when
 *   another writer held the store too long: nothing was done, try again;
 * - a function that returns a record takes an arena and copies the record's
 *   strings into it: they live as long as the arena;
 * - strings passed to a storeEach* callback are valid during that call only;
 *   a callback's non-zero return stops the walk and is returned (a negative one
 *   is recorded as the failure; a positive one is the caller's own stop). */

typedef struct store store;

#define STORE_SCHEMA_VERSION 20

/* The last failure of a handle: code (GH_E*), the field concerned when there is
 * one ("" otherwise), and a message fit for a user. Cleared by every success. */
typedef struct storeErr {
    int code;
    char field[64];
    char message[512];
} storeErr;

/* How storeOpen opens (flags, or 0: read-write, the store must exist at this
 * program's schema version). Only an explicit initialisation creates or migrates:
 * `getihu db init` passes STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, every other
 * command 0 or STORE_OPEN_READONLY. */
enum {
    STORE_OPEN_READONLY = 1, /* reads only, never writes (not with CREATE or MIGRATE) */
    STORE_OPEN_CREATE = 2,   /* a missing (or empty) store is created at this program's version */
    STORE_OPEN_MIGRATE = 4   /* a store of an older version is brought to this program's */
};

/* Opens the store at location: a file path (SQLite) or a postgresql:// or
 * postgres:// URL (PostgreSQL, issue 12; messages and storeLocation show it
 * without its password). Never creates nor changes anything that is not a getihu store. On
 * failure *out is NULL, err names the location and the cause, and the code says
 * what to do:
 * - GH_ENOTFOUND: no store there, or an empty one (initialise it: STORE_OPEN_CREATE);
 * - GH_ERANGE: a getihu store of an older version (migrate it: STORE_OPEN_MIGRATE);
 * - GH_EINVAL: not a getihu store (another program's file; refused untouched), or
 *   one newer than this program, or contradictory flags;
 * - GH_EIO: it cannot be read or written (read-only directory or filesystem, …). */
int storeOpen(store **out, const char *location, unsigned flags, char *err, size_t errsize);
void storeClose(store *s);
/* Opens another handle on the store `like` is open on, as storeOpen would with the
 * location like was opened with (a URL's password included, which storeLocation
 * never shows): for a second connection of the same process, such as a run's reader. */
int storeOpenLike(store **out, const store *like, unsigned flags, char *err, size_t errsize);
/* The location the handle was opened at, fit to show in a message. */
const char *storeLocation(const store *s);
const storeErr *storeLastError(const store *s);
/* The last failure's message ("" after a success). */
const char *storeError(const store *s);
int storeSchemaVersion(store *s, int *version);
/* The schema version the store had when this handle opened it: 0 when the open
 * created it, below storeSchemaVersion when the open migrated it. */
int storeOpenedVersion(store *s, int *version);

/* Consistency checks. QUICK: the structure of the directory a run reads (the
 * businesses and their facts, with their indexes), so that its cost follows the
 * district's size and not the years of stored results; cheap enough to run before
 * every annual run. FULL: every table, the indexes against their tables, and every
 * reference. *result is "ok" when clean, else what is
 * wrong (a damaged store is a result, not a failure). */
typedef enum { STORE_VERIFY_QUICK, STORE_VERIFY_FULL } storeVerifyMode;
int storeVerify(store *s, storeVerifyMode mode, char *result, size_t n);

/* Ends every read the handle still holds (and any transaction a caller left open).
 * Long-lived users such as the server call it after each request, so that the next
 * request sees what others committed since. */
void storeIdle(store *s);

/* A read transaction: every read between the two sees one snapshot. storeReadEnd
 * fails only if ending the transaction fails. */
int storeReadBegin(store *s);
int storeReadEnd(store *s);
/* A token that differs from the one the previous call on this handle returned whenever
 * data this handle reads may have changed in between: a commit by any other connection
 * or process, or a change made through this handle. *token is 0 when the backend has
 * no cheap check (PostgreSQL): nothing read may then be cached (decision 300). Call it
 * outside a transaction. */
int storeDataVersion(store *s, uint64_t *token);

/* A write transaction. Writers are serialised from storeBegin on: a read inside it
 * sees what no other writer can change before storeCommit. storeRollback is a no-op
 * when no transaction is open. */
int storeBegin(store *s);
/* storeBegin that waits at most ms for another writer before GH_EBUSY (storeBegin
 * waits the backend's own time, seconds): for short writes on a server thread, such
 * as a sign-in, that must not stall while an import or a run holds the store. */
int storeBeginWait(store *s, int ms);
int storeCommit(store *s);
int storeRollback(store *s);

/* ---- imports ---- */
typedef struct storeImport {
    int64_t id;
    const char *kind, *file_name, *sha256, *encoding, *actor, *status, *started_at, *finished_at;
    const char *snapshot; /* NULL, "businesses" or "all": what the file replaced (storeStagePrune) */
    int64_t rows_read, rows_ok, rows_bad, rows_changed;
    const char *decided;  /* a dry run's upload: NULL, "committed" or "cancelled" (storeImportDecide) */
} storeImport;

/* Records an import with status "running" and returns its id. Called in a short
 * transaction of its own before the import's, so that an import that never ends
 * (killed, disk full) still leaves its record. Listings show a "running" import
 * whose process is gone as "interrupted". */
int storeImportCreate(store *s, const storeImport *info, int64_t *id);
/* Sets the final counts and status ("committed", "dry_run", "rejected"). */
int storeImportFinish(store *s, int64_t id, const storeImport *counts);
typedef int (*storeImportFn)(void *ctx, const storeImport *imp);
/* The imports that changed anything of one business, oldest first. */
int storeEachImportOf(store *s, const char *uscc, storeImportFn fn, void *ctx);
/* The latest imports, newest first. */
int storeEachImport(store *s, int limit, storeImportFn fn, void *ctx);

/* ---- import history (issue 11 §5) ---- */
/* Records what the uploader decided about the checked upload whose dry run is id:
 * "committed" (the commit is its own record) or "cancelled". GH_ENOTFOUND when id is
 * not a dry run still undecided. */
int storeImportDecide(store *s, int64_t id, const char *decision);
typedef struct storeImportFilter {
    const char *kinds;     /* "tax|insurance": only these kinds; NULL: every kind */
    int64_t offset;
    int limit;
} storeImportFilter;
/* One page of past imports, newest first, leaving out the dry runs of uploads that
 * were committed (their commit is listed); *total receives how many match. */
int storeEachImportPage(store *s, const storeImportFilter *f, storeImportFn fn, void *ctx, int64_t *total);
/* The latest committed import of each kind, in kind order. */
int storeEachLastImport(store *s, storeImportFn fn, void *ctx);

/* ---- staged facts (the fast path for department extracts) ----
 * Facts are appended to a staging area as they are read (memory does not grow
 * with the file), the checks that need the whole file run set-based, and the good
 * facts are applied target by target in USCC order. The caller decides which
 * checks apply and words their messages. Staging lives until the next
 * storeStageBegin on the handle. targets: the FACT_* bits storeStageApply will
 * write (a backend may stage only what they read); 0 stages everything. */
int storeStageBegin(store *s, unsigned targets);
/* Stages fact f read at line; key is what must not repeat within the file. */
int storeStageRow(store *s, const bizFact *f, const char *key, uint64_t line);
/* Stages n rows at once, in file order (decision 328): what storeStageRow does for
 * each, with less work a row. */
typedef struct storeStaged {
    const bizFact *fact;
    const char *key;
    uint64_t line;
} storeStaged;
int storeStageRows(store *s, const storeStaged *rows, size_t n);
/* Records a bad line (for listing in line order at the end). */
int storeStageBad(store *s, uint64_t line, const char *field, const char *msg);
/* Marks bad, with message (field "uscc"), every staged fact whose key an earlier line gave. */
int storeStageMarkDuplicateKeys(store *s, const char *message);
/* Marks bad, with message (field "uscc"), every staged fact of a business the store does not hold. */
int storeStageMarkUnknownBusinesses(store *s, const char *message);
/* Counts the good staged facts of businesses the store does not hold (the city's
 * typing may name them: decision 120). */
int storeStageCountUnknownBusinesses(store *s, int64_t *n);
/* Bad lines in line order; *lines receives the number of distinct bad lines. */
typedef int (*storeBadFn)(void *ctx, uint64_t line, const char *field, const char *msg);
int storeStageEachBad(store *s, storeBadFn fn, void *ctx, int64_t *lines);
/* Writes the targets (FACT_* bits) of the staged facts that are not bad, records
 * import_id in the history of every business it changed, and sets *changed to the
 * rows inserted or updated (0 when the store already held the same). A part of a
 * fact the row does not give (has_* false) is not written. */
int storeStageApply(store *s, unsigned targets, int64_t import_id, int64_t *changed);
/* What a snapshot import replaces: the entries of the businesses the file names,
 * or every entry of the list. */
typedef enum { STORE_SNAPSHOT_NONE, STORE_SNAPSHOT_BUSINESSES, STORE_SNAPSHOT_ALL } storeSnapshot;
/* After storeStageApply: the staging is the whole list for scope, so removes the
 * entries of target (FACT_INTERVAL of list, or FACT_PENALTY) that no good staged
 * row gives (key: interval start; penalty decision date and kind), of the staged
 * businesses (STORE_SNAPSHOT_BUSINESSES) or of all (STORE_SNAPSHOT_ALL), records
 * import_id in the history of every business it changed and sets *removed.
 * GH_EINVAL for another target or scope. */
int storeStagePrune(store *s, unsigned target, listKind list, storeSnapshot scope, int64_t import_id,
                    int64_t *removed);

/* ---- the directory ---- */
/* Replaces everything the store holds for d->uscc by the dossier (DATA.md §1).
 * *changed: rows inserted, updated or deleted (0 when the data was already so). */
int storeApplyDossier(store *s, const dossier *d, int64_t import_id, int *changed);
/* Calls fn with every business's dossier, in USCC order (one pass over each table).
 * The dossier and its strings are valid during the call only. */
typedef int (*storeDossierFn)(void *ctx, const dossier *d);
int storeEachDossier(store *s, storeDossierFn fn, void *ctx);
/* storeEachDossier for typing (decision 314): the dossiers carry only what the rules
 * read — the name, the operator's name and ID, town, industry, address and former
 * registration number are left out (NULL, "") — so a run reads and copies less. */
int storeEachTypingDossier(store *s, storeDossierFn fn, void *ctx);
/* One business's dossier, allocated in a. GH_ENOTFOUND. */
int storeLoadDossier(store *s, const char *uscc, arena *a, dossier *out);
int storeCountBusinesses(store *s, int64_t *n);

/* ---- look-up ---- */
typedef struct storeHit {
    const char *uscc, *name, *town, *legacy_reg_no;
    const char *operator_name; /* personal data: callers mask it before showing it */
    bizStatus status;
} storeHit;
typedef int (*storeHitFn)(void *ctx, const storeHit *hit);
/* By exact USCC, exact 注册号, or a substring of the name (any length, CJK included). */
int storeFind(store *s, const char *query, int limit, storeHitFn fn, void *ctx);

/* ---- staff search (issue 11 §3): one page of a filtered, sorted directory ---- */
typedef enum { STORE_SORT_NAME, STORE_SORT_USCC, STORE_SORT_ESTABLISHED, STORE_SORT_NEWEST } storeSearchSort;
#define STORE_TYPE_ANY (-2)  /* storeSearchQuery.type: no filter */
#define STORE_TYPE_NONE (-1) /* no result in the latest published run */
typedef struct storeSearchQuery {
    const char *text;     /* exact USCC, exact 注册号, or a name fragment; NULL or "": every business */
    const char *town;     /* exact 镇街, or NULL */
    const char *industry; /* a GB/T 4754 code prefix in capitals ("H", "H62", "H6220"), or NULL */
    int type;             /* STORE_TYPE_ANY, STORE_TYPE_NONE or a bizType (the latest published type) */
    int status;           /* -1 any, else a bizStatus */
    /* the reader's scope: every business, or only those holding facts of targets
     * (FACT_* bits) or listed on a list of lists (1 << listKind) (http/scope.h) */
    bool all;
    unsigned targets, lists;
    storeSearchSort sort;
    int limit;
    int64_t offset;
} storeSearchQuery;
typedef struct storeSearchHit {
    storeHit hit;
    const char *industry;
    civilDate established;
    int type; /* the latest published type (a correction applied), or STORE_TYPE_NONE */
} storeSearchHit;
typedef int (*storeSearchFn)(void *ctx, const storeSearchHit *h);
/* Calls fn with the page of businesses matching q (q->offset, at most q->limit) in
 * q->sort order (ties by USCC) and sets *total to the exact number of matches. */
int storeSearch(store *s, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx);
/* Calls fn with every distinct non-empty value of a filter, facet "town" then
 * "section" (the GB/T 4754 section letters the directory's codes start with), each in order. */
typedef int (*storeFacetFn)(void *ctx, const char *facet, const char *value);
int storeSearchFacets(store *s, storeFacetFn fn, void *ctx);

/* ---- annual runs and results ---- */
typedef struct storeRun {
    int64_t id;
    int year;
    const char *params_json, *params_sha256, *program_version, *actor, *started_at, *finished_at, *status;
    bool provisional;
    int64_t population;
    int64_t by_type[4];
    bool published;
    /* "run": getihu typed the district's data; "city": the city's result made
     * publishable (storeCityRunCreate, decision 124), its import city_import_id. */
    const char *source;
    int64_t city_import_id;
    const char *name, *note; /* the clerk's short name and note, or NULL (issue 11 §4) */
    /* the renderer version its results' reasons are stored for (rules/render.h):
     * RENDER_LEGACY (0) for runs stored as sentences, city runs included (issue 12 §1) */
    int renderer;
} storeRun;

int storeRunCreate(store *s, const storeRun *info, int64_t *id);
int storeRunFinish(store *s, int64_t id, int64_t population, const int64_t by_type[4]);
/* Loads run id, its strings copied into a. GH_ENOTFOUND. */
int storeRunGet(store *s, int64_t id, arena *a, storeRun *out);
typedef int (*storeRunFn)(void *ctx, const storeRun *run);
int storeEachRun(store *s, int year, storeRunFn fn, void *ctx); /* year 0: all */
/* The published run of year, or GH_ENOTFOUND. */
int storePublishedRun(store *s, int year, int64_t *id);
/* Marks run id as the public one for its year (one per year; the log keeps all).
 * Inside the caller's write transaction (GH_EINVAL outside one). *year receives the
 * run's year. GH_ENOTFOUND: no such run; GH_EINVAL: the run is not finished. */
int storePublish(store *s, int64_t id, const char *actor, int *year);

/* ---- run names, years and the compare list (issue 11 §4) ---- */
/* Sets run id's name and note (NULL clears) inside the caller's write transaction.
 * GH_ENOTFOUND: no such run; GH_EREFUSED: the run is or was published (decision
 * 180: a published run's label is part of what was published). */
int storeRunNoteSet(store *s, int64_t id, const char *name, const char *note);
/* A year that has runs: how many, and its published run (0: none) with the time of
 * publication (NULL when none). */
typedef struct storeYear { int year; int64_t runs, published_run; const char *published_at; } storeYear;
typedef int (*storeYearFn)(void *ctx, const storeYear *y);
/* Every year with a run, oldest first. */
int storeEachYear(store *s, storeYearFn fn, void *ctx);
/* A business whose type differs between two runs; a type is -1 when the business
 * has no result in that run. reasons: the to-run's reasons JSON (NULL when none). */
typedef struct storeMover {
    const char *uscc, *name, *town, *reasons;
    size_t reasons_len;
    int from_type, to_type;
} storeMover;
#define STORE_TYPE_ANY (-2)
typedef struct storeMoverQuery {
    int64_t from_run, to_run;
    int from_type, to_type; /* a bizType, -1 for no result, STORE_TYPE_ANY */
    int64_t offset;
    int limit;              /* 0: all */
} storeMoverQuery;
typedef int (*storeMoverFn)(void *ctx, const storeMover *m);
/* The businesses whose (corrected) type differs between the two runs, in USCC
 * order, as the query filters and pages them. */
int storeEachMover(store *s, const storeMoverQuery *q, storeMoverFn fn, void *ctx);

/* reasons: the result's reasons as stored, a facts text (rules/result_facts.h) in
 * the run's renderer version; the readers below receive them rendered (issue 12 §1). */
int storeResultAdd(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n);
/* One result of storeResultAddMany: as storeResultAdd's arguments. */
typedef struct storeResultRow {
    const char *uscc;
    bizType type;
    const char *reasons;
    size_t n;
} storeResultRow;
/* n results of run_id, stored as n storeResultAdd calls in this order would store
 * them; the run's writer hands a whole batch at once (decision 290). */
int storeResultAddMany(store *s, int64_t run_id, const storeResultRow *rows, size_t n);
/* Results with the non-personal registration fields. */
typedef struct storeResult {
    const char *uscc, *name, *town, *industry, *reasons;
    size_t reasons_len;
    bizType type;
    int year;
    int64_t run_id;
    bool published;
    bool corrected;         /* an upheld objection corrected it: type and reasons are the correction's */
    int64_t objection_id;   /* that objection (0 when not corrected) */
    const char *source; /* the run's: "run" or "city" (decision 124) */
    /* Set by the store when the reasons are stored as facts (issue 12 §1): the
     * decoded reasons and the renderer version that wrote reasons, for a reader that
     * writes the sentences in another shape (rules/render.h renderSplit); NULL and 0
     * for reasons stored as sentences. */
    const typingResult *facts;
    int renderer;
} storeResult;
typedef int (*storeResultFn)(void *ctx, const storeResult *r);
/* Results of a run in USCC order. Both readers below give a result as corrected by
 * an upheld objection (storeResultCorrect) when there is one, marked corrected: the
 * one way every reader (public search, business page, exports, statistics,
 * entitlements) sees "the published result of a business" (decision 101). */
int storeEachResult(store *s, int64_t run_id, storeResultFn fn, void *ctx);
/* As storeEachResult, for a reader that writes the sentences from r->facts (the CSV
 * and XLSX exports): a result stored as facts comes with facts set and reasons NULL
 * (length 0), its JSON array not rendered; one stored as sentences as before
 * (decision 291). */
int storeEachResultFacts(store *s, int64_t run_id, storeResultFn fn, void *ctx);
/* Every stored result of one business, newest year first, published ones marked. */
int storeEachResultOf(store *s, const char *uscc, storeResultFn fn, void *ctx);
/* The published results of one business only (issue 12 §2, decision 274): for each
 * year with a publication, the result of its published run (as corrected), newest
 * year first, r->published true; what storeEachResultOf gives filtered on published,
 * in one index look-up per year. rendered false: a result stored as facts comes with
 * r->facts set and r->reasons NULL (reasons_len 0), its sentences left unwritten, for
 * a reader that needs its codes only; reasons stored as sentences come as they are. */
int storeEachPublishedOf(store *s, const char *uscc, bool rendered, storeResultFn fn, void *ctx);

/* ---- statistics ---- */
/* Counts of results of run by type and a dimension: "town", "section" (industry
 * letter) or NULL (overall: key NULL). GH_EINVAL for another dimension. */
typedef int (*storeCountFn)(void *ctx, const char *key, bizType type, int64_t count);
int storeCountBy(store *s, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx);
/* Year-over-year transitions between two runs: from_type -1 when the business has
 * no result in the earlier run, to_type -1 when none in the later one. */
typedef int (*storeTransitionFn)(void *ctx, int from_type, int to_type, int64_t count);
int storeTransitions(store *s, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx);

/* ---- the city's typing result and its reconciliation (issue 10 §6) ---- */
/* Counts of businesses by (city type, type in run_id) for year, equal pairs
 * included: from_type is the city's (-1: the city gives none), to_type the run's
 * (-1: the run has none). Uses the transition callback's shape. */
int storeReconcileCounts(store *s, int year, int64_t run_id, storeTransitionFn fn, void *ctx);

typedef enum { CITY_CHECK_PENDING, CITY_CHECK_ACCEPTED, CITY_CHECK_RAISED } storeCityCheckStatus;
/* Which differences to list. Filters: NULL any; "-" absent; else a type code. */
typedef struct storeReconcileQuery {
    int year;
    int64_t run_id;
    const char *city_type, *run_type;
    int status;             /* -1 any, else storeCityCheckStatus (no record reads pending) */
    const char *uscc;       /* NULL any */
    int64_t offset, limit;  /* limit <= 0: all */
} storeReconcileQuery;
/* One business whose city type and run type differ (or only one of them exists).
 * name/town NULL when the directory lacks it; reasons NULL without a run result. */
typedef struct storeReconcileRow {
    const char *uscc, *name, *town, *reasons, *note, *checked_by, *checked_at;
    size_t reasons_len;
    int city_type, run_type; /* bizType or -1 */
    int64_t city_import_id;  /* 0 without a city result */
    bool in_directory;       /* false: the city types a business the district's directory lacks */
    storeCityCheckStatus status;
    int64_t total;           /* rows matching the query, paging aside */
} storeReconcileRow;
typedef int (*storeReconcileFn)(void *ctx, const storeReconcileRow *r);
/* The differences the query selects, in USCC order. */
int storeEachReconcile(store *s, const storeReconcileQuery *q, storeReconcileFn fn, void *ctx);

typedef struct storeCityCheck {
    int year;
    const char *uscc, *note, *actor;
    storeCityCheckStatus status;
} storeCityCheck;
/* Records the clerk's status of one difference (one per year and business; the
 * audit keeps the history). *before: the status it replaced (pending when none).
 * Inside the caller's write transaction. */
int storeCityCheckSet(store *s, const storeCityCheck *c, storeCityCheckStatus *before);

/* Makes the city's result of info->year publishable: a finished run with source
 * "city" whose results are the city's types of the businesses the directory holds,
 * each with the reason CITY.RESULT naming its import (decision 124). info gives
 * params, version and actor. GH_ENOTFOUND when the year has no city result. */
int storeCityRunCreate(store *s, const storeRun *info, int64_t *id);

/* ---- accounts, sessions, access codes ---- */
typedef struct storeAccount {
    int64_t id;
    const char *username, *role, *department, *uscc, *password_hash;
    bool disabled;
    int failed_logins;
    int64_t locked_until; /* unix seconds */
    const char *created_at, *last_login_at; /* UTC "…T…Z"; last_login_at NULL: never signed in (issue 11) */
} storeAccount;

/* GH_EINVAL when the username exists or the role is not one of the store's. */
int storeAccountAdd(store *s, const storeAccount *a, int64_t *id);
/* The account, its strings copied into a. GH_ENOTFOUND. */
int storeAccountGet(store *s, const char *username, arena *a, storeAccount *out);
int storeAccountById(store *s, int64_t id, arena *a, storeAccount *out);
/* The enabled business account bound to uscc. GH_ENOTFOUND. */
int storeAccountByUscc(store *s, const char *uscc, arena *a, storeAccount *out);
/* Sets the password hash and clears failures and lock. */
int storeAccountSetPassword(store *s, int64_t id, const char *password_hash);
int storeAccountSetDisabled(store *s, int64_t id, bool disabled);
/* Records a success (clears failures and delay) or a failure; from the
 * max_failures-th failure in a row on, each failure also delays sign-in until
 * lock_until (the caller computes the growing delay: app/accounts.c). */
int storeAccountLoginResult(store *s, int64_t id, bool ok, int max_failures, int64_t lock_until);
typedef int (*storeAccountFn)(void *ctx, const storeAccount *a);
/* Every account by id. */
int storeEachAccount(store *s, storeAccountFn fn, void *ctx);

/* Adds a session (sweeping the sessions expired at now). */
int storeSessionAdd(store *s, const char *token_hash, int64_t account_id, const char *csrf, int64_t now, int64_t expires);
/* The live session of token_hash at now: account id and CSRF token. GH_ENOTFOUND. */
int storeSessionGet(store *s, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]);
int storeSessionDelete(store *s, const char *token_hash);
/* Ends every session of an account (password change, disabling). */
int storeSessionDeleteAccount(store *s, int64_t account_id);

/* One-time access codes (business owners): only the hash is stored. Use marks the
 * code spent; GH_ENOTFOUND when unknown, expired, spent or not the account's. */
int storeAccessCodeAdd(store *s, const char *code_hash, int64_t account_id, int64_t expires, const char *issued_by);
int storeAccessCodeUse(store *s, const char *code_hash, int64_t account_id, int64_t now);

/* ---- the audit trail (the chain is computed in app/audit.c; the store keeps it) ---- */
typedef struct storeAudit {
    int64_t id;
    const char *at, *actor, *role, *client, *action, *object, *before, *after, *prev_hash, *hash;
} storeAudit;
/* The hash of the newest entry; GH_ENOTFOUND when the trail is empty. */
int storeAuditHead(store *s, char hash[65]);
/* Appends e as given (every field but id). Inside the caller's write transaction
 * (GH_EINVAL outside one), so that the head it was chained to is still the head. */
int storeAuditInsert(store *s, const storeAudit *e);
typedef int (*storeAuditFn)(void *ctx, const storeAudit *e);
/* Newest first; action NULL: all. */
int storeEachAudit(store *s, const char *action, int limit, storeAuditFn fn, void *ctx);
/* Every entry, oldest first (to verify the chain). */
int storeEachAuditChain(store *s, storeAuditFn fn, void *ctx);

/* ---- the console's accounts and audit views (issue 11 §2) ---- */
/* One page of the audit trail, newest first: entries with id below before_id (0: from
 * the newest), of action and actor when given, whose time falls on or after from and
 * before to (UTC "YYYY-MM-DDTHH:MM:SSZ" texts compared as text; NULL: open), at most
 * limit (1..1000). */
typedef struct storeAuditFilter {
    const char *action, *actor, *from, *to;
    int64_t before_id;
    int limit;
} storeAuditFilter;
int storeEachAuditPage(store *s, const storeAuditFilter *f, storeAuditFn fn, void *ctx);
/* Ends every unused, unexpired access code of account_id at now (expires it), so
 * that a re-issued code is the only one that works (decision 160). Inside the
 * caller's write transaction. *revoked receives how many. */
int storeAccessCodeRevoke(store *s, int64_t account_id, int64_t now, int *revoked);
/* The distinct towns of the directory's businesses, in name order (the choices of a
 * town account, decision 91). */
typedef int (*storeTownFn)(void *ctx, const char *town);
int storeEachTown(store *s, storeTownFn fn, void *ctx);
/* ---- the 名特优新 round (RULES.md A3; issue 9) ----
 * Applications, their history, evidence and the records the round's steps leave
 * (consents, site visits, departments' opinions, objections, recognitions,
 * information reports, commendations, the city's spot checks). The store keeps
 * them; app/round.c decides (rules/round.h) and writes a step and its audit entry
 * in one transaction. Times (at) are the caller's, as "YYYY-MM-DDTHH:MM:SSZ". */

#define STORE_ROUND_ID_SIZE 16 /* "2025-0001" */

typedef struct storeRoundApp {
    const char *id;             /* "YEAR-NNNN", given by storeRoundCreate */
    int year;                   /* the round's year */
    const char *uscc;
    categoryKind category;
    categoryRoute route;
    const char *recommended_by; /* the recommending department (route recommended) */
    int claimed[CATEGORY_MAX_CRITERIA]; /* criterion letters, 0 = A, in the order claimed */
    size_t n_claimed;
    const char *statement;
    roundState state;
    civilDate applied_on;       /* submission or recommendation (DATE_NONE in draft) */
    civilDate publicity_from, publicity_until; /* PUBLICITY and after */
    civilDate supplement_by;    /* the city's date for material */
    const char *created_by, *created_at, *updated_at;
    const char *name, *town;    /* read from the directory (not written) */
} storeRoundApp;

/* Adds a, with a fresh id "YEAR-NNNN" (the year's next number) copied into id.
 * GH_EINVAL when the business is not in the directory. Records below that name an
 * application (evidence, consent, visit …) are GH_EINVAL for an unknown one too. */
int storeRoundCreate(store *s, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]);
/* The application id, its strings copied into ar. GH_ENOTFOUND. */
int storeRoundGet(store *s, const char *id, arena *ar, storeRoundApp *out);
/* Rewrites what a draft says: category, route, recommended_by, claimed, statement,
 * updated_at. GH_ENOTFOUND. */
int storeRoundUpdate(store *s, const storeRoundApp *a);

/* One transition of the history. */
typedef struct storeRoundStep {
    int64_t id;
    const char *app_id;
    roundState from, to;
    roundAction action;
    const char *actor, *role, *at;
    civilDate on;               /* the decision's date */
    const char *reason;
    bool override;              /* the calendar was lifted … */
    const char *override_by, *override_reason; /* … by this administrator, for this reason */
} storeRoundStep;

/* Moves application a->id from step->from to step->to, writing a's dates
 * (applied_on, publicity_from/until, supplement_by) and updated_at = step->at, and
 * appends step to its history. Inside the caller's write transaction (GH_EINVAL
 * outside one); GH_ENOTFOUND; GH_ERANGE when the stored state is not step->from
 * (someone moved it first): nothing is written. */
int storeRoundMove(store *s, const storeRoundApp *a, const storeRoundStep *step);
typedef int (*storeRoundStepFn)(void *ctx, const storeRoundStep *st);
/* The history of application id, oldest first. */
int storeEachRoundStep(store *s, const char *id, storeRoundStepFn fn, void *ctx);

/* A worklist's filter: a zero or NULL field does not filter (so {0} is every application). */
typedef struct storeRoundFilter {
    int year;
    unsigned states;     /* bit set of (1 << roundState) */
    unsigned categories; /* bit set of (1 << categoryKind) */
    const char *town, *uscc, *recommended_by;
} storeRoundFilter;
typedef int (*storeRoundAppFn)(void *ctx, const storeRoundApp *a);
/* The applications that pass f, by id. */
int storeEachRound(store *s, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx);

/* An evidence file, kept in the store (not on a path) so that several servers share
 * it. The size limit and the content types allowed are decided above the store. */
typedef struct storeEvidence {
    int64_t id;
    const char *app_id, *name, *content_type, *sha256, *added_by, *added_at;
    const unsigned char *bytes; /* NULL in listings */
    size_t size;
} storeEvidence;
int storeEvidenceAdd(store *s, const storeEvidence *e, int64_t *id);
/* Evidence id with its bytes, copied into ar. GH_ENOTFOUND. */
int storeEvidenceGet(store *s, int64_t id, arena *ar, storeEvidence *out);
typedef int (*storeEvidenceFn)(void *ctx, const storeEvidence *e);
/* The evidence of application app_id by id, without bytes. */
int storeEachEvidence(store *s, const char *app_id, storeEvidenceFn fn, void *ctx);

/* The operator's consent to a recommendation (A3.2.2): given by the owner on the
 * owner page, or recorded by a clerk with the signed form's scan (evidence). */
typedef enum { CONSENT_OWNER, CONSENT_SCAN } storeConsentHow;
typedef struct storeConsent {
    const char *app_id;
    civilDate consent_on;
    storeConsentHow how;
    int64_t evidence_id; /* CONSENT_SCAN: the scan; 0 otherwise */
    const char *recorded_by, *recorded_at;
} storeConsent;
/* One consent per application: GH_EINVAL when one is recorded already. */
int storeConsentAdd(store *s, const storeConsent *c);
/* GH_ENOTFOUND when none is recorded. */
int storeConsentGet(store *s, const char *app_id, arena *ar, storeConsent *out);

/* 走访核实: date, staff, notes and photos (evidence ids). */
#define STORE_VISIT_PHOTOS 16
typedef struct storeVisit {
    int64_t id;
    const char *app_id;
    civilDate visited_on;
    const char *staff, *notes, *recorded_by, *recorded_at;
    int64_t photos[STORE_VISIT_PHOTOS];
    size_t n_photos;
} storeVisit;
/* GH_EINVAL for more than STORE_VISIT_PHOTOS photos. */
int storeVisitAdd(store *s, const storeVisit *v, int64_t *id);
typedef int (*storeVisitFn)(void *ctx, const storeVisit *v);
int storeEachVisit(store *s, const char *app_id, storeVisitFn fn, void *ctx);

/* 部门联审: one opinion per department and application, asked (pending) then given. */
typedef enum { OPINION_PENDING, OPINION_AGREE, OPINION_DISAGREE } storeOpinionKind;
typedef struct storeOpinion {
    const char *app_id, *department;
    storeOpinionKind opinion;
    const char *reason, *by, *at;
} storeOpinion;
/* Adds or replaces the opinion of o->department on o->app_id. */
int storeOpinionPut(store *s, const storeOpinion *o);
typedef int (*storeOpinionFn)(void *ctx, const storeOpinion *o);
/* The opinions on app_id by department. */
int storeEachOpinion(store *s, const char *app_id, storeOpinionFn fn, void *ctx);

/* An objection to a business under publicity (A3.2). contact is personal data. */
typedef struct storeObjection {
    int64_t id;
    const char *app_id, *reason, *contact, *filed_at;
    bool answered;
    const char *reply, *replied_by, *replied_at;
} storeObjection;
int storeObjectionAdd(store *s, const storeObjection *o, int64_t *id);
/* Answers objection id. GH_ENOTFOUND; GH_EINVAL when answered already. */
int storeObjectionAnswer(store *s, int64_t id, const char *reply, const char *by, const char *at);
typedef int (*storeObjectionFn)(void *ctx, const storeObjection *o);
/* The objections to app_id by id; open_only: the unanswered ones. */
int storeEachObjection(store *s, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx);

/* A recognition (A3.3.5): valid from recognised_on to the day before expires;
 * extended (extensions, expires moved); ended by cancellation, revocation (fraud
 * or bribery: the 5-year ban) or the city's refusal. */
typedef enum { RECOG_HELD, RECOG_CANCELLED, RECOG_REVOKED, RECOG_CITY_REFUSED } storeRecognitionEnd;
typedef enum { REVOKE_NONE, REVOKE_FRAUD, REVOKE_BRIBERY } storeRevocation;
typedef struct storeRecognition {
    const char *app_id, *uscc;
    int year;
    categoryKind category;
    categoryRoute route;
    bizType type;                /* the type at recognition */
    civilDate recognised_on, expires;
    int extensions;
    civilDate dept_consent_on;   /* the recommending department agreed to extend (evaluation D) */
    storeRecognitionEnd ended;
    civilDate ended_on;
    storeRevocation revocation;
    const char *end_reason;
    const char *operator_id;     /* read from the directory (not written); personal data */
} storeRecognition;
/* One per application: GH_EINVAL when it exists. */
int storeRecognitionAdd(store *s, const storeRecognition *r);
int storeRecognitionGet(store *s, const char *app_id, arena *ar, storeRecognition *out);
/* Rewrites expires, extensions, dept_consent_on, ended, ended_on, revocation and
 * end_reason of r->app_id. GH_ENOTFOUND. */
int storeRecognitionUpdate(store *s, const storeRecognition *r);
typedef struct storeRecognitionFilter {
    const char *uscc, *operator_id; /* NULL: any */
    civilDate valid_at;             /* held and recognised_on <= t < expires; DATE_NONE: any */
    bool revoked_only;              /* ended by revocation */
    int year;                       /* the round's year, 0: any */
} storeRecognitionFilter;
typedef int (*storeRecognitionFn)(void *ctx, const storeRecognition *r);
/* The recognitions that pass f, by application id. */
int storeEachRecognition(store *s, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx);

/* The yearly information report (信息报告, A3.3.5), checked by staff. */
typedef enum { REPORT_FILED, REPORT_CONFIRMED, REPORT_QUERIED } storeReportStatus;
typedef struct storeInfoReport {
    int64_t id;
    const char *app_id;
    int year;
    civilDate filed_on;
    const char *changes, *filed_by;
    storeReportStatus status;
    const char *checked_by, *checked_at, *note;
} storeInfoReport;
/* One per recognition and year: GH_EINVAL when filed already. */
int storeInfoReportAdd(store *s, const storeInfoReport *r, int64_t *id);
/* Sets the staff's check (CONFIRMED or QUERIED) of report id. GH_ENOTFOUND. */
int storeInfoReportCheck(store *s, int64_t id, storeReportStatus status, const char *by, const char *at,
                         const char *note);
typedef int (*storeInfoReportFn)(void *ctx, const storeInfoReport *r);
/* The reports of year (0: all) of app_id (NULL: all), by id. */
int storeEachInfoReport(store *s, int year, const char *app_id, storeInfoReportFn fn, void *ctx);

/* An administrator's grant lifting the calendar (A3.2.1) for the next action of one
 * case done by whoever may do it (decision 84): spent when that action uses it. */
typedef struct storeOverrideGrant {
    int64_t id;
    const char *app_id;
    roundAction action;
    const char *reason, *granted_by, *granted_at, *used_at;
} storeOverrideGrant;
/* Adds g (unused). GH_EINVAL when the case has an unused grant for that action already. */
int storeOverrideGrantAdd(store *s, const storeOverrideGrant *g, int64_t *id);
/* The unused grant of app_id for action into out, strings in ar. GH_ENOTFOUND when none. */
int storeOverrideGrantOpen(store *s, const char *app_id, roundAction action, arena *ar, storeOverrideGrant *out);
/* Marks grant id used at at. GH_ENOTFOUND when there is none unused. */
int storeOverrideGrantUse(store *s, int64_t id, const char *at);

/* A district-level or higher government commendation (evaluation B), recorded by staff. */
typedef struct storeCommendation {
    int64_t id;
    const char *uscc, *title, *level, *recorded_by, *recorded_at;
    civilDate commended_on;
} storeCommendation;
int storeCommendationAdd(store *s, const storeCommendation *c, int64_t *id);
typedef int (*storeCommendationFn)(void *ctx, const storeCommendation *c);
/* The commendations of uscc, oldest first. */
int storeEachCommendation(store *s, const char *uscc, storeCommendationFn fn, void *ctx);

/* The city's spot check of a reported recognition: a request for material by a
 * date, the material supplied, or a refusal. */
typedef enum { SPOT_REQUEST, SPOT_SUPPLIED, SPOT_REFUSE } storeSpotKind;
typedef struct storeSpotCheck {
    int64_t id;
    const char *app_id;
    storeSpotKind kind;
    civilDate on, due_on;     /* due_on: SPOT_REQUEST's date */
    const char *note, *by, *at;
} storeSpotCheck;
int storeSpotCheckAdd(store *s, const storeSpotCheck *c, int64_t *id);
typedef int (*storeSpotCheckFn)(void *ctx, const storeSpotCheck *c);
int storeEachSpotCheck(store *s, const char *app_id, storeSpotCheckFn fn, void *ctx);
/* After the re-check of year's published run (A3.3.5) staff cancel a flagged
 * recognition (the transition) or keep it, with a reason: the keeping is recorded
 * here, one per recognition and year (GH_EINVAL when kept already). */
typedef struct storeKeep {
    const char *app_id;
    int year;
    const char *reason, *by, *at;
} storeKeep;
int storeKeepAdd(store *s, const storeKeep *k);
typedef int (*storeKeepFn)(void *ctx, const storeKeep *k);
/* The recognitions kept after the re-check of year, by application id. */
int storeEachKeep(store *s, int year, storeKeepFn fn, void *ctx);

/* ---- measures: entitlement changes and department work (issue 10) ----
 * Entitlements are not stored: they follow from the published type and the
 * categories held (rules/measures.h), so the store answers with those two. A
 * business's held categories are the recognitions held on a day d with
 * recognised_on <= d < expires and a recognition year before d's year (A3.2.1
 * "次年1月1日起享受"), as a bit set 1 << categoryKind. */
typedef enum { MCHANGE_PUBLICATION, MCHANGE_CATEGORY, MCHANGE_CORRECTION } storeMeasureChangeKind;
typedef struct storeMeasureChange {
    int64_t id;
    storeMeasureChangeKind kind;
    const char *ref, *uscc, *at; /* ref: what caused it (a run id, a recognition, an objection) */
    int before_type, after_type; /* bizType; -1 when there was / is no result */
    unsigned before_held, after_held;
} storeMeasureChange;
/* Records one change (a category that starts or ends, a correction); *id its id. */
int storeMeasureChangeAdd(store *s, const storeMeasureChange *c, int64_t *id);
/* At the publication of run_id: records every business whose type differs from
 * run before_run (a result in one run and not the other included), with the
 * categories it holds on day on, as kind MCHANGE_PUBLICATION with ref and at.
 * Nothing when before_run is 0. Inside the caller's write transaction (GH_EINVAL
 * outside one). *n receives the count. */
int storeMeasureChangesAtPublish(store *s, int64_t run_id, int64_t before_run, const char *ref, civilDate on,
                                 const char *at, int64_t *n);
typedef int (*storeMeasureChangeFn)(void *ctx, const storeMeasureChange *c);
/* The changes of kind and ref with an id above after_id, at most limit, by id. */
int storeEachMeasureChange(store *s, storeMeasureChangeKind kind, const char *ref, int64_t after_id, int limit,
                           storeMeasureChangeFn fn, void *ctx);
/* The categories uscc holds on day on (see above). */
int storeHeldCategories(store *s, const char *uscc, civilDate on, unsigned *held);

/* A department's (or town's, or the clerk's) status of its work on one measure for
 * one business. No row reads as MWORK_PENDING (待联系). */
typedef enum { MWORK_PENDING, MWORK_CONTACTED, MWORK_SERVED, MWORK_NOT_NEEDED } storeWorkStatus;
typedef struct storeWorkMark {
    const char *measure, *department, *uscc; /* department: the worker's name (a town's name for a town) */
    storeWorkStatus status;
    civilDate on;
    const char *note, *by, *at;
} storeWorkMark;
/* Sets the status (replacing the one before, given in *before: MWORK_PENDING when
 * none). GH_EINVAL for an unknown business. */
int storeWorkMarkSet(store *s, const storeWorkMark *m, storeWorkStatus *before);

/* One worklist: the businesses of the published run run_id entitled to a measure
 * for type (type >= 0) or for a category (category >= 0; then type, when >= 0,
 * narrows), never ineligible ones; filtered by town, industry section and status;
 * sorted by sort ("uscc", "name", "town"); a page of limit rows from offset. */
typedef struct storeWorkQuery {
    int64_t run_id;
    const char *measure, *department;
    int type, category;
    civilDate on; /* the day categories are held */
    const char *town, *section;
    int status; /* storeWorkStatus, or -1: any */
    const char *sort;
    int limit;
    int64_t offset;
} storeWorkQuery;
typedef struct storeWorkRow {
    const char *uscc, *name, *town, *industry;
    bizType type;
    unsigned held;
    storeWorkStatus status;
    civilDate on;
    const char *note;
} storeWorkRow;
typedef int (*storeWorkFn)(void *ctx, const storeWorkRow *r);
int storeEachWork(store *s, const storeWorkQuery *q, storeWorkFn fn, void *ctx);
/* How many rows the query has without its page (limit, offset ignored). */
int storeWorkCount(store *s, const storeWorkQuery *q, int64_t *n);
/* Coverage: the results of run_id grouped by town, type and categories held on on. */
typedef int (*storeEntitledFn)(void *ctx, const char *town, bizType type, unsigned held, int64_t count);
int storeEachEntitledGroup(store *s, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx);
/* Coverage: the MWORK_SERVED marks whose business has a result in run_id, grouped
 * by measure, department, town, that result's type and the categories held. */
typedef int (*storeServedFn)(void *ctx, const char *measure, const char *department, const char *town, bizType type,
                             unsigned held, int64_t count);
int storeEachServedGroup(store *s, int64_t run_id, civilDate on, storeServedFn fn, void *ctx);
/* ---- objections to a typing result (异议申诉: RULES.md A1.2.3, S3(三); issue 10) ----
 * Not the publicity objections of the round above (storeObjection*). An owner
 * objects to one condition of its published result; a clerk may ask the department
 * owning the data to verify; the clerk upholds (the fact corrected, the business
 * re-typed with the run's parameters: storeCorrectionAdd, storeResultCorrect) or
 * rejects with a written reply. app/objection*.c decides; the store keeps. */
typedef enum { TOBJ_FILED, TOBJ_VERIFYING, TOBJ_UPHELD, TOBJ_REJECTED } storeTObjStatus;
typedef enum { TOBJ_ANSWER_NONE, TOBJ_ANSWER_CORRECT, TOBJ_ANSWER_WRONG } storeTObjAnswer;
typedef struct storeTypingObjection {
    int64_t id;
    const char *uscc;
    int year;
    int64_t run_id;             /* the published run objected to */
    const char *code;           /* the reason code contested ("GROWTH.A") */
    const char *kind;           /* the import kind behind that fact ("annual_reports") */
    const char *statement, *filed_by, *filed_at;
    civilDate filed_on, reply_due;
    storeTObjStatus status;
    /* the verification asked of a department, and its answer */
    const char *department, *verify_asked_by, *verify_asked_at;
    civilDate verify_due;
    storeTObjAnswer answer;
    const char *answer_value, *answer_note, *answered_by, *answered_at;
    /* the decision: the written reply; upheld: the result before and after */
    const char *reply, *decided_by, *decided_at;
    bizType old_type, new_type;
    const char *old_reasons, *new_reasons;
    const char *name;           /* read from the directory (not written) */
} storeTypingObjection;
/* Adds o (status, filing and due date) and gives its id. GH_EINVAL when the
 * business or the run is unknown. */
int storeTypingObjectionAdd(store *s, const storeTypingObjection *o, int64_t *id);
/* Objection id, its strings copied into ar. GH_ENOTFOUND. */
int storeTypingObjectionGet(store *s, int64_t id, arena *ar, storeTypingObjection *out);
/* Rewrites status, verification, answer and decision of o->id, only when its stored
 * status is from (GH_ERANGE otherwise: someone moved it first). GH_ENOTFOUND. */
int storeTypingObjectionUpdate(store *s, const storeTypingObjection *o, storeTObjStatus from);
/* A queue's filter: a zero or NULL field does not filter. */
typedef struct storeTObjFilter {
    const char *uscc, *department;
    unsigned statuses;          /* bit set of (1 << storeTObjStatus) */
    civilDate overdue_at;       /* open (filed, verifying) with reply_due before this date; DATE_NONE: any */
    int limit, offset;          /* limit 0: all */
} storeTObjFilter;
typedef int (*storeTypingObjectionFn)(void *ctx, const storeTypingObjection *o);
/* The objections that pass f, oldest filing first; *total (when not NULL) the
 * number passing f before limit and offset. */
int storeEachTypingObjection(store *s, const storeTObjFilter *f, storeTypingObjectionFn fn, void *ctx,
                             int64_t *total);

/* An evidence file of an objection (bytes in the store, as the round's). */
typedef struct storeObjectionFile {
    int64_t id, objection_id;
    const char *name, *content_type, *sha256, *added_by, *added_at;
    const unsigned char *bytes; /* NULL in listings */
    size_t size;
} storeObjectionFile;
int storeObjectionFileAdd(store *s, const storeObjectionFile *f, int64_t *id);
/* File id with its bytes, copied into ar. GH_ENOTFOUND. */
int storeObjectionFileGet(store *s, int64_t id, arena *ar, storeObjectionFile *out);
typedef int (*storeObjectionFileFn)(void *ctx, const storeObjectionFile *f);
/* The files of objection_id by id, without bytes. */
int storeEachObjectionFile(store *s, int64_t objection_id, storeObjectionFileFn fn, void *ctx);

/* A correction of one fact, made by an upheld objection: which fact (kind, field,
 * year or key), the value before and after, the evidence, who and when. The fact
 * itself is written into the directory by the caller (decision 100). */
typedef struct storeCorrection {
    int64_t id, objection_id;
    const char *uscc, *kind, *field, *key, *old_value, *new_value, *evidence, *by, *at;
    int year;                   /* 0 when the fact has no year */
} storeCorrection;
int storeCorrectionAdd(store *s, const storeCorrection *c, int64_t *id);
typedef int (*storeCorrectionFn)(void *ctx, const storeCorrection *c);
/* The corrections of uscc, oldest first. */
int storeEachCorrection(store *s, const char *uscc, storeCorrectionFn fn, void *ctx);
/* Records the corrected result of uscc in run_id (objection objection_id), replacing
 * an earlier correction; the run's own result stays as it was. GH_ENOTFOUND when
 * the run holds no result for uscc. */
int storeResultCorrect(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n,
                       int64_t objection_id);
/* ---- the bank channel (issue 10 §5, S2(三)6; decisions 110-116) ----
 * An owner's consent that one bank may see its results and the figures of scopes
 * (BANK_SCOPE_* bits, app/bank.h) from one civil date to another, until withdrawn;
 * and each time a bank saw a business. bank is the bank's name as its accounts
 * carry it (accounts.department, decision 110). */
typedef struct storeBankConsent {
    int64_t id;
    const char *uscc, *bank;
    civilDate from, to;         /* in force from .. to, both days included */
    unsigned scopes;
    const char *granted_by, *granted_at;
    const char *withdrawn_by, *withdrawn_at; /* NULL while not withdrawn */
    const char *name;           /* the business's name, read from the directory (not written) */
} storeBankConsent;
/* Adds c (not withdrawn). GH_EINVAL when the business is not in the directory or a
 * consent of the same business to the same bank, not withdrawn, overlaps c's days. */
int storeBankConsentAdd(store *s, const storeBankConsent *c, int64_t *id);
/* Withdraws consent id of uscc at at, by by. GH_ENOTFOUND when uscc has no such
 * consent or it is withdrawn already. */
int storeBankConsentWithdraw(store *s, int64_t id, const char *uscc, const char *by, const char *at);
/* Which consents: of one business (uscc: every one, newest first), or those of one
 * bank in force on valid_on (not withdrawn, from <= valid_on <= to), by USCC, after
 * the USCC after (NULL: from the first), at most limit (0: all). */
typedef struct storeBankConsentFilter {
    const char *uscc, *bank;
    civilDate valid_on;
    const char *after;
    int limit;
} storeBankConsentFilter;
typedef int (*storeBankConsentFn)(void *ctx, const storeBankConsent *c);
/* GH_EINVAL unless exactly one of uscc and bank is given (bank with valid_on). */
int storeEachBankConsent(store *s, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx);
/* One look at one business by a bank: what is "list", "lookup" or "download". */
typedef struct storeBankAccess {
    int64_t id;
    const char *uscc, *bank, *account, *at, *what;
    unsigned scopes;            /* the figures that were shown */
} storeBankAccess;
/* Adds the n accesses a[0..n-1] (one statement for all: a download records every business). */
int storeBankAccessAdd(store *s, const storeBankAccess *a, size_t n);
typedef int (*storeBankAccessFn)(void *ctx, const storeBankAccess *a);
/* The accesses to uscc, newest first, at most limit (0: all). */
int storeEachBankAccess(store *s, const char *uscc, int limit, storeBankAccessFn fn, void *ctx);
/* One row of a bank's table: a business whose consent to the bank is in force on a
 * day, with its newest published result, the category it holds that day and the
 * newest figure of each kind, whatever the consent's scopes (the caller shows only
 * those they open). One pass, however many businesses consent. */
typedef struct storeBankRow {
    const char *uscc, *name, *town, *industry;
    civilDate from, to;         /* the consent's */
    unsigned scopes;
    int year;                   /* of the newest published result; 0: none */
    bizType type;
    bool has_category;          /* held: recognised_on <= day < expires */
    categoryKind category;
    civilDate recognised_on, expires;
    int report_year;            /* newest annual report; 0: none */
    bool has_revenue;
    money revenue;
    int employees;              /* -1: not given */
    int tax_year;               /* 0: none */
    money tax;
    int insured_year;           /* 0: none */
    int insured;
    const char *source;         /* the result's run: "run" (getihu's) or "city" (decision 124); NULL: none */
} storeBankRow;
typedef int (*storeBankRowFn)(void *ctx, const storeBankRow *r);
/* The rows of the businesses consenting to bank on valid_on, by USCC. */
int storeEachBankRow(store *s, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx);
/* The banks known: the distinct banks of enabled bank accounts, in name order. */
typedef int (*storeBankFn)(void *ctx, const char *bank);
int storeEachBank(store *s, storeBankFn fn, void *ctx);
/* ---- copying a whole store to another backend (issue 12 §3, `getihu db copy`; decision 262) ----
 * A backend-neutral dump and load: the source walks each table's rows as typed values, the target loads them,
 * all tables in one write transaction of its own, ids and the audit chain exactly as they were. Table and column
 * names come from the backends themselves (never from input). A backend that cannot do this (its vtable entries
 * NULL) answers GH_EINVAL with a message. */
typedef enum storeValueKind { STORE_VALUE_NULL, STORE_VALUE_INT, STORE_VALUE_TEXT, STORE_VALUE_BLOB } storeValueKind;
typedef struct storeValue {
    storeValueKind kind;
    int64_t i;     /* STORE_VALUE_INT */
    const char *p; /* STORE_VALUE_TEXT (UTF-8) and STORE_VALUE_BLOB: n bytes */
    size_t n;
} storeValue;
typedef int (*storeNameFn)(void *ctx, const char *name);
/* The store's data tables, each after every table it references (the order to load them in). */
int storeEachTable(store *s, storeNameFn fn, void *ctx);
/* table's columns in the order storeEachRow gives their values. GH_ENOTFOUND: no such table. */
int storeEachColumn(store *s, const char *table, storeNameFn fn, void *ctx);
typedef int (*storeRowFn)(void *ctx, const storeValue *v, int n);
/* Every row of table, in primary-key order, as n values in storeEachColumn's order. */
int storeEachRow(store *s, const char *table, storeRowFn fn, void *ctx);
/* The number of rows of table. */
int storeCountRows(store *s, const char *table, int64_t *n);
/* Loading into table, inside a write transaction: storeLoadBegin names the n columns the rows give, storeLoadRow
 * adds one row (values in that order), storeLoadEnd sends what is buffered and moves the table's id sequence past
 * the ids loaded. GH_ENOTFOUND: no such table or column; GH_EINVAL: outside a write transaction, or a row the
 * table refuses (a duplicate, a reference to nothing). */
int storeLoadBegin(store *s, const char *table, const char *const *columns, int n);
int storeLoadRow(store *s, const storeValue *v, int n);
int storeLoadEnd(store *s);

/* ---- several serve processes on one store (issue 12 §3, decisions 265-269) ---- */
/* A sign-in limit's slot shared by every process on the store: one per (kind, key),
 * where kind names the limit (the caller's numbering) and key is a hash of a client
 * address or a USCC, never the text itself. What level and last mean is the
 * limit's (http/ratelimit.h: tokens and when they were counted, or failures and the
 * time of the last); times are seconds since the epoch. */
typedef struct storeThrottle { double level, last; } storeThrottle;
/* The slot of (kind, key). GH_ENOTFOUND when it has none (a fresh slot). */
int storeThrottleGet(store *s, int kind, uint64_t key, storeThrottle *out);
/* Writes the slot of (kind, key), inside the caller's write transaction (GH_EINVAL
 * outside one), so that reading a slot and writing it back is one step for every
 * process. */
int storeThrottlePut(store *s, int kind, uint64_t key, const storeThrottle *t);
/* Removes kind's slots last counted before `before` (forgotten: a fresh slot says
 * the same); *removed how many. */
int storeThrottleForget(store *s, int kind, double before, int64_t *removed);

/* A background job (a run started from the console) that every process answers for. */
typedef struct storeJob {
    int64_t id, done, total, run_id; /* run_id 0: none (yet) */
    int year;
    const char *kind;        /* "run" */
    const char *status;      /* running, done, failed; read: interrupted when its process is gone */
    const char *error;       /* NULL: none */
    const char *actor;
    const char *owner;       /* read: "host pid", the process that started it (storeJobStart sets it) */
    const char *started_at, *finished_at; /* UTC "YYYY-MM-DDTHH:MM:SSZ"; finished_at NULL while running */
} storeJob;
/* Records a new running job of j->kind, year and total, started by j->actor in this
 * process, inside the caller's write transaction (GH_EINVAL outside one): *id. While
 * another job of that kind is running (its process alive) nothing is recorded and the
 * answer is GH_EREFUSED with that job's id in *id: one at a time across processes. */
int storeJobStart(store *s, const storeJob *j, int64_t *id);
/* Records how far running job id is, outside any transaction and without waiting:
 * GH_EBUSY at once when another writer holds the store (progress is best effort). */
int storeJobProgress(store *s, int64_t id, int64_t done);
/* Ends running job j->id with j->status (done or failed), j->done, j->run_id and
 * j->error, in one statement of its own (outside a transaction). GH_ENOTFOUND when it
 * is not running. */
int storeJobFinish(store *s, const storeJob *j);
/* The newest running job of kind whose process is alive (a read: no lock). GH_ENOTFOUND when none. */
int storeJobRunning(store *s, const char *kind, int64_t *id);
/* Job id, its strings copied into a. GH_ENOTFOUND. */
int storeJobGet(store *s, int64_t id, arena *a, storeJob *out);
#endif
