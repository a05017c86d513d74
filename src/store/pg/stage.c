/* Staged facts: sent with COPY into a temporary table as read, checked set-based,
 * and applied target by target with INSERT … ON CONFLICT in USCC order. A key the
 * file repeats is applied once, its last line winning, as the SQLite backend's
 * row-by-row upserts leave it. Temporary tables live on the server: memory does
 * not grow with the file. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include "rules/typing.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TX " text COLLATE \"C\""
static const char stageSchema[] =
    "DROP TABLE IF EXISTS pg_temp.stage; DROP TABLE IF EXISTS pg_temp.bad;"
    "CREATE TEMP TABLE stage(line bigint NOT NULL, key" TX " NOT NULL, uscc" TX " NOT NULL, name" TX ","
    "  operator_name" TX ", operator_id" TX ", established date, status" TX ", seasonal integer, town" TX ","
    "  industry" TX ", address" TX ", legacy" TX ", year integer, filed_on date, revenue bigint, employees bigint,"
    "  count bigint, tax_paid bigint, taxreg integer, gentax integer, list" TX ", from_date date, to_date date,"
    "  reg_no" TX ", patent_no" TX ", holder" TX ", in_use integer, publicized integer, decided_on date,"
    "  repaired_on date, penalty" TX ", grp integer, city_type" TX ");"
    "CREATE TEMP TABLE bad(n bigint GENERATED ALWAYS AS IDENTITY, line bigint NOT NULL, field text NOT NULL,"
    "  message text NOT NULL);";
static const char stageCopy[] = "COPY pg_temp.stage FROM STDIN";
/* The good staged rows (no bad line), as "s". */
#define GOOD "FROM pg_temp.stage s WHERE NOT EXISTS (SELECT 1 FROM pg_temp.bad d WHERE d.line=s.line)"

/* Sends the buffered rows and, once per staging, gathers the table's statistics
 * (temporary tables are not analysed by autovacuum: without them the planner
 * would guess the file's size). */
static int stageReady(pgStore *p) {
    int rc = pgCopyPending(p);
    if (!rc && !p->stage_analysed) {
        rc = pgExec(p, "ANALYZE pg_temp.stage(line, key, uscc, year)"); /* what the checks join on */
        if (!rc) p->stage_analysed = true;
    }
    return rc;
}

static int pgStageBegin(storeBackend *b, unsigned targets) {
    (void)targets; /* COPY sends every column: its cost is the text, not the count */
    pgStore *p = PG(b);
    sbufClear(&p->copy);
    p->copy_target = 0;
    p->stage_analysed = false;
    return pgExec(p, stageSchema);
}

/* Appends an integer field (NULL when !has). */
static void stageInt(sbuf *b, bool has, int64_t v) {
    char buf[24];
    pgCopyField(b, has ? pgI64(buf, v) : NULL, false);
}
static void stageDate(sbuf *b, civilDate d) {
    char buf[DATE_STRLEN];
    pgCopyField(b, pgDate(buf, d), false);
}

