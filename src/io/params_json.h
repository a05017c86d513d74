#ifndef GETIHU_IO_PARAMS_JSON_H
#define GETIHU_IO_PARAMS_JSON_H
#include <stddef.h>
#include "rules/params.h"

/* DATA.md §2: year parameters as one JSON object. Parses text into p (defaults
 * first), then checks consistency (paramsCheck). Unknown fields are refused: a
 * misspelt threshold must not silently become 0. Returns 0, or GH_EINVAL with a
 * one-line message in err. */
int paramsParseJson(yearParams *p, const char *text, size_t n, char *err, size_t errsize);

/* The shipped parameters for year (compiled in from params/). Returns 0 with the
 * JSON text and its path under params/, or GH_ENOTFOUND. */
int paramsBuiltin(int year, const char **text, size_t *n, const char **path);
/* Calls fn for every shipped parameter file, in path order. */
void paramsBuiltinEach(void (*fn)(void *ctx, const char *path, const char *text, size_t n), void *ctx);
#endif
