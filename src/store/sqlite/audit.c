/* The audit trail as stored: append-only (triggers refuse UPDATE and DELETE). The
 * hash chain is computed by app/audit.c; this file reads the head and inserts. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>

#define AUDIT_COLS "SELECT id,at,actor,role,client,action,object,before,after,prev_hash,hash FROM audit "

static int sqliteAuditHead(storeBackend *b, char hash[65]) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", &st, "audit")) return GH_EIO;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) snprintf(hash, 65, "%s", sqlColText(st, 0));
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE) return storeErrSet(q->base.err, GH_ENOTFOUND, NULL, "审计记录为空 (the audit trail is empty)");
    return sqlFail(q, "audit");
}

static int sqliteAuditInsert(storeBackend *b, const storeAudit *e) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    int rc = sqlInTransaction(q, "audit");
    if (rc) return rc;
    if (sqlPrepare(q, "INSERT INTO audit(at,actor,role,client,action,object,before,after,prev_hash,hash) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", &st, "audit"))
        return GH_EIO;
    const char *v[] = {e->at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after, e->prev_hash,
                       e->hash};
    for (int i = 0; i < 10; i++) sqlBindText(st, i + 1, v[i]);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : sqlFail(q, "audit");
}

static int auditWalk(sqliteStore *q, sqlite3_stmt *st, storeAuditFn fn, void *ctx) {
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAudit e;
        e.id = sqlite3_column_int64(st, 0);
        const char **f[] = {&e.at, &e.actor, &e.role, &e.client, &e.action, &e.object, &e.before, &e.after,
                            &e.prev_hash, &e.hash};
        for (int i = 0; i < 10; i++) *f[i] = sqlColText(st, i + 1);
        k = fn(ctx, &e);
    }
    sqlite3_finalize(st);
    return sqlEnd(q, rc, k, "audit");
}

static int sqliteEachAudit(storeBackend *b, const char *action, int limit, storeAuditFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), AUDIT_COLS "WHERE ?1 IS NULL OR action=?1 ORDER BY id DESC LIMIT ?2", &st, "audit"))
        return GH_EIO;
    sqlBindText(st, 1, action);
    sqlite3_bind_int(st, 2, limit);
    return auditWalk(SQ(b), st, fn, ctx);
}

static int sqliteEachAuditChain(storeBackend *b, storeAuditFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), AUDIT_COLS "ORDER BY id", &st, "audit")) return GH_EIO;
    return auditWalk(SQ(b), st, fn, ctx);
}

void sqliteAuditInstall(storeBackend *b) {
    b->auditHead = sqliteAuditHead;
    b->auditInsert = sqliteAuditInsert;
    b->eachAudit = sqliteEachAudit;
    b->eachAuditChain = sqliteEachAuditChain;
}
