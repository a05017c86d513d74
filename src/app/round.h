#ifndef GETIHU_APP_ROUND_H
#define GETIHU_APP_ROUND_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "app/accounts.h"
#include "core/sbuf.h"
#include "rules/round.h"
#include "rules/round_compare.h"
#include "rules/round_eval.h"
#include "rules/round_validity.h"
#include "store/store.h"

/* The 名特优新 round as use cases (issue 9), shared by the server's routes and the
 * command line: each state change is one write transaction that reads the case,
 * the business's dossier, the published typing, the other applications and the
 * valid recognitions, asks the pure law (roundTransition, so categoryCheck), and
 * writes the new state, its history row, the step's own record (consent, visit,
 * recognition …) and the audit entry together. A refusal changes nothing and
 * returns GH_EREFUSED with the law's reasons. The date (today), the clock (now,
 * unix seconds) and the round's year parameters (p, p->year the round's year) are
 * passed in. Who may read what (evidence) is answered here; HTTP enforces it. */

/* Who acts: names for the history and the audit trail, and the round's view. */
typedef struct appRoundWho {
    const char *name, *role, *client; /* account name, role name (app/roles.c), client address */
    roundActor actor;                 /* the role in the round, the owner's USCC, the department */
} appRoundWho;

/* who for a signed-in session (strings point into session, which must outlive
 * who) and the client address. GH_EINVAL for a role with no part in the round (bank). */
int appRoundWhoOf(appRoundWho *who, const appSession *session, const char *client);

/* What a use case tells its caller. */
typedef struct appRoundOutcome {
    roundDecision decision; /* a transition's decision: refused when !decision.allowed */
    char id[STORE_ROUND_ID_SIZE];
    int64_t record_id;      /* the evidence, objection, report … written */
    char message[1024];     /* why, on any failure: the law's reasons in one line, or the store's */
} appRoundOutcome;

/* ---- applications ---- */

/* What a form shows without asking (S3(二)): the directory's data, the published
 * type of p->year, and what the data says of each category with every criterion
 * claimed (recommended ones on route). */
typedef struct appRoundForm {
    const char *uscc, *name, *town, *industry;
    civilDate established;
    bool typed;            /* the business has a result in the year's published run */
    bizType type;
    int trademarks, patents;
    bool checked;          /* the categories were checked (in the year's population) */
    categoryResult categories[CAT__COUNT];
} appRoundForm;
/* Fills out for uscc on route at today; strings in ar. GH_ENOTFOUND: not in the directory. */
int appRoundPrefill(appRoundForm *out, store *s, const char *uscc, categoryRoute route, civilDate today,
                    const yearParams *p, arena *ar);
/* The same for an existing case, re-run today with what is recorded on it (the
 * operator's consent, the business's revocations), so that staff see the check the
 * next decision will make. */
int appRoundCaseCheck(appRoundForm *out, store *s, const storeRoundApp *app, civilDate today, const yearParams *p,
                      arena *ar);

/* A draft: only what the data cannot know. */
typedef struct appRoundDraft {
    const char *uscc;
    categoryKind category;
    categoryRoute route;
    const char *recommended_by; /* route recommended: the department (its own, for a department) */
    int claimed[CATEGORY_MAX_CRITERIA];
    size_t n_claimed;
    const char *statement;
} appRoundDraft;
/* Creates a draft of year p->year (audited "round.create"); out->id receives its
 * id. The owner drafts a self-application for its own business, a department a
 * recommendation of its own, staff either. GH_EREFUSED (role, business, route),
 * GH_EINVAL (criteria of another category, repeated, too many), GH_ENOTFOUND (no
 * such business), store codes; out->message says why. */
int appRoundCreate(appRoundOutcome *out, store *s, const appRoundWho *who, const appRoundDraft *d, int64_t now,
                   const yearParams *p);
/* Rewrites a draft (audited "round.edit"): same checks; GH_EREFUSED when not a draft
 * or not the actor's. */
int appRoundEdit(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const appRoundDraft *d,
                 int64_t now);

