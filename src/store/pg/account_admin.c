/* The console's accounts and audit views (issue 11 §2): a page of the audit trail
 * under filters, revoking an owner's unused access codes on re-issue, and the towns
 * a town account may be bound to (PostgreSQL; mirrors sqlite/account_admin.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdint.h>
#include <stdio.h>

enum { ST_PAGE = PG_ST_AUDIT + 8, ST_REVOKE, ST_TOWNS };

#define AUDIT_PAGE_MAX 1000

/* Newest first, keyset-paged by id (a cursor stays right while entries are appended,
 * where an offset would shift). NULL filters are open. The times compare as the
 * texts the SQLite backend compares (store.h), so that a date alone ("2026-11-28")
 * bounds the same entries on both backends (decision 257). A page is at most 1000 rows: read whole,
 * then handed out. */
static int pgEachAuditPage(storeBackend *b, const storeAuditFilter *f, storeAuditFn fn, void *ctx) {
    if (f->limit < 1 || f->limit > AUDIT_PAGE_MAX || f->before_id < 0)
        return storeErrSet(b->err, GH_EINVAL, "limit", "每页 1 至 %d 条 (limit 1..%d)", AUDIT_PAGE_MAX,
                           AUDIT_PAGE_MAX);
    char before[24], limit[24];
    const char *v[] = {f->action, f->actor, f->from, f->to, pgI64(before, f->before_id ? f->before_id : INT64_MAX),
                       pgI64(limit, f->limit)};
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_PAGE,
                          "SELECT id,t,actor,role,client,action,object,before,after,prev_hash,hash FROM "
                          "(SELECT *," PG_TIME_TEXT("at") " AS t FROM audit WHERE id<$5::bigint "
                          "AND ($1::text IS NULL OR action=$1::text) AND ($2::text IS NULL OR strpos(actor,$2::text)>0)"
                          " ORDER BY id DESC) a WHERE ($3::text IS NULL OR t>=$3::text COLLATE \"C\") "
                          "AND ($4::text IS NULL OR t<$4::text COLLATE \"C\") ORDER BY id DESC LIMIT $6::int",
                          6, v, &code, "audit");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        storeAudit e;
        e.id = pgInt(r, i, 0);
        const char **col[] = {&e.at, &e.actor, &e.role, &e.client, &e.action, &e.object, &e.before, &e.after,
                              &e.prev_hash, &e.hash};
        for (int c = 0; c < 10; c++) *col[c] = pgText(r, i, c + 1);
        k = fn(ctx, &e);
    }
    PQclear(r);
    return k;
}

/* Expiring the codes at now keeps their rows (who issued them, when) for the record;
 * a code is usable only while expires_at > now (accessCodeUse). */
static int pgAccessCodeRevoke(storeBackend *b, int64_t account_id, int64_t now, int *revoked) {
    int rc = pgInTransaction(PG(b), "access_codes");
    if (rc) return rc;
    char id[24], n[24];
    const char *v[] = {pgI64(id, account_id), pgI64(n, now)};
    int64_t changed = 0;
    rc = pgCmd(PG(b), ST_REVOKE,
               "UPDATE access_codes SET expires_at=$2 WHERE account_id=$1 AND used_at IS NULL AND expires_at>$2", 2, v,
               &changed, "access_codes");
    *revoked = rc ? 0 : (int)changed;
    return rc;
}

/* The towns are few: read whole, then handed out. */
static int pgEachTown(storeBackend *b, storeTownFn fn, void *ctx) {
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_TOWNS,
                          "SELECT DISTINCT town FROM businesses WHERE town IS NOT NULL AND town<>'' ORDER BY town", 0,
                          NULL, &code, "businesses");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) k = fn(ctx, pgText(r, i, 0));
    PQclear(r);
    return k;
}

void pgAccountAdminInstall(storeBackend *b) {
    b->eachAuditPage = pgEachAuditPage;
    b->accessCodeRevoke = pgAccessCodeRevoke;
    b->eachTown = pgEachTown;
}
