#ifndef GETIHU_STORE_SEARCH_SQL_H
#define GETIHU_STORE_SEARCH_SQL_H
/* The staff search's SQL (issue 11 §3, decision 171), built once for both backends.
 * The builder names parameters @1…@9 and the pieces where the dialects differ; a
 * backend's searchDialect spells them. Every value a user typed is a parameter. */
#include <stdbool.h>
#include <stddef.h>
#include "store/store.h"

typedef struct searchDialect {
    const char *param[10];  /* "@k" as the backend writes parameter k (with its type where it needs one) */
    const char *run_named;  /* a true condition naming parameter 1, for a statement that does not use it */
    const char *no_fact;    /* the false start of the scope's OR list */
    const char *tax_flags;  /* "registered for tax or a general taxpayer" on businesses b */
    const char *order_name; /* the name order, a business without a name first (decision 255) */
    const char *const *list_codes;
    /* the condition matching a name fragment text on b.name (its value is parameter 2) */
    const char *(*name_match)(const char *text);
} searchDialect;

/* The statement of the page (count false) or of the total (count true) into out[n].
 * Parameters: 1 the latest published run, 2 the text, 3 the town, 4/5 the industry
 * range, 6 the type, 7 the status; the page also 8 its limit and 9 its offset. An
 * unused one is still named. Returns 0, or GH_EINVAL when out[n] is too short. */
int searchSqlBuild(char *out, size_t n, const searchDialect *d, const storeSearchQuery *q, bool count);
#endif
