/* The SQLite store: schema, migrations and every SQL statement of getihu.
 * One connection, WAL, foreign keys on, prepared statements kept for the life of
 * the connection. */
#include "store/store.h"
#include "core/error.h"
#include <assert.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- schema ---- */

/* Migration i brings the schema from version i to i + 1. Never edit a shipped
 * migration: add the next one. */
static const char *const storeMigrations[] = {
    /* 0 -> 1 */
    "CREATE TABLE imports("
    "  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, file_name TEXT NOT NULL, file_sha256 TEXT NOT NULL,"
    "  encoding TEXT, actor TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('running','committed','dry_run','rejected')),"
    "  started_at TEXT NOT NULL, finished_at TEXT,"
    "  rows_read INTEGER NOT NULL DEFAULT 0, rows_ok INTEGER NOT NULL DEFAULT 0,"
    "  rows_bad INTEGER NOT NULL DEFAULT 0, rows_changed INTEGER NOT NULL DEFAULT 0);"
    /* Rows of about 300 bytes: a rowid table with a unique USCC index (WITHOUT ROWID
     * suits narrow rows only). */
    "CREATE TABLE businesses("
    "  id INTEGER PRIMARY KEY, uscc TEXT NOT NULL UNIQUE, name TEXT, operator_name TEXT, operator_id TEXT,"
    "  established TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK(status IN ('registered','revoked','cancelled','withdrawn')),"
    "  seasonal INTEGER NOT NULL DEFAULT 0, town TEXT, industry TEXT, address TEXT, legacy_reg_no TEXT,"
    "  tax_registered INTEGER NOT NULL DEFAULT 0, general_taxpayer INTEGER NOT NULL DEFAULT 0,"
    "  operator_groups INTEGER NOT NULL DEFAULT 0, import_id INTEGER REFERENCES imports(id));"
    "CREATE INDEX businesses_regno ON businesses(legacy_reg_no) WHERE legacy_reg_no IS NOT NULL;"
    "CREATE INDEX businesses_name ON businesses(name, uscc) WHERE name IS NOT NULL;"
    "CREATE TABLE annual_reports("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, filed_on TEXT,"
    "  revenue INTEGER, employees INTEGER, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE tax_paid("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, amount INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE insured("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), year INTEGER NOT NULL, count INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, year)) WITHOUT ROWID;"
    "CREATE TABLE intervals("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc),"
    "  list TEXT NOT NULL CHECK(list IN ('abnormal','serious_illegal','tax_abnormal','suspension','dishonest_debtor')),"
    "  from_date TEXT NOT NULL, to_date TEXT, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, list, from_date)) WITHOUT ROWID;"
    "CREATE TABLE trademarks("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), reg_no TEXT NOT NULL,"
    "  holder TEXT NOT NULL CHECK(holder IN ('business','operator')), in_use INTEGER NOT NULL,"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, reg_no)) WITHOUT ROWID;"
    "CREATE TABLE patents("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), number TEXT NOT NULL,"
    "  holder TEXT NOT NULL CHECK(holder IN ('business','operator')),"
    "  import_id INTEGER REFERENCES imports(id), PRIMARY KEY(uscc, number)) WITHOUT ROWID;"
    "CREATE TABLE penalties("
    "  uscc TEXT NOT NULL REFERENCES businesses(uscc), decided_on TEXT NOT NULL, kind TEXT NOT NULL,"
    "  publicized INTEGER NOT NULL, repaired_on TEXT, import_id INTEGER REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, decided_on, kind)) WITHOUT ROWID;"
    "CREATE TABLE business_imports("
    "  uscc TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports(id),"
    "  PRIMARY KEY(uscc, import_id)) WITHOUT ROWID;"
    "CREATE TABLE runs("
    "  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, params_json TEXT NOT NULL, params_sha256 TEXT NOT NULL,"
    "  provisional INTEGER NOT NULL, program_version TEXT NOT NULL, actor TEXT NOT NULL,"
    "  started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL CHECK(status IN ('running','done')),"
    "  population INTEGER, survival INTEGER, growth INTEGER, development INTEGER, ineligible INTEGER);"
    /* Results carry their explanation as published (~650 bytes): a rowid table. */
    "CREATE TABLE results("
    "  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), uscc TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK(type IN ('survival','growth','development','ineligible')),"
    "  reasons TEXT NOT NULL, UNIQUE(run_id, uscc));"
    "CREATE INDEX results_uscc ON results(uscc);"
    "CREATE TABLE publications("
    "  year INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),"
    "  published_at TEXT NOT NULL, actor TEXT NOT NULL);"
    "CREATE TABLE publication_log("
    "  id INTEGER PRIMARY KEY, year INTEGER NOT NULL, run_id INTEGER NOT NULL REFERENCES runs(id),"
    "  published_at TEXT NOT NULL, actor TEXT NOT NULL);",
    /* 1 -> 2: accounts, sessions, the audit trail */
    "CREATE TABLE accounts("
    "  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK(role IN ('admin','clerk','reviewer','department','inspector','bank','business')),"
    "  department TEXT, uscc TEXT, password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0,"
    "  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);"
    "CREATE TABLE sessions("
    "  token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id), csrf TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;"
    /* Append-only and tamper-evident: each entry carries the hash of the one before. */
    "CREATE TABLE audit("
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, client TEXT,"
    "  action TEXT NOT NULL, object TEXT, before TEXT, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
    "CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
    "CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;",
    /* 2 -> 3: one-time access codes for business owners */
    "CREATE INDEX accounts_uscc ON accounts(uscc) WHERE uscc IS NOT NULL;"
    "CREATE TABLE access_codes("
    "  code_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id),"
    "  expires_at INTEGER NOT NULL, used_at INTEGER, issued_by TEXT NOT NULL) WITHOUT ROWID;",
};

/* ---- statements ---- */

typedef enum {
    ST_BIZ_UPSERT, ST_BIZ_EXISTS, ST_BIZ_TAXREG, ST_BIZ_GENTAX, ST_BIZ_GROUP, ST_BIZ_GROUPS_SET, ST_BIZ_EXTRA,
    ST_AR_UPSERT, ST_TP_UPSERT, ST_IN_UPSERT, ST_IV_UPSERT, ST_TM_UPSERT, ST_PT_UPSERT, ST_PE_UPSERT,
    ST_AR_PRUNE, ST_TP_PRUNE, ST_IN_PRUNE, ST_IV_PRUNE, ST_TM_PRUNE, ST_PT_PRUNE, ST_PE_PRUNE,
    ST_TOUCH, ST_IMPORT_CREATE, ST_IMPORT_FINISH, ST_STAGE_ROW, ST_STAGE_BAD,
    ST_RUN_CREATE, ST_RUN_FINISH, ST_RUN_GET, ST_RUN_EACH, ST_RESULT_ADD, ST_PUBLISHED, ST_PUBLISH, ST_PUBLISH_LOG,
    ST_RESULT_EACH, ST_RESULT_OF, ST_IMPORTS_OF, ST_IMPORTS,
    ST_ACCOUNT_BY_NAME, ST_ACCOUNT_BY_ID, ST_ACCOUNT_BY_USCC, ST_SESSION_GET, /* prepared on first use by storeOneRow */
    ST_FIND_USCC, ST_FIND_REGNO, ST_FIND_NAME, ST_READ_BEGIN, ST_READ_END,
    ST__COUNT
} storeStmt;

