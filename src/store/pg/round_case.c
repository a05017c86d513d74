/* What is recorded on a case of the round besides its state, on PostgreSQL
 * (sqlite/round_case.c's twin): evidence (bytes in a bytea), the operator's
 * consent, site visits, departments' opinions, objections. */
#include "store/pg/pg_round_int.h"
#include "core/error.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- evidence ---- */

static int pgEvidenceAdd(storeBackend *b, const storeEvidence *e, int64_t *id) {
    pgStore *p = PG(b);
    const char *params[8] = {e->app_id};
    char size[24], *hex = NULL;
    int rc = prFileParams(p, &(prFileCols){e->name, e->content_type, e->sha256, e->added_by, e->added_at, e->bytes,
                                           e->size}, params + 1, size, &hex);
    if (!rc)
        rc = prInsertId(p, PR_ST_CASE(0), "INSERT INTO round_evidence(app_id,name,content_type,size,sha256,bytes,"
                                          "added_by,added_at) VALUES($1,$2,$3,$4::bigint,$5,decode($6,'hex'),$7,$8) "
                                          "RETURNING id", 8, params, id, "round_evidence");
    free(hex);
    return rc;
}

static void evidenceRow(PGresult *r, int row, arena *ar, storeEvidence *e) {
    memset(e, 0, sizeof *e);
    e->id = pgInt(r, row, 0);
    e->app_id = prText(ar, r, row, 1);
    e->name = prText(ar, r, row, 2);
    e->content_type = prText(ar, r, row, 3);
    e->size = (size_t)pgInt(r, row, 4);
    e->sha256 = prText(ar, r, row, 5);
    e->added_by = prText(ar, r, row, 6);
    e->added_at = prText(ar, r, row, 7);
}

static int pgEvidenceGet(storeBackend *b, int64_t id, arena *ar, storeEvidence *out) {
    pgStore *p = PG(b);
    char idbuf[24];
    const char *params[1] = {pgI64(idbuf, id)};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(1), "SELECT id,app_id,name,content_type,size,sha256,added_by," PG_TIME_TEXT("added_at") ","
                                            "encode(bytes,'hex') FROM round_evidence WHERE id=$1::bigint", 1, params,
                          &code, "round_evidence");
    if (!r) return code;
    int rc;
    if (PQntuples(r) > 0) {
        evidenceRow(r, 0, ar, out);
        rc = prFileBytes(p, r, 0, 8, ar, &out->bytes, &out->size);
    } else {
        rc = storeErrSet(p->base.err, GH_ENOTFOUND, "evidence", "没有材料 %lld (no such evidence)", (long long)id);
    }
    PQclear(r);
    return rc;
}

static int pgEachEvidence(storeBackend *b, const char *app_id, storeEvidenceFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[1] = {app_id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(2), "SELECT id,app_id,name,content_type,size,sha256,added_by," PG_TIME_TEXT("added_at") " FROM "
                                            "round_evidence WHERE app_id=$1 ORDER BY id", 1, params, &code,
                          "round_evidence");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeEvidence e;
        evidenceRow(r, i, NULL, &e);
        k = fn(ctx, &e);
    }
    PQclear(r);
    return k;
}

/* ---- consent ---- */

static int pgConsentAdd(storeBackend *b, const storeConsent *c) {
    pgStore *p = PG(b);
    char on[DATE_STRLEN], ev[24];
    const char *params[6] = {c->app_id, pgDate(on, c->consent_on), c->how == CONSENT_SCAN ? "scan" : "owner",
                             c->evidence_id ? pgI64(ev, c->evidence_id) : NULL, c->recorded_by, c->recorded_at};
    return pgCmd(p, -1, "INSERT INTO round_consents(app_id,consent_on,how,evidence_id,recorded_by,recorded_at) "
                        "VALUES($1,$2::date,$3,$4::bigint,$5,$6)", 6, params, NULL, "round_consents");
}

