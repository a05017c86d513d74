#ifndef GETIHU_RULES_RECONCILE_H
#define GETIHU_RULES_RECONCILE_H
#include <stdbool.h>
#include <stddef.h>
#include "rules/typing.h"

/* Checking the city's typing against getihu's own (issue 10 §6, S2(一)2 数据判定):
 * the kind of a difference and which of getihu's reasons drive it. Pure. A side
 * without a result is RECONCILE_NONE. */
#define RECONCILE_NONE (-1)

/* A difference kind's code: "growth-survival" (city first, then getihu), "none" for
 * a side without a result ("growth-none": only the city types it). Writes at most n
 * bytes; returns out. */
const char *reconcileKindCode(char *out, size_t n, int city, int own);
/* Parses a kind code; GH_EINVAL unless both sides are a type code or "none" and
 * not both none. */
int reconcileKindParse(int *city, int *own, const char *code);
/* Its plain Chinese label: "市级成长型、区级生存型", "市级有、区级无（市级发展型）", "区级有、市级无（区级生存型）". */
const char *reconcileKindLabel(char *out, size_t n, int city, int own);

/* Whether getihu's reason code (as stored: "MISSED.GROWTH.A") is one of the facts
 * that drive getihu's type own away from the city's type city (decision 121). */
bool reconcileDrives(int city, int own, const char *code);
#endif
