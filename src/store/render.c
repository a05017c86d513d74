/* Stored reasons rendered on the way out of the store (issue 12 §1, decision 224). */
#include "store/render.h"
#include "core/error.h"
#include "rules/render.h"
#include "rules/result_facts.h"
#include <stdio.h>
#include <stdlib.h>

void storeRenderBegin(storeRenderCtx *c, void *ctx, storeErr *err) {
    c->result = NULL, c->mover = NULL, c->reconcile = NULL;
    c->ctx = ctx;
    c->err = err;
    sbufInit(&c->buf);
    c->scratch = NULL;
    c->scratch_cap = 0;
    c->facts_only = false;
}

int storeRenderEnd(storeRenderCtx *c, int rc) {
    sbufFree(&c->buf);
    free(c->scratch);
    return rc;
}

/* Decodes *reasons (a facts text) into c->facts and c->version, renders them into
 * c->buf and points *reasons there; leaves a JSON array or NULL as it is (returns 0,
 * c->version 0). GH_EINVAL (the record names the business) when the facts do not
 * parse or name an unknown version; GH_ENOMEM. */
static int storeRenderReasons(storeRenderCtx *c, const char *uscc, const char **reasons, size_t *len) {
    c->version = 0;
    if (!*reasons || !resultFactsIs(*reasons, *len)) return 0;
    sbufClear(&c->buf);
    int rc = GH_ENOMEM, version = 0;
    const size_t need = RESULT_FACTS_SCRATCH(*len);
    if (c->scratch_cap < need) { /* grown to the longest facts text read */
        char *p = realloc(c->scratch, need);
        if (p) c->scratch = p, c->scratch_cap = need;
    }
    if (c->scratch_cap >= need) {
        rc = resultFactsDecode(&c->facts, &version, c->scratch, *reasons, *len);
        if (!rc && !renderKnown(version)) rc = GH_EINVAL;
        if (!rc && !c->facts_only) renderReasonsJson(&c->buf, version, &c->facts);
        if (!rc && c->buf.failed) rc = GH_ENOMEM;
    }
    if (rc) {
        c->err->code = rc;
        snprintf(c->err->field, sizeof c->err->field, "reasons");
        snprintf(c->err->message, sizeof c->err->message,
                 "%s 的分型理由无法读取 (stored reasons of %s do not parse)", uscc ? uscc : "?", uscc ? uscc : "?");
        return rc;
    }
    c->version = version;
    *reasons = c->facts_only ? NULL : c->buf.data;
    *len = c->facts_only ? 0 : c->buf.len;
    return 0;
}

int storeRenderResult(void *ctx, const storeResult *r) {
    storeRenderCtx *c = ctx;
    storeResult x = *r;
    const int rc = storeRenderReasons(c, r->uscc, &x.reasons, &x.reasons_len);
    if (rc) return rc;
    x.facts = c->version ? &c->facts : NULL;
    x.renderer = c->version;
    return c->result(c->ctx, &x);
}

int storeRenderMover(void *ctx, const storeMover *m) {
    storeRenderCtx *c = ctx;
    storeMover x = *m;
    const int rc = storeRenderReasons(c, m->uscc, &x.reasons, &x.reasons_len);
    return rc ? rc : c->mover(c->ctx, &x);
}

int storeRenderReconcile(void *ctx, const storeReconcileRow *r) {
    storeRenderCtx *c = ctx;
    storeReconcileRow x = *r;
    const int rc = storeRenderReasons(c, r->uscc, &x.reasons, &x.reasons_len);
    return rc ? rc : c->reconcile(c->ctx, &x);
}
