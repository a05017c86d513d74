/* Bulk writes of an import (decisions 230, 231): a larger page cache for the
 * length of the import's transaction, and the secondary indexes of a table
 * rebuilt after a load that makes most of it. Both are measured choices (see
 * decision 230): with the default 16 MiB cache a million-row import spills its
 * dirty pages to the WAL and reads them back, and inserting into seven indexes in
 * seven random orders costs more than sorting each once. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The page caches (KiB) of a connection at rest and during an import. The import's
 * is a fixed bound, not a share of the file: memory does not grow with N. SQLite's
 * sorter (the apply's ORDER BY, each CREATE INDEX) sizes its buffer by the main
 * cache too, so peak memory is about twice MAIN plus TEMP (decision 323). */
#define BULK_CACHE_KIB 16384
#define BULK_IMPORT_MAIN_KIB 65536
#define BULK_IMPORT_TEMP_KIB 32768

int sqliteBulkBegin(sqliteStore *q) {
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA main.cache_size=-%d; PRAGMA temp.cache_size=-%d", BULK_IMPORT_MAIN_KIB,
             BULK_IMPORT_TEMP_KIB);
    if (sqlExec(q, sql)) return GH_EIO;
    q->bulk = true;
    return 0;
}

int sqliteBulkEnd(sqliteStore *q) {
    if (!q->bulk) return 0;
    char sql[128];
    /* shrinking the limit frees the cached pages at once (the server's pooled
     * connections go back to their usual size) */
    snprintf(sql, sizeof sql, "PRAGMA main.cache_size=-%d; PRAGMA temp.cache_size=-%d", BULK_CACHE_KIB,
             BULK_CACHE_KIB);
    q->bulk = false;
    return sqlExec(q, sql);
}

/* One integer of a query without parameters; -1 on failure (message set). */
static int64_t bulkInt(sqliteStore *q, const char *sql) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "bulk")) return -1;
    const int rc = sqlite3_step(st);
    const int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) sqlFail(q, "bulk");
    return v;
}

/* Drops the secondary indexes of table when the staged file is more than twice the
 * size of the table (decision 231: the first import into an empty directory, or one
 * that triples it), keeping their SQL in *saved (a malloc'd string of statements
 * separated by ';', NULL when nothing was dropped). The uniqueness constraints'
 * own indexes (no SQL) stay: the upsert needs them. A re-import keeps every index:
 * its rows mostly do not change, and an unchanged row writes no index. */
int sqliteBulkDropIndexes(sqliteStore *q, const char *table, int64_t staged, char **saved) {
    *saved = NULL;
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT coalesce(max(rowid),0) FROM main.%s", table);
    const int64_t rows = bulkInt(q, sql);
    if (rows < 0) return GH_EIO;
    if (staged <= 2 * rows) return 0;
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT name, sql FROM main.sqlite_schema WHERE type='index' AND tbl_name=?1 AND sql IS NOT NULL",
                   &st, "bulk"))
        return GH_EIO;
    sqlBindText(st, 1, table);
    size_t len = 0, cap = 0;
    char *buf = NULL, *drops = NULL;
    size_t dlen = 0, dcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = sqlColText(st, 0), *create = sqlColText(st, 1);
        const size_t need = len + strlen(create) + 2, dneed = dlen + strlen(name) + 32;
        if (need > cap || dneed > dcap) {
            cap = need > cap ? need * 2 : cap;
            dcap = dneed > dcap ? dneed * 2 : dcap;
            char *b2 = realloc(buf, cap), *d2 = b2 ? realloc(drops, dcap) : NULL;
            if (b2) buf = b2;
            if (d2) drops = d2;
            if (!b2 || !d2) { rc = SQLITE_NOMEM; break; }
        }
        len += (size_t)sprintf(buf + len, "%s;", create);
        dlen += (size_t)sprintf(drops + dlen, "DROP INDEX main.\"%s\";", name);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(buf), free(drops);
        return rc == SQLITE_NOMEM ? storeErrSet(q->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)")
                                  : sqlFail(q, "bulk");
    }
    rc = drops ? sqlExec(q, drops) : 0;
    free(drops);
    if (rc) free(buf);
    else *saved = buf;
    return rc ? GH_EIO : 0;
}

/* Builds again the indexes sqliteBulkDropIndexes dropped (each one sort) and frees saved. */
int sqliteBulkRebuildIndexes(sqliteStore *q, char *saved) {
    if (!saved) return 0;
    const int rc = sqlExec(q, saved);
    free(saved);
    return rc ? GH_EIO : 0;
}
