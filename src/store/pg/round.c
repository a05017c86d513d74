/* The 名特优新 round's applications and their history (append-only) on PostgreSQL,
 * and the helpers the round's files share (sqlite/round.c's twin). What is recorded
 * on a case: round_case.c; recognitions and what follows them: round_records.c. */
#include "store/pg/pg_round_int.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers shared with the round's other files, measures.c and objections.c ---- */

int prInsertId(pgStore *p, int k, const char *sql, int n, const char *const *params, int64_t *id, const char *what) {
    int code = 0;
    PGresult *r = pgQuery(p, k, sql, n, params, &code, what);
    if (!r) return code;
    if (PQntuples(r) != 1) {
        PQclear(r);
        return storeErrSet(p->base.err, GH_EIO, NULL, "%s: 未返回编号 (no id returned)", what);
    }
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

int prChanged(pgStore *p, int64_t changed, const char *what) {
    return changed > 0 ? 0 : storeErrSet(p->base.err, GH_ENOTFOUND, NULL, "%s: 未找到 (not found)", what);
}

const char *prText(arena *a, PGresult *r, int row, int col) { return a ? pgDup(a, r, row, col) : pgText(r, row, col); }

bool prBool(PGresult *r, int row, int col) {
    const char *v = pgText(r, row, col);
    return v && (v[0] == 't' || (v[0] >= '1' && v[0] <= '9'));
}

char *prHex(const unsigned char *bytes, size_t n) {
    static const char digits[] = "0123456789abcdef";
    char *out = malloc(2 * n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) out[2 * i] = digits[bytes[i] >> 4], out[2 * i + 1] = digits[bytes[i] & 15];
    out[2 * n] = '\0';
    return out;
}

static int hexDigit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int prFileBytes(pgStore *p, PGresult *r, int row, int col, arena *ar, const unsigned char **bytes, size_t *size) {
    const char *hex = pgText(r, row, col);
    const size_t len = hex ? strlen(hex) : 0;
    const size_t n = len / 2;
    unsigned char *copy = arenaAlloc(ar, n ? n : 1);
    if (!copy) return storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    for (size_t i = 0; i < n; i++) {
        const int hi = hexDigit(hex[2 * i]), lo = hexDigit(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return storeErrSet(p->base.err, GH_EIO, NULL, "材料内容无法读取 (bad bytes)");
        copy[i] = (unsigned char)(hi << 4 | lo);
    }
    *bytes = copy;
    *size = n;
    return 0;
}

int prFileParams(pgStore *p, const prFileCols *f, const char **params, char sizebuf[24], char **hex) {
    *hex = prHex(f->bytes ? f->bytes : (const unsigned char *)"", f->bytes ? f->size : 0);
    if (!*hex) return storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    params[0] = f->name;
    params[1] = f->content_type;
    params[2] = pgI64(sizebuf, (int64_t)f->size);
    params[3] = f->sha256;
    params[4] = *hex;
    params[5] = f->added_by;
    params[6] = f->added_at;
    return 0;
}

/* ---- applications ---- */

#define APP_COLS "SELECT a.id,a.year,a.uscc,a.category,a.route,a.recommended_by,a.claimed,a.statement,a.state," \
                 "a.applied_on,a.publicity_from,a.publicity_until,a.supplement_by,a.created_by," \
                 PG_TIME_TEXT("a.created_at") "," PG_TIME_TEXT("a.updated_at") ",b.name,b.town " \
                 "FROM round_apps a LEFT JOIN businesses b ON b.uscc=a.uscc "

/* Claimed letters as stored: "AC" for A and C. */
static void appClaimedText(char out[CATEGORY_MAX_CRITERIA + 1], const storeRoundApp *a) {
    size_t n = 0;
    for (size_t i = 0; i < a->n_claimed && i < CATEGORY_MAX_CRITERIA; i++) out[n++] = (char)('A' + a->claimed[i]);
    out[n] = '\0';
}

static void appRow(PGresult *r, int row, arena *ar, storeRoundApp *a) {
    memset(a, 0, sizeof *a);
    a->id = prText(ar, r, row, 0);
    a->year = (int)pgInt(r, row, 1);
    a->uscc = prText(ar, r, row, 2);
    const char *cat = pgText(r, row, 3), *claimed = pgText(r, row, 6), *state = pgText(r, row, 8);
    const char *route = pgText(r, row, 4);
    categoryKind k = CAT_FAMOUS;
    if (cat) categoryParse(&k, cat, strlen(cat));
    a->category = k;
    a->route = route && strcmp(route, "recommended") == 0 ? ROUTE_RECOMMENDED : ROUTE_SELF;
    a->recommended_by = prText(ar, r, row, 5);
    for (size_t i = 0; claimed && claimed[i] && i < CATEGORY_MAX_CRITERIA; i++) a->claimed[a->n_claimed++] = claimed[i] - 'A';
    a->statement = prText(ar, r, row, 7);
    roundState s = RSTATE_DRAFT;
    if (state) roundStateParse(&s, state, strlen(state));
    a->state = s;
    a->applied_on = pgColDate(r, row, 9);
    a->publicity_from = pgColDate(r, row, 10);
    a->publicity_until = pgColDate(r, row, 11);
    a->supplement_by = pgColDate(r, row, 12);
    a->created_by = prText(ar, r, row, 13);
    a->created_at = prText(ar, r, row, 14);
    a->updated_at = prText(ar, r, row, 15);
    a->name = prText(ar, r, row, 16);
    a->town = prText(ar, r, row, 17);
}

/* The id is the year's next number: read and written under the writers' lock the
 * caller holds (storeBegin), so two writers never draw the same one; without it the
 * UNIQUE(year, seq) constraint refuses the second (GH_EINVAL), never a duplicate
 * (decision 259). */
static int pgRoundCreate(storeBackend *b, const storeRoundApp *a, char id[STORE_ROUND_ID_SIZE]) {
    pgStore *p = PG(b);
    if (a->year < 1000 || a->year > 9999)
        return storeErrSet(p->base.err, GH_EINVAL, "year", "年度无效 (year out of range): %d", a->year);
    char year[24], seqbuf[24], applied[DATE_STRLEN], claimed[CATEGORY_MAX_CRITERIA + 1];
    const char *yp[1] = {pgI64(year, a->year)};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_ROUND(0), "SELECT coalesce(max(seq),0)+1 FROM round_apps WHERE year=$1::int", 1, yp,
                          &code, "round_apps");
    if (!r) return code;
    const int64_t seq = PQntuples(r) == 1 ? pgInt(r, 0, 0) : 1;
    PQclear(r);
    if (seq > 9999999) return storeErrSet(p->base.err, GH_EINVAL, "year", "年度无效 (year out of range): %d", a->year);
    appClaimedText(claimed, a);
    snprintf(id, STORE_ROUND_ID_SIZE, "%d-%04d", a->year, (int)seq);
    const char *params[13] = {id, year, pgI64(seqbuf, seq), a->uscc, categoryCode(a->category),
                              a->route == ROUTE_RECOMMENDED ? "recommended" : "self", a->recommended_by, claimed,
                              a->statement, roundStateCode(a->state), pgDate(applied, a->applied_on), a->created_by,
                              a->created_at};
    return pgCmd(p, PR_ST_ROUND(1),
                 "INSERT INTO round_apps(id,year,seq,uscc,category,route,recommended_by,claimed,statement,state,"
                 "applied_on,created_by,created_at,updated_at) VALUES($1,$2::int,$3::int,$4,$5,$6,$7,$8,$9,$10,"
                 "$11::date,$12,$13,$13)", 13, params, NULL, "round_apps");
}

static int pgRoundGet(storeBackend *b, const char *id, arena *ar, storeRoundApp *out) {
    pgStore *p = PG(b);
    const char *params[1] = {id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_ROUND(2), APP_COLS "WHERE a.id=$1", 1, params, &code, "round_apps");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) appRow(r, 0, ar, out);
    PQclear(r);
    if (found) return 0;
    return storeErrSet(p->base.err, GH_ENOTFOUND, "id", "没有申报 %s (no such application)", id ? id : "");
}

