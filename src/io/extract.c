#include "io/extract.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef enum {
    C_USCC, C_NAME, C_OPNAME, C_OPID, C_ESTABLISHED, C_STATUS, C_TOWN, C_INDUSTRY, C_ADDRESS, C_SEASONAL, C_LEGACY,
    C_YEAR, C_FILED_ON, C_REVENUE, C_EMPLOYEES, C_TAXREG, C_GENTAX, C_TAXPAID, C_ABN_FROM, C_ABN_TO, C_COUNT,
    C_TM_REGNO, C_HOLDER, C_IN_USE, C_PATENT_NO, C_FROM, C_TO, C_DECIDED_ON, C_PKIND, C_PUBLICIZED, C_REPAIRED_ON,
    C_GROUP
} exCol;

typedef struct exColumn {
    exCol col;
    const char *names; /* "canonical|别名|别名" — the first is the English name */
    bool required;
} exColumn;

typedef struct exKind {
    const char *name;
    const char *label; /* Chinese */
    exColumn cols[EXTRACT_MAX_COLUMNS];
    int ncols;
} exKind;

#define USCC_COL {C_USCC, "uscc|统一社会信用代码|社会信用代码|信用代码", true}
#define FROM_TO(from_names, to_names) {C_FROM, from_names, true}, {C_TO, to_names, false}

static const exKind exKinds[EXTRACT__COUNT] = {
    [EXTRACT_DOSSIERS] = {"dossiers", "完整档案（JSON Lines）", {{0}}, 0},
    [EXTRACT_REGISTRATION] = {"registration", "登记信息",
        {USCC_COL, {C_NAME, "name|字号名称|名称|个体工商户名称|字号", false},
         {C_OPNAME, "operator_name|经营者姓名|经营者", false},
         {C_OPID, "operator_id|经营者身份证号|经营者证件号码|身份证号码|证件号码", false},
         {C_ESTABLISHED, "established|成立日期|注册日期", true}, {C_STATUS, "status|登记状态|状态", true},
         {C_TOWN, "town|所属镇街|镇街|乡镇街道", false}, {C_INDUSTRY, "industry|行业代码|国民经济行业代码", false},
         {C_ADDRESS, "address|经营场所|住所|地址", false}, {C_SEASONAL, "seasonal|季节性经营|是否季节性经营", false},
         {C_LEGACY, "legacy_reg_no|注册号|原注册号", false}}, 11},
    [EXTRACT_ANNUAL_REPORTS] = {"annual_reports", "年度报告",
        {USCC_COL, {C_YEAR, "year|年度|年报年度|报告年度", true},
         {C_FILED_ON, "filed_on|报送日期|年报报送日期|提交日期", false},
         {C_REVENUE, "revenue|营业收入|销售额|营业额|销售额或营业收入", false},
         {C_EMPLOYEES, "employees|从业人数|从业人员", false}}, 5},
    [EXTRACT_TAX] = {"tax", "税务信息",
        {USCC_COL, {C_TAXREG, "tax_registered|税务登记|是否税务登记|已税务登记", false},
         {C_GENTAX, "general_taxpayer|一般纳税人|是否一般纳税人", false}, {C_YEAR, "year|年度|所属年度|税款所属年度", false},
         {C_TAXPAID, "tax_paid|amount|实缴税款|实际缴纳税款|实缴税额|入库税款", false},
         {C_ABN_FROM, "tax_abnormal_from|非正常户认定日期|认定非正常户日期", false},
         {C_ABN_TO, "tax_abnormal_to|非正常户解除日期|解除非正常户日期", false}}, 7},
    [EXTRACT_INSURANCE] = {"insurance", "社会保险",
        {USCC_COL, {C_YEAR, "year|年度|参保年度", true},
         {C_COUNT, "count|insured_employees|单位参保人数|参保人数|以单位形式参保人数", true}}, 3},
    [EXTRACT_TRADEMARKS] = {"trademarks", "商标",
        {USCC_COL, {C_TM_REGNO, "reg_no|商标注册号|注册号", true},
         {C_HOLDER, "holder|持有人类型|注册人类型|商标注册人类型", true},
         {C_IN_USE, "in_use|是否实际使用|实际使用|在经营中使用", false}}, 4},
    [EXTRACT_PATENTS] = {"patents", "专利",
        {USCC_COL, {C_PATENT_NO, "number|专利号|申请号", true}, {C_HOLDER, "holder|专利权人类型|权利人类型", true}}, 3},
    [EXTRACT_ABNORMAL_LIST] = {"abnormal_list", "经营异常名录",
        {USCC_COL, FROM_TO("from|列入日期|列入经营异常名录日期", "to|移出日期|恢复正常记载状态日期")}, 3},
    [EXTRACT_SERIOUS_ILLEGAL] = {"serious_illegal", "严重违法失信名单",
        {USCC_COL, FROM_TO("from|列入日期|列入严重违法失信名单日期", "to|移出日期|信用修复日期")}, 3},
    [EXTRACT_SUSPENSIONS] = {"suspensions", "歇业备案",
        {USCC_COL, FROM_TO("from|歇业开始日期|歇业备案日期|歇业起始日期", "to|歇业结束日期|恢复营业日期")}, 3},
    [EXTRACT_PENALTIES] = {"penalties", "行政处罚",
        {USCC_COL, {C_DECIDED_ON, "decided_on|处罚决定日期|决定日期|作出处罚决定日期", true},
         {C_PKIND, "kind|处罚种类|处罚类别", true}, {C_PUBLICIZED, "publicized|是否公示|已公示", false},
         {C_REPAIRED_ON, "repaired_on|信用修复日期|修复日期", false}}, 5},
    [EXTRACT_DISHONEST_DEBTORS] = {"dishonest_debtors", "失信被执行人",
        {USCC_COL, FROM_TO("from|列入日期|发布日期|失信发布日期", "to|移出日期|撤销日期|屏蔽日期")}, 3},
    [EXTRACT_OPERATOR_GROUPS] = {"operator_groups", "经营者人员类别",
        {USCC_COL, {C_GROUP, "group|人员类别|群体类别|人员类型", true}}, 2},
};

