/* Staged facts: appended to temporary tables as read, checked set-based, and
 * applied target by target in USCC order so that the B-trees are written in order
 * whatever the order of the file. Temporary tables live on disk: memory does not
 * grow with the file. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char stageSchema[] =
    "DROP TABLE IF EXISTS temp.stage; DROP TABLE IF EXISTS temp.bad;"
    "CREATE TEMP TABLE stage(line INTEGER PRIMARY KEY, key TEXT NOT NULL, uscc TEXT NOT NULL, name TEXT,"
    "  operator_name TEXT, operator_id TEXT, established TEXT, status TEXT, seasonal INTEGER, town TEXT,"
    "  industry TEXT, address TEXT, legacy TEXT, year INTEGER, filed_on TEXT, revenue INTEGER, employees INTEGER,"
    "  count INTEGER, tax_paid INTEGER, taxreg INTEGER, gentax INTEGER, list TEXT, from_date TEXT, to_date TEXT,"
    "  reg_no TEXT, patent_no TEXT, holder TEXT, in_use INTEGER, publicized INTEGER, decided_on TEXT,"
    "  repaired_on TEXT, penalty TEXT, grp INTEGER, city_type TEXT);"
    "CREATE TEMP TABLE bad(line INTEGER NOT NULL, field TEXT NOT NULL, message TEXT NOT NULL);";

static int sqliteStageBegin(storeBackend *b, unsigned targets) {
    sqliteStore *q = SQ(b);
    sqliteStageColumns(q, targets);
    sqlite3_finalize(q->st[SQ_STAGE_BAD]);
    q->st[SQ_STAGE_BAD] = NULL;
    q->stage_last[0] = q->stage_last_uscc[0] = '\0';
    q->stage_unsorted = q->stage_uscc_unsorted = q->stage_key_other = q->stage_known = false;
    q->stage_index = STAGE_INDEX_NONE;
    return sqlExec(q, stageSchema) || sqliteBulkBegin(q) ? GH_EIO : 0;
}

/* Keeps stage_last/stage_unsorted (decision 280): one comparison a row. */
void sqliteStageOrder(sqliteStore *q, const char *key) {
    if (q->stage_unsorted) return;
    const size_t n = strlen(key);
    if ((q->stage_last[0] && strcmp(key, q->stage_last) <= 0) || n >= sizeof q->stage_last) q->stage_unsorted = true;
    else memcpy(q->stage_last, key, n + 1);
}

static int sqliteStageBad(storeBackend *b, uint64_t line, const char *field, const char *msg) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_STAGE_BAD, "INSERT INTO temp.bad(line,field,message) VALUES(?1,?2,?3)");
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, (sqlite3_int64)line);
    sqlBindText(st, 2, field);
    sqlBindText(st, 3, msg);
    return sqlDone(SQ(b), st, NULL, "bad");
}

/* Runs one statement with ?1 bound to text, or to number when text is NULL; adds
 * its changes to *changed. */
static int stageRun(sqliteStore *q, const char *sql, const char *text, int64_t number, int64_t *changed) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, sql, &st, "stage")) return GH_EIO;
    if (text) sqlBindText(st, 1, text);
    else sqlite3_bind_int64(st, 1, number);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlFail(q, "stage");
    if (changed) *changed += sqlite3_changes(q->db);
    return 0;
}

static int sqliteStageMarkDuplicateKeys(storeBackend *b, const char *message) {
    if (!SQ(b)->stage_unsorted) return 0; /* keys strictly ascending: none repeats (decision 280) */
    return sqliteStageKeyIndex(SQ(b)) || sqliteStageWalkDuplicates(SQ(b), message) ? GH_EIO : 0;
}

/* Marks bad every staged row of a business the store does not hold. */
static int stageMarkUnknown(storeBackend *b, const char *message) {
    bool done;
    if (SQ(b)->stage_unsorted && sqliteStageKeyIndex(SQ(b))) return GH_EIO;
    if (sqliteStageMergeUnknown(SQ(b), message, &done)) return GH_EIO; /* decision 320 */
    if (done) return 0;
    if (!SQ(b)->stage_unsorted) /* line order is key order, so USCC order: the look-ups go in order */
        return stageRun(SQ(b), "INSERT INTO bad SELECT line, 'uscc', ?1 FROM stage WHERE NOT EXISTS "
                               "(SELECT 1 FROM main.businesses b WHERE b.uscc=stage.uscc)", message, 0, NULL)
                   ? GH_EIO : 0;
    return sqliteStageKeyIndex(SQ(b)) ||
           stageRun(SQ(b), "INSERT INTO bad SELECT line, 'uscc', ?1 FROM stage INDEXED BY stage_key WHERE NOT EXISTS "
                           "(SELECT 1 FROM main.businesses b WHERE b.uscc=stage.uscc)", message, 0, NULL)
               ? GH_EIO : 0;
}

