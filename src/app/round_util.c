/* Helpers of the round's use cases: the published counts, revocations, the
 * outcome's message, the transaction's end and the audit entry. */
#include "app/audit.h"
#include "app/round_int.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "rules/round_explain.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

int roundPublishedCounts(int *growth, int *development, store *s, int year) {
    int64_t run_id;
    storeRun run;
    arena ar;
    arenaInit(&ar, 1024, 0);
    int rc = storePublishedRun(s, year, &run_id);
    if (!rc) rc = storeRunGet(s, run_id, &ar, &run);
    if (!rc) *growth = (int)run.by_type[TYPE_GROWTH], *development = (int)run.by_type[TYPE_DEVELOPMENT];
    arenaFree(&ar);
    return rc;
}

typedef struct revokedList { civilDate v[32]; size_t n; } revokedList;

static int addRevoked(void *ctx, const storeRecognition *r) {
    revokedList *l = ctx;
    if (l->n < sizeof l->v / sizeof l->v[0]) l->v[l->n++] = r->ended_on;
    return 0;
}

int roundRevocations(civilDate **out, size_t *n, store *s, const char *uscc, arena *ar) {
    revokedList l = {.n = 0};
    const storeRecognitionFilter f = {.uscc = uscc, .valid_at = DATE_NONE, .revoked_only = true};
    const int rc = storeEachRecognition(s, &f, addRevoked, &l);
    if (rc) return rc;
    *out = arenaAlloc(ar, sizeof(civilDate) * (l.n ? l.n : 1));
    if (!*out) return GH_ENOMEM;
    memcpy(*out, l.v, sizeof(civilDate) * l.n);
    *n = l.n;
    return 0;
}

int roundFail(appRoundOutcome *out, store *s, int rc, const char *msg) {
    if (msg) snprintf(out->message, sizeof out->message, "%s", msg);
    else if (rc == GH_ENOMEM) snprintf(out->message, sizeof out->message, "内存不足 (out of memory)");
    else snprintf(out->message, sizeof out->message, "数据库 %s: %s", storeLocation(s), storeError(s));
    return rc;
}

int roundRefuse(appRoundOutcome *out) {
    sbuf b;
    sbufInit(&b);
    roundDecisionText(&b, &out->decision);
    snprintf(out->message, sizeof out->message, "%s", b.failed || !b.data ? "不予办理 (refused)" : b.data);
    sbufFree(&b);
    return GH_EREFUSED;
}

int roundRefuseMsg(appRoundOutcome *out, const char *msg) {
    snprintf(out->message, sizeof out->message, "%s", msg);
    return GH_EREFUSED;
}

int roundEnd(appRoundOutcome *out, store *s, int rc) {
    if (!rc && (rc = storeCommit(s))) roundFail(out, s, rc, NULL);
    if (rc) (void)storeRollback(s); /* keeps the failure that led here */
    return rc;
}

void roundAt(char at[32], int64_t now) {
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int roundAudit(store *s, const appRoundWho *who, const char *action, const char *object, const char *before,
               const char *after, int64_t now) {
    const storeAudit e = {.actor = who->name, .role = who->role, .client = who->client, .action = action,
                          .object = object, .before = before, .after = after};
    return auditAppend(s, &e, now);
}

int roundOpen(appRoundOutcome *out, store *s, const char *id, arena *ar, storeRoundApp *a, storeRecognition *r) {
    memset(out, 0, sizeof *out);
    int rc = storeBegin(s);
    if (!rc) rc = storeRoundGet(s, id, ar, a);
    if (!rc && r) rc = storeRecognitionGet(s, a->id, ar, r);
    if (rc) return roundFail(out, s, rc, NULL);
    snprintf(out->id, sizeof out->id, "%s", a->id);
    return 0;
}

int roundClose(appRoundOutcome *out, store *s, const appRoundWho *who, const storeRoundApp *a, int rc,
               const char *action, const char *after, int64_t now, arena *ar) {
    if (!rc) {
        char object[96];
        snprintf(object, sizeof object, "application %s %s", a->id, a->uscc);
        rc = roundAudit(s, who, action, object, NULL, after, now);
        if (rc) roundFail(out, s, rc, NULL);
    }
    arenaFree(ar);
    return roundEnd(out, s, rc);
}

roundRecognition roundRecognitionOf(const storeRecognition *r) {
    const roundRecognition rr = {.category = r->category, .route = r->route, .recognised_on = r->recognised_on,
                                 .extensions = r->extensions, .type = r->type};
    return rr;
}

int appRoundWhoOf(appRoundWho *who, const appSession *session, const char *client) {
    static const struct { unsigned bit; roundRole role; } map[] = {
        {ROLE_ADMIN, RROLE_ADMIN}, {ROLE_CLERK, RROLE_CLERK}, {ROLE_REVIEWER, RROLE_REVIEWER},
        {ROLE_DEPARTMENT, RROLE_DEPARTMENT}, {ROLE_INSPECTOR, RROLE_INSPECTOR}, {ROLE_BUSINESS, RROLE_OWNER}};
    memset(who, 0, sizeof *who);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (session->role == map[i].bit) {
            *who = (appRoundWho){.name = session->username, .role = session->role_name, .client = client,
                                 .actor = {.role = map[i].role,
                                           .uscc = map[i].role == RROLE_OWNER ? session->uscc : NULL,
                                           .department = map[i].role == RROLE_DEPARTMENT ? session->department : NULL}};
            return 0;
        }
    return GH_EINVAL;
}
