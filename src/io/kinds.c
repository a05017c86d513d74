/* The import kinds (io/kinds.h): one descriptor each. Alias order matters only for
 * messages ("缺少必需的列 …" lists them as written here). */
#include "io/kinds.h"
#include "core/error.h"
#include <assert.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Counted lists, so an entry's count can never disagree with its contents. */
#define COLS(...) .cols = {__VA_ARGS__}, .ncols = (int)(sizeof((kindColumn[]){__VA_ARGS__}) / sizeof(kindColumn))
#define KEY(...) .key = {__VA_ARGS__}, .nkey = (int)(sizeof((kindCol[]){__VA_ARGS__}) / sizeof(kindCol))

#define USCC_COL {KC_USCC, "uscc", "统一社会信用代码|社会信用代码|信用代码", "统一社会信用代码", true, \
                  "个体工商户的 18 位统一社会信用代码"}
#define ENDS_BEFORE "结束日期早于开始日期 (ends before it starts)"
/* The interval lists: a start (required) and an end; the key is the start. */
#define INTERVAL_KIND(kind_id, kind_name, kind_label, list_kind, from_aliases, from_title, from_desc, to_aliases, \
                      to_title, to_desc, ...) \
    [kind_id] = {kind_id, kind_name, kind_label, \
                 COLS(USCC_COL, {KC_FROM, "from", from_aliases, from_title, true, from_desc}, \
                      {KC_TO, "to", to_aliases, to_title, false, to_desc}), \
                 KEY(KC_USCC, KC_FROM), {{KCHECK_NOT_BEFORE, KC_TO, KC_FROM, NULL, ENDS_BEFORE}}, FACT_INTERVAL, \
                 list_kind, {__VA_ARGS__}, NULL, true}