const char *extractKindName(extractKind k) { return exKinds[k].name; }

int extractKindParse(extractKind *k, const char *name) {
    for (int i = 0; i < EXTRACT__COUNT; i++)
        if (strcmp(exKinds[i].name, name) == 0) {
            *k = (extractKind)i;
            return 0;
        }
    return GH_EINVAL;
}

const char *extractKindList(void) {
    return "dossiers, registration, annual_reports, tax, insurance, trademarks, patents, abnormal_list, "
           "serious_illegal, suspensions, penalties, dishonest_debtors, operator_groups";
}

/* Trims ASCII white space (line breaks included) and full-width spaces: a value
 * that is only white space is empty, so a required one is missing (issue 8
 * finding 19). */
static bool exSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
static const char *exTrim(const char *s, size_t *n) {
    for (bool more = true; more;) {
        more = false;
        while (*n && exSpace(*s)) { s++; (*n)--; more = true; }
        while (*n >= 3 && !memcmp(s, "\xE3\x80\x80", 3)) { s += 3; *n -= 3; more = true; }
        while (*n && exSpace(s[*n - 1])) { (*n)--; more = true; }
        while (*n >= 3 && !memcmp(s + *n - 3, "\xE3\x80\x80", 3)) { *n -= 3; more = true; }
    }
    return s;
}

/* True when header text h matches one of names ("a|b|c"), case-blind for ASCII. */
static bool exNameMatch(const char *names, const char *h, size_t n) {
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        const size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, h, n) == 0) return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

