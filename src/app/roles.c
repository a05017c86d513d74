#include "app/roles.h"
#include <assert.h>
#include <stdio.h>
#include <string.h>

static const roleInfo roleTable[] = {
    {"admin", ROLE_ADMIN, "管理员"},
    {"clerk", ROLE_CLERK, "区市场监管局经办"},
    {"reviewer", ROLE_REVIEWER, "审核/领导"},
    {"department", ROLE_DEPARTMENT, "部门用户"},
    {"inspector", ROLE_INSPECTOR, "市局抽查"},
    {"bank", ROLE_BANK, "银行"},
    {"business", ROLE_BUSINESS, "个体工商户"},
    {"town", ROLE_TOWN, "镇街用户"},
};

const roleInfo *roleAll(size_t *n) {
    *n = sizeof roleTable / sizeof roleTable[0];
    return roleTable;
}

unsigned roleBit(const char *name) {
    for (size_t i = 0; name && i < sizeof roleTable / sizeof roleTable[0]; i++)
        if (!strcmp(name, roleTable[i].name)) return roleTable[i].bit;
    return 0;
}

size_t roleNames(char *buf, size_t n, const char *sep) {
    assert(buf && n > 0);
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof roleTable / sizeof roleTable[0]; i++) {
        const int w = snprintf(buf + (len < n ? len : n - 1), len < n ? n - len : 1, "%s%s", i ? sep : "",
                               roleTable[i].name);
        len += w > 0 ? (size_t)w : 0;
    }
    return len;
}
