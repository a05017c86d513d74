#ifndef GETIHU_RULES_DEPARTMENT_NAMES_H
#define GETIHU_RULES_DEPARTMENT_NAMES_H
#include <stddef.h>

/* The one list of the district's departments: those the scheme (兴市监发〔2024〕53号)
 * names as responsible for a measure, plus those that supply typing data. The
 * server's accounts (app/departments.c) and the measures catalogue (io/measures.c)
 * both read it, so they cannot disagree. Names are the scheme's full names, with
 * the short forms the annex or clerks use accepted as aliases. */

enum {
    DEPT_ACCOUNT = 1 << 0,    /* may hold a department account */
    DEPT_COLLECTIVE = 1 << 1, /* a collective name (各镇街, 各相关部门 …): decision 86 says who serves it */
    DEPT_CLERK = 1 << 2       /* 区市场监管局: the bureau's own staff, the clerk role (decision 85) */
};

typedef struct departmentName {
    const char *name;  /* canonical */
    const char *alias; /* the scheme's or clerks' short form, or NULL */
    unsigned flags;
} departmentName;

/* The entry whose name or alias equals name, or NULL (NULL name included). */
const departmentName *departmentNameFind(const char *name);
/* The i-th entry (0 <= i < departmentNameCount()), in a fixed order. */
const departmentName *departmentNameAt(size_t i);
size_t departmentNameCount(void);
#endif
