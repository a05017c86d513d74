#include "cli/cli.h"
#include "store/store.h"
#include <string.h>

static const char dbUsage[] =
    "用法 Usage: getihu db check [--db FILE]\n"
    "       getihu db imports [--db FILE]\n"
    "\n"
    "check：检查数据库完整性（PRAGMA integrity_check、外键）与结构版本；imports：最近的导入记录。\n";

static int dbImport(void *ctx, const storeImport *i) {
    (void)ctx;
    printf("#%-4lld %s  %-8s %-17s %s  %s  读 %lld 有效 %lld 错 %lld 变更 %lld  %s  sha256 %.12s\n", (long long)i->id,
           i->started_at, i->status, i->kind, i->file_name, i->encoding ? i->encoding : "", (long long)i->rows_read,
           (long long)i->rows_ok, (long long)i->rows_bad, (long long)i->rows_changed, i->actor, i->sha256);
    return 0;
}

int cmdDb(int argc, char **argv) {
    if (argc < 1 || (strcmp(argv[0], "check") && strcmp(argv[0], "imports"))) {
        fputs(dbUsage, argc >= 1 && !strcmp(argv[0], "--help") ? stdout : stderr);
        return argc >= 1 && !strcmp(argv[0], "--help") ? EXIT_OK : EXIT_USAGE;
    }
    const char *db = NULL;
    const cliOption opts[] = {{"--db", &db}, {NULL, NULL}};
    int rc = cliParse("db", dbUsage, argc - 1, argv + 1, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    store *s;
    if ((rc = cliOpenStore("db", db, &s))) return rc;
    if (!strcmp(argv[0], "imports")) {
        rc = storeEachImport(s, 100, dbImport, NULL);
    } else {
        char result[256];
        int version = 0;
        rc = storeSchemaVersion(s, &version) || storeCheck(s, result, sizeof result);
        if (!rc) {
            printf("%s: 结构版本 %d，完整性 %s\n", cliDbPath(db), version, result);
            if (strcmp(result, "ok")) rc = 1;
        }
    }
    if (rc && storeError(s)[0]) cliError("db", "%s", storeError(s));
    storeClose(s);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
