#include "io/result_json.h"
#include "io/jsonw.h"
#include "rules/explain.h"
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Writes the sentence as a JSON string straight into b. A sentence can only need
 * escaping through a dossier string it quotes (a trademark number), so the rare
 * case is redone through the escaping writer. */
static void resultText(sbuf *b, const typingReason *x) {
    sbufPutc(b, '"');
    const size_t start = b->len;
    explainText(b, x);
    if (b->failed) return;
    bool plain = true;
    for (size_t i = start; i < b->len && plain; i++)
        plain = (unsigned char)b->data[i] >= 0x20 && b->data[i] != '"' && b->data[i] != '\\';
    if (!plain) {
        const size_t n = b->len - start;
        char *copy = malloc(n);
        if (!copy) {
            b->failed = 1;
            return;
        }
        memcpy(copy, b->data + start, n);
        b->len = start - 1;
        jsonwStringN(b, copy, n);
        free(copy);
        return;
    }
    sbufPutc(b, '"');
}

void resultWriteJson(sbuf *b, const char *uscc, int year, const typingResult *r) {
    SBUF_LIT(b, "{\"uscc\":");
    jsonwString(b, uscc);
    SBUF_LIT(b, ",\"year\":");
    sbufPutInt(b, year);
    SBUF_LIT(b, ",\"type\":\"");
    sbufPuts(b, typingTypeCode(r->type));
    SBUF_LIT(b, "\",\"type_label\":\"");
    sbufPuts(b, typingTypeLabel(r->type));
    SBUF_LIT(b, "\",\"reasons\":[");
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
    SBUF_LIT(b, "]}");
}
