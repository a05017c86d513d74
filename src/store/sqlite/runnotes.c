/* Run names and notes, the years that have runs, and the businesses whose type
 * moved between two runs (issue 11 §4). */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

/* A run that is or ever was published keeps its label (decision 180): the update
 * matches no row then, and a second look says which refusal it was. */
static int sqliteRunNoteSet(storeBackend *b, int64_t id, const char *name, const char *note) {
    sqliteStore *q = SQ(b);
    int rc = sqlInTransaction(q, "run note");
    if (rc) return rc;
    sqlite3_stmt *st;
    if (sqlPrepare(q,
                   "UPDATE runs SET name=?2,note=?3 WHERE id=?1 AND NOT EXISTS "
                   "(SELECT 1 FROM publication_log l WHERE l.run_id=?1) AND NOT EXISTS "
                   "(SELECT 1 FROM publications p WHERE p.run_id=?1)",
                   &st, "runs"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, name);
    sqlBindText(st, 3, note);
    int changed = 0;
    rc = sqlite3_step(st) == SQLITE_DONE ? 0 : sqlFail(q, "runs");
    changed = sqlite3_changes(q->db);
    sqlite3_finalize(st);
    if (rc || changed) return rc;
    if (sqlPrepare(q, "SELECT 1 FROM runs WHERE id=?1", &st, "runs")) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "run", "没有第 %lld 次分型 (no run %lld)", (long long)id,
                           (long long)id);
    if (step != SQLITE_ROW) return sqlFail(q, "runs");
    return storeErrSet(q->base.err, GH_EREFUSED, "run",
                       "第 %lld 次分型已公布，名称和备注不能再修改 (run %lld was published)", (long long)id,
                       (long long)id);
}

static int sqliteEachYear(storeBackend *b, storeYearFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b),
                   "SELECT r.year,count(*),coalesce(p.run_id,0),p.published_at FROM runs r "
                   "LEFT JOIN publications p ON p.year=r.year GROUP BY r.year ORDER BY r.year",
                   &st, "runs"))
        return GH_EIO;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeYear y = {.year = sqlite3_column_int(st, 0), .runs = sqlite3_column_int64(st, 1),
                             .published_run = sqlite3_column_int64(st, 2), .published_at = sqlColText(st, 3)};
        k = fn(ctx, &y);
    }
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "runs");
}

/* The movers: the transitions query (runs.c) row by row, filtered and paged. The
 * first arm walks the from-run (with its match in the to-run, if any), the second
 * the to-run's businesses the from-run lacks. Types are compared as published
 * (SQL_RESULT_TYPE, decision 101); a missing result reads as 'none'. */
static const char moverSql[] =
    "SELECT m.uscc,bz.name,bz.town,m.ta,m.tb,"
    "(SELECT " SQL_RESULT_REASONS("rb") " FROM results rb WHERE rb.run_id=?2 AND rb.uscc=m.uscc) FROM ("
    " SELECT a.uscc AS uscc," SQL_RESULT_TYPE("a") " AS ta,"
    "  (SELECT " SQL_RESULT_TYPE("b") " FROM results b WHERE b.run_id=?2 AND b.uscc=a.uscc) AS tb"
    " FROM results a WHERE a.run_id=?1"
    " UNION ALL"
    " SELECT b.uscc, NULL, " SQL_RESULT_TYPE("b") " FROM results b WHERE b.run_id=?2 AND NOT EXISTS"
    "  (SELECT 1 FROM results a WHERE a.run_id=?1 AND a.uscc=b.uscc)) m "
    "LEFT JOIN businesses bz ON bz.uscc=m.uscc "
    "WHERE m.ta IS NOT m.tb AND (?3 IS NULL OR coalesce(m.ta,'none')=?3) AND (?4 IS NULL OR coalesce(m.tb,'none')=?4) "
    "ORDER BY m.uscc LIMIT ?5 OFFSET ?6";

static void moverBindType(sqlite3_stmt *st, int i, int type) {
    if (type == STORE_TYPE_ANY) sqlite3_bind_null(st, i);
    else sqlite3_bind_text(st, i, type < 0 ? "none" : typingTypeCode((bizType)type), -1, SQLITE_STATIC);
}

static int moverType(sqlite3_stmt *st, int i) {
    bizType t;
    const char *code = sqlColText(st, i);
    return code && typingTypeParse(&t, code) == 0 ? (int)t : -1;
}

static int sqliteEachMover(storeBackend *b, const storeMoverQuery *mq, storeMoverFn fn, void *ctx) {
    sqlite3_stmt *st;
    if (sqlPrepare(SQ(b), moverSql, &st, "results")) return GH_EIO;
    sqlite3_bind_int64(st, 1, mq->from_run);
    sqlite3_bind_int64(st, 2, mq->to_run);
    moverBindType(st, 3, mq->from_type);
    moverBindType(st, 4, mq->to_type);
    sqlite3_bind_int64(st, 5, mq->limit > 0 ? mq->limit : -1);
    sqlite3_bind_int64(st, 6, mq->offset > 0 ? mq->offset : 0);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeMover m = {.uscc = sqlColText(st, 0), .name = sqlColText(st, 1), .town = sqlColText(st, 2),
                              .from_type = moverType(st, 3), .to_type = moverType(st, 4),
                              .reasons = sqlColText(st, 5), .reasons_len = (size_t)sqlite3_column_bytes(st, 5)};
        k = fn(ctx, &m);
    }
    sqlite3_finalize(st);
    return sqlEnd(SQ(b), rc, k, "results");
}

void sqliteRunNotesInstall(storeBackend *b) {
    b->runNoteSet = sqliteRunNoteSet;
    b->eachYear = sqliteEachYear;
    b->eachMover = sqliteEachMover;
}
