/* Measures (issue 10) on PostgreSQL (sqlite/measures.c's twin): entitlement
 * changes, the departments' work on measures and the coverage counts. Entitlements
 * themselves are never stored: the queries return the published type (corrections
 * included, decision 101: PR_RESULT_TYPE) and the categories held, and the rules
 * decide. Text sorts in byte order with NULLs first (COLLATE "C" … NULLS FIRST),
 * as SQLite sorts, so that both backends list in the same order (decision 258). */
#include <stdio.h>
#include <string.h>
#include "core/error.h"
#include "store/pg/pg_round_int.h"

#define ST(i) (PG_ST_MEASURES + (i))

static const char *const changeKinds[] = {"publication", "category", "correction"};
static const char *const workCodes[] = {"pending", "contacted", "served", "not_needed"};

static const char *typeParam(int type) { return type >= 0 ? typingTypeCode((bizType)type) : NULL; }

static int colType(PGresult *r, int row, int col) {
    bizType t;
    const char *s = pgText(r, row, col);
    return s && !typingTypeParse(&t, s) ? (int)t : -1;
}

static int pgMeasureChangeAdd(storeBackend *b, const storeMeasureChange *c, int64_t *id) {
    if (c->kind < MCHANGE_PUBLICATION || c->kind > MCHANGE_CORRECTION)
        return storeErrSet(b->err, GH_EINVAL, "kind", "measure change: unknown kind");
    char bh[24], ah[24];
    const char *params[8] = {changeKinds[c->kind], c->ref, c->uscc, typeParam(c->before_type),
                             pgI64(bh, (int64_t)c->before_held), typeParam(c->after_type),
                             pgI64(ah, (int64_t)c->after_held), c->at};
    return prInsertId(PG(b), ST(0), "INSERT INTO measure_changes(kind,ref,uscc,before_type,before_held,after_type,"
                                    "after_held,at) VALUES($1,$2,$3,$4,$5::int,$6,$7::int,$8) RETURNING id",
                      8, params, id, "measure_changes");
}

/* Two set-based inserts: businesses of the new run whose type differs (or that
 * had no result), then businesses of the old run with no result in the new one;
 * ids follow USCC order within each, as in SQLite. */
static int pgMeasureChangesAtPublish(storeBackend *b, int64_t run_id, int64_t before_run, const char *ref,
                                     civilDate on, const char *at, int64_t *n) {
    pgStore *p = PG(b);
    *n = 0;
    int rc = pgInTransaction(p, "measure changes");
    if (!rc && before_run) rc = pgCopyPending(p); /* the run's results still buffered for COPY */
    if (rc || !before_run) return rc;
    static const char *const sql[2] = {
        "WITH " PR_HELD_CTE(5) " INSERT INTO measure_changes(kind,ref,uscc,before_type,before_held,after_type,"
        "after_held,at) SELECT 'publication',$3,uscc,ot,held,nt,held,$4 FROM (SELECT n.uscc AS uscc,"
        PR_RESULT_TYPE("o") " AS ot," PR_RESULT_TYPE("n") " AS nt,coalesce(h.held,0) AS held"
        " FROM results n" PR_RESULT_JOIN("n") " LEFT JOIN results o ON o.run_id=$2::bigint AND o.uscc=n.uscc"
        PR_RESULT_JOIN("o") " LEFT JOIN h ON h.uscc=n.uscc"
        " WHERE n.run_id=$1::bigint) x WHERE ot IS NULL OR ot<>nt ORDER BY uscc COLLATE \"C\"",
        "WITH " PR_HELD_CTE(5) " INSERT INTO measure_changes(kind,ref,uscc,before_type,before_held,after_type,"
        "after_held,at) SELECT 'publication',$3,o.uscc," PR_RESULT_TYPE("o") ",coalesce(h.held,0),NULL,"
        "coalesce(h.held,0),$4 FROM results o" PR_RESULT_JOIN("o") " LEFT JOIN h ON h.uscc=o.uscc"
        " WHERE o.run_id=$2::bigint AND NOT EXISTS(SELECT 1 FROM results n WHERE n.run_id=$1::bigint AND"
        " n.uscc=o.uscc) ORDER BY o.uscc COLLATE \"C\""};
    char r1[24], r2[24], day[DATE_STRLEN];
    const char *params[5] = {pgI64(r1, run_id), pgI64(r2, before_run), ref, at, pgDate(day, on)};
    for (int i = 0; i < 2 && !rc; i++) {
        int64_t changed = 0;
        rc = pgCmd(p, ST(1 + i), sql[i], 5, params, &changed, "measure_changes");
        if (!rc) *n += changed;
    }
    return rc;
}

