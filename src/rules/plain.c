#include "rules/plain.h"
#include "rules/explain.h"
#include <assert.h>
#include <stdbool.h>

/* The PUBLIC words of each reason, without the final "。": they are joined with "；" in
 * the summary (decision 150). No figure, no date, no threshold: "上一年度" stands for the
 * data year, "达到…标准" for the comparison (decision 33). Indexed by reasonCode. */
static const char *const plainPhrase[REASON__COUNT] = {
    /* A1.3.1-status */ [REASON_INELIGIBLE_STATUS] = "登记状态不是“登记在册”（已吊销、注销或撤销）",
    /* A1.3.1-report */ [REASON_INELIGIBLE_NO_ANNUAL_REPORT] = "未在判定基准日前报送上一年度年度报告",
    /* A1.3.1(1) */ [REASON_INELIGIBLE_ABNORMAL_LIST] = "被标记为经营异常状态，尚未恢复正常记载状态",
    /* A1.3.1(2) */ [REASON_INELIGIBLE_SERIOUS_ILLEGAL] = "被列入严重违法失信名单，尚未完成信用修复",
    /* A1.3.1(3) */ [REASON_INELIGIBLE_TAX_ABNORMAL] = "被税务部门列为非正常户，尚未解除",
    /* A1.3.1(4) */ [REASON_INELIGIBLE_SUSPENDED] = "已办理歇业备案，尚在法定最长歇业期内",
    /* A1.3.2(3)A */ [REASON_DEVELOPMENT_A] = "上一年度营业收入达到发展型标准",
    /* A1.3.2(3)B */ [REASON_DEVELOPMENT_B] = "为一般纳税人，上一年度实际缴纳税款达到发展型标准",
    /* A1.3.2(3)C */ [REASON_DEVELOPMENT_C] = "上一年度以单位形式参加社会保险的人数（含经营者本人）达到发展型标准",
    /* A1.3.2(3)D */ [REASON_DEVELOPMENT_D] = "持有在经营中实际使用的商标",
    /* A1.3.2(3)E */ [REASON_DEVELOPMENT_E] = "持有专利",
    /* A1.3.2(2)A */ [REASON_GROWTH_A] = "上一年度营业收入达到成长型标准",
    /* A1.3.2(2)B */ [REASON_GROWTH_B] = "上一年度实际缴纳税款达到成长型标准",
    /* A1.3.2(2)C */ [REASON_GROWTH_C] = "上一年度以单位形式参加社会保险的人数（含经营者本人）符合成长型标准",
    /* A1.3.2(1) */ [REASON_SURVIVAL_NEW] = "当年新成立，自动判定符合分型条件并划为生存型",
    /* A1.3.2(1) */ [REASON_SURVIVAL_DEFAULT] = "符合基础标准，但未达到成长型和发展型标准",
    /* A1.3.2(2) */ [REASON_MISSED_AGE] = "成立时间未满成长型、发展型要求的年限",
    /* A1.3.2(2) */ [REASON_MISSED_TAX_REGISTRATION] = "未做税务登记纳入税务管理",
    /* A1.3.2(2)A */ [REASON_MISSED_GROWTH_A] = "上一年度营业收入未达到成长型标准",
    /* A1.3.2(2)B */ [REASON_MISSED_GROWTH_B] = "上一年度实际缴纳税款未达到成长型标准",
    /* A1.3.2(2)C */ [REASON_MISSED_GROWTH_C] = "上一年度以单位形式参加社会保险的人数不符合成长型标准",
    /* A1.3.2(3)A */ [REASON_MISSED_DEVELOPMENT_A] = "上一年度营业收入未达到发展型标准",
    /* A1.3.2(3)B */ [REASON_MISSED_DEVELOPMENT_B] = "未同时具备一般纳税人身份和达到发展型标准的上一年度实缴税款",
    /* A1.3.2(3)C */ [REASON_MISSED_DEVELOPMENT_C] = "上一年度以单位形式参加社会保险的人数未达到发展型标准",
    /* A1.3.2(3)D */ [REASON_MISSED_DEVELOPMENT_D] = "未持有在经营中实际使用的商标",
    /* A1.3.2(3)E */ [REASON_MISSED_DEVELOPMENT_E] = "未持有专利",
    /* A1.3.1(4) */ [REASON_NOTE_SEASONAL_SUSPENSION] = "虽办理了歇业备案，但属季节性经营，不因歇业排除",
    /* A1.3.1(4) */ [REASON_NOTE_SUSPENSION_BEYOND_MAXIMUM] = "歇业备案已超过法定最长歇业期，不再因歇业排除",
};

/* DATA.md §3: RULES.md's codes decide; MISSED.* and NOTE.* explain. */
plainKind plainKindOf(reasonCode c) {
    assert((unsigned)c < REASON__COUNT);
    if (c >= REASON_NOTE_SEASONAL_SUSPENSION) return PLAIN_NOTE;
    return c >= REASON_MISSED_AGE ? PLAIN_MISSED : PLAIN_MET;
}