static const importKind kinds[EXTRACT__COUNT] = {
    [EXTRACT_DOSSIERS] = {EXTRACT_DOSSIERS, "dossiers", "完整档案（JSON Lines）", .key = {KC_USCC}, .nkey = 1,
        .note = "DATA.md §1 JSON Lines, whole dossiers, upserted by USCC: what a dossier no longer lists is removed"},
    [EXTRACT_REGISTRATION] = {EXTRACT_REGISTRATION, "registration", "登记信息",
        COLS(USCC_COL,
             {KC_NAME, "name", "字号名称|名称|个体工商户名称|字号", "字号名称", false, "字号名称（无字号的可空）"},
             {KC_OPNAME, "operator_name", "经营者姓名|经营者", "经营者姓名", false, "经营者姓名（个人信息，不公开）"},
             {KC_OPID, "operator_id", "经营者身份证号|经营者证件号码|身份证号码|证件号码", "经营者身份证号", false,
              "经营者身份证号（个人信息，不公开）"},
             {KC_ESTABLISHED, "established", "成立日期|注册日期", "成立日期", true, "成立日期"},
             {KC_STATUS, "status", "登记状态|状态", "登记状态", true, "登记状态：在营、吊销、注销或撤销"},
             {KC_TOWN, "town", "所属镇街|镇街|乡镇街道", "所属镇街", false, "所属镇街"},
             {KC_INDUSTRY, "industry", "行业代码|国民经济行业代码", "行业代码", false, "国民经济行业代码"},
             {KC_ADDRESS, "address", "经营场所|住所|地址", "经营场所", false, "经营场所"},
             {KC_SEASONAL, "seasonal", "季节性经营|是否季节性经营", "季节性经营", false, "是否季节性经营：是/否"},
             {KC_LEGACY, "legacy_reg_no", "注册号|原注册号", "注册号", false, "原 15 位注册号"}),
        KEY(KC_USCC), .targets = FACT_REGISTRATION},
    [EXTRACT_ANNUAL_REPORTS] = {EXTRACT_ANNUAL_REPORTS, "annual_reports", "年度报告",
        COLS(USCC_COL, {KC_YEAR, "year", "年度|年报年度|报告年度", "年报年度", true, "年报所属年度"},
             {KC_FILED_ON, "filed_on", "报送日期|年报报送日期|提交日期", "报送日期", false,
              "年报报送日期；空表示未报送"},
             {KC_REVENUE, "revenue", "营业收入|销售额|营业额|销售额或营业收入", "营业收入", false,
              "全年营业收入（元）"},
             {KC_EMPLOYEES, "employees", "从业人数|从业人员", "从业人数", false, "年末从业人数"}),
        KEY(KC_USCC, KC_YEAR), .targets = FACT_ANNUAL_REPORT, .note = "filed_on empty: not filed"},
    [EXTRACT_TAX] = {EXTRACT_TAX, "tax", "税务信息",
        COLS(USCC_COL,
             {KC_TAXREG, "tax_registered", "税务登记|是否税务登记|已税务登记", "税务登记", false,
              "是否已办理税务登记：是/否"},
             {KC_GENTAX, "general_taxpayer", "一般纳税人|是否一般纳税人", "一般纳税人", false, "是否一般纳税人：是/否"},
             {KC_YEAR, "year", "年度|所属年度|税款所属年度", "所属年度", false, "税款所属年度；填实缴税款时必填"},
             {KC_TAXPAID, "tax_paid", "amount|实缴税款|实际缴纳税款|实缴税额|入库税款", "实缴税款", false,
              "该年度实缴税款（元）"},
             {KC_ABN_FROM, "tax_abnormal_from", "非正常户认定日期|认定非正常户日期", "非正常户认定日期", false,
              "认定为非正常户的日期"},
             {KC_ABN_TO, "tax_abnormal_to", "非正常户解除日期|解除非正常户日期", "非正常户解除日期", false,
              "解除非正常户的日期；空表示尚未解除"}),
        KEY(KC_USCC, KC_YEAR),
        {{KCHECK_NEEDS, KC_TAXPAID, KC_YEAR, "year", "有实缴税款时须填写所属年度 (tax paid needs its year)"},
         {KCHECK_NEEDS, KC_ABN_TO, KC_ABN_FROM, NULL, "有非正常户解除日期时须填写认定日期 (an end needs a start)"},
         {KCHECK_NOT_BEFORE, KC_ABN_TO, KC_ABN_FROM, NULL, ENDS_BEFORE}},
        FACT_TAX_FLAGS | FACT_TAX_PAID | FACT_INTERVAL, LIST_TAX_ABNORMAL, {"区税务局"},
        "each filled part of a row is applied; a tax amount needs its year; one row per business and year, "
        "rows without a year carry the flags"},
    [EXTRACT_INSURANCE] = {EXTRACT_INSURANCE, "insurance", "社会保险",
        COLS(USCC_COL, {KC_YEAR, "year", "年度|参保年度", "参保年度", true, "参保年度"},
             {KC_COUNT, "count", "insured_employees|单位参保人数|参保人数|以单位形式参保人数", "单位参保人数", true,
              "以单位形式参保的人数（含经营者本人）"}),
        KEY(KC_USCC, KC_YEAR), .targets = FACT_INSURED, .owners = {"区人力资源社会保障局"},
        .note = "count: people insured in unit form, operator included"},
    [EXTRACT_TRADEMARKS] = {EXTRACT_TRADEMARKS, "trademarks", "商标",
        COLS(USCC_COL, {KC_TM_REGNO, "reg_no", "商标注册号|注册号", "商标注册号", true, "商标注册号"},
             {KC_HOLDER, "holder", "持有人类型|注册人类型|商标注册人类型", "持有人类型", true,
              "商标注册人：个体工商户 或 经营者"},
             {KC_IN_USE, "in_use", "是否实际使用|实际使用|在经营中使用", "是否实际使用", false,
              "是否在经营中实际使用：是/否"}),
        KEY(KC_USCC, KC_TM_REGNO), .targets = FACT_TRADEMARK, .owners = {"区知识产权局"}},
    [EXTRACT_PATENTS] = {EXTRACT_PATENTS, "patents", "专利",
        COLS(USCC_COL, {KC_PATENT_NO, "number", "专利号|申请号", "专利号", true, "专利号"},
             {KC_HOLDER, "holder", "专利权人类型|权利人类型", "专利权人类型", true, "专利权人：个体工商户 或 经营者"}),
        KEY(KC_USCC, KC_PATENT_NO), .targets = FACT_PATENT, .owners = {"区知识产权局"}},
    INTERVAL_KIND(EXTRACT_ABNORMAL_LIST, "abnormal_list", "经营异常名录", LIST_ABNORMAL,
        "列入日期|列入经营异常名录日期", "列入日期", "列入经营异常名录的日期",
        "移出日期|恢复正常记载状态日期", "移出日期", "移出日期；空表示仍在名录中", NULL),
    INTERVAL_KIND(EXTRACT_SERIOUS_ILLEGAL, "serious_illegal", "严重违法失信名单", LIST_SERIOUS_ILLEGAL,
        "列入日期|列入严重违法失信名单日期", "列入日期", "列入严重违法失信名单的日期",
        "移出日期|信用修复日期", "移出日期", "移出日期；空表示仍在名单中", NULL),
    INTERVAL_KIND(EXTRACT_SUSPENSIONS, "suspensions", "歇业备案", LIST_SUSPENSION,
        "歇业开始日期|歇业备案日期|歇业起始日期", "歇业开始日期", "歇业开始日期",
        "歇业结束日期|恢复营业日期", "歇业结束日期", "歇业结束日期；空表示仍在歇业", NULL),
    [EXTRACT_PENALTIES] = {EXTRACT_PENALTIES, "penalties", "行政处罚",
        COLS(USCC_COL,
             {KC_DECIDED_ON, "decided_on", "处罚决定日期|决定日期|作出处罚决定日期", "处罚决定日期", true,
              "作出处罚决定的日期"},
             {KC_PKIND, "kind", "处罚种类|处罚类别", "处罚种类", true, "处罚种类，如 警告、罚款、没收违法所得"},
             {KC_PUBLICIZED, "publicized", "是否公示|已公示", "是否公示", false, "是否已公示：是/否"},
             {KC_REPAIRED_ON, "repaired_on", "信用修复日期|修复日期", "信用修复日期", false,
              "信用修复日期；空表示尚未修复"}),
        KEY(KC_USCC, KC_DECIDED_ON, KC_PKIND),
        {{KCHECK_NOT_BEFORE, KC_REPAIRED_ON, KC_DECIDED_ON, NULL, "信用修复日期早于处罚决定日期 (repaired before decided)"}},
        FACT_PENALTY, .snapshot = true},
    INTERVAL_KIND(EXTRACT_DISHONEST_DEBTORS, "dishonest_debtors", "失信被执行人", LIST_DISHONEST_DEBTOR,
        "列入日期|发布日期|失信发布日期", "列入日期", "列为失信被执行人的日期",
        "移出日期|撤销日期|屏蔽日期", "移出日期", "移出日期；空表示仍在名单中", "区人民法院"),
    [EXTRACT_OPERATOR_GROUPS] = {EXTRACT_OPERATOR_GROUPS, "operator_groups", "经营者人员类别",
        COLS(USCC_COL, {KC_GROUP, "group", "人员类别|群体类别|人员类型", "人员类别", true,
                        "经营者人员类别：退役军人、高校毕业生、残疾人或返乡创业农民工"}),
        KEY(KC_USCC, KC_GROUP), .targets = FACT_OPERATOR_GROUP,
        .owners = {"区人力资源社会保障局", "区退役军人事务局", "区民政局", "区残疾人联合会"},
        .note = "one row per group"},
    /* The city's central typing (S2(一)2), checked against getihu's own run by
     * `getihu reconcile`; never a fact typing reads (decisions 120, 121). */
    [EXTRACT_CITY_TYPES] = {EXTRACT_CITY_TYPES, "city_types", "市级分型结果",
        COLS(USCC_COL, {KC_YEAR, "year", "年度|分型年度|判定年度", "年度", true, "分型年度"},
             {KC_CITY_TYPE, "type", "分型结果|分型类型|类型", "分型结果", true,
              "市级判定的类型：生存型、成长型、发展型或不符合分型条件"}),
        KEY(KC_USCC, KC_YEAR), .targets = FACT_CITY_TYPE,
        .note = "the city's typing result, kept apart from the facts; a file replaces the city's result of each "
                "year it gives; a USCC the directory lacks is kept and reported as 市级有、区级无 (decision 120)"},
};

