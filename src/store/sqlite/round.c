/* The 名特优新 round's applications and their history (append-only), and the
 * helpers the round's files share. What is recorded on a case: round_case.c;
 * recognitions and what follows them: round_records.c. */
#include "store/sqlite/round_int.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>

/* ---- helpers shared with round_records.c ---- */

int roundStepFinal(sqliteStore *q, sqlite3_stmt *st, const char *what) {
    const int rc = sqlite3_step(st);
    const int ext = sqlite3_extended_errcode(q->db);
    int out = 0;
    if (rc == SQLITE_CONSTRAINT || (rc != SQLITE_DONE && (ext & 0xff) == SQLITE_CONSTRAINT))
        out = storeErrSet(q->base.err, GH_EINVAL, NULL, "%s: 已存在或引用无效 (exists already or refers to nothing): %s",
                          what, sqlite3_errmsg(q->db));
    else if (rc != SQLITE_DONE) out = sqlFail(q, what);
    sqlite3_finalize(st);
    return out;
}

int roundInsertFinal(sqliteStore *q, sqlite3_stmt *st, const char *what, int64_t *id) {
    const int rc = roundStepFinal(q, st, what);
    if (!rc) *id = sqlite3_last_insert_rowid(q->db);
    return rc;
}

int roundChanged(sqliteStore *q, const char *what) {
    return sqlite3_changes(q->db) > 0 ? 0
                                      : storeErrSet(q->base.err, GH_ENOTFOUND, NULL, "%s: 未找到 (not found)", what);
}

int roundWalkEnd(sqliteStore *q, sqlite3_stmt *st, int rc, int k, const char *what) {
    sqlite3_finalize(st);
    return sqlEnd(q, rc, k, what);
}

const char *roundText(arena *a, sqlite3_stmt *st, int i) { return a ? sqlDup(a, st, i) : sqlColText(st, i); }

/* ---- applications ---- */

#define APP_COLS "SELECT a.id,a.year,a.uscc,a.category,a.route,a.recommended_by,a.claimed,a.statement,a.state," \
                 "a.applied_on,a.publicity_from,a.publicity_until,a.supplement_by,a.created_by,a.created_at," \
                 "a.updated_at,b.name,b.town FROM round_apps a LEFT JOIN businesses b ON b.uscc=a.uscc "

/* Claimed letters as stored: "AC" for A and C. */
static void appClaimedText(char out[CATEGORY_MAX_CRITERIA + 1], const storeRoundApp *a) {
    size_t n = 0;
    for (size_t i = 0; i < a->n_claimed && i < CATEGORY_MAX_CRITERIA; i++) out[n++] = (char)('A' + a->claimed[i]);
    out[n] = '\0';
}

static void appRow(sqlite3_stmt *st, arena *ar, storeRoundApp *a) {
    memset(a, 0, sizeof *a);
    a->id = roundText(ar, st, 0);
    a->year = sqlite3_column_int(st, 1);
    a->uscc = roundText(ar, st, 2);
    const char *cat = sqlColText(st, 3), *claimed = sqlColText(st, 6), *state = sqlColText(st, 8);
    categoryKind k = CAT_FAMOUS;
    if (cat) categoryParse(&k, cat, strlen(cat));
    a->category = k;
    a->route = strcmp(sqlColText(st, 4), "recommended") == 0 ? ROUTE_RECOMMENDED : ROUTE_SELF;
    a->recommended_by = roundText(ar, st, 5);
    for (size_t i = 0; claimed && claimed[i] && i < CATEGORY_MAX_CRITERIA; i++) a->claimed[a->n_claimed++] = claimed[i] - 'A';
    a->statement = roundText(ar, st, 7);
    roundState s = RSTATE_DRAFT;
    if (state) roundStateParse(&s, state, strlen(state));
    a->state = s;
    a->applied_on = sqlColDate(st, 9);
    a->publicity_from = sqlColDate(st, 10);
    a->publicity_until = sqlColDate(st, 11);
    a->supplement_by = sqlColDate(st, 12);
    a->created_by = roundText(ar, st, 13);
    a->created_at = roundText(ar, st, 14);
    a->updated_at = roundText(ar, st, 15);
    a->name = roundText(ar, st, 16);
    a->town = roundText(ar, st, 17);
}

