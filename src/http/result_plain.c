#include "http/api_public.h"
#include "core/error.h"
#include "io/json.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include "rules/plain.h"

/* A stored result's reasons in plain words (issue 11 §1). The stored array is DATA.md
 * §3's {code, article, text}; readers get it back with members ADDED, never changed
 * (decision 151): "sentence" on each reason, "kind" (met / missed / note) in the full
 * view, and after the array the result's "summary" (and, in the full view, "meaning"
 * and "gap"). Codes this build does not know (a city file's) pass through untouched, in the
 * public view as {code, article}. */

typedef struct plainCodes {
    reasonCode v[TYPING_MAX_REASONS * 2];
    size_t n;
} plainCodes;

static void plainRemember(plainCodes *c, reasonCode code) {
    if (c->n < sizeof c->v / sizeof c->v[0]) c->v[c->n++] = code;
}

/* Public view: the met reasons only, {code, article, sentence} without figures
 * (decision 33); the missed criteria and notes are left out (decision 152). */
static void plainPublicReason(sbuf *out, int *k, reasonCode code) {
    sbufPuts(out, (*k)++ ? ",{\"code\":" : "{\"code\":");
    jsonwString(out, explainCode(code));
    jsonwKey(out, "article", 0);
    jsonwString(out, explainArticle(code));
    jsonwKey(out, "sentence", 0);
    sbuf s;
    sbufInit(&s);
    plainPublic(&s, code);
    if (s.failed) out->failed = 1;
    else jsonwStringN(out, s.data, s.len);
    sbufFree(&s);
    sbufPutc(out, '}');
}

/* Public view of a code this build does not know (the city's CITY.RESULT, decision 124):
 * its code and article as before issue 11, never its text. */
static void plainForeignReason(sbuf *out, int *k, const char *code, size_t cn, const char *article, size_t an) {
    sbufPuts(out, (*k)++ ? ",{\"code\":" : "{\"code\":");
    jsonwStringN(out, code, cn);
    jsonwKey(out, "article", 0);
    jsonwStringN(out, article, an);
    sbufPutc(out, '}');
}

/* Full view: the stored object as it is, plus "sentence" (figures, from its text) and
 * "kind". [obj, end) is the object's source ending with its '}'. */
static void plainFullReason(sbuf *out, int *k, const char *obj, const char *end, reasonCode code, bool known,
                            const char *text, size_t tn) {
    if ((*k)++) sbufPutc(out, ',');
    sbufAppend(out, obj, (size_t)(end - obj - 1));
    if (known) {
        sbuf s;
        sbufInit(&s);
        if (text) plainFullText(&s, text, tn);
        else plainPublic(&s, code);
        jsonwKey(out, "sentence", 0);
        if (s.failed) out->failed = 1;
        else jsonwStringN(out, s.data, s.len);
        sbufFree(&s);
        jsonwKey(out, "kind", 0);
        jsonwString(out, plainKindCode(plainKindOf(code)));
    }
    sbufPutc(out, '}');
}

/* Reads the stored reasons and writes the array of view v; the known codes go to c. */
static void plainReasons(sbuf *out, arena *a, const storeResult *r, resultView v, plainCodes *c) {
    jsonReader j;
    arenaReset(a);
    jsonInit(&j, r->reasons, r->reasons_len, a);
    bool first = true;
    int k = 0;
    sbufPutc(out, '[');
    if (jsonArrayBegin(&j)) goto done;
    while (jsonArrayNext(&j, &first) == 1) {
        jsonWs(&j);
        const char *obj = j.p, *key, *v0, *code = NULL, *text = NULL, *article = NULL;
        size_t kn, vn, cn = 0, tn = 0, an = 0;
        bool ofirst = true;
        if (jsonObjectBegin(&j)) goto done;
        while (jsonObjectNext(&j, &ofirst, &key, &kn) == 1) {
            if (jsonPeek(&j) != JSON_T_STRING) {
                if (jsonSkip(&j)) goto done;
                continue;
            }
            if (jsonString(&j, &v0, &vn)) goto done;
            if (jsonKeyIs(key, kn, "code")) code = v0, cn = vn;
            else if (jsonKeyIs(key, kn, "text")) text = v0, tn = vn;
            else if (jsonKeyIs(key, kn, "article")) article = v0, an = vn;
        }
        if (j.error) goto done;
        reasonCode rc = REASON__COUNT;
        const bool known = code && !explainParse(&rc, code, cn);
        if (known) plainRemember(c, rc);
        if (v == RESULT_VIEW_FULL) plainFullReason(out, &k, obj, j.p, rc, known, text, tn);
        else if (known && plainKindOf(rc) == PLAIN_MET) plainPublicReason(out, &k, rc);
        else if (!known && code && article) plainForeignReason(out, &k, code, cn, article, an);
    }
done:
    sbufPutc(out, ']');
}

/* The public view from decoded facts (decision 274: storeEachPublishedOf without
 * sentences): the array plainReasons writes from the rendered reasons, whose objects
 * are the facts' reasons, every code known, in the same order. */
static void plainPublicFacts(sbuf *out, const typingResult *f, plainCodes *c) {
    int k = 0;
    sbufPutc(out, '[');
    for (size_t i = 0; i < f->n; i++) {
        const reasonCode code = f->reasons[i].code;
        plainRemember(c, code);
        if (plainKindOf(code) == PLAIN_MET) plainPublicReason(out, &k, code);
    }
    sbufPutc(out, ']');
}

static void plainMember(sbuf *out, const char *key, const char *text) {
    jsonwKey(out, key, 0);
    if (text) jsonwString(out, text);
    else sbufPuts(out, "null");
}

void resultPlainWrite(sbuf *out, arena *a, const storeResult *r, resultView v) {
    plainCodes c = {.n = 0};
    if (v == RESULT_VIEW_CODES) publicReasonCodes(out, a, r->reasons, r->reasons_len);
    else if (v == RESULT_VIEW_PUBLIC && r->facts) plainPublicFacts(out, r->facts, &c);
    else plainReasons(out, a, r, v, &c);
    if (v == RESULT_VIEW_CODES) { /* the summary needs the codes: read them once more */
        sbuf scratch;
        sbufInit(&scratch);
        plainReasons(&scratch, a, r, RESULT_VIEW_FULL, &c);
        sbufFree(&scratch);
    }
    sbuf s;
    sbufInit(&s);
    plainSummary(&s, r->year, r->type, c.v, c.n);
    jsonwKey(out, "summary", 0);
    if (s.failed) out->failed = 1;
    else jsonwStringN(out, s.data, s.len);
    sbufFree(&s);
    if (v != RESULT_VIEW_FULL) return;
    plainMember(out, "meaning", plainTypeMeaning(r->type));
    const char *head = plainGapHead(r->type);
    jsonwKey(out, "gap", 0);
    if (!head) {
        sbufPuts(out, "null");
        return;
    }
    sbufPuts(out, "{\"head\":");
    jsonwString(out, head);
    plainMember(out, "note", plainGapNote(r->type));
    sbufPutc(out, '}');
}
