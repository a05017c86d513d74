#include "gen/gen.h"
#include "core/error.h"
#include "gen/gen_data.h"
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* xoshiro256** seeded through splitmix64: small, fast, and the same everywhere. */
typedef struct genRng { uint64_t s[4]; } genRng;

static uint64_t genSplitmix(uint64_t *x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t genRotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t genNext(genRng *r) {
    uint64_t *s = r->s;
    const uint64_t out = genRotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = genRotl(s[3], 45);
    return out;
}

/* Uniform in [0, n). */
static uint64_t genBelow(genRng *r, uint64_t n) { return n ? genNext(r) % n : 0; }
/* Uniform in [0, 1). */
static double genUnit(genRng *r) { return (double)(genNext(r) >> 11) * (1.0 / 9007199254740992.0); }
/* True with probability pct / 1000 (per mille keeps the tables readable). */
static int genPermille(genRng *r, unsigned pm) { return genBelow(r, 1000) < pm; }
static double genNormal(genRng *r) {
    double u = genUnit(r), v = genUnit(r);
    if (u < 1e-12) u = 1e-12;
    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

void genInit(genState *g, uint64_t seed, const yearParams *p) {
    g->seed = seed;
    g->p = p;
    arenaInit(&g->a, 16 * 1024, 0);
}

void genFree(genState *g) { arenaFree(&g->a); }

static const char genCharset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* A distinct 主体标识码 per index: i maps bijectively onto [0, 31^7) by an
 * affine map whose multiplier is prime to 31, shifted by the seed. */
static void genUscc(char out[USCC_LEN + 1], uint64_t seed, uint64_t i) {
    const uint64_t m = 27512614111ull; /* 31^7 */
    uint64_t x = (i % m * 1000003ull + seed % m) % m;
    memcpy(out, "92110115MA", 10);
    for (int k = 16; k >= 10; k--) {
        out[k] = genCharset[x % 31];
        x /= 31;
    }
    out[17] = usccCheckChar(out);
    out[18] = '\0';
}

/* GB 11643 citizen number: region, birth date, sequence, ISO 7064 MOD 11-2 check. */
static char *genOperatorId(genState *g, genRng *r, civilDate birth) {
    char id[19];
    int y, m, d;
    dateToYmd(birth, &y, &m, &d);
    snprintf(id, sizeof id, "%s%04d%02d%02d%03d", genIdRegions[genBelow(r, genIdRegionCount)], y, m, d,
             (int)genBelow(r, 1000));
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int k = 0; k < 17; k++) sum += (id[k] - '0') * w[k];
    id[17] = "10X98765432"[sum % 11];
    id[18] = '\0';
    return arenaStrndup(&g->a, id, 18);
}

static char *genPrintf(genState *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *genPrintf(genState *g, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) return NULL;
    return arenaStrndup(&g->a, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static civilDate genDayIn(genRng *r, civilDate lo, civilDate hi) {
    return hi <= lo ? lo : lo + (civilDate)genBelow(r, (uint64_t)(hi - lo + 1));
}

static size_t genWeighted(genRng *r, const void *table, size_t count, size_t stride, size_t weight_off) {
    int total = 0;
    for (size_t k = 0; k < count; k++) total += *(const int *)((const char *)table + k * stride + weight_off);
    int x = (int)genBelow(r, (uint64_t)total);
    for (size_t k = 0; k < count; k++) {
        x -= *(const int *)((const char *)table + k * stride + weight_off);
        if (x < 0) return k;
    }
    return count - 1;
}

/* Identity and registration: names, town, industry, dates, status. */
static void genIdentity(genState *g, genRng *r, dossier *d, int *industry) {
    const int y = g->p->year;
    const civilDate ref = g->p->reference_date;
    const size_t town = genWeighted(r, genTowns, genTownCount, sizeof genTowns[0], offsetof(genTown, weight));
    *industry = (int)genWeighted(r, genIndustries, genIndustryCount, sizeof genIndustries[0],
                                 offsetof(genIndustry, weight));
    const genIndustry *ind = &genIndustries[*industry];
    d->town = genTowns[town].name;
    d->industry = ind->code;
    if (genPermille(r, 700))
        d->name = genPrintf(g, "北京市大兴区%s%s%s", genBrandWords[genBelow(r, genBrandWordCount)],
                            genBrandWords[genBelow(r, genBrandWordCount)], ind->shop);
    const char *given2 = genPermille(r, 700) ? genGivenChars[genBelow(r, genGivenCharCount)] : "";
    d->operator_name = genPrintf(g, "%s%s%s", genSurnames[genBelow(r, genSurnameCount)],
                                 genGivenChars[genBelow(r, genGivenCharCount)], given2);
    d->operator_id = genOperatorId(g, r, genDayIn(r, dateFromYmd(1956, 1, 1), dateFromYmd(2004, 12, 31)));
    d->address = genPrintf(g, "北京市大兴区%s%s%d号", genTowns[town].name, genPlaces[genBelow(r, genPlaceCount)],
                           (int)genBelow(r, 300) + 1);
    d->seasonal = genBelow(r, 100) < (uint64_t)ind->seasonal_pct;
    unsigned groups = 0;
    if (genPermille(r, 30)) groups |= GROUP_VETERAN;
    if (genPermille(r, 50)) groups |= GROUP_GRADUATE;
    if (genPermille(r, 10)) groups |= GROUP_DISABLED;
    if (genPermille(r, 20)) groups |= GROUP_RETURNING_MIGRANT;
    d->operator_groups = groups;
    /* Age: about 8% new this year, the rest thinning out over 30 years. */
    if (genPermille(r, 80)) {
        d->established = genDayIn(r, dateFromYmd(y, 1, 1), ref);
    } else {
        int back = 1 + (int)(-log(1.0 - genUnit(r)) * 5.0);
        if (back > 30) back = 30;
        d->established = genDayIn(r, dateFromYmd(y - back, 1, 1), dateFromYmd(y - back, 12, 31));
    }
    const unsigned s = (unsigned)genBelow(r, 1000);
    d->status = s < 950 ? STATUS_REGISTERED : s < 980 ? STATUS_CANCELLED : s < 995 ? STATUS_REVOKED : STATUS_WITHDRAWN;
    if (d->established < dateFromYmd(2014, 3, 1) && genPermille(r, 300)) {
        /* Older businesses still carry a 15-digit 注册号 (GS 15-2006). */
        char reg[16];
        snprintf(reg, sizeof reg, "110115%08llu", (unsigned long long)genBelow(r, 100000000));
        int p = 10;
        for (int k = 0; k < 14; k++) {
            int t = (p + (reg[k] - '0')) % 10;
            p = ((t ? t : 10) * 2) % 11;
        }
        reg[14] = (char)('0' + (11 - p) % 10);
        reg[15] = '\0';
        memcpy(d->legacy_reg_no, reg, 16);
    }
}

#define GEN_YEARS 3 /* report years Y-3 .. Y-1 */

/* Synthetic figures are drawn in floating point and then fixed as whole yuan in
 * exact fen: the generator invents amounts, it never converts given ones. */
static money genRound(double yuan) {
    if (yuan < 0) yuan = 0;
    return (money)llround(yuan) * 100;
}

/* Yearly figures Y-3..Y-1: revenue from a latent size (log-normal, median ~0.3 of
 * the growth threshold), tax, unit-form insurance, annual reports (most on time,
 * a few late, some missing, which puts the business on the abnormal list). */
static int genYears(genState *g, genRng *r, dossier *d, dInterval *abnormal, size_t *n_abnormal) {
    const yearParams *p = g->p;
    const int est_year = dateYear(d->established);
    dAnnualReport *ar = arenaAlloc(&g->a, GEN_YEARS * sizeof *ar);
    dTaxPaid *tax = arenaAlloc(&g->a, GEN_YEARS * sizeof *tax);
    dInsured *ins = arenaAlloc(&g->a, GEN_YEARS * sizeof *ins);
    if (!ar || !tax || !ins) return GH_ENOMEM;
    const double median = (double)p->growth_revenue_min / 100.0 * 0.28;
    const double size = median * exp(0.80 * genNormal(r));
    const unsigned careless = genPermille(r, 120) ? 450 : 20; /* per-mille chance to skip a report */
    const int staff = genPermille(r, 985) ? 0 : genPermille(r, 970) ? 1 + (int)genBelow(r, 3) : 4 + (int)genBelow(r, 8);
    size_t nr = 0, nt = 0, ni = 0;
    for (int yr = p->year - GEN_YEARS; yr < p->year; yr++) {
        if (yr < est_year) continue;
        int ey, em, ed;
        dateToYmd(d->established, &ey, &em, &ed);
        const double months = yr == est_year ? 13 - em : 12; /* the first year is a part year */
        const double revenue = size * exp(0.25 * genNormal(r)) * months / 12.0;
        if (!genPermille(r, careless)) {
            dAnnualReport *x = &ar[nr++];
            memset(x, 0, sizeof *x);
            x->year = yr;
            x->filed_on = genPermille(r, 40) ? genDayIn(r, dateFromYmd(yr + 1, 7, 1), dateFromYmd(yr + 1, 12, 31))
                                             : genDayIn(r, dateFromYmd(yr + 1, 1, 1), dateFromYmd(yr + 1, 6, 30));
            if (x->filed_on > p->reference_date) x->filed_on = genDayIn(r, dateFromYmd(yr + 1, 7, 1), p->reference_date);
            x->has_revenue = true;
            x->revenue = genRound(revenue);
            x->employees = staff + (int)genBelow(r, 2);
        } else if (d->status == STATUS_REGISTERED && *n_abnormal < 2) {
            /* 未按规定报送年报 → listed from 1 July; some file later and are restored. */
            dInterval *iv = &abnormal[(*n_abnormal)++];
            iv->from = dateFromYmd(yr + 1, 7, 1);
            iv->to = genPermille(r, 250) ? genDayIn(r, dateFromYmd(yr + 1, 9, 1), dateFromYmd(yr + 2, 6, 30)) : DATE_NONE;
            if (iv->to != DATE_NONE && iv->to > p->reference_date) iv->to = DATE_NONE; /* not yet restored at R */
        }
        if (d->tax_registered) {
            /* Small-scale taxpayers below the VAT exemption pay little; others ~1-3%. */
            const double rate = d->general_taxpayer ? 0.03 : revenue > 120000.0 ? 0.012 : 0.002;
            tax[nt].year = yr;
            tax[nt++].amount = genRound(revenue * rate * exp(0.3 * genNormal(r)));
        }
        if (staff) {
            ins[ni].year = yr;
            ins[ni++].count = staff;
        }
    }
    d->annual_reports = ar;
    d->n_annual_reports = nr;
    d->tax_paid = tax;
    d->n_tax_paid = nt;
    d->insured = ins;
    d->n_insured = ni;
    return 0;
}

static civilDate genPastDay(genRng *r, const dossier *d, civilDate ref) {
    return genDayIn(r, d->established, ref);
}

/* Credit and tax lists, suspensions, intellectual property, penalties. */
static int genLists(genState *g, genRng *r, dossier *d, dInterval *abnormal, size_t n_abnormal) {
    const civilDate ref = g->p->reference_date;
    dInterval *iv = arenaAlloc(&g->a, 8 * sizeof *iv);
    if (!iv) return GH_ENOMEM;
    size_t k = 0;
    if (genPermille(r, 15) && n_abnormal < 2) { /* 通过登记的住所无法联系 */
        abnormal[n_abnormal].from = genPastDay(r, d, ref);
        for (size_t j = 0; j < n_abnormal; j++) /* one listing per start date */
            if (abnormal[j].from == abnormal[n_abnormal].from) abnormal[n_abnormal].from--;
        abnormal[n_abnormal].to = genPermille(r, 400) ? genDayIn(r, abnormal[n_abnormal].from, ref) : DATE_NONE;
        n_abnormal++;
    }
    d->abnormal_list = (dIntervals){abnormal, n_abnormal};
    if (genPermille(r, 3)) {
        iv[k] = (dInterval){genPastDay(r, d, ref), DATE_NONE};
        d->serious_illegal_list = (dIntervals){&iv[k++], 1};
    }
    if (d->tax_registered && genPermille(r, 25)) {
        const civilDate from = genPastDay(r, d, ref);
        iv[k] = (dInterval){from, genPermille(r, 500) ? genDayIn(r, from, ref) : DATE_NONE};
        d->tax_abnormal = (dIntervals){&iv[k++], 1};
    }
    if (genPermille(r, d->seasonal ? 300 : 12)) {
        const civilDate from = genDayIn(r, d->established > ref - 5 * 366 ? d->established : ref - 5 * 366, ref);
        iv[k] = (dInterval){from, genPermille(r, 200) ? genDayIn(r, from, ref) : DATE_NONE};
        d->suspensions = (dIntervals){&iv[k++], 1};
    }
    if (genPermille(r, 5)) {
        iv[k] = (dInterval){genPastDay(r, d, ref), DATE_NONE};
        d->dishonest_debtor = (dIntervals){&iv[k++], 1};
    }
    if (genPermille(r, 4)) {
        dTrademark *t = arenaAlloc(&g->a, sizeof *t);
        if (!t) return GH_ENOMEM;
        t->reg_no = genPrintf(g, "%08llu", (unsigned long long)(10000000 + genBelow(r, 60000000)));
        t->holder = genPermille(r, 700) ? HOLDER_OPERATOR : HOLDER_BUSINESS;
        t->in_use = genPermille(r, 150);
        d->trademarks = t;
        d->n_trademarks = 1;
    }
    if (genBelow(r, 10000) < 5) {
        dPatent *pt = arenaAlloc(&g->a, sizeof *pt);
        if (!pt) return GH_ENOMEM;
        pt->number = genPrintf(g, "ZL%d2%07llu.%d", 2015 + (int)genBelow(r, 9),
                               (unsigned long long)genBelow(r, 10000000), (int)genBelow(r, 10));
        pt->holder = HOLDER_OPERATOR;
        d->patents = pt;
        d->n_patents = 1;
    }
    if (genPermille(r, 30)) {
        dPenalty *pe = arenaAlloc(&g->a, sizeof *pe);
        if (!pe) return GH_ENOMEM;
        pe->decided_on = genPastDay(r, d, ref);
        pe->kind = genPermille(r, 600) ? PENALTY_WARNING : PENALTY_FINE;
        pe->publicized = true;
        pe->repaired_on = genPermille(r, 300) ? genDayIn(r, pe->decided_on, ref) : DATE_NONE;
        d->penalties = pe;
        d->n_penalties = 1;
    }
    return 0;
}

int genRecord(genState *g, uint64_t i, dossier *d) {
    arenaReset(&g->a);
    dossierInit(d);
    uint64_t x = g->seed ^ (i * 0xD1B54A32D192ED03ull);
    genRng r;
    for (int k = 0; k < 4; k++) r.s[k] = genSplitmix(&x);
    genUscc(d->uscc, g->seed, i);
    int industry;
    genIdentity(g, &r, d, &industry);
    d->tax_registered = genPermille(&r, 820);
    d->general_taxpayer = d->tax_registered && genPermille(&r, 12);
    dInterval *abnormal = arenaAlloc(&g->a, 4 * sizeof *abnormal);
    if (!abnormal) return GH_ENOMEM;
    size_t n_abnormal = 0;
    int rc = genYears(g, &r, d, abnormal, &n_abnormal);
    if (!rc) rc = genLists(g, &r, d, abnormal, n_abnormal);
    return rc;
}