#define TIME_NOW "strftime('%Y-%m-%dT%H:%M:%SZ','now')"
/* "changes only when different": an upsert that would write the same values is a no-op. */
static const char *const storeSql[ST__COUNT] = {
    [ST_READ_BEGIN] = "BEGIN DEFERRED", [ST_READ_END] = "COMMIT",
    [ST_BIZ_UPSERT] =
        "INSERT INTO businesses(uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,"
        "address,legacy_reg_no,import_id) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12) "
        "ON CONFLICT(uscc) DO UPDATE SET name=?2,operator_name=?3,operator_id=?4,established=?5,status=?6,"
        "seasonal=?7,town=?8,industry=?9,address=?10,legacy_reg_no=?11,import_id=?12 "
        "WHERE (name,operator_name,operator_id,established,status,seasonal,town,industry,address,legacy_reg_no) "
        "IS NOT (?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
    [ST_BIZ_EXISTS] = "SELECT 1 FROM businesses WHERE uscc=?1",
    [ST_BIZ_TAXREG] = "UPDATE businesses SET tax_registered=?2, import_id=?3 WHERE uscc=?1 AND tax_registered<>?2",
    [ST_BIZ_GENTAX] = "UPDATE businesses SET general_taxpayer=?2, import_id=?3 WHERE uscc=?1 AND general_taxpayer<>?2",
    [ST_BIZ_GROUP] = "UPDATE businesses SET operator_groups=operator_groups|?2, import_id=?3 "
                     "WHERE uscc=?1 AND (operator_groups&?2)=0",
    [ST_BIZ_GROUPS_SET] = "UPDATE businesses SET operator_groups=?2 WHERE uscc=?1 AND operator_groups<>?2",
    [ST_BIZ_EXTRA] = "UPDATE businesses SET tax_registered=?2, general_taxpayer=?3, operator_groups=?4 "
                     "WHERE uscc=?1 AND (tax_registered,general_taxpayer,operator_groups) IS NOT (?2,?3,?4)",
    [ST_AR_UPSERT] = "INSERT INTO annual_reports(uscc,year,filed_on,revenue,employees,import_id) "
                     "VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(uscc,year) DO UPDATE SET filed_on=?3,revenue=?4,"
                     "employees=?5,import_id=?6 WHERE (filed_on,revenue,employees) IS NOT (?3,?4,?5)",
    [ST_TP_UPSERT] = "INSERT INTO tax_paid(uscc,year,amount,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,year) DO UPDATE SET amount=?3,import_id=?4 WHERE amount IS NOT ?3",
    [ST_IN_UPSERT] = "INSERT INTO insured(uscc,year,count,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,year) DO UPDATE SET count=?3,import_id=?4 WHERE count IS NOT ?3",
    [ST_IV_UPSERT] = "INSERT INTO intervals(uscc,list,from_date,to_date,import_id) VALUES(?1,?2,?3,?4,?5) "
                     "ON CONFLICT(uscc,list,from_date) DO UPDATE SET to_date=?4,import_id=?5 WHERE to_date IS NOT ?4",
    [ST_TM_UPSERT] = "INSERT INTO trademarks(uscc,reg_no,holder,in_use,import_id) VALUES(?1,?2,?3,?4,?5) "
                     "ON CONFLICT(uscc,reg_no) DO UPDATE SET holder=?3,in_use=?4,import_id=?5 "
                     "WHERE (holder,in_use) IS NOT (?3,?4)",
    [ST_PT_UPSERT] = "INSERT INTO patents(uscc,number,holder,import_id) VALUES(?1,?2,?3,?4) "
                     "ON CONFLICT(uscc,number) DO UPDATE SET holder=?3,import_id=?4 WHERE holder IS NOT ?3",
    [ST_PE_UPSERT] = "INSERT INTO penalties(uscc,decided_on,kind,publicized,repaired_on,import_id) "
                     "VALUES(?1,?2,?3,?4,?5,?6) ON CONFLICT(uscc,decided_on,kind) DO UPDATE SET publicized=?4,"
                     "repaired_on=?5,import_id=?6 WHERE (publicized,repaired_on) IS NOT (?4,?5)",
    /* A whole dossier replaces what was there: rows it no longer lists go. ?2 is a
     * JSON array of the keys it does list. */
    [ST_AR_PRUNE] = "DELETE FROM annual_reports WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [ST_TP_PRUNE] = "DELETE FROM tax_paid WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [ST_IN_PRUNE] = "DELETE FROM insured WHERE uscc=?1 AND year NOT IN (SELECT CAST(value AS INTEGER) FROM json_each(?2))",
    [ST_IV_PRUNE] = "DELETE FROM intervals WHERE uscc=?1 AND list||'/'||from_date NOT IN (SELECT value FROM json_each(?2))",
    [ST_TM_PRUNE] = "DELETE FROM trademarks WHERE uscc=?1 AND reg_no NOT IN (SELECT value FROM json_each(?2))",
    [ST_PT_PRUNE] = "DELETE FROM patents WHERE uscc=?1 AND number NOT IN (SELECT value FROM json_each(?2))",
    [ST_PE_PRUNE] = "DELETE FROM penalties WHERE uscc=?1 AND decided_on||'/'||kind NOT IN (SELECT value FROM json_each(?2))",
    [ST_STAGE_ROW] = "INSERT INTO temp.stage VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,"
                     "?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29,?30,?31,?32,?33)",
    [ST_STAGE_BAD] = "INSERT INTO temp.bad(line,field,message) VALUES(?1,?2,?3)",
    [ST_TOUCH] = "INSERT OR IGNORE INTO business_imports(uscc,import_id) VALUES(?1,?2)",
    [ST_IMPORT_CREATE] = "INSERT INTO imports(kind,file_name,file_sha256,encoding,actor,status,started_at) "
                         "VALUES(?1,?2,?3,?4,?5,'running'," TIME_NOW ")",
    [ST_IMPORT_FINISH] = "UPDATE imports SET status=?2,rows_read=?3,rows_ok=?4,rows_bad=?5,rows_changed=?6,"
                         "encoding=coalesce(?7,encoding),finished_at=" TIME_NOW " WHERE id=?1",
    [ST_RUN_CREATE] = "INSERT INTO runs(year,params_json,params_sha256,provisional,program_version,actor,started_at,status) "
                      "VALUES(?1,?2,?3,?4,?5,?6," TIME_NOW ",'running')",
    [ST_RUN_FINISH] = "UPDATE runs SET status='done',finished_at=" TIME_NOW ",population=?2,survival=?3,growth=?4,"
                      "development=?5,ineligible=?6 WHERE id=?1",
    [ST_RUN_GET] = "SELECT r.id,r.year,r.params_json,r.params_sha256,r.provisional,r.program_version,r.actor,"
                   "r.started_at,r.finished_at,r.status,r.population,r.survival,r.growth,r.development,r.ineligible,"
                   "p.run_id IS NOT NULL FROM runs r LEFT JOIN publications p ON p.run_id=r.id WHERE r.id=?1",
    [ST_RUN_EACH] = "SELECT r.id,r.year,r.params_json,r.params_sha256,r.provisional,r.program_version,r.actor,"
                    "r.started_at,r.finished_at,r.status,r.population,r.survival,r.growth,r.development,r.ineligible,"
                    "p.run_id IS NOT NULL FROM runs r LEFT JOIN publications p ON p.run_id=r.id "
                    "WHERE ?1=0 OR r.year=?1 ORDER BY r.id",
    [ST_RESULT_ADD] = "INSERT INTO results(run_id,uscc,type,reasons) VALUES(?1,?2,?3,?4)",
    [ST_PUBLISHED] = "SELECT run_id FROM publications WHERE year=?1",
    [ST_PUBLISH] = "INSERT INTO publications(year,run_id,published_at,actor) VALUES(?1,?2," TIME_NOW ",?3) "
                   "ON CONFLICT(year) DO UPDATE SET run_id=?2,published_at=" TIME_NOW ",actor=?3",
    [ST_PUBLISH_LOG] = "INSERT INTO publication_log(year,run_id,published_at,actor) VALUES(?1,?2," TIME_NOW ",?3)",
    [ST_RESULT_EACH] = "SELECT r.uscc,b.name,b.town,b.industry,r.type,r.reasons,ru.year,r.run_id,"
                       "EXISTS(SELECT 1 FROM publications p WHERE p.run_id=r.run_id) "
                       "FROM results r JOIN runs ru ON ru.id=r.run_id LEFT JOIN businesses b ON b.uscc=r.uscc "
                       "WHERE r.run_id=?1 ORDER BY r.uscc",
    [ST_RESULT_OF] = "SELECT r.uscc,b.name,b.town,b.industry,r.type,r.reasons,ru.year,r.run_id,"
                     "EXISTS(SELECT 1 FROM publications p WHERE p.run_id=r.run_id) "
                     "FROM results r JOIN runs ru ON ru.id=r.run_id LEFT JOIN businesses b ON b.uscc=r.uscc "
                     "WHERE r.uscc=?1 ORDER BY ru.year DESC, r.run_id DESC",
    [ST_IMPORTS_OF] = "SELECT i.id,i.kind,i.file_name,i.file_sha256,i.encoding,i.actor,i.status,i.started_at,"
                      "i.finished_at,i.rows_read,i.rows_ok,i.rows_bad,i.rows_changed FROM business_imports bi "
                      "JOIN imports i ON i.id=bi.import_id WHERE bi.uscc=?1 ORDER BY i.id",
    [ST_FIND_USCC] = "SELECT uscc,name,town,legacy_reg_no,status,operator_name FROM businesses WHERE uscc=?1 AND ?2>0",
    [ST_FIND_REGNO] = "SELECT uscc,name,town,legacy_reg_no,status,operator_name FROM businesses WHERE legacy_reg_no=?1 "
                      "ORDER BY uscc LIMIT ?2",
    /* instr() finds a substring of any length, one CJK character included; the
     * narrow (name, uscc) index is scanned rather than the table. */
    [ST_FIND_NAME] = "SELECT b.uscc,b.name,b.town,b.legacy_reg_no,b.status,b.operator_name FROM "
                     "(SELECT uscc FROM businesses INDEXED BY businesses_name WHERE name IS NOT NULL AND instr(name,?1)>0 "
                     " ORDER BY name, uscc LIMIT ?2) m JOIN businesses b ON b.uscc=m.uscc ORDER BY b.name, b.uscc",
    [ST_IMPORTS] = "SELECT id,kind,file_name,file_sha256,encoding,actor,status,started_at,finished_at,rows_read,"
                   "rows_ok,rows_bad,rows_changed FROM imports ORDER BY id DESC LIMIT ?1",
};

/* Reading dossiers: one statement per table, all in USCC order; the "one" variant
 * reads a single business. */
typedef enum { RD_BIZ, RD_AR, RD_TP, RD_IN, RD_IV, RD_TM, RD_PT, RD_PE, RD__COUNT } storeRead;
static const char *const storeReadSql[RD__COUNT] = {
    [RD_BIZ] = "SELECT uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,address,"
               "legacy_reg_no,tax_registered,general_taxpayer,operator_groups FROM businesses",
    [RD_AR] = "SELECT uscc,year,filed_on,revenue,employees FROM annual_reports",
    [RD_TP] = "SELECT uscc,year,amount FROM tax_paid",
    [RD_IN] = "SELECT uscc,year,count FROM insured",
    [RD_IV] = "SELECT uscc,list,from_date,to_date FROM intervals",
    [RD_TM] = "SELECT uscc,reg_no,holder,in_use FROM trademarks",
    [RD_PT] = "SELECT uscc,number,holder FROM patents",
    [RD_PE] = "SELECT uscc,decided_on,kind,publicized,repaired_on FROM penalties",
};
static const char *const storeReadOrder[RD__COUNT] = {
    [RD_BIZ] = " ORDER BY uscc", [RD_AR] = " ORDER BY uscc,year", [RD_TP] = " ORDER BY uscc,year",
    [RD_IN] = " ORDER BY uscc,year", [RD_IV] = " ORDER BY uscc,list,from_date", [RD_TM] = " ORDER BY uscc,reg_no",
    [RD_PT] = " ORDER BY uscc,number", [RD_PE] = " ORDER BY uscc,decided_on,kind",
};

struct store {
    sqlite3 *db;
    sqlite3_stmt *st[ST__COUNT];
    char err[512];
    char exists_uscc[USCC_LEN + 1]; /* cache of the last business known to exist */
    char touch_uscc[USCC_LEN + 1];  /* and of the last touch recorded */
    int64_t touch_import;
    arena scratch;                  /* per-business memory of storeEachDossier */
};

/* ---- helpers ---- */

static int storeFail(store *s, const char *what) {
    snprintf(s->err, sizeof s->err, "%s: %s", what, sqlite3_errmsg(s->db));
    return GH_EIO;
}

const char *storeError(const store *s) { return s->err; }

static sqlite3_stmt *storeSt(store *s, storeStmt k) {
    assert(storeSql[k]);
    if (!s->st[k] && sqlite3_prepare_v3(s->db, storeSql[k], -1, SQLITE_PREPARE_PERSISTENT, &s->st[k], NULL) != SQLITE_OK) {
        storeFail(s, "prepare");
        return NULL;
    }
    sqlite3_reset(s->st[k]);
    sqlite3_clear_bindings(s->st[k]);
    return s->st[k];
}

static void bindText(sqlite3_stmt *st, int i, const char *v) {
    if (v) sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static void bindDate(sqlite3_stmt *st, int i, civilDate d) {
    if (d == DATE_NONE) {
        sqlite3_bind_null(st, i);
        return;
    }
    char buf[DATE_STRLEN];
    dateFormat(buf, d);
    sqlite3_bind_text(st, i, buf, 10, SQLITE_TRANSIENT);
}

/* Runs a statement that returns no rows; adds sqlite3_changes() to *changed. */
static int storeDone(store *s, sqlite3_stmt *st, int *changed, const char *what) {
    if (!st) return GH_EIO;
    if (sqlite3_step(st) != SQLITE_DONE) return storeFail(s, what);
    if (changed) *changed += sqlite3_changes(s->db);
    return 0;
}

static int storeExec(store *s, const char *sql) {
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return GH_EIO;
    }
    return 0;
}

