#include "cli/cli.h"
#include "http/http.h"
#include "store/store.h"
#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char serveUsage[] =
    "用法 Usage: getihu serve [--db FILE] [--listen HOST:PORT] [--threads N] [--access-log FILE|-]\n"
    "                         [--rate N] [--burst N] [--trusted-proxy CIDR]... [--public-origin URL]\n"
    "                         [--lookup-cache N]\n"
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
    "  --login-per-minute N, --login-burst N  每个客户地址每分钟可尝试登录的次数及突发上限，默认 60 和 20\n"
    "  --trusted-proxy CIDR  可信的反向代理（可重复，IPv4 或 IPv6，如 127.0.0.1/32、::1）：来自它的请求，\n"
    "                      客户地址取 X-Forwarded-For 中最右边的非可信地址（用于限流、审计和访问日志），\n"
    "                      X-Forwarded-Proto 也只采信它的；默认不信任任何代理\n"
    "  --public-origin URL 浏览器访问的地址（如 https://getihu.example.gov.cn:8443），与请求的 Host 不同时设置；\n"
    "                      改变状态的请求若带 Origin，须为本站地址\n"
    "  --upload-expiry-seconds N  上传后未确认的文件保留多久，默认 1800（30 分钟），到期删除\n"
    "  --today YYYY-MM-DD   名特优新工作按此日期办理（演示和测试用），默认今天 (UTC)\n"
    "  --lookup-cache N    公众查询答案缓存的条数，默认 32768；0 不缓存。任何写入（本进程或其他进程）\n"
    "                      之后旧答案不再使用（仅 SQLite；PostgreSQL 不缓存）\n";

/* Takes every "--trusted-proxy CIDR" (or --trusted-proxy=CIDR) out of argv into nets
 * (at most max), so that the other options parse as usual. The remaining count, or
 * -1 after a message. */
static int serveTrusted(int argc, char **argv, httpCidr *nets, size_t max, size_t *n) {
    int kept = 0;
    *n = 0;
    for (int i = 0; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--trusted-proxy")) {
            if (i + 1 == argc) {
                cliError("serve", "--trusted-proxy 需要一个值 (needs a value)");
                return -1;
            }
            v = argv[++i];
        } else if (!strncmp(argv[i], "--trusted-proxy=", 16)) {
            v = argv[i] + 16;
        } else {
            argv[kept++] = argv[i];
            continue;
        }
        if (*n == max || proxyCidrParse(&nets[*n], v)) {
            cliError("serve", "--trusted-proxy: \"%s\" 应为 IPv4 或 IPv6 地址或网段，如 127.0.0.1/32 (expected a CIDR)", v);
            return -1;
        }
        (*n)++;
    }
    return kept;
}

int cmdServe(int argc, char **argv) {
    if (argc == 1 && !strcmp(argv[0], "--list-routes")) {
        httpListRoutes(stdout);
        return EXIT_OK;
    }
    httpCidr trusted[16];
    size_t n_trusted;
    argc = serveTrusted(argc, argv, trusted, sizeof trusted / sizeof trusted[0], &n_trusted);
    if (argc < 0) return EXIT_USAGE;
    const char *db = NULL, *listen = "127.0.0.1:8080", *threads_s = NULL, *log = NULL, *rate_s = "10", *burst_s = "30";
    const char *session_s = "28800", *login_rate_s = "60", *login_burst_s = "20", *origin = NULL, *expiry_s = "1800";
    const char *today_s = NULL, *cache_s = "32768";
    const cliOption opts[] = {{"--db", &db}, {"--listen", &listen}, {"--threads", &threads_s},
                              {"--access-log", &log}, {"--rate", &rate_s}, {"--burst", &burst_s},
                              {"--session-seconds", &session_s}, {"--login-per-minute", &login_rate_s},
                              {"--login-burst", &login_burst_s}, {"--public-origin", &origin},
                              {"--upload-expiry-seconds", &expiry_s}, {"--today", &today_s},
                              {"--lookup-cache", &cache_s}, {NULL, NULL}};
    int rc = cliParse("serve", serveUsage, argc, argv, opts, NULL, 0, NULL);
    if (rc) return rc == 1 ? EXIT_OK : rc;
    char host[64];
    const char *colon = strrchr(listen, ':');
    long long port, threads = sysconf(_SC_NPROCESSORS_ONLN), rate, burst, session_seconds, login_rate, login_burst, expiry, cache;
    if (!colon || (size_t)(colon - listen) >= sizeof host || cliParseInt("serve", "--listen", colon + 1, 0, 65535, &port)) {
        cliError("serve", "--listen 应为 HOST:PORT，例如 127.0.0.1:8080");
        return EXIT_USAGE;
    }
    snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
    if ((threads_s && cliParseInt("serve", "--threads", threads_s, 1, 256, &threads)) ||
        cliParseInt("serve", "--rate", rate_s, 1, 100000, &rate) || cliParseInt("serve", "--burst", burst_s, 1, 100000, &burst) ||
        cliParseInt("serve", "--session-seconds", session_s, 1, 30 * 86400, &session_seconds) ||
        cliParseInt("serve", "--login-per-minute", login_rate_s, 1, 100000, &login_rate) ||
        cliParseInt("serve", "--login-burst", login_burst_s, 1, 100000, &login_burst) ||
        cliParseInt("serve", "--upload-expiry-seconds", expiry_s, 1, 7 * 86400, &expiry) ||
        cliParseInt("serve", "--lookup-cache", cache_s, 0, 1 << 22, &cache))
        return EXIT_USAGE;
    if (origin && ((strncmp(origin, "http://", 7) && strncmp(origin, "https://", 8)) || strchr(strchr(origin, ':') + 3, '/'))) {
        cliError("serve", "--public-origin 应为 https://主机[:端口]，不带路径 (expected scheme://host[:port])");
        return EXIT_USAGE;
    }
    civilDate today = DATE_NONE;
    if (today_s && (dateParse(&today, today_s, strlen(today_s)) || !datePlausible(today))) {
        cliError("serve", "--today %s: 应为 YYYY-MM-DD (expected a date)", today_s);
        return EXIT_USAGE;
    }
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
                           .login_burst = (double)login_burst, .trusted = trusted, .n_trusted = n_trusted,
                           .public_origin = origin, .upload_expiry_seconds = (int)expiry, .today = today,
                           .lookup_cache = (unsigned)cache};
    rc = httpServe(&o);
    if (access && access != stderr) fclose(access);
    return rc ? EXIT_FAILURE_IO : EXIT_OK;
}