static int pgEachMeasureChange(storeBackend *b, storeMeasureChangeKind kind, const char *ref, int64_t after_id,
                               int limit, storeMeasureChangeFn fn, void *ctx) {
    pgStore *p = PG(b);
    if (kind < MCHANGE_PUBLICATION || kind > MCHANGE_CORRECTION)
        return storeErrSet(b->err, GH_EINVAL, "kind", "measure change: unknown kind");
    char after[24], lim[24];
    const char *params[4] = {changeKinds[kind], ref, pgI64(after, after_id), limit >= 0 ? pgI64(lim, limit) : NULL};
    int code = 0;
    PGresult *r = pgQuery(p, ST(3), "SELECT id,ref,uscc,before_type,before_held,after_type,after_held," PG_TIME_TEXT("at") " FROM "
                                    "measure_changes WHERE kind=$1 AND ref=$2 AND id>$3::bigint ORDER BY id "
                                    "LIMIT $4::bigint", 4, params, &code, "measure_changes");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const storeMeasureChange c = {.id = pgInt(r, i, 0), .kind = kind, .ref = pgText(r, i, 1),
                                      .uscc = pgText(r, i, 2), .before_type = colType(r, i, 3),
                                      .before_held = (unsigned)pgInt(r, i, 4), .after_type = colType(r, i, 5),
                                      .after_held = (unsigned)pgInt(r, i, 6), .at = pgText(r, i, 7)};
        k = fn(ctx, &c);
    }
    PQclear(r);
    return k;
}

