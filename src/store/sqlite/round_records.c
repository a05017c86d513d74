/* What follows a recognition in the round: the recognition itself (validity,
 * extension, its end), the yearly information reports, commendations and the
 * city's spot checks. */
#include "store/sqlite/round_int.h"
#include "core/error.h"
#include <string.h>

static const char *const recogEnds[4] = {"held", "cancelled", "revoked", "city_refused"};
static const char *const revocations[3] = {"", "fraud", "bribery"};

/* ---- recognitions ---- */

static int sqliteRecognitionAdd(storeBackend *b, const storeRecognition *r) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_recognitions(app_id,uscc,year,category,route,type,recognised_on,expires,"
                      "extensions) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9)", &st, "round_recognitions"))
        return GH_EIO;
    sqlBindText(st, 1, r->app_id);
    sqlBindText(st, 2, r->uscc);
    sqlite3_bind_int(st, 3, r->year);
    sqlBindText(st, 4, categoryCode(r->category));
    sqlBindText(st, 5, r->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    sqlBindText(st, 6, typingTypeCode(r->type));
    sqlBindDate(st, 7, r->recognised_on);
    sqlBindDate(st, 8, r->expires);
    sqlite3_bind_int(st, 9, r->extensions);
    return roundStepFinal(q, st, "round_recognitions");
}

#define RECOG_COLS "SELECT r.app_id,r.uscc,r.year,r.category,r.route,r.type,r.recognised_on,r.expires,r.extensions," \
                   "r.dept_consent_on,r.ended,r.ended_on,r.revocation,r.end_reason,b.operator_id " \
                   "FROM round_recognitions r LEFT JOIN businesses b ON b.uscc=r.uscc "

static void recogRow(sqlite3_stmt *st, arena *ar, storeRecognition *r) {
    memset(r, 0, sizeof *r);
    r->app_id = roundText(ar, st, 0);
    r->uscc = roundText(ar, st, 1);
    r->year = sqlite3_column_int(st, 2);
    const char *cat = sqlColText(st, 3);
    categoryKind k = CAT_FAMOUS;
    if (cat) categoryParse(&k, cat, strlen(cat));
    r->category = k;
    r->route = strcmp(sqlColText(st, 4), "recommended") == 0 ? ROUTE_RECOMMENDED : ROUTE_SELF;
    bizType t = TYPE_INELIGIBLE;
    typingTypeParse(&t, sqlColText(st, 5));
    r->type = t;
    r->recognised_on = sqlColDate(st, 6);
    r->expires = sqlColDate(st, 7);
    r->extensions = sqlite3_column_int(st, 8);
    r->dept_consent_on = sqlColDate(st, 9);
    r->ended = (storeRecognitionEnd)sqlCode(recogEnds, 4, sqlColText(st, 10));
    r->ended_on = sqlColDate(st, 11);
    r->revocation = (storeRevocation)sqlCode(revocations, 3, sqlColText(st, 12));
    r->end_reason = roundText(ar, st, 13);
    r->operator_id = roundText(ar, st, 14);
}

static int sqliteRecognitionGet(storeBackend *b, const char *app_id, arena *ar, storeRecognition *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, RECOG_COLS "WHERE r.app_id=?1", &st, "round_recognitions")) return GH_EIO;
    sqlBindText(st, 1, app_id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) recogRow(st, ar, out);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "id", "申报 %s 未获认定 (no recognition)", app_id ? app_id : "");
    return sqlFail(q, "round_recognitions");
}

static int sqliteRecognitionUpdate(storeBackend *b, const storeRecognition *r) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if ((unsigned)r->ended > RECOG_CITY_REFUSED || (unsigned)r->revocation > REVOKE_BRIBERY)
        return storeErrSet(q->base.err, GH_EINVAL, "ended", "认定状态无效 (end out of range)");
    if (sqlPrepare(q, "UPDATE round_recognitions SET expires=?2,extensions=?3,dept_consent_on=?4,ended=?5,ended_on=?6,"
                      "revocation=?7,end_reason=?8 WHERE app_id=?1", &st, "round_recognitions"))
        return GH_EIO;
    sqlBindText(st, 1, r->app_id);
    sqlBindDate(st, 2, r->expires);
    sqlite3_bind_int(st, 3, r->extensions);
    sqlBindDate(st, 4, r->dept_consent_on);
    sqlBindText(st, 5, recogEnds[r->ended]);
    sqlBindDate(st, 6, r->ended_on);
    sqlBindText(st, 7, r->revocation ? revocations[r->revocation] : NULL);
    sqlBindText(st, 8, r->end_reason);
    const int rc = roundStepFinal(q, st, "round_recognitions");
    return rc ? rc : roundChanged(q, "round_recognitions");
}

