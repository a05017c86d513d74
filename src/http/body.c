/* The request body as a JSON object: one loop and one refusal for every handler
 * that takes named fields. */
#include "http/server.h"
#include "io/json.h"

bool httpBodyObject(httpCtx *c, arena *a, httpBodyFieldFn field, void *ctx) {
    if (!c->body_len) return true;
    jsonReader j;
    jsonInit(&j, c->body, c->body_len, a);
    const char *key;
    size_t kn;
    bool first = true;
    int k = jsonObjectBegin(&j) ? -1 : 1;
    while (k == 1 && (k = jsonObjectNext(&j, &first, &key, &kn)) == 1)
        if (!field(&j, ctx, key, kn)) k = -1;
    if (k == 0 && !jsonEnd(&j)) return true;
    httpFail(c, 400, "请求体不是所需的 JSON 对象，或含未知字段、字段类型不对 (malformed body; see docs/openapi.yaml)");
    return false;
}
