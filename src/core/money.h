#ifndef GETIHU_CORE_MONEY_H
#define GETIHU_CORE_MONEY_H
#include <stddef.h>
#include <stdint.h>

/* Money is an exact count of fen (0.01 yuan) in an int64. It is parsed from
 * decimal text and never passes through binary floating point. */
typedef int64_t money;
#define MONEY_STRLEN 32

enum {
    MONEY_EEMPTY = -20,     /* no digits */
    MONEY_ESYNTAX = -21,    /* not plain decimal digits with an optional '.' */
    MONEY_EDECIMALS = -22,  /* more than two decimals */
    MONEY_ENEGATIVE = -23,  /* a sign where none belongs */
    MONEY_EOVERFLOW = -24,  /* does not fit in int64 fen */
    MONEY_EEXPONENT = -25   /* 1e5 style */
};

/* Parses yuan written as plain decimal ("350000", "12.50", "0.5") into fen.
 * Returns 0 or one of MONEY_E*; *out is untouched on failure. */
int moneyParse(money *out, const char *s, size_t n);
/* One line saying what a MONEY_E* code means (Chinese, English in brackets). */
const char *moneyMessage(int code);
/* Writes "350000.00" (always two decimals, '-' for negatives) into buf and
 * returns its length. */
size_t moneyFormat(char buf[MONEY_STRLEN], money fen);
#endif
