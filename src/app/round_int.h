#ifndef GETIHU_APP_ROUND_INT_H
#define GETIHU_APP_ROUND_INT_H
/* Private to the round's use cases (app/round*.c). */
#include "app/round.h"

/* A case as the law sees it, with the records it points into. */
typedef struct roundCaseData {
    storeRoundApp app;
    dossier d;
    civilDate *revoked;
    size_t n_revoked;
    roundCase c;
} roundCaseData;

/* Reads case id at today for roundTransition: the application, the dossier, the
 * revocations, the consent, the opinions, the open objections and the district's
 * counts (A3.3.4), in ar. Store codes. */
int roundLoadCase(roundCaseData *cd, store *s, const char *id, civilDate today, const yearParams *p, arena *ar);
/* The growth and development counts of year's published run. GH_ENOTFOUND. */
int roundPublishedCounts(int *growth, int *development, store *s, int year);
/* The dates on which recognitions of uscc were revoked (A3.3.5 ban), in ar. */
int roundRevocations(civilDate **out, size_t *n, store *s, const char *uscc, arena *ar);
/* Sets out->message (msg, else the store's failure naming the store) and returns rc. */
int roundFail(appRoundOutcome *out, store *s, int rc, const char *msg);
/* out->message from the refused decision; returns GH_EREFUSED. */
int roundRefuse(appRoundOutcome *out);
/* A refusal of a use case other than a transition: msg in out->message, GH_EREFUSED. */
int roundRefuseMsg(appRoundOutcome *out, const char *msg);
/* Ends the caller's write transaction: commits when rc is 0, else rolls back. */
int roundEnd(appRoundOutcome *out, store *s, int rc);
/* now as "YYYY-MM-DDTHH:MM:SSZ". */
void roundAt(char at[32], int64_t now);
/* Appends an audit entry for case id: action, before and after as given. */
int roundAudit(store *s, const appRoundWho *who, const char *action, const char *object, const char *before,
               const char *after, int64_t now);
/* The final-year evaluation of recognition r at today (A3.3.5), reading the
 * dossier, the commendations and the latest published type; in ar. */
int roundEvaluateOne(roundEvaluation *e, store *s, const storeRecognition *r, civilDate today, const yearParams *p,
                     arena *ar);
/* The re-check of recognition r after the published run of p->year (A3.3.5);
 * *in_run false (nothing checked) when the business is not in the run's population. */
int roundRecheckOne(roundRecheck *c, bool *in_run, store *s, const storeRecognition *r, const yearParams *p,
                    arena *ar);
/* Clears out, opens the write transaction and reads case id into *a (and its
 * recognition into *r when r is given), in ar; on failure out->message says why. */
int roundOpen(appRoundOutcome *out, store *s, const char *id, arena *ar, storeRoundApp *a, storeRecognition *r);
/* Ends a use case opened by roundOpen: the audit entry on case a when rc is 0,
 * then commit or rollback; frees ar. Returns rc or the failure that ended it. */
int roundClose(appRoundOutcome *out, store *s, const appRoundWho *who, const storeRoundApp *a, int rc,
               const char *action, const char *after, int64_t now, arena *ar);
/* The law's view of a stored recognition. */
roundRecognition roundRecognitionOf(const storeRecognition *r);
#endif
