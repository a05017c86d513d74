#ifndef GETIHU_APP_OBJECTION_H
#define GETIHU_APP_OBJECTION_H
#include <stdbool.h>
#include <stdint.h>
#include "core/arena.h"
#include "core/sbuf.h"
#include "rules/typing.h"
#include "store/store.h"

/* Objections to a typing result (异议申诉: RULES.md A1.2.3, S3(三); issue 10 §4) as use
 * cases shared by the server and the tests. Each step is one write transaction that
 * reads the objection, checks who acts and the state, writes the step and its audit
 * entry together; a refusal changes nothing (GH_EREFUSED or GH_EINVAL with out->message).
 * The date (today) and the clock (now, unix seconds) are passed in.
 *
 *   filed --ask--> verifying --answer (department)--> verifying
 *   filed | verifying --uphold--> upheld     (fact corrected, business re-typed)
 *   filed | verifying --reject--> rejected   (written reply citing the article) */

#define APP_OBJECTION_STATEMENT_MAX 4000  /* bytes of a statement or a reply */
#define APP_OBJECTION_FILES 10            /* evidence files per objection */
#define APP_OBJECTION_FILE_MAX (10 * 1024 * 1024) /* bytes per file: as the round's evidence */
/* The department owning facts no department account supplies (registration, annual
 * reports, the market-regulation lists): the clerks' own bureau (decision 103). */
#define APP_OBJECTION_SELF_DEPARTMENT "区市场监管局"

/* Who acts: account name, role name and bit (app/roles.h), client address, and the
 * account's business (owner) or department. */
typedef struct appObjWho {
    const char *name, *role, *client, *uscc, *department;
    unsigned role_bit;
} appObjWho;

typedef struct appObjOutcome {
    int64_t id;          /* the objection (or file, correction) written */
    char message[1024];  /* why, on any failure */
} appObjOutcome;

/* The owner files an objection against its business's result in year's published
 * run: the condition contested (a reason code of DATA.md §3 / rules/explain.h), a
 * statement. Only for its own business; one open objection per business and year. */
int appObjectionFile(appObjOutcome *out, store *s, const appObjWho *who, const char *uscc, int year,
                     const char *code, const char *statement, civilDate today, int64_t now);
/* Adds an evidence file (PDF, JPEG, PNG by their first bytes) to an open objection:
 * its owner or a clerk. */
int appObjectionAddFile(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const char *name,
                        const char *content_type, const unsigned char *bytes, size_t size, int64_t now);
/* A clerk asks the department owning the contested fact (io/kinds.c owners) to verify. */
int appObjectionAskVerify(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, civilDate today,
                          int64_t now);
/* The department answers: the data is correct, or wrong with the correct value. */
int appObjectionAnswer(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, bool data_correct,
                       const char *value, const char *note, int64_t now);

/* The correction of an upheld objection: field (appObjectionFields), the year for
 * yearly figures, the key of a listing (an interval's start, a trademark's number),
 * the correct value; evidence says what it rests on. */
typedef struct appCorrection {
    const char *field, *key, *value, *evidence;
    int year;
} appCorrection;
/* Upholds: corrects the fact in the directory (decision 100), re-types the business
 * with the objected run's own parameters, records the corrected result beside the
 * run's (decision 101) and the reply. */
int appObjectionUphold(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const appCorrection *c,
                       const char *reply, int64_t now);
/* Rejects with a written reply; the reply cites the articles (A1.2.3 and the
 * contested condition's) ahead of the clerk's words. */
int appObjectionReject(appObjOutcome *out, store *s, const appObjWho *who, int64_t id, const char *reply,
                       int64_t now);

/* Whether who may read o: its owner, the department asked to verify it, staff. */
bool appObjectionMayRead(const appObjWho *who, const storeTypingObjection *o);
/* Days since filing at today, and whether the reply is overdue (open past reply_due). */
int appObjectionAge(const storeTypingObjection *o, civilDate today);
bool appObjectionOverdue(const storeTypingObjection *o, civilDate today);

/* ---- the facts (objection_fact.c) ---- */
/* The import kind ("annual_reports") behind a reason code, or NULL for an unknown code. */
const char *appObjectionKindOf(const char *code);
/* The department to verify facts of kind: its first owner, else APP_OBJECTION_SELF_DEPARTMENT. */
const char *appObjectionDepartmentOf(const char *kind);
/* Applies c to d (arrays copied into ar): *kind the fact's import kind, old_value the
 * value before ("" when absent) written into old (n bytes). GH_EINVAL with msg for
 * an unknown field, a missing year or key, or a value that does not parse. */
int appCorrectionApply(dossier *d, const appCorrection *c, arena *ar, const char **kind, char *old, size_t n,
                       char *msg, size_t msgn);
/* The fields a correction may name, "|"-separated (for messages and the docs). */
const char *appObjectionFields(void);

/* ---- views (objection_json.c) ---- */
/* Appends o as JSON (files and corrections read from s), with age and overdue at today. */
int appObjectionJson(sbuf *b, store *s, const storeTypingObjection *o, civilDate today);
#endif
