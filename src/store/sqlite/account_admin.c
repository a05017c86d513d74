/* The console's accounts and audit views (issue 11 §2): a page of the audit trail
 * under filters, revoking an owner's unused access codes on re-issue, and the towns
 * a town account may be bound to. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdint.h>
#include <stdio.h>

#define AUDIT_PAGE_MAX 1000

/* Newest first, keyset-paged by id (a cursor stays right while entries are appended,
 * where an offset would shift). NULL filters are open. */
static int sqliteEachAuditPage(storeBackend *b, const storeAuditFilter *f, storeAuditFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    if (f->limit < 1 || f->limit > AUDIT_PAGE_MAX || f->before_id < 0)
        return storeErrSet(q->base.err, GH_EINVAL, "limit", "每页 1 至 %d 条 (limit 1..%d)", AUDIT_PAGE_MAX,
                           AUDIT_PAGE_MAX);
    sqlite3_stmt *st;
    if (sqlPrepare(q,
                   "SELECT id,at,actor,role,client,action,object,before,after,prev_hash,hash FROM audit "
                   "WHERE (?1 IS NULL OR action=?1) AND (?2 IS NULL OR instr(actor,?2)>0) AND (?3 IS NULL OR at>=?3) "
                   "AND (?4 IS NULL OR at<?4) AND id<?5 ORDER BY id DESC LIMIT ?6",
                   &st, "audit"))
        return GH_EIO;
    sqlBindText(st, 1, f->action);
    sqlBindText(st, 2, f->actor);
    sqlBindText(st, 3, f->from);
    sqlBindText(st, 4, f->to);
    sqlite3_bind_int64(st, 5, f->before_id ? f->before_id : INT64_MAX); /* a plain range: the rowid's own order */
    sqlite3_bind_int(st, 6, f->limit);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAudit e;
        e.id = sqlite3_column_int64(st, 0);
        const char **col[] = {&e.at, &e.actor, &e.role, &e.client, &e.action, &e.object, &e.before, &e.after,
                              &e.prev_hash, &e.hash};
        for (int i = 0; i < 10; i++) *col[i] = sqlColText(st, i + 1);
        k = fn(ctx, &e);
    }
    sqlite3_finalize(st);
    return sqlEnd(q, rc, k, "audit");
}

/* Expiring the codes at now keeps their rows (who issued them, when) for the record;
 * a code is usable only while expires_at > now (sqliteAccessCodeUse). */
static int sqliteAccessCodeRevoke(storeBackend *b, int64_t account_id, int64_t now, int *revoked) {
    sqliteStore *q = SQ(b);
    int rc = sqlInTransaction(q, "access_codes");
    if (rc) return rc;
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE access_codes SET expires_at=?2 WHERE account_id=?1 AND used_at IS NULL AND expires_at>?2",
                   &st, "access_codes"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, account_id);
    sqlite3_bind_int64(st, 2, now);
    *revoked = 0;
    rc = sqlDone(q, st, revoked, "access_codes");
    sqlite3_finalize(st);
    return rc;
}

static int sqliteEachTown(storeBackend *b, storeTownFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT DISTINCT town FROM businesses WHERE town IS NOT NULL AND town<>'' ORDER BY town", &st,
                   "businesses"))
        return GH_EIO;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) k = fn(ctx, sqlColText(st, 0));
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "businesses");
}

void sqliteAccountAdminInstall(storeBackend *b) {
    b->eachAuditPage = sqliteEachAuditPage;
    b->accessCodeRevoke = sqliteAccessCodeRevoke;
    b->eachTown = sqliteEachTown;
}
