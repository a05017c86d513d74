#ifndef GETIHU_RULES_ROUND_QUOTA_H
#define GETIHU_RULES_ROUND_QUOTA_H
#include <stdbool.h>
#include "rules/params.h"

/* The quota of A3.3.4: valid 名特优新 in the district <= floor(percent × (growth +
 * development) / 100) of the year's published typing run. The figures as
 * `getihu category quota` prints them. */
typedef struct roundQuota {
    int year;
    int growth, development; /* businesses of each type in the year's published run */
    int percent;             /* category_quota_percent */
    int quota;               /* floor(percent × (growth + development) / 100) */
    int recognised;          /* valid recognitions at the date */
    int remaining;           /* quota - recognised; negative when a smaller run left the district above it */
} roundQuota;

/* A3.3.4: fills out from the run's counts and the valid recognitions. Returns 0, or
 * GH_EINVAL for a negative count. */
int roundQuotaCompute(roundQuota *out, int growth, int development, int recognised, const yearParams *p);
/* A3.3.4: whether adding more recognitions keeps the district within the quota. */
bool roundQuotaAllows(const roundQuota *q, int adding);
#endif
