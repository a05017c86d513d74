/* The renderer's table of versions and the reasons array (issue 12 §1). */
#include "rules/render.h"
#include "core/error.h"
#include "core/jsonstr.h"
#include "rules/explain.h"
#include "rules/result_facts.h"
#include <assert.h>
#include <stdlib.h>

/* A1.3.2(1): the test version's one change (decision 223). */
static void renderTestText(sbuf *o, const typingReason *r) {
    if (r->code == REASON_SURVIVAL_DEFAULT) SBUF_LIT(o, "符合基础标准；成长型、发展型标准均未满足");
    else renderV1Text(o, r);
}

typedef struct renderVersionEntry {
    int version;
    void (*text)(sbuf *o, const typingReason *r);
} renderVersionEntry;

/* Every version ever used, oldest first; entries are never removed or edited. */
static const renderVersionEntry renderVersions[] = {
    {1, renderV1Text},
    {RENDER_TEST, renderTestText},
};

static const renderVersionEntry *renderFind(int version) {
    for (size_t i = 0; i < sizeof renderVersions / sizeof renderVersions[0]; i++)
        if (renderVersions[i].version == version) return &renderVersions[i];
    return NULL;
}

size_t renderVersionCount(void) { return sizeof renderVersions / sizeof renderVersions[0]; }

int renderVersionAt(size_t i) {
    assert(i < renderVersionCount());
    return renderVersions[i].version;
}

bool renderKnown(int version) { return renderFind(version) != NULL; }

void renderText(sbuf *o, int version, const typingReason *r) {
    const renderVersionEntry *v = renderFind(version);
    assert(v && "unknown renderer version");
    v->text(o, r);
}

int renderVersionOf(int run_version) { return run_version == RENDER_LEGACY ? 1 : run_version; }

/* True when s needs no JSON escaping. */
static bool renderPlain(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == '"' || *s == '\\') return false;
    return true;
}

/* The sentence as a JSON string. The rules' own words never need escaping; only a
 * dossier string a sentence quotes (x->ref) can, and then the sentence is escaped. */
static void renderTextJson(sbuf *b, const renderVersionEntry *v, const typingReason *x) {
    if (x->ref && !renderPlain(x->ref)) {
        sbuf tmp;
        sbufInit(&tmp);
        v->text(&tmp, x);
        if (tmp.failed) b->failed = 1;
        else jsonStringN(b, tmp.data, tmp.len);
        sbufFree(&tmp);
        return;
    }
    sbufPutc(b, '"');
    v->text(b, x);
    sbufPutc(b, '"');
}

static void renderArray(sbuf *b, const renderVersionEntry *v, const typingResult *r) {
    sbufPutc(b, '[');
    for (size_t i = 0; i < r->n; i++) {
        const typingReason *x = &r->reasons[i];
        sbufPuts(b, i ? ",{\"code\":\"" : "{\"code\":\"");
        sbufPuts(b, explainCode(x->code));
        SBUF_LIT(b, "\",\"article\":\"");
        sbufPuts(b, explainArticle(x->code));
        SBUF_LIT(b, "\",\"text\":");
        renderTextJson(b, v, x);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}

void renderReasonsJson(sbuf *b, int version, const typingResult *r) {
    const renderVersionEntry *v = renderFind(version);
    assert(v && "unknown renderer version");
    renderArray(b, v, r);
}

void renderSplit(sbuf *codes, sbuf *texts, int version, const typingResult *r) {
    const renderVersionEntry *v = renderFind(version);
    assert(v && "unknown renderer version");
    for (size_t i = 0; i < r->n; i++) {
        if (i) SBUF_LIT(codes, "；"), SBUF_LIT(texts, "；");
        sbufPuts(codes, explainCode(r->reasons[i].code));
        v->text(texts, &r->reasons[i]);
    }
}

int renderStored(sbuf *out, const char *stored, size_t n) {
    if (!resultFactsIs(stored, n)) {
        sbufAppend(out, stored, n);
        return 0;
    }
    char local[512];
    char *scratch = RESULT_FACTS_SCRATCH(n) <= sizeof local ? local : malloc(RESULT_FACTS_SCRATCH(n));
    if (!scratch) return GH_ENOMEM;
    typingResult r;
    int version = 0, rc = resultFactsDecode(&r, &version, scratch, stored, n);
    const renderVersionEntry *v = rc ? NULL : renderFind(version);
    if (v) renderArray(out, v, &r);
    if (scratch != local) free(scratch);
    return rc ? rc : v ? 0 : GH_EINVAL;
}
