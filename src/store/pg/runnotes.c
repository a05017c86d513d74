/* Run names and notes, the years that have runs, and the businesses whose type
 * moved between two runs (issue 11 §4; PostgreSQL, mirrors sqlite/runnotes.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

enum { ST_NOTE = PG_ST_RUNS + 12, ST_RUN_EXISTS, ST_YEARS, ST_MOVERS };

/* A run that is or ever was published keeps its label (decision 180): the update
 * matches no row then, and a second look says which refusal it was. */
static int pgRunNoteSet(storeBackend *b, int64_t id, const char *name, const char *note) {
    pgStore *p = PG(b);
    int rc = pgInTransaction(p, "run note");
    if (rc) return rc;
    char buf[24];
    const char *v[] = {pgI64(buf, id), name, note};
    int64_t changed = 0;
    rc = pgCmd(p, ST_NOTE,
               "UPDATE runs SET name=$2,note=$3 WHERE id=$1 AND NOT EXISTS "
               "(SELECT 1 FROM publication_log l WHERE l.run_id=$1) AND NOT EXISTS "
               "(SELECT 1 FROM publications p WHERE p.run_id=$1)",
               3, v, &changed, "runs");
    if (rc || changed) return rc;
    int code;
    PGresult *r = pgQuery(p, ST_RUN_EXISTS, "SELECT 1 FROM runs WHERE id=$1", 1, v, &code, "runs");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    PQclear(r);
    if (!found)
        return storeErrSet(p->base.err, GH_ENOTFOUND, "run", "没有第 %lld 次分型 (no run %lld)", (long long)id,
                           (long long)id);
    return storeErrSet(p->base.err, GH_EREFUSED, "run",
                       "第 %lld 次分型已公布，名称和备注不能再修改 (run %lld was published)", (long long)id,
                       (long long)id);
}

/* The years are few: read whole, then handed out. */
static int pgEachYear(storeBackend *b, storeYearFn fn, void *ctx) {
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_YEARS,
                          "SELECT r.year,count(*),coalesce(max(p.run_id),0)," PG_TIME_TEXT("max(p.published_at)")
                          " FROM runs r LEFT JOIN publications p ON p.year=r.year GROUP BY r.year ORDER BY r.year",
                          0, NULL, &code, "runs");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        const storeYear y = {.year = (int)pgInt(r, i, 0), .runs = pgInt(r, i, 1), .published_run = pgInt(r, i, 2),
                             .published_at = pgText(r, i, 3)};
        k = fn(ctx, &y);
    }
    PQclear(r);
    return k;
}

/* The type of result row A as published: the corrected type when an upheld
 * objection corrected it (decision 101), else the run's own. */

/* The movers: the transitions query (runs.c) row by row, filtered and paged. The
 * first arm walks the from-run (with its match in the to-run, if any), the second
 * the to-run's businesses the from-run lacks. A missing result reads as 'none';
 * LIMIT NULL is no limit. */
static const char moverSql[] =
    "SELECT m.uscc,bz.name,bz.town,m.ta,m.tb,"
    "(SELECT " SQL_RESULT_REASONS("rb") " FROM results rb WHERE rb.run_id=$2 AND rb.uscc=m.uscc) FROM ("
    " SELECT a.uscc AS uscc," SQL_RESULT_TYPE("a") " AS ta,"
    "  (SELECT " SQL_RESULT_TYPE("b") " FROM results b WHERE b.run_id=$2 AND b.uscc=a.uscc) AS tb"
    " FROM results a WHERE a.run_id=$1"
    " UNION ALL"
    " SELECT b.uscc, NULL, " SQL_RESULT_TYPE("b") " FROM results b WHERE b.run_id=$2 AND NOT EXISTS"
    "  (SELECT 1 FROM results a WHERE a.run_id=$1 AND a.uscc=b.uscc)) m "
    "LEFT JOIN businesses bz ON bz.uscc=m.uscc "
    "WHERE m.ta IS DISTINCT FROM m.tb AND ($3::text IS NULL OR coalesce(m.ta,'none')=$3::text) "
    "AND ($4::text IS NULL OR coalesce(m.tb,'none')=$4::text) "
    "ORDER BY m.uscc LIMIT $5::bigint OFFSET $6::bigint";

static const char *moverType(int type) {
    return type == STORE_TYPE_ANY ? NULL : type < 0 ? "none" : typingTypeCode((bizType)type);
}

static int moverTypeOf(PGresult *r, int row, int col) {
    bizType t;
    const char *code = pgText(r, row, col);
    return code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
}

typedef struct moverWalk {
    storeMoverFn fn;
    void *ctx;
} moverWalk;

static int moverRow(void *ctx, PGresult *r, int row) {
    const moverWalk *w = ctx;
    const storeMover m = {.uscc = pgText(r, row, 0), .name = pgText(r, row, 1), .town = pgText(r, row, 2),
                          .from_type = moverTypeOf(r, row, 3), .to_type = moverTypeOf(r, row, 4),
                          .reasons = pgText(r, row, 5), .reasons_len = (size_t)PQgetlength(r, row, 5)};
    return w->fn(w->ctx, &m);
}

static int pgEachMover(storeBackend *b, const storeMoverQuery *mq, storeMoverFn fn, void *ctx) {
    int rc = pgCopyPending(PG(b));
    if (rc) return rc;
    char f[24], t[24], l[24], o[24];
    const char *v[] = {pgI64(f, mq->from_run), pgI64(t, mq->to_run), moverType(mq->from_type),
                       moverType(mq->to_type), mq->limit > 0 ? pgI64(l, mq->limit) : NULL,
                       pgI64(o, mq->offset > 0 ? mq->offset : 0)};
    moverWalk w = {fn, ctx};
    return pgEach(PG(b), moverSql, 6, v, moverRow, &w, "results");
}

void pgRunNotesInstall(storeBackend *b) {
    b->runNoteSet = pgRunNoteSet;
    b->eachYear = pgEachYear;
    b->eachMover = pgEachMover;
}