/* The rest of the filter, after the first condition (r.uscc=?1, or ?1 IS NULL OR …). */
#define RECOG_FILTER " AND (?2 IS NULL OR b.operator_id=?2) AND "                                      \
                     "(?3 IS NULL OR (r.ended='held' AND r.recognised_on<=?3 AND r.expires>?3)) AND " \
                     "(?4=0 OR r.ended='revoked') AND (?5=0 OR r.year=?5) ORDER BY r.app_id"

/* A filter by USCC is the public look-up's, on every request: its statement is kept
 * prepared and uses the index on uscc (issue 12 §2: preparing it on each request was
 * over half of the look-up's time). Other filters are the staff's: prepared each time. */
static int sqliteEachRecognition(storeBackend *b, const storeRecognitionFilter *f, storeRecognitionFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    const bool cached = f->uscc != NULL;
    if (cached) st = sqlSt(q, SQ_RECOG_USCC, RECOG_COLS "WHERE r.uscc=?1" RECOG_FILTER);
    else if (sqlPrepare(q, RECOG_COLS "WHERE ?1 IS NULL" RECOG_FILTER, &st, "round_recognitions")) st = NULL;
    if (!st) return GH_EIO;
    sqlBindText(st, 1, f->uscc);
    sqlBindText(st, 2, f->operator_id);
    sqlBindDate(st, 3, f->valid_at);
    sqlite3_bind_int(st, 4, f->revoked_only);
    sqlite3_bind_int(st, 5, f->year);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeRecognition r;
        recogRow(st, NULL, &r);
        k = fn(ctx, &r);
    }
    if (!cached) return roundWalkEnd(q, st, rc, k, "round_recognitions");
    const int code = sqlEnd(q, rc, k, "round_recognitions");
    sqlite3_reset(st);
    return code;
}

/* ---- information reports ---- */

static const char *const reportCodes[3] = {"filed", "confirmed", "queried"};

static int sqliteInfoReportAdd(storeBackend *b, const storeInfoReport *r, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_reports(app_id,year,filed_on,changes,filed_by,status) "
                      "VALUES(?1,?2,?3,?4,?5,'filed')", &st, "round_reports"))
        return GH_EIO;
    sqlBindText(st, 1, r->app_id);
    sqlite3_bind_int(st, 2, r->year);
    sqlBindDate(st, 3, r->filed_on);
    sqlBindText(st, 4, r->changes);
    sqlBindText(st, 5, r->filed_by);
    return roundInsertFinal(q, st, "round_reports", id);
}

static int sqliteInfoReportCheck(storeBackend *b, int64_t id, storeReportStatus status, const char *by,
                                 const char *at, const char *note) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (status != REPORT_CONFIRMED && status != REPORT_QUERIED)
        return storeErrSet(q->base.err, GH_EINVAL, "status", "核查结果无效 (confirmed or queried)");
    if (sqlPrepare(q, "UPDATE round_reports SET status=?2,checked_by=?3,checked_at=?4,note=?5 WHERE id=?1", &st,
                   "round_reports"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, reportCodes[status]);
    sqlBindText(st, 3, by);
    sqlBindText(st, 4, at);
    sqlBindText(st, 5, note);
    const int rc = roundStepFinal(q, st, "round_reports");
    return rc ? rc : roundChanged(q, "round_reports");
}

