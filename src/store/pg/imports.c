/* Import records and the per-business import history. An import records the
 * server process of its connection (pg_backend_pid): when getihu dies, so does its
 * connection, and a record left "running" reads "interrupted" from any machine
 * (decision 254). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

static int pgImportCreate(storeBackend *b, const storeImport *info, int64_t *id) {
    const char *params[6] = {info->kind, info->file_name, info->sha256, info->encoding, info->actor, info->snapshot};
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_IMPORTS + 0,
                          "INSERT INTO imports(kind,file_name,file_sha256,encoding,actor,status,started_at,snapshot,pid) "
                          "VALUES($1,$2,$3,$4,$5,'running',now(),$6,pg_backend_pid()) RETURNING id",
                          6, params, &code, "import");
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

static int pgImportFinish(storeBackend *b, int64_t id, const storeImport *c) {
    char ids[24], rd[24], ok[24], bad[24], ch[24];
    const char *params[7] = {pgI64(ids, id), c->status, pgI64(rd, c->rows_read), pgI64(ok, c->rows_ok),
                             pgI64(bad, c->rows_bad), pgI64(ch, c->rows_changed), c->encoding};
    return pgCmd(PG(b), PG_ST_IMPORTS + 1,
                 "UPDATE imports SET status=$2,rows_read=$3::bigint,rows_ok=$4::bigint,rows_bad=$5::bigint,"
                 "rows_changed=$6::bigint,encoding=coalesce($7,encoding),finished_at=now() WHERE id=$1::bigint",
                 7, params, NULL, "import");
}

int pgImportsWalk(PGresult *r, storeImportFn fn, void *ctx) {
    int k = 0;
    for (int row = 0; !k && row < PQntuples(r); row++) {
        storeImport i;
        i.id = pgInt(r, row, 0);
        i.kind = pgText(r, row, 1);
        i.file_name = pgText(r, row, 2);
        i.sha256 = pgText(r, row, 3);
        i.encoding = pgText(r, row, 4);
        i.actor = pgText(r, row, 5);
        i.status = pgText(r, row, 6);
        i.started_at = pgText(r, row, 7);
        i.finished_at = pgText(r, row, 8);
        i.rows_read = pgInt(r, row, 9);
        i.rows_ok = pgInt(r, row, 10);
        i.rows_bad = pgInt(r, row, 11);
        i.rows_changed = pgInt(r, row, 12);
        i.snapshot = pgText(r, row, 13);
        i.decided = pgText(r, row, 15);
        k = fn(ctx, &i);
    }
    PQclear(r);
    return k;
}

static int pgEachImportOf(storeBackend *b, const char *uscc, storeImportFn fn, void *ctx) {
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_IMPORTS + 2,
                          "SELECT " PG_IMPORT_COLS " FROM business_imports bi JOIN imports i ON i.id=bi.import_id "
                          "WHERE bi.uscc=$1 ORDER BY i.id",
                          1, &uscc, &code, "imports");
    return r ? pgImportsWalk(r, fn, ctx) : code;
}

static int pgEachImport(storeBackend *b, int limit, storeImportFn fn, void *ctx) {
    char lim[24];
    const char *params[1] = {pgI64(lim, limit)};
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_IMPORTS + 3,
                          "SELECT " PG_IMPORT_COLS " FROM imports i ORDER BY i.id DESC LIMIT $1::bigint", 1, params,
                          &code, "imports");
    return r ? pgImportsWalk(r, fn, ctx) : code;
}

void pgImportsInstall(storeBackend *b) {
    b->importCreate = pgImportCreate;
    b->importFinish = pgImportFinish;
    b->eachImportOf = pgEachImportOf;
    b->eachImport = pgEachImport;
}