static int pgHeldCategories(storeBackend *b, const char *uscc, civilDate on, unsigned *held) {
    pgStore *p = PG(b);
    char day[DATE_STRLEN];
    const char *params[2] = {uscc, pgDate(day, on)};
    int code = 0;
    *held = 0;
    PGresult *r = pgQuery(p, ST(4), "WITH " PR_HELD_CTE(2) " SELECT held FROM h WHERE uscc=$1", 2, params, &code,
                          "round_recognitions");
    if (!r) return code;
    if (PQntuples(r) > 0) *held = (unsigned)pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

static int pgWorkMarkSet(storeBackend *b, const storeWorkMark *m, storeWorkStatus *before) {
    pgStore *p = PG(b);
    if (m->status < MWORK_PENDING || m->status > MWORK_NOT_NEEDED)
        return storeErrSet(b->err, GH_EINVAL, "status", "measure work: unknown status");
    *before = MWORK_PENDING;
    char day[DATE_STRLEN];
    const char *params[8] = {m->measure, m->department, m->uscc, workCodes[m->status], pgDate(day, m->on), m->note,
                             m->by, m->at};
    int code = 0;
    PGresult *r = pgQuery(p, ST(5), "SELECT status FROM measure_work WHERE measure=$1 AND department=$2 AND uscc=$3",
                          3, params, &code, "measure_work");
    if (!r) return code;
    if (PQntuples(r) > 0) {
        const int s = pgCode(workCodes, 4, pgText(r, 0, 0));
        *before = s < 0 ? MWORK_PENDING : (storeWorkStatus)s;
    }
    PQclear(r);
    return pgCmd(p, ST(6), "INSERT INTO measure_work(measure,department,uscc,status,on_date,note,actor,at)"
                           " VALUES($1,$2,$3,$4,$5::date,$6,$7,$8) ON CONFLICT(measure,department,uscc) DO UPDATE SET"
                           " status=excluded.status,on_date=excluded.on_date,note=excluded.note,actor=excluded.actor,"
                           "at=excluded.at", 8, params, NULL, "measure_work");
}

/* The worklist's FROM and WHERE (shared by the page and the count), as
 * sqlite/measures.c builds them: a category measure starts from its holders (few),
 * a type measure from the run's results; the count joins only what its filters
 * need. PostgreSQL wants every parameter named, so an unused one still appears
 * (as "IS NULL" of an unset filter), with its type. */
static void workSql(char *out, size_t n, const storeWorkQuery *w, bool count) {
    const char *order = !w->sort || !strcmp(w->sort, "uscc") ? "r.uscc COLLATE \"C\""
                        : !strcmp(w->sort, "name")  ? "b.name COLLATE \"C\" NULLS FIRST, r.uscc COLLATE \"C\""
                        : !strcmp(w->sort, "town")  ? "b.town COLLATE \"C\" NULLS FIRST, r.uscc COLLATE \"C\""
                        : !strcmp(w->sort, "status") ? "coalesce(w.status,'pending') COLLATE \"C\", r.uscc COLLATE \"C\""
                                                     : "r.uscc COLLATE \"C\"";
    const bool biz = !count || w->town || w->section;
    const bool work = !count || (w->status >= MWORK_PENDING && w->status <= MWORK_NOT_NEEDED);
    const bool held = !count || w->category >= 0;
    snprintf(out, n,
             "WITH " PR_HELD_CTE(3) " SELECT %s FROM %s" PR_RESULT_JOIN("r") "%s%s"
             " WHERE r.run_id=$1::bigint AND " PR_RESULT_TYPE("r") "<>'ineligible' AND ($2::text IS NULL OR "
             PR_RESULT_TYPE("r") "=$2::text) AND ($6::int = 0 OR (%s & $6::int) <> 0) AND %s AND %s AND %s%s %s%s",
             count ? "count(*)"
                   : "r.uscc,b.name,b.town,b.industry," PR_RESULT_TYPE("r") ",coalesce(h.held,0),"
                     "coalesce(w.status,'pending'),w.on_date,w.note",
             w->category >= 0 ? "h JOIN results r ON r.run_id=$1::bigint AND r.uscc=h.uscc"
             : held           ? "results r LEFT JOIN h ON h.uscc=r.uscc"
                              : "results r",
             biz ? " JOIN businesses b ON b.uscc=r.uscc" : "",
             work ? " LEFT JOIN measure_work w ON w.measure=$4::text AND w.department=$5::text AND w.uscc=r.uscc" : "",
             held ? "coalesce(h.held,0)" : "0",
             biz ? "($7::text IS NULL OR b.town=$7::text)" : "$7::text IS NULL",
             biz ? "($8::text IS NULL OR substr(b.industry,1,1)=$8::text)" : "$8::text IS NULL",
             work ? "($9::text IS NULL OR coalesce(w.status,'pending')=$9::text)" : "$9::text IS NULL",
             work ? "" : " AND $4::text IS NOT NULL AND $5::text IS NOT NULL",
             count ? "" : "ORDER BY ", count ? "" : order);
    if (!count) strncat(out, " LIMIT $10::bigint OFFSET $11::bigint", n - strlen(out) - 1);
}

/* Runs the page (count false) or the count of w: the result, or NULL with *code. */
static PGresult *workQuery(pgStore *p, const storeWorkQuery *w, bool count, int *code) {
    if ((*code = pgCopyPending(p))) return NULL; /* results still buffered for COPY */
    char sql[3072], run[24], mask[24], lim[24], off[24], day[DATE_STRLEN];
    workSql(sql, sizeof sql, w, count);
    const char *params[11] = {pgI64(run, w->run_id), typeParam(w->type), pgDate(day, w->on), w->measure,
                              w->department, pgI64(mask, w->category >= 0 ? 1 << w->category : 0), w->town,
                              w->section,
                              w->status >= MWORK_PENDING && w->status <= MWORK_NOT_NEEDED ? workCodes[w->status] : NULL,
                              w->limit >= 0 ? pgI64(lim, w->limit) : NULL, pgI64(off, w->offset > 0 ? w->offset : 0)};
    return pgQuery(p, -1, sql, count ? 9 : 11, params, code, "measure_work");
}

static int pgEachWork(storeBackend *b, const storeWorkQuery *w, storeWorkFn fn, void *ctx) {
    int code = 0;
    PGresult *r = workQuery(PG(b), w, false, &code);
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const int t = colType(r, i, 4), s = pgCode(workCodes, 4, pgText(r, i, 6));
        const storeWorkRow row = {.uscc = pgText(r, i, 0), .name = pgText(r, i, 1), .town = pgText(r, i, 2),
                                  .industry = pgText(r, i, 3), .type = t < 0 ? TYPE_INELIGIBLE : (bizType)t,
                                  .held = (unsigned)pgInt(r, i, 5),
                                  .status = s < 0 ? MWORK_PENDING : (storeWorkStatus)s, .on = pgColDate(r, i, 7),
                                  .note = pgText(r, i, 8)};
        k = fn(ctx, &row);
    }
    PQclear(r);
    return k;
}

