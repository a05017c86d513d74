/* What is recorded on a case of the round besides its state: evidence (bytes in a
 * BLOB), the operator's consent, site visits, departments' opinions, objections. */
#include "store/sqlite/round_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- evidence ---- */

void roundBindFile(sqlite3_stmt *st, int first, const roundFileCols *f) {
    sqlBindText(st, first, f->name);
    sqlBindText(st, first + 1, f->content_type);
    sqlite3_bind_int64(st, first + 2, (int64_t)f->size);
    sqlBindText(st, first + 3, f->sha256);
    sqlite3_bind_blob64(st, first + 4, f->bytes ? (const void *)f->bytes : "", f->size, SQLITE_STATIC);
    sqlBindText(st, first + 5, f->added_by);
    sqlBindText(st, first + 6, f->added_at);
}

int roundFileBytes(sqliteStore *q, sqlite3_stmt *st, int col, arena *ar, const unsigned char **bytes, size_t *size) {
    const size_t n = (size_t)sqlite3_column_bytes(st, col);
    unsigned char *copy = arenaAlloc(ar, n ? n : 1);
    if (copy && n) memcpy(copy, sqlite3_column_blob(st, col), n);
    *bytes = copy;
    *size = n;
    return copy ? 0 : storeErrSet(q->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)");
}

static int sqliteEvidenceAdd(storeBackend *b, const storeEvidence *e, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_evidence(app_id,name,content_type,size,sha256,bytes,added_by,added_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7,?8)", &st, "round_evidence"))
        return GH_EIO;
    sqlBindText(st, 1, e->app_id);
    roundBindFile(st, 2, &(roundFileCols){e->name, e->content_type, e->sha256, e->added_by, e->added_at, e->bytes,
                                          e->size});
    return roundInsertFinal(q, st, "round_evidence", id);
}

static void evidenceRow(sqlite3_stmt *st, arena *ar, storeEvidence *e) {
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(st, 0);
    e->app_id = roundText(ar, st, 1);
    e->name = roundText(ar, st, 2);
    e->content_type = roundText(ar, st, 3);
    e->size = (size_t)sqlite3_column_int64(st, 4);
    e->sha256 = roundText(ar, st, 5);
    e->added_by = roundText(ar, st, 6);
    e->added_at = roundText(ar, st, 7);
}

static int sqliteEvidenceGet(storeBackend *b, int64_t id, arena *ar, storeEvidence *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,name,content_type,size,sha256,added_by,added_at,bytes FROM round_evidence "
                      "WHERE id=?1", &st, "round_evidence"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        evidenceRow(st, ar, out);
        const int e = roundFileBytes(q, st, 8, ar, &out->bytes, &out->size);
        sqlite3_finalize(st);
        return e;
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "evidence", "没有材料 %lld (no such evidence)", (long long)id);
    return sqlFail(q, "round_evidence");
}

static int sqliteEachEvidence(storeBackend *b, const char *app_id, storeEvidenceFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,name,content_type,size,sha256,added_by,added_at FROM round_evidence "
                      "WHERE app_id=?1 ORDER BY id", &st, "round_evidence"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeEvidence e;
        evidenceRow(st, NULL, &e);
        k = fn(ctx, &e);
    }
    return roundWalkEnd(q, st, rc, k, "round_evidence");
}

/* ---- consent ---- */

static int sqliteConsentAdd(storeBackend *b, const storeConsent *c) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_consents(app_id,consent_on,how,evidence_id,recorded_by,recorded_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6)", &st, "round_consents"))
        return GH_EIO;
    sqlBindText(st, 1, c->app_id);
    sqlBindDate(st, 2, c->consent_on);
    sqlBindText(st, 3, c->how == CONSENT_SCAN ? "scan" : "owner");
    if (c->evidence_id) sqlite3_bind_int64(st, 4, c->evidence_id);
    sqlBindText(st, 5, c->recorded_by);
    sqlBindText(st, 6, c->recorded_at);
    return roundStepFinal(q, st, "round_consents");
}

