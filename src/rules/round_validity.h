#ifndef GETIHU_RULES_ROUND_VALIDITY_H
#define GETIHU_RULES_ROUND_VALIDITY_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/category.h"

/* Validity and dynamic management of a recognition (A3.3.5): 3 years from its
 * date, extended by 3 years at a time; the information report each year by the
 * deadline; the re-check after each published typing run. Pure. */

typedef struct roundRecognition {
    categoryKind category;
    categoryRoute route;
    civilDate recognised_on;
    int extensions; /* how many times validity was extended */
    bizType type;   /* the type the recognition was based on */
} roundRecognition;

/* A3.3.5 "有效期为3年，以认定时间为准": the first day no longer valid, recognised_on +
 * category_valid_years × (1 + extensions) (an anniversary of 29 February falls on
 * 28 February). Valid means recognised_on <= t < this day (RULES.md "Time"). */
civilDate roundExpiry(const roundRecognition *r, const yearParams *p);
/* A3.3.5: the first day of the current period of validity. */
civilDate roundPeriodStart(const roundRecognition *r, const yearParams *p);
/* A3.3.5 */
bool roundValidAt(const roundRecognition *r, civilDate t, const yearParams *p);
/* A3.2.1 "次年1月1日起享受": valid at t and t on or after the effective date of
 * rec_p, the parameters of the recognition's year. */
bool roundMeasuresAt(const roundRecognition *r, civilDate t, const yearParams *rec_p);
/* A3.3.5 "有效期的最后一年": expiry minus one year <= t < expiry. */
bool roundInFinalYear(const roundRecognition *r, civilDate t, const yearParams *p);

typedef enum {
    RREPORT_NOT_DUE, /* no report this year (recognised this year, or not valid at the deadline) */
    RREPORT_OPEN,    /* due, not filed, deadline not passed */
    RREPORT_FILED,   /* filed by the deadline */
    RREPORT_LATE,    /* filed after the deadline */
    RREPORT_MISSING  /* not filed, deadline passed */
} roundReportStatus;

/* A3.3.5 信息报告: the report of year p->year for r at today (a date of that year),
 * given the day it was filed (DATE_NONE when not). Due when r was recognised in an
 * earlier year and is valid at category_report_deadline. GH_EINVAL when today is
 * not in p->year. */
int roundReportCheck(roundReportStatus *out, const roundRecognition *r, civilDate filed_on, civilDate today,
                     const yearParams *p);

/* The re-check of a recognition after the published typing run of p->year. */
typedef struct roundRecheck {
    bool flagged;  /* goes on the cancellation worklist */
    bizType type;  /* the new type */
    size_t n_typing;
    typingReason typing[6]; /* failed INELIGIBLE.* conditions of A1.3.1, with their figures (explain.h words them) */
    size_t n_category;
    categoryReason category[CREASON__COUNT]; /* failed A3.3.1 checks (SOURCE, PENALTY, DEBTOR, BANNED) */
} roundRecheck;

/* A3.3.5 "是否继续符合分型和分类基础标准": r against the typing base standard
 * (A1.3.1) and the category base standard (A3.3.1) of d at the run's reference
 * date R. r must be valid at R and d in the run's population: otherwise GH_EINVAL. */
int roundRecheckRun(roundRecheck *out, const roundRecognition *r, const dossier *d, const civilDate *revoked_on,
                    size_t n_revoked, const yearParams *p);
#endif