static int pgConsentGet(storeBackend *b, const char *app_id, arena *ar, storeConsent *out) {
    pgStore *p = PG(b);
    const char *params[1] = {app_id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(3), "SELECT app_id,consent_on,how,evidence_id,recorded_by," PG_TIME_TEXT("recorded_at") " FROM "
                                            "round_consents WHERE app_id=$1", 1, params, &code, "round_consents");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    if (found) {
        const char *how = pgText(r, 0, 2);
        out->app_id = prText(ar, r, 0, 0);
        out->consent_on = pgColDate(r, 0, 1);
        out->how = how && strcmp(how, "scan") == 0 ? CONSENT_SCAN : CONSENT_OWNER;
        out->evidence_id = pgInt(r, 0, 3);
        out->recorded_by = prText(ar, r, 0, 4);
        out->recorded_at = prText(ar, r, 0, 5);
    }
    PQclear(r);
    if (found) return 0;
    return storeErrSet(p->base.err, GH_ENOTFOUND, "consent", "尚无经营者同意 (no consent recorded)");
}

/* ---- site visits ---- */

static int pgVisitAdd(storeBackend *b, const storeVisit *v, int64_t *id) {
    pgStore *p = PG(b);
    if (v->n_photos > STORE_VISIT_PHOTOS)
        return storeErrSet(p->base.err, GH_EINVAL, "photos", "照片过多 (more than %d photos)", STORE_VISIT_PHOTOS);
    char photos[STORE_VISIT_PHOTOS * 21 + 1] = "", on[DATE_STRLEN];
    size_t n = 0;
    for (size_t i = 0; i < v->n_photos; i++)
        n += (size_t)snprintf(photos + n, sizeof photos - n, "%s%lld", i ? "," : "", (long long)v->photos[i]);
    const char *params[7] = {v->app_id, pgDate(on, v->visited_on), v->staff, v->notes, photos, v->recorded_by,
                             v->recorded_at};
    return prInsertId(p, -1, "INSERT INTO round_visits(app_id,visited_on,staff,notes,photos,recorded_by,recorded_at) "
                             "VALUES($1,$2::date,$3,$4,$5,$6,$7) RETURNING id", 7, params, id, "round_visits");
}

static int pgEachVisit(storeBackend *b, const char *app_id, storeVisitFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[1] = {app_id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(4), "SELECT id,app_id,visited_on,staff,notes,photos,recorded_by," PG_TIME_TEXT("recorded_at") " "
                                            "FROM round_visits WHERE app_id=$1 ORDER BY id", 1, params, &code,
                          "round_visits");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeVisit v = {.id = pgInt(r, i, 0), .app_id = pgText(r, i, 1), .visited_on = pgColDate(r, i, 2),
                        .staff = pgText(r, i, 3), .notes = pgText(r, i, 4), .recorded_by = pgText(r, i, 6),
                        .recorded_at = pgText(r, i, 7)};
        for (const char *s = pgText(r, i, 5); s && *s && v.n_photos < STORE_VISIT_PHOTOS;) {
            char *end;
            v.photos[v.n_photos++] = strtoll(s, &end, 10);
            s = *end == ',' ? end + 1 : end;
        }
        k = fn(ctx, &v);
    }
    PQclear(r);
    return k;
}

/* ---- joint review ---- */

static const char *const opinionCodes[3] = {"pending", "agree", "disagree"};

static int pgOpinionPut(storeBackend *b, const storeOpinion *o) {
    pgStore *p = PG(b);
    if ((unsigned)o->opinion > OPINION_DISAGREE)
        return storeErrSet(p->base.err, GH_EINVAL, "opinion", "意见无效 (opinion out of range)");
    const char *params[6] = {o->app_id, o->department, opinionCodes[o->opinion], o->reason, o->by, o->at};
    return pgCmd(p, PR_ST_CASE(5), "INSERT INTO round_opinions(app_id,department,opinion,reason,actor,at) "
                                   "VALUES($1,$2,$3,$4,$5,$6) ON CONFLICT(app_id,department) DO UPDATE SET "
                                   "opinion=excluded.opinion,reason=excluded.reason,actor=excluded.actor,at=excluded.at",
                 6, params, NULL, "round_opinions");
}

