/* Drafts and evidence: the form pre-filled from the directory, creating and
 * editing a draft, adding and reading evidence (contracts in app/round.h). */
#include "app/digest.h"
#include "app/round_int.h"
#include "core/error.h"
#include "io/jsonw.h"
#include <stdio.h>
#include <string.h>

/* ---- the form ---- */

static int prefillType(void *ctx, const storeResult *r) {
    appRoundForm *f = ctx;
    if (!r->published || f->typed) return 0;
    f->typed = true; /* newest year first: the first published one of the year */
    f->type = r->type;
    return 0;
}

typedef struct prefillCtx { appRoundForm *f; int year; } prefillCtx;

static int prefillYear(void *ctx, const storeResult *r) {
    prefillCtx *c = ctx;
    return r->year == c->year ? prefillType(c->f, r) : 0;
}

/* S3(二): what the data says of each category, every criterion claimed. */
static int prefillCategories(appRoundForm *out, const dossier *d, categoryRoute route, civilDate consent_on,
                             const civilDate *revoked, size_t n_revoked, civilDate today, const yearParams *p) {
    if (d->established == DATE_NONE || d->established > p->reference_date) return 0;
    const civilDate end = dateFromYmd(p->year, 12, 31);
    for (int k = 0; k < CAT__COUNT; k++) {
        categoryApp app = {.category = (categoryKind)k, .route = route,
                           .date = today < p->reference_date ? p->reference_date : today > end ? end : today,
                           .consent_on = consent_on, .revoked_on = revoked, .n_revoked = n_revoked};
        for (int l = 0; l < categoryCriteriaCount((categoryKind)k); l++) app.claimed[app.n_claimed++] = l;
        const int rc = categoryCheck(&out->categories[k], &app, d, p);
        if (rc) return rc;
    }
    out->checked = true;
    return 0;
}

/* The form of uscc with what the store records of it: its revocations (A3.3.5) and,
 * for a case, the operator's consent (A3.2.2). */
static int prefillFill(appRoundForm *out, store *s, const char *uscc, categoryRoute route, civilDate consent_on,
                       civilDate today, const yearParams *p, arena *ar) {
    memset(out, 0, sizeof *out);
    dossier d;
    int rc = storeLoadDossier(s, uscc, ar, &d);
    if (rc) return rc;
    char *u = arenaStrndup(ar, d.uscc, strlen(d.uscc));
    if (!u) return GH_ENOMEM;
    out->uscc = u;
    out->name = d.name, out->town = d.town, out->industry = d.industry, out->established = d.established;
    out->trademarks = (int)d.n_trademarks, out->patents = (int)d.n_patents;
    prefillCtx c = {out, p->year};
    rc = storeEachResultOf(s, uscc, prefillYear, &c);
    civilDate *revoked = NULL;
    size_t n_revoked = 0;
    if (!rc) rc = roundRevocations(&revoked, &n_revoked, s, uscc, ar);
    return rc ? rc : prefillCategories(out, &d, route, consent_on, revoked, n_revoked, today, p);
}

int appRoundPrefill(appRoundForm *out, store *s, const char *uscc, categoryRoute route, civilDate today,
                    const yearParams *p, arena *ar) {
    return prefillFill(out, s, uscc, route, DATE_NONE, today, p, ar);
}

int appRoundCaseCheck(appRoundForm *out, store *s, const storeRoundApp *app, civilDate today, const yearParams *p,
                      arena *ar) {
    storeConsent consent;
    int rc = storeConsentGet(s, app->id, ar, &consent);
    if (rc && rc != GH_ENOTFOUND) return rc;
    return prefillFill(out, s, app->uscc, app->route, rc ? DATE_NONE : consent.consent_on, today, p, ar);
}

/* ---- drafts ---- */

/* The criteria of d->category, none repeated (A3.3.2). */
static bool draftCriteriaValid(const appRoundDraft *d) {
    if ((unsigned)d->category >= CAT__COUNT || d->n_claimed > CATEGORY_MAX_CRITERIA) return false;
    unsigned seen = 0;
    for (size_t i = 0; i < d->n_claimed; i++) {
        const int l = d->claimed[i];
        if (l < 0 || l >= categoryCriteriaCount(d->category) || ((seen >> l) & 1u)) return false;
        seen |= 1u << l;
    }
    return true;
}

/* A3.2.2: the owner drafts for itself (self-application), a department its own
 * recommendation, the district's staff either; the city's inspector none. */
