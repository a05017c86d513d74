/* Renderer version 1: the sentences of every reason code as getihu wrote them when
 * results were first stored as facts (issue 12 §1) — the same words the release
 * before wrote into its results. FROZEN: a published run made with version 1
 * renders through this file forever, so nothing here may change, not a character.
 * New wording is a new version: copy this file to render_v2.c, change the copy,
 * add it to rules/render.c's table and raise RENDER_CURRENT (decision 222).
 * Each function cites the RULES.md article of the reasons it words (A1.3). */
#include "rules/render.h"
#include "core/money.h"
#include <assert.h>

/* A1.3.1: the status names as version 1 words them. */
static const char *v1StatusLabel(bizStatus s) {
    static const char *const labels[] = {"登记在册", "吊销", "注销", "撤销"};
    assert((unsigned)s < 4);
    return labels[s];
}

/* A1.3.2: an amount in yuan with two decimals. */
static void v1Money(sbuf *o, money v) {
    char buf[MONEY_STRLEN];
    sbufAppend(o, buf, moneyFormat(buf, v));
}

/* A1.3: a date as YYYY-MM-DD. */
static void v1Date(sbuf *o, civilDate d) {
    char buf[DATE_STRLEN];
    dateFormat(buf, d);
    sbufAppend(o, buf, DATE_STRLEN - 1);
}

/* "2024年度营业收入 350000.00 元，达到成长型标准 300000.00 元" and its missed twin. */
static void v1Amount(sbuf *o, const typingReason *r, const char *what, const char *level, bool met) {
    if (!r->has_value) {
        SBUF_LIT(o, "未取得");
        sbufPutInt(o, r->year);
        SBUF_LIT(o, "年度");
        sbufPuts(o, what);
        SBUF_LIT(o, "数据，");
        sbufPuts(o, level);
        SBUF_LIT(o, "标准为 ");
        v1Money(o, r->threshold);
        SBUF_LIT(o, " 元");
        return;
    }
    sbufPutInt(o, r->year);
    SBUF_LIT(o, "年度");
    sbufPuts(o, what);
    SBUF_LIT(o, " ");
    v1Money(o, r->value);
    SBUF_LIT(o, " 元，");
    sbufPuts(o, met ? "达到" : "未达到");
    sbufPuts(o, level);
    SBUF_LIT(o, "标准 ");
    v1Money(o, r->threshold);
    SBUF_LIT(o, " 元");
    if (!met) {
        SBUF_LIT(o, "，尚差 ");
        v1Money(o, r->threshold - r->value);
        SBUF_LIT(o, " 元");
    }
}

/* A1.3.2(2)C, A1.3.2(3)C: insured people against the standard. */
static void v1Insured(sbuf *o, const typingReason *r, bool growth, bool met) {
    if (!r->has_value) {
        SBUF_LIT(o, "未取得");
        sbufPutInt(o, r->year);
        SBUF_LIT(o, "年度以单位形式参保人数数据");
    } else {
        sbufPutInt(o, r->year);
        SBUF_LIT(o, "年度以单位形式参保 ");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 人（含经营者本人）");
    }
    if (growth) {
        sbufPuts(o, met ? "，符合成长型标准 " : "，不符合成长型标准 ");
        sbufPutInt(o, r->count_min);
        SBUF_LIT(o, " 至 ");
        sbufPutInt(o, r->count_max);
        SBUF_LIT(o, " 人");
    } else {
        sbufPuts(o, met ? "，达到发展型标准 " : "，未达到发展型标准 ");
        sbufPutInt(o, r->count_min);
        SBUF_LIT(o, " 人（含）以上");
    }
}

/* A1.3.1(1)-(3): a listing still active at the reference date. */
static void v1List(sbuf *o, const typingReason *r, const char *list, const char *not_ended) {
    SBUF_LIT(o, "自 ");
    v1Date(o, r->date);
    SBUF_LIT(o, " 起");
    sbufPuts(o, list);
    SBUF_LIT(o, "，截至判定基准日 ");
    v1Date(o, r->date2);
    SBUF_LIT(o, " ");
    sbufPuts(o, not_ended);
}

/* A1.3.1: the ineligibility reasons. */
static void v1Ineligible(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_INELIGIBLE_STATUS:
        SBUF_LIT(o, "登记状态为“");
        sbufPuts(o, v1StatusLabel((bizStatus)r->count));
        SBUF_LIT(o, "”，不是登记在册状态");
        break;
    case REASON_INELIGIBLE_NO_ANNUAL_REPORT:
        if (r->date != DATE_NONE) {
            sbufPutInt(o, r->year);
            SBUF_LIT(o, "年度年度报告于 ");
            v1Date(o, r->date);
            SBUF_LIT(o, " 报送，晚于判定基准日 ");
            v1Date(o, r->date2);
        } else {
            SBUF_LIT(o, "截至判定基准日 ");
            v1Date(o, r->date2);
            SBUF_LIT(o, " 未报送");
            sbufPutInt(o, r->year);
            SBUF_LIT(o, "年度年度报告");
        }
        break;
    case REASON_INELIGIBLE_ABNORMAL_LIST:
        v1List(o, r, "被标记为经营异常状态", "尚未恢复正常记载状态");
        break;
    case REASON_INELIGIBLE_SERIOUS_ILLEGAL:
        v1List(o, r, "被列入严重违法失信名单", "未实施信用修复");
        break;
    case REASON_INELIGIBLE_TAX_ABNORMAL:
        v1List(o, r, "被税务部门列为非正常户", "尚未解除");
        break;
    case REASON_INELIGIBLE_SUSPENDED:
        SBUF_LIT(o, "自 ");
        v1Date(o, r->date);
        SBUF_LIT(o, " 起办理歇业备案，尚在法定最长歇业期（");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年，至 ");
        v1Date(o, r->date2);
        SBUF_LIT(o, "）内");
        break;
    default: assert(0 && "not an ineligibility reason");
    }
}

