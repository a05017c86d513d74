/* The store's tables as data, for `getihu db copy` (issue 12 §3, decision 262): the tables in the order they load,
 * their columns, their rows as typed values, and loading rows into them. Table and column names are checked
 * against the schema itself before they are put into a statement, so no text from outside reaches the SQL. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

#define COPY_TABLES 128 /* far more than the schema has */
#define COPY_NAME 64

/* 0 when table is one of the store's data tables (sqlite_* are SQLite's own), GH_ENOTFOUND otherwise. */
static int copyTableKnown(sqliteStore *q, const char *table) {
    sqlite3_stmt *st;
    if (!table || strlen(table) >= COPY_NAME) return storeErrSet(q->base.err, GH_ENOTFOUND, "table", "没有这个表 (no such table)");
    if (sqlPrepare(q, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1 AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
                   &st, "copy"))
        return GH_EIO;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    const int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_ROW) return 0;
    if (step != SQLITE_DONE) return sqlFail(q, "copy");
    return storeErrSet(q->base.err, GH_ENOTFOUND, "table", "没有表 %s (no such table)", table);
}

/* Tables in load order: repeated passes over the tables by name, each pass taking those whose referenced tables
 * are taken already (a table's references to itself do not count). */
static int sqliteEachTable(storeBackend *b, storeNameFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    char names[COPY_TABLES][COPY_NAME];
    bool done[COPY_TABLES] = {false};
    int n = 0, rc, k = 0;
    sqlite3_stmt *st, *refs;
    if (sqlPrepare(q, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                      "ORDER BY name", &st, "copy"))
        return GH_EIO;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < COPY_TABLES)
        snprintf(names[n++], COPY_NAME, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return rc == SQLITE_ROW ? storeErrSet(q->base.err, GH_ERANGE, NULL, "too many tables") : sqlFail(q, "copy");
    if (sqlPrepare(q, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)", &refs, "copy")) return GH_EIO;
    for (int left = n, pass = 0; left && !k && pass <= n; pass++) {
        for (int i = 0; i < n && !k; i++) {
            if (done[i]) continue;
            bool ready = true;
            sqlite3_reset(refs);
            sqlite3_bind_text(refs, 1, names[i], -1, SQLITE_STATIC);
            while (ready && (rc = sqlite3_step(refs)) == SQLITE_ROW) {
                const char *ref = (const char *)sqlite3_column_text(refs, 0);
                for (int j = 0; j < n; j++)
                    if (j != i && !done[j] && !strcmp(names[j], ref)) ready = false;
            }
            if (!ready) continue;
            done[i] = true, left--;
            k = fn(ctx, names[i]);
        }
    }
    sqlite3_finalize(refs);
    return k;
}

static int sqliteEachColumn(storeBackend *b, const char *table, storeNameFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    int rc = copyTableKnown(q, table), k = 0;
    if (rc) return rc;
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT name FROM pragma_table_info(?1) ORDER BY cid", &st, "copy")) return GH_EIO;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) k = fn(ctx, (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return sqlEnd(q, rc, k, "copy");
}

/* SELECT "c1","c2",… FROM "table" ORDER BY its primary key (rowid when it has none) into sql. */
static int copySelect(sqliteStore *q, const char *table, char *sql, size_t n) {
    sqlite3_stmt *st;
    int rc, len = snprintf(sql, n, "SELECT * FROM \"%s\" ORDER BY ", table), keys = 0;
    if (sqlPrepare(q, "SELECT name FROM pragma_table_info(?1) WHERE pk>0 ORDER BY pk", &st, "copy")) return GH_EIO;
    sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && len < (int)n)
        len += snprintf(sql + len, n - len, "%s\"%s\"", keys++ ? "," : "", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return sqlFail(q, "copy");
    if (!keys && len < (int)n) len += snprintf(sql + len, n - len, "rowid");
    return len < (int)n ? 0 : storeErrSet(q->base.err, GH_ERANGE, "table", "statement too long");
}

static int sqliteEachRow(storeBackend *b, const char *table, storeRowFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    char sql[1024];
    int rc = copyTableKnown(q, table), k = 0;
    if (!rc) rc = copySelect(q, table, sql, sizeof sql);
    if (rc) return rc;
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "copy")) return GH_EIO;
    const int n = sqlite3_column_count(st);
    storeValue v[128];
    if (n > 128) {
        sqlite3_finalize(st);
        return storeErrSet(q->base.err, GH_ERANGE, "table", "%s: too many columns", table);
    }
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < n && !k; i++) {
            v[i] = (storeValue){.kind = STORE_VALUE_NULL};
            switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER: v[i].kind = STORE_VALUE_INT, v[i].i = sqlite3_column_int64(st, i); break;
            case SQLITE_TEXT:
                v[i].kind = STORE_VALUE_TEXT, v[i].p = (const char *)sqlite3_column_text(st, i);
                v[i].n = (size_t)sqlite3_column_bytes(st, i);
                break;
            case SQLITE_BLOB:
                v[i].kind = STORE_VALUE_BLOB, v[i].p = sqlite3_column_blob(st, i);
                v[i].n = (size_t)sqlite3_column_bytes(st, i);
                break;
            case SQLITE_NULL: break;
            default: /* money is fen and dates are text: a real number is not getihu's (decision 262) */
                k = storeErrSet(q->base.err, GH_EINVAL, sqlite3_column_name(st, i), "%s: 不应有小数 (a real number)", table);
            }
        }
        if (!k) k = fn(ctx, v, n);
    }
    sqlite3_finalize(st);
    return sqlEnd(q, rc, k, "copy");
}