static civilDate colDate(sqlite3_stmt *st, int i) {
    civilDate d = DATE_NONE;
    const char *t = (const char *)sqlite3_column_text(st, i);
    if (t) dateParse(&d, t, strlen(t));
    return d;
}

static const char *const storeStatusCodes[] = {"registered", "revoked", "cancelled", "withdrawn"};
static const char *const storeListCodes[] = {"abnormal", "serious_illegal", "tax_abnormal", "suspension",
                                             "dishonest_debtor"};
static const char *const storeHolderCodes[] = {"business", "operator"};
static const char *const storePenaltyCodes[] = {"warning", "fine", "confiscation", "licence", "restriction",
                                                "detention"};

static int storeCode(const char *const *codes, int n, const char *t) {
    for (int i = 0; t && i < n; i++)
        if (strcmp(codes[i], t) == 0) return i;
    return 0;
}

/* ---- opening and migrating ---- */

static int storeMigrate(store *s) {
    int version = 0;
    if (storeSchemaVersion(s, &version)) return GH_EIO;
    const int latest = (int)(sizeof storeMigrations / sizeof storeMigrations[0]);
    static_assert(sizeof storeMigrations / sizeof storeMigrations[0] == STORE_SCHEMA_VERSION, "one migration per version");
    if (version > latest) {
        snprintf(s->err, sizeof s->err, "数据库结构版本 %d 比本程序新（%d），请升级 getihu (database is newer than this program)",
                 version, latest);
        return GH_EINVAL;
    }
    if (version == latest) return 0;
    if (storeExec(s, "BEGIN IMMEDIATE")) return GH_EIO;
    for (int v = version; v < latest; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
        if (storeExec(s, storeMigrations[v]) || storeExec(s, pragma)) {
            char keep[512];
            memcpy(keep, s->err, sizeof keep);
            storeExec(s, "ROLLBACK");
            snprintf(s->err, sizeof s->err, "迁移到结构版本 %d 失败 (migration failed): %.400s", v + 1, keep);
            return GH_EIO;
        }
    }
    return storeExec(s, "COMMIT");
}

int storeOpen(store **out, const char *path, char *err, size_t errsize) {
    *out = NULL;
    store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errsize, "内存不足 (out of memory)");
        return GH_ENOMEM;
    }
    arenaInit(&s->scratch, 16 * 1024, 0);
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "%s: 无法打开数据库 (cannot open database): %s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory");
        storeClose(s);
        return GH_EIO;
    }
    sqlite3_busy_timeout(s->db, 5000);
    /* WAL: readers do not block the writer; NORMAL is durable across application
     * crashes (a power cut can lose the last transactions, never corrupt). */
    if (storeExec(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                     "PRAGMA cache_size=-16384; PRAGMA mmap_size=0;") ||
        storeMigrate(s)) {
        snprintf(err, errsize, "%s: %s", path, s->err);
        storeClose(s);
        return GH_EIO;
    }
    *out = s;
    return 0;
}

void storeClose(store *s) {
    if (!s) return;
    for (int i = 0; i < ST__COUNT; i++) sqlite3_finalize(s->st[i]);
    if (s->db) sqlite3_close(s->db);
    arenaFree(&s->scratch);
    free(s);
}

int storeSchemaVersion(store *s, int *version) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return storeFail(s, "user_version");
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}

int storeCheck(store *s, char *result, size_t n) {
    sqlite3_stmt *st;
    snprintf(result, n, "ok");
    if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK) return storeFail(s, "integrity_check");
    if (sqlite3_step(st) == SQLITE_ROW) snprintf(result, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (strcmp(result, "ok") != 0) return 0;
    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) return storeFail(s, "foreign_key_check");
    if (sqlite3_step(st) == SQLITE_ROW)
        snprintf(result, n, "foreign key violation in %s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return 0;
}

void storeIdle(store *s) {
    for (int i = 0; i < ST__COUNT; i++)
        if (s->st[i]) sqlite3_reset(s->st[i]);
    if (!sqlite3_get_autocommit(s->db)) (void)storeExec(s, "ROLLBACK"); /* a request left one open */
}

/* Prepared, unlike storeBegin: the public look-up runs this on every request. */
static int storeStepOnce(store *s, storeStmt k) {
    sqlite3_stmt *st = storeSt(s, k);
    if (!st) return GH_EIO;
    const int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? 0 : storeFail(s, storeSql[k]);
}

int storeReadBegin(store *s) { return storeStepOnce(s, ST_READ_BEGIN); }
int storeReadEnd(store *s) {
    for (int i = 0; i < ST__COUNT; i++)
        if (s->st[i] && i != ST_READ_END) sqlite3_reset(s->st[i]);
    return sqlite3_get_autocommit(s->db) ? 0 : storeStepOnce(s, ST_READ_END);
}

int storeBegin(store *s) {
    s->exists_uscc[0] = s->touch_uscc[0] = '\0';
    return storeExec(s, "BEGIN IMMEDIATE");
}
int storeCommit(store *s) { return storeExec(s, "COMMIT"); }
int storeRollback(store *s) {
    s->exists_uscc[0] = s->touch_uscc[0] = '\0';
    return sqlite3_get_autocommit(s->db) ? 0 : storeExec(s, "ROLLBACK");
}

/* ---- imports ---- */

int storeImportCreate(store *s, const storeImport *info, int64_t *id) {
    sqlite3_stmt *st = storeSt(s, ST_IMPORT_CREATE);
    if (!st) return GH_EIO;
    bindText(st, 1, info->kind);
    bindText(st, 2, info->file_name);
    bindText(st, 3, info->sha256);
    bindText(st, 4, info->encoding);
    bindText(st, 5, info->actor);
    int rc = storeDone(s, st, NULL, "import");
    if (!rc) *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int storeImportFinish(store *s, int64_t id, const storeImport *c) {
    sqlite3_stmt *st = storeSt(s, ST_IMPORT_FINISH);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    bindText(st, 2, c->status);
    sqlite3_bind_int64(st, 3, c->rows_read);
    sqlite3_bind_int64(st, 4, c->rows_ok);
    sqlite3_bind_int64(st, 5, c->rows_bad);
    sqlite3_bind_int64(st, 6, c->rows_changed);
    bindText(st, 7, c->encoding);
    return storeDone(s, st, NULL, "import");
}

/* Records that import_id changed something of uscc (once per business and import). */
static int storeTouch(store *s, const char *uscc, int64_t import_id) {
    if (s->touch_import == import_id && strcmp(s->touch_uscc, uscc) == 0) return 0;
    sqlite3_stmt *st = storeSt(s, ST_TOUCH);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    sqlite3_bind_int64(st, 2, import_id);
    int rc = storeDone(s, st, NULL, "touch");
    if (!rc) {
        memcpy(s->touch_uscc, uscc, sizeof s->touch_uscc);
        s->touch_import = import_id;
    }
    return rc;
}

static int storeExists(store *s, const char *uscc) {
    if (strcmp(s->exists_uscc, uscc) == 0) return 1;
    sqlite3_stmt *st = storeSt(s, ST_BIZ_EXISTS);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memcpy(s->exists_uscc, uscc, sizeof s->exists_uscc);
        return 1;
    }
    return rc == SQLITE_DONE ? 0 : storeFail(s, "exists");
}

static int storeBusinessUpsert(store *s, const char *uscc, const char *name, const char *opname, const char *opid,
                               civilDate est, bizStatus status, bool seasonal, const char *town,
                               const char *industry, const char *address, const char *legacy, int64_t imp,
                               int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_BIZ_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindText(st, 2, name);
    bindText(st, 3, opname);
    bindText(st, 4, opid);
    bindDate(st, 5, est);
    bindText(st, 6, storeStatusCodes[status]);
    sqlite3_bind_int(st, 7, seasonal);
    bindText(st, 8, town);
    bindText(st, 9, industry);
    bindText(st, 10, address);
    bindText(st, 11, legacy && legacy[0] ? legacy : NULL);
    sqlite3_bind_int64(st, 12, imp);
    return storeDone(s, st, changed, "businesses");
}

static int storeReport(store *s, const char *uscc, int year, civilDate filed, bool has_rev, money rev, int emp,
                       int64_t imp, int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_AR_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    sqlite3_bind_int(st, 2, year);
    bindDate(st, 3, filed);
    if (has_rev) sqlite3_bind_int64(st, 4, rev);
    if (emp >= 0) sqlite3_bind_int(st, 5, emp);
    sqlite3_bind_int64(st, 6, imp);
    return storeDone(s, st, changed, "annual_reports");
}

static int storeYearValue(store *s, storeStmt k, const char *uscc, int year, int64_t value, int64_t imp,
                          int *changed) {
    sqlite3_stmt *st = storeSt(s, k);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    sqlite3_bind_int(st, 2, year);
    sqlite3_bind_int64(st, 3, value);
    sqlite3_bind_int64(st, 4, imp);
    return storeDone(s, st, changed, k == ST_TP_UPSERT ? "tax_paid" : "insured");
}

static int storeInterval(store *s, const char *uscc, listKind list, civilDate from, civilDate to, int64_t imp,
                         int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_IV_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindText(st, 2, storeListCodes[list]);
    bindDate(st, 3, from);
    bindDate(st, 4, to);
    sqlite3_bind_int64(st, 5, imp);
    return storeDone(s, st, changed, "intervals");
}

static int storeTrademark(store *s, const char *uscc, const char *reg_no, ipHolder h, bool in_use, int64_t imp,
                          int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_TM_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindText(st, 2, reg_no);
    bindText(st, 3, storeHolderCodes[h]);
    sqlite3_bind_int(st, 4, in_use);
    sqlite3_bind_int64(st, 5, imp);
    return storeDone(s, st, changed, "trademarks");
}

static int storePatent(store *s, const char *uscc, const char *number, ipHolder h, int64_t imp, int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_PT_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindText(st, 2, number);
    bindText(st, 3, storeHolderCodes[h]);
    sqlite3_bind_int64(st, 4, imp);
    return storeDone(s, st, changed, "patents");
}

static int storePenalty(store *s, const char *uscc, const dPenalty *p, int64_t imp, int *changed) {
    sqlite3_stmt *st = storeSt(s, ST_PE_UPSERT);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindDate(st, 2, p->decided_on);
    bindText(st, 3, storePenaltyCodes[p->kind]);
    sqlite3_bind_int(st, 4, p->publicized);
    bindDate(st, 5, p->repaired_on);
    sqlite3_bind_int64(st, 6, imp);
    return storeDone(s, st, changed, "penalties");
}

/* Deletes the rows of one table for uscc whose key is not in keys (a JSON array). */
static int storePrune(store *s, storeStmt k, const char *uscc, const char *keys, int *changed) {
    sqlite3_stmt *st = storeSt(s, k);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    bindText(st, 2, keys);
    return storeDone(s, st, changed, "prune");
}

/* JSON array builder for the prune keys; strings in the store never hold '"' in
 * keys we build (dates, codes, years), and reg/patent numbers are escaped. */