/* A1.3.2(1), A1.3.2(2): survival and why growth/development do not apply. */
static void v1Survival(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_SURVIVAL_NEW:
        SBUF_LIT(o, "当年新成立（成立日期 ");
        v1Date(o, r->date);
        SBUF_LIT(o, "），自动判定符合分型条件并划定为生存型");
        break;
    case REASON_SURVIVAL_DEFAULT:
        SBUF_LIT(o, "符合基础标准，但不满足成长型和发展型标准");
        break;
    case REASON_MISSED_AGE:
        SBUF_LIT(o, "成立于 ");
        v1Date(o, r->date);
        SBUF_LIT(o, "，至判定基准日未满 ");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年（满 ");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年之日为 ");
        v1Date(o, r->date2);
        SBUF_LIT(o, "），不适用成长型、发展型标准");
        break;
    case REASON_MISSED_TAX_REGISTRATION:
        SBUF_LIT(o, "未做税务登记纳入税务管理，不适用成长型、发展型标准");
        break;
    default: assert(0 && "not a survival reason");
    }
}

/* A1.3.2(3)D/E: trademarks and patents. */
static void v1Ip(sbuf *o, const typingReason *r, bool trademark, bool met) {
    if (!met) {
        sbufPuts(o, trademark ? "未持有在经营中实际使用的商标（以个体工商户或经营者为持有人），发展型标准为 1 件（含）以上"
                              : "未持有以个体工商户或经营者为专利权人的专利，发展型标准为 1 件（含）以上");
        return;
    }
    sbufPuts(o, trademark ? "持有在经营中实际使用的商标 " : "持有专利 ");
    sbufPutInt(o, r->count);
    SBUF_LIT(o, " 件");
    if (r->ref) {
        sbufPuts(o, trademark ? "（注册号 " : "（专利号 ");
        sbufPuts(o, r->ref);
        SBUF_LIT(o, " 等）");
    }
    SBUF_LIT(o, "，达到发展型标准 1 件（含）以上");
}

/* A1.3: the sentence of r, version 1. */
void renderV1Text(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_DEVELOPMENT_A: v1Amount(o, r, "营业收入", "发展型", true); break;
    case REASON_MISSED_DEVELOPMENT_A: v1Amount(o, r, "营业收入", "发展型", false); break;
    case REASON_DEVELOPMENT_B:
        SBUF_LIT(o, "税务部门登记为一般纳税人，");
        v1Amount(o, r, "实际缴纳税款", "发展型", true);
        break;
    case REASON_MISSED_DEVELOPMENT_B:
        if (!r->count) SBUF_LIT(o, "未登记为一般纳税人；");
        v1Amount(o, r, "实际缴纳税款", "发展型", r->has_value && r->value >= r->threshold);
        break;
    case REASON_DEVELOPMENT_C: v1Insured(o, r, false, true); break;
    case REASON_MISSED_DEVELOPMENT_C: v1Insured(o, r, false, false); break;
    case REASON_DEVELOPMENT_D: v1Ip(o, r, true, true); break;
    case REASON_MISSED_DEVELOPMENT_D: v1Ip(o, r, true, false); break;
    case REASON_DEVELOPMENT_E: v1Ip(o, r, false, true); break;
    case REASON_MISSED_DEVELOPMENT_E: v1Ip(o, r, false, false); break;
    case REASON_GROWTH_A: v1Amount(o, r, "营业收入", "成长型", true); break;
    case REASON_MISSED_GROWTH_A: v1Amount(o, r, "营业收入", "成长型", false); break;
    case REASON_GROWTH_B: v1Amount(o, r, "实际缴纳税款", "成长型", true); break;
    case REASON_MISSED_GROWTH_B: v1Amount(o, r, "实际缴纳税款", "成长型", false); break;
    case REASON_GROWTH_C: v1Insured(o, r, true, true); break;
    case REASON_MISSED_GROWTH_C: v1Insured(o, r, true, false); break;
    case REASON_NOTE_SEASONAL_SUSPENSION:
        SBUF_LIT(o, "自 ");
        v1Date(o, r->date);
        SBUF_LIT(o, " 起歇业备案，但属季节性经营，不因歇业排除");
        break;
    case REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM:
        SBUF_LIT(o, "自 ");
        v1Date(o, r->date);
        SBUF_LIT(o, " 起的歇业备案已超过法定最长歇业期（");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年，至 ");
        v1Date(o, r->date2);
        SBUF_LIT(o, " 止），不再因歇业排除（RULES.md 解释）");
        break;
    case REASON_SURVIVAL_NEW:
    case REASON_SURVIVAL_DEFAULT:
    case REASON_MISSED_AGE:
    case REASON_MISSED_TAX_REGISTRATION: v1Survival(o, r); break;
    default: v1Ineligible(o, r); break;
    }
}
