/* The district's departments, listed once (see department_names.h). */
#include "rules/department_names.h"
#include <string.h>

static const departmentName names[] = {
    {"区税务局", NULL, DEPT_ACCOUNT},
    {"区人力资源社会保障局", "区人力社保局", DEPT_ACCOUNT},
    {"区退役军人事务局", NULL, DEPT_ACCOUNT},
    {"区民政局", NULL, DEPT_ACCOUNT},
    {"区残疾人联合会", "区残联", DEPT_ACCOUNT},
    {"区人民法院", "区法院", DEPT_ACCOUNT},
    {"区知识产权局", NULL, DEPT_ACCOUNT},
    {"区商务局", NULL, DEPT_ACCOUNT},
    {"区文化和旅游局", "区文旅局", DEPT_ACCOUNT},
    {"区农业农村局", NULL, DEPT_ACCOUNT},
    {"区经济和信息化局", "区经信局", DEPT_ACCOUNT},
    {"区发展和改革委员会", "区发展改革委", DEPT_ACCOUNT},
    {"区财政局", NULL, DEPT_ACCOUNT},
    {"区教育委员会", "区教委", DEPT_ACCOUNT},
    {"区体育局", NULL, DEPT_ACCOUNT},
    /* The annex's short name; the full name of the centre is not in the scheme. */
    {"区产促中心", NULL, DEPT_ACCOUNT},
    {"区市场监督管理局", "区市场监管局", DEPT_CLERK},
    {"各镇街", NULL, DEPT_COLLECTIVE},
    {"各相关部门", NULL, DEPT_COLLECTIVE},
    {"各相关执法部门", NULL, DEPT_COLLECTIVE},
    {"各行业管理部门", NULL, DEPT_COLLECTIVE},
    {"相关行政许可部门", NULL, DEPT_COLLECTIVE},
};
#define N_NAMES (sizeof names / sizeof names[0])

const departmentName *departmentNameFind(const char *name) {
    if (!name) return NULL;
    for (size_t i = 0; i < N_NAMES; i++)
        if (!strcmp(name, names[i].name) || (names[i].alias && !strcmp(name, names[i].alias))) return &names[i];
    return NULL;
}

const departmentName *departmentNameAt(size_t i) {
    return i < N_NAMES ? &names[i] : NULL;
}

size_t departmentNameCount(void) {
    return N_NAMES;
}
