#include "cli/cli.h"
#include "app/reconcile.h"
#include "core/error.h"
#include "io/json.h"
#include "rules/explain.h"
#include "rules/privacy.h"
#include "store/store.h"
#include <string.h>

static const char showUsage[] =
    "用法 Usage: getihu show [--db FILE] [--personal] QUERY\n"
    "\n"
    "查询个体工商户：QUERY 可为统一社会信用代码、15 位注册号或名称的一部分（一两个汉字也可以）。\n"
    "只有一户时显示档案摘要、各年度分型结果及理由、改动过它的导入记录；多户时列出匹配项。\n"
    "经营者姓名和身份证号默认隐藏，--personal 显示（仅供经办人员）。\n"
    "Looks a business up by USCC, legacy 注册号 or part of its name.\n";

typedef struct showHits {
    int n;
    char uscc[USCC_LEN + 1];
} showHits;

static int showListHit(void *ctx, const storeHit *h) {
    showHits *c = ctx;
    if (c->n++ == 0) snprintf(c->uscc, sizeof c->uscc, "%s", h->uscc);
    printf("  %s  %-s  %s  %s%s%s\n", h->uscc, h->name ? h->name : "（无字号）", h->town ? h->town : "",
           explainStatusLabel(h->status), h->legacy_reg_no ? "  注册号 " : "", h->legacy_reg_no ? h->legacy_reg_no : "");
    return 0;
}


static void showDate(const char *label, civilDate d) {
    char buf[DATE_STRLEN];
    if (d == DATE_NONE) {
        printf("%s—", label);
        return;
    }
    dateFormat(buf, d);
    printf("%s%s", label, buf);
}

static void showIntervals(const char *label, dIntervals l) {
    if (!l.n) return;
    printf("  %s:", label);
    for (size_t i = 0; i < l.n; i++) {
        showDate(i ? "；" : " ", l.v[i].from);
        showDate(" 至 ", l.v[i].to);
    }
    printf("\n");
}

static void showDossier(const dossier *d, bool personal) {
    char buf[MONEY_STRLEN], masked[64];
    printf("%s  %s\n", d->uscc, d->name ? d->name : "（无字号）");
    if (d->operator_name) {
        if (personal) printf("  经营者: %s  身份证号: %s\n", d->operator_name, d->operator_id ? d->operator_id : "—");
        else privacyMaskName(d->operator_name, masked, sizeof masked), printf("  经营者: %s（个人信息已隐藏，--personal 显示）\n", masked);
    }
    showDate("  成立日期 ", d->established);
    printf("  登记状态 %s  镇街 %s  行业 %s%s%s\n", explainStatusLabel(d->status), d->town ? d->town : "—",
           d->industry ? d->industry : "—", d->legacy_reg_no[0] ? "  注册号 " : "", d->legacy_reg_no);
    printf("  税务登记 %s  一般纳税人 %s  季节性经营 %s", d->tax_registered ? "是" : "否",
           d->general_taxpayer ? "是" : "否", d->seasonal ? "是" : "否");
    static const char *const groups[] = {"退役军人", "高校毕业生", "残疾人", "返乡创业农民工"};
    for (int g = 0; g < 4; g++)
        if (d->operator_groups & (1u << g)) printf("  %s", groups[g]);
    printf("\n");
    for (size_t i = 0; i < d->n_annual_reports; i++) {
        const dAnnualReport *ar = &d->annual_reports[i];
        printf("  %d年度年报: ", ar->year);
        showDate("报送 ", ar->filed_on);
        if (ar->has_revenue) moneyFormat(buf, ar->revenue), printf("  营业收入 %s 元", buf);
        if (ar->employees >= 0) printf("  从业人数 %d", ar->employees);
        printf("\n");
    }
    for (size_t i = 0; i < d->n_tax_paid; i++)
        moneyFormat(buf, d->tax_paid[i].amount), printf("  %d年度实缴税款 %s 元\n", d->tax_paid[i].year, buf);
    for (size_t i = 0; i < d->n_insured; i++) printf("  %d年度单位参保 %d 人\n", d->insured[i].year, d->insured[i].count);
    showIntervals("经营异常名录", d->abnormal_list);
    showIntervals("严重违法失信名单", d->serious_illegal_list);
    showIntervals("税务非正常户", d->tax_abnormal);
    showIntervals("歇业备案", d->suspensions);
    showIntervals("失信被执行人", d->dishonest_debtor);
    for (size_t i = 0; i < d->n_trademarks; i++)
        printf("  商标 %s（%s，%s）\n", d->trademarks[i].reg_no, d->trademarks[i].holder == HOLDER_BUSINESS ? "个体工商户" : "经营者",
               d->trademarks[i].in_use ? "在经营中使用" : "未使用");
    for (size_t i = 0; i < d->n_patents; i++) printf("  专利 %s\n", d->patents[i].number);
    static const char *const kinds[] = {"警告", "罚款", "没收", "许可类", "限制经营类", "行政拘留"};
    for (size_t i = 0; i < d->n_penalties; i++) {
        showDate("  行政处罚 ", d->penalties[i].decided_on);
        printf(" %s%s", kinds[d->penalties[i].kind], d->penalties[i].publicized ? " 已公示" : "");
        if (d->penalties[i].repaired_on != DATE_NONE) showDate(" 信用修复 ", d->penalties[i].repaired_on);
        printf("\n");
    }
}