static int pgRoundUpdate(storeBackend *b, const storeRoundApp *a) {
    pgStore *p = PG(b);
    char claimed[CATEGORY_MAX_CRITERIA + 1];
    appClaimedText(claimed, a);
    const char *params[7] = {a->id, categoryCode(a->category), a->route == ROUTE_RECOMMENDED ? "recommended" : "self",
                             a->recommended_by, claimed, a->statement, a->updated_at};
    int64_t changed = 0;
    const int rc = pgCmd(p, PR_ST_ROUND(3), "UPDATE round_apps SET category=$2,route=$3,recommended_by=$4,claimed=$5,"
                                           "statement=$6,updated_at=$7 WHERE id=$1", 7, params, &changed, "round_apps");
    return rc ? rc : prChanged(p, changed, "round_apps");
}

/* The history row of a move (the table refuses UPDATE and DELETE: schema.c). */
static int roundStepInsert(pgStore *p, const storeRoundStep *s) {
    char on[DATE_STRLEN];
    const char *params[12] = {s->app_id, roundStateCode(s->from), roundStateCode(s->to), roundActionCode(s->action),
                              s->actor, s->role, s->at, pgDate(on, s->on), s->reason, s->override ? "1" : "0",
                              s->override_by, s->override_reason};
    return pgCmd(p, PR_ST_ROUND(4), "INSERT INTO round_steps(app_id,from_state,to_state,action,actor,role,at,on_date,"
                                    "reason,override,override_by,override_reason) VALUES($1,$2,$3,$4,$5,$6,$7,"
                                    "$8::date,$9,$10::int,$11,$12)", 12, params, NULL, "round_steps");
}