static int sqliteEachInfoReport(storeBackend *b, int year, const char *app_id, storeInfoReportFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,year,filed_on,changes,filed_by,status,checked_by,checked_at,note FROM "
                      "round_reports WHERE (?1=0 OR year=?1) AND (?2 IS NULL OR app_id=?2) ORDER BY id", &st,
                   "round_reports"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    sqlBindText(st, 2, app_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeInfoReport r = {.id = sqlite3_column_int64(st, 0), .app_id = sqlColText(st, 1),
                             .year = sqlite3_column_int(st, 2), .filed_on = sqlColDate(st, 3),
                             .changes = sqlColText(st, 4), .filed_by = sqlColText(st, 5),
                             .status = (storeReportStatus)sqlCode(reportCodes, 3, sqlColText(st, 6)),
                             .checked_by = sqlColText(st, 7), .checked_at = sqlColText(st, 8), .note = sqlColText(st, 9)};
        k = fn(ctx, &r);
    }
    return roundWalkEnd(q, st, rc, k, "round_reports");
}

/* ---- calendar overrides granted ahead ---- */

static int sqliteOverrideGrantAdd(storeBackend *b, const storeOverrideGrant *g, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_override_grants(app_id,action,reason,granted_by,granted_at) "
                      "VALUES(?1,?2,?3,?4,?5)", &st, "round_override_grants"))
        return GH_EIO;
    sqlBindText(st, 1, g->app_id);
    sqlite3_bind_int(st, 2, (int)g->action);
    sqlBindText(st, 3, g->reason);
    sqlBindText(st, 4, g->granted_by);
    sqlBindText(st, 5, g->granted_at);
    return roundInsertFinal(q, st, "round_override_grants", id);
}

static int sqliteOverrideGrantOpen(storeBackend *b, const char *app_id, roundAction action, arena *ar,
                                   storeOverrideGrant *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,action,reason,granted_by,granted_at FROM round_override_grants "
                      "WHERE app_id=?1 AND action=?2 AND used_at IS NULL", &st, "round_override_grants"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    sqlite3_bind_int(st, 2, (int)action);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        out->app_id = roundText(ar, st, 1);
        out->action = (roundAction)sqlite3_column_int(st, 2);
        out->reason = roundText(ar, st, 3);
        out->granted_by = roundText(ar, st, 4);
        out->granted_at = roundText(ar, st, 5);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return out->app_id && out->reason && out->granted_by && out->granted_at ? 0 : GH_ENOMEM;
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "id", "没有待用的日程放行 (no override granted)");
    return sqlFail(q, "round_override_grants");
}

static int sqliteOverrideGrantUse(storeBackend *b, int64_t id, const char *at) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE round_override_grants SET used_at=?2 WHERE id=?1 AND used_at IS NULL", &st,
                   "round_override_grants"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, at);
    const int rc = roundStepFinal(q, st, "round_override_grants");
    return rc ? rc : roundChanged(q, "round_override_grants");
}

/* ---- commendations ---- */

static int sqliteCommendationAdd(storeBackend *b, const storeCommendation *c, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_commendations(uscc,commended_on,title,level,recorded_by,recorded_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6)", &st, "round_commendations"))
        return GH_EIO;
    sqlBindText(st, 1, c->uscc);
    sqlBindDate(st, 2, c->commended_on);
    sqlBindText(st, 3, c->title);
    sqlBindText(st, 4, c->level);
    sqlBindText(st, 5, c->recorded_by);
    sqlBindText(st, 6, c->recorded_at);
    return roundInsertFinal(q, st, "round_commendations", id);
}

static int sqliteEachCommendation(storeBackend *b, const char *uscc, storeCommendationFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,uscc,commended_on,title,level,recorded_by,recorded_at FROM round_commendations "
                      "WHERE uscc=?1 ORDER BY commended_on, id", &st, "round_commendations"))
        return GH_EIO;
    sqlBindText(st, 1, uscc);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeCommendation c = {.id = sqlite3_column_int64(st, 0), .uscc = sqlColText(st, 1),
                               .commended_on = sqlColDate(st, 2), .title = sqlColText(st, 3),
                               .level = sqlColText(st, 4), .recorded_by = sqlColText(st, 5),
                               .recorded_at = sqlColText(st, 6)};
        k = fn(ctx, &c);
    }
    return roundWalkEnd(q, st, rc, k, "round_commendations");
}

