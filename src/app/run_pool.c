/* Typing a run on worker threads: batches of copied dossiers, a pool of workers that
 * share each batch in chunks, and the reasons each worker writes into its own buffer.
 * The rules are pure (no state outside their arguments), so workers share only the
 * year's parameters, read-only. */
#include "app/run_pool.h"
#include "core/error.h"
#include "rules/result_facts.h"
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN_CHUNK 64 /* slots a worker takes at a time: fine enough to balance, coarse enough not to contend */

struct runPool {
    pthread_t th[RUN_MAX_WORKERS];
    int n;
    const yearParams *p;
    int renderer; /* the renderer version the reasons are stored for (issue 12 §1) */
    pthread_mutex_t mu;
    pthread_cond_t go, done;
    runBatch *job;
    unsigned gen;  /* counts the batches handed out */
    int pending;   /* workers not yet finished with the current batch */
    bool quit;
    atomic_size_t next; /* the next unclaimed slot of the current batch */
};

void runBatchInit(runBatch *b) {
    memset(b, 0, sizeof *b);
    arenaInit(&b->a, 256 * 1024, 0);
    for (int w = 0; w < RUN_MAX_WORKERS; w++) sbufInit(&b->out[w]);
}

void runBatchReset(runBatch *b) {
    arenaReset(&b->a);
    b->n = 0;
    b->rc = 0;
    for (int w = 0; w < RUN_MAX_WORKERS; w++) sbufClear(&b->out[w]);
}

void runBatchFree(runBatch *b) {
    arenaFree(&b->a);
    for (int w = 0; w < RUN_MAX_WORKERS; w++) sbufFree(&b->out[w]);
}

/* Copies n elements of size sz into a (NULL stays NULL). *ok cleared on failure. */
static void *runDup(arena *a, const void *src, size_t n, size_t sz, bool *ok) {
    if (!src || !n) return NULL;
    void *p = arenaAlloc(a, n * sz);
    if (!p) *ok = false;
    else memcpy(p, src, n * sz);
    return p;
}

static const char *runStr(arena *a, const char *s, bool *ok) {
    if (!s) return NULL;
    char *p = arenaStrndup(a, s, strlen(s));
    if (!p) *ok = false;
    return p;
}

int runBatchAdd(runBatch *b, const dossier *d) {
    runSlot *x = &b->slot[b->n];
    dossier *c = &x->d;
    bool ok = true;
    arena *a = &b->a;
    *c = *d;
    c->name = runStr(a, d->name, &ok);
    c->operator_name = runStr(a, d->operator_name, &ok);
    c->operator_id = runStr(a, d->operator_id, &ok);
    c->town = runStr(a, d->town, &ok);
    c->industry = runStr(a, d->industry, &ok);
    c->address = runStr(a, d->address, &ok);
    c->annual_reports = runDup(a, d->annual_reports, d->n_annual_reports, sizeof *d->annual_reports, &ok);
    c->tax_paid = runDup(a, d->tax_paid, d->n_tax_paid, sizeof *d->tax_paid, &ok);
    c->insured = runDup(a, d->insured, d->n_insured, sizeof *d->insured, &ok);
    dIntervals *iv[] = {&c->abnormal_list, &c->serious_illegal_list, &c->tax_abnormal, &c->suspensions,
                        &c->dishonest_debtor};
    for (size_t i = 0; i < sizeof iv / sizeof iv[0]; i++) iv[i]->v = runDup(a, iv[i]->v, iv[i]->n, sizeof *iv[i]->v, &ok);
    dTrademark *tm = runDup(a, d->trademarks, d->n_trademarks, sizeof *tm, &ok);
    for (size_t i = 0; tm && i < d->n_trademarks; i++) tm[i].reg_no = runStr(a, tm[i].reg_no, &ok);
    c->trademarks = tm;
    dPatent *pt = runDup(a, d->patents, d->n_patents, sizeof *pt, &ok);
    for (size_t i = 0; pt && i < d->n_patents; i++) pt[i].number = runStr(a, pt[i].number, &ok);
    c->patents = pt;
    c->penalties = runDup(a, d->penalties, d->n_penalties, sizeof *d->penalties, &ok);
    if (!ok) return GH_ENOMEM;
    b->n++;
    return 0;
}

