#ifndef GETIHU_IO_EXTRACT_H
#define GETIHU_IO_EXTRACT_H
#include <stdbool.h>
#include <stddef.h>
#include "core/arena.h"
#include "io/csv.h"
#include "io/kinds.h"
#include "io/rows.h"
#include "rules/dossier.h"
#include "rules/fact.h"

/* Department extracts (docs/import-formats.md): one KIND per department file, CSV
 * with a header row. Headers may be the English field names of DATA.md or the
 * Chinese column names a department exports (统一社会信用代码, 营业收入 …). The
 * kinds and their columns are the descriptors of io/kinds.h. */

/* A row parses into a bizFact (rules/fact.h). */
typedef bizFact extractRow;

#define EXTRACT_MAX_COLUMNS KIND_MAX_COLUMNS

typedef struct extractHeader {
    extractKind kind;
    int column[EXTRACT_MAX_COLUMNS]; /* CSV field index of each column of the kind, -1 absent */
    char label[EXTRACT_MAX_COLUMNS][64]; /* the header text as found in the file */
    int ignored;                     /* header fields that match no column */
} extractHeader;

/* The kind's name: "dossiers", "registration", … */
const char *extractKindName(extractKind k);
/* Finds the kind named name. 0, or GH_EINVAL when unknown. */
int extractKindParse(extractKind *k, const char *name);
/* Writes every kind's name, ", "-separated, for help texts and messages. 0, or
 * GH_EINVAL when out (n bytes) is too small (out then holds a prefix). */
int extractKindList(char *out, size_t n);
/* Maps the header record r onto the kind's columns. 0, or GH_EINVAL with a message
 * (a required column missing, a column given twice). */
int extractHeaderMap(extractHeader *h, extractKind k, const csvReader *r, char *err, size_t errsize);
/* Parses the current record. 0, or GH_EINVAL with the column's label in field and
 * the reason in msg. Strings are copied into a. */
int extractRowParse(extractRow *row, const extractHeader *h, const csvReader *r, arena *a, char *field,
                    size_t fieldsize, char *msg, size_t msgsize);
/* The same for a record of a row source (CSV, XLSX or XLS): spreadsheet cells
 * become text as decision 131 says. */
int extractHeaderMapRows(extractHeader *h, extractKind k, const rowReader *r, char *err, size_t errsize);
int extractRowParseRows(extractRow *row, const extractHeader *h, const rowReader *r, arena *a, char *field,
                        size_t fieldsize, char *msg, size_t msgsize);
#endif
