/* The district departments with accounts, by the scheme's names. Which one
 * supplies which extract is the kind's descriptor (io/kinds.c: owners): the data
 * each holds under the scheme's division of work. Departments that recommend or act
 * on results (商务, 文旅, 农业农村 …) have accounts but supply no typing data. */
#include "app/departments.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include "rules/department_names.h"

/* An account-holding department by name or alias (rules/department_names.c is the
 * one list; collective names and the market bureau itself hold no department
 * account), or NULL. */
static const departmentName *departmentFind(const char *name) {
    const departmentName *d = departmentNameFind(name);
    return d && (d->flags & DEPT_ACCOUNT) ? d : NULL;
}

const char *departmentCanonical(const char *name) {
    const departmentName *d = departmentFind(name);
    return d ? d->name : NULL;
}

bool departmentSupplies(const char *name, extractKind kind) {
    const departmentName *d = departmentFind(name);
    return d && kind >= 0 && kind < EXTRACT__COUNT && kindOwnedBy(kindGet(kind), d->name);
}

int departmentList(char *out, size_t n) {
    assert(n > 0);
    size_t used = 0;
    out[0] = '\0';
    bool first = true;
    for (size_t i = 0; i < departmentNameCount(); i++) {
        const departmentName *d = departmentNameAt(i);
        if (!(d->flags & DEPT_ACCOUNT)) continue;
        const int w = snprintf(out + used, n - used, "%s%s%s%s%s", first ? "" : "、", d->name, d->alias ? "（" : "",
                               d->alias ? d->alias : "", d->alias ? "）" : "");
        if (w < 0 || (size_t)w >= n - used) return -1;
        used += (size_t)w;
        first = false;
    }
    return 0;
}
