#ifndef GETIHU_IO_DOSSIER_JSON_H
#define GETIHU_IO_DOSSIER_JSON_H
#include <stddef.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "rules/dossier.h"

/* DATA.md §1: one dossier per JSON Lines record. */

typedef struct dossierError {
    char field[128];   /* e.g. "annual_reports[0].filed_on", "(json)" for the record itself */
    char message[320]; /* one line, Chinese with the English in brackets */
} dossierError;

/* Parses one record into d; strings and arrays are allocated in a (reset it per
 * record). Returns 0, or GH_EINVAL with err naming the field at fault. Unknown
 * fields are skipped; a field given twice is an error. The reference-date check
 * is not made here: it belongs to the year being typed. */
int dossierParseJson(dossier *d, arena *a, const char *text, size_t n, dossierError *err);

/* Appends d as one JSON object (no newline), in DATA.md §1 field order. */
void dossierWriteJson(sbuf *b, const dossier *d);

const char *dossierStatusCode(bizStatus s);
#endif
