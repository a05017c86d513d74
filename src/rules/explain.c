#include "rules/explain.h"
#include "rules/render.h"
#include "core/error.h"
#include <assert.h>
#include <string.h>

typedef struct explainEntry {
    const char *code;
    const char *article;
} explainEntry;

/* Indexed by reasonCode; article ids from RULES.md. Every renderer version writes
 * these codes and ids into published results: an entry is never edited, and a
 * changed article id is a new renderer version (decision 222). */
static const explainEntry explainTable[REASON__COUNT] = {
    [REASON_INELIGIBLE_STATUS] = {"INELIGIBLE.STATUS", "A1.3.1-status"},
    [REASON_INELIGIBLE_NO_ANNUAL_REPORT] = {"INELIGIBLE.NO_ANNUAL_REPORT", "A1.3.1-report"},
    [REASON_INELIGIBLE_ABNORMAL_LIST] = {"INELIGIBLE.ABNORMAL_LIST", "A1.3.1(1)"},
    [REASON_INELIGIBLE_SERIOUS_ILLEGAL] = {"INELIGIBLE.SERIOUS_ILLEGAL", "A1.3.1(2)"},
    [REASON_INELIGIBLE_TAX_ABNORMAL] = {"INELIGIBLE.TAX_ABNORMAL", "A1.3.1(3)"},
    [REASON_INELIGIBLE_SUSPENDED] = {"INELIGIBLE.SUSPENDED", "A1.3.1(4)"},
    [REASON_DEVELOPMENT_A] = {"DEVELOPMENT.A", "A1.3.2(3)A"},
    [REASON_DEVELOPMENT_B] = {"DEVELOPMENT.B", "A1.3.2(3)B"},
    [REASON_DEVELOPMENT_C] = {"DEVELOPMENT.C", "A1.3.2(3)C"},
    [REASON_DEVELOPMENT_D] = {"DEVELOPMENT.D", "A1.3.2(3)D"},
    [REASON_DEVELOPMENT_E] = {"DEVELOPMENT.E", "A1.3.2(3)E"},
    [REASON_GROWTH_A] = {"GROWTH.A", "A1.3.2(2)A"},
    [REASON_GROWTH_B] = {"GROWTH.B", "A1.3.2(2)B"},
    [REASON_GROWTH_C] = {"GROWTH.C", "A1.3.2(2)C"},
    [REASON_SURVIVAL_NEW] = {"SURVIVAL.NEW", "A1.3.2(1)"},
    [REASON_SURVIVAL_DEFAULT] = {"SURVIVAL.DEFAULT", "A1.3.2(1)"},
    [REASON_MISSED_AGE] = {"MISSED.AGE", "A1.3.2(2)"},
    [REASON_MISSED_TAX_REGISTRATION] = {"MISSED.TAX_REGISTRATION", "A1.3.2(2)"},
    [REASON_MISSED_GROWTH_A] = {"MISSED.GROWTH.A", "A1.3.2(2)A"},
    [REASON_MISSED_GROWTH_B] = {"MISSED.GROWTH.B", "A1.3.2(2)B"},
    [REASON_MISSED_GROWTH_C] = {"MISSED.GROWTH.C", "A1.3.2(2)C"},
    [REASON_MISSED_DEVELOPMENT_A] = {"MISSED.DEVELOPMENT.A", "A1.3.2(3)A"},
    [REASON_MISSED_DEVELOPMENT_B] = {"MISSED.DEVELOPMENT.B", "A1.3.2(3)B"},
    [REASON_MISSED_DEVELOPMENT_C] = {"MISSED.DEVELOPMENT.C", "A1.3.2(3)C"},
    [REASON_MISSED_DEVELOPMENT_D] = {"MISSED.DEVELOPMENT.D", "A1.3.2(3)D"},
    [REASON_MISSED_DEVELOPMENT_E] = {"MISSED.DEVELOPMENT.E", "A1.3.2(3)E"},
    [REASON_NOTE_SEASONAL_SUSPENSION] = {"NOTE.SEASONAL_SUSPENSION", "A1.3.1(4)"},
    [REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM] = {"NOTE.SUSPENSION_BEYOND_MAXIMUM", "A1.3.1(4)"},
};

const char *explainCode(reasonCode c) {
    assert((unsigned)c < REASON__COUNT && explainTable[c].code);
    return explainTable[c].code;
}

const char *explainArticle(reasonCode c) {
    assert((unsigned)c < REASON__COUNT && explainTable[c].article);
    return explainTable[c].article;
}

/* DATA.md §3: the stored code back to its reason (A1.3). */
int explainParse(reasonCode *out, const char *code, size_t len) {
    for (int i = 0; i < REASON__COUNT; i++)
        if (strlen(explainTable[i].code) == len && !memcmp(explainTable[i].code, code, len)) {
            *out = (reasonCode)i;
            return 0;
        }
    return GH_EINVAL;
}

const char *explainStatusLabel(bizStatus s) {
    static const char *const labels[] = {"登记在册", "吊销", "注销", "撤销"};
    assert((unsigned)s < 4);
    return labels[s];
}

/* The sentence of r in the current renderer version (rules/render.c). */
void explainText(sbuf *o, const typingReason *r) { renderText(o, RENDER_CURRENT, r); }
