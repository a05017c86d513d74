/* What a clerk needs around an import (issue 11 §5): a template per kind, the
 * checklist of the year's sources with the last import of each, and the history of
 * past imports. A department account sees only the kinds it supplies. */
#include "http/routes.h"
#include "app/departments.h"
#include "app/import_template.h"
#include "app/params.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/error.h"
#include "io/jsonw.h"
#include "io/kinds.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HISTORY_PAGE_MAX 100
#define IMPORT_CLERKS "区市场监管局"

/* Whether the signed-in account may see kind k: a department only its own. */
static bool listsMayRead(const httpCtx *c, extractKind k) {
    return !(c->who.role & ROLE_DEPARTMENT) || departmentSupplies(c->who.department, k);
}

/* The outcome of an import record in the words of the console, and its code. */
static const char *listsOutcome(const storeImport *i, const char **label) {
    const char *st = i->status ? i->status : "";
    if (!strcmp(st, "committed")) return *label = "已导入", "committed";
    if (!strcmp(st, "dry_run") && i->decided && !strcmp(i->decided, "cancelled")) return *label = "已取消", "cancelled";
    if (!strcmp(st, "dry_run")) return *label = "仅检查，未导入", "checked";
    if (!strcmp(st, "rejected")) return *label = "未导入（文件或数据有错误）", "rejected";
    if (!strcmp(st, "running")) return *label = "进行中", "running";
    return *label = "中断，未写入", "interrupted";
}

/* Appends one import record as JSON: times stay UTC (the console shows them in Beijing time). */
static void listsImportJson(sbuf *out, const storeImport *i) {
    extractKind k;
    const char *label;
    const char *outcome = listsOutcome(i, &label);
    sbufPrintf(out, "{\"id\":%lld,\"kind\":", (long long)i->id);
    jsonwString(out, i->kind);
    jsonwKey(out, "label", 0);
    jsonwString(out, extractKindParse(&k, i->kind) ? i->kind : kindGet(k)->label);
    jsonwKey(out, "file_name", 0); /* the file's own name: a command-line import's folder is the server's (decision 214) */
    const char *slash = strrchr(i->file_name, '/');
    jsonwString(out, slash ? slash + 1 : i->file_name);
    jsonwKey(out, "actor", 0);
    jsonwString(out, i->actor);
    jsonwText(out, "started_at", i->started_at);
    jsonwText(out, "finished_at", i->finished_at);
    jsonwKey(out, "status", 0);
    jsonwString(out, i->status);
    sbufPrintf(out, ",\"outcome\":\"%s\",\"outcome_label\":", outcome);
    jsonwString(out, label);
    sbufPrintf(out, ",\"rows_read\":%lld,\"rows_ok\":%lld,\"rows_bad\":%lld,\"rows_changed\":%lld",
               (long long)i->rows_read, (long long)i->rows_ok, (long long)i->rows_bad, (long long)i->rows_changed);
    jsonwText(out, "snapshot", i->snapshot);
    sbufPutc(out, '}');
}

/* The kind asked by ?kind= (a table kind the account may read), or false after answering. */
static bool listsKind(httpCtx *c, extractKind *k) {
    const char *s = httpQuery(c, "kind");
    if (!s || extractKindParse(k, s) || !kindGet(*k)->ncols) {
        httpFail(c, 400, "需要 kind：一种表格数据（不是完整档案）(kind: a table kind)");
        return false;
    }
    if (!listsMayRead(c, *k)) {
        httpFail(c, 403, "本部门不提供此类数据 (this department does not supply this kind)");
        return false;
    }
    return true;
}

/* Appends "%XX" escapes of s for a Content-Disposition filename* (RFC 5987). */
static void listsPercent(char *out, size_t n, const char *s) {
    size_t used = 0;
    for (; *s && used + 4 < n; s++) {
        const unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' || ch == '-')
            out[used++] = (char)ch;
        else used += (size_t)snprintf(out + used, n - used, "%%%02X", ch);
    }
    out[used] = '\0';
}

/* The download's name: ASCII for old clients, "导入模板-税务信息.xlsx" for the others. */
static void listsDisposition(httpCtx *c, char *buf, size_t n, const importKind *k, const char *ext) {
    char name[160], esc[480];
    snprintf(name, sizeof name, "导入模板-%s.%s", k->label, ext);
    listsPercent(esc, sizeof esc, name);
    snprintf(buf, n, "attachment; filename=\"getihu-template-%s.%s\"; filename*=UTF-8''%s", k->name, ext, esc);
    httpHeader(c, "Content-Disposition", buf);
}

/* Writes the template of k in the format asked into a fresh file under TMPDIR; its
 * descriptor (the name already unlinked), or -1. */