int extractHeaderMap(extractHeader *h, extractKind k, const csvReader *r, char *err, size_t errsize) {
    const exKind *kind = &exKinds[k];
    memset(h, 0, sizeof *h);
    h->kind = k;
    for (int c = 0; c < EXTRACT_MAX_COLUMNS; c++) h->column[c] = -1;
    for (size_t i = 0; i < r->nfields; i++) {
        size_t n;
        const char *f = exTrim(csvField(r, i, &n), &n);
        int hit = -1;
        for (int c = 0; c < kind->ncols && hit < 0; c++)
            if (exNameMatch(kind->cols[c].names, f, n)) hit = c;
        if (hit < 0) {
            h->ignored++;
            continue;
        }
        if (h->column[hit] >= 0) {
            snprintf(err, errsize, "列 \"%.*s\" 与第 %d 列重复 (column given twice)", (int)(n < 60 ? n : 60), f,
                     h->column[hit] + 1);
            return GH_EINVAL;
        }
        h->column[hit] = (int)i;
        snprintf(h->label[hit], sizeof h->label[hit], "%.*s", (int)(n < 60 ? n : 60), f);
    }
    for (int c = 0; c < kind->ncols; c++)
        if (kind->cols[c].required && h->column[c] < 0) {
            const char *bar = strchr(kind->cols[c].names, '|');
            snprintf(err, errsize, "缺少必需的列 %s（可用列名：%s）(required column missing)",
                     bar ? bar + 1 : kind->cols[c].names, kind->cols[c].names);
            return GH_EINVAL;
        }
    return 0;
}

const char *extractChineseHeader(extractKind k) {
    static const char *const headers[EXTRACT__COUNT] = {
        [EXTRACT_REGISTRATION] = "统一社会信用代码,字号名称,经营者姓名,经营者身份证号,成立日期,登记状态,所属镇街,行业代码,经营场所,季节性经营,注册号",
        [EXTRACT_ANNUAL_REPORTS] = "统一社会信用代码,年报年度,报送日期,营业收入,从业人数",
        [EXTRACT_TAX] = "统一社会信用代码,税务登记,一般纳税人,所属年度,实缴税款,非正常户认定日期,非正常户解除日期",
        [EXTRACT_INSURANCE] = "统一社会信用代码,参保年度,单位参保人数",
        [EXTRACT_TRADEMARKS] = "统一社会信用代码,商标注册号,持有人类型,是否实际使用",
        [EXTRACT_PATENTS] = "统一社会信用代码,专利号,专利权人类型",
        [EXTRACT_ABNORMAL_LIST] = "统一社会信用代码,列入日期,移出日期",
        [EXTRACT_SERIOUS_ILLEGAL] = "统一社会信用代码,列入日期,移出日期",
        [EXTRACT_SUSPENSIONS] = "统一社会信用代码,歇业开始日期,歇业结束日期",
        [EXTRACT_PENALTIES] = "统一社会信用代码,处罚决定日期,处罚种类,是否公示,信用修复日期",
        [EXTRACT_DISHONEST_DEBTORS] = "统一社会信用代码,列入日期,移出日期",
        [EXTRACT_OPERATOR_GROUPS] = "统一社会信用代码,人员类别",
    };
    return headers[k];
}

/* ---- values as offices write them ---- */