typedef struct storeKeys { char *buf; size_t len, cap; int n; bool failed; } storeKeys;

static void keysAdd(storeKeys *k, const char *a, const char *b) {
    char tmp[512];
    int m = b ? snprintf(tmp, sizeof tmp, "%s/%s", a, b) : snprintf(tmp, sizeof tmp, "%s", a);
    if (m < 0 || (size_t)m >= sizeof tmp) { k->failed = true; return; }
    const size_t need = k->len + 2 * (size_t)m + 8;
    if (need > k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 256;
        while (cap < need) cap *= 2;
        char *p = realloc(k->buf, cap);
        if (!p) { k->failed = true; return; }
        k->buf = p;
        k->cap = cap;
    }
    k->buf[k->len++] = k->n++ ? ',' : '[';
    k->buf[k->len++] = '"';
    for (int i = 0; i < m; i++) {
        if (tmp[i] == '"' || tmp[i] == '\\') k->buf[k->len++] = '\\';
        k->buf[k->len++] = tmp[i];
    }
    k->buf[k->len++] = '"';
    k->buf[k->len] = '\0';
}

static const char *keysDone(storeKeys *k) {
    if (k->failed) return NULL;
    if (!k->n) return "[]";
    k->buf[k->len++] = ']';
    k->buf[k->len] = '\0';
    return k->buf;
}

static void keysReset(storeKeys *k) { k->len = 0, k->n = 0; }

