#ifndef GETIHU_CORE_DATE_H
#define GETIHU_CORE_DATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Civil (proleptic Gregorian) dates as a day number: days since 1970-01-01.
 * Comparisons are plain integer comparisons. DATE_NONE marks "no date"
 * (an open interval end, a report not filed). RULES.md "Time" is implemented
 * here and in rules/typing.c. */
typedef int32_t civilDate;
#define DATE_NONE INT32_MIN
#define DATE_STRLEN 11 /* "YYYY-MM-DD" + NUL */

civilDate dateFromYmd(int y, int m, int d);
void dateToYmd(civilDate date, int *y, int *m, int *d);
int dateYear(civilDate date);
bool dateIsLeap(int y);
int dateDaysInMonth(int y, int m);
/* Parses exactly "YYYY-MM-DD" (years 0001-9999, a real day of a real month).
 * Returns 0, or GH_EINVAL with *out untouched. */
int dateParse(civilDate *out, const char *s, size_t n);
/* Writes "YYYY-MM-DD" and a NUL into buf (DATE_STRLEN bytes). */
void dateFormat(char buf[DATE_STRLEN], civilDate date);
/* The n-th anniversary of date: same month and day n years later; 29 February
 * maps to 28 February in a common year (RULES.md "Time"). */
civilDate dateAddYears(civilDate date, int n);
/* RULES.md "Time": an interval {from, to} is active at r when from <= r and
 * (to is none or to > r). */
bool dateIntervalActive(civilDate from, civilDate to, civilDate r);
#endif
