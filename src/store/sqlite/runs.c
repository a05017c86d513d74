/* Annual runs, their results, publication, and the statistics over results. */
#include "store/sqlite/sqlite_int.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

#define RUN_COLS "SELECT r.id,r.year,r.params_json,r.params_sha256,r.provisional,r.program_version,r.actor," \
                 "r.started_at,r.finished_at,r.status,r.population,r.survival,r.growth,r.development,r.ineligible," \
                 "p.run_id IS NOT NULL,r.source,r.city_import_id,r.name,r.note,r.renderer FROM runs r LEFT JOIN publications p ON p.run_id=r.id "
/* PUB: whether the row's run is published; for one run's results a subquery of ?1
 * alone, which SQLite evaluates once rather than per row (decision 291). */
#define RESULT_COLS_PUB(PUB) RESULT_COLS_FROM(PUB, "results r JOIN runs ru ON ru.id=r.run_id")
/* A result corrected by an upheld objection reads as corrected (decision 101); the
 * run's source says whether it is getihu's own typing or the city's (decision 124).
 * FROM: results r and runs ru joined. */
#define RESULT_COLS_FROM(PUB, FROM)                                                                  \
                    "SELECT r.uscc,b.name,b.town,b.industry,coalesce(c.type,r.type),coalesce(c.reasons,r.reasons)," \
                    "ru.year,r.run_id," PUB "," \
                    "coalesce(c.objection_id,0),ru.source " \
                    "FROM " FROM " LEFT JOIN businesses b ON b.uscc=r.uscc " \
                    "LEFT JOIN result_corrections c ON c.run_id=r.run_id AND c.uscc=r.uscc "

static int sqliteRunCreate(storeBackend *b, const storeRun *info, int64_t *id) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_RUN_CREATE,
                             "INSERT INTO runs(year,params_json,params_sha256,provisional,program_version,actor,"
                             "started_at,status,name,note,renderer) VALUES(?1,?2,?3,?4,?5,?6," TIME_NOW ",'running',?7,?8,?9)");
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, info->year);
    sqlBindText(st, 2, info->params_json);
    sqlBindText(st, 3, info->params_sha256);
    sqlite3_bind_int(st, 4, info->provisional);
    sqlBindText(st, 5, info->program_version);
    sqlBindText(st, 6, info->actor);
    sqlBindText(st, 7, info->name);
    sqlBindText(st, 8, info->note);
    sqlite3_bind_int(st, 9, info->renderer);
    int rc = sqlDone(SQ(b), st, NULL, "runs");
    if (!rc) *id = sqlite3_last_insert_rowid(SQ(b)->db);
    return rc;
}

static int sqliteRunFinish(storeBackend *b, int64_t id, int64_t population, const int64_t by_type[4]) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_RUN_FINISH,
                             "UPDATE runs SET status='done',finished_at=" TIME_NOW ",population=?2,survival=?3,"
                             "growth=?4,development=?5,ineligible=?6 WHERE id=?1");
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, population);
    for (int t = 0; t < 4; t++) sqlite3_bind_int64(st, 3 + t, by_type[t]);
    return sqlDone(SQ(b), st, NULL, "runs");
}

/* Fills r from the row under st; strings copied into a, or the statement's own when a is NULL. */
static void runRow(sqlite3_stmt *st, arena *a, storeRun *r) {
    memset(r, 0, sizeof *r);
    r->id = sqlite3_column_int64(st, 0);
    r->year = sqlite3_column_int(st, 1);
    const char **text[] = {&r->params_json, &r->params_sha256, NULL, &r->program_version, &r->actor,
                           &r->started_at, &r->finished_at, &r->status};
    for (int i = 0; i < 8; i++)
        if (text[i]) *text[i] = a ? sqlDup(a, st, 2 + i) : sqlColText(st, 2 + i);
    r->provisional = sqlite3_column_int(st, 4);
    r->population = sqlite3_column_int64(st, 10);
    for (int t = 0; t < 4; t++) r->by_type[t] = sqlite3_column_int64(st, 11 + t);
    r->published = sqlite3_column_int(st, 15);
    r->source = a ? sqlDup(a, st, 16) : sqlColText(st, 16);
    r->city_import_id = sqlite3_column_int64(st, 17);
    r->name = a ? sqlDup(a, st, 18) : sqlColText(st, 18);
    r->note = a ? sqlDup(a, st, 19) : sqlColText(st, 19);
    r->renderer = sqlite3_column_int(st, 20);
}

/* Positions the run statement on run id. */
static int runFind(sqliteStore *q, int64_t id, sqlite3_stmt **out) {
    sqlite3_stmt *st = sqlSt(q, SQ_RUN_GET, RUN_COLS "WHERE r.id=?1");
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "run", "没有第 %lld 次分型 (no run %lld)", (long long)id,
                           (long long)id);
    if (rc != SQLITE_ROW) return sqlFail(q, "runs");
    *out = st;
    return 0;
}