static int storeDossierChildren(store *s, const dossier *d, int64_t imp, bool existed, int *changed) {
    const char *u = d->uscc;
    storeKeys k = {0};
    char year[16], date[DATE_STRLEN];
    int rc = 0;
    for (size_t i = 0; i < d->n_annual_reports && !rc; i++) {
        const dAnnualReport *ar = &d->annual_reports[i];
        rc = storeReport(s, u, ar->year, ar->filed_on, ar->has_revenue, ar->revenue, ar->employees, imp, changed);
        snprintf(year, sizeof year, "%d", ar->year);
        keysAdd(&k, year, NULL);
    }
    if (!rc && existed) rc = k.failed ? GH_ENOMEM : storePrune(s, ST_AR_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    for (size_t i = 0; i < d->n_tax_paid && !rc; i++) {
        rc = storeYearValue(s, ST_TP_UPSERT, u, d->tax_paid[i].year, d->tax_paid[i].amount, imp, changed);
        snprintf(year, sizeof year, "%d", d->tax_paid[i].year);
        keysAdd(&k, year, NULL);
    }
    if (!rc && existed) rc = storePrune(s, ST_TP_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    for (size_t i = 0; i < d->n_insured && !rc; i++) {
        rc = storeYearValue(s, ST_IN_UPSERT, u, d->insured[i].year, d->insured[i].count, imp, changed);
        snprintf(year, sizeof year, "%d", d->insured[i].year);
        keysAdd(&k, year, NULL);
    }
    if (!rc && existed) rc = storePrune(s, ST_IN_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    const dIntervals lists[LIST__COUNT] = {d->abnormal_list, d->serious_illegal_list, d->tax_abnormal,
                                           d->suspensions, d->dishonest_debtor};
    for (int l = 0; l < LIST__COUNT && !rc; l++)
        for (size_t i = 0; i < lists[l].n && !rc; i++) {
            rc = storeInterval(s, u, (listKind)l, lists[l].v[i].from, lists[l].v[i].to, imp, changed);
            dateFormat(date, lists[l].v[i].from);
            keysAdd(&k, storeListCodes[l], date);
        }
    if (!rc && existed) rc = storePrune(s, ST_IV_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    for (size_t i = 0; i < d->n_trademarks && !rc; i++) {
        rc = storeTrademark(s, u, d->trademarks[i].reg_no, d->trademarks[i].holder, d->trademarks[i].in_use, imp, changed);
        keysAdd(&k, d->trademarks[i].reg_no, NULL);
    }
    if (!rc && existed) rc = storePrune(s, ST_TM_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    for (size_t i = 0; i < d->n_patents && !rc; i++) {
        rc = storePatent(s, u, d->patents[i].number, d->patents[i].holder, imp, changed);
        keysAdd(&k, d->patents[i].number, NULL);
    }
    if (!rc && existed) rc = storePrune(s, ST_PT_PRUNE, u, keysDone(&k), changed);
    keysReset(&k);
    for (size_t i = 0; i < d->n_penalties && !rc; i++) {
        rc = storePenalty(s, u, &d->penalties[i], imp, changed);
        dateFormat(date, d->penalties[i].decided_on);
        keysAdd(&k, date, storePenaltyCodes[d->penalties[i].kind]);
    }
    if (!rc && existed) rc = storePrune(s, ST_PE_PRUNE, u, keysDone(&k), changed);
    if (!rc && k.failed) rc = GH_ENOMEM;
    free(k.buf);
    return rc;
}

int storeApplyDossier(store *s, const dossier *d, int64_t imp, int *changed) {
    *changed = 0;
    const int existed = storeExists(s, d->uscc);
    if (existed < 0) return existed;
    int rc = storeBusinessUpsert(s, d->uscc, d->name, d->operator_name, d->operator_id, d->established, d->status,
                                 d->seasonal, d->town, d->industry, d->address, d->legacy_reg_no, imp, changed);
    if (!rc) {
        sqlite3_stmt *st = storeSt(s, ST_BIZ_EXTRA);
        if (!st) return GH_EIO;
        bindText(st, 1, d->uscc);
        sqlite3_bind_int(st, 2, d->tax_registered);
        sqlite3_bind_int(st, 3, d->general_taxpayer);
        sqlite3_bind_int(st, 4, (int)d->operator_groups);
        rc = storeDone(s, st, changed, "businesses");
    }
    if (!rc) rc = storeDossierChildren(s, d, imp, existed == 1, changed);
    if (!rc && *changed) rc = storeTouch(s, d->uscc, imp);
    return rc;
}

static int storeFlag(store *s, storeStmt k, const char *uscc, int value, int64_t imp, int *changed) {
    sqlite3_stmt *st = storeSt(s, k);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    sqlite3_bind_int(st, 2, value);
    sqlite3_bind_int64(st, 3, imp);
    return storeDone(s, st, changed, "businesses");
}

int storeApplyRow(store *s, extractKind kind, const extractRow *r, int64_t imp, int *changed) {
    *changed = 0;
    const char *u = r->uscc;
    if (kind != EXTRACT_REGISTRATION) {
        const int e = storeExists(s, u);
        if (e < 0) return e;
        if (e == 0) {
            snprintf(s->err, sizeof s->err, "名录中没有该个体工商户，请先导入登记信息 (unknown business: import registration first)");
            return GH_ENOTFOUND;
        }
    }
    int rc = 0;
    switch (kind) {
    case EXTRACT_REGISTRATION:
        rc = storeBusinessUpsert(s, u, r->name, r->operator_name, r->operator_id, r->established, r->status,
                                 r->seasonal, r->town, r->industry, r->address, r->legacy_reg_no, imp, changed);
        if (!rc) memcpy(s->exists_uscc, u, sizeof s->exists_uscc);
        break;
    case EXTRACT_ANNUAL_REPORTS:
        rc = storeReport(s, u, r->year, r->filed_on, r->has_revenue, r->revenue, r->employees, imp, changed);
        break;
    case EXTRACT_TAX:
        if (r->has_tax_registered) rc = storeFlag(s, ST_BIZ_TAXREG, u, r->tax_registered, imp, changed);
        if (!rc && r->has_general_taxpayer) rc = storeFlag(s, ST_BIZ_GENTAX, u, r->general_taxpayer, imp, changed);
        if (!rc && r->has_tax_paid) rc = storeYearValue(s, ST_TP_UPSERT, u, r->year, r->tax_paid, imp, changed);
        if (!rc && r->has_interval) rc = storeInterval(s, u, LIST_TAX_ABNORMAL, r->from, r->to, imp, changed);
        break;
    case EXTRACT_INSURANCE: rc = storeYearValue(s, ST_IN_UPSERT, u, r->year, r->count, imp, changed); break;
    case EXTRACT_TRADEMARKS: rc = storeTrademark(s, u, r->reg_no, r->holder, r->in_use, imp, changed); break;
    case EXTRACT_PATENTS: rc = storePatent(s, u, r->patent_no, r->holder, imp, changed); break;
    case EXTRACT_PENALTIES: {
        const dPenalty p = {r->decided_on, r->penalty, r->publicized, r->repaired_on};
        rc = storePenalty(s, u, &p, imp, changed);
        break;
    }
    case EXTRACT_OPERATOR_GROUPS: rc = storeFlag(s, ST_BIZ_GROUP, u, (int)r->group, imp, changed); break;
    case EXTRACT_ABNORMAL_LIST: case EXTRACT_SERIOUS_ILLEGAL: case EXTRACT_SUSPENSIONS:
    case EXTRACT_DISHONEST_DEBTORS:
        rc = storeInterval(s, u, r->list, r->from, r->to, imp, changed);
        break;
    default:
        snprintf(s->err, sizeof s->err, "kind %d is not a CSV kind", (int)kind);
        return GH_EINVAL;
    }
    if (!rc && *changed) rc = storeTouch(s, u, imp);
    return rc;
}

/* ---- reading dossiers ---- */

typedef struct storeCursor {
    sqlite3_stmt *st;
    int rc; /* SQLITE_ROW while positioned on a row */
} storeCursor;

static int storeCursorsOpen(store *s, storeCursor *c, const char *uscc) {
    char sql[512];
    for (int i = 0; i < RD__COUNT; i++) {
        snprintf(sql, sizeof sql, "%s%s%s", storeReadSql[i], uscc ? " WHERE uscc=?1" : "", storeReadOrder[i]);
        c[i].st = NULL;
        if (sqlite3_prepare_v2(s->db, sql, -1, &c[i].st, NULL) != SQLITE_OK) return storeFail(s, "read");
        if (uscc) bindText(c[i].st, 1, uscc);
        c[i].rc = sqlite3_step(c[i].st);
        if (c[i].rc != SQLITE_ROW && c[i].rc != SQLITE_DONE) return storeFail(s, "read");
    }
    return 0;
}

static void storeCursorsClose(storeCursor *c) {
    for (int i = 0; i < RD__COUNT; i++) sqlite3_finalize(c[i].st);
}

/* True while cursor c is on a row of business uscc (rows of businesses that sort
 * before it cannot exist: every child row references a business). */
static bool storeOn(storeCursor *c, const char *uscc) {
    return c->rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(c->st, 0), uscc) == 0;
}

static int storeAdvance(store *s, storeCursor *c) {
    c->rc = sqlite3_step(c->st);
    return c->rc == SQLITE_ROW || c->rc == SQLITE_DONE ? 0 : storeFail(s, "read");
}

static char *storeDup(arena *a, sqlite3_stmt *st, int i) {
    const char *t = (const char *)sqlite3_column_text(st, i);
    return t ? arenaStrndup(a, t, (size_t)sqlite3_column_bytes(st, i)) : NULL;
}

/* Grows an arena array by one element (arrays of one business are short). */
static void *storePush(arena *a, void **arr, size_t *n, size_t *cap, size_t elem) {
    if (*n == *cap) {
        const size_t ncap = *cap ? *cap * 2 : 4;
        void *p = arenaAlloc(a, ncap * elem);
        if (!p) return NULL;
        if (*n) memcpy(p, *arr, *n * elem);
        *arr = p;
        *cap = ncap;
    }
    return (char *)*arr + (*n)++ * elem;
}

#define PUSH(a, arr, n, cap) storePush((a), (void **)&(arr), &(n), &(cap), sizeof *(arr))

/* Fills d from the business row under c[RD_BIZ] and the child rows of the same
 * business under the other cursors, advancing them. */
static int storeAssemble(store *s, storeCursor *c, arena *a, dossier *d) {
    sqlite3_stmt *b = c[RD_BIZ].st;
    dossierInit(d);
    const char *u = (const char *)sqlite3_column_text(b, 0);
    snprintf(d->uscc, sizeof d->uscc, "%s", u);
    d->name = storeDup(a, b, 1);
    d->operator_name = storeDup(a, b, 2);
    d->operator_id = storeDup(a, b, 3);
    d->established = colDate(b, 4);
    d->status = (bizStatus)storeCode(storeStatusCodes, 4, (const char *)sqlite3_column_text(b, 5));
    d->seasonal = sqlite3_column_int(b, 6);
    d->town = storeDup(a, b, 7);
    d->industry = storeDup(a, b, 8);
    d->address = storeDup(a, b, 9);
    const char *legacy = (const char *)sqlite3_column_text(b, 10);
    if (legacy) snprintf(d->legacy_reg_no, sizeof d->legacy_reg_no, "%s", legacy);
    d->tax_registered = sqlite3_column_int(b, 11);
    d->general_taxpayer = sqlite3_column_int(b, 12);
    d->operator_groups = (unsigned)sqlite3_column_int(b, 13);
    size_t cap = 0;
    dAnnualReport *ar = NULL;
    for (; storeOn(&c[RD_AR], d->uscc); storeAdvance(s, &c[RD_AR])) {
        sqlite3_stmt *st = c[RD_AR].st;
        dAnnualReport *x = PUSH(a, ar, d->n_annual_reports, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(st, 1);
        x->filed_on = colDate(st, 2);
        x->has_revenue = sqlite3_column_type(st, 3) != SQLITE_NULL;
        x->revenue = sqlite3_column_int64(st, 3);
        x->employees = sqlite3_column_type(st, 4) != SQLITE_NULL ? sqlite3_column_int(st, 4) : -1;
    }
    d->annual_reports = ar;
    dTaxPaid *tp = NULL;
    for (cap = 0; storeOn(&c[RD_TP], d->uscc); storeAdvance(s, &c[RD_TP])) {
        dTaxPaid *x = PUSH(a, tp, d->n_tax_paid, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(c[RD_TP].st, 1);
        x->amount = sqlite3_column_int64(c[RD_TP].st, 2);
    }
    d->tax_paid = tp;
    dInsured *in = NULL;
    for (cap = 0; storeOn(&c[RD_IN], d->uscc); storeAdvance(s, &c[RD_IN])) {
        dInsured *x = PUSH(a, in, d->n_insured, cap);
        if (!x) return GH_ENOMEM;
        x->year = sqlite3_column_int(c[RD_IN].st, 1);
        x->count = sqlite3_column_int(c[RD_IN].st, 2);
    }
    d->insured = in;
    dInterval *iv[LIST__COUNT] = {NULL};
    size_t ivn[LIST__COUNT] = {0}, ivcap[LIST__COUNT] = {0};
    for (; storeOn(&c[RD_IV], d->uscc); storeAdvance(s, &c[RD_IV])) {
        sqlite3_stmt *st = c[RD_IV].st;
        const int l = storeCode(storeListCodes, LIST__COUNT, (const char *)sqlite3_column_text(st, 1));
        dInterval *x = PUSH(a, iv[l], ivn[l], ivcap[l]);
        if (!x) return GH_ENOMEM;
        x->from = colDate(st, 2);
        x->to = colDate(st, 3);
    }
    d->abnormal_list = (dIntervals){iv[LIST_ABNORMAL], ivn[LIST_ABNORMAL]};
    d->serious_illegal_list = (dIntervals){iv[LIST_SERIOUS_ILLEGAL], ivn[LIST_SERIOUS_ILLEGAL]};
    d->tax_abnormal = (dIntervals){iv[LIST_TAX_ABNORMAL], ivn[LIST_TAX_ABNORMAL]};
    d->suspensions = (dIntervals){iv[LIST_SUSPENSION], ivn[LIST_SUSPENSION]};
    d->dishonest_debtor = (dIntervals){iv[LIST_DISHONEST_DEBTOR], ivn[LIST_DISHONEST_DEBTOR]};
    dTrademark *tm = NULL;
    for (cap = 0; storeOn(&c[RD_TM], d->uscc); storeAdvance(s, &c[RD_TM])) {
        sqlite3_stmt *st = c[RD_TM].st;
        dTrademark *x = PUSH(a, tm, d->n_trademarks, cap);
        if (!x) return GH_ENOMEM;
        x->reg_no = storeDup(a, st, 1);
        x->holder = (ipHolder)storeCode(storeHolderCodes, 2, (const char *)sqlite3_column_text(st, 2));
        x->in_use = sqlite3_column_int(st, 3);
    }
    d->trademarks = tm;
    dPatent *pt = NULL;
    for (cap = 0; storeOn(&c[RD_PT], d->uscc); storeAdvance(s, &c[RD_PT])) {
        sqlite3_stmt *st = c[RD_PT].st;
        dPatent *x = PUSH(a, pt, d->n_patents, cap);
        if (!x) return GH_ENOMEM;
        x->number = storeDup(a, st, 1);
        x->holder = (ipHolder)storeCode(storeHolderCodes, 2, (const char *)sqlite3_column_text(st, 2));
    }
    d->patents = pt;
    dPenalty *pe = NULL;
    for (cap = 0; storeOn(&c[RD_PE], d->uscc); storeAdvance(s, &c[RD_PE])) {
        sqlite3_stmt *st = c[RD_PE].st;
        dPenalty *x = PUSH(a, pe, d->n_penalties, cap);
        if (!x) return GH_ENOMEM;
        x->decided_on = colDate(st, 1);
        x->kind = (penaltyKind)storeCode(storePenaltyCodes, 6, (const char *)sqlite3_column_text(st, 2));
        x->publicized = sqlite3_column_int(st, 3);
        x->repaired_on = colDate(st, 4);
    }
    d->penalties = pe;
    return 0;
}

int storeEachDossier(store *s, storeDossierFn fn, void *ctx) {
    storeCursor c[RD__COUNT];
    int rc = storeCursorsOpen(s, c, NULL);
    while (!rc && c[RD_BIZ].rc == SQLITE_ROW) {
        dossier d;
        arenaReset(&s->scratch);
        rc = storeAssemble(s, c, &s->scratch, &d);
        if (!rc) rc = fn(ctx, &d);
        if (!rc) rc = storeAdvance(s, &c[RD_BIZ]);
    }
    storeCursorsClose(c);
    return rc;
}

int storeLoadDossier(store *s, const char *uscc, arena *a, dossier *out) {
    storeCursor c[RD__COUNT];
    int rc = storeCursorsOpen(s, c, uscc);
    if (!rc && c[RD_BIZ].rc != SQLITE_ROW) rc = GH_ENOTFOUND;
    if (!rc) rc = storeAssemble(s, c, a, out);
    storeCursorsClose(c);
    return rc;
}

/* ---- runs and results ---- */

int storeRunCreate(store *s, const storeRun *info, int64_t *id) {
    sqlite3_stmt *st = storeSt(s, ST_RUN_CREATE);
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, info->year);
    bindText(st, 2, info->params_json);
    bindText(st, 3, info->params_sha256);
    sqlite3_bind_int(st, 4, info->provisional);
    bindText(st, 5, info->program_version);
    bindText(st, 6, info->actor);
    int rc = storeDone(s, st, NULL, "runs");
    if (!rc) *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

int storeRunFinish(store *s, int64_t id, int64_t population, const int64_t by_type[4]) {
    sqlite3_stmt *st = storeSt(s, ST_RUN_FINISH);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, population);
    for (int t = 0; t < 4; t++) sqlite3_bind_int64(st, 3 + t, by_type[t]);
    return storeDone(s, st, NULL, "runs");
}

static void storeRunRow(sqlite3_stmt *st, storeRun *r) {
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->year = sqlite3_column_int(st, 1);
    r->params_json = (const char *)sqlite3_column_text(st, 2);
    r->params_sha256 = (const char *)sqlite3_column_text(st, 3);
    r->provisional = sqlite3_column_int(st, 4);
    r->program_version = (const char *)sqlite3_column_text(st, 5);
    r->actor = (const char *)sqlite3_column_text(st, 6);
    r->started_at = (const char *)sqlite3_column_text(st, 7);
    r->finished_at = (const char *)sqlite3_column_text(st, 8);
    r->status = (const char *)sqlite3_column_text(st, 9);
    r->population = sqlite3_column_int64(st, 10);
    for (int t = 0; t < 4; t++) r->by_type[t] = sqlite3_column_int64(st, 11 + t);
    r->published = sqlite3_column_int(st, 15);
}

int storeRunGet(store *s, int64_t id, storeRun *out) {
    sqlite3_stmt *st = storeSt(s, ST_RUN_GET);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        snprintf(s->err, sizeof s->err, "没有第 %lld 次分型 (no run %lld)", (long long)id, (long long)id);
        return GH_ENOTFOUND;
    }
    if (rc != SQLITE_ROW) return storeFail(s, "runs");
    storeRunRow(st, out);
    return 0;
}

int storeEachRun(store *s, int year, storeRunFn fn, void *ctx) {
    sqlite3_stmt *st = storeSt(s, ST_RUN_EACH);
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeRun r;
        storeRunRow(st, &r);
        k = fn(ctx, &r);
    }
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "runs");
}

int storePublishedRun(store *s, int year, int64_t *id) {
    sqlite3_stmt *st = storeSt(s, ST_PUBLISHED);
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        return 0;
    }
    if (rc == SQLITE_DONE) {
        snprintf(s->err, sizeof s->err, "%d 年度尚未公布分型结果 (no published run for %d)", year, year);
        return GH_ENOTFOUND;
    }
    return storeFail(s, "publications");
}

int storePublish(store *s, int64_t id, const char *actor, int *year) {
    storeRun r;
    int rc = storeRunGet(s, id, &r);
    if (rc) return rc;
    if (strcmp(r.status, "done") != 0) {
        snprintf(s->err, sizeof s->err, "第 %lld 次分型未完成，不能公布 (run not finished)", (long long)id);
        return GH_EINVAL;
    }
    *year = r.year;
    const bool own = sqlite3_get_autocommit(s->db); /* joins the caller's transaction when one is open */
    if (own && (rc = storeBegin(s))) return rc;
    for (int k = 0; k < 2 && !rc; k++) {
        sqlite3_stmt *st = storeSt(s, k ? ST_PUBLISH_LOG : ST_PUBLISH);
        if (!st) { rc = GH_EIO; break; }
        sqlite3_bind_int(st, 1, *year);
        sqlite3_bind_int64(st, 2, id);
        bindText(st, 3, actor);
        rc = storeDone(s, st, NULL, "publications");
    }
    if (rc) {
        if (own) storeRollback(s);
        return rc;
    }
    return own ? storeCommit(s) : 0;
}

int storeResultAdd(store *s, int64_t run_id, const char *uscc, bizType type, const char *reasons, size_t n) {
    sqlite3_stmt *st = storeSt(s, ST_RESULT_ADD);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    bindText(st, 2, uscc);
    bindText(st, 3, typingTypeCode(type));
    sqlite3_bind_text(st, 4, reasons, (int)n, SQLITE_STATIC);
    return storeDone(s, st, NULL, "results");
}

static int storeResults(store *s, sqlite3_stmt *st, storeResultFn fn, void *ctx) {
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeResult r;
        r.uscc = (const char *)sqlite3_column_text(st, 0);
        r.name = (const char *)sqlite3_column_text(st, 1);
        r.town = (const char *)sqlite3_column_text(st, 2);
        r.industry = (const char *)sqlite3_column_text(st, 3);
        bizType t = TYPE_INELIGIBLE;
        typingTypeParse(&t, (const char *)sqlite3_column_text(st, 4));
        r.type = t;
        r.reasons = (const char *)sqlite3_column_text(st, 5);
        r.reasons_len = (size_t)sqlite3_column_bytes(st, 5);
        r.year = sqlite3_column_int(st, 6);
        r.run_id = sqlite3_column_int64(st, 7);
        r.published = sqlite3_column_int(st, 8);
        k = fn(ctx, &r);
    }
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "results");
}

