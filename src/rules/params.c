#include "rules/params.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

void paramsDefaults(yearParams *p, int year) {
    memset(p, 0, sizeof *p);
    p->year = year;
    p->reference_date = year >= 1 && year <= 9999 ? dateFromYmd(year, 7, 31) : DATE_NONE;
    p->growth_insured_min = 1;
    p->development_insured_min = 4;
    p->min_years = 2;
    p->suspension_max_years = 3;
    p->category_quota_percent = 5;
    p->category_penalty_years = 2;
    p->category_ban_years = 5;
    p->category_quality_years = 20;
}

static int paramsFail(char *msg, size_t n, const char *text) {
    snprintf(msg, n, "%s", text);
    return GH_EINVAL;
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
    return 0;
}
