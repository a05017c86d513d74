#ifndef GETIHU_HTTP_ROUTES_H
#define GETIHU_HTTP_ROUTES_H
#include <stdbool.h>
#include <stddef.h>
#include "http/server.h"

/* The one route table (routes.c): each row drives dispatch, the role and CSRF
 * checks and `getihu serve --list-routes` (which tests/api/openapi.sh compares with
 * docs/openapi.yaml). Adding a route is adding a row and its handler. */
typedef void (*httpHandler)(httpCtx *c);
/* A route's own checks on the headers, before any byte of the body is read: true to
 * go on, false after answering. */
typedef bool (*httpEarly)(httpCtx *c);

/* What a route's body is. A JSON body must say so (Content-Type: application/json,
 * else 415), which a cross-site form cannot do without the browser asking first. */
typedef enum { HTTP_BODY_NONE, HTTP_BODY_JSON, HTTP_BODY_FILE } httpBody;

typedef struct httpRoute {
    const char *method;  /* GET also answers HEAD */
    const char *path;    /* OpenAPI spelling: "/api/runs/{id}/publish"; {x} is one non-empty segment */
    unsigned roles;      /* ROLE_* bits allowed; 0: public, no session needed */
    bool csrf;           /* changes state: the session's X-CSRF-Token must be echoed */
    httpBody body;       /* FILE: streamed to a temporary file (HTTP_MAX_UPLOAD pending per account) */
    httpHandler handler;
    const char *summary; /* Chinese (English) */
    httpEarly early;     /* or NULL */
} httpRoute;

/* The row answering method and path, or NULL. When found, the {param} segments'
 * offsets into path and their lengths go to off[] and len[] (HTTP_MAX_PARAMS). */
const httpRoute *httpRouteFind(const char *method, const char *path, size_t off[], size_t len[]);
/* The rows, in the order --list-routes prints them; *n receives their count. */
const httpRoute *httpRouteAll(size_t *n);
/* The checks on the headers, made in libmicrohttpd's first call for the request, before
 * a byte of its body is accepted: the body's type (415), the origin of a state change
 * (403), the session (401), role and CSRF token (403) c->route asks for, then the
 * route's own early check. Fills c->who. True to go on; false after answering. */
bool httpRouteGate(httpCtx *c);
/* Whether a state-changing request comes from the server's own pages: Origin, when
 * present, is the server's origin (scheme, host and port of the request, or
 * --public-origin), and Sec-Fetch-Site, when present, is same-origin or none (guard.c). */
bool httpSameOrigin(const httpCtx *c);
/* Whether a request's body is declared as JSON (guard.c). */
bool httpJsonBody(const httpCtx *c);

/* ---- the handlers, by file ---- */
/* api_objections.c (issue 10 §4) */
void apiObjectionFile(httpCtx *c);
void apiObjectionList(httpCtx *c);
void apiObjectionGet(httpCtx *c);
void apiObjectionFileUpload(httpCtx *c);
void apiObjectionFileGet(httpCtx *c);
void apiObjectionVerify(httpCtx *c);
void apiObjectionAnswer(httpCtx *c);
void apiObjectionUphold(httpCtx *c);
void apiObjectionReject(httpCtx *c);
/* api_public.c */
void apiHealth(httpCtx *c);
void apiPublicSearch(httpCtx *c);
/* session.c */
/* Sets up the sign-in limits of srv (per-address delays, per-USCC code cap). */
void sessionInit(httpServer *srv);
void sessionLogin(httpCtx *c);
void sessionLogout(httpCtx *c);
void sessionMe(httpCtx *c);
/* Fills c->who from the session cookie. GH_ENOTFOUND when there is no live session. */
int sessionLoad(httpCtx *c);
/* api_runs.c and api_runs_compare.c: years, run labels, the compare list (issue 11 §4) */
void apiYears(httpCtx *c);
void apiRunNote(httpCtx *c);
void apiRunCompare(httpCtx *c);
/* The run's "name" and "note" members (null when none), for a run object. */
void runsLabelJson(sbuf *out, const storeRun *r);
/* The run published for run_id's year before it is published (0: none, or unknown). */
int64_t runsPublishedBefore(store *s, int64_t run_id);
/* api_staff.c */
void apiRuns(httpCtx *c);
void apiRunPublish(httpCtx *c);
void apiAudit(httpCtx *c);
void apiStats(httpCtx *c);
void apiBusinesses(httpCtx *c);       /* api_search.c (issue 11 §3) */
void apiBusinessFilters(httpCtx *c);
void apiBusiness(httpCtx *c);
/* api_consent.c and api_bank.c: the bank channel (issue 10 §5) */
void apiBanks(httpCtx *c);
void apiConsents(httpCtx *c);
void apiConsentGrant(httpCtx *c);
void apiConsentWithdraw(httpCtx *c);
void apiBankList(httpCtx *c);
void apiBankBusiness(httpCtx *c);
void apiBankExport(httpCtx *c);
/* jobs.c */
void jobStart(httpCtx *c);
void jobGet(httpCtx *c);
/* api_export.c */
void apiExport(httpCtx *c);
/* api_import.c */
void apiImportUpload(httpCtx *c);
/* On the headers of an upload: kind, name, department, the account's pending uploads
 * and bytes; reserves the upload in c->upload_id. */
