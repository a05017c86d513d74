#ifndef GETIHU_STORE_STORE_H
#define GETIHU_STORE_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/arena.h"
#include "io/extract.h"
#include "rules/dossier.h"
#include "rules/typing.h"

/* The one storage interface. All SQL lives behind it (store_sqlite.c today; a
 * PostgreSQL backend later implements the same functions). Callers see plain
 * structs: dossiers, rows, runs, results. Functions return 0 or a negative GH_E*
 * code; storeError() gives the last message. */

typedef struct store store;

#define STORE_SCHEMA_VERSION 3

/* Opens (creating and migrating when needed) the database at path. */
int storeOpen(store **out, const char *path, char *err, size_t errsize);
void storeClose(store *s);
const char *storeError(const store *s);
int storeSchemaVersion(store *s, int *version);
/* PRAGMA integrity_check and foreign_key_check; result "ok" when clean. */
int storeCheck(store *s, char *result, size_t n);

/* Ends every read the connection still holds (a statement that returned a row keeps
 * a read transaction, and so an old snapshot, open). Long-lived users such as the
 * server call it after each request; strings returned earlier become invalid. */
void storeIdle(store *s);

/* A read transaction: every read between the two sees one snapshot, and the file
 * locks are taken once instead of once per statement. storeReadEnd resets the
 * statements and ends the transaction; it fails only if COMMIT fails. */
int storeReadBegin(store *s);
int storeReadEnd(store *s);

int storeBegin(store *s);
int storeCommit(store *s);
int storeRollback(store *s);

/* ---- imports ---- */
typedef struct storeImport {
    int64_t id;
    const char *kind, *file_name, *sha256, *encoding, *actor, *status, *started_at, *finished_at;
    int64_t rows_read, rows_ok, rows_bad, rows_changed;
} storeImport;

/* Records an import (status "running") and returns its id. Inside the import's
 * transaction: if the transaction rolls back, so does the record. */
int storeImportCreate(store *s, const storeImport *info, int64_t *id);
/* Sets the final counts and status ("committed", "dry_run", "rejected"). A rejected
 * or dry-run import is recorded by calling this on a fresh import row outside the
 * rolled-back transaction. */
int storeImportFinish(store *s, int64_t id, const storeImport *counts);

/* Staged import of a department extract (the fast path for CSV kinds): rows are
 * appended to a temporary table as they are read, the checks that need the whole
 * file run in SQL, and the good rows are applied table by table in USCC order, so
 * that the B-trees are written in order whatever the order of the file. Temporary
 * tables live on disk: memory does not grow with the file. */
int storeStageBegin(store *s);
int storeStageRow(store *s, const extractRow *r, const char *key, uint64_t line);
/* Records a bad row (for listing in line order at the end). */
int storeStageBad(store *s, uint64_t line, const char *field, const char *msg);
/* Repeated keys within the file, rows of businesses the store does not hold. */
int storeStageCheck(store *s, extractKind kind);
/* Bad rows in line order; *lines receives the number of distinct bad lines. */
typedef int (*storeBadFn)(void *ctx, uint64_t line, const char *field, const char *msg);
int storeStageEachBad(store *s, storeBadFn fn, void *ctx, int64_t *lines);
/* Applies the staged rows that are not bad. *changed: rows inserted or updated. */
int storeStageApply(store *s, extractKind kind, int64_t import_id, int64_t *changed);

/* Replaces everything the store holds for d->uscc by the dossier (DATA.md §1).
 * *changed: rows inserted, updated or deleted (0 when the data was already so). */
int storeApplyDossier(store *s, const dossier *d, int64_t import_id, int *changed);
/* Applies one department-extract row. GH_ENOTFOUND when the row names a business
 * the store does not hold (and the kind is not registration). */
int storeApplyRow(store *s, extractKind kind, const extractRow *row, int64_t import_id, int *changed);

/* ---- annual runs ---- */
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
/* Loads run id; strings stay valid until the next call on s. GH_ENOTFOUND. */
int storeRunGet(store *s, int64_t id, storeRun *out);
typedef int (*storeRunFn)(void *ctx, const storeRun *run);
int storeEachRun(store *s, int year, storeRunFn fn, void *ctx); /* year 0: all */
/* The published run of year, or GH_ENOTFOUND. */
int storePublishedRun(store *s, int year, int64_t *id);
/* Marks run id as the public one for its year (one per year; the log keeps all). */
int storePublish(store *s, int64_t id, const char *actor, int *year);