static int pgStageRow(storeBackend *b, const bizFact *r, const char *key, uint64_t line) {
    pgStore *p = PG(b);
    sbuf *c = &p->copy;
    if (p->copy_target != PG_ST_STAGE && (p->copy.len || p->copy.failed)) {
        const int rc = pgCopyPending(p); /* another table's rows first */
        if (rc) return rc;
    }
    p->copy_target = PG_ST_STAGE;
    p->copy_sql = stageCopy;
    p->stage_analysed = false; /* rows after an analysis: analyse again */
    stageInt(c, true, (int64_t)line);
    pgCopyField(c, key, false);
    pgCopyField(c, r->uscc, false);
    pgCopyField(c, r->name, false);
    pgCopyField(c, r->operator_name, false);
    pgCopyField(c, r->operator_id, false);
    stageDate(c, r->established);
    pgCopyField(c, pgStatusCodes[r->status], false);
    stageInt(c, true, r->seasonal);
    pgCopyField(c, r->town, false);
    pgCopyField(c, r->industry, false);
    pgCopyField(c, r->address, false);
    pgCopyField(c, r->legacy_reg_no[0] ? r->legacy_reg_no : NULL, false);
    stageInt(c, r->has_year, r->year);
    stageDate(c, r->filed_on);
    stageInt(c, r->has_revenue, r->revenue);
    stageInt(c, r->employees >= 0, r->employees);
    stageInt(c, r->has_count, r->count);
    stageInt(c, r->has_tax_paid, r->tax_paid);
    stageInt(c, r->has_tax_registered, r->tax_registered);
    stageInt(c, r->has_general_taxpayer, r->general_taxpayer);
    pgCopyField(c, r->has_interval ? pgListCodes[r->list] : NULL, false);
    stageDate(c, r->has_interval ? r->from : DATE_NONE);
    stageDate(c, r->has_interval ? r->to : DATE_NONE);
    pgCopyField(c, r->reg_no, false);
    pgCopyField(c, r->patent_no, false);
    pgCopyField(c, pgHolderCodes[r->holder], false);
    stageInt(c, true, r->in_use);
    stageInt(c, true, r->publicized);
    stageDate(c, r->decided_on);
    stageDate(c, r->repaired_on);
    pgCopyField(c, pgPenaltyCodes[r->penalty], false);
    stageInt(c, true, (int64_t)r->group);
    pgCopyField(c, r->city_type >= TYPE_SURVIVAL && r->city_type <= TYPE_INELIGIBLE ? typingTypeCode((bizType)r->city_type)
                                                                                   : NULL,
                true);
    if (c->len < PG_COPY_MAX && !c->failed) return 0;
    return pgCopyFlush(p, stageCopy);
}

/* The rows go into the same COPY buffer one after the other. */
static int pgStageRows(storeBackend *b, const storeStaged *rows, size_t n) {
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) rc = pgStageRow(b, rows[i].fact, rows[i].key, rows[i].line);
    return rc;
}

static int pgStageBad(storeBackend *b, uint64_t line, const char *field, const char *msg) {
    char l[24];
    const char *params[3] = {pgI64(l, (int64_t)line), field, msg};
    return pgCmd(PG(b), PG_ST_STAGE + 0, "INSERT INTO pg_temp.bad(line,field,message) VALUES($1::bigint,$2,$3)", 3,
                 params, NULL, "bad");
}

/* Runs one statement of the staging with $1 = text; adds its row count to *changed. */
static int stageRun(pgStore *p, const char *sql, const char *text, int64_t *changed) {
    int64_t n = 0;
    const int rc = pgCmd(p, -1, sql, 1, &text, &n, "stage");
    if (!rc && changed) *changed += n;
    return rc;
}

static int pgStageMarkDuplicateKeys(storeBackend *b, const char *message) {
    pgStore *p = PG(b);
    int rc = stageReady(p);
    if (!rc)
        rc = stageRun(p, "INSERT INTO pg_temp.bad(line,field,message) SELECT line,'uscc',$1 FROM (SELECT line, "
                         "row_number() OVER (PARTITION BY key ORDER BY line) AS k FROM pg_temp.stage) t WHERE k > 1 "
                         "ORDER BY line",
                      message, NULL);
    return rc;
}

static int pgStageMarkUnknownBusinesses(storeBackend *b, const char *message) {
    pgStore *p = PG(b);
    int rc = stageReady(p);
    if (!rc)
        rc = stageRun(p, "INSERT INTO pg_temp.bad(line,field,message) SELECT line,'uscc',$1 FROM pg_temp.stage s "
                         "WHERE NOT EXISTS (SELECT 1 FROM businesses x WHERE x.uscc=s.uscc) ORDER BY line",
                      message, NULL);
    return rc;
}

