/* Which department supplies which extract: the data each one holds under the
 * scheme's division of work. Departments that recommend or act on results (商务,
 * 文旅, 农业农村 …) have accounts but supply no typing data. */
#include "app/departments.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

#define KIND(k) (1u << (k))

typedef struct department {
    const char *name, *alias;
    unsigned kinds; /* bit set of extractKind */
} department;

static const department departments[] = {
    {"区税务局", NULL, KIND(EXTRACT_TAX)},
    {"区人力资源社会保障局", "区人力社保局", KIND(EXTRACT_INSURANCE) | KIND(EXTRACT_OPERATOR_GROUPS)},
    {"区退役军人事务局", NULL, KIND(EXTRACT_OPERATOR_GROUPS)},
    {"区民政局", NULL, KIND(EXTRACT_OPERATOR_GROUPS)},
    {"区残疾人联合会", "区残联", KIND(EXTRACT_OPERATOR_GROUPS)},
    {"区人民法院", "区法院", KIND(EXTRACT_DISHONEST_DEBTORS)},
    {"区知识产权局", NULL, KIND(EXTRACT_TRADEMARKS) | KIND(EXTRACT_PATENTS)},
    {"区商务局", NULL, 0},
    {"区文化和旅游局", "区文旅局", 0},
    {"区农业农村局", NULL, 0},
    {"区经济和信息化局", "区经信局", 0},
    {"区发展和改革委员会", "区发展改革委", 0},
    {"区财政局", NULL, 0},
    {"区教育委员会", "区教委", 0},
    {"区体育局", NULL, 0},
};
#define N_DEPARTMENTS (sizeof departments / sizeof departments[0])

static const department *departmentFind(const char *name) {
    if (!name) return NULL;
    for (size_t i = 0; i < N_DEPARTMENTS; i++)
        if (!strcmp(name, departments[i].name) || (departments[i].alias && !strcmp(name, departments[i].alias)))
            return &departments[i];
    return NULL;
}

const char *departmentCanonical(const char *name) {
    const department *d = departmentFind(name);
    return d ? d->name : NULL;
}

bool departmentSupplies(const char *name, extractKind kind) {
    assert(EXTRACT__COUNT <= 32);
    const department *d = departmentFind(name);
    return d && kind >= 0 && kind < EXTRACT__COUNT && (d->kinds & KIND(kind));
}

int departmentList(char *out, size_t n) {
    assert(n > 0);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < N_DEPARTMENTS; i++) {
        const department *d = &departments[i];
        const int w = snprintf(out + used, n - used, "%s%s%s%s%s", i ? "、" : "", d->name, d->alias ? "（" : "",
                               d->alias ? d->alias : "", d->alias ? "）" : "");
        if (w < 0 || (size_t)w >= n - used) return -1;
        used += (size_t)w;
    }
    return 0;
}
