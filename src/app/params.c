#include "app/params.h"
#include "core/error.h"
#include "io/params_json.h"
#include <stdlib.h>
#include <string.h>

int appParamsLoad(yearParams *out, char **json_text, const char **origin, int year, const char *text, size_t n,
                  char *err, size_t errsize) {
    *origin = NULL;
    if (json_text) *json_text = NULL;
    if (!text && paramsBuiltin(year, &text, &n, origin)) return GH_ENOTFOUND;
    if (paramsParseJson(out, text, n, err, errsize)) return GH_EINVAL;
    if (out->year != year) return GH_ERANGE;
    if (json_text && !(*json_text = strndup(text, n))) return GH_ENOMEM;
    return 0;
}
