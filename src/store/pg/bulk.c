/* Bulk writes of an import on PostgreSQL (decision 283, after decision 231): a
 * registration file more than twice the size of the directory is loaded with the
 * secondary indexes of businesses dropped and built again after, in the import's
 * transaction. Measured at 200,000 businesses: the upsert into an empty table with
 * its six B-trees and the trigram GIN index took 30 s; building them after the load
 * is one sort (one bulk GIN build) each. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The secondary indexes of table (no constraint's own index: the upsert needs
 * those), with their definitions. */
#define BULK_INDEXES "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname=current_schema() AND " \
                     "i.tablename=$1 AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid=" \
                     "(quote_ident(i.schemaname)||'.'||quote_ident(i.indexname))::regclass) ORDER BY i.indexname"

/* Drops the secondary indexes of table when staged is more than twice its rows,
 * keeping their definitions in *saved (a malloc'd string of statements, NULL when
 * nothing was dropped). A re-import keeps every index. */
int pgBulkDropIndexes(pgStore *p, const char *table, int64_t staged, char **saved) {
    *saved = NULL;
    char sql[160];
    int rc;
    snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT %lld) t", table,
             (long long)(staged / 2 + 1)); /* enough to decide, not a count of the table */
    PGresult *r = pgQuery(p, -1, sql, 0, NULL, &rc, "bulk");
    if (!r) return rc;
    const int64_t rows = pgInt(r, 0, 0);
    PQclear(r);
    if (staged <= 2 * rows) return 0;
    r = pgQuery(p, -1, BULK_INDEXES, 1, &table, &rc, "bulk");
    if (!r) return rc;
    size_t cap = 1, dcap = 1;
    for (int i = 0; i < PQntuples(r); i++) {
        cap += strlen(pgText(r, i, 1)) + 2;
        dcap += strlen(pgText(r, i, 0)) + 32;
    }
    char *buf = malloc(cap), *drops = malloc(dcap);
    if (!buf || !drops) {
        free(buf), free(drops);
        PQclear(r);
        return storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    }
    size_t len = 0, dlen = 0;
    buf[0] = drops[0] = '\0';
    for (int i = 0; i < PQntuples(r); i++) {
        len += (size_t)snprintf(buf + len, cap - len, "%s;", pgText(r, i, 1));
        dlen += (size_t)snprintf(drops + dlen, dcap - dlen, "DROP INDEX \"%s\";", pgText(r, i, 0));
    }
    const int n = PQntuples(r);
    PQclear(r);
    rc = n ? pgExec(p, drops) : 0;
    free(drops);
    if (rc || !n) free(buf);
    else *saved = buf;
    return rc;
}

/* Builds again the indexes pgBulkDropIndexes dropped and frees saved. */
int pgBulkRebuildIndexes(pgStore *p, char *saved) {
    if (!saved) return 0;
    const int rc = pgExec(p, saved);
    free(saved);
    return rc;
}
