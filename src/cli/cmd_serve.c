#include "cli/cli.h"
#include "http/http.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char serveUsage[] =
    "用法 Usage: getihu serve [--db FILE] [--listen HOST:PORT] [--threads N] [--access-log FILE|-]\n"
    "                         [--rate N] [--burst N]\n"
    "\n"
    "提供 HTTP 服务：公众查询页面（/）与 JSON 接口（/api/public/search?q=…），健康检查 /healthz。\n"
    "公众查询只返回已公布的分型结果，经营者姓名只显示第一个字，不含身份证号、电话、经营场所和金额。\n"
    "SIGTERM 或 Ctrl-C 时停止接受新连接，处理完进行中的请求后关闭数据库。\n"
    "\n"
    "  --listen HOST:PORT  监听地址，默认 127.0.0.1:8080；端口 0 由系统选择（启动时打印）\n"
    "  --threads N         线程数，默认 CPU 核数\n"
    "  --access-log FILE   访问日志（每请求一行 JSON，不含查询词和个人信息），- 为标准错误\n"
    "  --rate N, --burst N 每个客户地址每秒允许的公众查询数及突发上限，默认 10 和 30\n"
    "  --session-seconds N 登录有效期（秒），默认 28800（8 小时）\n"
    "  --login-per-minute N, --login-burst N  每个客户地址每分钟可尝试登录的次数及突发上限，默认 60 和 20\n";

int cmdServe(int argc, char **argv) {
    if (argc == 1 && !strcmp(argv[0], "--list-routes")) {
        httpListRoutes(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *listen = "127.0.0.1:8080", *threads_s = NULL, *log = NULL, *rate_s = "10", *burst_s = "30";
    const char *session_s = "28800", *login_rate_s = "60", *login_burst_s = "20";
    const cliOption opts[] = {{"--db", &db}, {"--listen", &listen}, {"--threads", &threads_s},
                              {"--access-log", &log}, {"--rate", &rate_s}, {"--burst", &burst_s},
                              {"--session-seconds", &session_s}, {"--login-per-minute", &login_rate_s},
                              {"--login-burst", &login_burst_s}, {NULL, NULL}};
    int rc = cliParse("serve", serveUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    char host[64];
    const char *colon = strrchr(listen, ':');
    long long port, threads = sysconf(_SC_NPROCESSORS_ONLN), rate, burst, session_seconds, login_rate, login_burst;
    if (!colon || (size_t)(colon - listen) >= sizeof host || cliParseInt("serve", "--listen", colon + 1, 0, 65535, &port)) {
        cliError("serve", "--listen 应为 HOST:PORT，例如 127.0.0.1:8080");
        return EXIT_USAGE;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    if ((threads_s && cliParseInt("serve", "--threads", threads_s, 1, 256, &threads)) ||
        cliParseInt("serve", "--rate", rate_s, 1, 100000, &rate) || cliParseInt("serve", "--burst", burst_s, 1, 100000, &burst) ||
        cliParseInt("serve", "--session-seconds", session_s, 1, 30 * 86400, &session_seconds) ||
        cliParseInt("serve", "--login-per-minute", login_rate_s, 1, 100000, &login_rate) ||
        cliParseInt("serve", "--login-burst", login_burst_s, 1, 100000, &login_burst))
        return EXIT_USAGE;
    store *s; /* only `getihu db init` creates or migrates: refuse here, with what to do */
    if ((rc = cliOpenStore("serve", db, 0, &s))) return rc;
    storeClose(s);
    FILE *access = NULL;
    if (log) {
        access = strcmp(log, "-") ? fopen(log, "a") : stderr;
        if (!access) {
            cliError("serve", "%s: 无法打开访问日志 (cannot open): %s", log, strerror(errno));
            return EXIT_USAGE;
        }
    }
    const httpOptions o = {.db_path = cliDbPath(db), .host = host, .port = (unsigned)port,
                           .threads = (unsigned)(threads > 0 ? threads : 2), .access_log = access,
                           .rate_per_second = (double)rate, .rate_burst = (double)burst,
                           .session_seconds = (int)session_seconds, .login_per_minute = (double)login_rate,
                           .login_burst = (double)login_burst};
    rc = httpServe(&o);
    if (access && access != stderr) fclose(access);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
