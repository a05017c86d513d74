/* What follows a recognition in the round, on PostgreSQL (sqlite/round_records.c's
 * twin): the recognition itself (validity, extension, its end), the yearly
 * information reports, calendar overrides granted ahead, commendations, the city's
 * spot checks and the recognitions kept after the re-check. Application ids sort
 * in byte order (COLLATE "C"), as SQLite sorts text (decision 258). */
#include "store/pg/pg_round_int.h"
#include "core/error.h"
#include <stdlib.h>
#include <string.h>

static const char *const recogEnds[4] = {"held", "cancelled", "revoked", "city_refused"};
static const char *const revocations[3] = {"", "fraud", "bribery"};

/* Runs a listing (statement st, or -1 for a one-off) and hands each row to row(); the result is read whole first, so a
 * callback may call the store again (the lists are one case's or one year's;
 * decision 259). */
typedef void (*anyFn)(void); /* a callback of any type, cast back by row() */
typedef int (*recordRowFn)(PGresult *r, int row, anyFn fn, void *ctx);
static int recordWalk(pgStore *p, int st, const char *sql, int n, const char *const *params, recordRowFn row,
                      anyFn fn, void *ctx, const char *what) {
    int code = 0;
    PGresult *r = pgQuery(p, st, sql, n, params, &code, what);
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) k = row(r, i, fn, ctx);
    PQclear(r);
    return k;
}

static const char *routeCode(categoryRoute r) { return r == ROUTE_RECOMMENDED ? "recommended" : "self"; }

/* ---- recognitions ---- */

static int pgRecognitionAdd(storeBackend *b, const storeRecognition *r) {
    char year[24], ext[24], on[DATE_STRLEN], until[DATE_STRLEN];
    const char *params[9] = {r->app_id, r->uscc, pgI64(year, r->year), categoryCode(r->category), routeCode(r->route),
                             typingTypeCode(r->type), pgDate(on, r->recognised_on), pgDate(until, r->expires),
                             pgI64(ext, r->extensions)};
    return pgCmd(PG(b), -1, "INSERT INTO round_recognitions(app_id,uscc,year,category,route,type,recognised_on,"
                            "expires,extensions) VALUES($1,$2,$3::int,$4,$5,$6,$7::date,$8::date,$9::int)", 9, params,
                 NULL, "round_recognitions");
}

#define RECOG_COLS "SELECT r.app_id,r.uscc,r.year,r.category,r.route,r.type,r.recognised_on,r.expires,r.extensions," \
                   "r.dept_consent_on,r.ended,r.ended_on,r.revocation,r.end_reason,b.operator_id " \
                   "FROM round_recognitions r LEFT JOIN businesses b ON b.uscc=r.uscc "

static void recogRow(PGresult *res, int row, arena *ar, storeRecognition *r) {
    memset(r, 0, sizeof *r);
    r->app_id = prText(ar, res, row, 0);
    r->uscc = prText(ar, res, row, 1);
    r->year = (int)pgInt(res, row, 2);
    const char *cat = pgText(res, row, 3), *route = pgText(res, row, 4), *type = pgText(res, row, 5);
    categoryKind k = CAT_FAMOUS;
    if (cat) categoryParse(&k, cat, strlen(cat));
    r->category = k;
    r->route = route && strcmp(route, "recommended") == 0 ? ROUTE_RECOMMENDED : ROUTE_SELF;
    bizType t = TYPE_INELIGIBLE;
    if (type) typingTypeParse(&t, type);
    r->type = t;
    r->recognised_on = pgColDate(res, row, 6);
    r->expires = pgColDate(res, row, 7);
    r->extensions = (int)pgInt(res, row, 8);
    r->dept_consent_on = pgColDate(res, row, 9);
    const int end = pgCode(recogEnds, 4, pgText(res, row, 10)), rev = pgCode(revocations, 3, pgText(res, row, 12));
    r->ended = end < 0 ? RECOG_HELD : (storeRecognitionEnd)end;
    r->ended_on = pgColDate(res, row, 11);
    r->revocation = rev < 0 ? REVOKE_NONE : (storeRevocation)rev;
    r->end_reason = prText(ar, res, row, 13);
    r->operator_id = prText(ar, res, row, 14);
}