/* ---- the city's spot checks ---- */

static const char *const spotCodes[3] = {"request", "supplied", "refuse"};

static int sqliteSpotCheckAdd(storeBackend *b, const storeSpotCheck *c, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if ((unsigned)c->kind > SPOT_REFUSE) return storeErrSet(q->base.err, GH_EINVAL, "kind", "抽查类型无效 (kind)");
    if (sqlPrepare(q, "INSERT INTO round_spot_checks(app_id,kind,on_date,due_on,note,actor,at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7)", &st, "round_spot_checks"))
        return GH_EIO;
    sqlBindText(st, 1, c->app_id);
    sqlBindText(st, 2, spotCodes[c->kind]);
    sqlBindDate(st, 3, c->on);
    sqlBindDate(st, 4, c->due_on);
    sqlBindText(st, 5, c->note);
    sqlBindText(st, 6, c->by);
    sqlBindText(st, 7, c->at);
    return roundInsertFinal(q, st, "round_spot_checks", id);
}

static int sqliteEachSpotCheck(storeBackend *b, const char *app_id, storeSpotCheckFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,kind,on_date,due_on,note,actor,at FROM round_spot_checks WHERE app_id=?1 "
                      "ORDER BY id", &st, "round_spot_checks"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeSpotCheck c = {.id = sqlite3_column_int64(st, 0), .app_id = sqlColText(st, 1),
                            .kind = (storeSpotKind)sqlCode(spotCodes, 3, sqlColText(st, 2)), .on = sqlColDate(st, 3),
                            .due_on = sqlColDate(st, 4), .note = sqlColText(st, 5), .by = sqlColText(st, 6),
                            .at = sqlColText(st, 7)};
        k = fn(ctx, &c);
    }
    return roundWalkEnd(q, st, rc, k, "round_spot_checks");
}

/* ---- kept after the re-check ---- */

static int sqliteKeepAdd(storeBackend *b, const storeKeep *k) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_keeps(app_id,year,reason,actor,at) VALUES(?1,?2,?3,?4,?5)", &st,
                   "round_keeps"))
        return GH_EIO;
    sqlBindText(st, 1, k->app_id);
    sqlite3_bind_int(st, 2, k->year);
    sqlBindText(st, 3, k->reason);
    sqlBindText(st, 4, k->by);
    sqlBindText(st, 5, k->at);
    return roundStepFinal(q, st, "round_keeps");
}

static int sqliteEachKeep(storeBackend *b, int year, storeKeepFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT app_id,year,reason,actor,at FROM round_keeps WHERE year=?1 ORDER BY app_id", &st,
                   "round_keeps"))
        return GH_EIO;
    sqlite3_bind_int(st, 1, year);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeKeep kp = {.app_id = sqlColText(st, 0), .year = sqlite3_column_int(st, 1),
                              .reason = sqlColText(st, 2), .by = sqlColText(st, 3), .at = sqlColText(st, 4)};
        k = fn(ctx, &kp);
    }
    return roundWalkEnd(q, st, rc, k, "round_keeps");
}

void sqliteRoundRecordsInstall(storeBackend *b) {
    b->keepAdd = sqliteKeepAdd;
    b->eachKeep = sqliteEachKeep;
    b->recognitionAdd = sqliteRecognitionAdd;
    b->recognitionGet = sqliteRecognitionGet;
    b->recognitionUpdate = sqliteRecognitionUpdate;
    b->eachRecognition = sqliteEachRecognition;
    b->infoReportAdd = sqliteInfoReportAdd;
    b->infoReportCheck = sqliteInfoReportCheck;
    b->eachInfoReport = sqliteEachInfoReport;
    b->overrideGrantAdd = sqliteOverrideGrantAdd;
    b->overrideGrantOpen = sqliteOverrideGrantOpen;
    b->overrideGrantUse = sqliteOverrideGrantUse;
    b->commendationAdd = sqliteCommendationAdd;
    b->eachCommendation = sqliteEachCommendation;
    b->spotCheckAdd = sqliteSpotCheckAdd;
    b->eachSpotCheck = sqliteEachSpotCheck;
}
