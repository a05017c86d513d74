/* The facts text of a typing result (issue 12 §1; format in result_facts.h).
 * Terse text rather than binary so that both backends keep it in their TEXT
 * column and a person can still read it with sqlite3 or psql (decision 220). */
#include "rules/result_facts.h"
#include "core/error.h"
#include <limits.h>
#include <stdint.h>

static const char factsDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

bool resultFactsIs(const char *s, size_t n) {
    return n > 1 && s[0] >= '0' && s[0] <= '9';
}

/* Appends v in base 32, with "-" when negative. */
static void factsNumber(sbuf *o, int64_t v) {
    char buf[16];
    int k = sizeof buf;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do buf[--k] = factsDigits[u & 31]; while ((u >>= 5) != 0);
    if (v < 0) buf[--k] = '-';
    sbufAppend(o, buf + k, sizeof buf - (size_t)k);
}

static void factsField(sbuf *o, char tag, int64_t v, int64_t absent) {
    if (v == absent) return;
    sbufPutc(o, tag);
    factsNumber(o, v);
}

void resultFactsEncode(sbuf *o, int version, const typingResult *r) {
    sbufPutInt(o, version);
    sbufPutc(o, '|');
    int year = 0;
    for (size_t i = 0; i < r->n; i++) {
        const typingReason *x = &r->reasons[i];
        if (i) sbufPutc(o, ',');
        factsNumber(o, x->code);
        if (x->year != year) factsField(o, 'y', x->year, INT64_MIN);
        year = x->year;
        if (x->has_value) sbufPutc(o, 'h');
        factsField(o, 'v', x->value, 0);
        factsField(o, 't', x->threshold, 0);
        factsField(o, 'c', x->count, 0);
        factsField(o, 'm', x->count_min, 0);
        factsField(o, 'x', x->count_max, 0);
        factsField(o, 'd', x->date, DATE_NONE);
        factsField(o, 'e', x->date2, DATE_NONE);
        if (x->ref) {
            const size_t n = strlen(x->ref);
            sbufPutc(o, 'r');
            factsNumber(o, (int64_t)n);
            sbufPutc(o, ':');
            sbufAppend(o, x->ref, n);
        }
    }
}

/* The value of one base-32 digit, or -1. */
static int factsDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'V') return c - 'A' + 10;
    return -1;
}

/* Reads a number at *p (before end) into *v, within [lo, hi]. */
static int factsRead(const char **p, const char *end, int64_t lo, int64_t hi, int64_t *v) {
    const char *s = *p;
    const bool neg = s < end && *s == '-';
    if (neg) s++;
    uint64_t u = 0;
    const char *start = s;
    for (int d; s < end && (d = factsDigit(*s)) >= 0; s++) {
        if (u > (UINT64_MAX >> 5)) return GH_EINVAL;
        u = u << 5 | (uint64_t)d;
    }
    if (s == start || u > (uint64_t)INT64_MAX) return GH_EINVAL;
    const int64_t x = neg ? -(int64_t)u : (int64_t)u;
    if (x < lo || x > hi) return GH_EINVAL;
    *v = x;
    *p = s;
    return 0;
}

/* Reads an int-sized field into *out. */
static int factsInt(const char **p, const char *end, int *out) {
    int64_t v;
    if (factsRead(p, end, INT_MIN, INT_MAX, &v)) return GH_EINVAL;
    *out = (int)v;
    return 0;
}

/* Reads "length:bytes" into scratch at *used; x->ref points there. */
static int factsRef(const char **p, const char *end, char *scratch, size_t *used, typingReason *x) {
    int64_t n;
    if (factsRead(p, end, 0, end - *p, &n) || *p >= end || **p != ':' || end - (*p + 1) < n) return GH_EINVAL;
    memcpy(scratch + *used, *p + 1, (size_t)n);
    scratch[*used + (size_t)n] = '\0';
    x->ref = scratch + *used;
    *used += (size_t)n + 1;
    *p += 1 + n;
    return 0;
}

