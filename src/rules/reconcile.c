/* The kinds of difference between the city's type and getihu's, and the reasons
 * that drive one (rules/reconcile.h; decision 121). */
#include "rules/reconcile.h"
#include "core/error.h"
#include <stdio.h>
#include <string.h>

static const char *reconcileSide(int t) { return t == RECONCILE_NONE ? "none" : typingTypeCode((bizType)t); }

const char *reconcileKindCode(char *out, size_t n, int city, int own) {
    snprintf(out, n, "%s-%s", reconcileSide(city), reconcileSide(own));
    return out;
}

static int reconcileSideParse(int *t, const char *s) {
    bizType b;
    if (!strcmp(s, "none")) {
        *t = RECONCILE_NONE;
        return 0;
    }
    if (typingTypeParse(&b, s)) return GH_EINVAL;
    *t = (int)b;
    return 0;
}

int reconcileKindParse(int *city, int *own, const char *code) {
    char a[16];
    const char *dash = strchr(code, '-');
    if (!dash || (size_t)(dash - code) >= sizeof a) return GH_EINVAL;
    memcpy(a, code, (size_t)(dash - code));
    a[dash - code] = '\0';
    if (reconcileSideParse(city, a) || reconcileSideParse(own, dash + 1)) return GH_EINVAL;
    return *city == RECONCILE_NONE && *own == RECONCILE_NONE ? GH_EINVAL : 0;
}

const char *reconcileKindLabel(char *out, size_t n, int city, int own) {
    /* the one side's type too: three "区级有、市级无" rows in a table cannot be told apart (decision 148) */
    if (own == RECONCILE_NONE) snprintf(out, n, "市级有、区级无（市级%s）", typingTypeLabel((bizType)city));
    else if (city == RECONCILE_NONE) snprintf(out, n, "区级有、市级无（区级%s）", typingTypeLabel((bizType)own));
    else snprintf(out, n, "市级%s、区级%s", typingTypeLabel((bizType)city), typingTypeLabel((bizType)own));
    return out;
}

static bool startsWith(const char *s, const char *prefix) { return !strncmp(s, prefix, strlen(prefix)); }

/* The rank of an eligible type: survival < growth < development (A1.3.2). */
static int reconcileRank(int t) { return t == TYPE_SURVIVAL ? 0 : t == TYPE_GROWTH ? 1 : 2; }

/* A1.3.1 / A1.3.2: getihu below the city is explained by what it found failed or
 * missed for the city's type; getihu above the city (or eligible where the city
 * says ineligible) by the criteria it found met. */
bool reconcileDrives(int city, int own, const char *code) {
    if (!code || city == own || city == RECONCILE_NONE || own == RECONCILE_NONE) return false;
    if (own == TYPE_INELIGIBLE) return startsWith(code, "INELIGIBLE.");
    if (city == TYPE_INELIGIBLE) /* getihu found no failed base condition: what it found instead */
        return startsWith(code, own == TYPE_SURVIVAL ? "SURVIVAL." : own == TYPE_GROWTH ? "GROWTH." : "DEVELOPMENT.");
    if (reconcileRank(own) < reconcileRank(city)) /* not reached: the entry conditions and the criteria missed */
        return own == TYPE_SURVIVAL /* a survival records the entry conditions and growth's misses only */
                   ? !strcmp(code, "MISSED.AGE") || !strcmp(code, "MISSED.TAX_REGISTRATION") ||
                         !strcmp(code, "SURVIVAL.NEW") || startsWith(code, "MISSED.GROWTH.")
                   : startsWith(code, "MISSED.DEVELOPMENT.");
    return startsWith(code, own == TYPE_GROWTH ? "GROWTH." : "DEVELOPMENT."); /* above the city: the criteria met */
}
