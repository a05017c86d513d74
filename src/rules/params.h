#ifndef GETIHU_RULES_PARAMS_H
#define GETIHU_RULES_PARAMS_H
#include <stdbool.h>
#include <stddef.h>
#include "core/date.h"
#include "core/money.h"

/* Year parameters (DATA.md §2): the figures the city sets each year for A1.3.2
 * ("一定数额", "较高", "符合当年认定标准") and the calendar. The rules read every
 * threshold from here; none is a literal in the code. */
typedef struct yearParams {
    char jurisdiction[128];
    int year;
    civilDate reference_date;      /* R, default YEAR-07-31 */
    money growth_revenue_min;      /* A1.3.2(2)A */
    money growth_tax_min;          /* A1.3.2(2)B */
    int growth_insured_min;        /* A1.3.2(2)C lower bound ("3名（含）以下" starts at 1) */
    money development_revenue_min; /* A1.3.2(3)A */
    money development_tax_min;     /* A1.3.2(3)B */
    int development_insured_min;   /* A1.3.2(3)C "4名（含）以上"; growth C ends one below */
    int min_years;                 /* A1.3.2(2)/(3) "成立2年（含）以上" */
    int suspension_max_years;      /* A1.3.1(4) 《市场主体登记管理条例》第三十条 */
    int category_quota_percent;    /* A3.3.4 */
    int category_penalty_years;    /* A3.3.1(1) "2年内" without a fine or heavier penalty */
    int category_ban_years;        /* A3.3.5 "5年内不得申报" after a revocation for fraud */
    int category_quality_years;    /* A3.3.2 quality.A "20年以上" in operation */
    /* The round's calendar and limits (A3.2.1, A3.3.4, A3.3.5; docs/decisions.md 56). */
    civilDate category_apply_from;           /* "8月中旬起": first day of applications, default YEAR-08-15 */
    civilDate category_recognition_deadline; /* "11月底前完成": last day of recognition, default YEAR-11-30 */
    civilDate category_effective_date;       /* "次年1月1日起" measures apply, default YEAR+1-01-01 */
    civilDate category_report_deadline;      /* "每年7月底前" information report, default YEAR-07-31 */
    int category_publicity_days;   /* 公示 length in calendar days (the scheme gives none): 7 */
    int category_valid_years;      /* "有效期为3年", and each extension "延长3年" */
    int category_growth_percent;   /* A3.3.5 evaluation A "明显增长": at least this percentage, 10 */
    bool category_one_per_operator; /* one recognised business per operator ID (not in 53号: off) */
    /* Objections to a typing result (A1.2.3, S3(三); decision 102): calendar days for the
     * written reply from filing, and for a department's verification from the request.
     * 0: not set (the scheme gives none; the shipped files set them). */
    int objection_reply_days, objection_verify_days;
    bool provisional;              /* figures not yet published by the city */
    char source[1024];             /* where the figures come from */
} yearParams;

/* Sets the defaults of DATA.md §2 for year: reference date YEAR-07-31, 2 / 3 / 5,
 * insured bounds 1 and 4 (the scheme's own numbers), the round's calendar of
 * docs/decisions.md 56; thresholds 0, not provisional. */
void paramsDefaults(yearParams *p, int year);
/* Fills every date of p still DATE_NONE with its default for p->year (none when
 * the year is out of range), so that a reader can set the year after the dates. */
void paramsFillDates(yearParams *p);
/* Checks p for consistency. Returns 0, or GH_EINVAL with a one-line reason in msg. */
int paramsCheck(const yearParams *p, char *msg, size_t msgsize);
#endif
