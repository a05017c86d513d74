/* The round's worklists and figures, read only: applications by filter, the
 * quota, the cancellation worklist after a published run, the final-year
 * evaluations and the information reports due (contracts in app/round.h). */
#include "app/round_int.h"
#include "core/error.h"
#include "rules/round_quota.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int appRoundEach(store *s, const storeRoundFilter *f, storeRoundAppFn fn, void *ctx) {
    return storeEachRound(s, f, fn, ctx);
}

static int countOne(void *ctx, const storeRecognition *r) {
    (void)r;
    ++*(int *)ctx;
    return 0;
}

int appRoundQuota(roundQuota *out, store *s, civilDate today, const yearParams *p) {
    int growth = 0, development = 0, recognised = 0;
    const storeRecognitionFilter valid = {.valid_at = today};
    int rc = roundPublishedCounts(&growth, &development, s, p->year);
    if (!rc) rc = storeEachRecognition(s, &valid, countOne, &recognised);
    if (!rc) rc = roundQuotaCompute(out, growth, development, recognised, p);
    return rc;
}

/* The recognitions passing a filter, copied (the walk ends before each is worked on). */
typedef struct recogList {
    storeRecognition *v;
    size_t n, cap;
    arena *ar;
    int failed;
} recogList;

static const char *listDup(recogList *l, const char *s) {
    if (!s) return NULL;
    const char *d = arenaStrndup(l->ar, s, strlen(s));
    if (!d) l->failed = GH_ENOMEM;
    return d;
}

static int listAdd(void *ctx, const storeRecognition *r) {
    recogList *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? 2 * l->cap : 64;
        storeRecognition *v = realloc(l->v, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        l->v = v, l->cap = cap;
    }
    storeRecognition *c = &l->v[l->n++];
    *c = *r;
    c->app_id = listDup(l, r->app_id), c->uscc = listDup(l, r->uscc), c->end_reason = listDup(l, r->end_reason);
    c->operator_id = NULL; /* personal data: not carried into worklists */
    return l->failed;
}

static int listCollect(recogList *l, store *s, const storeRecognitionFilter *f, arena *ar) {
    memset(l, 0, sizeof *l);
    l->ar = ar;
    return storeEachRecognition(s, f, listAdd, l);
}

/* The applications kept after the re-check of a year. */
typedef struct keptList { char (*ids)[STORE_ROUND_ID_SIZE]; size_t n, cap; } keptList;

static int addKept(void *ctx, const storeKeep *k) {
    keptList *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? 2 * l->cap : 32;
        char(*ids)[STORE_ROUND_ID_SIZE] = realloc(l->ids, cap * sizeof *ids);
        if (!ids) return GH_ENOMEM;
        l->ids = ids, l->cap = cap;
    }
    snprintf(l->ids[l->n++], STORE_ROUND_ID_SIZE, "%s", k->app_id);
    return 0;
}

static bool keptHas(const keptList *l, const char *id) {
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->ids[i], id)) return true;
    return false;
}

int roundRecheckOne(roundRecheck *c, bool *in_run, store *s, const storeRecognition *r, const yearParams *p,
                    arena *ar) {
    dossier d;
    civilDate *revoked;
    size_t n_revoked;
    const roundRecognition rr = roundRecognitionOf(r);
    int rc = storeLoadDossier(s, r->uscc, ar, &d);
    if (!rc) rc = roundRevocations(&revoked, &n_revoked, s, r->uscc, ar);
    *in_run = !rc && d.established != DATE_NONE && d.established <= p->reference_date;
    if (rc || !*in_run) return rc; /* a business not in the run's population was not typed */
    return roundRecheckRun(c, &rr, &d, revoked, n_revoked, p);
}

int appRoundRecheck(store *s, const yearParams *p, appRoundRecheckFn fn, void *ctx) {
    arena ar, one;
    arenaInit(&ar, 16 * 1024, 0);
    arenaInit(&one, 16 * 1024, 0);
    recogList l = {0};
    keptList kept = {0};
    int64_t run_id;
    int rc = storePublishedRun(s, p->year, &run_id); /* the re-check follows a published run */
    const storeRecognitionFilter f = {.valid_at = p->reference_date};
    if (!rc) rc = listCollect(&l, s, &f, &ar);
    if (!rc) rc = storeEachKeep(s, p->year, addKept, &kept);
    for (size_t i = 0; !rc && i < l.n; i++) {
        roundRecheck c;
        bool in_run;
        arenaReset(&one);
        rc = roundRecheckOne(&c, &in_run, s, &l.v[i], p, &one);
        if (!rc && in_run && c.flagged) rc = fn(ctx, &l.v[i], &c, keptHas(&kept, l.v[i].app_id));
    }
    free(kept.ids);
    free(l.v);
    arenaFree(&one);
    arenaFree(&ar);
    return rc;
}

int appRoundEvaluations(store *s, civilDate today, const yearParams *p, appRoundEvalFn fn, void *ctx) {
    arena ar, one;
    arenaInit(&ar, 16 * 1024, 0);
    arenaInit(&one, 16 * 1024, 0);
    recogList l;
    const storeRecognitionFilter f = {.valid_at = today};
    int rc = listCollect(&l, s, &f, &ar);
    for (size_t i = 0; !rc && i < l.n; i++) {
        roundEvaluation e;
        arenaReset(&one);
        rc = roundEvaluateOne(&e, s, &l.v[i], today, p, &one);
        if (!rc && e.in_final_year) rc = fn(ctx, &l.v[i], &e);
    }
    free(l.v);
    arenaFree(&one);
    arenaFree(&ar);
    return rc;
}

typedef struct reportFind { const char *app_id; civilDate filed_on; } reportFind;

static int findReport(void *ctx, const storeInfoReport *r) {
    reportFind *f = ctx;
    if (!strcmp(r->app_id, f->app_id)) f->filed_on = r->filed_on;
    return 0;
}

int appRoundReportsDue(store *s, civilDate today, const yearParams *p, bool open_too, appRoundReportFn fn, void *ctx) {
    arena ar;
    arenaInit(&ar, 16 * 1024, 0);
    recogList l;
    const storeRecognitionFilter f = {.valid_at = p->category_report_deadline};
    int rc = listCollect(&l, s, &f, &ar);
    for (size_t i = 0; !rc && i < l.n; i++) {
        const storeRecognition *r = &l.v[i];
        reportFind found = {.app_id = r->app_id, .filed_on = DATE_NONE};
        const roundRecognition rr = roundRecognitionOf(r);
        roundReportStatus st;
        rc = storeEachInfoReport(s, p->year, r->app_id, findReport, &found);
        if (!rc) rc = roundReportCheck(&st, &rr, found.filed_on, today, p);
        if (!rc && (st == RREPORT_MISSING || (open_too && st == RREPORT_OPEN))) rc = fn(ctx, r, st);
    }
    free(l.v);
    arenaFree(&ar);
    return rc;
}
