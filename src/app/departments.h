#ifndef GETIHU_APP_DEPARTMENTS_H
#define GETIHU_APP_DEPARTMENTS_H
#include <stdbool.h>
#include <stddef.h>
#include "io/extract.h"

/* The district departments a department account may belong to, and which
 * extracts each supplies (docs/import-formats.md, "department"). The scheme names
 * the departments that work on it (兴市监发〔2024〕53号, 职责分工); the market
 * regulation bureau itself works through the clerk role, not through this table.
 * Names are the scheme's, with the short forms clerks type accepted as aliases. */

/* The canonical name of a known department (alias or full name), or NULL. */
const char *departmentCanonical(const char *name);

/* Whether department (canonical or alias) supplies extracts of kind: whether the
 * kind's descriptor (io/kinds.h) names it among its owners. An unknown department
 * supplies nothing. */
bool departmentSupplies(const char *name, extractKind kind);

/* Writes the names, "、"-separated with aliases in brackets, for messages.
 * 0, or -1 if out (n bytes) is too small (out then holds a prefix). */
int departmentList(char *out, size_t n);
#endif
