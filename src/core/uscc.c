#include "core/uscc.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char usccCharset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* Value of c in the 31-character set, or -1. The table holds value + 1 so that
 * every other byte reads as 0. */
static int usccValue(char c) {
    static const signed char table[256] = {['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16, ['G'] = 17, ['H'] = 18, ['J'] = 19, ['K'] = 20, ['L'] = 21, ['M'] = 22, ['N'] = 23, ['P'] = 24, ['Q'] = 25, ['R'] = 26, ['T'] = 27, ['U'] = 28, ['W'] = 29, ['X'] = 30, ['Y'] = 31};
    return table[(unsigned char)c] - 1;
}

char usccCheckChar(const char *code17) {
    /* Weights 3^i mod 31, i = 0..16 (GB 32100-2015 §5.3). */
    static const int w[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    int sum = 0;
    for (int i = 0; i < 17; i++) {
        const int v = usccValue(code17[i]);
        if (v < 0) return '\0';
        sum += v * w[i];
    }
    return usccCharset[(31 - sum % 31) % 31];
}

int usccValidate(const char *s, size_t n) {
    if (n != USCC_LEN) return USCC_ELENGTH;
    for (size_t i = 0; i < n; i++) {
        if (usccValue(s[i]) >= 0) continue;
        if (s[i] >= 'a' && s[i] <= 'z') return USCC_ELOWER;
        return USCC_ECHARSET;
    }
    if (usccCheckChar(s) != s[17]) return USCC_ECHECK;
    if (s[0] != '9' || s[1] != '2') return USCC_ENOTINDIV;
    for (int i = 2; i < 8; i++)
        if (s[i] < '0' || s[i] > '9') return USCC_EDIVISION;
    return 0;
}

int regnoValidate(const char *s, size_t n) {
    if (n != REGNO_LEN) return REGNO_ELENGTH;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return REGNO_EDIGIT;
    /* ISO 7064 MOD 11,10: the running product p starts at 10; a valid number leaves
     * (p + last digit) mod 10 == 1. */
    int p = 10;
    for (int i = 0; i < 14; i++) {
        int t = (p + (s[i] - '0')) % 10;
        if (t == 0) t = 10;
        p = (t * 2) % 11;
    }
    return (p + (s[14] - '0')) % 10 == 1 ? 0 : REGNO_ECHECK;
}

const char *usccMessage(int code, const char *s, size_t n, char *buf, size_t bufsize) {
    switch (code) {
    case USCC_ELENGTH: snprintf(buf, bufsize, "统一社会信用代码应为18位，实为%zu字节 (must be 18 characters)", n); break;
    case USCC_ECHARSET: snprintf(buf, bufsize, "统一社会信用代码含有不允许的字符（不用 I O S V Z）(character outside GB 32100 set)"); break;
    case USCC_ELOWER: snprintf(buf, bufsize, "统一社会信用代码字母应大写 (letters must be upper case)"); break;
    case USCC_ECHECK:
        if (s && n == USCC_LEN)
            snprintf(buf, bufsize, "统一社会信用代码校验位错误，应为 %c (check character should be %c)",
                     usccCheckChar(s), usccCheckChar(s));
        else
            snprintf(buf, bufsize, "统一社会信用代码校验位错误 (check character mismatch)");
        break;
    case USCC_ENOTINDIV: snprintf(buf, bufsize, "不是个体工商户代码（应以92开头）(individual businesses start with 92)"); break;
    case USCC_EDIVISION: snprintf(buf, bufsize, "第3-8位应为行政区划码数字 (characters 3-8 must be a division code)"); break;
    case REGNO_ELENGTH: snprintf(buf, bufsize, "注册号应为15位 (registration number must be 15 digits)"); break;
    case REGNO_EDIGIT: snprintf(buf, bufsize, "注册号应全为数字 (registration number must be digits)"); break;
    case REGNO_ECHECK: snprintf(buf, bufsize, "注册号校验位错误 (ISO 7064 MOD 11,10 check fails)"); break;
    default: snprintf(buf, bufsize, "代码无效 (invalid code)"); break;
    }
    return buf;
}

/* Characters 3..17 (15 of base 31) determine a valid 92-code; the check character
 * follows from them. 31^15 < 2^75, split as 5 characters in hi and 10 in lo. */
void usccPack(const char *uscc, uint64_t *hi, uint64_t *lo) {
    uint64_t h = 0, l = 0;
    for (int i = 2; i < 7; i++) h = h * 31 + (uint64_t)usccValue(uscc[i]);
    for (int i = 7; i < 17; i++) l = l * 31 + (uint64_t)usccValue(uscc[i]);
    *hi = h;
    *lo = l;
}
