#include "io/result_json.h"
#include "io/jsonw.h"
#include "rules/render.h"

/* The part before "reasons": one place for the shape of DATA.md §3. */
void resultWriteHead(sbuf *b, const char *uscc, int year, bizType type) {
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
    resultWriteHead(b, uscc, year, r->type);
    resultWriteReasons(b, r);
    sbufPutc(b, '}');
}

void resultWriteStored(sbuf *b, const char *uscc, int year, bizType type, const char *reasons, size_t n) {
    resultWriteHead(b, uscc, year, type);
    sbufAppend(b, reasons, n);
    sbufPutc(b, '}');
}

/* The current renderer's words (rules/render.c): `getihu classify` and every
 * reader of a new run give the same bytes (issue 12 §1). */
void resultWriteReasons(sbuf *b, const typingResult *r) { renderReasonsJson(b, RENDER_CURRENT, r); }