static int sqliteConsentGet(storeBackend *b, const char *app_id, arena *ar, storeConsent *out) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT app_id,consent_on,how,evidence_id,recorded_by,recorded_at FROM round_consents "
                      "WHERE app_id=?1", &st, "round_consents"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    const int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->app_id = roundText(ar, st, 0);
        out->consent_on = sqlColDate(st, 1);
        out->how = strcmp(sqlColText(st, 2), "scan") == 0 ? CONSENT_SCAN : CONSENT_OWNER;
        out->evidence_id = sqlite3_column_int64(st, 3);
        out->recorded_by = roundText(ar, st, 4);
        out->recorded_at = roundText(ar, st, 5);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) return 0;
    if (rc == SQLITE_DONE) return storeErrSet(q->base.err, GH_ENOTFOUND, "consent", "尚无经营者同意 (no consent recorded)");
    return sqlFail(q, "round_consents");
}

/* ---- site visits ---- */

static int sqliteVisitAdd(storeBackend *b, const storeVisit *v, int64_t *id) {
    sqliteStore *q = SQ(b);
    if (v->n_photos > STORE_VISIT_PHOTOS)
        return storeErrSet(q->base.err, GH_EINVAL, "photos", "照片过多 (more than %d photos)", STORE_VISIT_PHOTOS);
    char photos[STORE_VISIT_PHOTOS * 21 + 1] = "";
    size_t n = 0;
    for (size_t i = 0; i < v->n_photos; i++)
        n += (size_t)snprintf(photos + n, sizeof photos - n, "%s%lld", i ? "," : "", (long long)v->photos[i]);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_visits(app_id,visited_on,staff,notes,photos,recorded_by,recorded_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7)", &st, "round_visits"))
        return GH_EIO;
    sqlBindText(st, 1, v->app_id);
    sqlBindDate(st, 2, v->visited_on);
    sqlBindText(st, 3, v->staff);
    sqlBindText(st, 4, v->notes);
    sqlBindText(st, 5, photos);
    sqlBindText(st, 6, v->recorded_by);
    sqlBindText(st, 7, v->recorded_at);
    return roundInsertFinal(q, st, "round_visits", id);
}

static int sqliteEachVisit(storeBackend *b, const char *app_id, storeVisitFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,visited_on,staff,notes,photos,recorded_by,recorded_at FROM round_visits "
                      "WHERE app_id=?1 ORDER BY id", &st, "round_visits"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeVisit v = {.id = sqlite3_column_int64(st, 0), .app_id = sqlColText(st, 1), .visited_on = sqlColDate(st, 2),
                        .staff = sqlColText(st, 3), .notes = sqlColText(st, 4), .recorded_by = sqlColText(st, 6),
                        .recorded_at = sqlColText(st, 7)};
        for (const char *p = sqlColText(st, 5); p && *p && v.n_photos < STORE_VISIT_PHOTOS;) {
            char *end;
            v.photos[v.n_photos++] = strtoll(p, &end, 10);
            p = *end == ',' ? end + 1 : end;
        }
        k = fn(ctx, &v);
    }
    return roundWalkEnd(q, st, rc, k, "round_visits");
}

/* ---- joint review ---- */

static const char *const opinionCodes[3] = {"pending", "agree", "disagree"};

static int sqliteOpinionPut(storeBackend *b, const storeOpinion *o) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if ((unsigned)o->opinion > OPINION_DISAGREE)
        return storeErrSet(q->base.err, GH_EINVAL, "opinion", "意见无效 (opinion out of range)");
    if (sqlPrepare(q, "INSERT INTO round_opinions(app_id,department,opinion,reason,actor,at) VALUES(?1,?2,?3,?4,?5,?6) "
                      "ON CONFLICT(app_id,department) DO UPDATE SET opinion=?3,reason=?4,actor=?5,at=?6", &st,
                   "round_opinions"))
        return GH_EIO;
    sqlBindText(st, 1, o->app_id);
    sqlBindText(st, 2, o->department);
    sqlBindText(st, 3, opinionCodes[o->opinion]);
    sqlBindText(st, 4, o->reason);
    sqlBindText(st, 5, o->by);
    sqlBindText(st, 6, o->at);
    return roundStepFinal(q, st, "round_opinions");
}