/* Once it has run, every good staged row names a business the store holds: the
 * apply may skip the foreign-key look-ups (decision 326). */
static int sqliteStageMarkUnknownBusinesses(storeBackend *b, const char *message) {
    const int rc = stageMarkUnknown(b, message);
    SQ(b)->stage_known = rc == 0;
    return rc;
}

static int sqliteStageCountUnknownBusinesses(storeBackend *b, int64_t *n) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT count(*) FROM stage WHERE line NOT IN (SELECT line FROM bad) AND NOT EXISTS "
                          "(SELECT 1 FROM main.businesses b WHERE b.uscc=stage.uscc)", &st, "stage"))
        return GH_EIO;
    const int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 0 : sqlFail(SQ(b), "stage");
}

static int sqliteStageEachBad(storeBackend *b, storeBadFn fn, void *ctx, int64_t *lines) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), "SELECT line, field, message FROM bad ORDER BY line, rowid", &st, "bad")) return GH_EIO;
    int rc, k = 0;
    int64_t last = -1;
    *lines = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int64_t line = sqlite3_column_int64(st, 0);
        if (line != last) (*lines)++;
        last = line;
        k = fn(ctx, (uint64_t)line, sqlColText(st, 1), sqlColText(st, 2));
    }
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "bad");
}

/* One set-based statement per target table, in this order; rows go in USCC order.
 * The WHERE of each DO UPDATE makes an unchanged row a no-op, so changes() counts
 * real changes. table: where the import history looks for rows of this import. */
