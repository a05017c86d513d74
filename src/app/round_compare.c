/* 比选: the ranked candidates of one category (contract in app/round.h). The law
 * orders (rules/round_compare.c); this file reads the cases and their dossiers. */
#include "app/round_int.h"
#include "core/error.h"
#include "rules/round_explain.h"
#include <stdlib.h>
#include <string.h>

typedef struct compareItem {
    storeRoundApp app; /* strings in the list's arena */
    roundCandidate c;
} compareItem;

typedef struct compareList {
    compareItem *v;
    size_t n, cap;
    arena *ar;
} compareList;

/* Copies a case of the walk: its strings into the arena (the walk's are the store's). */
static int compareAdd(void *ctx, const storeRoundApp *a) {
    compareList *l = ctx;
    if (l->n == l->cap) {
        const size_t cap = l->cap ? 2 * l->cap : 32;
        compareItem *v = realloc(l->v, cap * sizeof *v);
        if (!v) return GH_ENOMEM;
        l->v = v, l->cap = cap;
    }
    compareItem *it = &l->v[l->n];
    memset(it, 0, sizeof *it);
    it->app = *a;
    const char **text[] = {&it->app.id, &it->app.uscc, &it->app.recommended_by, &it->app.statement,
                           &it->app.created_by, &it->app.created_at, &it->app.updated_at, &it->app.name, &it->app.town};
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
        if (*text[i] && !(*text[i] = arenaStrndup(l->ar, *text[i], strlen(*text[i])))) return GH_ENOMEM;
    l->n++;
    return 0;
}

/* The candidate of case it: its dossier checked on its claims at today (within the year). */
static int compareCandidate(compareItem *it, store *s, civilDate today, const yearParams *p, arena *ar) {
    dossier *d = arenaAlloc(ar, sizeof *d);
    if (!d) return GH_ENOMEM;
    civilDate *revoked;
    size_t n_revoked;
    int rc = storeLoadDossier(s, it->app.uscc, ar, d);
    if (!rc) rc = roundRevocations(&revoked, &n_revoked, s, it->app.uscc, ar);
    if (rc) return rc;
    if (d->established == DATE_NONE || d->established > p->reference_date) return GH_ERANGE; /* not typed that year */
    const civilDate end = dateFromYmd(p->year, 12, 31);
    categoryApp app = {.category = it->app.category, .route = it->app.route,
                       .date = today < p->reference_date ? p->reference_date : today > end ? end : today,
                       .n_claimed = it->app.n_claimed, .consent_on = DATE_NONE, .revoked_on = revoked,
                       .n_revoked = n_revoked};
    memcpy(app.claimed, it->app.claimed, sizeof app.claimed);
    categoryResult r;
    if ((rc = categoryCheck(&r, &app, d, p))) return rc;
    roundCandidateFrom(&it->c, it->app.id, d, &r, app.date, p);
    return 0;
}

/* The reviewer's notes of a case: the reasons its history records for the district's
 * review steps (受理初审, 初审通过, 记录走访核实, 列入拟认定名单, 公示), "步骤：理由"
 * joined by "；", oldest
 * first; "" when none. */
typedef struct notesCtx {
    sbuf b;
} notesCtx;

static int notesStep(void *ctx, const storeRoundStep *st) {
    notesCtx *n = ctx;
    if (!st->reason || !st->reason[strspn(st->reason, " \t\r\n")]) return 0;
    switch (st->action) {
    case RACT_ACCEPT: case RACT_PASS_REVIEW: case RACT_RECORD_VISIT: case RACT_PROPOSE: case RACT_PUBLICISE: break;
    default: return 0;
    }
    if (n->b.len) sbufPuts(&n->b, "；");
    sbufPuts(&n->b, roundActionLabel(st->action));
    sbufPuts(&n->b, "：");
    sbufPuts(&n->b, st->reason);
    return 0;
}

static int compareNotes(const char **out, store *s, const char *id, arena *ar) {
    notesCtx n;
    sbufInit(&n.b);
    int rc = storeEachRoundStep(s, id, notesStep, &n);
    if (!rc && n.b.failed) rc = GH_ENOMEM;
    if (!rc && !(*out = arenaStrndup(ar, n.b.len ? n.b.data : "", n.b.len))) rc = GH_ENOMEM;
    sbufFree(&n.b);
    return rc;
}

int appRoundCandidates(store *s, categoryKind category, unsigned states, civilDate today, const yearParams *p,
                       appRoundCandidateFn fn, void *ctx) {
    arena ar;
    arenaInit(&ar, 64 * 1024, 0);
    compareList l = {.ar = &ar};
    const storeRoundFilter f = {.year = p->year, .categories = 1u << category,
                                .states = states ? states
                                                 : 1u << RSTATE_JOINT | 1u << RSTATE_PROPOSED | 1u << RSTATE_PUBLICITY};
    int rc = storeEachRound(s, &f, compareAdd, &l);
    size_t n = 0;
    roundCandidate *v = rc || !l.n ? NULL : malloc(l.n * sizeof *v);
    if (!rc && l.n && !v) rc = GH_ENOMEM;
    for (size_t i = 0; !rc && i < l.n; i++) {
        const int one = compareCandidate(&l.v[i], s, today, p, &ar);
        if (one == GH_ERANGE) continue; /* established after R: not a candidate of that year */
        rc = one;
        if (!rc) v[n++] = l.v[i].c;
    }
    if (!rc) roundRank(v, n);
    /* each ranked candidate's case, by its id (a category's candidates number in the tens to hundreds) */
    for (size_t i = 0; !rc && i < n; i++) {
        const compareItem *it = NULL;
        for (size_t j = 0; j < l.n && !it; j++)
            if (!strcmp(l.v[j].app.id, v[i].id)) it = &l.v[j];
        const char *notes = NULL;
        rc = compareNotes(&notes, s, it->app.id, &ar);
        if (!rc) rc = fn(ctx, (int)i + 1, &v[i], &it->app, notes);
    }
    free(v);
    free(l.v);
    arenaFree(&ar);
    return rc;
}
