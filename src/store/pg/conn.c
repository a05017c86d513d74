/* The PostgreSQL connection's helpers: failures and their codes, statements
 * (prepared once per connection), streaming walks, COPY, parameters and columns,
 * the enum codes (the backend's table and transactions: tx.c; opening: open.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const pgStatusCodes[4] = {"registered", "revoked", "cancelled", "withdrawn"};
const char *const pgListCodes[LIST__COUNT] = {"abnormal", "serious_illegal", "tax_abnormal", "suspension",
                                             "dishonest_debtor"};
const char *const pgHolderCodes[2] = {"business", "operator"};
const char *const pgPenaltyCodes[6] = {"warning", "fine", "confiscation", "licence", "restriction", "detention"};

int pgCode(const char *const *codes, int n, const char *t) {
    for (int i = 0; t && i < n; i++)
        if (strcmp(codes[i], t) == 0) return i;
    return 0;
}

/* The store's code for a SQLSTATE: another writer or a lock wait (serialisation,
 * deadlock, lock timeout, cancel) is GH_EBUSY so that callers answer "try again";
 * a broken constraint is the caller's input (GH_EINVAL); the rest GH_EIO. */
static int pgCodeOf(const char *state) {
    if (!state) return GH_EIO;
    if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03") || !strcmp(state, "57014"))
        return GH_EBUSY;
    return !strncmp(state, "23", 2) ? GH_EINVAL : GH_EIO;
}

int pgFail(pgStore *p, PGresult *r, const char *what) {
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    if (!msg) msg = PQerrorMessage(p->conn);
    if (!msg || !*msg) msg = r ? PQresStatus(PQresultStatus(r)) : "连接失败 (connection failed)";
    const size_t len = strcspn(msg, "\n"); /* libpq's connection messages end in a newline */
    const int code = storeErrSet(p->base.err, pgCodeOf(state), NULL, "%s: %s%.*s%s%s", what,
                                 pgCodeOf(state) == GH_EBUSY ? "数据库正忙 (busy): " : "", (int)len, msg,
                                 detail ? " — " : "", detail ? detail : "");
    PQclear(r);
    return code;
}

/* Whether r is a success of a statement (rows or none). */
static bool pgOk(const PGresult *r) {
    const ExecStatusType st = PQresultStatus(r);
    return r && (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK);
}

int pgExec(pgStore *p, const char *sql) {
    PGresult *r = PQexec(p->conn, sql);
    if (!pgOk(r)) return pgFail(p, r, "SQL");
    PQclear(r);
    return 0;
}

/* Prepares statement k from sql once per connection (statements outlive transactions). */
static int pgPrepare(pgStore *p, int k, const char *sql, int n, const char *what) {
    if (k < 0 || k >= PG_ST__COUNT) return storeErrSet(p->base.err, GH_EINVAL, NULL, "%s: 语句编号 %d 越界", what, k);
    if (p->prepared[k]) return 0;
    char name[16];
    snprintf(name, sizeof name, "g%d", k);
    PGresult *r = PQprepare(p->conn, name, sql, n, NULL);
    if (!pgOk(r)) return pgFail(p, r, what);
    PQclear(r);
    p->prepared[k] = true;
    return 0;
}

PGresult *pgQueryBin(pgStore *p, int k, const char *sql, int n, const char *const *params, const int *lengths,
                     const int *formats, int *code, const char *what) {
    int dummy;
    if (!code) code = &dummy;
    PGresult *r;
    if (k >= 0) {
        if ((*code = pgPrepare(p, k, sql, n, what))) return NULL;
        char name[16];
        snprintf(name, sizeof name, "g%d", k);
        r = PQexecPrepared(p->conn, name, n, params, lengths, formats, 0);
    } else {
        r = PQexecParams(p->conn, sql, n, NULL, params, lengths, formats, 0);
    }
    if (!pgOk(r)) {
        *code = pgFail(p, r, what);
        return NULL;
    }
    *code = 0;
    return r;
}

PGresult *pgQuery(pgStore *p, int k, const char *sql, int n, const char *const *params, int *code, const char *what) {
    return pgQueryBin(p, k, sql, n, params, NULL, NULL, code, what);
}

int pgCmd(pgStore *p, int k, const char *sql, int n, const char *const *params, int64_t *changed, const char *what) {
    int code;
    PGresult *r = pgQuery(p, k, sql, n, params, &code, what);
    if (!r) return code;
    if (changed) *changed = strtoll(PQcmdTuples(r), NULL, 10);
    PQclear(r);
    return 0;
}

/* Rows fetched per round trip of a walk: enough to hide the round trip, little
 * enough that memory stays flat whatever the table's size. */
#define PG_FETCH "FETCH 2000 FROM "
#define PG_FETCH_ROWS 2000

/* Fetches and hands out the rows of the open cursor name until they run out or fn stops. */
static int pgEachFetch(pgStore *p, const char *name, pgRowFn fn, void *ctx, const char *what) {
    char sql[64];
    snprintf(sql, sizeof sql, PG_FETCH "%s", name);
    for (;;) {
        PGresult *r = PQexec(p->conn, sql);
        if (!pgOk(r)) return pgFail(p, r, what);
        const int rows = PQntuples(r);
        for (int i = 0; i < rows; i++) {
            const int rc = fn(ctx, r, i);
            if (rc) {
                PQclear(r);
                return rc;
            }
        }
        PQclear(r);
        if (rows < PG_FETCH_ROWS) return 0;
    }
}

/* A walk is a server-side cursor fetched in batches (not single-row mode): between
 * batches the connection is free, so fn may run statements of its own (a run adds
 * results while it walks the dossiers). Outside a transaction the walk opens one
 * (a cursor lives in a transaction), REPEATABLE READ so it sees one snapshot. */