static int pgRecognitionGet(storeBackend *b, const char *app_id, arena *ar, storeRecognition *out) {
    pgStore *p = PG(b);
    const char *params[1] = {app_id};
    int code = 0;
    PGresult *r = pgQuery(p, -1, RECOG_COLS "WHERE r.app_id=$1", 1, params, &code, "round_recognitions");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) recogRow(r, 0, ar, out);
    PQclear(r);
    if (found) return 0;
    return storeErrSet(p->base.err, GH_ENOTFOUND, "id", "申报 %s 未获认定 (no recognition)", app_id ? app_id : "");
}

static int pgRecognitionUpdate(storeBackend *b, const storeRecognition *r) {
    pgStore *p = PG(b);
    if ((unsigned)r->ended > RECOG_CITY_REFUSED || (unsigned)r->revocation > REVOKE_BRIBERY)
        return storeErrSet(p->base.err, GH_EINVAL, "ended", "认定状态无效 (end out of range)");
    char until[DATE_STRLEN], ext[24], consent[DATE_STRLEN], ended[DATE_STRLEN];
    const char *params[8] = {r->app_id, pgDate(until, r->expires), pgI64(ext, r->extensions),
                             pgDate(consent, r->dept_consent_on), recogEnds[r->ended], pgDate(ended, r->ended_on),
                             r->revocation ? revocations[r->revocation] : NULL, r->end_reason};
    int64_t changed = 0;
    const int rc = pgCmd(p, -1, "UPDATE round_recognitions SET expires=$2::date,extensions=$3::int,"
                                "dept_consent_on=$4::date,ended=$5,ended_on=$6::date,revocation=$7,end_reason=$8 "
                                "WHERE app_id=$1", 8, params, &changed, "round_recognitions");
    return rc ? rc : prChanged(p, changed, "round_recognitions");
}

static int recogOne(PGresult *r, int row, anyFn fn, void *ctx) {
    storeRecognition rec;
    recogRow(r, row, NULL, &rec);
    return ((storeRecognitionFn)fn)(ctx, &rec);
}

/* The recognitions of one business are read on every public look-up (decision 275):
 * that statement is prepared once per connection and keyed on uscc, as SQLite's
 * SQ_RECOG_USCC; the other filters are one-offs. */
#define RECOG_FILTER "AND ($2::text IS NULL OR b.operator_id=$2) AND ($3::date IS NULL OR (r.ended='held' AND " \
                     "r.recognised_on<=$3::date AND r.expires>$3::date)) AND ($4::int=0 OR r.ended='revoked') AND " \
                     "($5::int=0 OR r.year=$5::int) "
#define ST_RECOG_USCC (PG_ST_LOOKUP + 0)

static int pgEachRecognition(storeBackend *b, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx) {
    char valid[DATE_STRLEN], year[24];
    const char *params[5] = {f->uscc, f->operator_id, pgDate(valid, f->valid_at), f->revoked_only ? "1" : "0",
                             pgI64(year, f->year)};
    if (!f->uscc)
        return recordWalk(PG(b), -1, RECOG_COLS "WHERE $1::text IS NULL " RECOG_FILTER "ORDER BY r.app_id COLLATE \"C\"",
                          5, params, recogOne, (anyFn)fn, ctx, "round_recognitions");
    /* One business's few: put in app_id order (bytes, as COLLATE "C") here rather than
     * by a Sort node, which costs more than the look-up (decision 275). */
    int code = 0, k = 0;
    PGresult *r = pgQuery(PG(b), ST_RECOG_USCC, RECOG_COLS "WHERE r.uscc=$1 " RECOG_FILTER, 5, params, &code,
                          "round_recognitions");
    if (!r) return code;
    const int n = PQntuples(r);
    int local[32], *order = n <= 32 ? local : malloc((size_t)n * sizeof *order);
    if (!order) k = storeErrSet(b->err, GH_ENOMEM, "round_recognitions", "内存不足 (out of memory)");
    for (int i = 0; i < n && order; i++) { /* insertion: a handful of rows */
        int j = i;
        for (; j > 0 && strcmp(PQgetvalue(r, order[j - 1], 0), PQgetvalue(r, i, 0)) > 0; j--) order[j] = order[j - 1];
        order[j] = i;
    }
    for (int i = 0; i < n && !k; i++) k = recogOne(r, order[i], (anyFn)fn, ctx);
    if (order != local) free(order);
    PQclear(r);
    return k;
}

