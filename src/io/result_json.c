#include "io/result_json.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include <stdbool.h>

/* True when s needs no JSON escaping. */
static bool resultPlain(const char *s) {
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == '"' || *s == '\\') return false;
    return true;
}

/* Writes the sentence as a JSON string straight into b. The rules' own words never
 * need escaping; only a dossier string that a sentence quotes (x->ref, a trademark
 * or patent number) can, and then the sentence goes through the escaping writer. */
static void resultText(sbuf *b, const typingReason *x) {
    if (x->ref && !resultPlain(x->ref)) {
        sbuf tmp;
        sbufInit(&tmp);
        explainText(&tmp, x);
        if (tmp.failed) b->failed = 1;
        else jsonwStringN(b, tmp.data, tmp.len);
        sbufFree(&tmp);
        return;
    }
    sbufPutc(b, '"');
    explainText(b, x);
    sbufPutc(b, '"');
}

/* The part before "reasons": one place for the shape of DATA.md §3. */
static void resultHead(sbuf *b, const char *uscc, int year, bizType type) {
    SBUF_LIT(b, "{\"uscc\":");
    jsonwString(b, uscc);
    SBUF_LIT(b, ",\"year\":");
    sbufPutInt(b, year);
    SBUF_LIT(b, ",\"type\":\"");
    sbufPuts(b, typingTypeCode(type));
    SBUF_LIT(b, "\",\"type_label\":\"");
    sbufPuts(b, typingTypeLabel(type));
    SBUF_LIT(b, "\",\"reasons\":");
}

void resultWriteJson(sbuf *b, const char *uscc, int year, const typingResult *r) {
    resultHead(b, uscc, year, r->type);
    resultWriteReasons(b, r);
    sbufPutc(b, '}');
}

void resultWriteStored(sbuf *b, const char *uscc, int year, bizType type, const char *reasons, size_t n) {
    resultHead(b, uscc, year, type);
    sbufAppend(b, reasons, n);
    sbufPutc(b, '}');
}

void resultWriteReasons(sbuf *b, const typingResult *r) {
    sbufPutc(b, '[');
    for (size_t i = 0; i < r->n; i++) {
        const typingReason *x = &r->reasons[i];
        sbufPuts(b, i ? ",{\"code\":\"" : "{\"code\":\"");
        sbufPuts(b, explainCode(x->code));
        SBUF_LIT(b, "\",\"article\":\"");
        sbufPuts(b, explainArticle(x->code));
        SBUF_LIT(b, "\",\"text\":");
        resultText(b, x);
        sbufPutc(b, '}');
    }
    sbufPutc(b, ']');
}