static int pgStageCountUnknownBusinesses(storeBackend *b, int64_t *n) {
    pgStore *p = PG(b);
    int rc = stageReady(p);
    if (rc) return rc;
    PGresult *r = pgQuery(p, -1, "SELECT count(*) " GOOD " AND NOT EXISTS (SELECT 1 FROM businesses x WHERE "
                                 "x.uscc=s.uscc)", 0, NULL, &rc, "stage");
    if (!r) return rc;
    *n = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

typedef struct stageBadWalk {
    storeBadFn fn;
    void *ctx;
    int64_t last, *lines;
} stageBadWalk;

static int stageBadRow(void *ctx, PGresult *r, int row) {
    stageBadWalk *w = ctx;
    const int64_t line = pgInt(r, row, 0);
    if (line != w->last) (*w->lines)++;
    w->last = line;
    return w->fn(w->ctx, (uint64_t)line, pgText(r, row, 1), pgText(r, row, 2));
}

static int pgStageEachBad(storeBackend *b, storeBadFn fn, void *ctx, int64_t *lines) {
    pgStore *p = PG(b);
    *lines = 0;
    int rc = stageReady(p);
    if (rc) return rc;
    stageBadWalk w = {fn, ctx, -1, lines};
    return pgEach(p, "SELECT line, field, message FROM pg_temp.bad ORDER BY line, n", 0, NULL, stageBadRow, &w, "bad");
}



/* One set-based statement per target table, in this order; rows go in USCC order.
 * The WHERE of each DO UPDATE makes an unchanged row a no-op, so the row counts
 * are real changes. table: where the import history looks for rows of this import. */
typedef struct stageApplySql { unsigned target; const char *table, *sql; } stageApplySql; /* table NULL: no history */
/* The good rows, the last line of each key K. */
#define LAST(K, COLS, AND) "SELECT DISTINCT ON (" K ") " COLS " " GOOD AND " ORDER BY " K ", s.line DESC"
static const stageApplySql stageApplySqls[] = {
    {FACT_REGISTRATION, "businesses",
     "INSERT INTO businesses AS t(uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,"
     "address,legacy_reg_no,import_id) " LAST("uscc", "uscc,name,operator_name,operator_id,established,status,"
     "seasonal,town,industry,address,legacy,$1::bigint", "") " ON CONFLICT(uscc) DO UPDATE SET name=EXCLUDED.name,"
     "operator_name=EXCLUDED.operator_name,operator_id=EXCLUDED.operator_id,established=EXCLUDED.established,"
     "status=EXCLUDED.status,seasonal=EXCLUDED.seasonal,town=EXCLUDED.town,industry=EXCLUDED.industry,"
     "address=EXCLUDED.address,legacy_reg_no=EXCLUDED.legacy_reg_no,import_id=EXCLUDED.import_id "
     "WHERE (t.name,t.operator_name,t.operator_id,t.established,t.status,t.seasonal,t.town,t.industry,t.address,"
     "t.legacy_reg_no) IS DISTINCT FROM (EXCLUDED.name,EXCLUDED.operator_name,EXCLUDED.operator_id,"
     "EXCLUDED.established,EXCLUDED.status,EXCLUDED.seasonal,EXCLUDED.town,EXCLUDED.industry,EXCLUDED.address,"
     "EXCLUDED.legacy_reg_no)"},
    {FACT_ANNUAL_REPORT, "annual_reports",
     "INSERT INTO annual_reports AS t(uscc,year,filed_on,revenue,employees,import_id) "
     LAST("uscc,year", "uscc,year,filed_on,revenue,employees,$1::bigint", "") " ON CONFLICT(uscc,year) DO UPDATE "
     "SET filed_on=EXCLUDED.filed_on,revenue=EXCLUDED.revenue,employees=EXCLUDED.employees,"
     "import_id=EXCLUDED.import_id WHERE (t.filed_on,t.revenue,t.employees) IS DISTINCT FROM "
     "(EXCLUDED.filed_on,EXCLUDED.revenue,EXCLUDED.employees)"},
    {FACT_TAX_FLAGS, "businesses",
     "UPDATE businesses t SET tax_registered=f.v, import_id=$1::bigint FROM (" LAST("uscc", "uscc, taxreg AS v",
     " AND taxreg IS NOT NULL") ") f WHERE t.uscc=f.uscc AND t.tax_registered<>f.v"},
    {FACT_TAX_FLAGS, "businesses",
     "UPDATE businesses t SET general_taxpayer=f.v, import_id=$1::bigint FROM (" LAST("uscc", "uscc, gentax AS v",
     " AND gentax IS NOT NULL") ") f WHERE t.uscc=f.uscc AND t.general_taxpayer<>f.v"},
    {FACT_TAX_PAID, "tax_paid",
     "INSERT INTO tax_paid AS t(uscc,year,amount,import_id) " LAST("uscc,year", "uscc,year,tax_paid,$1::bigint",
     " AND tax_paid IS NOT NULL") " ON CONFLICT(uscc,year) DO UPDATE SET amount=EXCLUDED.amount,"
     "import_id=EXCLUDED.import_id WHERE t.amount IS DISTINCT FROM EXCLUDED.amount"},
    {FACT_INSURED, "insured",
     "INSERT INTO insured AS t(uscc,year,count,import_id) " LAST("uscc,year", "uscc,year,count,$1::bigint", "")
     " ON CONFLICT(uscc,year) DO UPDATE SET count=EXCLUDED.count,import_id=EXCLUDED.import_id "
     "WHERE t.count IS DISTINCT FROM EXCLUDED.count"},
    {FACT_TRADEMARK, "trademarks",
     "INSERT INTO trademarks AS t(uscc,reg_no,holder,in_use,import_id) " LAST("uscc,reg_no",
     "uscc,reg_no,holder,in_use,$1::bigint", "") " ON CONFLICT(uscc,reg_no) DO UPDATE SET holder=EXCLUDED.holder,"
     "in_use=EXCLUDED.in_use,import_id=EXCLUDED.import_id WHERE (t.holder,t.in_use) IS DISTINCT FROM "
     "(EXCLUDED.holder,EXCLUDED.in_use)"},
    {FACT_PATENT, "patents",
     "INSERT INTO patents AS t(uscc,number,holder,import_id) " LAST("uscc,patent_no",
     "uscc,patent_no,holder,$1::bigint", "") " ON CONFLICT(uscc,number) DO UPDATE SET holder=EXCLUDED.holder,"
     "import_id=EXCLUDED.import_id WHERE t.holder IS DISTINCT FROM EXCLUDED.holder"},
    {FACT_PENALTY, "penalties",
     "INSERT INTO penalties AS t(uscc,decided_on,kind,publicized,repaired_on,import_id) " LAST("uscc,decided_on,penalty",
     "uscc,decided_on,penalty,publicized,repaired_on,$1::bigint", "") " ON CONFLICT(uscc,decided_on,kind) DO UPDATE "
     "SET publicized=EXCLUDED.publicized,repaired_on=EXCLUDED.repaired_on,import_id=EXCLUDED.import_id "
     "WHERE (t.publicized,t.repaired_on) IS DISTINCT FROM (EXCLUDED.publicized,EXCLUDED.repaired_on)"},
    {FACT_OPERATOR_GROUP, "businesses", /* groups are distinct bits: their OR is their union */
     "UPDATE businesses t SET operator_groups=t.operator_groups|g.bits, import_id=$1::bigint FROM (SELECT uscc, "
     "bit_or(grp) AS bits " GOOD " GROUP BY uscc) g WHERE t.uscc=g.uscc AND (t.operator_groups|g.bits)<>"
     "t.operator_groups"},
    /* the city's result replaces the city's result of each year the file gives (decision 120); not a
     * fact of the business, so not in its import history (NULL table) */
    {FACT_CITY_TYPE, NULL,
     "DELETE FROM city_results c WHERE $1::bigint IS NOT NULL AND c.year IN (SELECT DISTINCT year " GOOD ") AND "
     "NOT EXISTS (SELECT 1 " GOOD " AND s.year=c.year AND s.uscc=c.uscc)"},
    {FACT_CITY_TYPE, NULL,
     "INSERT INTO city_results AS t(year,uscc,type,import_id) " LAST("year,uscc", "year,uscc,city_type,$1::bigint",
     "") " ON CONFLICT(year,uscc) DO UPDATE SET type=EXCLUDED.type,import_id=EXCLUDED.import_id "
     "WHERE t.type IS DISTINCT FROM EXCLUDED.type"},
};

/* The interval lists (and the tax kind's 非正常户 columns), where the fact gives one. */
static const stageApplySql stageApplyIntervals = {
    FACT_INTERVAL, "intervals",
    "INSERT INTO intervals AS t(uscc,list,from_date,to_date,import_id) " LAST("uscc,list,from_date",
    "uscc,list,from_date,to_date,$1::bigint", " AND from_date IS NOT NULL") " ON CONFLICT(uscc,list,from_date) "
    "DO UPDATE SET to_date=EXCLUDED.to_date,import_id=EXCLUDED.import_id WHERE t.to_date IS DISTINCT FROM "
    "EXCLUDED.to_date"};
#undef LAST

/* Import history: every staged business whose rows of table now carry this
 * import, each business once. large: the import changed at least a quarter as many
 * rows as the directory has businesses; its rows are found by a scan of the table
 * rather than a look-up per staged business (decision 281). */
static int stageTouch(pgStore *p, const char *table, const char *import_id, bool large) {
    char sql[512];
    if (large)
        snprintf(sql, sizeof sql, "INSERT INTO business_imports(uscc,import_id) SELECT DISTINCT uscc, $1::bigint FROM %s "
                 "WHERE import_id=$1::bigint ORDER BY 1 ON CONFLICT DO NOTHING", table);
    else
        snprintf(sql, sizeof sql,
                 "INSERT INTO business_imports(uscc,import_id) SELECT u, $1::bigint FROM "
                 "(SELECT DISTINCT uscc AS u FROM pg_temp.stage) d WHERE EXISTS (SELECT 1 FROM %s x WHERE x.uscc=d.u "
                 "AND x.import_id=$1::bigint) ORDER BY u ON CONFLICT DO NOTHING", table);
    return stageRun(p, sql, import_id, NULL);
}

/* One integer of a query without parameters; *v, or the failure's code. */
static int stageInt1(pgStore *p, const char *sql, int64_t *v) {
    int rc;
    PGresult *r = pgQuery(p, -1, sql, 0, NULL, &rc, "stage");
    if (!r) return rc;
    *v = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

/* Runs one apply statement; a registration file more than twice the size of the
 * directory loads with the secondary indexes of businesses built after (decision 283). */
static int stageApplyOne(pgStore *p, const stageApplySql *a, const char *imp, int64_t *changed) {
    if (a->target != FACT_REGISTRATION) return stageRun(p, a->sql, imp, changed);
    int64_t staged;
    char *saved;
    int rc = stageInt1(p, "SELECT count(*) FROM pg_temp.stage", &staged);
    if (!rc) rc = pgBulkDropIndexes(p, "businesses", staged, &saved);
    if (rc) return rc;
    rc = stageRun(p, a->sql, imp, changed);
    if (rc) {
        free(saved);
        return rc;
    }
    return pgBulkRebuildIndexes(p, saved);
}

static int pgStageApply(storeBackend *b, unsigned targets, int64_t import_id, int64_t *changed) {
    pgStore *p = PG(b);
    enum { N = sizeof stageApplySqls / sizeof stageApplySqls[0] };
    const stageApplySql *todo[N + 1];
    int n = 0, rc = stageReady(p);
    for (int i = 0; i < N; i++)
        if (targets & stageApplySqls[i].target) todo[n++] = &stageApplySqls[i];
    if (targets & FACT_INTERVAL) todo[n++] = &stageApplyIntervals;
    *changed = 0;
    char imp[24];
    pgI64(imp, import_id);
    for (int i = 0; i < n && !rc; i++) rc = stageApplyOne(p, todo[i], imp, changed);
    int64_t directory = 0;
    if (!rc && *changed) rc = stageInt1(p, "SELECT coalesce(max(id),0) FROM businesses", &directory);
    for (int i = 0; i < n && !rc && *changed; i++) {
        bool seen = !todo[i]->table; /* each table once; none for what is no fact of the business */
        for (int j = 0; j < i && !seen; j++) seen |= todo[j]->table && !strcmp(todo[j]->table, todo[i]->table);
        if (!seen) rc = stageTouch(p, todo[i]->table, imp, *changed >= directory / 4);
    }
    return rc;
}

/* The entries a snapshot removes: of the list ($2), not given by a good staged row,
 * and (businesses scope) of a business the file names. %s: the table, its key
 * match against the staged row s, and the scope's condition. */
#define PRUNE_WHERE "FROM %s AS x WHERE $1::bigint IS NOT NULL AND %s AND NOT EXISTS (SELECT 1 FROM pg_temp.stage s " \
                    "WHERE s.uscc=x.uscc AND %s AND NOT EXISTS (SELECT 1 FROM pg_temp.bad d WHERE d.line=s.line))%s"
static const char *const pruneTables[2][3] = {
    {"intervals", "x.list=$2", "s.list=x.list AND s.from_date=x.from_date"},
    {"penalties", "$2::text IS NOT NULL", "s.decided_on=x.decided_on AND s.penalty=x.kind"},
};

/* Runs one prune statement (fmt with PRUNE_WHERE's parts) with $1 import_id, $2 the list code. */
static int stagePruneRun(pgStore *p, const char *fmt, const char *const *t, const char *scope, const char *import_id,
                         const char *list, int64_t *changed) {
    char where[700], sql[960];
    snprintf(where, sizeof where, PRUNE_WHERE, t[0], t[1], t[2], scope);
    snprintf(sql, sizeof sql, fmt, where);
    const char *params[2] = {import_id, list};
    int64_t n = 0;
    const int rc = pgCmd(p, -1, sql, 2, params, &n, "snapshot");
    if (!rc && changed) *changed += n;
    return rc;
}

static int pgStagePrune(storeBackend *b, unsigned target, listKind list, storeSnapshot scope, int64_t import_id,
                        int64_t *removed) {
    pgStore *p = PG(b);
    *removed = 0;
    if ((target != FACT_INTERVAL && target != FACT_PENALTY) || (int)list < 0 || list >= LIST__COUNT ||
        (scope != STORE_SNAPSHOT_BUSINESSES && scope != STORE_SNAPSHOT_ALL))
        return storeErrSet(p->base.err, GH_EINVAL, NULL, "snapshot: 只适用于名单和行政处罚 (lists and penalties only)");
    const char *const *t = pruneTables[target == FACT_PENALTY];
    const char *in_file = scope == STORE_SNAPSHOT_BUSINESSES
                              ? " AND x.uscc IN (SELECT s.uscc " GOOD ")" : "";
    const char *code = target == FACT_INTERVAL ? pgListCodes[list] : "penalty";
    char imp[24];
    pgI64(imp, import_id);
    /* the history first: after the delete, nothing would say whose entries went */
    int rc = stageReady(p);
    if (!rc)
        rc = stagePruneRun(p, "INSERT INTO business_imports(uscc,import_id) SELECT DISTINCT x.uscc, $1::bigint %s "
                              "ON CONFLICT DO NOTHING", t, in_file, imp, code, NULL);
    if (!rc) rc = stagePruneRun(p, "DELETE %s", t, in_file, imp, code, removed);
    return rc;
}

void pgStageInstall(storeBackend *b) {
    b->stageBegin = pgStageBegin;
    b->stageRows = pgStageRows;
    b->stageBad = pgStageBad;
    b->stageMarkDuplicateKeys = pgStageMarkDuplicateKeys;
    b->stageMarkUnknownBusinesses = pgStageMarkUnknownBusinesses;
    b->stageCountUnknownBusinesses = pgStageCountUnknownBusinesses;
    b->stageEachBad = pgStageEachBad;
    b->stageApply = pgStageApply;
    b->stagePrune = pgStagePrune;
}