/* Types slots [from, to) of b into worker w's buffer. */
static int runTypeSlots(runBatch *b, size_t from, size_t to, int w, const yearParams *p, int renderer) {
    sbuf *out = &b->out[w];
    for (size_t i = from; i < to; i++) {
        runSlot *x = &b->slot[i];
        typingResult r;
        if (typingClassify(&r, &x->d, p)) return GH_EINVAL;
        x->type = r.type;
        x->worker = w;
        x->off = out->len;
        resultFactsEncode(out, renderer, &r); /* facts, rendered on read (issue 12 §1) */
        if (out->failed) return GH_ENOMEM;
        x->len = out->len - x->off;
    }
    return 0;
}

typedef struct runThreadArg { runPool *pool; int id; } runThreadArg;

static void *runWorkerMain(void *arg) {
    runThreadArg *t = arg;
    runPool *pool = t->pool;
    const int id = t->id;
    free(t);
    unsigned seen = 0;
    for (;;) {
        pthread_mutex_lock(&pool->mu);
        while (!pool->quit && pool->gen == seen) pthread_cond_wait(&pool->go, &pool->mu);
        if (pool->quit) {
            pthread_mutex_unlock(&pool->mu);
            return NULL;
        }
        seen = pool->gen;
        runBatch *b = pool->job;
        pthread_mutex_unlock(&pool->mu);
        int rc = 0;
        for (;;) {
            const size_t from = atomic_fetch_add(&pool->next, RUN_CHUNK);
            if (from >= b->n) break;
            const size_t to = from + RUN_CHUNK < b->n ? from + RUN_CHUNK : b->n;
            if (!rc) rc = runTypeSlots(b, from, to, id, pool->p, pool->renderer);
        }
        pthread_mutex_lock(&pool->mu);
        if (rc && !b->rc) b->rc = rc;
        if (--pool->pending == 0) pthread_cond_signal(&pool->done);
        pthread_mutex_unlock(&pool->mu);
    }
}

int runPoolStart(runPool **out, int workers, const yearParams *p, int renderer) {
    *out = NULL;
    runPool *pool = calloc(1, sizeof *pool);
    if (!pool) return GH_ENOMEM;
    pool->p = p;
    pool->renderer = renderer;
    pthread_mutex_init(&pool->mu, NULL);
    pthread_cond_init(&pool->go, NULL);
    pthread_cond_init(&pool->done, NULL);
    if (workers < 1) workers = 1;
    if (workers > RUN_MAX_WORKERS) workers = RUN_MAX_WORKERS;
    for (int i = 0; i < workers; i++) {
        runThreadArg *t = malloc(sizeof *t);
        if (t) *t = (runThreadArg){pool, i};
        if (!t || pthread_create(&pool->th[i], NULL, runWorkerMain, t)) {
            free(t);
            runPoolStop(pool);
            return GH_EIO;
        }
        pool->n++;
    }
    *out = pool;
    return 0;
}

void runPoolType(runPool *pool, runBatch *b) {
    pthread_mutex_lock(&pool->mu);
    pool->job = b;
    atomic_store(&pool->next, 0);
    pool->pending = pool->n;
    pool->gen++;
    pthread_cond_broadcast(&pool->go);
    pthread_mutex_unlock(&pool->mu);
}

int runPoolWait(runPool *pool) {
    pthread_mutex_lock(&pool->mu);
    while (pool->pending > 0) pthread_cond_wait(&pool->done, &pool->mu);
    const int rc = pool->job ? pool->job->rc : 0;
    pthread_mutex_unlock(&pool->mu);
    return rc;
}

void runPoolStop(runPool *pool) {
    if (!pool) return;
    runPoolWait(pool);
    pthread_mutex_lock(&pool->mu);
    pool->quit = true;
    pthread_cond_broadcast(&pool->go);
    pthread_mutex_unlock(&pool->mu);
    for (int i = 0; i < pool->n; i++) pthread_join(pool->th[i], NULL);
    pthread_mutex_destroy(&pool->mu);
    pthread_cond_destroy(&pool->go);
    pthread_cond_destroy(&pool->done);
    free(pool);
}

int runPoolWorkers(void) {
    const char *env = getenv("GETIHU_RUN_THREADS");
    if (env && *env) {
        char *end;
        const long n = strtol(env, &end, 10);
        if (!*end && n >= 1 && n <= RUN_MAX_WORKERS) return (int)n;
    }
    const long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores < 1 ? 1 : cores > RUN_MAX_WORKERS ? RUN_MAX_WORKERS : (int)cores;
}