static const char *draftRefusal(const appRoundWho *who, const appRoundDraft *d) {
    const roundActor *a = &who->actor;
    if ((d->route == ROUTE_RECOMMENDED) != (d->recommended_by && d->recommended_by[0]))
        return "部门推荐须写明推荐部门，自主申报不写 (recommended_by goes with the recommendation route)";
    if (a->role == RROLE_OWNER && (d->route != ROUTE_SELF || !a->uscc || strcmp(a->uscc, d->uscc)))
        return "经营者只能为本户自主申报 (an owner applies for its own business)";
    if (a->role == RROLE_DEPARTMENT &&
        (d->route != ROUTE_RECOMMENDED || !a->department || strcmp(a->department, d->recommended_by)))
        return "部门只能以本部门名义推荐 (a department recommends in its own name)";
    if (a->role == RROLE_INSPECTOR) return "市局抽查人员不起草申报 (the city's inspector drafts none)";
    return NULL;
}

static int draftAudit(store *s, const appRoundWho *who, const char *action, const char *id, const appRoundDraft *d,
                      int64_t now) {
    char object[96];
    snprintf(object, sizeof object, "application %s %s", id, d->uscc);
    sbuf after;
    sbufInit(&after);
    sbufPuts(&after, "{\"category\":");
    jsonwString(&after, categoryCode(d->category));
    jsonwKey(&after, "route", 0);
    jsonwString(&after, d->route == ROUTE_RECOMMENDED ? "recommended" : "self");
    jsonwKey(&after, "claimed", 0);
    sbufPutc(&after, '[');
    for (size_t i = 0; i < d->n_claimed; i++) {
        char cid[CATEGORY_ID_SIZE];
        categoryCriterionId(cid, d->category, d->claimed[i]);
        if (i) sbufPutc(&after, ',');
        jsonwString(&after, cid);
    }
    sbufPuts(&after, "]}");
    const int rc = after.failed ? GH_ENOMEM : roundAudit(s, who, action, object, NULL, after.data, now);
    sbufFree(&after);
    return rc;
}

int appRoundCreate(appRoundOutcome *out, store *s, const appRoundWho *who, const appRoundDraft *d, int64_t now,
                   const yearParams *p) {
    memset(out, 0, sizeof *out);
    const char *why = draftRefusal(who, d);
    if (why) return roundRefuseMsg(out, why);
    if (!d->uscc || !draftCriteriaValid(d))
        return roundFail(out, s, GH_EINVAL, "所申报条件不属于该类别或有重复 (criteria of another category or repeated)");
    char at[32];
    roundAt(at, now);
    storeRoundApp a = {.year = p->year, .uscc = d->uscc, .category = d->category, .route = d->route,
                       .recommended_by = d->recommended_by, .n_claimed = d->n_claimed, .statement = d->statement,
                       .state = RSTATE_DRAFT, .applied_on = DATE_NONE, .created_by = who->name, .created_at = at};
    memcpy(a.claimed, d->claimed, sizeof a.claimed);
    arena ar;
    arenaInit(&ar, 8192, 0);
    dossier dd;
    int rc = storeBegin(s);
    if (!rc) rc = storeLoadDossier(s, d->uscc, &ar, &dd); /* GH_ENOTFOUND: not in the directory */
    if (!rc) rc = storeRoundCreate(s, &a, out->id);
    if (!rc) rc = draftAudit(s, who, "round.create", out->id, d, now);
    if (rc) roundFail(out, s, rc, NULL);
    arenaFree(&ar);
    return roundEnd(out, s, rc);
}

int appRoundEdit(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const appRoundDraft *d,
                 int64_t now) {
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    appRoundDraft same = *d;
    same.uscc = rc ? d->uscc : a.uscc; /* the business of a draft does not change */
    const char *why = rc ? NULL : a.state != RSTATE_DRAFT ? "只能修改草稿 (only a draft is edited)" : draftRefusal(who, &same);
    if (!rc && why) rc = roundRefuseMsg(out, why);
    if (!rc && !draftCriteriaValid(&same))
        rc = roundFail(out, s, GH_EINVAL, "所申报条件不属于该类别或有重复 (criteria of another category or repeated)");
    char at[32];
    roundAt(at, now);
    if (!rc) {
        a.category = same.category, a.route = same.route, a.recommended_by = same.recommended_by;
        memcpy(a.claimed, same.claimed, sizeof a.claimed);
        a.n_claimed = same.n_claimed, a.statement = same.statement, a.updated_at = at;
        rc = storeRoundUpdate(s, &a);
        if (!rc) rc = draftAudit(s, who, "round.edit", a.id, &same, now);
        if (rc) roundFail(out, s, rc, NULL);
    }
    arenaFree(&ar);
    return roundEnd(out, s, rc);
}

