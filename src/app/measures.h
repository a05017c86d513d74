#ifndef GETIHU_APP_MEASURES_H
#define GETIHU_APP_MEASURES_H
#include "rules/measures.h"

/* The shipped measures catalogue (measures/beijing-daxing.txt, compiled in),
 * parsed once per process and never changed afterwards, or NULL when the shipped
 * file is invalid (a test refuses such a build; err then says why). */
const measureCatalogue *measuresShipped(const char **err);
#endif
