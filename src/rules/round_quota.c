#include "rules/round_quota.h"
#include "core/error.h"
#include <stdint.h>
#include <string.h>

/* A3.3.4: floor, in 64 bits so that no district size overflows the product. */
int roundQuotaCompute(roundQuota *out, int growth, int development, int recognised, const yearParams *p) {
    memset(out, 0, sizeof *out);
    if (growth < 0 || development < 0 || recognised < 0) return GH_EINVAL;
    out->year = p->year;
    out->growth = growth;
    out->development = development;
    out->percent = p->category_quota_percent;
    out->quota = (int)((int64_t)p->category_quota_percent * ((int64_t)growth + development) / 100);
    out->recognised = recognised;
    out->remaining = out->quota - recognised;
    return 0;
}

/* A3.3.4 */
bool roundQuotaAllows(const roundQuota *q, int adding) {
    return (int64_t)q->recognised + adding <= q->quota;
}
