#ifndef GETIHU_APP_MEASURES_H
#define GETIHU_APP_MEASURES_H
#include <stdbool.h>
#include <stdint.h>
#include "core/sbuf.h"
#include "rules/measures.h"
#include "store/store.h"

/* The shipped measures catalogue (measures/beijing-daxing.txt, compiled in),
 * parsed once per process and never changed afterwards, or NULL when the shipped
 * file is invalid (a test refuses such a build; err then says why). */
const measureCatalogue *measuresShipped(const char **err);

/* What one business is entitled to on a day (A2 / A4 preamble): from the result
 * of the latest published year (decision 89) and the categories held that day. */
typedef struct appEntitlement {
    bool published;  /* false: no published result, entitled to nothing */
    int year;
    int64_t run_id;
    bizType type;
    unsigned held;   /* 1 << categoryKind */
    uint32_t mask;   /* bit i: catalogue measure i */
} appEntitlement;
int appEntitlementOf(store *s, const char *uscc, civilDate on, appEntitlement *out);

/* Writes "measures":[…] (with its leading comma) for a reader: a department sees
 * the text of its own parts (decision 86), a town the 各镇街 parts, anyone else the
 * full text; each with id, for, title, body (that text), mine, departments and article
 * (附件二（二）1). An
 * owner (owner true) also gets "measures_note", the plain sentence that says the
 * measures need no application. */
void appEntitlementJson(sbuf *out, const appEntitlement *e, measureViewerKind kind, const char *department,
                        bool whole, bool owner);

/* Writes m's text as a JSON string: whole, or only the parts the reader serves
 * (decision 86: a department sees exactly its part). */
void appMeasureTextJson(sbuf *out, const measure *m, measureViewerKind kind, const char *department, bool whole);

/* Records that uscc's entitlements changed (kind, what caused it: ref), from
 * before_type/before_held to after_type/after_held (-1: no result). Inside the
 * caller's write transaction, so the change is kept exactly when the cause is; the
 * caller audits its own action. For the objections' corrections (MCHANGE_CORRECTION,
 * ref the objection) as for categories. */
int appEntitlementNote(store *s, storeMeasureChangeKind kind, const char *ref, const char *uscc, int before_type,
                       unsigned before_held, int after_type, unsigned after_held, int64_t now);
/* A recognition of category for uscc starts (starts true) or ends on day on:
 * records the change with its published type (decision 90). Inside the caller's
 * write transaction. */
int appEntitlementCategory(store *s, const char *uscc, const char *app_id, categoryKind category, bool starts,
                           civilDate on, int64_t now);
/* At a publication of run_id of year (inside appPublish's transaction): the run to
 * compare with is the one published until now for the year (before_run), else the
 * previous year's published run; every business whose type differs is recorded
 * (decision 89). *n receives how many. */
int appEntitlementsAtPublish(store *s, int64_t run_id, int year, int64_t before_run, int64_t now, int64_t *n);
#endif
