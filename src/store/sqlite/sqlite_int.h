#ifndef GETIHU_STORE_SQLITE_INT_H
#define GETIHU_STORE_SQLITE_INT_H
/* Private to the SQLite backend: the connection, its cached statements and the
 * helpers every concern file uses. One file per concern fills in its part of the
 * storeBackend (sqlite*Install). */
#include <sqlite3.h>
#include "core/uscc.h"
#include "store/backend.h"
#include "store/sql_shared.h"

/* Statements kept prepared for the life of the connection (prepared on first use). */
typedef enum {
    SQ_BIZ_UPSERT, SQ_BIZ_EXISTS, SQ_BIZ_EXTRA, SQ_AR_UPSERT, SQ_TP_UPSERT, SQ_IN_UPSERT, SQ_IV_UPSERT,
    SQ_TM_UPSERT, SQ_PT_UPSERT, SQ_PE_UPSERT, SQ_AR_PRUNE, SQ_TP_PRUNE, SQ_IN_PRUNE, SQ_IV_PRUNE, SQ_TM_PRUNE,
    SQ_PT_PRUNE, SQ_PE_PRUNE, SQ_TOUCH, SQ_IMPORT_CREATE, SQ_IMPORT_FINISH, SQ_IMPORTS_OF, SQ_IMPORTS,
    SQ_STAGE_ROW, SQ_STAGE_ROWS, SQ_STAGE_BAD, SQ_RUN_CREATE, SQ_RUN_FINISH, SQ_RUN_GET, SQ_RUN_EACH, SQ_RESULT_ADD,
    SQ_PUBLISHED, SQ_PUBLISH, SQ_PUBLISH_LOG, SQ_RESULT_OF, SQ_ACCOUNT_BY_NAME, SQ_ACCOUNT_BY_ID,
    SQ_ACCOUNT_BY_USCC, SQ_SESSION_GET, SQ_FIND_USCC, SQ_FIND_REGNO, SQ_FIND_NAME, SQ_READ_BEGIN, SQ_READ_END,
    SQ_RECOG_USCC, /* round_records.c: the public look-up's recognitions */
    SQ_PUBLISHED_OF, /* runs.c: the public look-up's published results (issue 12 §2) */
    SQ_RESULT_ADD_MANY, /* runs.c: a run's results, 512 rows a statement (decisions 290, 313) */
    SQ_RESULT_ADD_FEW,  /* runs.c: … and the rest of a batch, 64 at a time */
    SQ_DATA_VERSION, /* conn.c: the public look-up's cache check (decision 300) */
    SQ__COUNT
} sqlStmt;

typedef struct sqliteStore {
    storeBackend base; /* first: a storeBackend * is a sqliteStore * */
    sqlite3 *db;
    sqlite3_stmt *st[SQ__COUNT];
    char exists_uscc[USCC_LEN + 1]; /* cache of the last business known to exist */
    char touch_uscc[USCC_LEN + 1];  /* and of the last import history recorded */
    int64_t touch_import;
    arena scratch;                  /* per-business memory of eachDossier */
    int opened_version;             /* the schema version found at open (0: created) */
    sqlite3_stmt *load;             /* copy.c: the INSERT of the table being loaded (db copy), or NULL */
    int load_n;                     /* … and its number of columns */
    bool bulk;                      /* an import's larger page cache is in force (bulk.c) */
    /* stage.c (decision 280): the last staged key, and whether every key so far was
     * greater than the one before (then the file has no duplicate key, and the stage's
     * line order is its key order: no key index, no self-join) */
    char stage_last[512];
    bool stage_unsorted;
    /* stage_rows.c (decision 328): the stage columns the import's targets read */
    unsigned char stage_cols[40];
    int stage_ncols;
    /* stage_merge.c (decision 329): the key index the stage has, if any */
    enum { STAGE_INDEX_NONE, STAGE_INDEX_KEY, STAGE_INDEX_USCC } stage_index;
    /* stage_merge.c (decisions 320-322): the last staged USCC, whether every USCC so far
     * was at least the one before, and gh_tally's count */
    char stage_last_uscc[32];
    bool stage_uscc_unsorted, stage_key_other; /* … and whether a key did not begin with its USCC */
    bool stage_known; /* every good staged row names a business the store holds (decision 326) */
    int64_t stage_tally;
} sqliteStore;

