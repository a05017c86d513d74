/* The SQLite connection: the backend's table, transactions, idling, the
 * consistency checks, and the helpers the concern files share (opening and
 * migrations: open.c). One
 * connection per handle, prepared statements kept for its life. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const sqlStatusCodes[4] = {"registered", "revoked", "cancelled", "withdrawn"};
const char *const sqlListCodes[LIST__COUNT] = {"abnormal", "serious_illegal", "tax_abnormal", "suspension",
                                              "dishonest_debtor"};
const char *const sqlHolderCodes[2] = {"business", "operator"};
const char *const sqlPenaltyCodes[6] = {"warning", "fine", "confiscation", "licence", "restriction", "detention"};

int sqlCode(const char *const *codes, int n, const char *t) {
    for (int i = 0; t && i < n; i++)
        if (strcmp(codes[i], t) == 0) return i;
    return 0;
}

/* ---- helpers ---- */

/* The cause of a SQLite failure in words a user can act on ("" when the message says enough). */
static const char *sqlCause(int code) {
    switch (code & 0xff) {
    case SQLITE_FULL: return "磁盘已满 (disk full): ";
    case SQLITE_READONLY: return "数据库只读 (read-only): ";
    case SQLITE_CANTOPEN: return "无法打开文件 (cannot open): ";
    case SQLITE_IOERR: return "读写错误 (I/O error): ";
    case SQLITE_CORRUPT: case SQLITE_NOTADB: return "数据库已损坏 (damaged): ";
    case SQLITE_BUSY: case SQLITE_LOCKED: return "数据库正忙 (busy): ";
    default: return "";
    }
}

/* The store's code for the connection's last failure: another connection holding
 * the database past the busy timeout (SQLITE_BUSY) or a table (SQLITE_LOCKED) is
 * GH_EBUSY, which callers answer "try again"; anything else is GH_EIO. */
static int sqlCodeOf(int rc) {
    rc &= 0xff; /* the primary code of an extended one */
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? GH_EBUSY : GH_EIO;
}

int sqlFail(sqliteStore *q, const char *what) {
    return storeErrSet(q->base.err, sqlCodeOf(sqlite3_errcode(q->db)), NULL, "%s: %s%s", what, sqlCause(sqlite3_extended_errcode(q->db)),
                       sqlite3_errmsg(q->db));
}

sqlite3_stmt *sqlSt(sqliteStore *q, sqlStmt k, const char *sql) {
    if (!q->st[k] && sqlite3_prepare_v3(q->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &q->st[k], NULL) != SQLITE_OK) {
        sqlFail(q, "prepare");
        return NULL;
    }
    sqlite3_reset(q->st[k]);
    sqlite3_clear_bindings(q->st[k]);
    return q->st[k];
}

int sqlPrepare(sqliteStore *q, const char *sql, sqlite3_stmt **st, const char *what) {
    return sqlite3_prepare_v2(q->db, sql, -1, st, NULL) == SQLITE_OK ? 0 : sqlFail(q, what);
}