static int pgWorkCount(storeBackend *b, const storeWorkQuery *w, int64_t *n) {
    int code = 0;
    *n = 0;
    PGresult *r = workQuery(PG(b), w, true, &code);
    if (!r) return code;
    *n = PQntuples(r) > 0 ? pgInt(r, 0, 0) : 0;
    PQclear(r);
    return 0;
}

static int pgEachEntitledGroup(storeBackend *b, int64_t run_id, civilDate on, storeEntitledFn fn, void *ctx) {
    pgStore *p = PG(b);
    int code = pgCopyPending(p); /* results still buffered for COPY */
    if (code) return code;
    char run[24], day[DATE_STRLEN];
    const char *params[2] = {pgI64(run, run_id), pgDate(day, on)};
    PGresult *r = pgQuery(p, ST(7), "WITH " PR_HELD_CTE(2) " SELECT b.town," PR_RESULT_TYPE("r") " AS t,"
                                    "coalesce(h.held,0) AS held,count(*) FROM results r" PR_RESULT_JOIN("r") " JOIN businesses b ON "
                                    "b.uscc=r.uscc LEFT JOIN h ON h.uscc=r.uscc WHERE r.run_id=$1::bigint "
                                    "GROUP BY 1,2,3 ORDER BY b.town COLLATE \"C\" NULLS FIRST, 2, 3",
                          2, params, &code, "results");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const int t = colType(r, i, 1);
        if (t >= 0) k = fn(ctx, pgText(r, i, 0), (bizType)t, (unsigned)pgInt(r, i, 2), pgInt(r, i, 3));
    }
    PQclear(r);
    return k;
}

static int pgEachServedGroup(storeBackend *b, int64_t run_id, civilDate on, storeServedFn fn, void *ctx) {
    pgStore *p = PG(b);
    int code = pgCopyPending(p); /* results still buffered for COPY */
    if (code) return code;
    char run[24], day[DATE_STRLEN];
    const char *params[2] = {pgI64(run, run_id), pgDate(day, on)};
    PGresult *r = pgQuery(p, ST(8), "WITH " PR_HELD_CTE(2) " SELECT w.measure,w.department,b.town,"
                                    PR_RESULT_TYPE("r") " AS t,coalesce(h.held,0) AS held,count(*)"
                                    " FROM measure_work w JOIN results r ON r.run_id=$1::bigint AND r.uscc=w.uscc" PR_RESULT_JOIN("r")
                                    " JOIN businesses b ON b.uscc=w.uscc LEFT JOIN h ON h.uscc=w.uscc"
                                    " WHERE w.status='served' GROUP BY 1,2,3,4,5 ORDER BY w.measure COLLATE \"C\","
                                    " w.department COLLATE \"C\", b.town COLLATE \"C\" NULLS FIRST, 4, 5",
                          2, params, &code, "measure_work");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const int t = colType(r, i, 3);
        if (t >= 0)
            k = fn(ctx, pgText(r, i, 0), pgText(r, i, 1), pgText(r, i, 2), (bizType)t, (unsigned)pgInt(r, i, 4),
                   pgInt(r, i, 5));
    }
    PQclear(r);
    return k;
}

void pgMeasuresInstall(storeBackend *b) {
    b->measureChangeAdd = pgMeasureChangeAdd;
    b->measureChangesAtPublish = pgMeasureChangesAtPublish;
    b->eachMeasureChange = pgEachMeasureChange;
    b->heldCategories = pgHeldCategories;
    b->workMarkSet = pgWorkMarkSet;
    b->eachWork = pgEachWork;
    b->workCount = pgWorkCount;
    b->eachEntitledGroup = pgEachEntitledGroup;
    b->eachServedGroup = pgEachServedGroup;
}