#define SQ(b) ((sqliteStore *)(b))
/* How long a statement waits for another connection's lock (the busy timeout)
 * before SQLITE_BUSY, i.e. GH_EBUSY; storeBeginWait shortens it for one BEGIN. */
#define SQLITE_WAIT_MS 5000
#define TIME_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"

/* The application_id of a getihu database ("GIHU"): set by migration 3 -> 4. */
#define SQLITE_APP_ID 1195984981
#define SQLITE_APP_ID_SQL "1195984981"

/* open.c: opens q->db at path as flags ask (storeOpen's contract); err names the path. */
int sqliteOpenFile(sqliteStore *q, const char *path, unsigned flags, char *err, size_t n);

/* SQL_RESULT_TYPE, SQL_RESULT_REASONS: store/sql_shared.h */

/* schema.c: migration i brings the schema from version i to i + 1. */
extern const char *const sqliteMigrations[STORE_SCHEMA_VERSION];

/* Sets the error record from the connection's message; returns GH_EBUSY when another
 * connection holds the database (SQLITE_BUSY, SQLITE_LOCKED), else GH_EIO. */
int sqlFail(sqliteStore *q, const char *what);
/* The cached statement k (prepared from sql on first use), reset and unbound; NULL on failure. */
sqlite3_stmt *sqlSt(sqliteStore *q, sqlStmt k, const char *sql);
/* Steps a statement that returns no rows; adds the rows it changed to *changed. */
int sqlDone(sqliteStore *q, sqlite3_stmt *st, int *changed, const char *what);
int sqlExec(sqliteStore *q, const char *sql);
/* Prepares a one-off statement (finalised by the caller). */
int sqlPrepare(sqliteStore *q, const char *sql, sqlite3_stmt **st, const char *what);
/* GH_EINVAL unless a write transaction is open (what: the operation, for the message). */
int sqlInTransaction(sqliteStore *q, const char *what);
/* The end of a row loop: the callback's code, or 0 when the rows ran out, or a failure. */
int sqlEnd(sqliteStore *q, int rc, int k, const char *what);
void sqlBindText(sqlite3_stmt *st, int i, const char *v);
void sqlBindDate(sqlite3_stmt *st, int i, civilDate d);
civilDate sqlColDate(sqlite3_stmt *st, int i);
const char *sqlColText(sqlite3_stmt *st, int i);
/* Column i copied into a (NULL stays NULL). */
char *sqlDup(arena *a, sqlite3_stmt *st, int i);
/* Forgets the per-transaction caches (a rollback may have undone what they say). */
void sqlForget(sqliteStore *q);

/* The stored codes of the domain enums, and back. */
extern const char *const sqlStatusCodes[4];
extern const char *const sqlListCodes[LIST__COUNT];
extern const char *const sqlHolderCodes[2];
extern const char *const sqlPenaltyCodes[6];
int sqlCode(const char *const *codes, int n, const char *t);

/* Each concern fills in its functions. */
void sqliteDirectoryInstall(storeBackend *b);
void sqliteReadInstall(storeBackend *b);
void sqliteObjectionsInstall(storeBackend *b); /* objections.c (issue 10) */
void sqliteStageInstall(storeBackend *b);
void sqliteImportsInstall(storeBackend *b);
void sqliteImportHistoryInstall(storeBackend *b); /* import_history.c (issue 11) */
/* imports.c: the columns every import listing selects from "imports i", and the walk
 * that hands each row to fn as a storeImport. */
#define IMPORT_COLS "i.id,i.kind,i.file_name,i.file_sha256,i.encoding,i.actor,i.status,i.started_at,i.finished_at," \
                    "i.rows_read,i.rows_ok,i.rows_bad,i.rows_changed,i.snapshot,i.pid,i.decided"