static int exDigits(const char *s, size_t n, int *out) {
    if (n == 0 || n > 4) return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* A run of 1 to max digits at s[*i..n), as a number; -1 when none or longer. */
static int exNumber(const char *s, size_t n, size_t *i, size_t max) {
    size_t j = *i;
    while (j < n && j - *i < max + 1 && s[j] >= '0' && s[j] <= '9') j++;
    int v;
    if (j == *i || j - *i > max || exDigits(s + *i, j - *i, &v)) return -1;
    *i = j;
    return v;
}

/* True when s[*i..n) starts with the separator sep (1 byte, or a 3-byte 年/月/日). */
static bool exSep(const char *s, size_t n, size_t *i, const char *sep) {
    const size_t k = strlen(sep);
    if (n - *i < k || memcmp(s + *i, sep, k)) return false;
    *i += k;
    return true;
}

/* One date rule for every extract (issue 8 finding 20): YYYY-MM-DD, YYYY/M/D,
 * YYYY.M.D (one separator throughout, month and day of one or two digits),
 * YYYYMMDD, YYYY年M月D日 (日 optional), and Excel's "YYYY-MM-DD 00:00:00"; a
 * real day, within the plausible range of core/date.h. */
static int exDate(civilDate *out, const char *s, size_t n) {
    if (n > 9 && !memcmp(s + n - 9, " 00:00:00", 9)) n -= 9;
    int y, m, d;
    size_t i = 0;
    if (n == 8 && strspn(s, "0123456789") >= 8) {
        if (exDigits(s, 4, &y) || exDigits(s + 4, 2, &m) || exDigits(s + 6, 2, &d)) return -1;
    } else {
        if (n < 4 || exDigits(s, 4, &y)) return -1;
        i = 4;
        static const char *const seps[][3] = {{"-", "-", ""}, {"/", "/", ""}, {".", ".", ""}, {"年", "月", "日"}};
        size_t k = 0;
        while (k < 4 && !exSep(s, n, &i, seps[k][0])) k++;
        if (k == 4 || (m = exNumber(s, n, &i, 2)) < 0 || !exSep(s, n, &i, seps[k][1]) || (d = exNumber(s, n, &i, 2)) < 0)
            return -1;
        if (seps[k][2][0]) exSep(s, n, &i, seps[k][2]);
        if (i != n) return -1;
    }
    if (m < 1 || m > 12 || d < 1 || d > dateDaysInMonth(y, m)) return -1;
    const civilDate date = dateFromYmd(y, m, d);
    if (!datePlausible(date)) return -1;
    *out = date;
    return 0;
}

static int exBool(bool *out, const char *s, size_t n) {
    static const char *const yes[] = {"是", "Y", "y", "1", "true", "TRUE", "True", "yes", "YES", "有"};
    static const char *const no[] = {"否", "N", "n", "0", "false", "FALSE", "False", "no", "NO", "无"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strlen(yes[i]) == n && !memcmp(yes[i], s, n)) { *out = true; return 0; }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strlen(no[i]) == n && !memcmp(no[i], s, n)) { *out = false; return 0; }
    return -1;
}

/* Yuan with optional thousands separators ("1,200.50"), exact (core/money.c). */
static int exMoney(money *out, const char *s, size_t n, char *msg, size_t msgsize) {
    char buf[64];
    size_t k = 0, digits_since_comma = 0;
    bool comma = false;
    for (size_t i = 0; i < n; i++) {
        if (k + 1 >= sizeof buf) { /* never cut: a long amount is an error, not its first 63 characters */
            snprintf(msg, msgsize, "金额过长 (amount longer than %zu characters)", sizeof buf - 1);
            return -1;
        }
        if (s[i] == ',') {
            if ((comma && digits_since_comma != 3) || (!comma && (digits_since_comma == 0 || digits_since_comma > 3))) {
                snprintf(msg, msgsize, "千位分隔符位置不对 (misplaced thousands separator)");
                return -1;
            }
            comma = true;
            digits_since_comma = 0;
            continue;
        }
        if (s[i] == '.' && comma && digits_since_comma != 3) {
            snprintf(msg, msgsize, "千位分隔符位置不对 (misplaced thousands separator)");
            return -1;
        }
        if (s[i] >= '0' && s[i] <= '9') digits_since_comma++;
        else if (s[i] == '.') comma = false, digits_since_comma = 4; /* stop checking groups */
        buf[k++] = s[i];
    }
    if (comma && digits_since_comma != 3) { /* the last group after a separator has three digits */
        snprintf(msg, msgsize, "千位分隔符位置不对 (misplaced thousands separator)");
        return -1;
    }
    const int rc = moneyParse(out, buf, k);
    if (rc) snprintf(msg, msgsize, "%s", moneyMessage(rc));
    return rc ? -1 : 0;
}