typedef struct stageApplySql { unsigned target; const char *table, *sql; } stageApplySql; /* table NULL: no history */
#define GOOD "FROM stage WHERE line NOT IN (SELECT line FROM bad)"
static const stageApplySql stageApplySqls[] = {
    {FACT_REGISTRATION, "businesses",
     "INSERT INTO businesses(uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,"
     "address,legacy_reg_no,import_id) SELECT uscc,name,operator_name,operator_id,established,status,seasonal,"
     "town,industry,address,legacy,?1 " GOOD " ORDER BY uscc ON CONFLICT(uscc) DO UPDATE SET name=excluded.name,"
     "operator_name=excluded.operator_name,operator_id=excluded.operator_id,established=excluded.established,"
     "status=excluded.status,seasonal=excluded.seasonal,town=excluded.town,industry=excluded.industry,"
     "address=excluded.address,legacy_reg_no=excluded.legacy_reg_no,import_id=excluded.import_id "
     "WHERE (name,operator_name,operator_id,established,status,seasonal,town,industry,address,legacy_reg_no) IS NOT "
     "(excluded.name,excluded.operator_name,excluded.operator_id,excluded.established,excluded.status,"
     "excluded.seasonal,excluded.town,excluded.industry,excluded.address,excluded.legacy_reg_no)"},
    {FACT_ANNUAL_REPORT, "annual_reports",
     "INSERT INTO annual_reports(uscc,year,filed_on,revenue,employees,import_id) SELECT uscc,year,filed_on,revenue,"
     "employees,?1 " GOOD " ORDER BY uscc,year ON CONFLICT(uscc,year) DO UPDATE SET filed_on=excluded.filed_on,"
     "revenue=excluded.revenue,employees=excluded.employees,import_id=excluded.import_id "
     "WHERE (filed_on,revenue,employees) IS NOT (excluded.filed_on,excluded.revenue,excluded.employees)"},
    {FACT_TAX_FLAGS, "businesses", NULL}, /* both flags in one pass: sqliteStageTaxFlags (decision 322) */
    {FACT_TAX_PAID, "tax_paid",
     "INSERT INTO tax_paid(uscc,year,amount,import_id) SELECT uscc,year,tax_paid,?1 " GOOD
     " AND tax_paid IS NOT NULL ORDER BY uscc,year ON CONFLICT(uscc,year) DO UPDATE SET amount=excluded.amount,"
     "import_id=excluded.import_id WHERE amount IS NOT excluded.amount"},
    {FACT_INSURED, "insured",
     "INSERT INTO insured(uscc,year,count,import_id) SELECT uscc,year,count,?1 " GOOD " ORDER BY uscc,year "
     "ON CONFLICT(uscc,year) DO UPDATE SET count=excluded.count,import_id=excluded.import_id "
     "WHERE count IS NOT excluded.count"},
    {FACT_TRADEMARK, "trademarks",
     "INSERT INTO trademarks(uscc,reg_no,holder,in_use,import_id) SELECT uscc,reg_no,holder,in_use,?1 " GOOD
     " ORDER BY uscc,reg_no ON CONFLICT(uscc,reg_no) DO UPDATE SET holder=excluded.holder,in_use=excluded.in_use,"
     "import_id=excluded.import_id WHERE (holder,in_use) IS NOT (excluded.holder,excluded.in_use)"},
    {FACT_PATENT, "patents",
     "INSERT INTO patents(uscc,number,holder,import_id) SELECT uscc,patent_no,holder,?1 " GOOD
     " ORDER BY uscc,patent_no ON CONFLICT(uscc,number) DO UPDATE SET holder=excluded.holder,"
     "import_id=excluded.import_id WHERE holder IS NOT excluded.holder"},
    {FACT_PENALTY, "penalties",
     "INSERT INTO penalties(uscc,decided_on,kind,publicized,repaired_on,import_id) SELECT uscc,decided_on,penalty,"
     "publicized,repaired_on,?1 " GOOD " ORDER BY uscc,decided_on ON CONFLICT(uscc,decided_on,kind) DO UPDATE SET "
     "publicized=excluded.publicized,repaired_on=excluded.repaired_on,import_id=excluded.import_id "
     "WHERE (publicized,repaired_on) IS NOT (excluded.publicized,excluded.repaired_on)"},
    {FACT_OPERATOR_GROUP, "businesses", /* groups are distinct powers of two: their distinct sum is their union */
     "UPDATE businesses SET operator_groups=operator_groups|g.bits, import_id=?1 FROM (SELECT uscc, "
     "sum(DISTINCT grp) AS bits " GOOD " GROUP BY uscc) g WHERE businesses.uscc=g.uscc AND "
     "(businesses.operator_groups|g.bits)<>businesses.operator_groups"},
    /* the city's result replaces the city's result of each year the file gives (decision 120); not a
     * fact of the business, so not in its import history (NULL table) */
    {FACT_CITY_TYPE, NULL,
     "DELETE FROM city_results WHERE year IN (SELECT DISTINCT year " GOOD ") AND (year, uscc) NOT IN "
     "(SELECT year, uscc " GOOD ")"}, /* one ephemeral index, not a scan of the stage per row */
    {FACT_CITY_TYPE, NULL,
     "INSERT INTO city_results(year,uscc,type,import_id) SELECT year,uscc,city_type,?1 " GOOD " ORDER BY year,uscc "
     "ON CONFLICT(year,uscc) DO UPDATE SET type=excluded.type,import_id=excluded.import_id "
     "WHERE type IS NOT excluded.type"},
};
#undef GOOD

/* The interval lists (and the tax kind's 非正常户 columns), where the fact gives one. */
static const stageApplySql stageApplyIntervals = {
    FACT_INTERVAL, "intervals",
    "INSERT INTO intervals(uscc,list,from_date,to_date,import_id) SELECT uscc,list,from_date,to_date,?1 "
    "FROM stage WHERE line NOT IN (SELECT line FROM bad) AND from_date IS NOT NULL ORDER BY uscc,list,from_date "
    "ON CONFLICT(uscc,list,from_date) DO UPDATE SET to_date=excluded.to_date,import_id=excluded.import_id "
    "WHERE to_date IS NOT excluded.to_date"};

/* The tables of the import history among todo, each once (none for what is no fact
 * of the business); their number. */
static int stageTables(const char **out, const stageApplySql *const *todo, int n) {
    int m = 0;
    for (int i = 0; i < n; i++) {
        bool seen = !todo[i]->table;
        for (int j = 0; j < m && !seen; j++) seen |= !strcmp(out[j], todo[i]->table);
        if (!seen) out[m++] = todo[i]->table;
    }
    return m;
}

/* Import history (decision 232): every business whose rows of one of the tables now
 * carry this import, each once, in USCC order, as the import's set. An import that
 * changed at least a quarter as many rows as the directory has businesses walks the
 * tables in key order for their rows of this import (a merge, no sort, no seek:
 * decision 281); a smaller one looks up its staged businesses in the tables. */
