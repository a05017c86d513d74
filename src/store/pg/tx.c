/* The PostgreSQL backend's table: opening (storePgOpen), closing, the schema
 * version, transactions and idling. One connection per handle; its statements
 * stay prepared for its life. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How long storeBegin waits for another writer before GH_EBUSY: the SQLite
 * backend's busy timeout, so that both answer "try again" alike. */
#define PG_WAIT_MS 5000

static void pgClose(storeBackend *b) {
    pgStore *p = PG(b);
    if (p->conn) PQfinish(p->conn);
    arenaFree(&p->scratch);
    sbufFree(&p->copy);
    free(p);
}

static int pgSchemaVersion(storeBackend *b, int *version) {
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_CONN + 0, "SELECT schema_version FROM getihu_meta", 0, NULL, &code,
                          "schema_version");
    if (!r) return code;
    *version = PQntuples(r) ? (int)pgInt(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}

static int pgOpenedVersion(storeBackend *b, int *version) {
    *version = PG(b)->opened_version;
    return 0;
}

/* Ends what a request left open (a transaction, a COPY) and mends a broken
 * connection, so that the next request starts clean and sees what others committed. */
static void pgIdle(storeBackend *b) {
    pgStore *p = PG(b);
    sbufClear(&p->copy);
    p->copy_target = 0;
    if (PQstatus(p->conn) != CONNECTION_OK) {
        PQreset(p->conn);
        memset(p->prepared, 0, sizeof p->prepared); /* a new server session knows none */
        p->in_tx = p->write_tx = false;
        p->cursors = 0;
        pgForget(p);
        return;
    }
    if (p->in_tx || PQtransactionStatus(p->conn) != PQTRANS_IDLE) {
        (void)pgExec(p, "ROLLBACK");
        p->in_tx = p->write_tx = false;
        p->cursors = 0;
        pgForget(p);
    }
}

/* GH_EINVAL when a transaction is already open (as SQLite refuses a nested BEGIN). */
static int pgNoTransaction(pgStore *p, const char *what) {
    if (!p->in_tx) return 0;
    return storeErrSet(p->base.err, GH_EINVAL, NULL, "%s: 已有事务未结束 (a transaction is already open)", what);
}

