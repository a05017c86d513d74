#ifndef GETIHU_TEST_RENDER_CASES_H
#define GETIHU_TEST_RENDER_CASES_H
/* The figures every reason code is rendered with in the renderer tests
 * (test_render.c) and in render_v1_golden.txt, which the release before facts
 * wrote for them (tests/unit/render_v1_golden.sh). Four variants per code walk the
 * branches of its sentence: met, missed, no figure, a quoted ref that needs JSON
 * escaping, a report filed late or never, each registration status. */
#include "core/date.h"
#include "rules/typing.h"

#define RENDER_CASE_VARIANTS 4

static inline typingReason renderCase(reasonCode c, int v) {
    typingReason r = {.code = c, .year = 2024, .has_value = v != 2, .value = v == 1 ? 12000000 : 35000000,
                      .threshold = 30000000, .count = v == 1 ? 5 : v == 2 ? 0 : 2, .count_min = 1, .count_max = 3,
                      .date = dateFromYmd(2022, 3, 15), .date2 = dateFromYmd(2025, 7, 31)};
    static const char *const refs[RENDER_CASE_VARIANTS] = {NULL, "30001234", "TM\"7\"\\号\t", "ZL2023.1"};
    r.ref = refs[v];
    if (c == REASON_INELIGIBLE_STATUS) r.count = v; /* bizStatus */
    if (c == REASON_INELIGIBLE_NO_ANNUAL_REPORT && v >= 2) r.date = DATE_NONE;
    if (c == REASON_SURVIVAL_NEW || c == REASON_INELIGIBLE_SUSPENDED) r.year = 2025;
    if (v == 3) r.value = r.threshold; /* exactly met */
    return r;
}
#endif
