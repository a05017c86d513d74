#ifndef GETIHU_STORE_STORE_H
#define GETIHU_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "rules/dossier.h"
#include "rules/fact.h"
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

#define STORE_SCHEMA_VERSION 4

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

/* Opens the store at location: a file path (SQLite) or, later, a URL.
 * postgresql:// and postgres:// URLs are refused with GH_EINVAL until that backend
 * is built. Never creates nor changes anything that is not a getihu store. On
 * failure *out is NULL, err names the location and the cause, and the code says
 * what to do:
 * - GH_ENOTFOUND: no store there, or an empty one (initialise it: STORE_OPEN_CREATE);
 * - GH_ERANGE: a getihu store of an older version (migrate it: STORE_OPEN_MIGRATE);
 * - GH_EINVAL: not a getihu store (another program's file; refused untouched), or
 *   one newer than this program, or contradictory flags;
 * - GH_EIO: it cannot be read or written (read-only directory or filesystem, …). */
int storeOpen(store **out, const char *location, unsigned flags, char *err, size_t errsize);
void storeClose(store *s);
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

/* ---- staged facts (the fast path for department extracts) ----
 * Facts are appended to a staging area as they are read (memory does not grow
 * with the file), the checks that need the whole file run set-based, and the good
 * facts are applied target by target in USCC order. The caller decides which
 * checks apply and words their messages. Staging lives until the next
 * storeStageBegin on the handle. */
int storeStageBegin(store *s);
/* Stages fact f read at line; key is what must not repeat within the file. */
int storeStageRow(store *s, const bizFact *f, const char *key, uint64_t line);
/* Records a bad line (for listing in line order at the end). */
int storeStageBad(store *s, uint64_t line, const char *field, const char *msg);
/* Marks bad, with message (field "uscc"), every staged fact whose key an earlier line gave. */
int storeStageMarkDuplicateKeys(store *s, const char *message);
/* Marks bad, with message (field "uscc"), every staged fact of a business the store does not hold. */
int storeStageMarkUnknownBusinesses(store *s, const char *message);
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

/* ---- annual runs and results ---- */
typedef struct storeRun {
    int64_t id;
    int year;
    const char *params_json, *params_sha256, *program_version, *actor, *started_at, *finished_at, *status;
    bool provisional;
    int64_t population;
    int64_t by_type[4];
    bool published;
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

int storeResultAdd(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n);
/* Results with the non-personal registration fields. */
typedef struct storeResult {
    const char *uscc, *name, *town, *industry, *reasons;
    size_t reasons_len;
    bizType type;
    int year;
    int64_t run_id;
    bool published;
} storeResult;
typedef int (*storeResultFn)(void *ctx, const storeResult *r);
/* Results of a run in USCC order. */
int storeEachResult(store *s, int64_t run_id, storeResultFn fn, void *ctx);
/* Every stored result of one business, newest year first, published ones marked. */
int storeEachResultOf(store *s, const char *uscc, storeResultFn fn, void *ctx);

/* ---- statistics ---- */
/* Counts of results of run by type and a dimension: "town", "section" (industry
 * letter) or NULL (overall: key NULL). GH_EINVAL for another dimension. */
typedef int (*storeCountFn)(void *ctx, const char *key, bizType type, int64_t count);
int storeCountBy(store *s, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx);
/* Year-over-year transitions between two runs: from_type -1 when the business has
 * no result in the earlier run, to_type -1 when none in the later one. */
typedef int (*storeTransitionFn)(void *ctx, int from_type, int to_type, int64_t count);
int storeTransitions(store *s, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx);

/* ---- accounts, sessions, access codes ---- */
typedef struct storeAccount {
    int64_t id;
    const char *username, *role, *department, *uscc, *password_hash;
    bool disabled;
    int failed_logins;
    int64_t locked_until; /* unix seconds */
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
#endif