static int pgReadBegin(storeBackend *b) {
    pgStore *p = PG(b);
    int rc = pgNoTransaction(p, "readBegin");
    if (!rc) rc = pgExec(p, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (!rc) p->in_tx = true;
    return rc;
}

/* Decision 294: the cluster's current snapshot (xmin:xmax:in-progress xids) as the
 * token. A transaction that commits between two calls either took its xid after the
 * first (then xmax, one past the newest completed xid, moves) or was in progress at
 * the first (then it leaves the in-progress list): either way the text differs. A
 * read-only transaction takes no xid, so look-ups alone leave it still. One prepared
 * round trip; hashed (FNV-1a), never 0. Inside a transaction the snapshot may be the
 * transaction's own (REPEATABLE READ) and stand still: 0 there, nothing cached. */
static int pgDataVersion(storeBackend *b, uint64_t *token) {
    pgStore *p = PG(b);
    int code;
    *token = 0;
    if (p->in_tx) return 0;
    PGresult *r = pgQuery(p, PG_ST_CONN + 1, "SELECT pg_current_snapshot()::text", 0, NULL, &code, "data_version");
    if (!r) return code;
    uint64_t h = 1469598103934665603ull;
    const char *snap = PQntuples(r) ? pgText(r, 0, 0) : NULL;
    for (const unsigned char *c = (const unsigned char *)(snap ? snap : ""); *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    PQclear(r);
    *token = h | (uint64_t)1 << 63;
    return 0;
}

static int pgReadEnd(storeBackend *b) {
    pgStore *p = PG(b);
    if (!p->in_tx) return 0;
    p->in_tx = p->write_tx = false;
    return pgExec(p, "COMMIT");
}

/* The writers' transaction: BEGIN, then the advisory lock every writer takes first
 * (backend.h "transactions"), waiting at most ms (lock_timeout: GH_EBUSY past it).
 * One round trip. */
static int pgBeginMs(pgStore *p, int ms) {
    int rc = pgNoTransaction(p, "begin");
    if (rc) return rc;
    pgForget(p);
    char sql[160];
    snprintf(sql, sizeof sql, "BEGIN; SET LOCAL lock_timeout=%d; SELECT pg_advisory_xact_lock(%d)", ms > 0 ? ms : 1,
             PG_WRITER_LOCK);
    p->in_tx = true; /* even when the lock failed: the BEGIN stands until the rollback */
    if ((rc = pgExec(p, sql))) {
        const storeErr keep = *p->base.err;
        (void)pgExec(p, "ROLLBACK");
        *p->base.err = keep;
        p->in_tx = false;
        return rc;
    }
    p->write_tx = true;
    return 0;
}

static int pgBegin(storeBackend *b) { return pgBeginMs(PG(b), PG_WAIT_MS); }
static int pgBeginWait(storeBackend *b, int ms) { return pgBeginMs(PG(b), ms); }

/* COMMIT of a transaction a failed statement aborted answers "ROLLBACK" without an
 * error: that is a failure, never reported as done. */
static int pgCommit(storeBackend *b) {
    pgStore *p = PG(b);
    int rc = pgCopyPending(p);
    if (rc) {
        const storeErr keep = *p->base.err;
        (void)pgExec(p, "ROLLBACK");
        *p->base.err = keep;
        p->in_tx = p->write_tx = false;
        pgForget(p);
        return rc;
    }
    PGresult *r = PQexec(p->conn, "COMMIT");
    p->in_tx = p->write_tx = false;
    if (PQresultStatus(r) != PGRES_COMMAND_OK) return pgFail(p, r, "COMMIT");
    const bool done = !strcmp(PQcmdStatus(r), "COMMIT");
    PQclear(r);
    if (done) return 0;
    pgForget(p);
    return storeErrSet(p->base.err, GH_EIO, NULL,
                       "COMMIT: 事务中有语句失败，已回滚 (a statement of the transaction failed: rolled back)");
}

static int pgRollback(storeBackend *b) {
    pgStore *p = PG(b);
    sbufClear(&p->copy);
    p->copy_target = 0;
    pgForget(p);
    if (!p->in_tx) return 0;
    p->in_tx = p->write_tx = false;
    p->cursors = 0;
    return pgExec(p, "ROLLBACK");
}

int storePgOpen(storeBackend **out, const char *url, unsigned flags, char *err, size_t errsize) {
    *out = NULL;
    pgStore *p = calloc(1, sizeof *p);
    storeErr e = {0};
    if (!p) {
        snprintf(err, errsize, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    p->base.err = &e;
    p->base.close = pgClose;
    p->base.schemaVersion = pgSchemaVersion;
    p->base.openedVersion = pgOpenedVersion;
    p->base.verify = pgVerify;
    p->base.idle = pgIdle;
    p->base.readBegin = pgReadBegin;
    p->base.readEnd = pgReadEnd;
    p->base.dataVersion = pgDataVersion;
    p->base.begin = pgBegin;
    p->base.beginWait = pgBeginWait;
    p->base.commit = pgCommit;
    p->base.rollback = pgRollback;
    pgDirectoryInstall(&p->base);
    pgReadInstall(&p->base);
    pgStageInstall(&p->base);
    pgImportsInstall(&p->base);
    pgImportHistoryInstall(&p->base);
    pgRunsInstall(&p->base);
    pgRunNotesInstall(&p->base);
    pgCityInstall(&p->base);
    pgAccountsInstall(&p->base);
    pgAuditInstall(&p->base);
    pgRoundInstall(&p->base);
    pgMeasuresInstall(&p->base);
    pgObjectionsInstall(&p->base);
    pgBankInstall(&p->base);
    pgSearchInstall(&p->base);
    pgAccountAdminInstall(&p->base);
    pgSharedInstall(&p->base);
    pgCopyInstall(&p->base);
    arenaInit(&p->scratch, 16 * 1024, 0);
    sbufInit(&p->copy);
    const int rc = pgOpenUrl(p, url, flags, err, errsize);
    if (rc) {
        pgClose(&p->base);
        return rc;
    }
    p->base.err = NULL; /* the front sets its own record */
    *out = &p->base;
    return 0;
}
