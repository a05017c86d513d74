#include "core/date.h"
#include "core/error.h"
#include <assert.h>

bool dateIsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int dateDaysInMonth(int y, int m) {
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    assert(m >= 1 && m <= 12);
    return m == 2 && dateIsLeap(y) ? 29 : len[m - 1];
}

/* Day count by eras of 400 years (146097 days), counting years from March so that
 * the leap day falls at the end of the counted year. */
civilDate dateFromYmd(int y, int m, int d) {
    assert(m >= 1 && m <= 12 && d >= 1 && d <= 31);
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (civilDate)(era * 146097 + doe - 719468);
}

void dateToYmd(civilDate date, int *y, int *m, int *d) {
    assert(date != DATE_NONE);
    const int z = date + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

int dateYear(civilDate date) {
    int y, m, d;
    dateToYmd(date, &y, &m, &d);
    return y;
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int dateParse(civilDate *out, const char *s, size_t n) {
    if (n != 10 || s[4] != '-' || s[7] != '-') return GH_EINVAL;
    const int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1 || m < 1 || m > 12 || d < 1) return GH_EINVAL;
    if (d > dateDaysInMonth(y, m)) return GH_EINVAL;
    *out = dateFromYmd(y, m, d);
    return GH_OK;
}

bool datePlausible(civilDate date) { return date >= DATE_PLAUSIBLE_MIN && date <= DATE_PLAUSIBLE_MAX; }

void dateFormat(char buf[DATE_STRLEN], civilDate date) {
    int y, m, d;
    dateToYmd(date, &y, &m, &d);
    assert(y >= 0 && y <= 9999);
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

civilDate dateAddYears(civilDate date, int n) {
    int y, m, d;
    dateToYmd(date, &y, &m, &d);
    y += n;
    if (m == 2 && d == 29 && !dateIsLeap(y)) d = 28;
    return dateFromYmd(y, m, d);
}

bool dateIntervalActive(civilDate from, civilDate to, civilDate r) {
    assert(from != DATE_NONE && r != DATE_NONE);
    return from <= r && (to == DATE_NONE || to > r);
}
