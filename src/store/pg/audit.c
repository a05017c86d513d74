/* The audit trail as stored: append-only (triggers refuse UPDATE and DELETE). The
 * hash chain is computed by app/audit.c; this file reads the head and inserts
 * (PostgreSQL; mirrors sqlite/audit.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>

enum { ST_HEAD = PG_ST_AUDIT, ST_INSERT };

/* The columns every audit reader selects, in storeAudit's order. */
#define PG_AUDIT_COLS "SELECT id," PG_TIME_TEXT("at") ",actor,role,client,action,object,before,after,prev_hash,hash FROM audit "

/* The head is read inside the writer's transaction (storeBegin's advisory lock), so
 * no other writer can append between this read and the insert chained to it. */
static int pgAuditHead(storeBackend *b, char hash[65]) {
    int code;
    PGresult *r = pgQuery(PG(b), ST_HEAD, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", 0, NULL, &code, "audit");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) snprintf(hash, 65, "%s", pgText(r, 0, 0) ? pgText(r, 0, 0) : "");
    PQclear(r);
    return found ? 0 : storeErrSet(b->err, GH_ENOTFOUND, NULL, "审计记录为空 (the audit trail is empty)");
}

static int pgAuditInsert(storeBackend *b, const storeAudit *e) {
    const int rc = pgInTransaction(PG(b), "audit");
    if (rc) return rc;
    const char *v[] = {e->at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after, e->prev_hash,
                       e->hash};
    return pgCmd(PG(b), ST_INSERT,
                 "INSERT INTO audit(at,actor,role,client,action,object,before,after,prev_hash,hash) "
                 "VALUES($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)",
                 10, v, NULL, "audit");
}

typedef struct auditWalk {
    storeAuditFn fn;
    void *ctx;
} auditWalk;

/* Hands row of r to the walk's callback as a storeAudit (strings r's own). */
static int pgAuditRow(void *ctx, PGresult *r, int row) {
    const auditWalk *w = ctx;
    storeAudit e;
    e.id = pgInt(r, row, 0);
    const char **f[] = {&e.at, &e.actor, &e.role, &e.client, &e.action, &e.object, &e.before, &e.after,
                        &e.prev_hash, &e.hash};
    for (int i = 0; i < 10; i++) *f[i] = pgText(r, row, i + 1);
    return w->fn(w->ctx, &e);
}

static int pgEachAudit(storeBackend *b, const char *action, int limit, storeAuditFn fn, void *ctx) {
    char l[24];
    const char *v[] = {action, limit >= 0 ? pgI64(l, limit) : NULL};
    auditWalk w = {fn, ctx};
    return pgEach(PG(b), PG_AUDIT_COLS "WHERE $1::text IS NULL OR action=$1::text ORDER BY id DESC LIMIT $2::bigint",
                  2, v, pgAuditRow, &w, "audit");
}

/* Streamed: the chain is the one walk that reads the whole trail. */
static int pgEachAuditChain(storeBackend *b, storeAuditFn fn, void *ctx) {
    auditWalk w = {fn, ctx};
    return pgEach(PG(b), PG_AUDIT_COLS "ORDER BY id", 0, NULL, pgAuditRow, &w, "audit");
}

void pgAuditInstall(storeBackend *b) {
    b->auditHead = pgAuditHead;
    b->auditInsert = pgAuditInsert;
    b->eachAudit = pgEachAudit;
    b->eachAuditChain = pgEachAuditChain;
}
