/* Measures (issue 10): entitlement changes, the departments' work on measures and
 * the coverage counts. Entitlements themselves are never stored: the queries
 * return the published type and the categories held, and the rules decide. */
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "store/sqlite/round_int.h"

static const char *const changeKinds[] = {"publication", "category", "correction"};
static const char *const workCodes[] = {"pending", "contacted", "served", "not_needed"};

/* The categories held on day ?N by each business, as a table h(uscc, held): A3.3.5
 * validity and A3.2.1 "次年1月1日起" (a recognition year before the day's year). */
#define HELD_CTE(N)                                                                                            \
    "h AS (SELECT uscc, sum(DISTINCT CASE category WHEN 'famous' THEN 1 WHEN 'characteristic' THEN 2"       \
    " WHEN 'quality' THEN 4 WHEN 'emerging' THEN 8 ELSE 0 END) AS held FROM round_recognitions"              \
    " WHERE ended='held' AND recognised_on<=?" #N " AND expires>?" #N                                         \
    " AND year<CAST(substr(?" #N ",1,4) AS INTEGER) GROUP BY uscc)"

static void bindType(sqlite3_stmt *st, int i, int type) {
    const char *t = type >= 0 ? typingTypeCode((bizType)type) : NULL;
    if (t) sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
    else sqlite3_bind_null(st, i);
}

static int colType(sqlite3_stmt *st, int i) {
    bizType t;
    const char *s = sqlColText(st, i);
    return s && !typingTypeParse(&t, s) ? (int)t : -1;
}

static int sqliteMeasureChangeAdd(storeBackend *b, const storeMeasureChange *c, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (c->kind < MCHANGE_PUBLICATION || c->kind > MCHANGE_CORRECTION)
        return storeErrSet(b->err, GH_EINVAL, "kind", "measure change: unknown kind");
    if (sqlPrepare(q, "INSERT INTO measure_changes(kind,ref,uscc,before_type,before_held,after_type,after_held,at)"
                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &st, "measure_changes"))
        return GH_EIO;
    sqlite3_bind_text(st, 1, changeKinds[c->kind], -1, SQLITE_STATIC);
    sqlBindText(st, 2, c->ref);
    sqlBindText(st, 3, c->uscc);
    bindType(st, 4, c->before_type);
    sqlite3_bind_int(st, 5, (int)c->before_held);
    bindType(st, 6, c->after_type);
    sqlite3_bind_int(st, 7, (int)c->after_held);
    sqlBindText(st, 8, c->at);
    return roundInsertFinal(q, st, "measure_changes", id);
}

/* One change row: the business's type before (-1: none) and after (-1: none). */
static int mcInsert(sqliteStore *q, sqlite3_stmt *ins, const char *uscc, int before, int after, unsigned held,
                    int64_t *n) {
    sqlite3_reset(ins);
    sqlBindText(ins, 2, uscc);
    bindType(ins, 3, before);
    sqlite3_bind_int(ins, 4, (int)held);
    bindType(ins, 5, after);
    const int rc = sqlDone(q, ins, NULL, "measure_changes");
    if (!rc) ++*n;
    return rc;
}

/* The categories uscc held (0: none), the cursor h moving forward over the held
 * table in USCC order (*hrc: SQLITE_ROW while on a row). */
static int mcHeld(sqliteStore *q, sqlite3_stmt *h, int *hrc, const char *uscc, unsigned *held) {
    while (*hrc == SQLITE_ROW && strcmp(sqlColText(h, 0), uscc) < 0) *hrc = sqlite3_step(h);
    if (*hrc != SQLITE_ROW && *hrc != SQLITE_DONE) return sqlFail(q, "measure_changes");
    *held = *hrc == SQLITE_ROW && strcmp(sqlColText(h, 0), uscc) == 0 ? (unsigned)sqlite3_column_int(h, 1) : 0;
    return 0;
}

/* One merge of the two runs in USCC order (decision 293). Pass 0 writes the
 * businesses of the new run whose type differs or that had no result, pass 1 those
 * of the old run with no result in the new one: the rows and their order (ids) of
 * the two set-based inserts this replaces, without a look-up per result. *gone
 * counts the old run's businesses with no result in the new one (pass 1's rows). */
