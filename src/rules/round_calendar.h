#ifndef GETIHU_RULES_ROUND_CALENDAR_H
#define GETIHU_RULES_ROUND_CALENDAR_H
#include <stdbool.h>
#include "rules/params.h"

/* The round's calendar (A3.2.1 "8月中旬起……11月底前完成", publicity), read from
 * the year parameters; every bound is inclusive. */

/* A3.2.1: today lies within [category_apply_from, category_recognition_deadline]. */
bool roundInWindow(civilDate today, const yearParams *p);
/* A3.2 公示: the last day of a publicity that begins on from (category_publicity_days
 * calendar days, the first included). */
civilDate roundPublicityUntil(civilDate from, const yearParams *p);
/* A3.2 公示: anyone may object to a listed business on today (from <= today <= last day). */
bool roundObjectionWindow(civilDate from, civilDate today, const yearParams *p);
#endif
