#ifndef GETIHU_CORE_USCC_H
#define GETIHU_CORE_USCC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 统一社会信用代码 (GB 32100-2015) and the legacy 15-digit 注册号 (GS 15-2006). */
#define USCC_LEN 18
#define REGNO_LEN 15

enum {
    USCC_ELENGTH = -30,    /* not 18 characters */
    USCC_ECHARSET = -31,   /* a character outside 0-9 A-H J-N P-R T U W-Y */
    USCC_ELOWER = -32,     /* lower-case letters: the code is written in capitals */
    USCC_ECHECK = -33,     /* check character does not match */
    USCC_ENOTINDIV = -34,  /* does not start with 92 (个体工商户) */
    USCC_EDIVISION = -35,  /* characters 3-8 are not a 6-digit division code */
    REGNO_ELENGTH = -36,   /* not 15 characters */
    REGNO_EDIGIT = -37,    /* not all digits */
    REGNO_ECHECK = -38     /* ISO 7064 MOD 11,10 check fails */
};

/* The GB 32100 check character for the first 17 characters of code, or '\0' when
 * one of them is outside the character set. */
char usccCheckChar(const char *code17);
/* Validates an 18-character code as a 个体工商户 USCC: charset, check character,
 * registration department 9 / kind 2, numeric division code. 0 or USCC_E*. */
int usccValidate(const char *s, size_t n);
/* Validates a 15-digit legacy 注册号 (ISO 7064 MOD 11,10). 0 or REGNO_E*. */
int regnoValidate(const char *s, size_t n);
/* One line describing a USCC_E* / REGNO_E* code. For USCC_ECHECK pass the code to
 * name the expected character; may be NULL. buf receives the text. */
const char *usccMessage(int code, const char *s, size_t n, char *buf, size_t bufsize);
/* Packs a validated USCC into two integers, exactly and injectively (for sets). */
void usccPack(const char *uscc, uint64_t *hi, uint64_t *lo);
#endif