static int sqliteRoundCreate(storeBackend *b, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    int seq = 1;
    if (sqlPrepare(q, "SELECT coalesce(max(seq),0)+1 FROM round_apps WHERE year=?1", &st, "round_apps")) return GH_EIO;
    sqlite3_bind_int(st, 1, a->year);
    if (sqlite3_step(st) == SQLITE_ROW) seq = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (a->year < 1000 || a->year > 9999 || seq > 9999999)
        return storeErrSet(q->base.err, GH_EINVAL, "year", "年度无效 (year out of range): %d", a->year);
    char claimed[CATEGORY_MAX_CRITERIA + 1];
    appClaimedText(claimed, a);
    snprintf(id, STORE_ROUND_ID_SIZE, "%d-%04d", a->year, seq);
    if (sqlPrepare(q, "INSERT INTO round_apps(id,year,seq,uscc,category,route,recommended_by,claimed,statement,state,"
                      "applied_on,created_by,created_at,updated_at) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?13)",
                   &st, "round_apps"))
        return GH_EIO;
    sqlBindText(st, 1, id);
    sqlite3_bind_int(st, 2, a->year);
    sqlite3_bind_int(st, 3, seq);
    sqlBindText(st, 4, a->uscc);
    sqlBindText(st, 5, categoryCode(a->category));
    sqlBindText(st, 6, a->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    sqlBindText(st, 7, a->recommended_by);
    sqlBindText(st, 8, claimed);
    sqlBindText(st, 9, a->statement);
    sqlBindText(st, 10, roundStateCode(a->state));
    sqlBindDate(st, 11, a->applied_on);
    sqlBindText(st, 12, a->created_by);
    sqlBindText(st, 13, a->created_at);
    return roundStepFinal(q, st, "round_apps");
}

static int sqliteRoundGet(storeBackend *b, const char *id, arena *ar, storeRoundApp *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, APP_COLS "WHERE a.id=?1", &st, "round_apps")) return GH_EIO;
    sqlBindText(st, 1, id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) appRow(st, ar, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "id", "没有申报 %s (no such application)", id ? id : "");
    return sqlFail(q, "round_apps");
}

static int sqliteRoundUpdate(storeBackend *b, const storeRoundApp *a) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    char claimed[CATEGORY_MAX_CRITERIA + 1];
    appClaimedText(claimed, a);
    if (sqlPrepare(q, "UPDATE round_apps SET category=?2,route=?3,recommended_by=?4,claimed=?5,statement=?6,"
                      "updated_at=?7 WHERE id=?1", &st, "round_apps"))
        return GH_EIO;
    sqlBindText(st, 1, a->id);
    sqlBindText(st, 2, categoryCode(a->category));
    sqlBindText(st, 3, a->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    sqlBindText(st, 4, a->recommended_by);
    sqlBindText(st, 5, claimed);
    sqlBindText(st, 6, a->statement);
    sqlBindText(st, 7, a->updated_at);
    const int rc = roundStepFinal(q, st, "round_apps");
    return rc ? rc : roundChanged(q, "round_apps");
}

/* The history row of a move. */
static int roundStepInsert(sqliteStore *q, const storeRoundStep *s) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_steps(app_id,from_state,to_state,action,actor,role,at,on_date,reason,override,"
                      "override_by,override_reason) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)", &st, "round_steps"))
        return GH_EIO;
    sqlBindText(st, 1, s->app_id);
    sqlBindText(st, 2, roundStateCode(s->from));
    sqlBindText(st, 3, roundStateCode(s->to));
    sqlBindText(st, 4, roundActionCode(s->action));
    sqlBindText(st, 5, s->actor);
    sqlBindText(st, 6, s->role);
    sqlBindText(st, 7, s->at);
    sqlBindDate(st, 8, s->on);
    sqlBindText(st, 9, s->reason);
    sqlite3_bind_int(st, 10, s->override);
    sqlBindText(st, 11, s->override_by);
    sqlBindText(st, 12, s->override_reason);
    return roundStepFinal(q, st, "round_steps");
}

