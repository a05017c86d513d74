#ifndef GETIHU_IO_EXTRACT_H
#define GETIHU_IO_EXTRACT_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "io/csv.h"
#include "rules/dossier.h"

/* Department extracts (docs/import-formats.md): one KIND per department file, CSV
 * with a header row. Headers may be the English field names of DATA.md or the
 * Chinese column names a department exports (统一社会信用代码, 营业收入 …). */

typedef enum {
    EXTRACT_DOSSIERS, /* DATA.md §1 JSON Lines, not CSV */
    EXTRACT_REGISTRATION, EXTRACT_ANNUAL_REPORTS, EXTRACT_TAX, EXTRACT_INSURANCE, EXTRACT_TRADEMARKS,
    EXTRACT_PATENTS, EXTRACT_ABNORMAL_LIST, EXTRACT_SERIOUS_ILLEGAL, EXTRACT_SUSPENSIONS, EXTRACT_PENALTIES,
    EXTRACT_DISHONEST_DEBTORS, EXTRACT_OPERATOR_GROUPS,
    EXTRACT__COUNT
} extractKind;

/* Interval lists, as stored. */
typedef enum { LIST_ABNORMAL, LIST_SERIOUS_ILLEGAL, LIST_TAX_ABNORMAL, LIST_SUSPENSION, LIST_DISHONEST_DEBTOR,
               LIST__COUNT } listKind;

/* One row of any CSV kind; has_* says which optional columns the row filled. */
typedef struct extractRow {
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
} extractRow;

#define EXTRACT_MAX_COLUMNS 16

typedef struct extractHeader {
    extractKind kind;
    int column[EXTRACT_MAX_COLUMNS]; /* CSV field index of each column of the kind, -1 absent */
    char label[EXTRACT_MAX_COLUMNS][64]; /* the header text as found in the file */
    int ignored;                     /* header fields that match no column */
} extractHeader;

const char *extractKindName(extractKind k);
/* "dossiers", "registration", …; GH_EINVAL when unknown. */
int extractKindParse(extractKind *k, const char *name);
/* One line listing every kind, for help texts. */
const char *extractKindList(void);
/* Maps the header record r onto the kind's columns. 0, or GH_EINVAL with a message
 * (a required column missing, a column given twice). */
int extractHeaderMap(extractHeader *h, extractKind k, const csvReader *r, char *err, size_t errsize);
/* Parses the current record. 0, or GH_EINVAL with the column's label in field and
 * the reason in msg. Strings are copied into a. */
int extractRowParse(extractRow *row, const extractHeader *h, const csvReader *r, arena *a, char *field,
                    size_t fieldsize, char *msg, size_t msgsize);
/* Writes the header line of kind k with Chinese column names (for generated extracts). */
const char *extractChineseHeader(extractKind k);
#endif