static int stageTouch(sqliteStore *q, const stageApplySql *const *todo, int n, int64_t import_id, int64_t changed) {
    const char *tables[16];
    const int m = stageTables(tables, todo, n < 16 ? n : 16);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT coalesce(max(rowid),0) FROM main.businesses", &st, "import history")) return GH_EIO;
    const int64_t directory = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (directory < 0) return sqlFail(q, "import history");
    char sql[1024];
    size_t len = 0;
    if (changed >= directory / 4) {
        for (int i = 0; i < m && len < sizeof sql; i++) /* UNION ALL … ORDER BY: merged; repeats next to each other */
            len += (size_t)snprintf(sql + len, sizeof sql - len, "%sSELECT uscc FROM main.%s WHERE import_id=?1",
                                    i ? " UNION ALL " : "", tables[i]);
        len += (size_t)snprintf(sql + len, len < sizeof sql ? sizeof sql - len : 0, " ORDER BY 1");
    } else {
        /* a stage in key order is in USCC order already: walked by line, no sort, each
         * business's repeats next to each other (the set skips them; decision 280) */
        len = (size_t)snprintf(sql, sizeof sql, "%s",
                               q->stage_unsorted ? "SELECT u FROM (SELECT DISTINCT uscc AS u FROM stage ORDER BY uscc) "
                                                   "WHERE 0"
                                                 : "SELECT u FROM (SELECT line, uscc AS u FROM stage) WHERE 0");
        for (int i = 0; i < m && len < sizeof sql; i++)
            len += (size_t)snprintf(sql + len, sizeof sql - len,
                                    " OR EXISTS (SELECT 1 FROM main.%s x WHERE x.uscc=u AND x.import_id=?1)", tables[i]);
        len += (size_t)snprintf(sql + len, len < sizeof sql ? sizeof sql - len : 0, "%s",
                                q->stage_unsorted ? " ORDER BY u" : " ORDER BY line");
    }
    if (!m) return 0;
    if (len >= sizeof sql) return storeErrSet(q->base.err, GH_EINVAL, NULL, "import history: statement too long");
    return sqliteImportSetRecord(q, sql, import_id);
}

/* Runs one apply statement; a registration file more than twice the size of the
 * directory loads with the secondary indexes of businesses rebuilt after (decision 231). */
static int stageApplyOne(sqliteStore *q, const stageApplySql *a, unsigned targets, int64_t import_id,
                         int64_t *changed) {
    /* the index gives the USCC order without a sort of the stage (decision 329) */
    if (q->stage_uscc_unsorted && !q->stage_key_other && sqliteStageKeyIndex(q)) return GH_EIO;
    if (!a->sql) return sqliteStageTaxFlags(q, import_id, changed);
    /* key order is a fine order for a target whose primary key the staged key
     * determines (no two good rows meet in it); not for the tax kind's intervals,
     * which several years' rows may repeat: there the order decides which one wins */
    const bool by_key = a->target != FACT_INTERVAL || targets == FACT_INTERVAL;
    char buf[2048];
    const char *sql = sqliteStageOrderedSql(q, a->sql, by_key, buf, sizeof buf);
    if (a->target != FACT_REGISTRATION) return stageRun(q, sql, NULL, import_id, changed);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT coalesce(max(line),0) FROM temp.stage", &st, "stage")) return GH_EIO;
    const int64_t staged = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (staged < 0) return sqlFail(q, "stage");
    char *saved;
    if (sqliteBulkDropIndexes(q, "businesses", staged, &saved)) return GH_EIO;
    const int rc = stageRun(q, sql, NULL, import_id, changed);
    if (rc) {
        free(saved);
        return rc;
    }
    return sqliteBulkRebuildIndexes(q, saved);
}

/* Turns the connection's foreign-key enforcement on or off between two statements
 * of the import's transaction (decision 326). PRAGMA foreign_keys is a no-op inside
 * a transaction; the connection's flag is not, and no deferred constraint exists
 * for it to lose count of. Off only for the apply of a stage whose every good row
 * was matched to a business by the unknown-business check (each child row's
 * look-up of its parent would find it), or of a registration file. */
static int stageForeignKeys(sqliteStore *q, bool on) {
    int now = -1;
    if (sqlite3_db_config(q->db, SQLITE_DBCONFIG_ENABLE_FKEY, on ? 1 : 0, &now) != SQLITE_OK || now != (on ? 1 : 0))
        return storeErrSet(q->base.err, GH_EIO, NULL, "stage: 无法%s外键检查 (cannot turn foreign keys %s)",
                           on ? "恢复" : "暂停", on ? "on" : "off");
    return 0;
}

