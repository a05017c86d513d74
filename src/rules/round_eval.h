#ifndef GETIHU_RULES_ROUND_EVAL_H
#define GETIHU_RULES_ROUND_EVAL_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/round_validity.h"

/* The final-year evaluation of a recognition (A3.3.5 "在分类有效期的最后一年……
 * 符合以下情形之一的，有效期延长3年"): criteria A–D with the figures behind each,
 * and the outcome, extension or expiry. Pure. */

/* One figure of criterion A between the base year and the latest year. */
typedef struct roundGrowth {
    bool has;             /* both years have the figure */
    int base_year, latest_year;
    long long base, latest; /* fen for revenue and tax, people for insured employees */
    bool met;             /* base > 0 and latest >= base × (100 + percent) / 100 */
} roundGrowth;

typedef struct roundEvalInput {
    const roundRecognition *r;
    const dossier *d;              /* the figures by year (annual reports, tax paid, insured) */
    bizType latest_type;           /* the latest published typing of the business */
    const civilDate *commendations; /* district-level or higher government commendations, recorded by staff */
    size_t n_commendations;
    civilDate department_consent_on; /* D: the recommending department agreed to extend, DATE_NONE if not */
} roundEvalInput;

typedef struct roundEvaluation {
    civilDate period_from, expires; /* the current period [from, expires) */
    bool in_final_year;
    int percent;                    /* category_growth_percent */
    roundGrowth revenue, tax, insured;
    bool a, b, c, d;                /* the criteria met */
    int commendations;              /* B: how many fall within the period */
    civilDate commended_on;         /* B: the latest of them */
    bizType type_from, type_to;     /* C */
    bool extend;                    /* in the final year and any of A–D */
    civilDate new_expires;          /* with extend: the new first day no longer valid */
} roundEvaluation;

/* A3.3.5: evaluates in->r at today. The growth of A compares the year before the
 * period began with the latest year before today's year that has the figure; B
 * counts commendations from the period's start to today; C compares the latest type
 * with the type at recognition; D needs the recommendation route and the
 * department's consent within the period. Outside the final year nothing is
 * extended. Returns 0. */
int roundEvaluate(roundEvaluation *out, const roundEvalInput *in, civilDate today, const yearParams *p);
#endif
