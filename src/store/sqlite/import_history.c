/* The import history a clerk reads in the console (issue 11 §5): pages of past
 * imports, the last committed import of each kind, and what an uploader decided
 * about a checked upload. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <string.h>

/* The filter of a page: every kind when ?1 is NULL, else the kinds "|"-joined in ?1.
 * A dry run whose upload was committed is left out: its commit is its own record. */
#define PAGE_WHERE " WHERE (?1 IS NULL OR instr('|' || ?1 || '|', '|' || i.kind || '|') > 0)" \
                   " AND NOT (i.status = 'dry_run' AND i.decided IS 'committed')"

static int sqliteImportDecide(storeBackend *b, int64_t id, const char *decision) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "UPDATE imports SET decided=?2 WHERE id=?1 AND status='dry_run' AND decided IS NULL", &st,
                   "import decision"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, decision);
    int changed = 0;
    const int rc = sqlDone(SQ(b), st, &changed, "import decision");
    sqlite3_finalize(st);
    if (rc) return rc;
    return changed ? 0 : storeErrSet(b->err, GH_ENOTFOUND, NULL, "import #%lld is not an undecided dry run",
                                     (long long)id);
}

static int sqliteEachImportPage(storeBackend *b, const storeImportFilter *f, storeImportFn fn, void *ctx,
                                int64_t *total) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT count(*) FROM imports i" PAGE_WHERE, &st, "import history")) return GH_EIO;
    sqlBindText(st, 1, f->kinds);
    int rc = sqlite3_step(st);
    *total = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW) return sqlFail(SQ(b), "import history");
    if (sqlPrepare(SQ(b), "SELECT " IMPORT_COLS " FROM imports i" PAGE_WHERE " ORDER BY i.id DESC LIMIT ?2 OFFSET ?3",
                   &st, "import history"))
        return GH_EIO;
    sqlBindText(st, 1, f->kinds);
    sqlite3_bind_int(st, 2, f->limit);
    sqlite3_bind_int64(st, 3, f->offset);
    rc = sqliteImportsWalk(SQ(b), st, fn, ctx);
    sqlite3_finalize(st);
    return rc;
}

static int sqliteEachLastImport(storeBackend *b, storeImportFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT " IMPORT_COLS " FROM imports i WHERE i.id IN "
                   "(SELECT max(id) FROM imports WHERE status='committed' GROUP BY kind) ORDER BY i.kind",
                   &st, "last imports"))
        return GH_EIO;
    const int rc = sqliteImportsWalk(SQ(b), st, fn, ctx);
    sqlite3_finalize(st);
    return rc;
}

void sqliteImportHistoryInstall(storeBackend *b) {
    b->importDecide = sqliteImportDecide;
    b->eachImportPage = sqliteEachImportPage;
    b->eachLastImport = sqliteEachLastImport;
}
