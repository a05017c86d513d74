#ifndef GETIHU_RULES_TYPING_H
#define GETIHU_RULES_TYPING_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/dossier.h"
#include "rules/params.h"

/* 分型 (RULES.md A1.3): one dossier and one year's parameters in, a type and every
 * reason out. Pure: no I/O, no clock, no globals. */

typedef enum { TYPE_SURVIVAL, TYPE_GROWTH, TYPE_DEVELOPMENT, TYPE_INELIGIBLE } bizType;

/* Reason codes. The first block is RULES.md's; MISSED.* and NOTE.* are explanatory
 * entries (DATA.md §3 allows them; their codes do not collide with RULES.md's). */
typedef enum {
    REASON_INELIGIBLE_STATUS,
    REASON_INELIGIBLE_NO_ANNUAL_REPORT,
    REASON_INELIGIBLE_ABNORMAL_LIST,
    REASON_INELIGIBLE_SERIOUS_ILLEGAL,
    REASON_INELIGIBLE_TAX_ABNORMAL,
    REASON_INELIGIBLE_SUSPENDED,
    REASON_DEVELOPMENT_A, REASON_DEVELOPMENT_B, REASON_DEVELOPMENT_C, REASON_DEVELOPMENT_D, REASON_DEVELOPMENT_E,
    REASON_GROWTH_A, REASON_GROWTH_B, REASON_GROWTH_C,
    REASON_SURVIVAL_NEW, REASON_SURVIVAL_DEFAULT,
    /* explanatory */
    REASON_MISSED_AGE,
    REASON_MISSED_TAX_REGISTRATION,
    REASON_MISSED_GROWTH_A, REASON_MISSED_GROWTH_B, REASON_MISSED_GROWTH_C,
    REASON_MISSED_DEVELOPMENT_A, REASON_MISSED_DEVELOPMENT_B, REASON_MISSED_DEVELOPMENT_C,
    REASON_MISSED_DEVELOPMENT_D, REASON_MISSED_DEVELOPMENT_E,
    REASON_NOTE_SEASONAL_SUSPENSION,
    REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM,
    REASON__COUNT
} reasonCode;

/* The figures behind one reason, enough to write its sentence. Unused fields stay
 * at their "absent" values (DATE_NONE, has_value false, ref NULL). */
typedef struct typingReason {
    reasonCode code;
    int year;                /* the data year (Y-1) or the assessment year */
    bool has_value;          /* value holds a figure from the dossier */
    money value;             /* revenue / tax in fen */
    money threshold;         /* threshold in fen */
    int count;               /* insured people, trademarks, patents, status, years */
    int count_min, count_max;
    civilDate date, date2;   /* e.g. interval start and its legal end */
    const char *ref;         /* a trademark or patent number (points into the dossier) */
} typingReason;

#define TYPING_MAX_REASONS 24

typedef struct typingResult {
    bizType type;
    size_t n;
    typingReason reasons[TYPING_MAX_REASONS];
} typingResult;

/* Types d for p->year at p->reference_date. d must be in that year's population
 * (established on or before R): otherwise GH_EINVAL and out is unspecified.
 * p must have passed paramsCheck. Returns 0. */
int typingClassify(typingResult *out, const dossier *d, const yearParams *p);

/* "survival" / "growth" / "development" / "ineligible". */
const char *typingTypeCode(bizType t);
/* 生存型 / 成长型 / 发展型 / 不符合分型条件. */
const char *typingTypeLabel(bizType t);
/* Parses a type code; GH_EINVAL when unknown. */
int typingTypeParse(bizType *out, const char *s);
#endif
