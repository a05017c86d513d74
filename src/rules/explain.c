#include "rules/explain.h"
#include "core/error.h"
#include <assert.h>
#include <string.h>

typedef struct explainEntry {
    const char *code;
    const char *article;
} explainEntry;

/* Indexed by reasonCode; article ids from RULES.md. */
static const explainEntry explainTable[REASON__COUNT] = {
    [REASON_INELIGIBLE_STATUS] = {"INELIGIBLE.STATUS", "A1.3.1-status"},
    [REASON_INELIGIBLE_NO_ANNUAL_REPORT] = {"INELIGIBLE.NO_ANNUAL_REPORT", "A1.3.1-report"},
    [REASON_INELIGIBLE_ABNORMAL_LIST] = {"INELIGIBLE.ABNORMAL_LIST", "A1.3.1(1)"},
    [REASON_INELIGIBLE_SERIOUS_ILLEGAL] = {"INELIGIBLE.SERIOUS_ILLEGAL", "A1.3.1(2)"},
    [REASON_INELIGIBLE_TAX_ABNORMAL] = {"INELIGIBLE.TAX_ABNORMAL", "A1.3.1(3)"},
    [REASON_INELIGIBLE_SUSPENDED] = {"INELIGIBLE.SUSPENDED", "A1.3.1(4)"},
    [REASON_DEVELOPMENT_A] = {"DEVELOPMENT.A", "A1.3.2(3)A"},
    [REASON_DEVELOPMENT_B] = {"DEVELOPMENT.B", "A1.3.2(3)B"},
    [REASON_DEVELOPMENT_C] = {"DEVELOPMENT.C", "A1.3.2(3)C"},
    [REASON_DEVELOPMENT_D] = {"DEVELOPMENT.D", "A1.3.2(3)D"},
    [REASON_DEVELOPMENT_E] = {"DEVELOPMENT.E", "A1.3.2(3)E"},
    [REASON_GROWTH_A] = {"GROWTH.A", "A1.3.2(2)A"},
    [REASON_GROWTH_B] = {"GROWTH.B", "A1.3.2(2)B"},
    [REASON_GROWTH_C] = {"GROWTH.C", "A1.3.2(2)C"},
    [REASON_SURVIVAL_NEW] = {"SURVIVAL.NEW", "A1.3.2(1)"},
    [REASON_SURVIVAL_DEFAULT] = {"SURVIVAL.DEFAULT", "A1.3.2(1)"},
    [REASON_MISSED_AGE] = {"MISSED.AGE", "A1.3.2(2)"},
    [REASON_MISSED_TAX_REGISTRATION] = {"MISSED.TAX_REGISTRATION", "A1.3.2(2)"},
    [REASON_MISSED_GROWTH_A] = {"MISSED.GROWTH.A", "A1.3.2(2)A"},
    [REASON_MISSED_GROWTH_B] = {"MISSED.GROWTH.B", "A1.3.2(2)B"},
    [REASON_MISSED_GROWTH_C] = {"MISSED.GROWTH.C", "A1.3.2(2)C"},
    [REASON_MISSED_DEVELOPMENT_A] = {"MISSED.DEVELOPMENT.A", "A1.3.2(3)A"},
    [REASON_MISSED_DEVELOPMENT_B] = {"MISSED.DEVELOPMENT.B", "A1.3.2(3)B"},
    [REASON_MISSED_DEVELOPMENT_C] = {"MISSED.DEVELOPMENT.C", "A1.3.2(3)C"},
    [REASON_MISSED_DEVELOPMENT_D] = {"MISSED.DEVELOPMENT.D", "A1.3.2(3)D"},
    [REASON_MISSED_DEVELOPMENT_E] = {"MISSED.DEVELOPMENT.E", "A1.3.2(3)E"},
    [REASON_NOTE_SEASONAL_SUSPENSION] = {"NOTE.SEASONAL_SUSPENSION", "A1.3.1(4)"},
    [REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM] = {"NOTE.SUSPENSION_BEYOND_MAXIMUM", "A1.3.1(4)"},
};

const char *explainCode(reasonCode c) {
    assert((unsigned)c < REASON__COUNT && explainTable[c].code);
    return explainTable[c].code;
}

const char *explainArticle(reasonCode c) {
    assert((unsigned)c < REASON__COUNT && explainTable[c].article);
    return explainTable[c].article;
}

