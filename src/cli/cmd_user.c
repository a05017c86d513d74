#include "cli/cli.h"
#include "app/departments.h"
#include "app/accounts.h"
#include "core/error.h"
#include "core/utf8.h"
#include "store/store.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char userUsage[] =
    "用法 Usage:\n"
    "  getihu user add --username U --role ROLE [--department D] [--town T] [--bank B] [--uscc CODE]\n"
    "                  [--password-stdin] [--db FILE]\n"
    "  getihu user passwd --username U [--password-stdin] [--db FILE]\n"
    "  getihu user disable|enable --username U [--db FILE]\n"
    "  getihu user list [--db FILE]\n"
    "  getihu user code --uscc CODE [--days N] [--db FILE]   为个体工商户签发一次性访问码（默认 7 天有效）\n"
    "\n"
    "账户与角色：admin 管理员, clerk 区市场监管局经办, reviewer 审核/领导, department 部门用户（须 --department）,\n"
    "inspector 市局抽查, bank 银行（只读，须 --bank 银行名称）, business 个体工商户（须 --uscc，用一次性访问码登录，无密码）,\n"
    "town 镇街用户（须 --town，如 黄村镇；只看本镇街的个体工商户）。\n"
    "密码以 Argon2id 保存（libsodium），至少 10 个字符；默认在终端提示输入，--password-stdin 从标准输入读一行。\n"
    "每次账户变更都写入审计记录。\n";

