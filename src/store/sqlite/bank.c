/* The bank channel in SQLite: owners' consents per bank and the banks' accesses
 * (issue 10 §5; decisions 110-116). */
#include "store/sqlite/round_int.h"
#include "core/error.h"
#include <string.h>

/* Whether a consent of uscc to bank, not withdrawn, shares a day with from..to:
 * 1 when one does, 0 when none, or a failure. */
static int bankOverlaps(sqliteStore *q, const storeBankConsent *c) {
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT 1 FROM bank_consents WHERE uscc=?1 AND bank=?2 AND withdrawn_at IS NULL "
                      "AND from_date<=?4 AND to_date>=?3", &st, "bank_consents"))
        return GH_EIO;
    sqlBindText(st, 1, c->uscc);
    sqlBindText(st, 2, c->bank);
    sqlBindDate(st, 3, c->from);
    sqlBindDate(st, 4, c->to);
    const int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : sqlFail(q, "bank_consents");
}

static int sqliteBankConsentAdd(storeBackend *b, const storeBankConsent *c, int64_t *id) {
    sqliteStore *q = SQ(b);
    const int over = bankOverlaps(q, c);
    if (over < 0) return over;
    if (over)
        return storeErrSet(b->err, GH_EINVAL, "from", "与该银行已有的授权期间重叠，请先撤回 (overlaps a consent to this bank)");
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO bank_consents(uscc,bank,from_date,to_date,scopes,granted_by,granted_at) "
                      "VALUES(?1,?2,?3,?4,?5,?6,?7)", &st, "bank_consents"))
        return GH_EIO;
    sqlBindText(st, 1, c->uscc);
    sqlBindText(st, 2, c->bank);
    sqlBindDate(st, 3, c->from);
    sqlBindDate(st, 4, c->to);
    sqlite3_bind_int64(st, 5, c->scopes);
    sqlBindText(st, 6, c->granted_by);
    sqlBindText(st, 7, c->granted_at);
    return roundInsertFinal(q, st, "bank_consents", id);
}

static int sqliteBankConsentWithdraw(storeBackend *b, int64_t id, const char *uscc, const char *by, const char *at) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "UPDATE bank_consents SET withdrawn_by=?3, withdrawn_at=?4 "
                      "WHERE id=?1 AND uscc=?2 AND withdrawn_at IS NULL", &st, "bank_consents"))
        return GH_EIO;
    sqlite3_bind_int64(st, 1, id);
    sqlBindText(st, 2, uscc);
    sqlBindText(st, 3, by);
    sqlBindText(st, 4, at);
    const int rc = roundStepFinal(q, st, "bank_consents");
    return rc ? rc : roundChanged(q, "bank_consents");
}

#define CONSENT_COLS "SELECT c.id,c.uscc,c.bank,c.from_date,c.to_date,c.scopes,c.granted_by,c.granted_at," \
                     "c.withdrawn_by,c.withdrawn_at,b.name FROM bank_consents c LEFT JOIN businesses b ON b.uscc=c.uscc "

static int sqliteEachBankConsent(storeBackend *b, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    if (!f->uscc == !f->bank || (f->bank && f->valid_on == DATE_NONE))
        return storeErrSet(b->err, GH_EINVAL, NULL, "bank_consents: uscc 或 bank+valid_on 之一 (one of uscc, bank)");
    sqlite3_stmt *st;
    const char *sql = f->uscc ? CONSENT_COLS "WHERE c.uscc=?1 ORDER BY c.id DESC"
                              : CONSENT_COLS "WHERE c.bank=?2 AND c.withdrawn_at IS NULL AND c.from_date<=?3 "
                                             "AND c.to_date>=?3 AND c.uscc>?4 ORDER BY c.uscc LIMIT ?5";
    if (sqlPrepare(q, sql, &st, "bank_consents")) return GH_EIO;
    if (f->uscc) sqlBindText(st, 1, f->uscc);
    else {
        sqlBindText(st, 2, f->bank);
        sqlBindDate(st, 3, f->valid_on);
        sqlBindText(st, 4, f->after ? f->after : "");
        sqlite3_bind_int(st, 5, f->limit > 0 ? f->limit : -1);
    }
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeBankConsent c = {.id = sqlite3_column_int64(st, 0), .uscc = sqlColText(st, 1),
                                    .bank = sqlColText(st, 2), .from = sqlColDate(st, 3), .to = sqlColDate(st, 4),
                                    .scopes = (unsigned)sqlite3_column_int64(st, 5), .granted_by = sqlColText(st, 6),
                                    .granted_at = sqlColText(st, 7), .withdrawn_by = sqlColText(st, 8),
                                    .withdrawn_at = sqlColText(st, 9), .name = sqlColText(st, 10)};
        k = fn(ctx, &c);
    }
    return roundWalkEnd(q, st, rc, k, "bank_consents");
}