bool apiImportEarly(httpCtx *c);
void apiImportCommit(httpCtx *c);
void apiImportCancel(httpCtx *c);

/* api_import_lists.c (issue 11 §5): templates, the checklist of the year's sources, the history */
void apiImportTemplate(httpCtx *c);
void apiImportChecklist(httpCtx *c);
void apiImportHistory(httpCtx *c);

/* api_round.c, api_round_manage.c, api_round_files.c, api_round_lists.c, api_round_public.c */
void apiRoundForm(httpCtx *c);
void apiRoundList(httpCtx *c);
void apiRoundCreate(httpCtx *c);
void apiRoundCase(httpCtx *c);
void apiRoundEdit(httpCtx *c);
void apiRoundAct(httpCtx *c);
/* On the headers of an evidence upload: name, type, announced size; reserves the upload. */
bool apiRoundEvidenceEarly(httpCtx *c);
void apiRoundEvidenceUpload(httpCtx *c);
void apiRoundEvidenceGet(httpCtx *c);
void apiRoundOpinion(httpCtx *c);
void apiRoundAnswer(httpCtx *c);
void apiRoundReportFile(httpCtx *c);
void apiRoundReportCheck(httpCtx *c);
void apiRoundKeep(httpCtx *c);
void apiRoundExtend(httpCtx *c);
void apiRoundExtensionConsent(httpCtx *c);
void apiRoundCommend(httpCtx *c);
void apiRoundCompare(httpCtx *c);
void apiRoundQuota(httpCtx *c);
void apiRoundRecheck(httpCtx *c);
void apiRoundEvaluations(httpCtx *c);
void apiRoundReportsDue(httpCtx *c);
void apiRoundReports(httpCtx *c);
void apiRoundJoint(httpCtx *c);
void apiRoundOverrideGrant(httpCtx *c);
void apiRoundRecognitions(httpCtx *c);
void apiRoundStats(httpCtx *c);
void apiRoundPublicity(httpCtx *c);
void apiRoundObjection(httpCtx *c);
void apiRoundCertificate(httpCtx *c);
/* api_measures.c, api_measures_report.c (issue 10) */
void apiMeasures(httpCtx *c);
void apiMeasureChanges(httpCtx *c);
void apiMeasureWork(httpCtx *c);
void apiMeasureWorkSet(httpCtx *c);
void apiMeasureCoverage(httpCtx *c);

/* checking the city's typing (issue 10 §6): api_reconcile.c */
void apiReconcile(httpCtx *c);
void apiReconcileCheck(httpCtx *c);
void apiReconcileXlsx(httpCtx *c);
void apiReconcileAdopt(httpCtx *c);

/* api_accounts.c: accounts and owners' access codes in the console (issue 11 §2) */
void apiAccounts(httpCtx *c);
void apiAccountAdd(httpCtx *c);
void apiAccountDisable(httpCtx *c);
void apiAccountEnable(httpCtx *c);
void apiAccountPassword(httpCtx *c);
void apiAccessCodeIssue(httpCtx *c);

/* A positive id from a {param} segment; 0 when it is not one. */
int64_t httpParamId(const char *segment);
/* The query parameter name as a whole decimal number (digits only) in [lo, hi] in
 * *out, or def when absent or empty. False when present and not one: "1abc", "1.5",
 * "-1", " 1", "0x10" and numbers beyond int64 are refused, not read as a prefix
 * (decision 210). */
bool httpQueryNumber(const httpCtx *c, const char *name, int64_t lo, int64_t hi, int64_t def, int64_t *out);
#endif
