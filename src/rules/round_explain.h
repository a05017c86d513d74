#ifndef GETIHU_RULES_ROUND_EXPLAIN_H
#define GETIHU_RULES_ROUND_EXPLAIN_H
#include "core/sbuf.h"
#include "rules/round.h"
#include "rules/round_validity.h"

/* The words of the round: codes and Chinese labels of states, actions and roles,
 * and each refusal's code ("ROUND.QUOTA", or the CATEGORY.* code of a failed
 * eligibility check), its article id in RULES.md and a Chinese sentence with its
 * figures. Formatting only. */
const char *roundStateCode(roundState s);   /* "publicity" */
const char *roundStateLabel(roundState s);  /* 公示 */
int roundStateParse(roundState *out, const char *s, size_t n);
const char *roundActionCode(roundAction a); /* "recognise" */
const char *roundActionLabel(roundAction a); /* 认定 */
int roundActionParse(roundAction *out, const char *s, size_t n);
const char *roundRoleCode(roundRole r);     /* app/roles.c's names: "business", "clerk" … */
const char *roundRoleLabel(roundRole r);
const char *roundReasonCodeName(const roundReason *r);
const char *roundReasonArticle(const roundReason *r);
void roundReasonText(sbuf *out, const roundReason *r);
/* All reasons of a refusal as one line, sentences separated by "；". */
void roundDecisionText(sbuf *out, const roundDecision *d);
/* "not_due", "open", "filed", "late", "missing". */
const char *roundReportStatusCode(roundReportStatus s);
#endif