static int listsTemplateFile(extractKind k, bool csv) {
    char path[512];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/getihu-template-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    bool ok;
    if (csv) {
        sbuf out;
        sbufInit(&out);
        ok = !appImportTemplateCsv(&out, k) && write(fd, out.data, out.len) == (ssize_t)out.len;
        sbufFree(&out);
    } else {
        close(fd); /* libxlsxwriter writes the file at path itself */
        ok = !appImportTemplateXlsx(path, k) && (fd = open(path, O_RDONLY)) >= 0;
    }
    unlink(path);
    if (!ok && fd >= 0) close(fd);
    return ok ? fd : -1;
}

/* GET /api/imports/template?kind=K&format=xlsx|csv: the blank file of kind K, its
 * columns under their Chinese titles (decision 191). */
void apiImportTemplate(httpCtx *c) {
    extractKind k;
    if (!listsKind(c, &k)) return;
    const char *format = httpQuery(c, "format");
    const bool csv = format && !strcmp(format, "csv");
    if (format && *format && !csv && strcmp(format, "xlsx")) {
        httpFail(c, 400, "format 应为 xlsx 或 csv (format: xlsx or csv)");
        return;
    }
    const int fd = listsTemplateFile(k, csv);
    const off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (size <= 0 || lseek(fd, 0, SEEK_SET) < 0) {
        if (fd >= 0) close(fd);
        httpFail(c, 500, "无法生成模板 (cannot write the template)");
        return;
    }
    char header[700];
    listsDisposition(c, header, sizeof header, kindGet(k), csv ? "csv" : "xlsx");
    httpReplyFile(c, fd, (uint64_t)size,
                  csv ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

/* The Beijing date of a stored UTC time "YYYY-MM-DDTHH:MM:SSZ", or DATE_NONE. */
static civilDate listsBeijingDate(const char *utc) {
    int y, m, d, h;
    if (!utc || sscanf(utc, "%4d-%2d-%2dT%2d", &y, &m, &d, &h) != 4) return DATE_NONE;
    return dateFromYmd(y, m, d) + (h >= 16 ? 1 : 0); /* UTC+8 */
}

typedef struct listsLast { storeImport imp[EXTRACT__COUNT]; bool has[EXTRACT__COUNT]; arena *a; } listsLast;

static const char *listsDup(arena *a, const char *s) {
    if (!s) return NULL;
    const size_t n = strlen(s) + 1;
    char *p = arenaAlloc(a, n);
    if (p) memcpy(p, s, n);
    return p;
}

static int listsLastRow(void *ctx, const storeImport *i) {
    listsLast *l = ctx;
    extractKind k;
    if (extractKindParse(&k, i->kind)) return 0; /* a kind this build no longer knows */
    storeImport *o = &l->imp[k];
    *o = *i;
    o->kind = listsDup(l->a, i->kind), o->file_name = listsDup(l->a, i->file_name);
    o->actor = listsDup(l->a, i->actor), o->status = listsDup(l->a, i->status);
    o->started_at = listsDup(l->a, i->started_at), o->finished_at = listsDup(l->a, i->finished_at);
    o->snapshot = listsDup(l->a, i->snapshot), o->decided = listsDup(l->a, i->decided);
    o->sha256 = o->encoding = NULL;
    l->has[k] = true;
    return o->kind && o->file_name && o->actor && o->status && o->started_at ? 0 : GH_ENOMEM;
}

/* Whether kind k is one of the sources a year's typing reads: every table kind but the
 * city's own typing result (decision 192). */
static bool listsSource(extractKind k) {
    return kindGet(k)->ncols > 0 && !(kindGet(k)->targets & FACT_CITY_TYPE);
}

/* Appends one source of the checklist: its kind, who supplies it, its last import and state. */
static void listsSourceJson(sbuf *out, extractKind k, const listsLast *l, civilDate reference) {
    const importKind *kind = kindGet(k);
    sbufPuts(out, "{\"kind\":");
    jsonwString(out, kind->name);
    jsonwKey(out, "label", 0);
    jsonwString(out, kind->label);
    sbufPuts(out, ",\"departments\":[");
    if (!kind->owners[0]) jsonwString(out, IMPORT_CLERKS);
    for (int i = 0; i < KIND_MAX_OWNERS && kind->owners[i]; i++) {
        if (i) sbufPutc(out, ',');
        jsonwString(out, kind->owners[i]);
    }
    sbufPutc(out, ']');
    const char *state = "missing", *label = "未导入";
    if (l->has[k]) {
        const storeImport *i = &l->imp[k];
        const civilDate on = listsBeijingDate(i->finished_at ? i->finished_at : i->started_at);
        const bool stale = on == DATE_NONE || on < reference;
        state = stale ? "stale" : "imported", label = stale ? "较旧" : "已导入";
    }
    sbufPrintf(out, ",\"state\":\"%s\",\"state_label\":", state);
    jsonwString(out, label);
    sbufPuts(out, ",\"last\":");
    if (l->has[k]) listsImportJson(out, &l->imp[k]);
    else sbufPuts(out, "null");
    sbufPutc(out, '}');
}

/* GET /api/imports/checklist[?year=Y]: each source of year Y's typing (the Beijing
 * year by default), who supplies it, its last committed import, and its state: 未导入,
 * 较旧 (last imported before the year's reference date) or 已导入 (decision 192). */
void apiImportChecklist(httpCtx *c) {
    const char *y = httpQuery(c, "year");
    const time_t now = (time_t)(httpNow() + 8 * 3600); /* Beijing */
    struct tm tm;
    const int year = y && *y ? atoi(y) : gmtime_r(&now, &tm) ? tm.tm_year + 1900 : 0;
    if (year < 2000 || year > 2200) {
        httpFail(c, 400, "year 应为 2000-2200 (year: 2000-2200)");
        return;
    }
    yearParams p;
    const char *origin;
    char err[300];
    civilDate reference = dateFromYmd(year, 7, 31); /* DATA.md §2's default where no parameters are shipped */
    if (!appParamsLoad(&p, NULL, &origin, year, NULL, 0, err, sizeof err)) reference = p.reference_date;
    arena a;
    arenaInit(&a, 4096, 0);
    listsLast last = {.a = &a};
    store *s = httpStore(c);
    const int rc = storeEachLastImport(s, listsLastRow, &last);
    if (rc) {
        arenaFree(&a);
        httpFail(c, 500, "无法读取导入记录 (cannot read the imports)");
        return;
    }
    char ref[DATE_STRLEN];
    dateFormat(ref, reference);
    sbuf out;
    sbufInit(&out);
    sbufPrintf(&out, "{\"year\":%d,\"reference_date\":\"%s\",\"sources\":[", year, ref);
    int n = 0;
    for (int k = 0; k < EXTRACT__COUNT; k++) {
        if (!listsSource((extractKind)k) || !listsMayRead(c, (extractKind)k)) continue;
        if (n++) sbufPutc(&out, ',');
        listsSourceJson(&out, (extractKind)k, &last, reference);
    }
    sbufPuts(&out, "]}");
    arenaFree(&a);
    httpReply(c, 200, &out);
}

typedef struct listsPage { sbuf *out; int n; } listsPage;

static int listsPageRow(void *ctx, const storeImport *i) {
    listsPage *p = ctx;
    if (p->n++) sbufPutc(p->out, ',');
    listsImportJson(p->out, i);
    return 0;
}

/* The kinds an account may read, "|"-joined into buf, or NULL for every kind. */
static const char *listsKinds(const httpCtx *c, char *buf, size_t n) {
    if (!(c->who.role & ROLE_DEPARTMENT)) return NULL;
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < EXTRACT__COUNT; k++)
        if (listsMayRead(c, (extractKind)k) && used + 40 < n)
            used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? "|" : "", kindGet((extractKind)k)->name);
    return buf;
}

