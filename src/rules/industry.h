#ifndef GETIHU_RULES_INDUSTRY_H
#define GETIHU_RULES_INDUSTRY_H
#include <stdbool.h>

/* GB/T 4754-2017 国民经济行业分类, as people read it beside a code (issue 11 §3,
 * decision 172): the twenty sections A–T by name, and the classes common among
 * individual businesses by division and class name ("H6220" -> "餐饮业·快餐服务").
 * One table: the search, its filters and the business page all read it. */

/* The Chinese name of section letter c ('A'..'T'), or NULL for any other character. */
const char *industrySectionName(char c);
/* What code reads as: its class name when the table knows the class, else the name
 * of its section; NULL for a code that does not start with a section letter. */
const char *industryLabel(const char *code);
/* Whether s is a search prefix of a code: a section letter A–T (either case),
 * then up to four digits. */
bool industryPrefixValid(const char *s);
#endif
