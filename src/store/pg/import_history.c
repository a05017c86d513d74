/* The import history a clerk reads in the console (issue 11 §5): pages of past
 * imports, the last committed import of each kind, and what an uploader decided
 * about a checked upload. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <string.h>

/* The filter of a page: every kind when $1 is NULL, else the kinds "|"-joined in $1.
 * A dry run whose upload was committed is left out: its commit is its own record. */
#define PAGE_WHERE " WHERE ($1::text IS NULL OR i.kind = ANY(string_to_array($1::text, '|')))" \
                   " AND NOT (i.status = 'dry_run' AND i.decided IS NOT DISTINCT FROM 'committed')"

static int pgImportDecide(storeBackend *b, int64_t id, const char *decision) {
    char ids[24];
    const char *params[2] = {pgI64(ids, id), decision};
    int64_t changed = 0;
    const int rc = pgCmd(PG(b), PG_ST_IMPORTS + 4,
                         "UPDATE imports SET decided=$2 WHERE id=$1::bigint AND status='dry_run' AND decided IS NULL",
                         2, params, &changed, "import decision");
    if (rc) return rc;
    return changed ? 0 : storeErrSet(b->err, GH_ENOTFOUND, NULL, "import #%lld is not an undecided dry run",
                                     (long long)id);
}

static int pgEachImportPage(storeBackend *b, const storeImportFilter *f, storeImportFn fn, void *ctx,
                            int64_t *total) {
    char lim[24], off[24];
    const char *params[3] = {f->kinds, pgI64(lim, f->limit), pgI64(off, f->offset)};
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_IMPORTS + 5, "SELECT count(*) FROM imports i" PAGE_WHERE, 1, params, &code,
                          "import history");
    if (!r) return code;
    *total = pgInt(r, 0, 0);
    PQclear(r);
    r = pgQuery(PG(b), PG_ST_IMPORTS + 6,
                "SELECT " PG_IMPORT_COLS " FROM imports i" PAGE_WHERE " ORDER BY i.id DESC LIMIT $2::bigint "
                "OFFSET $3::bigint",
                3, params, &code, "import history");
    return r ? pgImportsWalk(r, fn, ctx) : code;
}

static int pgEachLastImport(storeBackend *b, storeImportFn fn, void *ctx) {
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_IMPORTS + 7,
                          "SELECT " PG_IMPORT_COLS " FROM imports i WHERE i.id IN (SELECT max(id) FROM imports "
                          "WHERE status='committed' GROUP BY kind) ORDER BY i.kind",
                          0, NULL, &code, "last imports");
    return r ? pgImportsWalk(r, fn, ctx) : code;
}

void pgImportHistoryInstall(storeBackend *b) {
    b->importDecide = pgImportDecide;
    b->eachImportPage = pgEachImportPage;
    b->eachLastImport = pgEachLastImport;
}
