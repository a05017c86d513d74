#ifndef GETIHU_APP_PARAMS_H
#define GETIHU_APP_PARAMS_H
#include <stddef.h>
#include "rules/params.h"

/* The year parameters a run or a classification uses, loaded one way for `getihu
 * run`, `getihu classify` (and gen, demo) and the server's run start: the given
 * JSON text, or the shipped parameters of year when text is NULL.
 *
 * Returns 0 with *out filled, *origin naming the source (the shipped file's path
 * under params/, or NULL for given text) and, when json_text is not NULL, a
 * malloc'd copy of the text the caller frees (a run stores it). Failures, each
 * worded by the caller: GH_ENOTFOUND no shipped parameters for year; GH_EINVAL
 * unusable parameters (err receives the parser's reason); GH_ERANGE parameters of
 * another year (out->year says which); GH_ENOMEM. Nothing is allocated on failure. */
int appParamsLoad(yearParams *out, char **json_text, const char **origin, int year, const char *text, size_t n,
                  char *err, size_t errsize);
#endif