/* Reads one reason's fields up to "," or the end. */
static int factsReason(const char **p, const char *end, char *scratch, size_t *used, typingReason *x) {
    int64_t v;
    while (*p < end && **p != ',') {
        const char tag = *(*p)++;
        int rc = 0;
        switch (tag) {
        case 'y': rc = factsInt(p, end, &x->year); break;
        case 'h': x->has_value = true; break;
        case 'v': rc = factsRead(p, end, INT64_MIN + 1, INT64_MAX, &v), x->value = v; break;
        case 't': rc = factsRead(p, end, INT64_MIN + 1, INT64_MAX, &v), x->threshold = v; break;
        case 'c': rc = factsInt(p, end, &x->count); break;
        case 'm': rc = factsInt(p, end, &x->count_min); break;
        case 'x': rc = factsInt(p, end, &x->count_max); break;
        case 'd': rc = factsInt(p, end, &x->date); break;
        case 'e': rc = factsInt(p, end, &x->date2); break;
        case 'r': rc = factsRef(p, end, scratch, used, x); break;
        default: return GH_EINVAL;
        }
        if (rc) return GH_EINVAL;
    }
    return 0;
}

/* Dates a sentence can write (years 0001-9999, core/date.c) and amounts far beyond
 * any business's, so that no subtraction of two overflows. */
#define FACTS_DATE_MIN (-719162)
#define FACTS_DATE_MAX 2932896
#define FACTS_MONEY_MAX 1000000000000000LL

static bool factsDateOk(civilDate d, bool needed) {
    return d == DATE_NONE ? !needed : d >= FACTS_DATE_MIN && d <= FACTS_DATE_MAX;
}

/* A1.3: the figures each reason's sentence writes are there and in range, so that
 * facts which parse always render (typing always fills them; damaged facts do not). */
static bool factsComplete(const typingReason *x) {
    bool date = false, date2 = false;
    switch (x->code) {
    case REASON_INELIGIBLE_STATUS:
        if (x->count < 0 || x->count > 3) return false; /* a bizStatus */
        break;
    case REASON_INELIGIBLE_NO_ANNUAL_REPORT: date2 = true; break;
    case REASON_INELIGIBLE_ABNORMAL_LIST:
    case REASON_INELIGIBLE_SERIOUS_ILLEGAL:
    case REASON_INELIGIBLE_TAX_ABNORMAL:
    case REASON_INELIGIBLE_SUSPENDED:
    case REASON_MISSED_AGE:
    case REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM: date = date2 = true; break;
    case REASON_SURVIVAL_NEW:
    case REASON_NOTE_SEASONAL_SUSPENSION: date = true; break;
    default: break;
    }
    return factsDateOk(x->date, date) && factsDateOk(x->date2, date2) && x->year >= 0 && x->year <= 9999 &&
           x->value >= -FACTS_MONEY_MAX && x->value <= FACTS_MONEY_MAX && x->threshold >= -FACTS_MONEY_MAX &&
           x->threshold <= FACTS_MONEY_MAX;
}

int resultFactsDecode(typingResult *out, int *version, char *scratch, const char *s, size_t n) {
    const char *p = s, *end = s + n;
    int64_t v;
    if (!resultFactsIs(s, n)) return GH_EINVAL;
    for (v = 0; p < end && *p >= '0' && *p <= '9' && v < 100000; p++) v = v * 10 + (*p - '0');
    if (p >= end || *p++ != '|') return GH_EINVAL;
    *version = (int)v;
    out->n = 0;
    size_t used = 0;
    int year = 0;
    while (p < end) {
        if (out->n == TYPING_MAX_REASONS) return GH_EINVAL;
        if (out->n && *p++ != ',') return GH_EINVAL;
        typingReason *x = &out->reasons[out->n++];
        *x = (typingReason){.year = year, .date = DATE_NONE, .date2 = DATE_NONE};
        if (factsRead(&p, end, 0, REASON__COUNT - 1, &v)) return GH_EINVAL;
        x->code = (reasonCode)v;
        if (factsReason(&p, end, scratch, &used, x) || !factsComplete(x)) return GH_EINVAL;
        year = x->year;
    }
    return 0;
}