static int sqliteRunGet(storeBackend *b, int64_t id, arena *a, storeRun *out) {
    sqlite3_stmt *st;
    const int rc = runFind(SQ(b), id, &st);
    if (!rc) runRow(st, a, out);
    return rc;
}

static int sqliteEachRun(storeBackend *b, int year, storeRunFn fn, void *ctx) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_RUN_EACH, RUN_COLS "WHERE ?1=0 OR r.year=?1 ORDER BY r.id");
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeRun r;
        runRow(st, NULL, &r);
        k = fn(ctx, &r);
    }
    return sqlEnd(SQ(b), rc, k, "runs");
}

static int sqlitePublishedRun(storeBackend *b, int year, int64_t *id) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_PUBLISHED, "SELECT run_id FROM publications WHERE year=?1");
    if (!st) return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        return 0;
    }
    if (rc == SQLITE_DONE)
        return storeErrSet(SQ(b)->base.err, GH_ENOTFOUND, "year", "%d 年度尚未公布分型结果 (no published run for %d)",
                           year, year);
    return sqlFail(SQ(b), "publications");
}

static int sqlitePublish(storeBackend *b, int64_t id, const char *actor, int *year) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    int rc = sqlInTransaction(q, "publish");
    if (!rc) rc = runFind(q, id, &st);
    if (rc) return rc;
    if (strcmp(sqlColText(st, 9), "done") != 0)
        return storeErrSet(q->base.err, GH_EINVAL, "run", "第 %lld 次分型未完成，不能公布 (run not finished)",
                           (long long)id);
    *year = sqlite3_column_int(st, 1);
    static const char *const sql[2] = {
        "INSERT INTO publications(year,run_id,published_at,actor) VALUES(?1,?2," TIME_NOW ",?3) "
        "ON CONFLICT(year) DO UPDATE SET run_id=?2,published_at=" TIME_NOW ",actor=?3",
        "INSERT INTO publication_log(year,run_id,published_at,actor) VALUES(?1,?2," TIME_NOW ",?3)"};
    for (int k = 0; k < 2 && !rc; k++) {
        if (!(st = sqlSt(q, k ? SQ_PUBLISH_LOG : SQ_PUBLISH, sql[k]))) return GH_EIO;
        sqlite3_bind_int(st, 1, *year);
        sqlite3_bind_int64(st, 2, id);
        sqlBindText(st, 3, actor);
        rc = sqlDone(q, st, NULL, "publications");
    }
    return rc;
}

static int sqliteResultAdd(storeBackend *b, int64_t run_id, const char *uscc, bizType type, const char *reasons,
                           size_t n) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_RESULT_ADD, "INSERT INTO results(run_id,uscc,type,reasons) VALUES(?1,?2,?3,?4)");
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    sqlBindText(st, 2, uscc);
    sqlBindText(st, 3, typingTypeCode(type));
    sqlite3_bind_text(st, 4, reasons, (int)n, SQLITE_STATIC);
    return sqlDone(SQ(b), st, NULL, "results");
}

/* Decision 290: many rows a statement, the run's id bound once (a bare ? takes the
 * number after the largest so far: ?2..?4 for the first row, ?5..?7 for the next).
 * One statement's cursors, journal and foreign-key setup then serve all its rows.
 * Decision 313: 512 rows, not 64 — a multi-row INSERT under a foreign key keeps a
 * statement journal, and every page it touches is copied there once a statement. */
#define RESULT_MANY 512
#define RESULT_FEW 64 /* the rest of a batch, 64 at a time */

/* The INSERT of n rows (n * 11 + 64 bytes of SQL), into buf of size cap. */
static const char *resultManySql(char *buf, size_t cap, int n) {
    size_t len = (size_t)snprintf(buf, cap, "INSERT INTO results(run_id,uscc,type,reasons) VALUES");
    for (int j = 0; j < n && len + 12 < cap; j++) len += (size_t)snprintf(buf + len, cap - len, "%s(?1,?,?,?)", j ? "," : "");
    return buf;
}

/* Inserts rows [0, k) with the cached statement kind of k rows. */
static int resultInsertMany(sqliteStore *q, sqlStmt kind, int k, int64_t run_id, const storeResultRow *rows) {
    char sql[RESULT_MANY * 11 + 64]; /* written once: the statement stays prepared */
    sqlite3_stmt *st = sqlSt(q, kind, q->st[kind] ? "" : resultManySql(sql, sizeof sql, k));
    if (!st) return GH_EIO;
    sqlite3_bind_int64(st, 1, run_id);
    for (int j = 0; j < k; j++) {
        const storeResultRow *r = &rows[j];
        sqlBindText(st, 2 + 3 * j, r->uscc);
        sqlBindText(st, 3 + 3 * j, typingTypeCode(r->type));
        sqlite3_bind_text(st, 4 + 3 * j, r->reasons, (int)r->n, SQLITE_STATIC);
    }
    return sqlDone(q, st, NULL, "results");
}

