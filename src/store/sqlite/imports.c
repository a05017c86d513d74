/* Import records and the per-business import history. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include "store/owner.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int sqliteImportCreate(storeBackend *b, const storeImport *info, int64_t *id) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_IMPORT_CREATE,
                             "INSERT INTO imports(kind,file_name,file_sha256,encoding,actor,status,started_at,"
                             "snapshot,pid) VALUES(?1,?2,?3,?4,?5,'running'," TIME_NOW ",?6,?7)");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, info->kind);
    sqlBindText(st, 2, info->file_name);
    sqlBindText(st, 3, info->sha256);
    sqlBindText(st, 4, info->encoding);
    sqlBindText(st, 5, info->actor);
    sqlBindText(st, 6, info->snapshot);
    sqlite3_bind_int64(st, 7, (sqlite3_int64)getpid());
    int rc = sqlDone(SQ(b), st, NULL, "import");
    if (!rc) *id = sqlite3_last_insert_rowid(SQ(b)->db);
    return rc;
}

static int sqliteImportFinish(storeBackend *b, int64_t id, const storeImport *c) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_IMPORT_FINISH,
                             "UPDATE imports SET status=?2,rows_read=?3,rows_ok=?4,rows_bad=?5,rows_changed=?6,"
                             "encoding=coalesce(?7,encoding),finished_at=" TIME_NOW " WHERE id=?1");
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, c->status);
    sqlite3_bind_int64(st, 3, c->rows_read);
    sqlite3_bind_int64(st, 4, c->rows_ok);
    sqlite3_bind_int64(st, 5, c->rows_bad);
    sqlite3_bind_int64(st, 6, c->rows_changed);
    sqlBindText(st, 7, c->encoding);
    return sqlDone(SQ(b), st, NULL, "import");
}

/* A "running" import whose process is gone was interrupted (killed, power cut):
 * the import's own transaction never committed, so it wrote nothing. SQLite
 * stores are local files: the process, if alive, is on this machine. */
static const char *importStatus(const char *status, int64_t pid) {
    if (!status || strcmp(status, "running") || pid <= 0) return status;
    return ownerGoneHere(pid) ? "interrupted" : status;
}

int sqliteImportsWalk(sqliteStore *q, sqlite3_stmt *st, storeImportFn fn, void *ctx) {
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeImport i;
        i.id = sqlite3_column_int64(st, 0);
        i.kind = sqlColText(st, 1);
        i.file_name = sqlColText(st, 2);
        i.sha256 = sqlColText(st, 3);
        i.encoding = sqlColText(st, 4);
        i.actor = sqlColText(st, 5);
        i.status = importStatus(sqlColText(st, 6), sqlite3_column_int64(st, 14));
        i.started_at = sqlColText(st, 7);
        i.finished_at = sqlColText(st, 8);
        i.rows_read = sqlite3_column_int64(st, 9);
        i.rows_ok = sqlite3_column_int64(st, 10);
        i.rows_bad = sqlite3_column_int64(st, 11);
        i.rows_changed = sqlite3_column_int64(st, 12);
        i.snapshot = sqlColText(st, 13);
        i.decided = sqlColText(st, 15);
        k = fn(ctx, &i);
    }
    return sqlEnd(q, rc, k, "imports");
}

static int sqliteEachImportOf(storeBackend *b, const char *uscc, storeImportFn fn, void *ctx) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_IMPORTS_OF,
                             "SELECT " IMPORT_COLS " FROM imports i WHERE i.id IN "
                             "(SELECT import_id FROM business_imports WHERE uscc=?1) OR EXISTS "
                             "(SELECT 1 FROM import_sets s WHERE s.import_id=i.id AND s.first="
                             "(SELECT max(first) FROM import_sets t WHERE t.import_id=i.id AND t.first<=?1) "
                             "AND s.last>=?1 AND gh_in_set(s.members, ?1)) ORDER BY i.id");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    return sqliteImportsWalk(SQ(b), st, fn, ctx);
}

static int sqliteEachImport(storeBackend *b, int limit, storeImportFn fn, void *ctx) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_IMPORTS, "SELECT " IMPORT_COLS " FROM imports i ORDER BY id DESC LIMIT ?1");
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, limit);
    return sqliteImportsWalk(SQ(b), st, fn, ctx);
}

void sqliteImportsInstall(storeBackend *b) {
    b->importCreate = sqliteImportCreate;
    b->importFinish = sqliteImportFinish;
    b->eachImportOf = sqliteEachImportOf;
    b->eachImport = sqliteEachImport;
}
