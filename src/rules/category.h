#ifndef GETIHU_RULES_CATEGORY_H
#define GETIHU_RULES_CATEGORY_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/dossier.h"
#include "rules/params.h"
#include "rules/typing.h"

/* 名特优新 (RULES.md A3): the eligibility check of one application ("A3.3.1 in
 * detail", DATA.md §5). One application, the business's dossier, its earlier
 * revocations and the year's parameters in; the type, every failing CATEGORY.*
 * check with its figures, and a status per claimed criterion out. Pure: no I/O, no
 * clock. The same function decides at submission and again at every decision of
 * the round, so a business that becomes ineligible mid-round is caught. */

typedef enum { CAT_FAMOUS, CAT_CHARACTERISTIC, CAT_QUALITY, CAT_EMERGING, CAT__COUNT } categoryKind;
typedef enum { ROUTE_SELF, ROUTE_RECOMMENDED } categoryRoute;
typedef enum { CRIT_MET, CRIT_NOT_MET, CRIT_REVIEW } criterionStatus;

#define CATEGORY_MAX_CRITERIA 6 /* quality.A–F, the longest list (A3.3.2) */

typedef struct categoryApp {
    categoryKind category;
    categoryRoute route;
    civilDate date;            /* D: the application or recommendation date */
    int claimed[CATEGORY_MAX_CRITERIA]; /* criterion letters as 0 = A, 1 = B … in the order claimed */
    size_t n_claimed;
    civilDate consent_on;      /* the operator's consent, DATE_NONE when not recorded */
    const civilDate *revoked_on; /* earlier recognitions revoked for fraud */
    size_t n_revoked;
} categoryApp;

typedef enum {
    CREASON_SOURCE, CREASON_PENALTY, CREASON_DISHONEST_DEBTOR, CREASON_BANNED, CREASON_NO_CONSENT,
    CREASON_NO_CRITERION, CREASON__COUNT
} categoryReasonCode;

/* The figures behind one failing check. */
typedef struct categoryReason {
    categoryReasonCode code;
    bizType type;             /* SOURCE */
    int year;                 /* SOURCE: the typing year */
    civilDate date, date2;    /* PENALTY decided_on / its end; DEBTOR from; BANNED revoked_on / ban end; CONSENT consent_on */
    civilDate on;             /* D */
    penaltyKind penalty;      /* PENALTY */
    int years;                /* PENALTY, BANNED: the window of the parameters (2, 5) */
} categoryReason;

/* The status of one claimed criterion, with what the data showed. */
typedef struct categoryCriterion {
    categoryKind category;
    int letter;               /* 0 = A */
    criterionStatus status;
    categoryRoute route;      /* the "recommended" criteria */
    civilDate established, on; /* quality.A */
    int years;                /* quality.A: the parameter (20) */
    int trademarks, patents;  /* famous.C, emerging.B: held by the business or its operator */
} categoryCriterion;

typedef struct categoryResult {
    bizType type;
    bool eligible;
    size_t n_reasons;
    categoryReason reasons[CREASON__COUNT];
    size_t n_criteria;
    categoryCriterion criteria[CATEGORY_MAX_CRITERIA];
} categoryResult;

/* A3.3.1 / A3.3.2: checks app for the business of d with year parameters p
 * (p->year is the year of app->date). d must be in that year's population
 * (established on or before R) and app->date on or after R: otherwise GH_EINVAL.
 * Every failing check is listed, in the order of the table of RULES.md. */
int categoryCheck(categoryResult *out, const categoryApp *app, const dossier *d, const yearParams *p);

/* "famous" … and 知名 …; GH_EINVAL when unknown. */
const char *categoryCode(categoryKind k);
const char *categoryLabel(categoryKind k);
int categoryParse(categoryKind *out, const char *s, size_t n);
/* How many criteria category k has (A3.3.2: 5, 5, 6, 4). */
int categoryCriteriaCount(categoryKind k);
/* Parses "quality.C" into its category and letter; GH_EINVAL when not a criterion id. */
int categoryCriterionParse(categoryKind *k, int *letter, const char *s, size_t n);
/* Writes "quality.C" into buf ("characteristic.E" is the longest). */
#define CATEGORY_ID_SIZE 24
void categoryCriterionId(char buf[CATEGORY_ID_SIZE], categoryKind k, int letter);
const char *categoryStatusCode(criterionStatus s);
#endif