/* What a step records beyond the request. */
typedef struct appRoundExtra {
    int64_t consent_scan;       /* RACT_CONSENT by a clerk: the signed form's scan (evidence of this case) */
    const char *visit_staff;    /* RACT_RECORD_VISIT: who visited (default: the actor) */
    const int64_t *photos;      /* RACT_RECORD_VISIT: evidence of this case */
    size_t n_photos;
    storeRevocation revocation; /* RACT_REVOKE: fraud or bribery (A3.3.5) */
    const char *override_name;  /* with rq->override: the administrator who lifted the calendar */
} appRoundExtra;
/* Applies rq to application id (every transition of rules/round.h: submit,
 * recommend, consent, accept, pass review, record the visit, propose, publicise,
 * recognise, report to the city, the spot check's request / material / refusal,
 * withdraw, reject, cancel, revoke), audited "round.<action>". x may be NULL.
 * GH_EREFUSED with out->decision and out->message when the law refuses;
 * GH_EINVAL when x lacks what the step needs (a clerk's consent without its scan,
 * photos of another case, a revocation without its kind); GH_ENOTFOUND; GH_ERANGE
 * when someone moved the case meanwhile; store codes. Nothing is written on failure. */
int appRoundAct(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const roundRequest *rq,
                const appRoundExtra *x, civilDate today, int64_t now, const yearParams *p);

/* ---- evidence (PDF, JPEG, PNG; in the store) ---- */
#define APP_ROUND_EVIDENCE_MAX (10 * 1024 * 1024) /* bytes per file */
#define APP_ROUND_EVIDENCE_CASE_MAX (40ULL * 1024 * 1024) /* bytes per case: the database is shared, rows stay small */
#define APP_ROUND_EVIDENCE_FILES 20                    /* files per case */
/* Adds a file to application id (audited "round.evidence" with its SHA-256): the
 * owner or recommending department of the case, or staff, while the case is a
 * draft, open, or asked for material. The content type must be one of the three
 * and match the file's first bytes. GH_EREFUSED, GH_EINVAL (type, size, empty
 * name, the case's limit of files or bytes), GH_ENOTFOUND, store codes. out->record_id: the evidence id. */
int appRoundEvidenceAdd(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *name,
                        const char *content_type, const unsigned char *bytes, size_t size, int64_t now);
/* Whether who may read the evidence of application a: staff of the district and
 * the city, the business's owner, the recommending department; never the public. */
bool appRoundMayRead(const appRoundWho *who, const storeRoundApp *a);
/* Evidence evidence_id and its case, in ar, if who may read it: GH_ENOTFOUND
 * otherwise too (an outsider learns nothing of its existence). */
int appRoundEvidenceGet(storeEvidence *out, store *s, const appRoundWho *who, int64_t evidence_id, arena *ar);

/* ---- joint review, publicity ---- */
/* 部门联审 (A3.2.2) in state joint: staff ask a department (OPINION_PENDING); a
 * department gives its own opinion (agree, or disagree with a reason). Audited
 * "round.opinion". GH_EREFUSED, store codes. */
int appRoundOpinion(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *department,
                    storeOpinionKind opinion, const char *reason, int64_t now);
/* 公示 (A3.2): anyone objects to a business under publicity within its window, with
 * a reason and an optional contact (kept, never audited nor shown publicly).
 * Audited "round.objection" by "public". GH_EREFUSED outside the window or with a
 * blank reason. out->record_id: the objection. */
int appRoundObject(appRoundOutcome *out, store *s, const char *client, const char *id, const char *reason,
                   const char *contact, civilDate today, int64_t now, const yearParams *p);
/* A clerk, reviewer or administrator answers objection objection_id of case id in
 * writing (audited "round.objection.answer"). GH_EREFUSED, GH_ENOTFOUND, GH_EINVAL
 * (answered already). */
int appRoundAnswer(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, int64_t objection_id,
                   const char *reply, int64_t now);

/* ---- validity and dynamic management (A3.3.5) ---- */
/* The recommending department agrees to extend (evaluation D), on today. Audited. */
int appRoundExtensionConsent(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, civilDate today,
                             int64_t now);
/* Extends the recognition of case id by the final-year evaluation at today (a
 * reviewer or administrator). GH_EREFUSED when not in the final year or no
 * criterion A-D holds (out->message names them). Audited "round.extend". */
int appRoundExtend(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, civilDate today,
                   int64_t now, const yearParams *p);