int pgEach(pgStore *p, const char *sql, int n, const char *const *params, pgRowFn fn, void *ctx, const char *what) {
    const bool own = !p->in_tx;
    if (own && pgExec(p, "BEGIN ISOLATION LEVEL REPEATABLE READ")) return p->base.err->code;
    if (own) p->in_tx = true;
    char name[16];
    snprintf(name, sizeof name, "gc%d", p->cursors);
    sbuf decl;
    sbufInit(&decl);
    sbufPrintf(&decl, "DECLARE %s NO SCROLL CURSOR FOR %s", name, sql);
    int rc = decl.failed ? storeErrSet(p->base.err, GH_ENOMEM, NULL, "%s: 内存不足 (out of memory)", what) : 0;
    if (!rc) {
        PGresult *r = PQexecParams(p->conn, decl.data, n, NULL, params, NULL, NULL, 0);
        rc = pgOk(r) ? (PQclear(r), 0) : pgFail(p, r, what);
    }
    sbufFree(&decl);
    if (!rc) {
        p->cursors++;
        rc = pgEachFetch(p, name, fn, ctx, what);
        p->cursors--;
        if (!own) { /* the transaction goes on: free the name for the next walk */
            char close[32];
            snprintf(close, sizeof close, "CLOSE %s", name);
            const storeErr keep = *p->base.err;
            const int crc = pgExec(p, close);
            if (!rc) rc = crc;
            else *p->base.err = keep;
        }
    }
    if (own) {
        p->in_tx = false;
        if (rc < 0) {
            storeErr keep = *p->base.err;
            (void)pgExec(p, "ROLLBACK");
            *p->base.err = keep;
        } else {
            const int crc = pgExec(p, "COMMIT");
            if (!rc) rc = crc;
        }
    }
    return rc;
}

void pgCopyField(sbuf *b, const char *v, bool last) {
    if (!v) {
        sbufAppend(b, "\\N", 2);
    } else {
        const char *run = v;
        for (const char *c = v; *c; c++) {
            const char *esc = *c == '\\' ? "\\\\" : *c == '\t' ? "\\t" : *c == '\n' ? "\\n" : *c == '\r' ? "\\r" : NULL;
            if (!esc) continue;
            sbufAppend(b, run, (size_t)(c - run));
            sbufAppend(b, esc, 2);
            run = c + 1;
        }
        sbufAppend(b, run, strlen(run));
    }
    sbufPutc(b, last ? '\n' : '\t');
}

int pgCopyFlush(pgStore *p, const char *sql) {
    if (p->copy.failed) {
        sbufClear(&p->copy);
        p->copy.failed = 0;
        p->copy_target = 0;
        return storeErrSet(p->base.err, GH_ENOMEM, NULL, "COPY: 内存不足 (out of memory)");
    }
    if (!p->copy.len) return 0;
    PGresult *r = PQexec(p->conn, sql);
    int rc = 0;
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        rc = pgFail(p, r, "COPY");
    } else {
        PQclear(r);
        if (PQputCopyData(p->conn, p->copy.data, (int)p->copy.len) != 1 || PQputCopyEnd(p->conn, NULL) != 1)
            rc = pgFail(p, NULL, "COPY");
        while ((r = PQgetResult(p->conn))) {
            if (!rc && PQresultStatus(r) != PGRES_COMMAND_OK) rc = pgFail(p, r, "COPY");
            else PQclear(r);
        }
    }
    sbufClear(&p->copy);
    p->copy_target = 0;
    return rc;
}

int pgCopyPending(pgStore *p) {
    if (!p->copy.len && !p->copy.failed) return 0;
    if (!p->copy_sql) {
        sbufClear(&p->copy);
        return storeErrSet(p->base.err, GH_EIO, NULL, "COPY: 缓冲的行没有目标 (buffered rows without a COPY)");
    }
    return pgCopyFlush(p, p->copy_sql);
}

const char *pgI64(char *buf, int64_t v) {
    snprintf(buf, 24, "%lld", (long long)v);
    return buf;
}

const char *pgDate(char *buf, civilDate d) {
    if (d == DATE_NONE) return NULL;
    dateFormat(buf, d);
    return buf;
}

const char *pgText(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int64_t pgInt(PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

civilDate pgColDate(PGresult *r, int row, int col) {
    civilDate d = DATE_NONE;
    if (!PQgetisnull(r, row, col)) dateParse(&d, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
    return d;
}

char *pgDup(arena *a, PGresult *r, int row, int col) {
    return PQgetisnull(r, row, col) ? NULL
                                    : arenaStrndup(a, PQgetvalue(r, row, col), (size_t)PQgetlength(r, row, col));
}

unsigned char *pgBytes(arena *a, PGresult *r, int row, int col, size_t *len) {
    *len = 0;
    if (PQgetisnull(r, row, col)) return NULL;
    size_t n = 0;
    unsigned char *raw = PQunescapeBytea((const unsigned char *)PQgetvalue(r, row, col), &n);
    if (!raw) return NULL;
    unsigned char *out = arenaAlloc(a, n ? n : 1);
    if (out) memcpy(out, raw, n), *len = n;
    PQfreemem(raw);
    return out;
}

int pgInTransaction(pgStore *p, const char *what) {
    if (p->in_tx && p->write_tx) return 0;
    return storeErrSet(p->base.err, GH_EINVAL, NULL, "%s: 须在写事务中调用 (must run inside a write transaction)", what);
}

void pgForget(pgStore *p) {
    p->exists_uscc[0] = p->touch_uscc[0] = '\0';
    p->touch_import = 0;
}