void sqlBindText(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

void sqlBindDate(sqlite3_stmt *st, int i, civilDate d) {
    if (d == DATE_NONE) {
        sqlite3_bind_null(st, i);
        return;
    }
    char buf[DATE_STRLEN];
    dateFormat(buf, d);
    sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

int sqlDone(sqliteStore *q, sqlite3_stmt *st, int *changed, const char *what) {
    if (!st) return GH_EIO;
    if (sqlite3_step(st) != SQLITE_DONE) return sqlFail(q, what);
    if (changed) *changed += sqlite3_changes(q->db);
    return 0;
}

int sqlExec(sqliteStore *q, const char *sql) {
    char *msg = NULL;
    const int rc = sqlite3_exec(q->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        const int code = storeErrSet(q->base.err, sqlCodeOf(rc), NULL, "%s%s", sqlCause(sqlite3_extended_errcode(q->db)),
                                     msg ? msg : sqlite3_errmsg(q->db));
        sqlite3_free(msg);
        return code;
    }
    return 0;
}

int sqlInTransaction(sqliteStore *q, const char *what) {
    if (!sqlite3_get_autocommit(q->db)) return 0;
    return storeErrSet(q->base.err, GH_EINVAL, NULL, "%s: 须在写事务中调用 (must run inside a write transaction)", what);
}

int sqlEnd(sqliteStore *q, int rc, int k, const char *what) {
    return k ? k : rc == SQLITE_DONE ? 0 : sqlFail(q, what);
}

civilDate sqlColDate(sqlite3_stmt *st, int i) {
    civilDate d = DATE_NONE;
    const char *t = (const char *)sqlite3_column_text(st, i);
    if (t) dateParse(&d, t, strlen(t));
    return d;
}

const char *sqlColText(sqlite3_stmt *st, int i) { return (const char *)sqlite3_column_text(st, i); }

char *sqlDup(arena *a, sqlite3_stmt *st, int i) {
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? arenaStrndup(a, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

void sqlForget(sqliteStore *q) { q->exists_uscc[0] = q->touch_uscc[0] = '\0'; }

/* ---- opening and migrating ---- */

static int sqliteSchemaVersion(storeBackend *b, int *version) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "PRAGMA user_version", &st, "user_version")) return GH_EIO;
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

static int sqliteOpenedVersion(storeBackend *b, int *version) {
    *version = SQ(b)->opened_version;
    return 0;
}

static void sqliteClose(storeBackend *b) {
    sqliteStore *q = SQ(b);
    for (int i = 0; i < SQ__COUNT; i++) sqlite3_finalize(q->st[i]);
    if (q->load) sqlite3_finalize(q->load); /* a db copy's load left open */
    if (q->db) sqlite3_close(q->db);
    arenaFree(&q->scratch);
    free(q);
}

/* A damaged file is a result: the check's own failure is reported in *result. */
/* One integrity pragma (sql); *result gets its first line. 0, or GH_EIO. */
static int sqliteVerifyOne(sqliteStore *q, const char *sql, char *result, size_t n) {
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(q->db, sql, -1, &st, NULL);
    if (rc == SQLITE_OK) rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) snprintf(result, n, "%s", sqlColText(st, 0));
    else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        snprintf(result, n, "%s", sqlite3_errmsg(q->db));
    else if (rc != SQLITE_DONE) {
        sqlFail(q, sql);
        sqlite3_finalize(st);
        return GH_EIO;
    }
    sqlite3_finalize(st);
    return 0;
}

/* The tables a run reads: the quick check looks at these (and their indexes) only. */
static const char *const sqliteDirectoryTables[] = {"businesses", "annual_reports", "tax_paid", "insured",
                                                    "intervals", "trademarks", "patents", "penalties"};

static int sqliteVerify(storeBackend *b, storeVerifyMode mode, char *result, size_t n) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    snprintf(result, n, "ok");
    if (mode != STORE_VERIFY_QUICK && mode != STORE_VERIFY_FULL)
        return storeErrSet(q->base.err, GH_EINVAL, NULL, "verify: 未知的检查方式 (unknown mode %d)", (int)mode);
    if (mode == STORE_VERIFY_QUICK) {
        for (size_t i = 0; i < sizeof sqliteDirectoryTables / sizeof *sqliteDirectoryTables; i++) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA quick_check(%s)", sqliteDirectoryTables[i]);
            if (sqliteVerifyOne(q, sql, result, n)) return GH_EIO;
            if (strcmp(result, "ok") != 0) return 0;
        }
        return 0;
    }
    if (sqliteVerifyOne(q, "PRAGMA integrity_check", result, n)) return GH_EIO;
    if (strcmp(result, "ok") != 0) return 0;
    if (sqlPrepare(q, "PRAGMA foreign_key_check", &st, "foreign_key_check")) return GH_EIO;
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(result, n, "foreign key violation in %s", sqlColText(st, 0));
    sqlite3_finalize(st);
    return 0;
}

static void sqliteIdle(storeBackend *b) {
    sqliteStore *q = SQ(b);
    for (int i = 0; i < SQ__COUNT; i++)
        if (q->st[i]) sqlite3_reset(q->st[i]);
    if (!sqlite3_get_autocommit(q->db)) (void)sqlExec(q, "ROLLBACK"); /* a request left one open */
}

/* Prepared, unlike begin: the public look-up runs this on every request. */
static int sqliteStepOnce(sqliteStore *q, sqlStmt k, const char *sql) {
    sqlite3_stmt *st = sqlSt(q, k, sql);
    if (!st) return GH_EIO;
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, sql);
}

static int sqliteReadBegin(storeBackend *b) { return sqliteStepOnce(SQ(b), SQ_READ_BEGIN, "BEGIN DEFERRED"); }
static int sqliteReadEnd(storeBackend *b) {
    sqliteStore *q = SQ(b);
    for (int i = 0; i < SQ__COUNT; i++)
        if (q->st[i] && i != SQ_READ_END) sqlite3_reset(q->st[i]);
    return sqlite3_get_autocommit(q->db) ? 0 : sqliteStepOnce(q, SQ_READ_END, "COMMIT");
}