/* ---- information reports ---- */

static const char *const reportCodes[3] = {"filed", "confirmed", "queried"};

static int pgInfoReportAdd(storeBackend *b, const storeInfoReport *r, int64_t *id) {
    char year[24], on[DATE_STRLEN];
    const char *params[5] = {r->app_id, pgI64(year, r->year), pgDate(on, r->filed_on), r->changes, r->filed_by};
    return prInsertId(PG(b), -1, "INSERT INTO round_reports(app_id,year,filed_on,changes,filed_by,status) "
                                 "VALUES($1,$2::int,$3::date,$4,$5,'filed') RETURNING id", 5, params, id,
                      "round_reports");
}

static int pgInfoReportCheck(storeBackend *b, int64_t id, storeReportStatus status, const char *by, const char *at,
                             const char *note) {
    pgStore *p = PG(b);
    if (status != REPORT_CONFIRMED && status != REPORT_QUERIED)
        return storeErrSet(p->base.err, GH_EINVAL, "status", "核查结果无效 (confirmed or queried)");
    char idbuf[24];
    const char *params[5] = {pgI64(idbuf, id), reportCodes[status], by, at, note};
    int64_t changed = 0;
    const int rc = pgCmd(p, -1, "UPDATE round_reports SET status=$2,checked_by=$3,checked_at=$4,note=$5 "
                                "WHERE id=$1::bigint", 5, params, &changed, "round_reports");
    return rc ? rc : prChanged(p, changed, "round_reports");
}

static int reportOne(PGresult *r, int i, anyFn fn, void *ctx) {
    const int st = pgCode(reportCodes, 3, pgText(r, i, 6));
    const storeInfoReport rep = {.id = pgInt(r, i, 0), .app_id = pgText(r, i, 1), .year = (int)pgInt(r, i, 2),
                                 .filed_on = pgColDate(r, i, 3), .changes = pgText(r, i, 4), .filed_by = pgText(r, i, 5),
                                 .status = st < 0 ? REPORT_FILED : (storeReportStatus)st, .checked_by = pgText(r, i, 7),
                                 .checked_at = pgText(r, i, 8), .note = pgText(r, i, 9)};
    return ((storeInfoReportFn)fn)(ctx, &rep);
}

static int pgEachInfoReport(storeBackend *b, int year, const char *app_id, storeInfoReportFn fn, void *ctx) {
    char y[24];
    const char *params[2] = {pgI64(y, year), app_id};
    return recordWalk(PG(b), -1, "SELECT id,app_id,year,filed_on,changes,filed_by,status,checked_by," PG_TIME_TEXT("checked_at") ",note FROM "
                             "round_reports WHERE ($1::int=0 OR year=$1::int) AND ($2::text IS NULL OR app_id=$2) "
                             "ORDER BY id", 2, params, reportOne, (anyFn)fn, ctx, "round_reports");
}

/* ---- calendar overrides granted ahead ---- */

static int pgOverrideGrantAdd(storeBackend *b, const storeOverrideGrant *g, int64_t *id) {
    char action[24];
    const char *params[5] = {g->app_id, pgI64(action, (int64_t)g->action), g->reason, g->granted_by, g->granted_at};
    return prInsertId(PG(b), -1, "INSERT INTO round_override_grants(app_id,action,reason,granted_by,granted_at) "
                                 "VALUES($1,$2::int,$3,$4,$5) RETURNING id", 5, params, id, "round_override_grants");
}