static int mcPass(sqliteStore *q, int pass, int64_t run_id, int64_t before_run, civilDate on, sqlite3_stmt *ins,
                  int64_t *n, int64_t *gone) {
    sqliteRunRead x = {0}, y = {0}; /* old, new */
    sqlite3_stmt *h = NULL;
    int hrc = SQLITE_DONE;
    int rc = sqliteRunReadOpen(q, &x, before_run);
    if (!rc) rc = sqliteRunReadOpen(q, &y, run_id);
    if (!rc) rc = sqlPrepare(q, "WITH " HELD_CTE(1) " SELECT uscc, held FROM h ORDER BY uscc", &h, "measure_changes");
    if (!rc) {
        sqlBindDate(h, 1, on);
        hrc = sqlite3_step(h);
    }
    while (!rc && (x.on || y.on)) {
        const int c = !x.on ? 1 : !y.on ? -1 : strcmp(x.uscc, y.uscc);
        const char *u = c <= 0 ? x.uscc : y.uscc;
        const int before = c <= 0 ? x.type : -1, after = c >= 0 ? y.type : -1;
        unsigned held;
        if (c < 0) ++*gone;
        if (pass == 0 ? c >= 0 && before != after : c < 0) {
            rc = mcHeld(q, h, &hrc, u, &held);
            if (!rc) rc = mcInsert(q, ins, u, before, after, held, n);
        }
        if (!rc && c <= 0) rc = sqliteRunReadNext(q, &x);
        if (!rc && c >= 0) rc = sqliteRunReadNext(q, &y);
    }
    sqliteRunReadClose(&x);
    sqliteRunReadClose(&y);
    sqlite3_finalize(h);
    return rc;
}

static int sqliteMeasureChangesAtPublish(storeBackend *b, int64_t run_id, int64_t before_run, const char *ref,
                                         civilDate on, const char *at, int64_t *n) {
    sqliteStore *q = SQ(b);
    *n = 0;
    int rc = sqlInTransaction(q, "measure changes");
    if (rc || !before_run) return rc;
    /* Decision 304: the insert is compiled without the table's CHECK on kind, whose
     * IN list SQLite 3.40 builds as a temporary b-tree for every row; the kind
     * written is the constant 'publication'. Checks are back on before returning. */
    sqlite3_stmt *ins = NULL;
    rc = sqlExec(q, "PRAGMA ignore_check_constraints=1");
    if (!rc && sqlPrepare(q, "INSERT INTO measure_changes(kind,ref,uscc,before_type,before_held,after_type,after_held,at)"
                             " VALUES('publication',?1,?2,?3,?4,?5,?4,?6)", &ins, "measure_changes"))
        rc = GH_EIO;
    if (!rc) {
        sqlBindText(ins, 1, ref);
        sqlBindText(ins, 6, at);
    }
    int64_t gone = 0; /* decision 303: pass 1 only when pass 0 met a business it would write */
    if (!rc) rc = mcPass(q, 0, run_id, before_run, on, ins, n, &gone);
    if (!rc && gone) rc = mcPass(q, 1, run_id, before_run, on, ins, n, &gone);
    sqlite3_finalize(ins);
    const int back = sqlExec(q, "PRAGMA ignore_check_constraints=0");
    return rc ? rc : back;
}

static int sqliteEachMeasureChange(storeBackend *b, storeMeasureChangeKind kind, const char *ref, int64_t after_id,
                                   int limit, storeMeasureChangeFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (kind < MCHANGE_PUBLICATION || kind > MCHANGE_CORRECTION)
        return storeErrSet(b->err, GH_EINVAL, "kind", "measure change: unknown kind");
    if (sqlPrepare(q, "SELECT id,ref,uscc,before_type,before_held,after_type,after_held,at FROM measure_changes"
                      " WHERE kind=?1 AND ref=?2 AND id>?3 ORDER BY id LIMIT ?4", &st, "measure_changes"))
        return GH_EIO;
    sqlite3_bind_text(st, 1, changeKinds[kind], -1, SQLITE_STATIC);
    sqlBindText(st, 2, ref);
    sqlite3_bind_int64(st, 3, after_id);
    sqlite3_bind_int(st, 4, limit);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeMeasureChange c = {.id = sqlite3_column_int64(st, 0), .kind = kind, .ref = sqlColText(st, 1),
                                      .uscc = sqlColText(st, 2), .before_type = colType(st, 3),
                                      .before_held = (unsigned)sqlite3_column_int(st, 4),
                                      .after_type = colType(st, 5),
                                      .after_held = (unsigned)sqlite3_column_int(st, 6), .at = sqlColText(st, 7)};
        k = fn(ctx, &c);
    }
    return roundWalkEnd(q, st, rc, k, "measure_changes");
}

static int sqliteHeldCategories(storeBackend *b, const char *uscc, civilDate on, unsigned *held) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "WITH " HELD_CTE(2) " SELECT held FROM h WHERE uscc=?1", &st, "round_recognitions"))
        return GH_EIO;
    sqlBindText(st, 1, uscc);
    sqlBindDate(st, 2, on);
    *held = 0;
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *held = (unsigned)sqlite3_column_int(st, 0);
    return roundWalkEnd(q, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0, "round_recognitions");
}

