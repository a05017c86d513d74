/* Evidence of the round over HTTP (issue 9 §2): uploaded as the request body (PDF,
 * JPEG, PNG, checked on their first bytes by the use case), kept in the store, and
 * served only to those appRoundMayRead allows, as an attachment that no browser
 * sniffs, every download audited (issue 8, finding 6). */
#include "http/api_round.h"
#include "http/routes.h"
#include "app/audit.h"
#include "core/error.h"
#include "core/utf8.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The declared type without parameters ("image/png; x=y" -> "image/png") into buf. */
static void filesType(const httpCtx *c, char buf[64]) {
    const char *t = httpRequestHeader(c, "Content-Type");
    snprintf(buf, 64, "%.*s", t ? (int)strcspn(t, "; ") : 0, t ? t : "");
}

/* On the headers: the name, a type that can be evidence, and a size the limit allows
 * (announced); reserves the upload so that the account's uploads stay limited. */
bool apiRoundEvidenceEarly(httpCtx *c) {
    const char *name = httpQuery(c, "name"), *length = httpRequestHeader(c, "Content-Length");
    char type[64];
    filesType(c, type);
    bool text = name && *name && strlen(name) <= 120 && utf8Valid(name, strlen(name), NULL);
    for (const char *p = name; text && *p; p++) /* stored and shown to staff: text only (decision 140) */
        text = (unsigned char)*p >= 0x20 && *p != 0x7f;
    if (!text) {
        httpFail(c, 400, "需要文件名 name，UTF-8 文本，最多 120 字节 (name required: text up to 120 bytes)");
        return false;
    }
    if (strcmp(type, "application/pdf") && strcmp(type, "image/jpeg") && strcmp(type, "image/png")) {
        httpFail(c, 415, "材料须为 PDF、JPEG 或 PNG (application/pdf, image/jpeg or image/png)");
        return false;
    }
    const uint64_t announced = length ? strtoull(length, NULL, 10) : 0;
    if (announced > APP_ROUND_EVIDENCE_MAX) {
        httpFail(c, 413, "每个材料文件不超过 10 MiB (evidence file too large)");
        return false;
    }
    httpUpload want = {.account_id = c->who.account_id};
    snprintf(want.name, sizeof want.name, "%s", name);
    const int rc = httpUploadsReserve(&c->srv->uploads, &want, announced, httpNow(), &c->upload_id);
    if (rc) httpFail(c, rc == GH_ENOMEM ? 500 : 409, "您同时进行的上传过多，请稍后再试 (too many uploads of yours)");
    return rc == 0;
}

/* Reads the uploaded body (at most the limit) into *bytes. GH_ERANGE when larger. */
static int filesRead(const char *path, unsigned char **bytes, size_t *size) {
    const int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st)) {
        if (fd >= 0) close(fd);
        return GH_EIO;
    }
    if (st.st_size > APP_ROUND_EVIDENCE_MAX) {
        close(fd);
        return GH_ERANGE;
    }
    *size = (size_t)st.st_size;
    *bytes = malloc(*size ? *size : 1);
    const ssize_t got = *bytes ? read(fd, *bytes, *size) : -1;
    close(fd);
    if (got != (ssize_t)*size) {
        free(*bytes);
        return GH_EIO;
    }
    return 0;
}

/* POST /api/round/applications/{id}/evidence?name=N (body: the file, Content-Type
 * its type): 201 {"evidence":id}. */
void apiRoundEvidenceUpload(httpCtx *c) {
    appRoundWho who;
    if (!roundWho(c, &who)) return;
    unsigned char *bytes = NULL;
    size_t size = 0;
    const int rrc = c->upload_path && c->upload_path[0] ? filesRead(c->upload_path, &bytes, &size) : GH_EIO;
    if (rrc) {
        httpFail(c, rrc == GH_ERANGE ? 413 : 500,
                 rrc == GH_ERANGE ? "每个材料文件不超过 10 MiB (evidence file too large)" : "读取上传失败 (read failed)");
        return;
    }
    char type[64];
    filesType(c, type);
    appRoundOutcome out;
    const int rc = appRoundEvidenceAdd(&out, httpStore(c), &who, c->params[0], httpQuery(c, "name"), type, bytes, size,
                                       httpNow());
    free(bytes);
    if (rc) {
        roundFailWith(c, rc, &out);
        return;
    }
    char body[64];
    snprintf(body, sizeof body, "{\"evidence\":%lld}", (long long)out.record_id);
    httpReplyJson(c, 201, body);
}

/* GET /api/round/evidence/{id}: the file, to staff, the owner and the recommending
 * department only (404 to anyone else, as if it did not exist); audited first. */
void apiRoundEvidenceGet(httpCtx *c) {
    appRoundWho who;
    if (!roundWho(c, &who)) return;
    const int64_t id = httpParamId(c->params[0]);
    store *s = httpStore(c);
    arena a;
    arenaInit(&a, 1 << 16, 0);
    storeEvidence e;
    int rc = id ? storeReadBegin(s) : GH_ENOTFOUND;
    if (!rc) {
        rc = appRoundEvidenceGet(&e, s, &who, id, &a);
        (void)storeReadEnd(s);
    }
    if (rc) {
        arenaFree(&a);
        httpFail(c, rc == GH_ENOTFOUND ? 404 : 500, rc == GH_ENOTFOUND ? "未找到 (not found)" : "读取失败 (read failed)");
        return;
    }
    char object[96];
    snprintf(object, sizeof object, "evidence #%lld application %s", (long long)id, e.app_id);
    const storeAudit entry = {.actor = c->who.username, .role = c->who.role_name, .client = c->client,
                              .action = "round.evidence.read", .object = object};
    storeIdle(s);
    if (auditRecord(s, &entry, httpNow())) {
        arenaFree(&a);
        httpFail(c, 503, "无法记录下载，请稍后重试 (cannot audit the download)");
        return;
    }
    /* The body goes through an unlinked temporary file, as exports do: the answer
     * outlives this frame and the arena. */
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/getihu-evidence-XXXXXX", dir && *dir ? dir : "/tmp");
    const int fd = mkstemp(path);
    const bool ok = fd >= 0 && write(fd, e.bytes, e.size) == (ssize_t)e.size && lseek(fd, 0, SEEK_SET) == 0;
    if (fd >= 0) unlink(path);
    static const char *const types[] = {"application/pdf", "image/jpeg", "image/png"};
    const char *type = "application/octet-stream";
    for (int i = 0; i < 3; i++)
        if (!strcmp(e.content_type, types[i])) type = types[i];
    char disposition[64];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"evidence-%lld%s\"", (long long)id,
             !strcmp(type, "application/pdf") ? ".pdf" : !strcmp(type, "image/png") ? ".png" : ".jpg");
    const size_t size = e.size;
    arenaFree(&a);
    if (!ok) {
        if (fd >= 0) close(fd);
        httpFail(c, 500, "读取失败 (read failed)");
        return;
    }
    httpHeader(c, "Content-Disposition", disposition);
    httpReplyFile(c, fd, size, type);
}