/* DATA.md §3: the stored code back to its reason (A1.3). */
int explainParse(reasonCode *out, const char *code, size_t len) {
    for (int i = 0; i < REASON__COUNT; i++)
        if (strlen(explainTable[i].code) == len && !memcmp(explainTable[i].code, code, len)) {
            *out = (reasonCode)i;
            return 0;
        }
    return GH_EINVAL;
}

const char *explainStatusLabel(bizStatus s) {
    static const char *const labels[] = {"登记在册", "吊销", "注销", "撤销"};
    assert((unsigned)s < 4);
    return labels[s];
}

static void explainMoney(sbuf *o, money v) {
    char buf[MONEY_STRLEN];
    sbufAppend(o, buf, moneyFormat(buf, v));
}

static void explainDate(sbuf *o, civilDate d) {
    char buf[DATE_STRLEN];
    dateFormat(buf, d);
    sbufAppend(o, buf, DATE_STRLEN - 1);
}

/* "2024年度营业收入 350000.00 元，达到成长型标准 300000.00 元" and its missed twin. */
static void explainAmount(sbuf *o, const typingReason *r, const char *what, const char *level, bool met) {
    if (!r->has_value) {
        SBUF_LIT(o, "未取得");
        sbufPutInt(o, r->year);
        SBUF_LIT(o, "年度");
        sbufPuts(o, what);
        SBUF_LIT(o, "数据，");
        sbufPuts(o, level);
        SBUF_LIT(o, "标准为 ");
        explainMoney(o, r->threshold);
        SBUF_LIT(o, " 元");
        return;
    }
    sbufPutInt(o, r->year);
    SBUF_LIT(o, "年度");
    sbufPuts(o, what);
    SBUF_LIT(o, " ");
    explainMoney(o, r->value);
    SBUF_LIT(o, " 元，");
    sbufPuts(o, met ? "达到" : "未达到");
    sbufPuts(o, level);
    SBUF_LIT(o, "标准 ");
    explainMoney(o, r->threshold);
    SBUF_LIT(o, " 元");
    if (!met) {
        SBUF_LIT(o, "，尚差 ");
        explainMoney(o, r->threshold - r->value);
        SBUF_LIT(o, " 元");
    }
}

static void explainInsured(sbuf *o, const typingReason *r, bool growth, bool met) {
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

static void explainList(sbuf *o, const typingReason *r, const char *list, const char *not_ended) {
    SBUF_LIT(o, "自 ");
    explainDate(o, r->date);
    SBUF_LIT(o, " 起");
    sbufPuts(o, list);
    SBUF_LIT(o, "，截至判定基准日 ");
    explainDate(o, r->date2);
    SBUF_LIT(o, " ");
    sbufPuts(o, not_ended);
}

static void explainIneligible(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_INELIGIBLE_STATUS:
        SBUF_LIT(o, "登记状态为“");
        sbufPuts(o, explainStatusLabel((bizStatus)r->count));
        SBUF_LIT(o, "”，不是登记在册状态");
        break;
    case REASON_INELIGIBLE_NO_ANNUAL_REPORT:
        if (r->date != DATE_NONE) {
            sbufPutInt(o, r->year);
            SBUF_LIT(o, "年度年度报告于 ");
            explainDate(o, r->date);
            SBUF_LIT(o, " 报送，晚于判定基准日 ");
            explainDate(o, r->date2);
        } else {
            SBUF_LIT(o, "截至判定基准日 ");
            explainDate(o, r->date2);
            SBUF_LIT(o, " 未报送");
            sbufPutInt(o, r->year);
            SBUF_LIT(o, "年度年度报告");
        }
        break;
    case REASON_INELIGIBLE_ABNORMAL_LIST:
        explainList(o, r, "被标记为经营异常状态", "尚未恢复正常记载状态");
        break;
    case REASON_INELIGIBLE_SERIOUS_ILLEGAL:
        explainList(o, r, "被列入严重违法失信名单", "未实施信用修复");
        break;
    case REASON_INELIGIBLE_TAX_ABNORMAL:
        explainList(o, r, "被税务部门列为非正常户", "尚未解除");
        break;
    case REASON_INELIGIBLE_SUSPENDED:
        SBUF_LIT(o, "自 ");
        explainDate(o, r->date);
        SBUF_LIT(o, " 起办理歇业备案，尚在法定最长歇业期（");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年，至 ");
        explainDate(o, r->date2);
        SBUF_LIT(o, "）内");
        break;
    default: assert(0 && "not an ineligibility reason");
    }
}