static int pgRoundMove(storeBackend *b, const storeRoundApp *a, const storeRoundStep *s) {
    pgStore *p = PG(b);
    int rc = pgInTransaction(p, "round move");
    if (rc) return rc;
    if ((unsigned)s->from >= RSTATE__COUNT || (unsigned)s->to >= RSTATE__COUNT || (unsigned)s->action >= RACT__COUNT)
        return storeErrSet(p->base.err, GH_EINVAL, "state", "状态或动作无效 (state or action out of range)");
    char d1[DATE_STRLEN], d2[DATE_STRLEN], d3[DATE_STRLEN], d4[DATE_STRLEN];
    const char *params[8] = {s->app_id, roundStateCode(s->from), roundStateCode(s->to), pgDate(d1, a->applied_on),
                             pgDate(d2, a->publicity_from), pgDate(d3, a->publicity_until),
                             pgDate(d4, a->supplement_by), s->at};
    int64_t changed = 0;
    if ((rc = pgCmd(p, PR_ST_ROUND(5), "UPDATE round_apps SET state=$3,applied_on=$4::date,publicity_from=$5::date,"
                                       "publicity_until=$6::date,supplement_by=$7::date,updated_at=$8 "
                                       "WHERE id=$1 AND state=$2", 8, params, &changed, "round_apps")))
        return rc;
    if (changed == 0) {
        arena tmp;
        storeRoundApp now;
        arenaInit(&tmp, 1024, 0);
        rc = pgRoundGet(b, s->app_id, &tmp, &now);
        arenaFree(&tmp);
        if (rc) return rc;
        return storeErrSet(p->base.err, GH_ERANGE, "state", "申报 %s 的状态已变化 (state changed meanwhile)", s->app_id);
    }
    return roundStepInsert(p, s);
}

static int pgEachRoundStep(storeBackend *b, const char *id, storeRoundStepFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[1] = {id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_ROUND(6), "SELECT id,app_id,from_state,to_state,action,actor,role," PG_TIME_TEXT("at") ",on_date,reason,"
                                             "override,override_by,override_reason FROM round_steps WHERE app_id=$1 "
                                             "ORDER BY id", 1, params, &code, "round_steps");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeRoundStep s = {.id = pgInt(r, i, 0), .app_id = pgText(r, i, 1)};
        roundState from = RSTATE_DRAFT, to = RSTATE_DRAFT;
        roundAction act = RACT_SUBMIT;
        roundStateParse(&from, pgText(r, i, 2), (size_t)PQgetlength(r, i, 2));
        roundStateParse(&to, pgText(r, i, 3), (size_t)PQgetlength(r, i, 3));
        roundActionParse(&act, pgText(r, i, 4), (size_t)PQgetlength(r, i, 4));
        s.from = from, s.to = to, s.action = act;
        s.actor = pgText(r, i, 5);
        s.role = pgText(r, i, 6);
        s.at = pgText(r, i, 7);
        s.on = pgColDate(r, i, 8);
        s.reason = pgText(r, i, 9);
        s.override = prBool(r, i, 10);
        s.override_by = pgText(r, i, 11);
        s.override_reason = pgText(r, i, 12);
        k = fn(ctx, &s);
    }
    PQclear(r);
    return k;
}

/* The whole list is read before the first callback (a year's applications are
 * a few thousand at most), so that a callback may call the store again
 * (decision 259). */
static int pgEachRound(storeBackend *b, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx) {
    pgStore *p = PG(b);
    char year[24];
    const char *params[4] = {pgI64(year, f->year), f->town, f->uscc, f->recommended_by};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_ROUND(7), APP_COLS "WHERE ($1::int=0 OR a.year=$1::int) AND ($2::text IS NULL OR "
                                                      "b.town=$2) AND ($3::text IS NULL OR a.uscc=$3) AND ($4::text IS "
                                                      "NULL OR a.recommended_by=$4) ORDER BY a.year, a.seq",
                          4, params, &code, "round_apps");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeRoundApp a;
        appRow(r, i, NULL, &a); /* states and categories are few: filtered here, after the indexed ones */
        if ((!f->states || ((f->states >> a.state) & 1u)) && (!f->categories || ((f->categories >> a.category) & 1u)))
            k = fn(ctx, &a);
    }
    PQclear(r);
    return k;
}

void pgRoundInstall(storeBackend *b) {
    b->roundCreate = pgRoundCreate;
    b->roundGet = pgRoundGet;
    b->roundUpdate = pgRoundUpdate;
    b->roundMove = pgRoundMove;
    b->eachRoundStep = pgEachRoundStep;
    b->eachRound = pgEachRound;
    pgRoundCaseInstall(b);
    pgRoundRecordsInstall(b);
}
