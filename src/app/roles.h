#ifndef GETIHU_APP_ROLES_H
#define GETIHU_APP_ROLES_H
#include <stddef.h>

/* The account roles, listed once (docs/decisions.md §34-38): the server's route
 * table, /api/me, `getihu user add --role` and the sign-in all read this table. The
 * store's CHECK constraint in the shipped migrations names the same eight. */
typedef enum {
    ROLE_ADMIN = 1, ROLE_CLERK = 2, ROLE_REVIEWER = 4, ROLE_DEPARTMENT = 8, ROLE_INSPECTOR = 16, ROLE_BANK = 32,
    ROLE_BUSINESS = 64, ROLE_TOWN = 128 /* a 镇街 account: its town is its unit (decision 91) */
} roleBits;
#define ROLE_STAFF (ROLE_ADMIN | ROLE_CLERK | ROLE_REVIEWER | ROLE_DEPARTMENT | ROLE_INSPECTOR)

typedef struct roleInfo {
    const char *name;  /* as stored and typed: "admin" */
    unsigned bit;      /* one of ROLE_* */
    const char *label; /* Chinese, for people: "管理员" */
} roleInfo;

/* The roles in a fixed order; *n receives their count. */
const roleInfo *roleAll(size_t *n);
/* The bit of a role name, or 0 for NULL or an unknown name. */
unsigned roleBit(const char *name);
/* Writes the names joined by sep ("admin/clerk/…") into buf, truncated to n bytes
 * (always terminated). Returns the length it needed, as snprintf does. */
size_t roleNames(char *buf, size_t n, const char *sep);
#endif
