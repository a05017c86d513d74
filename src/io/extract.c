#include "io/extract.h"
#include "core/error.h"
#include "rules/typing.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *extractKindName(extractKind k) { return kindGet(k)->name; }

int extractKindParse(extractKind *k, const char *name) {
    for (int i = 0; i < EXTRACT__COUNT; i++)
        if (strcmp(kindGet((extractKind)i)->name, name) == 0) {
            *k = (extractKind)i;
            return 0;
        }
    return GH_EINVAL;
}

int extractKindList(char *out, size_t n) {
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < EXTRACT__COUNT; i++) {
        const int w = snprintf(out + used, n - used, "%s%s", i ? ", " : "", kindGet((extractKind)i)->name);
        if (w < 0 || (size_t)w >= n - used) return GH_EINVAL;
        used += (size_t)w;
    }
    return 0;
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
static bool exNamesMatch(const char *names, const char *h, size_t n) {
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        const size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncasecmp(p, h, n) == 0) return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

/* True when header text h names column c (its English name or an alias). */
static bool exNameMatch(const kindColumn *c, const char *h, size_t n) {
    return exNamesMatch(c->name, h, n) || exNamesMatch(c->aliases, h, n);
}

/* The record being read: a CSV reader's or a row source's (io/rows.h). */
typedef struct exCells { const csvReader *csv; const rowReader *rows; } exCells;

static size_t exCount(const exCells *c) { return c->csv ? c->csv->nfields : c->rows->nfields; }

static const char *exCell(const exCells *c, size_t i, size_t *n, cellType *t) {
    if (c->csv) {
        *t = CELL_TEXT;
        return csvField(c->csv, i, n);
    }
    return rowsField(c->rows, i, n, t);
}

