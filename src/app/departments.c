/* The district departments with accounts, by the scheme's names. Which one
 * supplies which extract is the kind's descriptor (io/kinds.c: owners): the data
 * each holds under the scheme's division of work. Departments that recommend or act
 * on results (商务, 文旅, 农业农村 …) have accounts but supply no typing data. */
#include "app/departments.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

typedef struct department {
    const char *name, *alias;
} department;

static const department departments[] = {
    {"区税务局", NULL},
    {"区人力资源社会保障局", "区人力社保局"},
    {"区退役军人事务局", NULL},
    {"区民政局", NULL},
    {"区残疾人联合会", "区残联"},
    {"区人民法院", "区法院"},
    {"区知识产权局", NULL},
    {"区商务局", NULL},
    {"区文化和旅游局", "区文旅局"},
    {"区农业农村局", NULL},
    {"区经济和信息化局", "区经信局"},
    {"区发展和改革委员会", "区发展改革委"},
    {"区财政局", NULL},
    {"区教育委员会", "区教委"},
    {"区体育局", NULL},
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
    const department *d = departmentFind(name);
    return d && kind >= 0 && kind < EXTRACT__COUNT && kindOwnedBy(kindGet(kind), d->name);
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
