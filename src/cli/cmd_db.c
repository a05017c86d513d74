#include "cli/cli.h"
#include "store/store.h"
#include <string.h>

static const char dbUsage[] =
    "用法 Usage: getihu db init [--db FILE]\n"
    "       getihu db check [--db FILE]\n"
    "       getihu db imports [--db FILE]\n"
    "       getihu db copy --from FILE --to postgresql://… --year YEAR\n"
    "\n"
    "init：新建数据库，或把旧版本的 getihu 数据库升级到本程序的结构版本（只有它会新建或升级数据库；\n"
    "      其他命令遇到不存在的文件会拒绝并提示运行它）。creates a database, or migrates an older one.\n"
    "check：检查数据库完整性（PRAGMA integrity_check、外键）与结构版本；只读。\n"
    "imports：最近的导入记录；进程被终止而未完成的导入显示为 interrupted（中断，未写入任何数据）。\n"
    "copy：把整个数据库复制到另一个后端（如 SQLite 到 PostgreSQL），核对行数与分型结果后才提交；见 getihu db copy --help。\n";

static int dbImport(void *ctx, const storeImport *i) {
    (void)ctx;
    printf("#%-4lld %s  %-11s %-17s %s  %s  读 %lld 有效 %lld 错 %lld 变更 %lld  %s  sha256 %.12s%s%s\n",
           (long long)i->id, i->started_at, i->status, i->kind, i->file_name, i->encoding ? i->encoding : "",
           (long long)i->rows_read, (long long)i->rows_ok, (long long)i->rows_bad, (long long)i->rows_changed,
           i->actor, i->sha256, i->snapshot ? "  snapshot " : "", i->snapshot ? i->snapshot : "");
    return 0;
}

/* getihu db init: creates or migrates, and says which. */
static int dbInit(const char *db) {
    store *s;
    int rc = cliOpenStore("db", db, STORE_OPEN_CREATE | STORE_OPEN_MIGRATE, &s);
    if (rc) return rc;
    int before = 0, now = 0;
    if (storeOpenedVersion(s, &before) || storeSchemaVersion(s, &now)) {
        cliError("db", "%s", storeError(s));
        storeClose(s);
        return EXIT_FAILURE_IO;
    }
    if (before == 0) printf("%s: 已新建数据库 (created), 结构版本 %d\n", cliDbPath(db), now);
    else if (before < now) printf("%s: 已升级 (migrated) 结构版本 %d -> %d\n", cliDbPath(db), before, now);
    else printf("%s: 已是最新 (up to date), 结构版本 %d\n", cliDbPath(db), now);
    storeClose(s);
    return EXIT_OK;
}

int cmdDb(int argc, char **argv) {
    if (argc >= 1 && !strcmp(argv[0], "copy")) return cmdDbCopy(argc - 1, argv + 1);
    if (argc < 1 || (strcmp(argv[0], "check") && strcmp(argv[0], "imports") && strcmp(argv[0], "init"))) {
        fputs(dbUsage, argc >= 1 && !strcmp(argv[0], "--help") ? stdout : stderr);
        return argc >= 1 && !strcmp(argv[0], "--help") ? EXIT_OK : EXIT_USAGE;
    }
    const char *db = NULL;
    const cliOption opts[] = {{"--db", &db}, {NULL, NULL}};
    int rc = cliParse("db", dbUsage, argc - 1, argv + 1, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    if (!strcmp(argv[0], "init")) return dbInit(db);
    store *s;
    if ((rc = cliOpenStore("db", db, STORE_OPEN_READONLY, &s))) return rc;
    if (!strcmp(argv[0], "imports")) {
        rc = storeEachImport(s, 100, dbImport, NULL);
    } else {
        char result[256];
        int version = 0;
        rc = storeSchemaVersion(s, &version) || storeVerify(s, STORE_VERIFY_FULL, result, sizeof result);
        if (!rc) {
            printf("%s: 结构版本 %d，完整性 %s\n", cliDbPath(db), version, result);
            if (strcmp(result, "ok")) rc = 1;
        }
    }
    if (rc && storeError(s)[0]) cliError("db", "%s", storeError(s));
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
