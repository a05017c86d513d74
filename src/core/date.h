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
/* The dates getihu accepts from any input (dossiers, extracts, uploads): from the
 * founding of the People's Republic, before which no 个体工商户 was registered, to
 * the end of this century. A date outside is a typing error (a flipped year such as
 * 6025, a placeholder such as 0001-01-01 or 9999-12-31) and is refused, never
 * stored (docs/decisions.md, "Plausible dates"; issue 8 finding 20). */
#define DATE_PLAUSIBLE_MIN_TEXT "1949-10-01"
#define DATE_PLAUSIBLE_MAX_TEXT "2099-12-31"
/* The same bounds as day numbers (checked against dateFromYmd in tests/unit/test_core.c):
 * constants, because every date of every record is checked. DATE_NONE is below both. */
#define DATE_PLAUSIBLE_MIN (-7397)
#define DATE_PLAUSIBLE_MAX 47481
bool datePlausible(civilDate date);
/* Writes "YYYY-MM-DD" and a NUL into buf (DATE_STRLEN bytes). */
void dateFormat(char buf[DATE_STRLEN], civilDate date);
/* The n-th anniversary of date: same month and day n years later; 29 February
 * maps to 28 February in a common year (RULES.md "Time"). */
civilDate dateAddYears(civilDate date, int n);
/* RULES.md "Time": an interval {from, to} is active at r when from <= r and
 * (to is none or to > r). */
bool dateIntervalActive(civilDate from, civilDate to, civilDate r);
#endif