/* The owner files the information report of today's year (信息报告). GH_EREFUSED
 * when the recognition is not valid or not the owner's; GH_EINVAL when filed already. */
int appRoundReportFile(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *changes,
                       civilDate today, int64_t now);
/* Staff confirm (or query, with a note) report report_id. Audited "round.report.check". */
int appRoundReportCheck(appRoundOutcome *out, store *s, const appRoundWho *who, int64_t report_id, bool confirmed,
                        const char *note, int64_t now);
/* A reviewer or administrator keeps a recognition the re-check of p->year flagged,
 * with a reason (cancelling is RACT_CANCEL). GH_EREFUSED (role, blank reason, not
 * flagged, not held); GH_EINVAL when kept already for that year. Audited "round.keep". */
int appRoundKeep(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, const char *reason,
                 int64_t now, const yearParams *p);
/* Staff record a district-level or higher commendation of uscc (evaluation B). */
int appRoundCommend(appRoundOutcome *out, store *s, const appRoundWho *who, const char *uscc, civilDate on,
                    const char *title, const char *level, int64_t now);

/* A3.2.1 for another role's step (decision 84): an administrator grants, with a
 * reason, that the calendar be lifted for the next action of case id (a clerk's
 * acceptance, an owner's submission …). The next such action, by whoever may take
 * it, uses the grant as if the administrator had acted with the override (the
 * history names the administrator and the reason) and spends it; an action the
 * calendar does not stop leaves it. Audited "round.override.grant". GH_EREFUSED
 * (not an administrator, blank reason), GH_EINVAL (granted already and unused),
 * GH_ENOTFOUND. out->record_id: the grant. */
int appRoundOverrideGrant(appRoundOutcome *out, store *s, const appRoundWho *who, const char *id, roundAction action,
                          const char *reason, int64_t now);

/* ---- views (read only) ---- */
/* Case id as one JSON object for who: the application, its history, evidence
 * (without bytes), visits, opinions, objections (an objector's contact to district
 * staff only), spot checks, consent, recognition, and "next": the actions who's
 * role may take from its state. GH_ENOTFOUND when there is none or who may not
 * read it (appRoundMayRead); store codes. */
int appRoundCaseJson(sbuf *out, store *s, const appRoundWho *who, const char *id);
/* A3.2 公示, public: {"year":Y,"businesses":[{id, uscc, name, town, category,
 * category_label, publicity_from, publicity_until}]} of the cases under publicity
 * in year; no personal data. */
int appRoundPublicityJson(sbuf *out, store *s, int year);

/* ---- worklists and figures (read only) ---- */
/* The applications passing f (storeEachRound), strings valid during the call. */
int appRoundEach(store *s, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx);
/* A3.3.4: the quota of p->year at today from the year's published run.
 * GH_ENOTFOUND when the year has no published run. */
int appRoundQuota(roundQuota *out, store *s, civilDate today, const yearParams *p);
/* The cancellation worklist after the published run of p->year: every recognition
 * valid at R that the re-check flags, and whether staff kept it already (a
 * cancelled one is no longer valid, so no longer listed). GH_ENOTFOUND when the
 * year has no published run. */
typedef int (*appRoundRecheckFn)(void *ctx, const storeRecognition *r, const roundRecheck *c, bool kept);
int appRoundRecheck(store *s, const yearParams *p, appRoundRecheckFn fn, void *ctx);
/* The final-year evaluation list at today: each held recognition in its last year. */
typedef int (*appRoundEvalFn)(void *ctx, const storeRecognition *r, const roundEvaluation *e);
int appRoundEvaluations(store *s, civilDate today, const yearParams *p, appRoundEvalFn fn, void *ctx);
/* 比选 (A3.3.2): the candidates of category in p->year among the cases in states
 * (a bit set; 0: joint review, proposed, publicity), ranked by roundRank, each
 * with its rank (1 first), its case and the reviewer's notes (the reasons the
 * case's history records for 受理初审, 初审通过, 记录走访核实, 列入拟认定名单 and 公示, "步骤：理由" joined
 * by "；", oldest first; "" when none). A help to the leader, never a decision. */
typedef int (*appRoundCandidateFn)(void *ctx, int rank, const roundCandidate *c, const storeRoundApp *a,
                                   const char *notes);
