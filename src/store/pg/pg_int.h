#ifndef GETIHU_STORE_PG_INT_H
#define GETIHU_STORE_PG_INT_H
/* Private to the PostgreSQL backend (issue 12 §3): the connection, its prepared
 * statements and the helpers every concern file uses. One file per concern fills
 * in its part of the storeBackend (pg*Install), as the SQLite backend does; the
 * concern files mirror src/store/sqlite/ one for one (pg/runs.c ~ sqlite/runs.c).
 *
 * Conventions every concern file follows:
 * - parameters go as text ($1 … $n), NULL for SQL NULL; pgI64/pgDate format them
 *   into caller buffers (pgParam); the SQL casts where the type is not evident
 *   ($1::bigint, $2::date);
 * - dates are stored as `date`, instants as `timestamptz` shown through
 *   PG_TIME_TEXT (the same 'YYYY-MM-DDTHH:MM:SSZ' text the SQLite backend stores);
 *   money as bigint fen; bytes as bytea (binary results: pgQueryBin);
 * - every failure goes through pgFail, which maps SQLSTATE to the store's codes:
 *   40001/40P01/55P03/57014(lock timeout) -> GH_EBUSY, 23xxx -> GH_EINVAL
 *   (constraint: a duplicate, a reference to nothing), anything else GH_EIO;
 * - big walks (eachDossier, eachResult, exports) stream with pgEach (single-row
 *   mode or a server-side cursor): memory does not grow with the number of rows;
 * - bulk writes (stageRow, resultAdd) buffer rows and send them with COPY
 *   (pgCopy*), flushed before any statement that must see them. */
#include <libpq-fe.h>
#include <stdbool.h>
#include "core/arena.h"
#include "core/date.h"
#include "core/sbuf.h"
#include "core/uscc.h"
#include "store/backend.h"
#include "store/sql_shared.h"

/* Statements prepared once per connection (named "g<k>"), on first use. Each
 * concern file numbers its own statements inside its block of 16 (k = its BASE +
 * 0..15), so that no file needs another's names. */
enum {
    PG_ST_DIRECTORY = 0, PG_ST_READ = 16, PG_ST_STAGE = 32, PG_ST_IMPORTS = 48, PG_ST_RUNS = 64,
    PG_ST_ACCOUNTS = 80, PG_ST_AUDIT = 96, PG_ST_SEARCH = 112, PG_ST_CONN = 128, PG_ST_ROUND = 144,
    PG_ST_MEASURES = 160, PG_ST_OBJECTIONS = 176, PG_ST_BANK = 192, PG_ST_CITY = 208, PG_ST_SPARE = 224,
    PG_ST_LOOKUP = 240, /* the public look-up's per-request statements kept in files whose block is full (issue 12 §2) */
    PG_ST__COUNT = 256
};

typedef struct pgStore {
    storeBackend base;        /* first: a storeBackend * is a pgStore * */
    PGconn *conn;
    bool prepared[PG_ST__COUNT];
    bool in_tx;               /* a transaction is open (BEGIN sent, not yet ended) */
    bool write_tx;            /* … and it holds the writers' lock (storeBegin) */
    int opened_version;       /* schema version found at open (0: created) */
    arena scratch;            /* per-row memory of the big walks */
    sbuf copy;                /* rows buffered for the open COPY (pgCopy*) */
    int copy_target;          /* which COPY the buffer belongs to (0: none) */
    const char *copy_sql;     /* … and its statement, so that commit can flush it (pgCopyPending) */
    int cursors;              /* pgEach walks open (each has its own cursor, "gc<depth>") */
    bool stage_analysed;      /* stage.c: the staged rows' statistics are gathered */
    char exists_uscc[USCC_LEN + 1]; /* cache of the last business known to exist */
    char touch_uscc[USCC_LEN + 1];  /* and of the last import history recorded */
    int64_t touch_import;
    char load_sql[4096];      /* copy.c: the COPY of the table db copy is loading ("" when none) */
    int load_n;               /* … and its number of columns */
} pgStore;

#define PG(b) ((pgStore *)(b))

/* The lock key of storeBegin: pg_advisory_xact_lock(PG_WRITER_LOCK) serialises
 * writers across connections and processes (backend.h "transactions"). */
