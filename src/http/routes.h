#ifndef GETIHU_HTTP_ROUTES_H
#define GETIHU_HTTP_ROUTES_H
#include <stdbool.h>
#include <stddef.h>
#include "http/server.h"

/* The one route table (routes.c): each row drives dispatch, the role and CSRF
 * checks and `getihu serve --list-routes` (which tests/api/openapi.sh compares with
 * docs/openapi.yaml). Adding a route is adding a row and its handler. */
typedef void (*httpHandler)(httpCtx *c);

typedef struct httpRoute {
    const char *method;  /* GET also answers HEAD */
    const char *path;    /* OpenAPI spelling: "/api/runs/{id}/publish"; {x} is one non-empty segment */
    unsigned roles;      /* ROLE_* bits allowed; 0: public, no session needed */
    bool csrf;           /* changes state: the session's X-CSRF-Token must be echoed */
    bool upload;         /* the body is a file streamed to disk (up to HTTP_MAX_UPLOAD) */
    httpHandler handler;
    const char *summary; /* Chinese (English) */
} httpRoute;

/* The row answering method and path, or NULL. When found, the {param} segments'
 * offsets into path and their lengths go to off[] and len[] (HTTP_MAX_PARAMS). */
const httpRoute *httpRouteFind(const char *method, const char *path, size_t off[], size_t len[]);
/* The rows, in the order --list-routes prints them; *n receives their count. */
const httpRoute *httpRouteAll(size_t *n);
/* Checks the session, role and CSRF token c->route asks for, then calls its handler.
 * Answers 401 or 403 itself when a check fails. */
void httpRouteRun(httpCtx *c);

/* ---- the handlers, by file ---- */
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
/* api_staff.c */
void apiRuns(httpCtx *c);
void apiRunPublish(httpCtx *c);
void apiRunCompare(httpCtx *c);
void apiAudit(httpCtx *c);
void apiStats(httpCtx *c);
void apiBusinesses(httpCtx *c);
void apiBusiness(httpCtx *c);
/* jobs.c */
void jobStart(httpCtx *c);
void jobGet(httpCtx *c);
/* api_export.c */
void apiExport(httpCtx *c);
/* api_import.c */
void apiImportUpload(httpCtx *c);
void apiImportCommit(httpCtx *c);
void apiImportCancel(httpCtx *c);

/* A positive id from a {param} segment; 0 when it is not one. */
int64_t httpParamId(const char *segment);
#endif