static int sqliteRoundMove(storeBackend *b, const storeRoundApp *a, const storeRoundStep *s) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    int rc = sqlInTransaction(q, "round move");
    if (rc) return rc;
    if ((unsigned)s->from >= RSTATE__COUNT || (unsigned)s->to >= RSTATE__COUNT || (unsigned)s->action >= RACT__COUNT)
        return storeErrSet(q->base.err, GH_EINVAL, "state", "状态或动作无效 (state or action out of range)");
    if (sqlPrepare(q, "UPDATE round_apps SET state=?3,applied_on=?4,publicity_from=?5,publicity_until=?6,"
                      "supplement_by=?7,updated_at=?8 WHERE id=?1 AND state=?2", &st, "round_apps"))
        return GH_EIO;
    sqlBindText(st, 1, s->app_id);
    sqlBindText(st, 2, roundStateCode(s->from));
    sqlBindText(st, 3, roundStateCode(s->to));
    sqlBindDate(st, 4, a->applied_on);
    sqlBindDate(st, 5, a->publicity_from);
    sqlBindDate(st, 6, a->publicity_until);
    sqlBindDate(st, 7, a->supplement_by);
    sqlBindText(st, 8, s->at);
    if ((rc = roundStepFinal(q, st, "round_apps"))) return rc;
    if (sqlite3_changes(q->db) == 0) {
        arena tmp;
        storeRoundApp now;
        arenaInit(&tmp, 1024, 0);
        rc = sqliteRoundGet(b, s->app_id, &tmp, &now);
        arenaFree(&tmp);
        if (rc) return rc;
        return storeErrSet(q->base.err, GH_ERANGE, "state", "申报 %s 的状态已变化 (state changed meanwhile)", s->app_id);
    }
    return roundStepInsert(q, s);
}

static int sqliteEachRoundStep(storeBackend *b, const char *id, storeRoundStepFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,from_state,to_state,action,actor,role,at,on_date,reason,override,override_by,"
                      "override_reason FROM round_steps WHERE app_id=?1 ORDER BY id", &st, "round_steps"))
        return GH_EIO;
    sqlBindText(st, 1, id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeRoundStep s = {.id = sqlite3_column_int64(st, 0), .app_id = sqlColText(st, 1)};
        roundState from = RSTATE_DRAFT, to = RSTATE_DRAFT;
        roundAction act = RACT_SUBMIT;
        roundStateParse(&from, sqlColText(st, 2), (size_t)sqlite3_column_bytes(st, 2));
        roundStateParse(&to, sqlColText(st, 3), (size_t)sqlite3_column_bytes(st, 3));
        roundActionParse(&act, sqlColText(st, 4), (size_t)sqlite3_column_bytes(st, 4));
        s.from = from, s.to = to, s.action = act;
        s.actor = sqlColText(st, 5);
        s.role = sqlColText(st, 6);
        s.at = sqlColText(st, 7);
        s.on = sqlColDate(st, 8);
        s.reason = sqlColText(st, 9);
        s.override = sqlite3_column_int(st, 10);
        s.override_by = sqlColText(st, 11);
        s.override_reason = sqlColText(st, 12);
        k = fn(ctx, &s);
    }
    return roundWalkEnd(q, st, rc, k, "round_steps");
}

static int sqliteEachRound(storeBackend *b, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, APP_COLS "WHERE (?1=0 OR a.year=?1) AND (?4 IS NULL OR b.town=?4) AND (?5 IS NULL OR a.uscc=?5) "
                      "AND (?6 IS NULL OR a.recommended_by=?6) ORDER BY a.year, a.seq", &st, "round_apps"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, f->year);
    sqlBindText(st, 4, f->town);
    sqlBindText(st, 5, f->uscc);
    sqlBindText(st, 6, f->recommended_by);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeRoundApp a;
        appRow(st, NULL, &a); /* states and categories are few: filtered here, after the indexed ones */
        if ((!f->states || ((f->states >> a.state) & 1u)) && (!f->categories || ((f->categories >> a.category) & 1u)))
            k = fn(ctx, &a);
    }
    return roundWalkEnd(q, st, rc, k, "round_apps");
}

void sqliteRoundInstall(storeBackend *b) {
    b->roundCreate = sqliteRoundCreate;
    b->roundGet = sqliteRoundGet;
    b->roundUpdate = sqliteRoundUpdate;
    b->roundMove = sqliteRoundMove;
    b->eachRoundStep = sqliteEachRoundStep;
    b->eachRound = sqliteEachRound;
    sqliteRoundCaseInstall(b);
    sqliteRoundRecordsInstall(b);
}