/* Decision 300: PRAGMA data_version changes when another connection (this process's
 * or another's) has committed since the previous call on this one; this connection's
 * own changes are counted by total_changes. Both in one token, never 0. */
static int sqliteDataVersion(storeBackend *b, uint64_t *token) {
    sqliteStore *q = SQ(b);
    *token = 0;
    sqlite3_stmt *st = sqlSt(q, SQ_DATA_VERSION, "PRAGMA data_version");
    if (!st) return GH_EIO;
    const int rc = sqlite3_step(st);
    const uint64_t v = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_reset(st);
    if (rc != SQLITE_ROW) return sqlFail(q, "data_version");
    *token = (v << 32 ^ (uint64_t)sqlite3_total_changes64(q->db)) | (uint64_t)1 << 63;
    return 0;
}

static int sqliteBegin(storeBackend *b) {
    sqlForget(SQ(b));
    return sqlExec(SQ(b), "BEGIN IMMEDIATE"); /* serialises writers: see backend.h */
}
/* BEGIN IMMEDIATE with the busy timeout at ms for this statement only; the handle's
 * own (SQLITE_WAIT_MS) is set again whatever the outcome. */
static int sqliteBeginWait(storeBackend *b, int ms) {
    sqlite3_busy_timeout(SQ(b)->db, ms);
    const int rc = sqliteBegin(b);
    sqlite3_busy_timeout(SQ(b)->db, SQLITE_WAIT_MS);
    return rc;
}
/* Both put an import's page cache back (bulk.c); a failure to do so fails neither. */
static int sqliteCommit(storeBackend *b) {
    const int rc = sqlExec(SQ(b), "COMMIT");
    if (SQ(b)->bulk) sqliteBulkEnd(SQ(b));
    return rc;
}
static int sqliteRollback(storeBackend *b) {
    sqlForget(SQ(b));
    const int rc = sqlite3_get_autocommit(SQ(b)->db) ? 0 : sqlExec(SQ(b), "ROLLBACK");
    if (SQ(b)->bulk) sqliteBulkEnd(SQ(b));
    return rc;
}

int storeSqliteOpen(storeBackend **out, const char *path, unsigned flags, char *err, size_t errsize) {
    *out = NULL;
    sqliteStore *q = calloc(1, sizeof *q);
    storeErr e = {0};
    if (!q) {
        snprintf(err, errsize, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    q->base.err = &e;
    q->base.close = sqliteClose;
    q->base.schemaVersion = sqliteSchemaVersion;
    q->base.openedVersion = sqliteOpenedVersion;
    q->base.verify = sqliteVerify;
    q->base.idle = sqliteIdle;
    q->base.readBegin = sqliteReadBegin;
    q->base.readEnd = sqliteReadEnd;
    q->base.dataVersion = sqliteDataVersion;
    q->base.begin = sqliteBegin;
    q->base.beginWait = sqliteBeginWait;
    q->base.commit = sqliteCommit;
    q->base.rollback = sqliteRollback;
    sqliteDirectoryInstall(&q->base);
    sqliteReadInstall(&q->base);
    sqliteStageInstall(&q->base);
    sqliteImportsInstall(&q->base);
    sqliteImportHistoryInstall(&q->base);
    sqliteRunsInstall(&q->base);
    sqliteStatsInstall(&q->base);
    sqliteRunNotesInstall(&q->base);
    sqliteCityInstall(&q->base);
    sqliteAccountsInstall(&q->base);
    sqliteAuditInstall(&q->base);
    sqliteRoundInstall(&q->base);
    sqliteMeasuresInstall(&q->base);
    sqliteObjectionsInstall(&q->base);
    sqliteBankInstall(&q->base);
    sqliteSearchInstall(&q->base);
    sqliteAccountAdminInstall(&q->base);
    sqliteSharedInstall(&q->base);
    sqliteCopyInstall(&q->base);
    arenaInit(&q->scratch, 16 * 1024, 0);
    int rc = sqliteOpenFile(q, path, flags, err, errsize);
    if (!rc && (sqliteImportSetFunctions(q) || sqliteStageFunctions(q))) {
        snprintf(err, errsize, "%s: %s", path, e.message);
        rc = GH_EIO;
    }
    if (rc) {
        sqliteClose(&q->base);
        return rc;
    }
    q->base.err = NULL; /* the front sets its own record */
    *out = &q->base;
    return 0;
}
