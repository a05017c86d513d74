#ifndef GETIHU_RULES_CATEGORY_EXPLAIN_H
#define GETIHU_RULES_CATEGORY_EXPLAIN_H
#include "core/sbuf.h"
#include "rules/category.h"

/* The words of a category check (DATA.md §5): each failing check's code
 * ("CATEGORY.PENALTY"), its article id in RULES.md ("A3.3.1(1)") and a Chinese
 * sentence quoting the dates; a sentence per claimed criterion. Formatting only. */
const char *categoryReasonCodeName(categoryReasonCode c);
const char *categoryReasonArticle(categoryReasonCode c);
void categoryReasonText(sbuf *out, const categoryReason *r);
void categoryCriterionText(sbuf *out, const categoryCriterion *c);
/* "2025年3月2日" */
void categoryDateText(sbuf *out, civilDate d);
#endif
