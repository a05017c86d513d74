#ifndef GETIHU_RULES_DOSSIER_H
#define GETIHU_RULES_DOSSIER_H
#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"
#include "core/money.h"
#include "core/uscc.h"

/* The dossier of one business (DATA.md §1) as the rules see it: plain values, no
 * JSON. Strings and arrays point into memory owned by whoever filled the struct
 * (io/dossier_json.c uses a per-record arena). Absent strings are NULL. */

typedef enum { STATUS_REGISTERED, STATUS_REVOKED, STATUS_CANCELLED, STATUS_WITHDRAWN } bizStatus;
typedef enum { HOLDER_BUSINESS, HOLDER_OPERATOR } ipHolder;
/* 《行政处罚法》第九条, in order of severity; everything above PENALTY_WARNING is
 * "罚款及以上" (A3.3.1(1)). */
typedef enum {
    PENALTY_WARNING, PENALTY_FINE, PENALTY_CONFISCATION, PENALTY_LICENCE, PENALTY_RESTRICTION, PENALTY_DETENTION
} penaltyKind;
enum { GROUP_VETERAN = 1, GROUP_GRADUATE = 2, GROUP_DISABLED = 4, GROUP_RETURNING_MIGRANT = 8 };

typedef struct dInterval { civilDate from, to; /* to == DATE_NONE: still active */ } dInterval;
typedef struct dIntervals { const dInterval *v; size_t n; } dIntervals;

typedef struct dAnnualReport {
    int year;
    civilDate filed_on; /* DATE_NONE: not filed */
    bool has_revenue;
    money revenue;
    int employees; /* -1: not given */
} dAnnualReport;

typedef struct dTaxPaid { int year; money amount; } dTaxPaid;
typedef struct dInsured { int year; int count; } dInsured;
typedef struct dTrademark { const char *reg_no; ipHolder holder; bool in_use; } dTrademark;
typedef struct dPatent { const char *number; ipHolder holder; } dPatent;
typedef struct dPenalty {
    civilDate decided_on;
    penaltyKind kind;
    bool publicized;
    civilDate repaired_on; /* DATE_NONE: not credit-repaired */
} dPenalty;

typedef struct dossier {
    char uscc[USCC_LEN + 1];
    char legacy_reg_no[REGNO_LEN + 1]; /* "" when none */
    const char *name, *operator_name, *operator_id, *town, *industry, *address;
    unsigned operator_groups; /* GROUP_* bits */
    civilDate established;
    bizStatus status;
    bool seasonal, tax_registered, general_taxpayer;
    const dAnnualReport *annual_reports; size_t n_annual_reports;
    const dTaxPaid *tax_paid; size_t n_tax_paid;
    const dInsured *insured; size_t n_insured;
    dIntervals abnormal_list, serious_illegal_list, tax_abnormal, suspensions, dishonest_debtor;
    const dTrademark *trademarks; size_t n_trademarks;
    const dPatent *patents; size_t n_patents;
    const dPenalty *penalties; size_t n_penalties;
} dossier;

/* Zeroes d and marks every date and optional value as absent. */
void dossierInit(dossier *d);
#endif
