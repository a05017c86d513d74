/* The bank channel over HTTP, the bank's side (issue 10 §5; decisions 110-116): a
 * bank's list, look-up and XLSX download of the businesses consenting to it today
 * (the owner's side is api_consent.c). Every answer is recorded per business and
 * audited before it is sent; when that fails the answer is 503 and nothing is sent. */
#include "http/routes.h"
#include "app/bank.h"
#include "core/error.h"
#include "core/uscc.h"
#include "http/api_round.h"
#include "io/jsonw.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static appActor bankActor(const httpCtx *c) {
    return (appActor){.name = c->who.username, .role = c->who.role_name, .client = c->client};
}

/* Records the answer's businesses, then answers out (or 503 when it cannot record). */
static void bankServe(httpCtx *c, const char *what, const char *const *usccs, const unsigned *scopes, size_t n,
                      sbuf *out) {
    const appActor who = bankActor(c);
    store *s = httpStore(c);
    storeIdle(s); /* the reads are done: the record is the only write */
    if (bankRecordAccess(s, &who, c->who.department, what, usccs, scopes, n, httpNow())) {
        sbufFree(out);
        httpFail(c, 503, "无法记录查询，请稍后重试 (cannot record the access)");
        return;
    }
    httpReply(c, 200, out);
}

typedef struct bankPage {
    int n;
    storeBankConsent k[BANK_PAGE_MAX];
    char uscc[BANK_PAGE_MAX][USCC_LEN + 1];
    const char *usccs[BANK_PAGE_MAX];
    unsigned scopes[BANK_PAGE_MAX];
} bankPage;

static int bankPageRow(void *ctx, const storeBankConsent *k) {
    bankPage *p = ctx;
    snprintf(p->uscc[p->n], USCC_LEN + 1, "%s", k->uscc);
    p->k[p->n] = (storeBankConsent){.uscc = p->uscc[p->n], .from = k->from, .to = k->to, .scopes = k->scopes};
    p->n++;
    return 0;
}

/* GET /api/bank/businesses?after=&limit=: the businesses consenting to this bank
 * today, by USCC, limit (default 50, at most BANK_PAGE_MAX) after the USCC after. */
void apiBankList(httpCtx *c) {
    const char *after = httpQuery(c, "after"), *limit_s = httpQuery(c, "limit");
    const int limit = limit_s ? atoi(limit_s) : 50;
    if (limit < 1 || limit > BANK_PAGE_MAX || (after && usccValidate(after, strlen(after)))) {
        httpFail(c, 400, "limit 为 1 至 200，after 为统一社会信用代码 (limit 1..200, after a USCC)");
        return;
    }
    bankPage *p = calloc(1, sizeof *p);
    if (!p) {
        httpFail(c, 500, "内存不足 (out of memory)");
        return;
    }
    store *s = httpStore(c);
    const civilDate today = roundToday(c);
    const storeBankConsentFilter f = {.bank = c->who.department, .valid_on = today, .after = after, .limit = limit};
    int rc = c->who.department[0] ? storeEachBankConsent(s, &f, bankPageRow, p) : 0;
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"businesses\":[");
    arena a;
    arenaInit(&a, 8192, 0);
    size_t n = 0;
    for (int i = 0; i < p->n && !rc; i++) {
        bankBusiness b;
        arenaReset(&a);
        rc = bankLoad(s, &p->k[i], today, &a, &b);
        if (rc == GH_ENOTFOUND) { rc = 0; continue; }
        if (rc) break;
        if (n) sbufPutc(&out, ',');
        bankBusinessJson(&out, &b);
        p->usccs[n] = p->uscc[i], p->scopes[n++] = b.scopes;
    }
    arenaFree(&a);
    sbufPuts(&out, "],\"next\":");
    if (p->n == limit) jsonwString(&out, p->uscc[p->n - 1]);
    else sbufPuts(&out, "null");
    sbufPutc(&out, '}');
    if (rc) sbufFree(&out), httpFail(c, 500, "读取失败 (read failed)");
    else bankServe(c, "list", p->usccs, p->scopes, n, &out);
    free(p);
}

typedef struct bankFind { const char *bank; civilDate today; storeBankConsent k; bool found; } bankFind;

static int bankFindOne(void *ctx, const storeBankConsent *k) {
    bankFind *f = ctx;
    if (strcmp(k->bank, f->bank) || k->withdrawn_at || k->from > f->today || f->today > k->to) return 0;
    f->k = (storeBankConsent){.from = k->from, .to = k->to, .scopes = k->scopes};
    f->found = true;
    return 1;
}

/* GET /api/bank/businesses/{uscc}: one business consenting to this bank today; any
 * other answers 404 as if unknown (decision 114). */
void apiBankBusiness(httpCtx *c) {
    const char *uscc = c->params[0];
    if (usccValidate(uscc, strlen(uscc))) {
        httpFail(c, 400, "统一社会信用代码无效 (invalid USCC)");
        return;
    }
    store *s = httpStore(c);
    bankFind f = {.bank = c->who.department, .today = roundToday(c)};
    const storeBankConsentFilter q = {.uscc = uscc};
    int rc = f.bank[0] ? storeEachBankConsent(s, &q, bankFindOne, &f) : 0;
    if (rc >= 0 && !f.found) rc = GH_ENOTFOUND;
    arena a;
    arenaInit(&a, 8192, 0);
    bankBusiness b;
    f.k.uscc = uscc;
    if (rc >= 0) rc = bankLoad(s, &f.k, f.today, &a, &b);
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败");
        return;
    }
    sbuf out;
    sbufInit(&out);
    bankBusinessJson(&out, &b);
    arenaFree(&a);
    const unsigned scopes = f.k.scopes;
    bankServe(c, "lookup", &uscc, &scopes, 1, &out);
}

/* GET /api/bank/export: the list as XLSX, written to a temporary file, recorded, then sent. */
void apiBankExport(httpCtx *c) {
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/getihu-bank-XXXXXX", dir && *dir ? dir : "/tmp");
    const int tmp = mkstemp(path);
    store *s = httpStore(c);
    arena a;
    arenaInit(&a, 65536, 0);
    const char **usccs = NULL;
    unsigned *scopes = NULL;
    size_t n = 0;
    int rc = tmp < 0 ? GH_EIO : bankExportXlsx(s, c->who.department, roundToday(c), path, &a, &usccs, &scopes, &n);
    if (tmp >= 0) close(tmp);
    const int fd = rc ? -1 : open(path, O_RDONLY);
    if (tmp >= 0) unlink(path);
    const off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    const appActor who = bankActor(c);
    storeIdle(s);
    if (size < 0) rc = rc ? rc : GH_EIO;
    else if (bankRecordAccess(s, &who, c->who.department, "download", usccs, scopes, n, httpNow())) rc = GH_EBUSY;
    arenaFree(&a);
    if (rc) {
        if (fd >= 0) close(fd);
        httpFail(c, rc == GH_EBUSY ? 503 : 500, rc == GH_EBUSY ? "无法记录下载，请稍后重试 (cannot record the download)"
                                                                : "导出失败 (export failed)");
        return;
    }
    lseek(fd, 0, SEEK_SET);
    httpHeader(c, "Content-Disposition", "attachment; filename=\"bank-consents.xlsx\"");
    httpReplyFile(c, fd, (uint64_t)size, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}