typedef struct showCtx { arena a; int n; } showCtx;

static int showResult(void *ctx, const storeResult *r) {
    showCtx *c = ctx;
    c->n++;
    printf("  %d  %s  [第 %lld 次分型，%s%s]\n", r->year, typingTypeLabel(r->type), (long long)r->run_id,
           appSourceLabel(r->source), r->published ? "，已公布" : "");
    jsonReader j;
    arenaReset(&c->a);
    jsonInit(&j, r->reasons, r->reasons_len, &c->a);
    bool first = true;
    if (jsonArrayBegin(&j)) return 0;
    while (jsonArrayNext(&j, &first) == 1) {
        const char *key, *v, *code = "", *art = "", *text = "";
        size_t kn, vn;
        bool ofirst = true;
        if (jsonObjectBegin(&j)) return 0;
        while (jsonObjectNext(&j, &ofirst, &key, &kn) == 1) {
            if (jsonString(&j, &v, &vn)) return 0;
            if (jsonKeyIs(key, kn, "code")) code = v;
            else if (jsonKeyIs(key, kn, "article")) art = v;
            else if (jsonKeyIs(key, kn, "text")) text = v;
        }
        printf("      %-28s %-14s %s\n", code, art, text);
    }
    return 0;
}

static int showImport(void *ctx, const storeImport *i) {
    (void)ctx;
    printf("  #%lld  %s  %-16s %s  (%s)\n", (long long)i->id, i->started_at, i->kind, i->file_name, i->actor);
    return 0;
}

int cmdShow(int argc, char **argv) {
    const char *db = NULL;
    bool personal = false;
    char *args[64];
    int nargs = 0;
    for (int i = 0; i < argc && nargs < 64; i++) {
        if (strcmp(argv[i], "--personal") == 0) personal = true;
        else args[nargs++] = argv[i];
    }
    const char *query[1];
    int nq = 0;
    const cliOption opts[] = {{"--db", &db}, {NULL, NULL}};
    int rc = cliParse("show", showUsage, nargs, args, opts, query, 1, &nq);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (nq != 1 || !*query[0]) {
        cliError("show", "需要一个查询词 (need a QUERY)");
        return EXIT_USAGE;
    }
    store *s;
    if ((rc = cliOpenStore("show", db, STORE_OPEN_READONLY, &s))) return rc;
    showHits hits = {0};
    rc = storeFind(s, query[0], 50, showListHit, &hits);
    if (!rc && hits.n == 0) printf("没有找到 \"%s\" (nothing found)\n", query[0]);
    if (!rc && hits.n > 1) printf("共 %d 户%s；用统一社会信用代码查看某一户 (use a USCC for details)\n", hits.n, hits.n == 50 ? "以上" : "");
    if (!rc && hits.n == 1) {
        showCtx c = {.n = 0};
        arenaInit(&c.a, 16 * 1024, 0);
        dossier d;
        printf("\n");
        rc = storeLoadDossier(s, hits.uscc, &c.a, &d);
        if (!rc) showDossier(&d, personal);
        printf("\n分型结果 (typing results):\n");
        arena keep = c.a;
        arenaInit(&c.a, 16 * 1024, 0);
        if (!rc) rc = storeEachResultOf(s, hits.uscc, showResult, &c);
        if (!rc && !c.n) printf("  尚无 (none yet)\n");
        printf("\n改动过它的导入 (imports that changed it):\n");
        if (!rc) rc = storeEachImportOf(s, hits.uscc, showImport, NULL);
        arenaFree(&c.a);
        arenaFree(&keep);
    }
    if (rc) cliError("show", "%s", storeError(s));
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : hits.n ? EXIT_OK : EXIT_REJECTED;
}