/* Reads a password: one line from stdin, or typed at the terminal without echo. */
static int userReadPassword(bool from_stdin, char *out, size_t n) {
    struct termios old, quiet;
    const bool tty = !from_stdin && isatty(STDIN_FILENO);
    if (!from_stdin && !tty) {
        cliError("user", "标准输入不是终端，请用 --password-stdin (no terminal: use --password-stdin)");
        return -1;
    }
    if (tty) {
        fputs("密码 (password): ", stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const bool got = fgets(out, (int)n, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &old);
        fputc('\n', stderr);
    }
    if (!got) return -1;
    out[strcspn(out, "\r\n")] = '\0';
    if (strlen(out) < ACCOUNT_MIN_PASSWORD) {
        cliError("user", "密码至少 10 个字符 (password needs at least 10 characters)");
        sodium_memzero(out, n);
        return -1;
    }
    return 0;
}

/* One account per line; the name escaped like the audit trail's (an account made
 * before names were checked may hold a control character). */
static int userPrint(void *ctx, const storeAccount *a) {
    (void)ctx;
    sbuf name;
    sbufInit(&name);
    utf8Escape(&name, a->username, strlen(a->username));
    printf("%-4lld %-20s %-10s %-12s %-18s %s\n", (long long)a->id, name.data ? name.data : "", a->role,
           a->department ? a->department : "", a->uscc ? a->uscc : "", a->disabled ? "已停用 disabled" : "");
    const int rc = name.failed ? GH_ENOMEM : 0;
    sbufFree(&name);
    return rc;
}

/* Issues a one-time access code to the business account bound to uscc: printed
 * once, stored only as a hash, valid for days, spent at first use. */
static int userCode(const char *db, const char *uscc, const char *days_s) {
    long long days;
    if (!uscc || usccValidate(uscc, strlen(uscc))) {
        cliError("user", "code 需要有效的 --uscc (a valid --uscc is required)");
        return EXIT_USAGE;
    }
    if (cliParseInt("user", "--days", days_s, 1, 90, &days)) return EXIT_USAGE;
    store *s;
    int rc = cliOpenStore("user", db, 0, &s);
    if (rc) return rc;
    char actor[128], code[ACCOUNT_CODE_LEN + 1];
    const appActor who = {.name = cliActor(NULL, actor, sizeof actor), .role = "cli"};
    rc = accountIssueCode(s, &who, uscc, (int)days, (int64_t)time(NULL), code);
    if (rc == GH_ENOTFOUND) {
        cliError("user", "没有绑定 %s 的个体工商户账户，先 getihu user add --role business --uscc %s", uscc, uscc);
        rc = EXIT_USAGE;
    } else if (rc) {
        cliError("user", "%s", storeError(s));
        rc = EXIT_FAILURE_IO;
    } else {
        printf("%s\n", code);
        fprintf(stderr, "一次性访问码，%lld 天内有效，用后即失效；请当面或通过安全渠道交给经营者 (one-time code)\n", days);
    }
    sodium_memzero(code, sizeof code);
    storeClose(s);
    return rc;
}

/* user add: the role, department and USCC are checked before a password is asked for. */
static int userAdd(store *s, const appActor *who, const appNewAccount *na, bool from_stdin) {
    char password[256] = "", roles[128];
    if (accountCheckName(na->username)) {
        cliError("user", "--username 须为 1 至 %d 字节的 UTF-8 文字，不得含换行、制表符、ESC 等控制字符 "
                         "(a username is 1 to %d bytes of UTF-8 without control characters)",
                 ACCOUNT_NAME_MAX, ACCOUNT_NAME_MAX);
        return EXIT_USAGE;
    }
    int rc = accountCheck(na->role, na->department, na->uscc);
    if (rc == GH_EINVAL) {
        roleNames(roles, sizeof roles, "/");
        cliError("user", "--role 应为 %s；department 须 --department，bank 须 --bank（1 至 63 字节），business 须有效的 --uscc，"
                         "town 须 --town（镇街名称，以镇、街道或地区结尾）", roles);
        return EXIT_USAGE;
    }
    if (rc) {
        char names[1024];
        (void)departmentList(names, sizeof names);
        cliError("user", "--department %s: 未知部门 (unknown department); 可选：%s", na->department, names);
        return EXIT_USAGE;
    }
    const bool business = roleBit(na->role) == ROLE_BUSINESS;
    if (!business && userReadPassword(from_stdin, password, sizeof password)) return EXIT_USAGE;
    appNewAccount a = *na;
    a.password = business ? NULL : password;
    rc = accountAdd(s, who, &a, (int64_t)time(NULL));
    sodium_memzero(password, sizeof password);
    if (rc == GH_ENOMEM) cliError("user", "密码哈希失败（内存不足）(hashing failed)");
    else if (rc) cliError("user", "%s", storeError(s));
    else printf("已添加账户 (added) %s，角色 %s\n", na->username, na->role);
    return rc == GH_EINVAL ? EXIT_USAGE : rc ? EXIT_FAILURE_IO : EXIT_OK; /* a busy or failing store is not a usage error */
}

/* user passwd / disable / enable. */
static int userChange(store *s, const appActor *who, const char *sub, const char *username, bool from_stdin) {
    char password[256] = "";
    const bool passwd = !strcmp(sub, "passwd");
    if (passwd && userReadPassword(from_stdin, password, sizeof password)) return EXIT_USAGE;
    const int64_t now = (int64_t)time(NULL);
    const int rc = passwd ? accountSetPassword(s, who, username, password, now)
                          : accountSetDisabledChecked(s, who, username, !strcmp(sub, "disable"), now);
    sodium_memzero(password, sizeof password);
    if (rc == GH_EREFUSED) cliError("user", "%s 是最后一个启用的管理员账户，不能停用 (the last enabled admin)", username);
    else if (rc == GH_ENOTFOUND) cliError("user", "%s: %s", username, storeError(s));
    else if (rc == GH_ENOMEM) cliError("user", "密码哈希失败（内存不足）(hashing failed)");
    else if (rc) cliError("user", "%s", storeError(s));
    else printf("已更新账户 (updated) %s：user.%s\n", username, sub);
    return rc == GH_ENOTFOUND || rc == GH_ENOMEM || rc == GH_EREFUSED ? EXIT_USAGE : rc ? EXIT_FAILURE_IO : EXIT_OK;
}

int cmdUser(int argc, char **argv) {
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
        fputs(userUsage, argc < 1 ? stderr : stdout);
        return argc < 1 ? EXIT_USAGE : EXIT_OK;
    }
    const char *sub = argv[0], *db = NULL, *username = NULL, *role = NULL, *department = NULL, *uscc = NULL,
               *town = NULL, *bank = NULL;
    bool from_stdin = false;
    char *args[32];
    int nargs = 0;
    for (int i = 1; i < argc && nargs < 32; i++) {
        if (!strcmp(argv[i], "--password-stdin")) from_stdin = true;
        else args[nargs++] = argv[i];
    }
    const char *days_s = "7";
    const cliOption opts[] = {{"--db", &db}, {"--username", &username}, {"--role", &role},
                              {"--department", &department}, {"--bank", &bank}, {"--uscc", &uscc}, {"--days", &days_s},
                              {"--town", &town}, {NULL, NULL}};
    int rc = cliParse("user", userUsage, nargs, args, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    store *s;
    const bool list = !strcmp(sub, "list");
    if (!strcmp(sub, "code")) return userCode(db, uscc, days_s);
    if (!list && !username) {
        cliError("user", "缺少 --username (required)");
        return EXIT_USAGE;
    }
    if ((rc = cliOpenStore("user", db, list ? STORE_OPEN_READONLY : 0, &s))) return rc;
    char actor[128];
    const appActor who = {.name = cliActor(NULL, actor, sizeof actor), .role = "cli"};
    /* a town account's unit is its town (decision 91); a bank account's bank is kept
     * where a department account keeps its department (decision 110) */
    const bool is_town = role && !strcmp(role, "town");
    const appNewAccount na = {.username = username, .role = role,
                              .department = is_town ? town : bank ? bank : department, .uscc = uscc};
    if (bank && (!role || roleBit(role) != ROLE_BANK)) {
        cliError("user", "--bank 只用于 --role bank (--bank is for bank accounts)");
        storeClose(s);
        return EXIT_USAGE;
    }
    if (list) rc = storeEachAccount(s, userPrint, NULL) ? EXIT_FAILURE_IO : 0;
    else if (!strcmp(sub, "add")) rc = userAdd(s, &who, &na, from_stdin);
    else if (!strcmp(sub, "passwd") || !strcmp(sub, "disable") || !strcmp(sub, "enable"))
        rc = userChange(s, &who, sub, username, from_stdin);
    else {
        fputs(userUsage, stderr);
        rc = EXIT_USAGE;
    }
    storeClose(s);
    return rc;
}