/* ---- evidence ---- */

/* PDF, JPEG or PNG, and the first bytes say so (a renamed file is refused). */
static bool evidenceTypeValid(const char *type, const unsigned char *b, size_t n) {
    if (!type) return false;
    if (!strcmp(type, "application/pdf")) return n >= 5 && !memcmp(b, "%PDF-", 5);
    if (!strcmp(type, "image/jpeg")) return n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF;
    if (!strcmp(type, "image/png")) return n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8);
    return false;
}

/* Whether who may add to case a in its state: its owner or department while a
 * draft, open or asked for material; staff likewise. */
/* What a case holds already (the per-case limit). */
typedef struct evidenceTotal {
    uint64_t bytes;
    int files;
} evidenceTotal;

static int evidenceCount(void *ctx, const storeEvidence *e) {
    evidenceTotal *t = ctx;
    t->bytes += e->size;
    t->files++;
    return 0;
}

static bool evidenceMayAdd(const appRoundWho *who, const storeRoundApp *a) {
    if (!(a->state == RSTATE_DRAFT || roundStateOpen(a->state) || a->state == RSTATE_SUPPLEMENT)) return false;
    return who->actor.role != RROLE_INSPECTOR && appRoundMayRead(who, a);
}

bool appRoundMayRead(const appRoundWho *who, const storeRoundApp *a) {
    const roundActor *r = &who->actor;
    switch (r->role) {
    case RROLE_OWNER: return r->uscc && a->uscc && !strcmp(r->uscc, a->uscc);
    case RROLE_DEPARTMENT: return r->department && a->recommended_by && !strcmp(r->department, a->recommended_by);
    case RROLE_CLERK: case RROLE_REVIEWER: case RROLE_ADMIN: case RROLE_INSPECTOR: return true;
    default: return false;
    }
}

int appRoundEvidenceAdd(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *name,
                        const char *content_type, const unsigned char *bytes, size_t size, int64_t now) {
    memset(out, 0, sizeof *out);
    if (size == 0 || size > APP_ROUND_EVIDENCE_MAX || roundBlank(name) || !evidenceTypeValid(content_type, bytes, size))
        return roundFail(out, s, GH_EINVAL, "材料须为 PDF、JPEG 或 PNG，不超过 10 MiB，并有文件名 "
                                            "(PDF, JPEG or PNG up to 10 MiB, with a name)");
    char sha[65], at[32], after[160] = "";
    digestSha256Hex(bytes, size, sha);
    roundAt(at, now);
    arena ar;
    arenaInit(&ar, 4096, 0);
    storeRoundApp a;
    int rc = roundOpen(out, s, id, &ar, &a, NULL);
    if (!rc && !evidenceMayAdd(who, &a)) rc = roundRefuseMsg(out, "不能向该申报添加材料 (cannot add evidence to it)");
    evidenceTotal t = {0, 0};
    if (!rc && (rc = storeEachEvidence(s, a.id, evidenceCount, &t))) roundFail(out, s, rc, NULL);
    if (!rc && (t.files >= APP_ROUND_EVIDENCE_FILES || t.bytes + size > APP_ROUND_EVIDENCE_CASE_MAX))
        rc = roundFail(out, s, GH_EINVAL, "每份申报的材料至多 20 个文件、合计 40 MiB (at most 20 files, 40 MiB per case)");
    if (!rc) {
        const storeEvidence e = {.app_id = a.id, .name = name, .content_type = content_type, .sha256 = sha,
                                 .bytes = bytes, .size = size, .added_by = who->name, .added_at = at};
        if ((rc = storeEvidenceAdd(s, &e, &out->record_id))) roundFail(out, s, rc, NULL);
        snprintf(after, sizeof after, "{\"evidence\":%lld,\"size\":%zu,\"sha256\":\"%s\"}", (long long)out->record_id,
                 size, sha);
    }
    return roundClose(out, s, who, &a, rc, "round.evidence", after, now, &ar);
}

int appRoundEvidenceGet(storeEvidence *out, store *s, const appRoundWho *who, int64_t evidence_id, arena *ar) {
    storeRoundApp a;
    int rc = storeEvidenceGet(s, evidence_id, ar, out);
    if (!rc) rc = storeRoundGet(s, out->app_id, ar, &a);
    if (!rc && !appRoundMayRead(who, &a)) rc = GH_ENOTFOUND;
    return rc;
}