int storeEachResult(store *s, int64_t run_id, storeResultFn fn, void *ctx) {
    sqlite3_stmt *st = storeSt(s, ST_RESULT_EACH);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    return storeResults(s, st, fn, ctx);
}

int storeEachResultOf(store *s, const char *uscc, storeResultFn fn, void *ctx) {
    sqlite3_stmt *st = storeSt(s, ST_RESULT_OF);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    return storeResults(s, st, fn, ctx);
}

/* ---- look-up ---- */

int storeFind(store *s, const char *q, int limit, storeHitFn fn, void *ctx) {
    const size_t n = strlen(q);
    sqlite3_stmt *st = storeSt(s, usccValidate(q, n) == 0 ? ST_FIND_USCC : regnoValidate(q, n) == 0 ? ST_FIND_REGNO
                                                                                                  : ST_FIND_NAME);
    if (!st) return GH_EIO;
    bindText(st, 1, q);
    sqlite3_bind_int(st, 2, limit);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeHit h = {(const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
                            (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
                            (const char *)sqlite3_column_text(st, 5),
                            (bizStatus)storeCode(storeStatusCodes, 4, (const char *)sqlite3_column_text(st, 4))};
        k = fn(ctx, &h);
    }
    sqlite3_reset(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "find");
}

static int storeImports(store *s, sqlite3_stmt *st, storeImportFn fn, void *ctx) {
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeImport i;
        i.id = sqlite3_column_int64(st, 0);
        i.kind = (const char *)sqlite3_column_text(st, 1);
        i.file_name = (const char *)sqlite3_column_text(st, 2);
        i.sha256 = (const char *)sqlite3_column_text(st, 3);
        i.encoding = (const char *)sqlite3_column_text(st, 4);
        i.actor = (const char *)sqlite3_column_text(st, 5);
        i.status = (const char *)sqlite3_column_text(st, 6);
        i.started_at = (const char *)sqlite3_column_text(st, 7);
        i.finished_at = (const char *)sqlite3_column_text(st, 8);
        i.rows_read = sqlite3_column_int64(st, 9);
        i.rows_ok = sqlite3_column_int64(st, 10);
        i.rows_bad = sqlite3_column_int64(st, 11);
        i.rows_changed = sqlite3_column_int64(st, 12);
        k = fn(ctx, &i);
    }
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "imports");
}

int storeEachImportOf(store *s, const char *uscc, storeImportFn fn, void *ctx) {
    sqlite3_stmt *st = storeSt(s, ST_IMPORTS_OF);
    if (!st) return GH_EIO;
    bindText(st, 1, uscc);
    return storeImports(s, st, fn, ctx);
}

int storeEachImport(store *s, int limit, storeImportFn fn, void *ctx) {
    sqlite3_stmt *st = storeSt(s, ST_IMPORTS);
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, limit);
    return storeImports(s, st, fn, ctx);
}

/* ---- statistics ---- */

int storeCountBy(store *s, int64_t run_id, const char *dimension, storeCountFn fn, void *ctx) {
    const char *key = !dimension ? "NULL"
                    : strcmp(dimension, "town") == 0 ? "b.town"
                    : strcmp(dimension, "section") == 0 ? "substr(b.industry,1,1)" : NULL;
    if (!key) {
        snprintf(s->err, sizeof s->err, "unknown dimension %s", dimension);
        return GH_EINVAL;
    }
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT %s AS k, r.type, count(*) FROM results r LEFT JOIN businesses b ON b.uscc=r.uscc "
             "WHERE r.run_id=?1 GROUP BY k, r.type ORDER BY k, r.type", key);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return storeFail(s, "stats");
    sqlite3_bind_int64(st, 1, run_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        bizType t = TYPE_INELIGIBLE;
        typingTypeParse(&t, (const char *)sqlite3_column_text(st, 1));
        k = fn(ctx, (const char *)sqlite3_column_text(st, 0), t, sqlite3_column_int64(st, 2));
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "stats");
}

int storeTransitions(store *s, int64_t from_run, int64_t to_run, storeTransitionFn fn, void *ctx) {
    /* Two index-driven joins on the (run_id, uscc) key; a FULL OUTER JOIN of two
     * subqueries was planned as a nested loop (minutes for 50,000 businesses). */
    static const char sql[] =
        "SELECT a.type, b.type, count(*) FROM results a "
        "LEFT JOIN results b ON b.run_id=?2 AND b.uscc=a.uscc WHERE a.run_id=?1 GROUP BY 1, 2 "
        "UNION ALL "
        "SELECT NULL, b.type, count(*) FROM results b WHERE b.run_id=?2 AND NOT EXISTS "
        "(SELECT 1 FROM results a WHERE a.run_id=?1 AND a.uscc=b.uscc) GROUP BY 2";
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return storeFail(s, "transitions");
    sqlite3_bind_int64(st, 1, from_run);
    sqlite3_bind_int64(st, 2, to_run);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int types[2];
        for (int i = 0; i < 2; i++) {
            bizType t;
            const char *code = (const char *)sqlite3_column_text(st, i);
            types[i] = code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
        }
        k = fn(ctx, types[0], types[1], sqlite3_column_int64(st, 2));
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "transitions");
}

/* ---- staged import ---- */

static const char storeStageSchema[] =
    "DROP TABLE IF EXISTS temp.stage; DROP TABLE IF EXISTS temp.bad;"
    "CREATE TEMP TABLE stage(line INTEGER PRIMARY KEY, key TEXT NOT NULL, uscc TEXT NOT NULL, name TEXT,"
    "  operator_name TEXT, operator_id TEXT, established TEXT, status TEXT, seasonal INTEGER, town TEXT,"
    "  industry TEXT, address TEXT, legacy TEXT, year INTEGER, filed_on TEXT, revenue INTEGER, employees INTEGER,"
    "  count INTEGER, tax_paid INTEGER, taxreg INTEGER, gentax INTEGER, list TEXT, from_date TEXT, to_date TEXT,"
    "  reg_no TEXT, patent_no TEXT, holder TEXT, in_use INTEGER, publicized INTEGER, decided_on TEXT,"
    "  repaired_on TEXT, penalty TEXT, grp INTEGER);"
    "CREATE TEMP TABLE bad(line INTEGER NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL);";

int storeStageBegin(store *s) {
    sqlite3_finalize(s->st[ST_STAGE_ROW]);
    sqlite3_finalize(s->st[ST_STAGE_BAD]);
    s->st[ST_STAGE_ROW] = s->st[ST_STAGE_BAD] = NULL;
    return storeExec(s, storeStageSchema);
}

int storeStageRow(store *s, const extractRow *r, const char *key, uint64_t line) {
    sqlite3_stmt *st = storeSt(s, ST_STAGE_ROW);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)line);
    bindText(st, 2, key);
    bindText(st, 3, r->uscc);
    bindText(st, 4, r->name);
    bindText(st, 5, r->operator_name);
    bindText(st, 6, r->operator_id);
    bindDate(st, 7, r->established);
    bindText(st, 8, storeStatusCodes[r->status]);
    sqlite3_bind_int(st, 9, r->seasonal);
    bindText(st, 10, r->town);
    bindText(st, 11, r->industry);
    bindText(st, 12, r->address);
    bindText(st, 13, r->legacy_reg_no[0] ? r->legacy_reg_no : NULL);
    if (r->has_year) sqlite3_bind_int(st, 14, r->year);
    bindDate(st, 15, r->filed_on);
    if (r->has_revenue) sqlite3_bind_int64(st, 16, r->revenue);
    if (r->employees >= 0) sqlite3_bind_int(st, 17, r->employees);
    if (r->has_count) sqlite3_bind_int(st, 18, r->count);
    if (r->has_tax_paid) sqlite3_bind_int64(st, 19, r->tax_paid);
    if (r->has_tax_registered) sqlite3_bind_int(st, 20, r->tax_registered);
    if (r->has_general_taxpayer) sqlite3_bind_int(st, 21, r->general_taxpayer);
    if (r->has_interval) {
        bindText(st, 22, storeListCodes[r->list]);
        bindDate(st, 23, r->from);
        bindDate(st, 24, r->to);
    }
    bindText(st, 25, r->reg_no);
    bindText(st, 26, r->patent_no);
    bindText(st, 27, storeHolderCodes[r->holder]);
    sqlite3_bind_int(st, 28, r->in_use);
    sqlite3_bind_int(st, 29, r->publicized);
    bindDate(st, 30, r->decided_on);
    bindDate(st, 31, r->repaired_on);
    bindText(st, 32, storePenaltyCodes[r->penalty]);
    sqlite3_bind_int(st, 33, (int)r->group);
    return storeDone(s, st, NULL, "stage");
}

