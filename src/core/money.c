#include "core/money.h"
#include <assert.h>
#include <stdbool.h>
#include <string.h>

int moneyParse(money *out, const char *s, size_t n) {
    if (n == 0) return MONEY_EEMPTY;
    if (s[0] == '-' || s[0] == '+') return MONEY_ENEGATIVE;
    size_t i = 0;
    int64_t yuan = 0;
    size_t int_digits = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, int_digits++) {
        const int dgt = s[i] - '0';
        if (yuan > (INT64_MAX / 100 - dgt) / 10) return MONEY_EOVERFLOW;
        yuan = yuan * 10 + dgt;
    }
    if (int_digits == 0) return memchr(s, 'e', n) || memchr(s, 'E', n) ? MONEY_EEXPONENT : MONEY_ESYNTAX;
    int64_t frac = 0;
    if (i < n && s[i] == '.') {
        size_t frac_digits = 0;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++, frac_digits++)
            if (frac_digits < 2) frac = frac * 10 + (s[i] - '0');
        if (frac_digits == 0) return MONEY_ESYNTAX;
        if (frac_digits > 2) return i == n ? MONEY_EDECIMALS : MONEY_ESYNTAX;
        if (frac_digits == 1) frac *= 10;
    }
    if (i != n) return (s[i] == 'e' || s[i] == 'E') ? MONEY_EEXPONENT : MONEY_ESYNTAX;
    assert(frac >= 0 && frac < 100);
    if (yuan > (INT64_MAX - frac) / 100) return MONEY_EOVERFLOW;
    *out = yuan * 100 + frac;
    return 0;
}

const char *moneyMessage(int code) {
    switch (code) {
    case MONEY_EEMPTY: return "金额为空 (empty amount)";
    case MONEY_ESYNTAX: return "金额格式错误，应为十进制数字，如 350000 或 12.50 (not a plain decimal amount)";
    case MONEY_EDECIMALS: return "金额最多两位小数 (more than two decimals)";
    case MONEY_ENEGATIVE: return "金额不能带正负号 (sign not allowed)";
    case MONEY_EOVERFLOW: return "金额超出可表示范围 (amount too large)";
    case MONEY_EEXPONENT: return "金额不能用科学计数法 (exponent notation not allowed)";
    default: return "金额错误 (invalid amount)";
    }
}

size_t moneyFormat(char buf[MONEY_STRLEN], money fen) {
    char tmp[MONEY_STRLEN];
    size_t k = 0;
    const bool neg = fen < 0;
    /* Work on the negative side so INT64_MIN is formatted without overflow. */
    int64_t v = neg ? fen : -fen;
    const int cents = (int)-(v % 100);
    v /= 100;
    tmp[k++] = (char)('0' + cents % 10);
    tmp[k++] = (char)('0' + cents / 10);
    tmp[k++] = '.';
    do {
        tmp[k++] = (char)('0' - v % 10);
        v /= 10;
    } while (v != 0);
    if (neg) tmp[k++] = '-';
    for (size_t j = 0; j < k; j++) buf[j] = tmp[k - 1 - j];
    buf[k] = '\0';
    return k;
}