typedef struct exAlias { const char *text; int value; } exAlias;

static int exLookup(const exAlias *t, const char *s, size_t n, int *out) {
    for (; t->text; t++)
        if (strlen(t->text) == n && strncasecmp(t->text, s, n) == 0) {
            *out = t->value;
            return 0;
        }
    return -1;
}

static const exAlias exStatuses[] = {
    {"registered", STATUS_REGISTERED}, {"登记在册", STATUS_REGISTERED}, {"在营", STATUS_REGISTERED},
    {"存续", STATUS_REGISTERED}, {"开业", STATUS_REGISTERED}, {"在业", STATUS_REGISTERED},
    {"revoked", STATUS_REVOKED}, {"吊销", STATUS_REVOKED}, {"已吊销", STATUS_REVOKED},
    {"cancelled", STATUS_CANCELLED}, {"注销", STATUS_CANCELLED}, {"已注销", STATUS_CANCELLED},
    {"withdrawn", STATUS_WITHDRAWN}, {"撤销", STATUS_WITHDRAWN}, {"已撤销", STATUS_WITHDRAWN}, {NULL, 0}};
static const exAlias exHolders[] = {
    {"business", HOLDER_BUSINESS}, {"个体工商户", HOLDER_BUSINESS}, {"本户", HOLDER_BUSINESS},
    {"operator", HOLDER_OPERATOR}, {"经营者", HOLDER_OPERATOR}, {"经营者本人", HOLDER_OPERATOR}, {NULL, 0}};
static const exAlias exPenalties[] = {
    {"warning", PENALTY_WARNING}, {"警告", PENALTY_WARNING}, {"通报批评", PENALTY_WARNING},
    {"fine", PENALTY_FINE}, {"罚款", PENALTY_FINE},
    {"confiscation", PENALTY_CONFISCATION}, {"没收", PENALTY_CONFISCATION},
    {"没收违法所得", PENALTY_CONFISCATION}, {"没收非法财物", PENALTY_CONFISCATION},
    {"licence", PENALTY_LICENCE}, {"暂扣许可证件", PENALTY_LICENCE}, {"降低资质等级", PENALTY_LICENCE},
    {"吊销许可证件", PENALTY_LICENCE},
    {"restriction", PENALTY_RESTRICTION}, {"限制开展生产经营活动", PENALTY_RESTRICTION},
    {"责令停产停业", PENALTY_RESTRICTION}, {"责令关闭", PENALTY_RESTRICTION}, {"限制从业", PENALTY_RESTRICTION},
    {"detention", PENALTY_DETENTION}, {"行政拘留", PENALTY_DETENTION}, {NULL, 0}};
static const exAlias exGroups[] = {
    {"veteran", GROUP_VETERAN}, {"退役军人", GROUP_VETERAN}, {"graduate", GROUP_GRADUATE},
    {"高校毕业生", GROUP_GRADUATE}, {"disabled", GROUP_DISABLED}, {"残疾人", GROUP_DISABLED},
    {"returning_migrant", GROUP_RETURNING_MIGRANT}, {"返乡创业农民工", GROUP_RETURNING_MIGRANT},
    {"返乡入乡创业人员", GROUP_RETURNING_MIGRANT}, {NULL, 0}};