int storeStageBad(store *s, uint64_t line, const char *field, const char *msg) {
    sqlite3_stmt *st = storeSt(s, ST_STAGE_BAD);
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)line);
    bindText(st, 2, field);
    bindText(st, 3, msg);
    return storeDone(s, st, NULL, "bad");
}

int storeStageCheck(store *s, extractKind kind) {
    int rc = storeExec(s,
        "CREATE INDEX temp.stage_key ON stage(key, line);"
        "INSERT INTO bad SELECT line, 'uscc', '本文件中已有同一键的行 (same key given earlier in this file)' "
        "FROM stage s WHERE EXISTS (SELECT 1 FROM stage t WHERE t.key=s.key AND t.line<s.line);");
    if (!rc && kind != EXTRACT_REGISTRATION)
        rc = storeExec(s,
            /* in key order (keys begin with the USCC): the look-ups walk the index in order */
            "INSERT INTO bad SELECT line, 'uscc', '名录中没有该个体工商户，请先导入登记信息 (unknown business: import registration first)' "
            "FROM stage INDEXED BY stage_key WHERE NOT EXISTS (SELECT 1 FROM main.businesses b WHERE b.uscc=stage.uscc);");
    return rc;
}

int storeStageEachBad(store *s, storeBadFn fn, void *ctx, int64_t *lines) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT line, field, message FROM bad ORDER BY line, rowid", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "bad");
    int rc, k = 0;
    int64_t last = -1;
    *lines = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int64_t line = sqlite3_column_int64(st, 0);
        if (line != last) (*lines)++;
        last = line;
        k = fn(ctx, (uint64_t)line, (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2));
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "bad");
}

/* One set-based statement per target table; rows go in USCC order. The WHERE of
 * each DO UPDATE makes an unchanged row a no-op, so changes() counts real changes. */
typedef struct storeApplySql { extractKind kind; const char *sql; } storeApplySql;
#define GOOD "FROM stage WHERE line NOT IN (SELECT line FROM bad)"
static const storeApplySql storeApplySqls[] = {
    {EXTRACT_REGISTRATION,
     "INSERT INTO businesses(uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,"
     "address,legacy_reg_no,import_id) SELECT uscc,name,operator_name,operator_id,established,status,seasonal,"
     "town,industry,address,legacy,?1 " GOOD " ORDER BY uscc ON CONFLICT(uscc) DO UPDATE SET name=excluded.name,"
     "operator_name=excluded.operator_name,operator_id=excluded.operator_id,established=excluded.established,"
     "status=excluded.status,seasonal=excluded.seasonal,town=excluded.town,industry=excluded.industry,"
     "address=excluded.address,legacy_reg_no=excluded.legacy_reg_no,import_id=excluded.import_id "
     "WHERE (name,operator_name,operator_id,established,status,seasonal,town,industry,address,legacy_reg_no) IS NOT "
     "(excluded.name,excluded.operator_name,excluded.operator_id,excluded.established,excluded.status,"
     "excluded.seasonal,excluded.town,excluded.industry,excluded.address,excluded.legacy_reg_no)"},
    {EXTRACT_ANNUAL_REPORTS,
     "INSERT INTO annual_reports(uscc,year,filed_on,revenue,employees,import_id) SELECT uscc,year,filed_on,revenue,"
     "employees,?1 " GOOD " ORDER BY uscc,year ON CONFLICT(uscc,year) DO UPDATE SET filed_on=excluded.filed_on,"
     "revenue=excluded.revenue,employees=excluded.employees,import_id=excluded.import_id "
     "WHERE (filed_on,revenue,employees) IS NOT (excluded.filed_on,excluded.revenue,excluded.employees)"},
    {EXTRACT_TAX,
     "UPDATE businesses SET tax_registered=f.v, import_id=?1 FROM (SELECT uscc, taxreg AS v, max(line) " GOOD
     " AND taxreg IS NOT NULL GROUP BY uscc) f WHERE businesses.uscc=f.uscc AND businesses.tax_registered<>f.v"},
    {EXTRACT_TAX,
     "UPDATE businesses SET general_taxpayer=f.v, import_id=?1 FROM (SELECT uscc, gentax AS v, max(line) " GOOD
     " AND gentax IS NOT NULL GROUP BY uscc) f WHERE businesses.uscc=f.uscc AND businesses.general_taxpayer<>f.v"},
    {EXTRACT_TAX,
     "INSERT INTO tax_paid(uscc,year,amount,import_id) SELECT uscc,year,tax_paid,?1 " GOOD
     " AND tax_paid IS NOT NULL ORDER BY uscc,year ON CONFLICT(uscc,year) DO UPDATE SET amount=excluded.amount,"
     "import_id=excluded.import_id WHERE amount IS NOT excluded.amount"},
    {EXTRACT_INSURANCE,
     "INSERT INTO insured(uscc,year,count,import_id) SELECT uscc,year,count,?1 " GOOD " ORDER BY uscc,year "
     "ON CONFLICT(uscc,year) DO UPDATE SET count=excluded.count,import_id=excluded.import_id "
     "WHERE count IS NOT excluded.count"},
    {EXTRACT_TRADEMARKS,
     "INSERT INTO trademarks(uscc,reg_no,holder,in_use,import_id) SELECT uscc,reg_no,holder,in_use,?1 " GOOD
     " ORDER BY uscc,reg_no ON CONFLICT(uscc,reg_no) DO UPDATE SET holder=excluded.holder,in_use=excluded.in_use,"
     "import_id=excluded.import_id WHERE (holder,in_use) IS NOT (excluded.holder,excluded.in_use)"},
    {EXTRACT_PATENTS,
     "INSERT INTO patents(uscc,number,holder,import_id) SELECT uscc,patent_no,holder,?1 " GOOD
     " ORDER BY uscc,patent_no ON CONFLICT(uscc,number) DO UPDATE SET holder=excluded.holder,"
     "import_id=excluded.import_id WHERE holder IS NOT excluded.holder"},
    {EXTRACT_PENALTIES,
     "INSERT INTO penalties(uscc,decided_on,kind,publicized,repaired_on,import_id) SELECT uscc,decided_on,penalty,"
     "publicized,repaired_on,?1 " GOOD " ORDER BY uscc,decided_on ON CONFLICT(uscc,decided_on,kind) DO UPDATE SET "
     "publicized=excluded.publicized,repaired_on=excluded.repaired_on,import_id=excluded.import_id "
     "WHERE (publicized,repaired_on) IS NOT (excluded.publicized,excluded.repaired_on)"},
    {EXTRACT_OPERATOR_GROUPS, /* groups are distinct powers of two: their distinct sum is their union */
     "UPDATE businesses SET operator_groups=operator_groups|g.bits, import_id=?1 FROM (SELECT uscc, "
     "sum(DISTINCT grp) AS bits " GOOD " GROUP BY uscc) g WHERE businesses.uscc=g.uscc AND "
     "(businesses.operator_groups|g.bits)<>businesses.operator_groups"},
};
#undef GOOD

/* The interval kinds and the tax kind's 非正常户 columns. */
static const char storeApplyIntervals[] =
    "INSERT INTO intervals(uscc,list,from_date,to_date,import_id) SELECT uscc,list,from_date,to_date,?1 "
    "FROM stage WHERE line NOT IN (SELECT line FROM bad) AND from_date IS NOT NULL ORDER BY uscc,list,from_date "
    "ON CONFLICT(uscc,list,from_date) DO UPDATE SET to_date=excluded.to_date,import_id=excluded.import_id "
    "WHERE to_date IS NOT excluded.to_date";

/* The tables an import of each kind writes (for the per-business import history). */
static const char *storeTouchTables(extractKind k) {
    switch (k) {
    case EXTRACT_REGISTRATION: case EXTRACT_OPERATOR_GROUPS: return "businesses";
    case EXTRACT_ANNUAL_REPORTS: return "annual_reports";
    case EXTRACT_TAX: return "businesses tax_paid intervals";
    case EXTRACT_INSURANCE: return "insured";
    case EXTRACT_TRADEMARKS: return "trademarks";
    case EXTRACT_PATENTS: return "patents";
    case EXTRACT_PENALTIES: return "penalties";
    default: return "intervals";
    }
}

static int storeStageRun(store *s, const char *sql, int64_t import_id, int64_t *changed) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return storeFail(s, "apply");
    sqlite3_bind_int64(st, 1, import_id);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return storeFail(s, "apply");
    *changed += sqlite3_changes(s->db);
    return 0;
}

int storeStageApply(store *s, extractKind kind, int64_t import_id, int64_t *changed) {
    *changed = 0;
    int rc = 0;
    for (size_t i = 0; i < sizeof storeApplySqls / sizeof storeApplySqls[0] && !rc; i++)
        if (storeApplySqls[i].kind == kind) rc = storeStageRun(s, storeApplySqls[i].sql, import_id, changed);
    const bool intervals = kind == EXTRACT_TAX || kind == EXTRACT_ABNORMAL_LIST || kind == EXTRACT_SERIOUS_ILLEGAL ||
                           kind == EXTRACT_SUSPENSIONS || kind == EXTRACT_DISHONEST_DEBTORS;
    if (!rc && intervals) rc = storeStageRun(s, storeApplyIntervals, import_id, changed);
    /* Import history: every staged business whose rows of the written tables now
     * carry this import, each business once, in USCC order. */
    char tables[64];
    snprintf(tables, sizeof tables, "%s", storeTouchTables(kind));
    char *save = NULL;
    for (char *t = strtok_r(tables, " ", &save); t && !rc && *changed; t = strtok_r(NULL, " ", &save)) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "INSERT OR IGNORE INTO business_imports(uscc,import_id) SELECT u, ?1 FROM "
                 "(SELECT DISTINCT uscc AS u FROM stage ORDER BY uscc) "
                 "WHERE EXISTS (SELECT 1 FROM main.%s x WHERE x.uscc=u AND x.import_id=?1)", t);
        int64_t ignored = 0;
        rc = storeStageRun(s, sql, import_id, &ignored);
    }
    return rc;
}

/* ---- accounts and sessions ---- */

static const char storeAccountCols[] =
    "SELECT id,username,role,department,uscc,password_hash,disabled,failed_logins,locked_until FROM accounts ";

static void storeAccountRow(sqlite3_stmt *st, storeAccount *a) {
    a->id = sqlite3_column_int64(st, 0);
    a->username = (const char *)sqlite3_column_text(st, 1);
    a->role = (const char *)sqlite3_column_text(st, 2);
    a->department = (const char *)sqlite3_column_text(st, 3);
    a->uscc = (const char *)sqlite3_column_text(st, 4);
    a->password_hash = (const char *)sqlite3_column_text(st, 5);
    a->disabled = sqlite3_column_int(st, 6);
    a->failed_logins = sqlite3_column_int(st, 7);
    a->locked_until = sqlite3_column_int64(st, 8);
}