#define PG_WRITER_LOCK 1195984981
/* An instant as the SQLite backend stores it, from a timestamptz expression. */
#define PG_TIME_TEXT(E) "to_char((" E ") AT TIME ZONE 'UTC','YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define PG_TIME_NOW PG_TIME_TEXT("now()")

/* Sets the error record from r (or the connection when r is NULL), clears r, and
 * returns the store's code for it (see the conventions above). */
int pgFail(pgStore *p, PGresult *r, const char *what);

/* Runs sql (no parameters, no rows: DDL, BEGIN, COMMIT). 0 or pgFail's code. */
int pgExec(pgStore *p, const char *sql);

/* Runs sql with n text parameters and returns its result (PGRES_TUPLES_OK or
 * PGRES_COMMAND_OK), or NULL with the error set (*code: pgFail's code). The
 * caller PQclear()s it. k >= 0: the statement is prepared once as "g<k>"; k < 0:
 * a one-off (PQexecParams). */
PGresult *pgQuery(pgStore *p, int k, const char *sql, int n, const char *const *params, int *code, const char *what);

/* pgQuery for a statement that returns no rows; *changed (if not NULL) gets the
 * rows it changed (PQcmdTuples). */
int pgCmd(pgStore *p, int k, const char *sql, int n, const char *const *params, int64_t *changed, const char *what);

/* Streams the rows of sql to fn(ctx, r, row) one at a time (single-row mode); fn's
 * non-zero return stops the walk and is returned (the rest of the result is
 * drained so the connection stays usable). */
typedef int (*pgRowFn)(void *ctx, PGresult *r, int row);
int pgEach(pgStore *p, const char *sql, int n, const char *const *params, pgRowFn fn, void *ctx, const char *what);

/* COPY … FROM STDIN in text format: pgCopyRow appends one row (fields already
 * escaped with pgCopyField, tab-separated, ending in '\n') to the buffer;
 * pgCopyFlush sends the buffer as one COPY of `sql` ("COPY t(a,b) FROM STDIN").
 * Flushed automatically when the buffer passes 1 MiB, and must be flushed before
 * any statement that reads the target table. */
void pgCopyField(sbuf *b, const char *v, bool last); /* NULL -> \N; escapes \\ \t \n \r */
int pgCopyFlush(pgStore *p, const char *sql);
/* The buffer's size past which the row's owner flushes it (pgCopyFlush). */
#define PG_COPY_MAX (1u << 20)
/* Flushes whatever is buffered with the statement it was buffered for
 * (p->copy_sql, set by whoever appends to p->copy); storeCommit calls it, so
 * that a transaction never commits without its buffered rows. 0 when empty. */
int pgCopyPending(pgStore *p);

/* pgQuery with binary parameters (formats[i] 1: params[i] is lengths[i] raw
 * bytes, e.g. a bytea; 0: text); the results stay text (bytea as hex: pgBytes). */
PGresult *pgQueryBin(pgStore *p, int k, const char *sql, int n, const char *const *params, const int *lengths,
                     const int *formats, int *code, const char *what);
/* A bytea column (text result) decoded into a; *len its size. NULL for SQL NULL
 * (or out of memory: *len is then 0 and the column was not NULL). */
unsigned char *pgBytes(arena *a, PGresult *r, int row, int col, size_t *len);

/* Parameter text: v formatted into buf (at least 24 bytes) and returned. */
const char *pgI64(char *buf, int64_t v);
/* A civil date as 'YYYY-MM-DD' in buf (DATE_STRLEN), or NULL for DATE_NONE. */
const char *pgDate(char *buf, civilDate d);
/* Columns: NULL for SQL NULL; numbers 0 for NULL. */
const char *pgText(PGresult *r, int row, int col);
int64_t pgInt(PGresult *r, int row, int col);
civilDate pgColDate(PGresult *r, int row, int col);
/* Column copied into a (NULL stays NULL). */
char *pgDup(arena *a, PGresult *r, int row, int col);
/* GH_EINVAL unless a write transaction is open (what: the operation, for the message). */
int pgInTransaction(pgStore *p, const char *what);
/* Forgets the per-transaction caches (a rollback may have undone what they say). */
void pgForget(pgStore *p);

