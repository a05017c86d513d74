#ifndef GETIHU_STORE_RENDER_H
#define GETIHU_STORE_RENDER_H
#include "core/sbuf.h"
#include "store/store.h"

/* The store front renders stored reasons on read (issue 12 §1, decision 224): a
 * backend hands out a result's reasons column as stored (a facts text, or a JSON
 * array from before facts) and every reader receives the DATA.md §3 reasons array,
 * rendered by rules/render.c with the version the text names. One place, so that
 * export, show, the API, the pages, the compare list and the bank channel all give
 * the same bytes. Internal to src/store. */
typedef struct storeRenderCtx {
    storeResultFn result; /* the reader's callback (one of the three) */
    storeMoverFn mover;
    storeReconcileFn reconcile;
    void *ctx;            /* and its context */
    storeErr *err;
    sbuf buf;         /* the rendered reasons of the current row */
    char *scratch;    /* its refs, decoded */
    size_t scratch_cap;
    typingResult facts;
    int version;
    bool facts_only; /* decoded, not rendered to JSON: reasons NULL (storeEachResultFacts, storeEachPublishedOf;
                      * decisions 274, 291) */
} storeRenderCtx;

/* Starts a read for the reader ctx; the caller then sets the one callback. */
void storeRenderBegin(storeRenderCtx *c, void *ctx, storeErr *err);
/* Frees the buffer; returns rc. */
int storeRenderEnd(storeRenderCtx *c, int rc);
/* The callbacks handed to the backend in place of the reader's (ctx: a storeRenderCtx). */
int storeRenderResult(void *ctx, const storeResult *r);
int storeRenderMover(void *ctx, const storeMover *m);
int storeRenderReconcile(void *ctx, const storeReconcileRow *r);
#endif
