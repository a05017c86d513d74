#ifndef GETIHU_RULES_ROUND_COMPARE_H
#define GETIHU_RULES_ROUND_COMPARE_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/category.h"

/* 比选 (A3.3.2 "具体标准为最低准入标准，相同条件下经比选认定"): a pure, total order
 * of the candidates of one category, which the reviewer's list shows and exports
 * so that a leader can choose within the quota. The order (docs/decisions.md 56):
 * criteria the data proves (met) more first; type development, growth, survival;
 * fewer penalties on record; longer in operation; higher revenue, tax, insured
 * employees (absent figures last); more criteria claimed for review; then USCC and
 * id, so that equal candidates keep one order everywhere. */
typedef struct roundCandidate {
    const char *id, *uscc;
    bizType type;
    civilDate established;
    bool has_revenue, has_tax, has_insured;
    money revenue, tax; /* of the typing's data year (Y-1) */
    int insured;
    int criteria_met, criteria_review;
    int penalties;      /* penalties decided on or before the application date, any kind */
} roundCandidate;

/* Fills a candidate from the dossier and its eligibility check of year p->year. */
void roundCandidateFrom(roundCandidate *out, const char *id, const dossier *d, const categoryResult *r,
                        civilDate on, const yearParams *p);
/* Negative when a ranks before b, positive after, 0 only for the same id and USCC. */
int roundCompare(const roundCandidate *a, const roundCandidate *b);
/* Sorts v in the order of roundCompare. */
void roundRank(roundCandidate *v, size_t n);
/* A3.3.4 "同一个体工商户只能认定为一个类型，如满足多个类型条件，以更适宜类型认定":
 * what the data says of the other categories, for the reviewer. out[i] is the check
 * of the i-th other category (in categoryKind order) with every criterion but the
 * recommended one claimed, on app's route and date; *n receives CAT__COUNT - 1.
 * Returns 0, or categoryCheck's GH_EINVAL. */
int roundOtherCategories(categoryResult out[CAT__COUNT - 1], size_t *n, const categoryApp *app, const dossier *d,
                         const yearParams *p);
/* Full years from established to on (RULES.md "Time" anniversaries). */
int roundYearsInOperation(civilDate established, civilDate on);
#endif
