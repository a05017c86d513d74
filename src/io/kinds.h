#ifndef GETIHU_IO_KINDS_H
#define GETIHU_IO_KINDS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/sbuf.h"
#include "rules/fact.h"

/* One descriptor per import kind (docs/import-formats.md): its columns with their
 * English and Chinese names, the key that may not repeat within one file, the checks
 * across columns, what it writes (FACT_* targets), the interval list it feeds and
 * the departments that supply it. The CSV reader (io/extract.c), the key of the
 * import, the department permissions, the generator, the console and the docs all
 * read this one table: adding a kind is one entry here plus its storage. */

/* Kinds are numbered; the number indexes the table (kindGet). */
typedef enum {
    EXTRACT_DOSSIERS, /* DATA.md §1 JSON Lines, not CSV */
    EXTRACT_REGISTRATION, EXTRACT_ANNUAL_REPORTS, EXTRACT_TAX, EXTRACT_INSURANCE, EXTRACT_TRADEMARKS,
    EXTRACT_PATENTS, EXTRACT_ABNORMAL_LIST, EXTRACT_SERIOUS_ILLEGAL, EXTRACT_SUSPENSIONS, EXTRACT_PENALTIES,
    EXTRACT_DISHONEST_DEBTORS, EXTRACT_OPERATOR_GROUPS, EXTRACT_CITY_TYPES,
    EXTRACT__COUNT
} extractKind;

/* Which value of a bizFact a column fills (io/extract.c parses each). */
typedef enum {
    KC_USCC, KC_NAME, KC_OPNAME, KC_OPID, KC_ESTABLISHED, KC_STATUS, KC_TOWN, KC_INDUSTRY, KC_ADDRESS, KC_SEASONAL,
    KC_LEGACY, KC_YEAR, KC_FILED_ON, KC_REVENUE, KC_EMPLOYEES, KC_TAXREG, KC_GENTAX, KC_TAXPAID, KC_ABN_FROM,
    KC_ABN_TO, KC_COUNT, KC_TM_REGNO, KC_HOLDER, KC_IN_USE, KC_PATENT_NO, KC_FROM, KC_TO, KC_DECIDED_ON, KC_PKIND,
    KC_PUBLICIZED, KC_REPAIRED_ON, KC_GROUP, KC_CITY_TYPE,
    KC__COUNT
} kindCol;

#define KIND_MAX_COLUMNS 16
#define KIND_MAX_KEY 4
#define KIND_MAX_CHECKS 4
#define KIND_MAX_OWNERS 5 /* NULL-terminated */

typedef struct kindColumn {
    kindCol id;
    const char *name;        /* the English (DATA.md) field name */
    const char *aliases;     /* the other accepted names, "|"-separated, in the order messages list them */
    const char *title;       /* the Chinese name generated files, the console and the docs show (an alias) */
    bool required;
    const char *description; /* short, Chinese: what the column holds */
} kindColumn;

/* A check across columns of one row, in the order the reader applies them. */
typedef enum {
    KCHECK_NONE,
    KCHECK_NEEDS,     /* column a filled requires column b filled */
    KCHECK_NOT_BEFORE /* when both dates are filled, a is not before b */
} kindCheckType;

typedef struct kindCheck {
    kindCheckType type;
    kindCol a, b;
    const char *field;   /* the field a bad row names; NULL: the kind's name */
    const char *message; /* Chinese (English) */
} kindCheck;

typedef struct importKind {
    extractKind id;
    const char *name;  /* "registration" */
    const char *label; /* "登记信息" */
    kindColumn cols[KIND_MAX_COLUMNS];
    int ncols;         /* 0: not CSV (dossiers) */
    /* The key that may appear once per file: these columns' values joined by "/";
     * an empty column reads "-" (the tax kind: rows without a year carry the flags). */
    kindCol key[KIND_MAX_KEY];
    int nkey;
    kindCheck checks[KIND_MAX_CHECKS]; /* up to the first KCHECK_NONE */
    unsigned targets;  /* FACT_* bits: what a row writes */
    listKind list;     /* the interval list it feeds, when targets has FACT_INTERVAL */
    /* Canonical names of the departments (app/departments.c) whose accounts supply
     * it; none: the market regulation bureau's clerks upload it. */
    const char *owners[KIND_MAX_OWNERS];
    const char *note;  /* docs prose (English), or NULL */
    /* A list whose file may be declared whole (`--snapshot`): entries it no longer
     * gives are removed. Only for a kind that writes one list (FACT_INTERVAL or
     * FACT_PENALTY alone), keyed by its file key. */
    bool snapshot;
} importKind;

/* The descriptor of kind k (0 <= k < EXTRACT__COUNT). */
const importKind *kindGet(extractKind k);

/* The column of k with id c, or NULL. */
const kindColumn *kindColumnOf(const importKind *k, kindCol c);

/* Writes the key of fact f under kind k into out (n bytes). 0; GH_EINVAL when out is
 * too small (out then holds a prefix) or a key column has no key form. */
int kindKey(char *out, size_t n, const importKind *k, const bizFact *f);

/* Whether department (a canonical name) supplies kind k. */
bool kindOwnedBy(const importKind *k, const char *department);

/* Appends the Chinese header line of k (titles, comma-separated, no line end), as
 * the generator writes it. */
void kindWriteHeader(sbuf *out, const importKind *k);

/* Appends k as a JSON object: kind, label, departments, key, snapshot (bool), note, columns [{name,
 * title, aliases[], required, description, example}]. */
void kindWriteJson(sbuf *out, const importKind *k);

/* An example value of column c as a clerk would type it ("" for the personal columns
 * and the open ends of intervals): the templates and the console show it (kinds_example.c). */
const char *kindColumnExample(kindCol c);

/* The column of k whose English name, alias or title is label (as a file's header
 * gives it, case-blind for ASCII), or NULL: messages name the column by its title. */
const kindColumn *kindColumnByLabel(const importKind *k, const char *label);

/* Appends the Markdown table of every kind (docs/import-formats.md pastes it). */
void kindWriteMarkdown(sbuf *out);
#endif