static int exHeaderMap(extractHeader *h, extractKind k, const exCells *r, char *err, size_t errsize) {
    const importKind *kind = kindGet(k);
    memset(h, 0, sizeof *h);
    h->kind = k;
    for (int c = 0; c < EXTRACT_MAX_COLUMNS; c++) h->column[c] = -1;
    for (size_t i = 0; i < exCount(r); i++) {
        size_t n;
        cellType t;
        const char *f = exTrim(exCell(r, i, &n, &t), &n);
        int hit = -1;
        for (int c = 0; c < kind->ncols && hit < 0; c++)
            if (exNameMatch(&kind->cols[c], f, n)) hit = c;
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
            snprintf(err, errsize, "缺少必需的列 %s（可用列名：%s|%s）(required column missing)",
                     kind->cols[c].aliases, kind->cols[c].name, kind->cols[c].aliases);
            return GH_EINVAL;
        }
    return 0;
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

/* The city's types (bizType values of rules/typing.h), Chinese labels and codes. */
static const exAlias exCityTypes[] = {
    {"survival", TYPE_SURVIVAL}, {"生存型", TYPE_SURVIVAL}, {"growth", TYPE_GROWTH}, {"成长型", TYPE_GROWTH},
    {"development", TYPE_DEVELOPMENT}, {"发展型", TYPE_DEVELOPMENT}, {"ineligible", TYPE_INELIGIBLE},
    {"不符合分型条件", TYPE_INELIGIBLE}, {NULL, 0}};

/* The date of row that column col fills, or NULL when col is no date. */
static civilDate *exDateSlot(extractRow *row, kindCol col) {
    switch (col) {
    case KC_ESTABLISHED: return &row->established;
    case KC_FILED_ON: return &row->filed_on;
    case KC_ABN_FROM: case KC_FROM: return &row->from;
    case KC_ABN_TO: case KC_TO: return &row->to;
    case KC_DECIDED_ON: return &row->decided_on;
    case KC_REPAIRED_ON: return &row->repaired_on;
    default: return NULL;
    }
}

/* Parses one column value into row. 0, or -1 with msg. */
static int exValue(extractRow *row, kindCol col, const char *s, size_t n, arena *a, char *msg, size_t ms) {
    int v;
    switch (col) {
    case KC_USCC: {
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
    case KC_LEGACY:
        if (regnoValidate(s, n)) { usccMessage(regnoValidate(s, n), s, n, msg, ms); return -1; }
        memcpy(row->legacy_reg_no, s, REGNO_LEN);
        row->legacy_reg_no[REGNO_LEN] = '\0';
        return 0;
    case KC_NAME: case KC_OPNAME: case KC_OPID: case KC_TOWN: case KC_INDUSTRY: case KC_ADDRESS: case KC_TM_REGNO:
    case KC_PATENT_NO: {
        const char *copy = arenaStrndup(a, s, n);
        if (!copy) { snprintf(msg, ms, "内存不足 (out of memory)"); return -1; }
        const char **slot = col == KC_NAME ? &row->name : col == KC_OPNAME ? &row->operator_name
                          : col == KC_OPID ? &row->operator_id : col == KC_TOWN ? &row->town
                          : col == KC_INDUSTRY ? &row->industry : col == KC_ADDRESS ? &row->address
                          : col == KC_TM_REGNO ? &row->reg_no : &row->patent_no;
        *slot = copy;
        return 0;
    }
    case KC_ESTABLISHED: case KC_FILED_ON: case KC_ABN_FROM: case KC_ABN_TO: case KC_FROM: case KC_TO:
    case KC_DECIDED_ON: case KC_REPAIRED_ON: {
        civilDate d;
        if (exDate(&d, s, n)) {
            snprintf(msg, ms, "日期无效 \"%.*s\"，应为 " DATE_PLAUSIBLE_MIN_TEXT " 至 " DATE_PLAUSIBLE_MAX_TEXT " 之间的真实日期，如 2024-05-20、2024/5/20 或 20240520 (invalid date)",
                     (int)(n < 40 ? n : 40), s);
            return -1;
        }
        *exDateSlot(row, col) = d;
        return 0;
    }
    case KC_STATUS:
        if (exLookup(exStatuses, s, n, &v)) { snprintf(msg, ms, "未知登记状态 \"%.*s\"，应为 在营、吊销、注销 或 撤销 (unknown status)", (int)(n < 40 ? n : 40), s); return -1; }
        row->status = (bizStatus)v;
        return 0;
    case KC_SEASONAL: case KC_TAXREG: case KC_GENTAX: case KC_IN_USE: case KC_PUBLICIZED: {
        bool b;
        if (exBool(&b, s, n)) { snprintf(msg, ms, "应为 是/否 (expected yes or no)"); return -1; }
        if (col == KC_SEASONAL) row->seasonal = b;
        else if (col == KC_TAXREG) { row->tax_registered = b; row->has_tax_registered = true; }
        else if (col == KC_GENTAX) { row->general_taxpayer = b; row->has_general_taxpayer = true; }
        else if (col == KC_IN_USE) row->in_use = b;
        else row->publicized = b;
        return 0;
    }
    case KC_YEAR:
        if (exDigits(s, n, &v) || v < 1900 || v > 9999) { snprintf(msg, ms, "年度应为四位数字，如 2024 (expected a year)"); return -1; }
        row->year = v;
        row->has_year = true;
        return 0;
    case KC_EMPLOYEES: case KC_COUNT: {
        long long x = 0;
        if (n == 0 || n > 8 || strspn(s, "0123456789") < n) { snprintf(msg, ms, "应为非负整数，如 3 (expected a whole number)"); return -1; }
        for (size_t i = 0; i < n; i++) x = x * 10 + (s[i] - '0');
        if (col == KC_EMPLOYEES) row->employees = (int)x;
        else { row->count = (int)x; row->has_count = true; }
        return 0;
    }
    case KC_REVENUE:
        if (exMoney(&row->revenue, s, n, msg, ms)) return -1;
        row->has_revenue = true;
        return 0;
    case KC_TAXPAID:
        if (exMoney(&row->tax_paid, s, n, msg, ms)) return -1;
        row->has_tax_paid = true;
        return 0;
    case KC_HOLDER:
        if (exLookup(exHolders, s, n, &v)) { snprintf(msg, ms, "应为 个体工商户 或 经营者 (business/operator)"); return -1; }
        row->holder = (ipHolder)v;
        return 0;
    case KC_PKIND:
        if (exLookup(exPenalties, s, n, &v)) { snprintf(msg, ms, "未知处罚种类 \"%.*s\"，应为 警告、罚款、没收违法所得、暂扣许可证件、责令停产停业 或 行政拘留 等 (unknown penalty kind)", (int)(n < 40 ? n : 40), s); return -1; }
        row->penalty = (penaltyKind)v;
        return 0;
    case KC_GROUP:
        if (exLookup(exGroups, s, n, &v)) { snprintf(msg, ms, "未知人员类别 \"%.*s\"，应为 退役军人/高校毕业生/残疾人/返乡创业农民工 (unknown group)", (int)(n < 40 ? n : 40), s); return -1; }
        row->group = (unsigned)v;
        return 0;
    case KC_CITY_TYPE:
        if (exLookup(exCityTypes, s, n, &v)) { snprintf(msg, ms, "未知分型结果 \"%.*s\"，应为 生存型/成长型/发展型/不符合分型条件 (unknown type)", (int)(n < 40 ? n : 40), s); return -1; }
        row->city_type = v;
        return 0;
    case KC__COUNT: break;
    }
    return 0;
}

_Static_assert(KC__COUNT <= 64, "a row's filled columns are a 64-bit set");

/* Applies the kind's checks across columns (filled: the columns of the row that
 * were not empty, a bit per kindCol). 0, or GH_EINVAL with field and msg. */
static int exChecks(extractRow *row, const importKind *kind, unsigned long long filled, char *field,
                    size_t fieldsize, char *msg, size_t msgsize) {
    for (int i = 0; i < KIND_MAX_CHECKS && kind->checks[i].type != KCHECK_NONE; i++) {
        const kindCheck *ck = &kind->checks[i];
        bool bad;
        if (ck->type == KCHECK_NEEDS) {
            bad = ((filled >> ck->a) & 1) && !((filled >> ck->b) & 1);
        } else {
            const civilDate *a = exDateSlot(row, ck->a), *b = exDateSlot(row, ck->b);
            assert(a && b);
            bad = *a != DATE_NONE && *b != DATE_NONE && *a < *b;
        }
        if (bad) {
            snprintf(field, fieldsize, "%s", ck->field ? ck->field : kind->name);
            snprintf(msg, msgsize, "%s", ck->message);
            return GH_EINVAL;
        }
    }
    return 0;
}

int extractHeaderMap(extractHeader *h, extractKind k, const csvReader *r, char *err, size_t errsize) {
    const exCells c = {.csv = r};
    return exHeaderMap(h, k, &c, err, errsize);
}

int extractHeaderMapRows(extractHeader *h, extractKind k, const rowReader *r, char *err, size_t errsize) {
    const exCells c = {.rows = r};
    return exHeaderMap(h, k, &c, err, errsize);
}

/* Whether col holds a date. */
static bool exDateColumn(kindCol col) {
    extractRow probe;
    return exDateSlot(&probe, col) != NULL;
}

/* Decision 131: how a spreadsheet cell becomes the text the column's parser reads.
 * Text is itself; a number is the text the file stores ("1234.5"), refused in
 * scientific notation (an ID or USCC typed as a number has lost its digits); a
 * date cell only in a date column; an error value never. 0, or -1 with msg. */
static int exCellCheck(kindCol col, cellType t, const char *s, size_t n, char *msg, size_t ms) {
    if (t == CELL_ERROR) {
        snprintf(msg, ms, "单元格是错误值 %.*s，请先修正公式 (error value in cell)", (int)(n < 20 ? n : 20), s);
        return -1;
    }
    if (t == CELL_DATE && !exDateColumn(col)) {
        snprintf(msg, ms, "这是日期单元格，但本列不是日期；请把该列设置为“文本”格式后重新输入 (a date in a non-date column)");
        return -1;
    }
    if (t == CELL_NUMBER && (memchr(s, 'E', n) || memchr(s, 'e', n))) {
        snprintf(msg, ms, "数字以科学计数法保存（%.*s），位数已丢失；请把该列设置为“文本”格式后重新输入 (number stored in "
                 "scientific notation: format the column as text)", (int)(n < 30 ? n : 30), s);
        return -1;
    }
    return 0;
}

/* Names column c (col) of the header for a message: its label, or its names when the file lacks it. */
static void exFieldName(char *field, size_t fieldsize, const extractHeader *h, const kindColumn *col, int c) {
    if (h->column[c] >= 0) snprintf(field, fieldsize, "%s", h->label[c]);
    else snprintf(field, fieldsize, "%s|%s", col->name, col->aliases);
}

/* field is written only with an error (decision 331: formatting it for every cell of
 * every row was a quarter of the reading thread's time). */
static int exRowParse(extractRow *row, const extractHeader *h, const exCells *r, arena *a, char *field,
                      size_t fieldsize, char *msg, size_t msgsize) {
    const importKind *kind = kindGet(h->kind);
    unsigned long long filled = 0;
    memset(row, 0, sizeof *row);
    row->established = row->filed_on = row->from = row->to = row->decided_on = row->repaired_on = DATE_NONE;
    row->employees = -1;
    for (int c = 0; c < kind->ncols; c++) {
        const kindColumn *col = &kind->cols[c];
        size_t n = 0;
        cellType t = CELL_TEXT;
        const char *s = h->column[c] >= 0 ? exTrim(exCell(r, (size_t)h->column[c], &n, &t), &n) : "";
        if (n == 0) {
            if (col->required) {
                exFieldName(field, fieldsize, h, col, c);
                snprintf(msg, msgsize, "不能为空 (required)");
                return GH_EINVAL;
            }
            continue;
        }
        if (exCellCheck(col->id, t, s, n, msg, msgsize) || exValue(row, col->id, s, n, a, msg, msgsize)) {
            exFieldName(field, fieldsize, h, col, c);
            return GH_EINVAL;
        }
        filled |= 1ull << col->id;
    }
    if (exChecks(row, kind, filled, field, fieldsize, msg, msgsize)) return GH_EINVAL; /* names its field */
    /* One listing per row where the row gives its start (required on the lists). */
    if (kind->targets & FACT_INTERVAL) {
        row->list = kind->list;
        row->has_interval = row->from != DATE_NONE;
    }
    return 0;
}

int extractRowParse(extractRow *row, const extractHeader *h, const csvReader *r, arena *a, char *field,
                    size_t fieldsize, char *msg, size_t msgsize) {
    const exCells c = {.csv = r};
    return exRowParse(row, h, &c, a, field, fieldsize, msg, msgsize);
}

int extractRowParseRows(extractRow *row, const extractHeader *h, const rowReader *r, arena *a, char *field,
                        size_t fieldsize, char *msg, size_t msgsize) {
    const exCells c = {.rows = r};
    return exRowParse(row, h, &c, a, field, fieldsize, msg, msgsize);
}
