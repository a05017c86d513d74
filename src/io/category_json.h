#ifndef GETIHU_IO_CATEGORY_JSON_H
#define GETIHU_IO_CATEGORY_JSON_H
#include <stddef.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "io/dossier_json.h"
#include "rules/category.h"

/* DATA.md §5: one application per JSON Lines record, and one check result per line. */

typedef struct categoryInput {
    const char *id;              /* application.id */
    const char *recommended_by;  /* the recommending department, NULL on self-application */
    categoryApp app;
    dossier d;
    categoryKind claimed_category[CATEGORY_MAX_CRITERIA]; /* as read, checked against app.category */
} categoryInput;

/* Parses one record; strings and arrays go into a (reset it per record). 0, or
 * GH_EINVAL with err naming the field ("application.date", "dossier.penalties[0].kind",
 * "revocations[1].revoked_on"). Checks that need the year (date within YEAR, not
 * before R) are the caller's. */
int categoryParseJson(categoryInput *in, arena *a, const char *text, size_t n, dossierError *err);

/* Appends "reasons":[{code, article, text_key}…],"criteria":[{id, status, text_key}…]
 * of r, the sentences only when with_text (a department's view leaves out sentences
 * that quote penalty and debtor dates). */
void categoryWriteVerdicts(sbuf *b, const categoryResult *r, const char *text_key, bool with_text);
/* Appends the result line of DATA.md §5 (no newline). */
void categoryWriteJson(sbuf *b, const categoryInput *in, int year, const categoryResult *r);
#endif