static void explainSurvival(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_SURVIVAL_NEW:
        SBUF_LIT(o, "当年新成立（成立日期 ");
        explainDate(o, r->date);
        SBUF_LIT(o, "），自动判定符合分型条件并划定为生存型");
        break;
    case REASON_SURVIVAL_DEFAULT:
        SBUF_LIT(o, "符合基础标准，但不满足成长型和发展型标准");
        break;
    case REASON_MISSED_AGE:
        SBUF_LIT(o, "成立于 ");
        explainDate(o, r->date);
        SBUF_LIT(o, "，至判定基准日未满 ");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年（满 ");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年之日为 ");
        explainDate(o, r->date2);
        SBUF_LIT(o, "），不适用成长型、发展型标准");
        break;
    case REASON_MISSED_TAX_REGISTRATION:
        SBUF_LIT(o, "未做税务登记纳入税务管理，不适用成长型、发展型标准");
        break;
    default: assert(0 && "not a survival reason");
    }
}

static void explainIp(sbuf *o, const typingReason *r, bool trademark, bool met) {
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

void explainText(sbuf *o, const typingReason *r) {
    switch (r->code) {
    case REASON_DEVELOPMENT_A: explainAmount(o, r, "营业收入", "发展型", true); break;
    case REASON_MISSED_DEVELOPMENT_A: explainAmount(o, r, "营业收入", "发展型", false); break;
    case REASON_DEVELOPMENT_B:
        SBUF_LIT(o, "税务部门登记为一般纳税人，");
        explainAmount(o, r, "实际缴纳税款", "发展型", true);
        break;
    case REASON_MISSED_DEVELOPMENT_B:
        if (!r->count) SBUF_LIT(o, "未登记为一般纳税人；");
        explainAmount(o, r, "实际缴纳税款", "发展型", r->has_value && r->value >= r->threshold);
        break;
    case REASON_DEVELOPMENT_C: explainInsured(o, r, false, true); break;
    case REASON_MISSED_DEVELOPMENT_C: explainInsured(o, r, false, false); break;
    case REASON_DEVELOPMENT_D: explainIp(o, r, true, true); break;
    case REASON_MISSED_DEVELOPMENT_D: explainIp(o, r, true, false); break;
    case REASON_DEVELOPMENT_E: explainIp(o, r, false, true); break;
    case REASON_MISSED_DEVELOPMENT_E: explainIp(o, r, false, false); break;
    case REASON_GROWTH_A: explainAmount(o, r, "营业收入", "成长型", true); break;
    case REASON_MISSED_GROWTH_A: explainAmount(o, r, "营业收入", "成长型", false); break;
    case REASON_GROWTH_B: explainAmount(o, r, "实际缴纳税款", "成长型", true); break;
    case REASON_MISSED_GROWTH_B: explainAmount(o, r, "实际缴纳税款", "成长型", false); break;
    case REASON_GROWTH_C: explainInsured(o, r, true, true); break;
    case REASON_MISSED_GROWTH_C: explainInsured(o, r, true, false); break;
    case REASON_NOTE_SEASONAL_SUSPENSION:
        SBUF_LIT(o, "自 ");
        explainDate(o, r->date);
        SBUF_LIT(o, " 起歇业备案，但属季节性经营，不因歇业排除");
        break;
    case REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM:
        SBUF_LIT(o, "自 ");
        explainDate(o, r->date);
        SBUF_LIT(o, " 起的歇业备案已超过法定最长歇业期（");
        sbufPutInt(o, r->count);
        SBUF_LIT(o, " 年，至 ");
        explainDate(o, r->date2);
        SBUF_LIT(o, " 止），不再因歇业排除（RULES.md 解释）");
        break;
    case REASON_SURVIVAL_NEW:
    case REASON_SURVIVAL_DEFAULT:
    case REASON_MISSED_AGE:
    case REASON_MISSED_TAX_REGISTRATION: explainSurvival(o, r); break;
    default: explainIneligible(o, r); break;
    }
}