/* Runs a one-row query kept in s->st[k] (prepared from sql on first use). */
static int storeOneRow(store *s, storeStmt k, const char *sql, sqlite3_stmt **out) {
    if (!s->st[k] && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st[k], NULL) != SQLITE_OK)
        return storeFail(s, "prepare");
    sqlite3_reset(s->st[k]);
    sqlite3_clear_bindings(s->st[k]);
    *out = s->st[k];
    return 0;
}

int storeAccountAdd(store *s, const storeAccount *a, int64_t *id) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO accounts(username,role,department,uscc,password_hash,created_at) "
                           "VALUES(?1,?2,?3,?4,?5," TIME_NOW ")", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "accounts");
    bindText(st, 1, a->username);
    bindText(st, 2, a->role);
    bindText(st, 3, a->department);
    bindText(st, 4, a->uscc);
    bindText(st, 5, a->password_hash);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT) {
        snprintf(s->err, sizeof s->err, "用户名 %s 已存在，或角色无效 (username taken or role invalid)", a->username);
        return GH_EINVAL;
    }
    if (rc != SQLITE_DONE) return storeFail(s, "accounts");
    *id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

static int storeAccountQuery(store *s, storeStmt k, const char *where, int64_t id, const char *name, storeAccount *out) {
    char sql[512];
    snprintf(sql, sizeof sql, "%s%s", storeAccountCols, where);
    sqlite3_stmt *st;
    if (storeOneRow(s, k, sql, &st)) return GH_EIO;
    if (name) bindText(st, 1, name);
    else sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        snprintf(s->err, sizeof s->err, "没有该用户 (no such account)");
        return GH_ENOTFOUND;
    }
    if (rc != SQLITE_ROW) return storeFail(s, "accounts");
    storeAccountRow(st, out);
    return 0;
}

int storeAccountGet(store *s, const char *username, storeAccount *out) {
    return storeAccountQuery(s, ST_ACCOUNT_BY_NAME, "WHERE username=?1", 0, username, out);
}

int storeAccountByUscc(store *s, const char *uscc, storeAccount *out) {
    return storeAccountQuery(s, ST_ACCOUNT_BY_USCC, "WHERE role='business' AND uscc=?1 AND disabled=0 ORDER BY id LIMIT 1",
                             0, uscc, out);
}

int storeAccountById(store *s, int64_t id, storeAccount *out) {
    return storeAccountQuery(s, ST_ACCOUNT_BY_ID, "WHERE id=?1", id, NULL, out);
}

static int storeExecBind(store *s, const char *sql, int64_t a, int64_t b, const char *text) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return storeFail(s, "prepare");
    sqlite3_bind_int64(st, 1, a);
    sqlite3_bind_int64(st, 2, b);
    if (text) sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : storeFail(s, "update");
}

int storeAccountSetPassword(store *s, int64_t id, const char *hash) {
    return storeExecBind(s, "UPDATE accounts SET password_hash=?3, failed_logins=0, locked_until=0 WHERE id=?1 AND ?2=?2",
                         id, 0, hash);
}

int storeAccountSetDisabled(store *s, int64_t id, bool disabled) {
    return storeExecBind(s, "UPDATE accounts SET disabled=?2 WHERE id=?1", id, disabled, NULL);
}

int storeAccountLoginResult(store *s, int64_t id, bool ok, int max_failures, int64_t lock_until) {
    if (ok) return storeExecBind(s, "UPDATE accounts SET failed_logins=0, locked_until=0 WHERE id=?1 AND ?2=?2", id, 0, NULL);
    char sql[256];
    snprintf(sql, sizeof sql,
             "UPDATE accounts SET failed_logins=failed_logins+1, "
             "locked_until=CASE WHEN failed_logins+1>=%d THEN ?2 ELSE locked_until END WHERE id=?1", max_failures);
    return storeExecBind(s, sql, id, lock_until, NULL);
}

int storeEachAccount(store *s, storeAccountFn fn, void *ctx) {
    char sql[512];
    snprintf(sql, sizeof sql, "%sORDER BY id", storeAccountCols);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return storeFail(s, "accounts");
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAccount a;
        storeAccountRow(st, &a);
        k = fn(ctx, &a);
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "accounts");
}

int storeSessionAdd(store *s, const char *token_hash, int64_t account_id, const char *csrf, int64_t now, int64_t expires) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO sessions VALUES(?1,?2,?3,?4,?5)", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "sessions");
    bindText(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, account_id);
    bindText(st, 3, csrf);
    sqlite3_bind_int64(st, 4, now);
    sqlite3_bind_int64(st, 5, expires);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    /* expired sessions are swept as new ones come in */
    if (rc == SQLITE_DONE) return storeExecBind(s, "DELETE FROM sessions WHERE expires_at<=?1 AND ?2=?2", now, 0, NULL);
    return storeFail(s, "sessions");
}

int storeSessionGet(store *s, const char *token_hash, int64_t now, int64_t *account_id, char csrf[65]) {
    sqlite3_stmt *st;
    if (storeOneRow(s, ST_SESSION_GET, "SELECT account_id, csrf FROM sessions WHERE token_hash=?1 AND expires_at>?2", &st))
        return GH_EIO;
    bindText(st, 1, token_hash);
    sqlite3_bind_int64(st, 2, now);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) return GH_ENOTFOUND;
    if (rc != SQLITE_ROW) return storeFail(s, "sessions");
    *account_id = sqlite3_column_int64(st, 0);
    snprintf(csrf, 65, "%s", (const char *)sqlite3_column_text(st, 1));
    return 0;
}

int storeSessionDelete(store *s, const char *token_hash) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "DELETE FROM sessions WHERE token_hash=?1", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "sessions");
    bindText(st, 1, token_hash);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : storeFail(s, "sessions");
}

int storeSessionDeleteAccount(store *s, int64_t account_id) {
    return storeExecBind(s, "DELETE FROM sessions WHERE account_id=?1 AND ?2=?2", account_id, 0, NULL);
}

/* ---- the audit trail ---- */

/* SHA-256 over the previous hash and the entry's fields, each length-prefixed so
 * that no two different entries hash alike. */
static void storeAuditHash(const char *prev, const storeAudit *e, const char *at, char out[65]) {
    const char *fields[] = {prev, at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after};
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char len[32];
        const int n = fields[i] ? snprintf(len, sizeof len, "%zu:", strlen(fields[i])) : snprintf(len, sizeof len, "-:");
        crypto_hash_sha256_update(&h, (const unsigned char *)len, (unsigned long long)n);
        if (fields[i]) crypto_hash_sha256_update(&h, (const unsigned char *)fields[i], strlen(fields[i]));
    }
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, d);
    sodium_bin2hex(out, 65, d, sizeof d);
}

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

int storeAuditAppend(store *s, const storeAudit *e) {
    const bool own = sqlite3_get_autocommit(s->db);
    if (own && storeExec(s, "BEGIN IMMEDIATE")) return GH_EIO;
    char prev[65] = AUDIT_GENESIS, hash[65], at[32];
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK ? 0 : GH_EIO;
    if (!rc && sqlite3_step(st) == SQLITE_ROW) snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    storeAuditHash(prev, e, at, hash);
    if (!rc && sqlite3_prepare_v2(s->db,
                                  "INSERT INTO audit(at,actor,role,client,action,object,before,after,prev_hash,hash) "
                                  "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)", -1, &st, NULL) == SQLITE_OK) {
        const char *v[] = {at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after, prev, hash};
        for (int i = 0; i < 10; i++) bindText(st, i + 1, v[i]);
        rc = sqlite3_step(st) == SQLITE_DONE ? 0 : GH_EIO;
        sqlite3_finalize(st);
    } else {
        rc = GH_EIO;
    }
    if (rc) {
        storeFail(s, "audit");
        if (own) storeExec(s, "ROLLBACK");
        return rc;
    }
    return own ? storeExec(s, "COMMIT") : 0;
}

static void storeAuditRow(sqlite3_stmt *st, storeAudit *e) {
    e->id = sqlite3_column_int64(st, 0);
    const char **f[] = {&e->at, &e->actor, &e->role, &e->client, &e->action, &e->object, &e->before, &e->after,
                        &e->prev_hash, &e->hash};
    for (int i = 0; i < 10; i++) *f[i] = (const char *)sqlite3_column_text(st, i + 1);
}

int storeEachAudit(store *s, const char *action, int limit, storeAuditFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id,at,actor,role,client,action,object,before,after,prev_hash,hash FROM audit "
                           "WHERE ?1 IS NULL OR action=?1 ORDER BY id DESC LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "audit");
    bindText(st, 1, action);
    sqlite3_bind_int(st, 2, limit);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAudit e;
        storeAuditRow(st, &e);
        k = fn(ctx, &e);
    }
    sqlite3_finalize(st);
    return k ? k : rc == SQLITE_DONE ? 0 : storeFail(s, "audit");
}

int storeAuditVerify(store *s, int64_t *checked, int64_t *bad_id) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "SELECT id,at,actor,role,client,action,object,before,after,prev_hash,hash FROM audit ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "audit");
    char prev[65] = AUDIT_GENESIS, hash[65];
    *checked = 0;
    *bad_id = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeAudit e;
        storeAuditRow(st, &e);
        storeAuditHash(prev, &e, e.at, hash);
        (*checked)++;
        if (strcmp(e.prev_hash ? e.prev_hash : "", prev) || strcmp(e.hash ? e.hash : "", hash)) {
            *bad_id = e.id;
            break;
        }
        snprintf(prev, sizeof prev, "%s", e.hash);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : storeFail(s, "audit");
}

/* ---- one-time access codes ---- */

int storeAccessCodeAdd(store *s, const char *code_hash, int64_t account_id, int64_t expires, const char *issued_by) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO access_codes(code_hash,account_id,expires_at,issued_by) VALUES(?1,?2,?3,?4)",
                           -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "access_codes");
    bindText(st, 1, code_hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_int64(st, 3, expires);
    bindText(st, 4, issued_by);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : storeFail(s, "access_codes");
}

int storeAccessCodeUse(store *s, const char *code_hash, int64_t account_id, int64_t now) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE access_codes SET used_at=?3 WHERE code_hash=?1 AND account_id=?2 AND used_at IS NULL "
                           "AND expires_at>?3", -1, &st, NULL) != SQLITE_OK)
        return storeFail(s, "access_codes");
    bindText(st, 1, code_hash);
    sqlite3_bind_int64(st, 2, account_id);
    sqlite3_bind_int64(st, 3, now);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return storeFail(s, "access_codes");
    return sqlite3_changes(s->db) == 1 ? 0 : GH_ENOTFOUND;
}

int storeCountBusinesses(store *s, int64_t *n) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM businesses", -1, &st, NULL) != SQLITE_OK) return storeFail(s, "count");
    *n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return 0;
}