int sqliteImportsWalk(sqliteStore *q, sqlite3_stmt *st, storeImportFn fn, void *ctx);
void sqliteRunsInstall(storeBackend *b);
void sqliteStatsInstall(storeBackend *b); /* stats.c (issue 12) */
void sqliteRunNotesInstall(storeBackend *b); /* runnotes.c: names, years, movers (issue 11 §4) */
void sqliteCityInstall(storeBackend *b); /* city.c: the city's typing result (issue 10) */
void sqliteAccountsInstall(storeBackend *b);
void sqliteAuditInstall(storeBackend *b);
void sqliteRoundInstall(storeBackend *b); /* round.c and round_records.c */
void sqliteMeasuresInstall(storeBackend *b); /* measures.c (issue 10) */
void sqliteBankInstall(storeBackend *b);  /* bank.c */
void sqliteSearchInstall(storeBackend *b); /* search.c: the staff search (issue 11) */
void sqliteAccountAdminInstall(storeBackend *b); /* account_admin.c (issue 11 §2) */
void sqliteCopyInstall(storeBackend *b); /* copy.c: tables, rows and loading for db copy (issue 12 §3) */
void sqliteSharedInstall(storeBackend *b); /* shared.c: state several serve processes share (issue 12 §3) */
/* directory.c, for staging: records that import_id changed something of uscc. */
int sqliteTouch(sqliteStore *q, const char *uscc, int64_t import_id);
/* bulk.c (decisions 230, 231): an import's page cache, raised by BulkBegin and put
 * back by BulkEnd (at commit or rollback); the secondary indexes of a table dropped
 * before a load that makes most of it and rebuilt after. */
int sqliteBulkBegin(sqliteStore *q);
int sqliteBulkEnd(sqliteStore *q);
int sqliteBulkDropIndexes(sqliteStore *q, const char *table, int64_t staged, char **saved);
int sqliteBulkRebuildIndexes(sqliteStore *q, char *saved);
/* stats.c (decision 243): a run's results, corrected, in USCC order, read from the
 * covering index results_type; Open moves to the first, Next to the next (on false
 * at the end); the statistics and the publication's comparison merge them. */
typedef struct sqliteRunRead {
    sqlite3_stmt *st[4]; /* by bizType */
    int rc[4];
    const char *head[4]; /* the USCC under st[t] while rc[t] is SQLITE_ROW (valid until its next step) */
    sqlite3_stmt *corr;
    int crc;
    const char *chead; /* the USCC under corr while crc is SQLITE_ROW */
    char uscc[USCC_LEN + 1]; /* the current result, when on is set */
    int type;
    bool on;
} sqliteRunRead;
int sqliteRunReadOpen(sqliteStore *q, sqliteRunRead *r, int64_t run_id);
int sqliteRunReadNext(sqliteStore *q, sqliteRunRead *r);
void sqliteRunReadClose(sqliteRunRead *r);
/* result_merge.c (decision 302): run_id's results with their businesses and
 * corrections in USCC order, as storeEachResult gives them, by a merge of cursors. */
int sqliteResultMerge(sqliteStore *q, int64_t run_id, storeResultFn fn, void *ctx);
/* import_sets.c (decision 232): the compact import history of staged imports. */
int sqliteImportSetRecord(sqliteStore *q, const char *select_sql, int64_t import_id);
int sqliteImportSetFunctions(sqliteStore *q);
void sqliteStageUsccOrder(sqliteStore *q, const char *key, const char *uscc);
void sqliteStageOrder(sqliteStore *q, const char *key);
/* stage_rows.c (decision 328): the stage's INSERTs, many rows and only the columns
 * the targets read. */
void sqliteStageColumns(sqliteStore *q, unsigned targets);
int sqliteStageRows(storeBackend *b, const storeStaged *rows, size_t n);
int sqliteStageWalkDuplicates(sqliteStore *q, const char *message);
int sqliteStageMergeUnknown(sqliteStore *q, const char *message, bool *done);
int sqliteStageKeyIndex(sqliteStore *q);
const char *sqliteStageOrderedSql(const sqliteStore *q, const char *sql, bool by_key, char *out, size_t n);
int sqliteStageTaxFlags(sqliteStore *q, int64_t import_id, int64_t *changed);
int sqliteStageFunctions(sqliteStore *q);
#endif