static int pgOverrideGrantOpen(storeBackend *b, const char *app_id, roundAction action, arena *ar,
                               storeOverrideGrant *out) {
    pgStore *p = PG(b);
    char act[24];
    const char *params[2] = {app_id, pgI64(act, (int64_t)action)};
    int code = 0;
    PGresult *r = pgQuery(p, -1, "SELECT id,app_id,action,reason,granted_by," PG_TIME_TEXT("granted_at") " FROM round_override_grants "
                                 "WHERE app_id=$1 AND action=$2::int AND used_at IS NULL", 2, params, &code,
                          "round_override_grants");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) {
        memset(out, 0, sizeof *out);
        out->id = pgInt(r, 0, 0);
        out->app_id = prText(ar, r, 0, 1);
        out->action = (roundAction)pgInt(r, 0, 2);
        out->reason = prText(ar, r, 0, 3);
        out->granted_by = prText(ar, r, 0, 4);
        out->granted_at = prText(ar, r, 0, 5);
    }
    PQclear(r);
    if (found)
        return out->app_id && out->reason && out->granted_by && out->granted_at
                   ? 0
                   : storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
    return storeErrSet(p->base.err, GH_ENOTFOUND, "id", "没有待用的日程放行 (no override granted)");
}

static int pgOverrideGrantUse(storeBackend *b, int64_t id, const char *at) {
    pgStore *p = PG(b);
    char idbuf[24];
    const char *params[2] = {pgI64(idbuf, id), at};
    int64_t changed = 0;
    const int rc = pgCmd(p, -1, "UPDATE round_override_grants SET used_at=$2 WHERE id=$1::bigint AND used_at IS NULL",
                         2, params, &changed, "round_override_grants");
    return rc ? rc : prChanged(p, changed, "round_override_grants");
}

/* ---- commendations ---- */

static int pgCommendationAdd(storeBackend *b, const storeCommendation *c, int64_t *id) {
    char on[DATE_STRLEN];
    const char *params[6] = {c->uscc, pgDate(on, c->commended_on), c->title, c->level, c->recorded_by, c->recorded_at};
    return prInsertId(PG(b), -1, "INSERT INTO round_commendations(uscc,commended_on,title,level,recorded_by,"
                                 "recorded_at) VALUES($1,$2::date,$3,$4,$5,$6) RETURNING id", 6, params, id,
                      "round_commendations");
}

static int commendationOne(PGresult *r, int i, anyFn fn, void *ctx) {
    const storeCommendation c = {.id = pgInt(r, i, 0), .uscc = pgText(r, i, 1), .commended_on = pgColDate(r, i, 2),
                                 .title = pgText(r, i, 3), .level = pgText(r, i, 4), .recorded_by = pgText(r, i, 5),
                                 .recorded_at = pgText(r, i, 6)};
    return ((storeCommendationFn)fn)(ctx, &c);
}

static int pgEachCommendation(storeBackend *b, const char *uscc, storeCommendationFn fn, void *ctx) {
    const char *params[1] = {uscc};
    return recordWalk(PG(b), -1, "SELECT id,uscc,commended_on,title,level,recorded_by," PG_TIME_TEXT("recorded_at") " FROM round_commendations "
                             "WHERE uscc=$1 ORDER BY commended_on, id", 1, params, commendationOne, (anyFn)fn, ctx,
                      "round_commendations");
}

/* ---- the city's spot checks ---- */

static const char *const spotCodes[3] = {"request", "supplied", "refuse"};

