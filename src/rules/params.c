#include "rules/params.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

/* A date of year + add, none while the year itself is out of range (not yet read). */
static civilDate paramsDate(int year, int add, int m, int d) {
    return year >= 1 && year + add <= 9999 ? dateFromYmd(year + add, m, d) : DATE_NONE;
}

/* A3.2.1 "个体工商户集中分型判定结束后进行": applications open on 15 August ("8月中旬")
 * or on R when the year's typing is judged later; the deadline never precedes them. */
void paramsFillDates(yearParams *p) {
    const int y = p->year;
    if (p->reference_date == DATE_NONE) p->reference_date = paramsDate(y, 0, 7, 31);
    if (p->category_apply_from == DATE_NONE) {
        const civilDate mid = paramsDate(y, 0, 8, 15);
        p->category_apply_from = mid != DATE_NONE && mid < p->reference_date ? p->reference_date : mid;
    }
    if (p->category_recognition_deadline == DATE_NONE) {
        const civilDate end = paramsDate(y, 0, 11, 30);
        p->category_recognition_deadline = end != DATE_NONE && end < p->category_apply_from ? p->category_apply_from : end;
    }
    if (p->category_effective_date == DATE_NONE) p->category_effective_date = paramsDate(y, 1, 1, 1);
    if (p->category_report_deadline == DATE_NONE) p->category_report_deadline = paramsDate(y, 0, 7, 31);
}

void paramsDefaults(yearParams *p, int year) {
    memset(p, 0, sizeof *p);
    p->year = year;
    p->reference_date = p->category_apply_from = p->category_recognition_deadline = DATE_NONE;
    p->category_effective_date = p->category_report_deadline = DATE_NONE;
    paramsFillDates(p);
    p->growth_insured_min = 1;
    p->development_insured_min = 4;
    p->min_years = 2;
    p->suspension_max_years = 3;
    p->category_quota_percent = 5;
    p->category_penalty_years = 2;
    p->category_ban_years = 5;
    p->category_quality_years = 20;
    p->category_publicity_days = 7;
    p->category_valid_years = 3;
    p->category_growth_percent = 10;
    p->category_one_per_operator = false;
}

static int paramsFail(char *msg, size_t n, const char *text) {
    snprintf(msg, n, "%s", text);
    return GH_EINVAL;
}

/* A3.2.1: applications open once the year's typing is done (not before R), and the
 * round ends within the year; measures start after it, within the next year. */
static int paramsCheckRound(const yearParams *p, char *msg, size_t n) {
    const civilDate from = p->category_apply_from, until = p->category_recognition_deadline;
    if (from == DATE_NONE || from < p->reference_date || dateYear(from) != p->year)
        return paramsFail(msg, n, "category_apply_from: 申报起始日应在判定基准日之后的当年内 "
                                  "(applications open within the year, not before the reference date)");
    if (until == DATE_NONE || until < from || dateYear(until) != p->year)
        return paramsFail(msg, n, "category_recognition_deadline: 认定截止日不应早于申报起始日，且在当年内 "
                                  "(deadline within the year, not before the first day of applications)");
    if (p->category_effective_date == DATE_NONE || p->category_effective_date <= until ||
        dateYear(p->category_effective_date) > p->year + 1)
        return paramsFail(msg, n, "category_effective_date: 政策生效日应在认定截止日之后、次年年底之前 "
                                  "(effective date after the deadline, by the end of the next year)");
    if (p->category_report_deadline == DATE_NONE || dateYear(p->category_report_deadline) != p->year)
        return paramsFail(msg, n, "category_report_deadline: 信息报告截止日应在当年内 (report deadline within the year)");
    if (p->category_publicity_days < 1 || p->category_publicity_days > 60)
        return paramsFail(msg, n, "category_publicity_days: 应在 1-60 之间 (out of range)");
    if (p->category_valid_years < 1 || p->category_valid_years > 20)
        return paramsFail(msg, n, "category_valid_years: 应在 1-20 之间 (out of range)");
    if (p->objection_reply_days < 0 || p->objection_reply_days > 365)
        return paramsFail(msg, n, "objection_reply_days: 应在 1-365 之间 (out of range)");
    if (p->objection_verify_days < 0 || p->objection_verify_days > 365)
        return paramsFail(msg, n, "objection_verify_days: 应在 1-365 之间 (out of range)");
    if (p->objection_verify_days > 0 && p->objection_reply_days > 0 && p->objection_verify_days > p->objection_reply_days)
        return paramsFail(msg, n, "objection_verify_days: 不应超过 objection_reply_days (verification after the reply)");
    if (p->category_growth_percent < 1 || p->category_growth_percent > 1000)
        return paramsFail(msg, n, "category_growth_percent: 应在 1-1000 之间 (out of range)");
    return 0;
}

/* Reports closing on 30 June (A1.2) is why R may not fall before 1 July of the year:
 * an earlier R would exclude businesses that filed on time. */
int paramsCheck(const yearParams *p, char *msg, size_t n) {
    if (p->year < 2000 || p->year > 2200)
        return paramsFail(msg, n, "year: 年度应在 2000-2200 之间 (year out of range)");
    if (p->reference_date == DATE_NONE)
        return paramsFail(msg, n, "reference_date: 缺少判定基准日 (missing reference date)");
    if (p->reference_date < dateFromYmd(p->year, 7, 1) || p->reference_date > dateFromYmd(p->year, 12, 31))
        return paramsFail(msg, n, "reference_date: 判定基准日应在当年7月1日至12月31日之间，年报6月30日截止 "
                                  "(reference date must fall between 1 July and 31 December of the year)");
    if (p->growth_revenue_min < 0 || p->growth_tax_min < 0 || p->development_revenue_min < 0 ||
        p->development_tax_min < 0)
        return paramsFail(msg, n, "金额门槛不能为负 (thresholds must not be negative)");
    if (p->development_revenue_min < p->growth_revenue_min)
        return paramsFail(msg, n, "development.revenue_min: 发展型营业收入标准不应低于成长型标准 "
                                  "(development revenue threshold below growth)");
    if (p->development_tax_min < p->growth_tax_min)
        return paramsFail(msg, n, "development.tax_min: 发展型纳税标准不应低于成长型标准 "
                                  "(development tax threshold below growth)");
    if (p->growth_insured_min < 1 || p->development_insured_min <= p->growth_insured_min ||
        p->development_insured_min > 10000)
        return paramsFail(msg, n, "insured_min: 参保人数标准应满足 1 <= 成长型下限 < 发展型下限 "
                                  "(need 1 <= growth.insured_min < development.insured_min)");
    if (p->min_years < 1 || p->min_years > 50)
        return paramsFail(msg, n, "min_years: 应在 1-50 之间 (out of range)");
    if (p->suspension_max_years < 1 || p->suspension_max_years > 50)
        return paramsFail(msg, n, "suspension_max_years: 应在 1-50 之间 (out of range)");
    if (p->category_penalty_years < 1 || p->category_penalty_years > 50 || p->category_ban_years < 1 ||
        p->category_ban_years > 50 || p->category_quality_years < 1 || p->category_quality_years > 100)
        return paramsFail(msg, n, "category_*_years: 年限超出范围 (out of range)");
    if (p->category_quota_percent < 0 || p->category_quota_percent > 100)
        return paramsFail(msg, n, "category_quota_percent: 应在 0-100 之间 (out of range)");
    return paramsCheckRound(p, msg, n);
}
