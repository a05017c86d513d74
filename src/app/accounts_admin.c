/* The administrator's account work from the console (issue 11 §2) beside the
 * command line's: the refusals that keep a district able to sign in (decision 162)
 * and generated passwords. The changes themselves are accounts.c's, with its audit. */
#include "app/accounts.h"
#include "core/error.h"
#include <sodium.h>
#include <string.h>

typedef struct adminCount { const char *target; int admins; bool target_admin; } adminCount;

static int adminCountOne(void *ctx, const storeAccount *a) {
    adminCount *k = ctx;
    const bool admin = !a->disabled && !strcmp(a->role, "admin");
    k->admins += admin;
    if (!strcmp(a->username, k->target)) k->target_admin = admin;
    return 0;
}

int accountLastAdmin(store *s, const char *username) {
    adminCount k = {username, 0, false};
    const int rc = storeEachAccount(s, adminCountOne, &k);
    return rc ? rc : k.target_admin && k.admins <= 1;
}

int accountSetDisabledChecked(store *s, const appActor *who, const char *username, bool disabled, int64_t now) {
    if (disabled && username && strcmp(who->role, "cli") && !strcmp(who->name, username)) return GH_EREFUSED;
    return accountSetDisabled(s, who, username, disabled, now);
}

void accountGeneratePassword(char out[ACCOUNT_GENERATED_LEN + 1]) {
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < ACCOUNT_GENERATED_LEN; i++) out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[ACCOUNT_GENERATED_LEN] = '\0';
}