static int sqliteCountRows(storeBackend *b, const char *table, int64_t *n) {
    sqliteStore *q = SQ(b);
    char sql[128];
    int rc = copyTableKnown(q, table);
    if (rc) return rc;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "copy")) return GH_EIO;
    rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sqlFail(q, "copy");
}

/* INSERT INTO "table"("c1",…) VALUES(?1,…), each column checked to be one of the table's. */
static int sqliteLoadBegin(storeBackend *b, const char *table, const char *const *columns, int n) {
    sqliteStore *q = SQ(b);
    int rc = sqlInTransaction(q, "copy");
    if (!rc) rc = copyTableKnown(q, table);
    if (rc) return rc;
    if (q->load) sqlite3_finalize(q->load), q->load = NULL;
    char sql[4096];
    int len = snprintf(sql, sizeof sql, "INSERT INTO \"%s\"(", table);
    sqlite3_stmt *col;
    if (sqlPrepare(q, "SELECT 1 FROM pragma_table_info(?1) WHERE name=?2", &col, "copy")) return GH_EIO;
    for (int i = 0; i < n && !rc; i++) {
        sqlite3_reset(col);
        sqlite3_bind_text(col, 1, table, -1, SQLITE_STATIC);
        sqlite3_bind_text(col, 2, columns[i], -1, SQLITE_STATIC);
        if (sqlite3_step(col) != SQLITE_ROW)
            rc = storeErrSet(q->base.err, GH_ENOTFOUND, columns[i], "表 %s 没有列 %s (no such column)", table, columns[i]);
        else if (len < (int)sizeof sql)
            len += snprintf(sql + len, sizeof sql - len, "%s\"%s\"", i ? "," : "", columns[i]);
    }
    sqlite3_finalize(col);
    for (int i = 0; i < n && len < (int)sizeof sql; i++) len += snprintf(sql + len, sizeof sql - len, "%s?%d", i ? "," : ") VALUES(", i + 1);
    if (len < (int)sizeof sql) len += snprintf(sql + len, sizeof sql - len, ")");
    if (!rc && len >= (int)sizeof sql) rc = storeErrSet(q->base.err, GH_ERANGE, "table", "statement too long");
    if (!rc && sqlPrepare(q, sql, &q->load, "copy")) rc = GH_EIO;
    q->load_n = rc ? 0 : n;
    return rc;
}

static int sqliteLoadRow(storeBackend *b, const storeValue *v, int n) {
    sqliteStore *q = SQ(b);
    if (!q->load || n != q->load_n) return storeErrSet(q->base.err, GH_EINVAL, NULL, "load: %d values for %d columns", n, q->load_n);
    sqlite3_reset(q->load);
    for (int i = 0; i < n; i++) {
        switch (v[i].kind) {
        case STORE_VALUE_INT: sqlite3_bind_int64(q->load, i + 1, v[i].i); break;
        case STORE_VALUE_TEXT: sqlite3_bind_text(q->load, i + 1, v[i].p, (int)v[i].n, SQLITE_TRANSIENT); break;
        case STORE_VALUE_BLOB: sqlite3_bind_blob(q->load, i + 1, v[i].p, (int)v[i].n, SQLITE_TRANSIENT); break;
        default: sqlite3_bind_null(q->load, i + 1);
        }
    }
    const int rc = sqlite3_step(q->load);
    if (rc == SQLITE_DONE) return 0;
    const int code = sqlFail(q, "copy");
    return (rc & 0xff) == SQLITE_CONSTRAINT ? storeErrSet(q->base.err, GH_EINVAL, NULL, "%s", sqlite3_errmsg(q->db)) : code;
}

/* SQLite moves an AUTOINCREMENT table's sequence past explicit ids by itself. */
static int sqliteLoadEnd(storeBackend *b) {
    sqliteStore *q = SQ(b);
    if (q->load) sqlite3_finalize(q->load), q->load = NULL;
    q->load_n = 0;
    return 0;
}

void sqliteCopyInstall(storeBackend *b) {
    b->eachTable = sqliteEachTable;
    b->eachColumn = sqliteEachColumn;
    b->eachRow = sqliteEachRow;
    b->countRows = sqliteCountRows;
    b->loadBegin = sqliteLoadBegin;
    b->loadRow = sqliteLoadRow;
    b->loadEnd = sqliteLoadEnd;
}