const char *plainKindCode(plainKind k) {
    static const char *const codes[] = {"met", "missed", "note"};
    return codes[k];
}

/* A1.3: the public register of any reason (article in explainArticle(c)). */
void plainPublic(sbuf *out, reasonCode c) {
    assert((unsigned)c < REASON__COUNT && plainPhrase[c]);
    sbufPuts(out, plainPhrase[c]);
    SBUF_LIT(out, "。");
}

static bool plainDigit(char c) { return c >= '0' && c <= '9'; }

/* True when text[i..] is an amount as moneyFormat writes it ("350000.00"), starting at
 * a word boundary; *int_len is the length of its integer part. */
static bool plainAmountAt(const char *t, size_t n, size_t i, size_t *int_len) {
    const char before = i > 0 ? (char)(t[i - 1] | 0x20) : ' ';
    if (plainDigit(before) || before == '.' || (before >= 'a' && before <= 'z')) return false;
    size_t k = i;
    while (k < n && plainDigit(t[k])) k++;
    if (k == i || k + 3 > n || t[k] != '.' || !plainDigit(t[k + 1]) || !plainDigit(t[k + 2])) return false;
    if (k + 3 < n && (plainDigit(t[k + 3]) || t[k + 3] == '.')) return false;
    *int_len = k - i;
    return true;
}

/* A1.3: the full register from explainText's words (figures kept, amounts grouped). */
void plainFullText(sbuf *out, const char *t, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t int_len;
        if (plainDigit(t[i]) && plainAmountAt(t, n, i, &int_len)) {
            for (size_t k = 0; k < int_len; k++) {
                if (k && (int_len - k) % 3 == 0) sbufPutc(out, ',');
                sbufPutc(out, t[i + k]);
            }
            i += int_len;
            continue;
        }
        sbufPutc(out, t[i++]);
    }
    SBUF_LIT(out, "。");
}

/* A1.3: the full register of r (the figures of explainText). */
void plainFull(sbuf *out, const typingReason *r) {
    sbuf t;
    sbufInit(&t);
    explainText(&t, r);
    if (t.failed) out->failed = 1;
    else plainFullText(out, t.data, t.len);
    sbufFree(&t);
}

/* A1.3.2 / A1.3.1: "2025 年度：成长型。依据：…；…。" from the met reasons only. */
void plainSummary(sbuf *out, int year, bizType t, const reasonCode *codes, size_t n) {
    sbufPutInt(out, year);
    SBUF_LIT(out, " 年度：");
    sbufPuts(out, typingTypeLabel(t));
    SBUF_LIT(out, "。");
    int k = 0;
    for (size_t i = 0; i < n; i++) {
        if (plainKindOf(codes[i]) != PLAIN_MET) continue;
        if (k++) SBUF_LIT(out, "；");
        else sbufPuts(out, t == TYPE_INELIGIBLE ? "原因：" : "依据：");
        sbufPuts(out, plainPhrase[codes[i]]);
    }
    if (k) SBUF_LIT(out, "。");
}

/* A1.3.2(1)-(3), A1.3.1; the stages are the scheme's (方案 二、4). */
const char *plainTypeMeaning(bizType t) {
    switch (t) {
    case TYPE_SURVIVAL:
        return "生存型是处于初创阶段、竞争力还不强的个体工商户：符合分型基础标准，但还没有达到成长型和发展型标准，"
               "当年新成立的户也划为生存型。帮扶侧重优化准入服务、降低经营成本和包容审慎监管。";
    case TYPE_GROWTH:
        return "成长型是处于稳定经营阶段、有一定营业收入的个体工商户：成立满规定年限、已做税务登记，"
               "并且营业收入、实缴税款或单位参保人数中至少一项达到成长型标准。帮扶侧重招工、技能培训、社会保险和金融支持。";
    case TYPE_DEVELOPMENT:
        return "发展型是处于持续壮大阶段、有较强市场竞争力的个体工商户：成立满规定年限、已做税务登记，"
               "并且营业收入、一般纳税人实缴税款、单位参保人数中至少一项达到发展型标准，或持有实际使用的商标或专利。"
               "帮扶侧重合规管理、转型升级为企业和知识产权。";
    case TYPE_INELIGIBLE:
        return "不符合分型条件，是指不满足分型的基础标准：须为登记在册状态、按时报送上一年度年度报告，"
               "且不在经营异常名录、严重违法失信名单、税务非正常户或法定歇业期内。这些情形消除后，下一次分型时会重新判定。";
    }
    return "";
}

/* A1.3.2(2)/(3): the next type up and what stands between. */
const char *plainGapHead(bizType t) {
    return t == TYPE_SURVIVAL ? "距离成长型还差：" : t == TYPE_GROWTH ? "距离发展型还差：" : NULL;
}

const char *plainGapNote(bizType t) {
    if (t == TYPE_SURVIVAL)
        return "成长型须成立满规定年限并已做税务登记，营业收入、实缴税款、单位参保人数三项中达到任意一项即可。";
    if (t == TYPE_GROWTH) return "下列各项中达到任意一项，即可划为发展型。";
    return NULL;
}
