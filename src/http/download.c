#include "http/download.h"
#include "app/audit.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int httpTempFile(char path[HTTP_TEMP_PATH], const char *tag) {
    const char *dir = getenv("TMPDIR");
    const int n = snprintf(path, HTTP_TEMP_PATH, "%s/getihu-%s-XXXXXX", dir && *dir ? dir : "/tmp", tag);
    if (n < 0 || n >= HTTP_TEMP_PATH) {
        path[0] = '\0';
        return -1;
    }
    return mkstemp(path);
}

int httpTempTake(const char *path, bool written) {
    if (!path[0]) return -1;
    const int fd = written ? open(path, O_RDONLY) : -1;
    unlink(path);
    return fd;
}

void httpSendDownload(httpCtx *c, int fd, const char *type, const char *filename, const char *action,
                      const char *object) {
    const off_t size = fd >= 0 ? lseek(fd, 0, SEEK_END) : -1;
    if (size < 0 || lseek(fd, 0, SEEK_SET) != 0) {
        if (fd >= 0) close(fd);
        httpFail(c, 500, "导出失败 (export failed)");
        return;
    }
    const storeAudit e = {.actor = c->who.username, .role = c->who.role_name, .client = c->client, .action = action,
                          .object = object};
    store *s = httpStore(c);
    storeIdle(s);
    if (auditRecord(s, &e, httpNow())) {
        close(fd);
        httpFail(c, 503, "无法记录导出，请稍后重试 (cannot audit the export)");
        return;
    }
    char name[128], d[160]; /* d lives until httpReplyFile has queued the headers */
    snprintf(name, sizeof name, "%s", filename);
    for (char *p = name; *p; p++) /* an article's brackets are not ASCII: keep the header plain */
        if ((unsigned char)*p >= 0x80 || (unsigned char)*p < 0x20 || *p == '"' || *p == '\\') *p = '_';
    snprintf(d, sizeof d, "attachment; filename=\"%s\"", name);
    httpHeader(c, "Content-Disposition", d);
    httpReplyFile(c, fd, (uint64_t)size, type);
}