/* Calls fn with every business's dossier, in USCC order (one pass over each table).
 * The dossier and its strings are valid during the call only. */
typedef int (*storeDossierFn)(void *ctx, const dossier *d);
int storeEachDossier(store *s, storeDossierFn fn, void *ctx);
/* One business's dossier, allocated in a. GH_ENOTFOUND. */
int storeLoadDossier(store *s, const char *uscc, arena *a, dossier *out);

int storeCountBusinesses(store *s, int64_t *n);

int storeResultAdd(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n);

/* Results of a run in USCC order, with the non-personal registration fields. */
typedef struct storeResult {
    const char *uscc, *name, *town, *industry, *reasons;
    size_t reasons_len;
    bizType type;
    int year;
    int64_t run_id;
    bool published;
} storeResult;
typedef int (*storeResultFn)(void *ctx, const storeResult *r);
int storeEachResult(store *s, int64_t run_id, storeResultFn fn, void *ctx);
/* Every stored result of one business, newest year first, published ones marked. */
int storeEachResultOf(store *s, const char *uscc, storeResultFn fn, void *ctx);

/* ---- look-up ---- */
typedef struct storeHit {
    const char *uscc, *name, *town, *legacy_reg_no;
    const char *operator_name; /* personal data: callers mask it before showing it */
    bizStatus status;
} storeHit;
typedef int (*storeHitFn)(void *ctx, const storeHit *hit);
/* By exact USCC, exact 注册号, or a substring of the name (any length, CJK included). */
int storeFind(store *s, const char *query, int limit, storeHitFn fn, void *ctx);
typedef int (*storeImportFn)(void *ctx, const storeImport *imp);
/* The imports that changed anything of one business, oldest first. */
int storeEachImportOf(store *s, const char *uscc, storeImportFn fn, void *ctx);
int storeEachImport(store *s, int limit, storeImportFn fn, void *ctx);

/* ---- statistics ---- */
/* Counts of results of run by type and a dimension: "town", "section" (industry
 * letter) or NULL (overall). */
typedef int (*storeCountFn)(void *ctx, const char *key, bizType type, int64_t count);
int storeCountBy(store *s, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx);
/* Year-over-year transitions between two runs: from_type -1 when the business has
 * no result in the earlier run, to_type -1 when none in the later one. */
typedef int (*storeTransitionFn)(void *ctx, int from_type, int to_type, int64_t count);
int storeTransitions(store *s, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx);

/* ---- accounts and sessions ---- */
typedef struct storeAccount {
    int64_t id;
    const char *username, *role, *department, *uscc, *password_hash;
    bool disabled;
    int failed_logins;
    int64_t locked_until; /* unix seconds */
} storeAccount;

/* GH_EINVAL when the username exists. */
int storeAccountAdd(store *s, const storeAccount *a, int64_t *id);
/* Strings valid until the next call on s. GH_ENOTFOUND. */
int storeAccountGet(store *s, const char *username, storeAccount *out);
int storeAccountById(store *s, int64_t id, storeAccount *out);
/* The enabled business account bound to uscc. GH_ENOTFOUND. */
int storeAccountByUscc(store *s, const char *uscc, storeAccount *out);
int storeAccountSetPassword(store *s, int64_t id, const char *password_hash);
int storeAccountSetDisabled(store *s, int64_t id, bool disabled);
/* Records a failed login (locks the account until lock_until after too many) or a success. */
int storeAccountLoginResult(store *s, int64_t id, bool ok, int max_failures, int64_t lock_until);
typedef int (*storeAccountFn)(void *ctx, const storeAccount *a);
int storeEachAccount(store *s, storeAccountFn fn, void *ctx);

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

/* ---- the audit trail ---- */
typedef struct storeAudit {
    int64_t id;
    const char *at, *actor, *role, *client, *action, *object, *before, *after, *prev_hash, *hash;
} storeAudit;
/* Appends an entry; at, prev_hash and hash are filled in. Runs in the caller's
 * transaction when one is open, so the record stands or falls with the action. */
int storeAuditAppend(store *s, const storeAudit *e);
typedef int (*storeAuditFn)(void *ctx, const storeAudit *e);
/* Newest first; action NULL: all. */
int storeEachAudit(store *s, const char *action, int limit, storeAuditFn fn, void *ctx);
/* Recomputes the chain. 0 with *bad_id 0 when intact, else the first broken entry. */
int storeAuditVerify(store *s, int64_t *checked, int64_t *bad_id);
#endif
