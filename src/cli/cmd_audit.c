#include "cli/cli.h"
#include "app/audit.h"
#include "core/error.h"
#include "core/sbuf.h"
#include "core/utf8.h"
#include "store/store.h"
#include <stdio.h>
#include <string.h>

static const char auditUsage[] =
    "用法 Usage: getihu audit verify [--db FILE]\n"
    "            getihu audit list [--db FILE] [--action A] [--limit N]\n"
    "\n"
    "审计记录：每一次改变状态的操作（导入、分型、公布、账户变更、登录……）都追加一条记录，含操作人、角色、时间、\n"
    "客户端地址、对象及前后状态；记录只追加不修改，每条含前一条的哈希。verify 重新计算整条链，发现篡改即报错（退出码 1）。\n";

/* Appends v escaped for the terminal (a newline or ESC in a name cannot print a
 * line of its own: issue 8, finding 7); a column (width > 0) is padded to width
 * bytes and followed by a space. */
static void auditField(sbuf *line, const char *v, size_t width) {
    const size_t start = line->len;
    utf8Escape(line, v ? v : "", v ? strlen(v) : 0);
    for (size_t n = line->len - start; n < width; n++) sbufPutc(line, ' ');
    if (width) sbufPutc(line, ' ');
}

static int auditPrint(void *ctx, const storeAudit *e) {
    (void)ctx;
    sbuf line;
    sbufInit(&line);
    sbufPrintf(&line, "#%-5lld ", (long long)e->id);
    auditField(&line, e->at, 0);
    sbufPuts(&line, "  ");
    auditField(&line, e->actor, 14);
    auditField(&line, e->role, 8);
    auditField(&line, e->action, 12);
    auditField(&line, e->object, 0);
    if (e->before) sbufPuts(&line, "  前 "), auditField(&line, e->before, 0);
    if (e->after) sbufPuts(&line, "  后 "), auditField(&line, e->after, 0);
    sbufPutc(&line, '\n');
    const int rc = line.failed || fputs(line.data, stdout) < 0 ? GH_EIO : 0;
    sbufFree(&line);
    return rc;
}

int cmdAudit(int argc, char **argv) {
    if (argc < 1 || (strcmp(argv[0], "verify") && strcmp(argv[0], "list"))) {
        const bool help = argc >= 1 && !strcmp(argv[0], "--help");
        fputs(auditUsage, help ? stdout : stderr);
        return help ? EXIT_OK : EXIT_USAGE;
    }
    const char *db = NULL, *action = NULL, *limit_s = "100";
    const cliOption opts[] = {{"--db", &db}, {"--action", &action}, {"--limit", &limit_s}, {NULL, NULL}};
    int rc = cliParse("audit", auditUsage, argc - 1, argv + 1, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    long long limit;
    if (cliParseInt("audit", "--limit", limit_s, 1, 1000000, &limit)) return EXIT_USAGE;
    store *s;
    if ((rc = cliOpenStore("audit", db, STORE_OPEN_READONLY, &s))) return rc;
    if (!strcmp(argv[0], "list")) {
        rc = storeEachAudit(s, action, (int)limit, auditPrint, NULL) ? EXIT_FAILURE_IO : EXIT_OK;
    } else {
        int64_t checked, bad;
        if (auditVerify(s, &checked, &bad)) {
            cliError("audit", "%s", storeError(s));
            rc = EXIT_FAILURE_IO;
        } else if (bad) {
            printf("审计链在第 %lld 条处断开：记录被修改或删除 (audit chain broken at entry %lld)\n", (long long)bad, (long long)bad);
            rc = EXIT_FAILURE_IO;
        } else {
            printf("审计链完整 (audit chain intact): %lld 条\n", (long long)checked);
        }
    }
    storeClose(s);
    return rc;
}