const importKind *kindGet(extractKind k) {
    assert(k >= 0 && k < EXTRACT__COUNT);
    return &kinds[k];
}

const kindColumn *kindColumnOf(const importKind *k, kindCol c) {
    for (int i = 0; i < k->ncols; i++)
        if (k->cols[i].id == c) return &k->cols[i];
    return NULL;
}

bool kindOwnedBy(const importKind *k, const char *department) {
    if (!department) return false;
    for (int i = 0; i < KIND_MAX_OWNERS && k->owners[i]; i++)
        if (!strcmp(k->owners[i], department)) return true;
    return false;
}

/* s at buf (n bytes) when it fits; its length, as snprintf returns it. Keys are
 * built for every row on the reading thread, where snprintf's parsing of its
 * format was a tenth of the time (decision 331). */
static int keyText(char *buf, size_t n, const char *s) {
    const size_t len = strlen(s);
    if (len < n) memcpy(buf, s, len + 1);
    return len > INT_MAX ? -1 : (int)len;
}

/* v in decimal at buf, as keyText. */
static int keyNumber(char *buf, size_t n, long long v) {
    char tmp[24], *p = tmp + sizeof tmp;
    const bool neg = v < 0;
    unsigned long long u = neg ? 0ull - (unsigned long long)v : (unsigned long long)v;
    *--p = '\0';
    do *--p = (char)('0' + u % 10); while (u /= 10);
    if (neg) *--p = '-';
    return keyText(buf, n, p);
}