int appRoundCandidates(store *s, categoryKind category, unsigned states, civilDate today, const yearParams *p,
                       appRoundCandidateFn fn, void *ctx);
/* The information reports of p->year at today that are missing (or still open
 * when open_too): each recognition with its status. */
typedef int (*appRoundReportFn)(void *ctx, const storeRecognition *r, roundReportStatus st);
int appRoundReportsDue(store *s, civilDate today, const yearParams *p, bool open_too, appRoundReportFn fn, void *ctx);
/* ---- views beyond one case (round_view.c) ---- */
/* Application id into *out (strings in ar) when who may read it (appRoundMayRead);
 * GH_ENOTFOUND otherwise too. */
int appRoundGet(storeRoundApp *out, store *s, const appRoundWho *who, const char *id, arena *ar);
/* The pre-filled form as JSON: the directory's data, the published type, and per
 * category whether the data meets it ("meets": eligible and a criterion not
 * not_met), with every failing check and criterion (code, article, and with
 * sentences the Chinese sentence, which quotes penalty and debtor dates: not for a
 * department, decision 68). */
void appRoundFormJson(sbuf *out, const appRoundForm *f, bool sentences);
/* The recognition of uscc valid at today (strings in ar; the operator's ID is not
 * copied). GH_ENOTFOUND when none. */
int appRoundValidRecognition(storeRecognition *out, store *s, const char *uscc, civilDate today, arena *ar);
/* What a certificate shows (A3.3.5): the valid recognition and the business's name
 * and town; nothing personal. GH_ENOTFOUND when uscc holds none at today. */
typedef struct appRoundCertificateData {
    storeRecognition r;
    const char *name, *town;
} appRoundCertificateData;
int appRoundCertificate(appRoundCertificateData *out, store *s, const char *uscc, civilDate today, arena *ar);

/* The recognitions of year's round as {"year":Y,"recognitions":[{id, uscc, name,
 * town, category, category_label, route, recommended_by, type, state,
 * recognised_on, valid_until, extensions, ended, valid (at today)}]}: for staff
 * and the city's inspector; no personal data. */
int appRoundRecognisedJson(sbuf *out, store *s, int year, civilDate today);

/* The information reports filed for year (0: all) with their staff check, as
 * {"year":Y,"reports":[{id, application, uscc, name, town, category,
 * category_label, year, filed_on, changes, filed_by, status
 * (filed|confirmed|queried), checked_by, checked_at, note}]} by id: for district
 * staff, who confirm or query them (appRoundReportCheck). */
int appRoundReportsJson(sbuf *out, store *s, int year);

/* 部门联审 for a department: the cases of year in joint review that asked
 * department's opinion, pending or given, as {"year":Y,"cases":[{id, uscc, name,
 * town, category, category_label, route, statement, opinion
 * (pending|agree|disagree), reason, by, at}]} by id. GH_EINVAL without a department. */
int appRoundJointJson(sbuf *out, store *s, const char *department, int year);

/* ---- hand-over and figures (round_report.c) ---- */
typedef enum { ROUND_REPORT_CSV, ROUND_REPORT_XLSX } appRoundReportFormat;
/* The city report (issue 9 §7) of the recognitions made in year: one row each with
 * USCC, name, town, industry, category, route, recommending department, recognised
 * on, valid until (the last valid day), the type at recognition and its state
 * (held, cancelled …). No operator's name, ID or phone: the city identifies a
 * business by its USCC. CSV to out (UTF-8, formula-like cells quoted as text), or
 * XLSX to path. *rows receives the count. Store codes, GH_EIO. */
int appRoundCityReport(store *s, int year, appRoundReportFormat f, FILE *out, const char *path, int *rows);
/* The column titles of the city report, NULL-terminated (for tests and docs). */
extern const char *const appRoundReportColumns[];
/* The comparison list (比选) of category as XLSX at path (see appRoundCandidates). */
int appRoundCandidatesXlsx(store *s, categoryKind category, unsigned states, civilDate today, const yearParams *p,
                           const char *path, int *rows);
/* The round's figures of p->year at today for the console's 概览: applications by
 * state, category and town, the quota and its use, the recognised count. */
int appRoundStatsJson(sbuf *out, store *s, civilDate today, const yearParams *p);
#endif
