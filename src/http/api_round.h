#ifndef GETIHU_HTTP_API_ROUND_H
#define GETIHU_HTTP_API_ROUND_H
#include "app/round.h"
#include "http/server.h"

/* Shared by the round's handlers (api_round*.c): who acts, the date, the year's
 * parameters, the request body, and answering a use case's failure. */

/* A request body of the round: every field any route of the round takes, each
 * optional; the handler says which it needs. Strings point into the body's arena. */
typedef struct roundBody {
    const char *action, *reason, *override_reason, *visit_staff, *revocation;
    const char *uscc, *category, *route, *recommended_by, *statement;
    const char *department, *opinion, *reply, *changes, *note, *title, *level, *application, *contact;
    civilDate date;               /* "date": consent, visit, date asked for, commendation */
    bool has_confirmed, confirmed;
    int64_t consent_scan;
    int64_t photos[STORE_VISIT_PHOTOS + 1];
    size_t n_photos;
    const char *claimed[CATEGORY_MAX_CRITERIA + 1];
    size_t n_claimed;
} roundBody;

/* Parses c's JSON body (an empty body is {}) into b, strings in a. False after
 * answering 400 (malformed, an unknown key, a value of the wrong kind). */
bool roundParseBody(httpCtx *c, roundBody *b, arena *a);
/* The round's date: serve --today, else today (UTC). */
civilDate roundToday(const httpCtx *c);
/* who for c's session. False after answering 403 (a bank has no part). */
bool roundWho(httpCtx *c, appRoundWho *who);
/* The shipped parameters of year into p. False after answering 404. */
bool roundParams(httpCtx *c, int year, yearParams *p);
/* The year of ?year=, else of today. False after answering 400. */
bool roundQueryYear(httpCtx *c, int *year);
/* The year of an application id "YYYY-NNNN", or 0. */
int roundIdYear(const char *id);
/* Answers a use case's failure rc with out's message and, for the law's refusals,
 * its reasons: 409 refused or moved meanwhile, 400 invalid, 404 not found, 503
 * busy, 500 otherwise. */
void roundFailWith(httpCtx *c, int rc, const appRoundOutcome *out);
/* Writes a JSON answer with fn inside one read snapshot and answers it: 200, or on
 * failure 404 with missing (GH_ENOTFOUND; a general "not found" when NULL) or 500. */
typedef int (*roundReadFn)(sbuf *out, store *s, void *ctx);
void roundReplyRead(httpCtx *c, roundReadFn fn, void *ctx, const char *missing);
#endif