static int sqliteWorkMarkSet(storeBackend *b, const storeWorkMark *m, storeWorkStatus *before) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (m->status < MWORK_PENDING || m->status > MWORK_NOT_NEEDED)
        return storeErrSet(b->err, GH_EINVAL, "status", "measure work: unknown status");
    *before = MWORK_PENDING;
    if (sqlPrepare(q, "SELECT status FROM measure_work WHERE measure=?1 AND department=?2 AND uscc=?3", &st,
                   "measure_work"))
        return GH_EIO;
    sqlBindText(st, 1, m->measure);
    sqlBindText(st, 2, m->department);
    sqlBindText(st, 3, m->uscc);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) *before = (storeWorkStatus)sqlCode(workCodes, 4, sqlColText(st, 0));
    if ((int)*before < 0) *before = MWORK_PENDING;
    if ((rc = roundWalkEnd(q, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0, "measure_work"))) return rc;
    if (sqlPrepare(q, "INSERT INTO measure_work(measure,department,uscc,status,on_date,note,actor,at)"
                      " VALUES(?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(measure,department,uscc) DO UPDATE SET"
                      " status=excluded.status,on_date=excluded.on_date,note=excluded.note,actor=excluded.actor,"
                      "at=excluded.at", &st, "measure_work"))
        return GH_EIO;
    sqlBindText(st, 1, m->measure);
    sqlBindText(st, 2, m->department);
    sqlBindText(st, 3, m->uscc);
    sqlite3_bind_text(st, 4, workCodes[m->status], -1, SQLITE_STATIC);
    sqlBindDate(st, 5, m->on);
    sqlBindText(st, 6, m->note);
    sqlBindText(st, 7, m->by);
    sqlBindText(st, 8, m->at);
    return roundStepFinal(q, st, "measure_work");
}

/* The worklist's FROM and WHERE (shared by the page and the count). A category
 * measure starts from its holders (few); a type measure from the run's results.
 * The count joins only what its filters need, so the total of a million-row list
 * reads the run's results alone; an unused parameter is still named (as "IS NULL"
 * of an unset filter) so that every bind finds its place. */
static void workSql(char *out, size_t n, const storeWorkQuery *w, bool count) {
    const char *order = !w->sort || !strcmp(w->sort, "uscc") ? "r.uscc"
                         : !strcmp(w->sort, "name")          ? "b.name, r.uscc"
                         : !strcmp(w->sort, "town")          ? "b.town, r.uscc"
                         : !strcmp(w->sort, "status")        ? "coalesce(w.status,'pending'), r.uscc"
                                                             : "r.uscc";
    const bool biz = !count || w->town || w->section;
    const bool work = !count || (w->status >= MWORK_PENDING && w->status <= MWORK_NOT_NEEDED);
    const bool held = !count || w->category >= 0;
    snprintf(out, n,
             "WITH " HELD_CTE(3) " SELECT %s FROM %s%s%s"
             " WHERE r.run_id=?1 AND " SQL_RESULT_TYPE("r") "<>'ineligible' AND (?2 IS NULL OR " SQL_RESULT_TYPE("r") "=?2)"
             " AND (?6 = 0 OR (%s & ?6) <> 0) AND %s AND %s AND %s%s %s%s",
             count ? "count(*)"
                   : "r.uscc,b.name,b.town,b.industry," SQL_RESULT_TYPE("r") ",coalesce(h.held,0),coalesce(w.status,'pending'),"
                     "w.on_date,w.note",
             w->category >= 0 ? "h JOIN results r ON r.run_id=?1 AND r.uscc=h.uscc"
             : held           ? "results r LEFT JOIN h ON h.uscc=r.uscc"
                              : "results r",
             biz ? " JOIN businesses b ON b.uscc=r.uscc" : "",
             work ? " LEFT JOIN measure_work w ON w.measure=?4 AND w.department=?5 AND w.uscc=r.uscc" : "",
             held ? "coalesce(h.held,0)" : "0",
             biz ? "(?7 IS NULL OR b.town=?7)" : "?7 IS NULL",
             biz ? "(?8 IS NULL OR substr(b.industry,1,1)=?8)" : "?8 IS NULL",
             work ? "(?9 IS NULL OR coalesce(w.status,'pending')=?9)" : "?9 IS NULL",
             work ? "" : " AND ?4 IS NOT NULL AND ?5 IS NOT NULL",
             count ? "" : "ORDER BY ", count ? "" : order);
    if (!count) strncat(out, " LIMIT ?10 OFFSET ?11", n - strlen(out) - 1);
}

