#ifndef GETIHU_RULES_EXPLAIN_H
#define GETIHU_RULES_EXPLAIN_H
#include "core/sbuf.h"
#include "rules/typing.h"

/* The words of a typing result: each reason's code ("GROWTH.A"), its article id in
 * RULES.md ("A1.3.2(2)A") and a Chinese sentence with the figures and thresholds.
 * Pure: formatting only. */
const char *explainCode(reasonCode c);
const char *explainArticle(reasonCode c);
/* The reasonCode of a code as results store it ("GROWTH.A"); GH_EINVAL when unknown. */
int explainParse(reasonCode *out, const char *code, size_t len);
/* Appends the sentence for r to out, in the current renderer version
 * (rules/render.h: stored results render in their own run's version). */
void explainText(sbuf *out, const typingReason *r);
/* Chinese name of a registration status (登记在册 …). */
const char *explainStatusLabel(bizStatus s);
#endif