static int sqliteStageApply(storeBackend *b, unsigned targets, int64_t import_id, int64_t *changed) {
    sqliteStore *q = SQ(b);
    enum { N = sizeof stageApplySqls / sizeof stageApplySqls[0] };
    const stageApplySql *todo[N + 1];
    int n = 0, rc = 0;
    for (int i = 0; i < N; i++)
        if (targets & stageApplySqls[i].target) todo[n++] = &stageApplySqls[i];
    if (targets & FACT_INTERVAL) todo[n++] = &stageApplyIntervals;
    *changed = 0;
    /* registration writes only businesses, whose one foreign key is import_id: this import's own record */
    if (stageForeignKeys(q, !q->stage_known && targets != FACT_REGISTRATION)) return GH_EIO;
    for (int i = 0; i < n && !rc; i++) rc = stageApplyOne(q, todo[i], targets, import_id, changed);
    if (stageForeignKeys(q, true) && !rc) rc = GH_EIO;
    if (!rc && *changed) rc = stageTouch(q, todo, n, import_id, *changed);
    return rc;
}

/* The entries a snapshot removes: of the list (?2), not given by a good staged row,
 * and (businesses scope) of a business the file names. %s: the table, its key
 * match against the staged row s, and the scope's condition. */
#define PRUNE_WHERE "FROM main.%s AS x WHERE %s AND NOT EXISTS (SELECT 1 FROM stage s WHERE s.uscc=x.uscc AND %s " \
                    "AND s.line NOT IN (SELECT line FROM bad))%s"
static const char *const pruneTables[2][3] = {
    {"intervals", "x.list=?2", "s.list=x.list AND s.from_date=x.from_date"},
    {"penalties", "?2 IS NOT NULL", "s.decided_on=x.decided_on AND s.penalty=x.kind"},
};

/* Runs one prune statement (fmt with PRUNE_WHERE's parts) with ?1 import_id, ?2 the list code. */
static int stagePruneRun(sqliteStore *q, const char *fmt, const char *const *t, const char *scope, int64_t import_id,
                         const char *list, int64_t *changed) {
    char where[640], sql[900];
    sqlite3_stmt *st;
    snprintf(where, sizeof where, PRUNE_WHERE, t[0], t[1], t[2], scope);
    snprintf(sql, sizeof sql, fmt, where);
    if (sqlPrepare(q, sql, &st, "snapshot")) return GH_EIO;
    sqlite3_bind_int64(st, 1, import_id);
    sqlBindText(st, 2, list);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) return sqlFail(q, "snapshot");
    if (changed) *changed += sqlite3_changes(q->db);
    return 0;
}

static int sqliteStagePrune(storeBackend *b, unsigned target, listKind list, storeSnapshot scope, int64_t import_id,
                            int64_t *removed) {
    sqliteStore *q = SQ(b);
    *removed = 0;
    if ((target != FACT_INTERVAL && target != FACT_PENALTY) || (int)list < 0 || list >= LIST__COUNT ||
        (scope != STORE_SNAPSHOT_BUSINESSES && scope != STORE_SNAPSHOT_ALL))
        return storeErrSet(q->base.err, GH_EINVAL, NULL, "snapshot: 只适用于名单和行政处罚 (lists and penalties only)");
    const char *const *t = pruneTables[target == FACT_PENALTY];
    const char *in_file = scope == STORE_SNAPSHOT_BUSINESSES
                              ? " AND x.uscc IN (SELECT uscc FROM stage WHERE line NOT IN (SELECT line FROM bad))" : "";
    const char *code = target == FACT_INTERVAL ? sqlListCodes[list] : "penalty";
    /* the history first: after the delete, nothing would say whose entries went */
    return sqlExec(q, "CREATE INDEX IF NOT EXISTS temp.stage_uscc ON stage(uscc)") ||
           stagePruneRun(q, "INSERT OR IGNORE INTO business_imports(uscc,import_id) SELECT DISTINCT x.uscc, ?1 %s",
                         t, in_file, import_id, code, NULL) ||
           stagePruneRun(q, "DELETE %s", t, in_file, import_id, code, removed)
               ? GH_EIO : 0;
}

void sqliteStageInstall(storeBackend *b) {
    b->stageBegin = sqliteStageBegin;
    b->stageRows = sqliteStageRows;
    b->stageBad = sqliteStageBad;
    b->stageMarkDuplicateKeys = sqliteStageMarkDuplicateKeys;
    b->stageMarkUnknownBusinesses = sqliteStageMarkUnknownBusinesses;
    b->stageCountUnknownBusinesses = sqliteStageCountUnknownBusinesses;
    b->stageEachBad = sqliteStageEachBad;
    b->stageApply = sqliteStageApply;
    b->stagePrune = sqliteStagePrune;
}
