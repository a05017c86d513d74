#ifndef GETIHU_HTTP_SCOPE_H
#define GETIHU_HTTP_SCOPE_H
#include <stdbool.h>
#include "app/accounts.h"
#include "io/kinds.h"
#include "rules/dossier.h"

/* What of the directory an account may read (issue 8, finding 14; decisions.md).
 * Staff other than departments read it all. A department account reads only the
 * businesses its own kinds of data speak of, and of them only those facts: the tax
 * bureau sees the tax facts, never the revenue of the annual reports; a department
 * that supplies nothing sees nothing. */
typedef struct httpScope {
    bool all;                    /* every business and every fact */
    unsigned targets;            /* FACT_* bits of the kinds supplied */
    unsigned lists;              /* 1 << listKind of the interval lists supplied */
    bool kinds[EXTRACT__COUNT];  /* the kinds supplied, for the import history */
} httpScope;

/* The scope of the signed-in account who. */
void scopeOf(httpScope *out, const appSession *who);
/* Whether the scope reads nothing at all (a department that supplies nothing). */
bool scopeEmpty(const httpScope *sc);
/* Whether d holds facts of the scope (always, for sc->all). */
bool scopeCovers(const httpScope *sc, const dossier *d);
/* Whether the scope shows the facts of target (one FACT_* bit). */
bool scopeShows(const httpScope *sc, unsigned target);
/* Whether the scope shows interval list l. */
bool scopeShowsList(const httpScope *sc, listKind l);
/* Whether the scope shows imports of the kind named name. */
bool scopeShowsImport(const httpScope *sc, const char *name);
#endif