/* Parses one column value into row. 0, or -1 with msg. */
static int exValue(extractRow *row, exCol col, const char *s, size_t n, arena *a, char *msg, size_t ms) {
    int v;
    switch (col) {
    case C_USCC: {
        char code[USCC_LEN + 8];
        const int rc = usccValidate(s, n);
        if (rc) {
            usccMessage(rc, s, n, msg, ms);
            return -1;
        }
        memcpy(code, s, USCC_LEN);
        memcpy(row->uscc, code, USCC_LEN);
        row->uscc[USCC_LEN] = '\0';
        return 0;
    }
    case C_LEGACY:
        if (regnoValidate(s, n)) { usccMessage(regnoValidate(s, n), s, n, msg, ms); return -1; }
        memcpy(row->legacy_reg_no, s, REGNO_LEN);
        row->legacy_reg_no[REGNO_LEN] = '\0';
        return 0;
    case C_NAME: case C_OPNAME: case C_OPID: case C_TOWN: case C_INDUSTRY: case C_ADDRESS: case C_TM_REGNO:
    case C_PATENT_NO: {
        const char *copy = arenaStrndup(a, s, n);
        if (!copy) { snprintf(msg, ms, "内存不足 (out of memory)"); return -1; }
        const char **slot = col == C_NAME ? &row->name : col == C_OPNAME ? &row->operator_name
                          : col == C_OPID ? &row->operator_id : col == C_TOWN ? &row->town
                          : col == C_INDUSTRY ? &row->industry : col == C_ADDRESS ? &row->address
                          : col == C_TM_REGNO ? &row->reg_no : &row->patent_no;
        *slot = copy;
        return 0;
    }
    case C_ESTABLISHED: case C_FILED_ON: case C_ABN_FROM: case C_ABN_TO: case C_FROM: case C_TO:
    case C_DECIDED_ON: case C_REPAIRED_ON: {
        civilDate d;
        if (exDate(&d, s, n)) {
            snprintf(msg, ms, "日期无效 \"%.*s\"，应为 " DATE_PLAUSIBLE_MIN_TEXT " 至 " DATE_PLAUSIBLE_MAX_TEXT " 之间的真实日期，如 2024-05-20、2024/5/20 或 20240520 (invalid date)",
                     (int)(n < 40 ? n : 40), s);
            return -1;
        }
        civilDate *slot = col == C_ESTABLISHED ? &row->established : col == C_FILED_ON ? &row->filed_on
                        : col == C_ABN_FROM || col == C_FROM ? &row->from : col == C_ABN_TO || col == C_TO ? &row->to
                        : col == C_DECIDED_ON ? &row->decided_on : &row->repaired_on;
        *slot = d;
        return 0;
    }
    case C_STATUS:
        if (exLookup(exStatuses, s, n, &v)) { snprintf(msg, ms, "未知登记状态 \"%.*s\" (unknown status)", (int)(n < 40 ? n : 40), s); return -1; }
        row->status = (bizStatus)v;
        return 0;
    case C_SEASONAL: case C_TAXREG: case C_GENTAX: case C_IN_USE: case C_PUBLICIZED: {
        bool b;
        if (exBool(&b, s, n)) { snprintf(msg, ms, "应为 是/否 (expected yes or no)"); return -1; }
        if (col == C_SEASONAL) row->seasonal = b;
        else if (col == C_TAXREG) { row->tax_registered = b; row->has_tax_registered = true; }
        else if (col == C_GENTAX) { row->general_taxpayer = b; row->has_general_taxpayer = true; }
        else if (col == C_IN_USE) row->in_use = b;
        else row->publicized = b;
        return 0;
    }
    case C_YEAR:
        if (exDigits(s, n, &v) || v < 1900 || v > 9999) { snprintf(msg, ms, "年度应为四位数字 (expected a year)"); return -1; }
        row->year = v;
        row->has_year = true;
        return 0;
    case C_EMPLOYEES: case C_COUNT: {
        long long x = 0;
        if (n == 0 || n > 8 || strspn(s, "0123456789") < n) { snprintf(msg, ms, "应为非负整数 (expected a whole number)"); return -1; }
        for (size_t i = 0; i < n; i++) x = x * 10 + (s[i] - '0');
        if (col == C_EMPLOYEES) row->employees = (int)x;
        else { row->count = (int)x; row->has_count = true; }
        return 0;
    }
    case C_REVENUE:
        if (exMoney(&row->revenue, s, n, msg, ms)) return -1;
        row->has_revenue = true;
        return 0;
    case C_TAXPAID:
        if (exMoney(&row->tax_paid, s, n, msg, ms)) return -1;
        row->has_tax_paid = true;
        return 0;
    case C_HOLDER:
        if (exLookup(exHolders, s, n, &v)) { snprintf(msg, ms, "应为 个体工商户 或 经营者 (business/operator)"); return -1; }
        row->holder = (ipHolder)v;
        return 0;
    case C_PKIND:
        if (exLookup(exPenalties, s, n, &v)) { snprintf(msg, ms, "未知处罚种类 \"%.*s\" (unknown penalty kind)", (int)(n < 40 ? n : 40), s); return -1; }
        row->penalty = (penaltyKind)v;
        return 0;
    case C_GROUP:
        if (exLookup(exGroups, s, n, &v)) { snprintf(msg, ms, "未知人员类别 \"%.*s\"，应为 退役军人/高校毕业生/残疾人/返乡创业农民工 (unknown group)", (int)(n < 40 ? n : 40), s); return -1; }
        row->group = (unsigned)v;
        return 0;
    }
    return 0;
}