/* Writes column c of f as key text at buf (n bytes); an empty column reads "-".
 * The length snprintf would write, or -1 for a column that has no key form. */
static int kindKeyPart(char *buf, size_t n, kindCol c, const bizFact *f) {
    char date[DATE_STRLEN] = "-";
    switch (c) {
    case KC_USCC: return keyText(buf, n, f->uscc);
    case KC_YEAR: return f->has_year ? keyNumber(buf, n, f->year) : keyText(buf, n, "-");
    case KC_TM_REGNO: return keyText(buf, n, f->reg_no ? f->reg_no : "-");
    case KC_PATENT_NO: return keyText(buf, n, f->patent_no ? f->patent_no : "-");
    case KC_FROM: case KC_DECIDED_ON: {
        const civilDate d = c == KC_FROM ? f->from : f->decided_on;
        if (d != DATE_NONE) dateFormat(date, d);
        return keyText(buf, n, date);
    }
    case KC_PKIND: return keyNumber(buf, n, (int)f->penalty);
    case KC_GROUP: return keyNumber(buf, n, f->group);
    default: return -1;
    }
}

int kindKey(char *out, size_t n, const importKind *k, const bizFact *f) {
    assert(n > 0 && k->nkey > 0);
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < k->nkey; i++) {
        if (i) {
            if (used + 1 >= n) return GH_EINVAL;
            out[used++] = '/';
            out[used] = '\0';
        }
        const int w = kindKeyPart(out + used, n - used, k->key[i], f);
        if (w < 0 || (size_t)w >= n - used) return GH_EINVAL;
        used += (size_t)w;
    }
    return 0;
}

/* Whether label is one of names ("a|b|c"), case-blind for ASCII. */
static bool kindNamesHave(const char *names, const char *label) {
    const size_t n = strlen(label);
    for (const char *p = names; p && *p;) {
        const char *bar = strchr(p, '|');
        const size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncasecmp(p, label, n)) return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

const kindColumn *kindColumnByLabel(const importKind *k, const char *label) {
    if (!label) return NULL;
    for (int i = 0; i < k->ncols; i++) {
        const kindColumn *c = &k->cols[i];
        if (kindNamesHave(c->name, label) || kindNamesHave(c->aliases, label) || kindNamesHave(c->title, label))
            return c;
    }
    return NULL;
}