/* By department in byte order (COLLATE "C"), as SQLite sorts text (decision 258). */
static int pgEachOpinion(storeBackend *b, const char *app_id, storeOpinionFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[1] = {app_id};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(6), "SELECT app_id,department,opinion,reason,actor," PG_TIME_TEXT("at") " FROM round_opinions "
                                            "WHERE app_id=$1 ORDER BY department COLLATE \"C\"", 1, params, &code,
                          "round_opinions");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        const int op = pgCode(opinionCodes, 3, pgText(r, i, 2));
        storeOpinion o = {.app_id = pgText(r, i, 0), .department = pgText(r, i, 1),
                          .opinion = op < 0 ? OPINION_PENDING : (storeOpinionKind)op, .reason = pgText(r, i, 3),
                          .by = pgText(r, i, 4), .at = pgText(r, i, 5)};
        k = fn(ctx, &o);
    }
    PQclear(r);
    return k;
}

/* ---- objections ---- */

static int pgObjectionAdd(storeBackend *b, const storeObjection *o, int64_t *id) {
    pgStore *p = PG(b);
    const char *params[4] = {o->app_id, o->reason, o->contact, o->filed_at};
    return prInsertId(p, -1, "INSERT INTO round_objections(app_id,reason,contact,filed_at) VALUES($1,$2,$3,$4) "
                             "RETURNING id", 4, params, id, "round_objections");
}

/* One statement: answers only an open objection; when it changed nothing, a
 * second look tells "no such objection" from "answered already". */
static int pgObjectionAnswer(storeBackend *b, int64_t id, const char *reply, const char *by, const char *at) {
    pgStore *p = PG(b);
    char idbuf[24];
    const char *params[4] = {pgI64(idbuf, id), reply, by, at};
    int64_t changed = 0;
    int rc = pgCmd(p, -1, "UPDATE round_objections SET answered=1,reply=$2,replied_by=$3,replied_at=$4 "
                          "WHERE id=$1::bigint AND answered=0", 4, params, &changed, "round_objections");
    if (rc || changed) return rc;
    int code = 0;
    PGresult *r = pgQuery(p, -1, "SELECT 1 FROM round_objections WHERE id=$1::bigint", 1, params, &code,
                          "round_objections");
    if (!r) return code;
    const int found = PQntuples(r) > 0;
    PQclear(r);
    if (!found)
        return storeErrSet(p->base.err, GH_ENOTFOUND, "objection", "没有异议 %lld (no such objection)", (long long)id);
    return storeErrSet(p->base.err, GH_EINVAL, "objection", "异议已答复 (answered already)");
}

static int pgEachObjection(storeBackend *b, const char *app_id, bool open_only, storeObjectionFn fn, void *ctx) {
    pgStore *p = PG(b);
    const char *params[2] = {app_id, open_only ? "1" : "0"};
    int code = 0;
    PGresult *r = pgQuery(p, PR_ST_CASE(7), "SELECT id,app_id,reason,contact," PG_TIME_TEXT("filed_at") ",answered,reply,"
                                            "replied_by," PG_TIME_TEXT("replied_at") " FROM round_objections WHERE app_id=$1 AND ($2::int=0 OR "
                                            "answered=0) ORDER BY id", 2, params, &code, "round_objections");
    if (!r) return code;
    int k = 0;
    for (int i = 0; !k && i < PQntuples(r); i++) {
        storeObjection o = {.id = pgInt(r, i, 0), .app_id = pgText(r, i, 1), .reason = pgText(r, i, 2),
                            .contact = pgText(r, i, 3), .filed_at = pgText(r, i, 4), .answered = prBool(r, i, 5),
                            .reply = pgText(r, i, 6), .replied_by = pgText(r, i, 7), .replied_at = pgText(r, i, 8)};
        k = fn(ctx, &o);
    }
    PQclear(r);
    return k;
}

void pgRoundCaseInstall(storeBackend *b) {
    b->evidenceAdd = pgEvidenceAdd;
    b->evidenceGet = pgEvidenceGet;
    b->eachEvidence = pgEachEvidence;
    b->consentAdd = pgConsentAdd;
    b->consentGet = pgConsentGet;
    b->visitAdd = pgVisitAdd;
    b->eachVisit = pgEachVisit;
    b->opinionPut = pgOpinionPut;
    b->eachOpinion = pgEachOpinion;
    b->objectionAdd = pgObjectionAdd;
    b->objectionAnswer = pgObjectionAnswer;
    b->eachObjection = pgEachObjection;
}