static listKind exListOf(extractKind k) {
    switch (k) {
    case EXTRACT_ABNORMAL_LIST: return LIST_ABNORMAL;
    case EXTRACT_SERIOUS_ILLEGAL: return LIST_SERIOUS_ILLEGAL;
    case EXTRACT_SUSPENSIONS: return LIST_SUSPENSION;
    case EXTRACT_DISHONEST_DEBTORS: return LIST_DISHONEST_DEBTOR;
    default: return LIST_TAX_ABNORMAL;
    }
}

int extractRowParse(extractRow *row, const extractHeader *h, const csvReader *r, arena *a, char *field,
                    size_t fieldsize, char *msg, size_t msgsize) {
    const exKind *kind = &exKinds[h->kind];
    memset(row, 0, sizeof *row);
    row->established = row->filed_on = row->from = row->to = row->decided_on = row->repaired_on = DATE_NONE;
    row->employees = -1;
    for (int c = 0; c < kind->ncols; c++) {
        const exColumn *col = &kind->cols[c];
        size_t n = 0;
        const char *s = h->column[c] >= 0 ? exTrim(csvField(r, (size_t)h->column[c], &n), &n) : "";
        snprintf(field, fieldsize, "%s", h->column[c] >= 0 ? h->label[c] : col->names);
        if (n == 0) {
            if (col->required) {
                snprintf(msg, msgsize, "不能为空 (required)");
                return GH_EINVAL;
            }
            continue;
        }
        if (exValue(row, col->col, s, n, a, msg, msgsize)) return GH_EINVAL;
    }
    /* Checks across columns. */
    snprintf(field, fieldsize, "%s", kind->name);
    if (h->kind == EXTRACT_TAX) {
        if (row->has_tax_paid && !row->has_year) {
            snprintf(field, fieldsize, "%s", "year");
            snprintf(msg, msgsize, "有实缴税款时须填写所属年度 (tax paid needs its year)");
            return GH_EINVAL;
        }
        if (row->to != DATE_NONE && row->from == DATE_NONE) {
            snprintf(msg, msgsize, "有非正常户解除日期时须填写认定日期 (an end needs a start)");
            return GH_EINVAL;
        }
        row->has_interval = row->from != DATE_NONE;
    }
    if (h->kind >= EXTRACT_ABNORMAL_LIST && h->kind <= EXTRACT_SUSPENSIONS) row->has_interval = true;
    if (h->kind == EXTRACT_DISHONEST_DEBTORS) row->has_interval = true;
    row->list = exListOf(h->kind);
    if (row->has_interval && row->to != DATE_NONE && row->to < row->from) {
        snprintf(msg, msgsize, "结束日期早于开始日期 (ends before it starts)");
        return GH_EINVAL;
    }
    if (h->kind == EXTRACT_PENALTIES && row->repaired_on != DATE_NONE && row->repaired_on < row->decided_on) {
        snprintf(msg, msgsize, "信用修复日期早于处罚决定日期 (repaired before decided)");
        return GH_EINVAL;
    }
    return 0;
}