/* The stored codes of the domain enums: the same texts as the SQLite backend's. */
extern const char *const pgStatusCodes[4];
extern const char *const pgListCodes[LIST__COUNT];
extern const char *const pgHolderCodes[2];
extern const char *const pgPenaltyCodes[6];
int pgCode(const char *const *codes, int n, const char *t);

/* schema.c: pgMigrations[0] creates the whole schema at PG_SCHEMA_BASE; entry i
 * (i >= 1) brings it from PG_SCHEMA_BASE + i - 1 to PG_SCHEMA_BASE + i, in step
 * with sqliteMigrations. */
#define PG_SCHEMA_BASE 14
extern const char *const pgMigrations[STORE_SCHEMA_VERSION - PG_SCHEMA_BASE + 1];

/* open.c: connects to url as flags ask (storeOpen's contract). */
int pgOpenUrl(pgStore *p, const char *url, unsigned flags, char *err, size_t n);
/* verify.c: the references this backend keeps without a foreign key (decision 295,
 * migration 20), which db check checks as sets and db copy orders tables by: every
 * row of a fact table names a business (uscc) and an import (import_id); the rows of
 * the imported tables (the facts, then the ones that only name an import) name an
 * import; results name their run. */
#define PG_FACT_TABLES 7
#define PG_IMPORTED_TABLES 10
extern const char *const pgFactTables[PG_FACT_TABLES];
extern const char *const pgImportedTables[PG_IMPORTED_TABLES]; /* the facts first */
/* verify.c: the consistency checks (storeVerify). */
int pgVerify(storeBackend *b, storeVerifyMode mode, char *result, size_t n);

/* Each concern fills in its functions (the same split as the SQLite backend). */
void pgDirectoryInstall(storeBackend *b);
void pgReadInstall(storeBackend *b);
void pgStageInstall(storeBackend *b);
/* bulk.c (decision 283): the secondary indexes of a table dropped before a load that
 * makes most of it, and built again after. */
int pgBulkDropIndexes(pgStore *p, const char *table, int64_t staged, char **saved);
int pgBulkRebuildIndexes(pgStore *p, char *saved);
void pgImportsInstall(storeBackend *b);
void pgImportHistoryInstall(storeBackend *b);
void pgRunsInstall(storeBackend *b);
void pgRunNotesInstall(storeBackend *b);
void pgCityInstall(storeBackend *b);
void pgAccountsInstall(storeBackend *b);
void pgAuditInstall(storeBackend *b);
void pgAccountAdminInstall(storeBackend *b);
void pgCopyInstall(storeBackend *b);       /* copy.c: tables, rows and loading for db copy (issue 12 §3) */
void pgSearchInstall(storeBackend *b);
void pgBankInstall(storeBackend *b);
void pgRoundInstall(storeBackend *b);      /* round.c, round_case.c, round_records.c */
void pgMeasuresInstall(storeBackend *b);
void pgObjectionsInstall(storeBackend *b);
void pgSharedInstall(storeBackend *b); /* shared.c: state several serve processes share (issue 12 §3) */
/* imports.c: the columns every import listing selects from "imports i" (a running
 * import whose connection is gone reads "interrupted": decision 254), and the
 * walk that hands each row of r to fn as a storeImport. */
#define PG_IMPORT_COLS                                                                                             \
    "i.id,i.kind,i.file_name,i.file_sha256,i.encoding,i.actor,CASE WHEN i.status='running' AND NOT EXISTS "       \
    "(SELECT 1 FROM pg_stat_activity a WHERE a.pid=i.pid) THEN 'interrupted' ELSE i.status END,"                  \
    PG_TIME_TEXT("i.started_at") "," PG_TIME_TEXT("i.finished_at") ",i.rows_read,i.rows_ok,i.rows_bad,"          \
    "i.rows_changed,i.snapshot,i.pid,i.decided"
int pgImportsWalk(PGresult *r, storeImportFn fn, void *ctx);
/* directory.c, for staging: records that import_id changed something of uscc. */
int pgTouch(pgStore *p, const char *uscc, int64_t import_id);
#endif