/* GET /api/imports/history[?kind=&offset=&limit=]: past imports, newest first, a page
 * at a time; a department reads its own kinds only. */
void apiImportHistory(httpCtx *c) {
    const char *kind_s = httpQuery(c, "kind");
    int64_t offset, limit;
    const bool paged = httpQueryNumber(c, "offset", 0, INT64_MAX, 0, &offset) &&
                       httpQueryNumber(c, "limit", 1, HISTORY_PAGE_MAX, 20, &limit); /* decision 210 */
    storeImportFilter f = {.offset = offset, .limit = (int)limit};
    if (!paged) {
        httpFail(c, 400, "offset ≥ 0，limit 为 1-100 (bad paging)");
        return;
    }
    char kinds[600];
    extractKind k;
    if (kind_s && *kind_s) {
        if (extractKindParse(&k, kind_s) || !listsMayRead(c, k)) {
            httpFail(c, 400, "kind 不是本账户可查看的数据种类 (unknown kind)");
            return;
        }
        f.kinds = kindGet(k)->name;
    } else {
        f.kinds = listsKinds(c, kinds, sizeof kinds);
    }
    sbuf out;
    sbufInit(&out);
    sbufPuts(&out, "{\"imports\":[");
    listsPage p = {&out, 0};
    int64_t total = 0;
    if (storeEachImportPage(httpStore(c), &f, listsPageRow, &p, &total)) {
        sbufFree(&out);
        httpFail(c, 500, "无法读取导入记录 (cannot read the imports)");
        return;
    }
    sbufPrintf(&out, "],\"total\":%lld,\"offset\":%lld,\"limit\":%d}", (long long)total, (long long)f.offset, f.limit);
    httpReply(c, 200, &out);
}
