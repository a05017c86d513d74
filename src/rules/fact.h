#ifndef GETIHU_RULES_FACT_H
#define GETIHU_RULES_FACT_H
#include <stdbool.h>
#include "rules/dossier.h"

/* One fact about one business as a department states it: one row of a department
 * extract (docs/import-formats.md), in domain values. The import kind's descriptor
 * (io/) says how a file's columns become a fact and which parts of the directory it
 * writes (FACT_* targets); the store stages facts and applies exactly those targets.
 * Neither the store nor the rules know about files, columns or CSV. */

/* The interval lists of a dossier (DATA.md §1), as stored. */
typedef enum { LIST_ABNORMAL, LIST_SERIOUS_ILLEGAL, LIST_TAX_ABNORMAL, LIST_SUSPENSION, LIST_DISHONEST_DEBTOR,
               LIST__COUNT } listKind;

/* What a fact writes in the directory: a bit set. A kind without FACT_REGISTRATION
 * may speak only of businesses the directory already holds. */
enum {
    FACT_REGISTRATION = 1 << 0,   /* the business itself (name, operator, dates, status …); creates it */
    FACT_ANNUAL_REPORT = 1 << 1,  /* one year's annual report */
    FACT_TAX_FLAGS = 1 << 2,      /* 税务登记 / 一般纳税人, each only where the row gives it */
    FACT_TAX_PAID = 1 << 3,       /* one year's tax paid, where given */
    FACT_INSURED = 1 << 4,        /* one year's insured employees */
    FACT_INTERVAL = 1 << 5,       /* one listing on an interval list, where given */
    FACT_TRADEMARK = 1 << 6,
    FACT_PATENT = 1 << 7,
    FACT_PENALTY = 1 << 8,
    FACT_OPERATOR_GROUP = 1 << 9, /* adds one operator group (GROUP_* bit) */
    /* Not a fact of the dossier: the city's typing result for one year (issue 10 §6),
     * kept apart (city_results) and never read by typing. It may name a business the
     * directory lacks (decision 120). */
    FACT_CITY_TYPE = 1 << 10
};

/* has_* says which optional values the row filled. Strings are owned by whoever
 * filled the struct (the import's arena). */
typedef struct bizFact {
    char uscc[USCC_LEN + 1];
    /* registration */
    const char *name, *operator_name, *operator_id, *town, *industry, *address;
    char legacy_reg_no[REGNO_LEN + 1];
    civilDate established;
    bizStatus status;
    bool seasonal;
    /* yearly figures */
    bool has_year;
    int year;
    civilDate filed_on;
    bool has_revenue, has_tax_paid, has_count;
    money revenue, tax_paid;
    int employees, count; /* employees -1 when absent */
    /* tax flags */
    bool has_tax_registered, has_general_taxpayer, tax_registered, general_taxpayer;
    /* intervals: one per row (the tax kind's 非正常户 columns included) */
    bool has_interval;
    listKind list;
    civilDate from, to;
    /* intellectual property, penalties, groups */
    const char *reg_no, *patent_no;
    ipHolder holder;
    bool in_use, publicized;
    civilDate decided_on, repaired_on;
    penaltyKind penalty;
    unsigned group;
    /* the city's type (a bizType value), FACT_CITY_TYPE */
    int city_type;
} bizFact;
#endif