static int sqliteEachOpinion(storeBackend *b, const char *app_id, storeOpinionFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT app_id,department,opinion,reason,actor,at FROM round_opinions WHERE app_id=?1 "
                      "ORDER BY department", &st, "round_opinions"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeOpinion o = {.app_id = sqlColText(st, 0), .department = sqlColText(st, 1),
                          .opinion = (storeOpinionKind)sqlCode(opinionCodes, 3, sqlColText(st, 2)),
                          .reason = sqlColText(st, 3), .by = sqlColText(st, 4), .at = sqlColText(st, 5)};
        k = fn(ctx, &o);
    }
    return roundWalkEnd(q, st, rc, k, "round_opinions");
}

/* ---- objections ---- */

static int sqliteObjectionAdd(storeBackend *b, const storeObjection *o, int64_t *id) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO round_objections(app_id,reason,contact,filed_at) VALUES(?1,?2,?3,?4)", &st,
                   "round_objections"))
        return GH_EIO;
    sqlBindText(st, 1, o->app_id);
    sqlBindText(st, 2, o->reason);
    sqlBindText(st, 3, o->contact);
    sqlBindText(st, 4, o->filed_at);
    return roundInsertFinal(q, st, "round_objections", id);
}

static int sqliteObjectionAnswer(storeBackend *b, int64_t id, const char *reply, const char *by, const char *at) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT answered FROM round_objections WHERE id=?1", &st, "round_objections")) return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    const int rc = sqlite3_step(st);
    const int answered = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return storeErrSet(q->base.err, GH_ENOTFOUND, "objection", "没有异议 %lld (no such objection)", (long long)id);
    if (rc != SQLITE_ROW) return sqlFail(q, "round_objections");
    if (answered) return storeErrSet(q->base.err, GH_EINVAL, "objection", "异议已答复 (answered already)");
    if (sqlPrepare(q, "UPDATE round_objections SET answered=1,reply=?2,replied_by=?3,replied_at=?4 WHERE id=?1", &st,
                   "round_objections"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, reply);
    sqlBindText(st, 3, by);
    sqlBindText(st, 4, at);
    return roundStepFinal(q, st, "round_objections");
}

static int sqliteEachObjection(storeBackend *b, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,app_id,reason,contact,filed_at,answered,reply,replied_by,replied_at FROM "
                      "round_objections WHERE app_id=?1 AND (?2=0 OR answered=0) ORDER BY id", &st, "round_objections"))
        return GH_EIO;
    sqlBindText(st, 1, app_id);
    sqlite3_bind_int(st, 2, open_only);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeObjection o = {.id = sqlite3_column_int64(st, 0), .app_id = sqlColText(st, 1), .reason = sqlColText(st, 2),
                            .contact = sqlColText(st, 3), .filed_at = sqlColText(st, 4),
                            .answered = sqlite3_column_int(st, 5), .reply = sqlColText(st, 6),
                            .replied_by = sqlColText(st, 7), .replied_at = sqlColText(st, 8)};
        k = fn(ctx, &o);
    }
    return roundWalkEnd(q, st, rc, k, "round_objections");
}

void sqliteRoundCaseInstall(storeBackend *b) {
    b->evidenceAdd = sqliteEvidenceAdd;
    b->evidenceGet = sqliteEvidenceGet;
    b->eachEvidence = sqliteEachEvidence;
    b->consentAdd = sqliteConsentAdd;
    b->consentGet = sqliteConsentGet;
    b->visitAdd = sqliteVisitAdd;
    b->eachVisit = sqliteEachVisit;
    b->opinionPut = sqliteOpinionPut;
    b->eachOpinion = sqliteEachOpinion;
    b->objectionAdd = sqliteObjectionAdd;
    b->objectionAnswer = sqliteObjectionAnswer;
    b->eachObjection = sqliteEachObjection;
}