static int pgSpotCheckAdd(storeBackend *b, const storeSpotCheck *c, int64_t *id) {
    pgStore *p = PG(b);
    if ((unsigned)c->kind > SPOT_REFUSE) return storeErrSet(p->base.err, GH_EINVAL, "kind", "抽查类型无效 (kind)");
    char on[DATE_STRLEN], due[DATE_STRLEN];
    const char *params[7] = {c->app_id, spotCodes[c->kind], pgDate(on, c->on), pgDate(due, c->due_on), c->note, c->by,
                             c->at};
    return prInsertId(p, -1, "INSERT INTO round_spot_checks(app_id,kind,on_date,due_on,note,actor,at) "
                             "VALUES($1,$2,$3::date,$4::date,$5,$6,$7) RETURNING id", 7, params, id,
                      "round_spot_checks");
}

static int spotOne(PGresult *r, int i, anyFn fn, void *ctx) {
    const int kind = pgCode(spotCodes, 3, pgText(r, i, 2));
    const storeSpotCheck c = {.id = pgInt(r, i, 0), .app_id = pgText(r, i, 1),
                              .kind = kind < 0 ? SPOT_REQUEST : (storeSpotKind)kind, .on = pgColDate(r, i, 3),
                              .due_on = pgColDate(r, i, 4), .note = pgText(r, i, 5), .by = pgText(r, i, 6),
                              .at = pgText(r, i, 7)};
    return ((storeSpotCheckFn)fn)(ctx, &c);
}

static int pgEachSpotCheck(storeBackend *b, const char *app_id, storeSpotCheckFn fn, void *ctx) {
    const char *params[1] = {app_id};
    return recordWalk(PG(b), -1, "SELECT id,app_id,kind,on_date,due_on,note,actor," PG_TIME_TEXT("at") " FROM round_spot_checks "
                             "WHERE app_id=$1 ORDER BY id", 1, params, spotOne, (anyFn)fn, ctx, "round_spot_checks");
}

/* ---- kept after the re-check ---- */

static int pgKeepAdd(storeBackend *b, const storeKeep *k) {
    char year[24];
    const char *params[5] = {k->app_id, pgI64(year, k->year), k->reason, k->by, k->at};
    return pgCmd(PG(b), -1, "INSERT INTO round_keeps(app_id,year,reason,actor,at) VALUES($1,$2::int,$3,$4,$5)", 5,
                 params, NULL, "round_keeps");
}

static int keepOne(PGresult *r, int i, anyFn fn, void *ctx) {
    const storeKeep kp = {.app_id = pgText(r, i, 0), .year = (int)pgInt(r, i, 1), .reason = pgText(r, i, 2),
                          .by = pgText(r, i, 3), .at = pgText(r, i, 4)};
    return ((storeKeepFn)fn)(ctx, &kp);
}

static int pgEachKeep(storeBackend *b, int year, storeKeepFn fn, void *ctx) {
    char y[24];
    const char *params[1] = {pgI64(y, year)};
    return recordWalk(PG(b), -1, "SELECT app_id,year,reason,actor," PG_TIME_TEXT("at") " FROM round_keeps WHERE year=$1::int "
                             "ORDER BY app_id COLLATE \"C\"", 1, params, keepOne, (anyFn)fn, ctx, "round_keeps");
}

void pgRoundRecordsInstall(storeBackend *b) {
    b->keepAdd = pgKeepAdd;
    b->eachKeep = pgEachKeep;
    b->recognitionAdd = pgRecognitionAdd;
    b->recognitionGet = pgRecognitionGet;
    b->recognitionUpdate = pgRecognitionUpdate;
    b->eachRecognition = pgEachRecognition;
    b->infoReportAdd = pgInfoReportAdd;
    b->infoReportCheck = pgInfoReportCheck;
    b->eachInfoReport = pgEachInfoReport;
    b->overrideGrantAdd = pgOverrideGrantAdd;
    b->overrideGrantOpen = pgOverrideGrantOpen;
    b->overrideGrantUse = pgOverrideGrantUse;
    b->commendationAdd = pgCommendationAdd;
    b->eachCommendation = pgEachCommendation;
    b->spotCheckAdd = pgSpotCheckAdd;
    b->eachSpotCheck = pgEachSpotCheck;
}