static int sqliteBankAccessAdd(storeBackend *b, const storeBankAccess *a, size_t n) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "INSERT INTO bank_accesses(uscc,bank,account,at,what,scopes) VALUES(?1,?2,?3,?4,?5,?6)", &st,
                   "bank_accesses"))
        return GH_EIO;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < n && rc == SQLITE_DONE; i++) {
        sqlite3_reset(st);
        sqlBindText(st, 1, a[i].uscc);
        sqlBindText(st, 2, a[i].bank);
        sqlBindText(st, 3, a[i].account);
        sqlBindText(st, 4, a[i].at);
        sqlBindText(st, 5, a[i].what);
        sqlite3_bind_int64(st, 6, a[i].scopes);
        rc = sqlite3_step(st);
    }
    if (rc == SQLITE_DONE) {
        sqlite3_finalize(st);
        return 0;
    }
    sqlite3_reset(st); /* the failing row again, for its code and message */
    return roundStepFinal(q, st, "bank_accesses");
}

static int sqliteEachBankAccess(storeBackend *b, const char *uscc, int limit, storeBankAccessFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT id,uscc,bank,account,at,what,scopes FROM bank_accesses WHERE uscc=?1 "
                      "ORDER BY id DESC LIMIT ?2", &st, "bank_accesses"))
        return GH_EIO;
    sqlBindText(st, 1, uscc);
    sqlite3_bind_int(st, 2, limit > 0 ? limit : -1);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const storeBankAccess a = {.id = sqlite3_column_int64(st, 0), .uscc = sqlColText(st, 1),
                                   .bank = sqlColText(st, 2), .account = sqlColText(st, 3), .at = sqlColText(st, 4),
                                   .what = sqlColText(st, 5), .scopes = (unsigned)sqlite3_column_int64(st, 6)};
        k = fn(ctx, &a);
    }
    return roundWalkEnd(q, st, rc, k, "bank_accesses");
}

static int sqliteEachBank(storeBackend *b, storeBankFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, "SELECT DISTINCT department FROM accounts WHERE role='bank' AND disabled=0 "
                      "AND department IS NOT NULL AND department<>'' ORDER BY department", &st, "accounts"))
        return GH_EIO;
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) k = fn(ctx, sqlColText(st, 0));
    return roundWalkEnd(q, st, rc, k, "accounts");
}


static void bankRowOf(sqlite3_stmt *st, storeBankRow *r) {
    memset(r, 0, sizeof *r);
    r->uscc = sqlColText(st, 0), r->name = sqlColText(st, 1), r->town = sqlColText(st, 2);
    r->industry = sqlColText(st, 3);
    r->from = sqlColDate(st, 4), r->to = sqlColDate(st, 5), r->scopes = (unsigned)sqlite3_column_int64(st, 6);
    const char *type = sqlColText(st, 8), *cat = sqlColText(st, 9);
    if (type && !typingTypeParse(&r->type, type)) r->year = sqlite3_column_int(st, 7);
    r->has_category = cat && !categoryParse(&r->category, cat, strlen(cat));
    r->recognised_on = sqlColDate(st, 10), r->expires = sqlColDate(st, 11);
    r->report_year = sqlite3_column_int(st, 12);
    r->has_revenue = sqlite3_column_type(st, 13) != SQLITE_NULL;
    r->revenue = sqlite3_column_int64(st, 13);
    r->employees = sqlite3_column_type(st, 14) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 14);
    r->tax_year = sqlite3_column_int(st, 15), r->tax = sqlite3_column_int64(st, 16);
    r->insured_year = sqlite3_column_int(st, 17), r->insured = sqlite3_column_int(st, 18);
    r->source = sqlColText(st, 19);
}

static int sqliteEachBankRow(storeBackend *b, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx) {
    sqliteStore *q = SQ(b);
    sqlite3_stmt *st;
    if (sqlPrepare(q, SQL_BANK_ROWS("?1", "?2"), &st, "bank_consents")) return GH_EIO;
    sqlBindText(st, 1, bank);
    sqlBindDate(st, 2, valid_on);
    int rc, k = 0;
    while (!k && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        storeBankRow r;
        bankRowOf(st, &r);
        k = fn(ctx, &r);
    }
    return roundWalkEnd(q, st, rc, k, "bank_consents");
}

void sqliteBankInstall(storeBackend *b) {
    b->eachBankRow = sqliteEachBankRow;
    b->bankConsentAdd = sqliteBankConsentAdd;
    b->bankConsentWithdraw = sqliteBankConsentWithdraw;
    b->eachBankConsent = sqliteEachBankConsent;
    b->bankAccessAdd = sqliteBankAccessAdd;
    b->eachBankAccess = sqliteEachBankAccess;
    b->eachBank = sqliteEachBank;
}