static int sqliteResultAddMany(storeBackend *b, int64_t run_id, const storeResultRow *rows, size_t n) {
    size_t i = 0;
    int rc = 0;
    for (; !rc && i + RESULT_MANY <= n; i += RESULT_MANY)
        rc = resultInsertMany(SQ(b), SQ_RESULT_ADD_MANY, RESULT_MANY, run_id, rows + i);
    for (; !rc && i + RESULT_FEW <= n; i += RESULT_FEW)
        rc = resultInsertMany(SQ(b), SQ_RESULT_ADD_FEW, RESULT_FEW, run_id, rows + i);
    for (; !rc && i < n; i++) rc = sqliteResultAdd(b, run_id, rows[i].uscc, rows[i].type, rows[i].reasons, rows[i].n);
    return rc;
}

static int resultsWalk(sqliteStore *q, sqlite3_stmt *st, storeResultFn fn, void *ctx) {
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeResult r;
        r.uscc = sqlColText(st, 0);
        r.name = sqlColText(st, 1);
        r.town = sqlColText(st, 2);
        r.industry = sqlColText(st, 3);
        bizType t = TYPE_INELIGIBLE;
        typingTypeParse(&t, sqlColText(st, 4));
        r.type = t;
        r.reasons = sqlColText(st, 5);
        r.reasons_len = (size_t)sqlite3_column_bytes(st, 5);
        r.year = sqlite3_column_int(st, 6);
        r.run_id = sqlite3_column_int64(st, 7);
        r.published = sqlite3_column_int(st, 8);
        r.objection_id = sqlite3_column_int64(st, 9);
        r.corrected = r.objection_id != 0;
        r.source = sqlColText(st, 10);
        k = fn(ctx, &r);
    }
    return sqlEnd(q, rc, k, "results");
}

/* Decision 302: a merge of the results, the businesses and the corrections. */
static int sqliteEachResult(storeBackend *b, int64_t run_id, storeResultFn fn, void *ctx) {
    return sqliteResultMerge(SQ(b), run_id, fn, ctx);
}

/* Decision 310: results have no index by USCC; the runs (a few a year) are walked and
 * each probed by the key (run_id, uscc). CROSS JOIN keeps the runs outside: the
 * planner would otherwise scan results_type. */
static int sqliteEachResultOf(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_RESULT_OF,
                             RESULT_COLS_FROM("EXISTS(SELECT 1 FROM publications p WHERE p.run_id=r.run_id)",
                                              "runs ru CROSS JOIN results r ON r.run_id=ru.id AND r.uscc=?1")
                             "ORDER BY ru.year DESC, r.run_id DESC");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    return resultsWalk(SQ(b), st, fn, ctx);
}

/* Decision 274: from the publications (a handful of years, newest first) to the one
 * result of each published run through UNIQUE(run_id, uscc); the other runs of the
 * business are never read. */
static int sqliteEachPublishedOf(storeBackend *b, const char *uscc, storeResultFn fn, void *ctx) {
    sqlite3_stmt *st = sqlSt(SQ(b), SQ_PUBLISHED_OF,
                             "SELECT r.uscc,b.name,b.town,b.industry,coalesce(c.type,r.type),coalesce(c.reasons,r.reasons),"
                             "ru.year,r.run_id,1,coalesce(c.objection_id,0),ru.source "
                             "FROM publications p JOIN results r ON r.run_id=p.run_id AND r.uscc=?1 "
                             "JOIN runs ru ON ru.id=p.run_id LEFT JOIN businesses b ON b.uscc=r.uscc "
                             "LEFT JOIN result_corrections c ON c.run_id=r.run_id AND c.uscc=r.uscc "
                             "ORDER BY p.year DESC");
    if (!st) return GH_EIO;
    sqlBindText(st, 1, uscc);
    const int rc = resultsWalk(SQ(b), st, fn, ctx);
    sqlite3_reset(st); /* the snapshot is the caller's: no statement left open on it */
    return rc;
}

/* The statistics (countBy, transitions): stats.c. */

void sqliteRunsInstall(storeBackend *b) {
    b->runCreate = sqliteRunCreate;
    b->runFinish = sqliteRunFinish;
    b->runGet = sqliteRunGet;
    b->eachRun = sqliteEachRun;
    b->publishedRun = sqlitePublishedRun;
    b->publish = sqlitePublish;
    b->resultAdd = sqliteResultAdd;
    b->resultAddMany = sqliteResultAddMany;
    b->eachResult = sqliteEachResult;
    b->eachResultOf = sqliteEachResultOf;
    b->eachPublishedOf = sqliteEachPublishedOf;
}