static int workPrepare(sqliteStore *q, const storeWorkQuery *w, bool count, sqlite3_stmt **st) {
    char sql[2048];
    workSql(sql, sizeof sql, w, count);
    if (sqlPrepare(q, sql, st, "measure_work")) return GH_EIO;
    sqlite3_bind_int64(*st, 1, w->run_id);
    bindType(*st, 2, w->type);
    sqlBindDate(*st, 3, w->on);
    sqlBindText(*st, 4, w->measure);
    sqlBindText(*st, 5, w->department);
    sqlite3_bind_int(*st, 6, w->category >= 0 ? 1 << w->category : 0);
    sqlBindText(*st, 7, w->town);
    sqlBindText(*st, 8, w->section);
    if (w->status >= MWORK_PENDING && w->status <= MWORK_NOT_NEEDED)
        sqlite3_bind_text(*st, 9, workCodes[w->status], -1, SQLITE_STATIC);
    if (!count) {
        sqlite3_bind_int(*st, 10, w->limit);
        sqlite3_bind_int64(*st, 11, w->offset);
    }
    return 0;
}

static int sqliteEachWork(storeBackend *b, const storeWorkQuery *w, storeWorkFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (workPrepare(q, w, false, &st)) return GH_EIO;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int t = colType(st, 4), s = sqlCode(workCodes, 4, sqlColText(st, 6));
        const storeWorkRow r = {.uscc = sqlColText(st, 0), .name = sqlColText(st, 1), .town = sqlColText(st, 2),
                                .industry = sqlColText(st, 3), .type = t < 0 ? TYPE_INELIGIBLE : (bizType)t,
                                .held = (unsigned)sqlite3_column_int(st, 5),
                                .status = s < 0 ? MWORK_PENDING : (storeWorkStatus)s, .on = sqlColDate(st, 7),
                                .note = sqlColText(st, 8)};
        k = fn(ctx, &r);
    }
    return roundWalkEnd(q, st, rc, k, "measure_work");
}

static int sqliteWorkCount(storeBackend *b, const storeWorkQuery *w, int64_t *n) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (workPrepare(q, w, true, &st)) return GH_EIO;
    const int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
    return roundWalkEnd(q, st, rc == SQLITE_ROW ? SQLITE_DONE : rc, 0, "measure_work");
}

static int sqliteEachEntitledGroup(storeBackend *b, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "WITH " HELD_CTE(2) " SELECT b.town," SQL_RESULT_TYPE("r") ",coalesce(h.held,0),count(*) FROM results r"
                      " JOIN businesses b ON b.uscc=r.uscc LEFT JOIN h ON h.uscc=r.uscc WHERE r.run_id=?1"
                      " GROUP BY 1,2,3 ORDER BY 1,2,3", &st, "results"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    sqlBindDate(st, 2, on);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int t = colType(st, 1);
        if (t >= 0)
            k = fn(ctx, sqlColText(st, 0), (bizType)t, (unsigned)sqlite3_column_int(st, 2),
                   sqlite3_column_int64(st, 3));
    }
    return roundWalkEnd(q, st, rc, k, "results");
}

static int sqliteEachServedGroup(storeBackend *b, int64_t run_id, civilDate on, storeServedFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "WITH " HELD_CTE(2) " SELECT w.measure,w.department,b.town," SQL_RESULT_TYPE("r") ",coalesce(h.held,0),count(*)"
                      " FROM measure_work w JOIN results r ON r.run_id=?1 AND r.uscc=w.uscc"
                      " JOIN businesses b ON b.uscc=w.uscc LEFT JOIN h ON h.uscc=w.uscc"
                      " WHERE w.status='served' GROUP BY 1,2,3,4,5 ORDER BY 1,2,3,4,5", &st, "measure_work"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    sqlBindDate(st, 2, on);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const int t = colType(st, 3);
        if (t >= 0)
            k = fn(ctx, sqlColText(st, 0), sqlColText(st, 1), sqlColText(st, 2), (bizType)t,
                   (unsigned)sqlite3_column_int(st, 4), sqlite3_column_int64(st, 5));
    }
    return roundWalkEnd(q, st, rc, k, "measure_work");
}

void sqliteMeasuresInstall(storeBackend *b) {
    b->measureChangeAdd = sqliteMeasureChangeAdd;
    b->measureChangesAtPublish = sqliteMeasureChangesAtPublish;
    b->eachMeasureChange = sqliteEachMeasureChange;
    b->heldCategories = sqliteHeldCategories;
    b->workMarkSet = sqliteWorkMarkSet;
    b->eachWork = sqliteEachWork;
    b->workCount = sqliteWorkCount;
    b->eachEntitledGroup = sqliteEachEntitledGroup;
    b->eachServedGroup = sqliteEachServedGroup;
}
