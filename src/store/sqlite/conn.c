/* The SQLite connection: opening (WAL, foreign keys), migrations, transactions,
 * idling, the consistency check, and the helpers the concern files share. One
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

/* The store's code for the connection's last failure: another connection holding
 * the database past the busy timeout (SQLITE_BUSY) or a table (SQLITE_LOCKED) is
 * GH_EBUSY, which callers answer "try again"; anything else is GH_EIO. */
static int sqlCodeOf(int rc) {
    rc &= 0xff; /* the primary code of an extended one */
    return rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? GH_EBUSY : GH_EIO;
}

int sqlFail(sqliteStore *q, const char *what) {
    return storeErrSet(q->base.err, sqlCodeOf(sqlite3_errcode(q->db)), NULL, "%s: %s", what, sqlite3_errmsg(q->db));
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
        const int code = storeErrSet(q->base.err, sqlCodeOf(rc), NULL, "%s", msg ? msg : sqlite3_errmsg(q->db));
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

static int sqliteMigrate(sqliteStore *q) {
    int version = 0;
    if (sqliteSchemaVersion(&q->base, &version)) return GH_EIO;
    const int latest = STORE_SCHEMA_VERSION;
    if (version > latest)
        return storeErrSet(q->base.err, GH_EINVAL, NULL,
                           "数据库结构版本 %d 比本程序新（%d），请升级 getihu (database is newer than this program)",
                           version, latest);
    if (version == latest) return 0;
    if (sqlExec(q, "BEGIN IMMEDIATE")) return GH_EIO;
    for (int v = version; v < latest; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (sqlExec(q, sqliteMigrations[v]) || sqlExec(q, pragma)) {
            char keep[512];
            memcpy(keep, q->base.err->message, sizeof keep);
            sqlExec(q, "ROLLBACK");
            return storeErrSet(q->base.err, GH_EIO, NULL, "迁移到结构版本 %d 失败 (migration failed): %.400s", v + 1,
                               keep);
        }
    }
    return sqlExec(q, "COMMIT");
}

static void sqliteClose(storeBackend *b) {
    sqliteStore *q = SQ(b);
    for (int i = 0; i < SQ__COUNT; i++) sqlite3_finalize(q->st[i]);
    if (q->db) sqlite3_close(q->db);
    arenaFree(&q->scratch);
    free(q);
}

static int sqliteCheck(storeBackend *b, char *result, size_t n) {
    sqlite3_stmt *st;
    snprintf(result, n, "ok");
    if (sqlPrepare(SQ(b), "PRAGMA integrity_check", &st, "integrity_check")) return GH_EIO;
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(result, n, "%s", sqlColText(st, 0));
    sqlite3_finalize(st);
    if (strcmp(result, "ok") != 0) return 0;
    if (sqlPrepare(SQ(b), "PRAGMA foreign_key_check", &st, "foreign_key_check")) return GH_EIO;
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
static int sqliteCommit(storeBackend *b) { return sqlExec(SQ(b), "COMMIT"); }
static int sqliteRollback(storeBackend *b) {
    sqlForget(SQ(b));
    return sqlite3_get_autocommit(SQ(b)->db) ? 0 : sqlExec(SQ(b), "ROLLBACK");
}

int storeSqliteOpen(storeBackend **out, const char *path, char *err, size_t errsize) {
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
    q->base.check = sqliteCheck;
    q->base.idle = sqliteIdle;
    q->base.readBegin = sqliteReadBegin;
    q->base.readEnd = sqliteReadEnd;
    q->base.begin = sqliteBegin;
    q->base.beginWait = sqliteBeginWait;
    q->base.commit = sqliteCommit;
    q->base.rollback = sqliteRollback;
    sqliteDirectoryInstall(&q->base);
    sqliteReadInstall(&q->base);
    sqliteStageInstall(&q->base);
    sqliteImportsInstall(&q->base);
    sqliteRunsInstall(&q->base);
    sqliteAccountsInstall(&q->base);
    sqliteAuditInstall(&q->base);
    arenaInit(&q->scratch, 16 * 1024, 0);
    if (sqlite3_open_v2(path, &q->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "%s: 无法打开数据库 (cannot open database): %s", path,
                 q->db ? sqlite3_errmsg(q->db) : "out of memory");
        sqliteClose(&q->base);
        return GH_EIO;
    }
    sqlite3_busy_timeout(q->db, SQLITE_WAIT_MS);
    /* WAL: readers do not block the writer; NORMAL is durable across application
     * crashes (a power cut can lose the last transactions, never corrupt). */
    if (sqlExec(q, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                   "PRAGMA cache_size=-16384; PRAGMA mmap_size=0;") ||
        sqliteMigrate(q)) {
        snprintf(err, errsize, "%s: %s", path, e.message);
        sqliteClose(&q->base);
        return GH_EIO;
    }
    q->base.err = NULL; /* the front sets its own record */
    *out = &q->base;
    return 0;
}
