/* The bank channel: owners' consents per bank and the banks' accesses (issue 10 §5;
 * decisions 110-116; PostgreSQL, mirrors sqlite/bank.c). */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include <string.h>

enum {
    ST_OVERLAP = PG_ST_BANK, ST_CONSENT_ADD, ST_WITHDRAW, ST_CONSENTS_OF, ST_CONSENTS_AT, ST_ACCESSES, ST_BANKS
};


static int pgBankConsentAdd(storeBackend *b, const storeBankConsent *c, int64_t *id) {
    char from[DATE_STRLEN], to[DATE_STRLEN], scopes[24];
    const char *v[] = {c->uscc, c->bank, pgDate(from, c->from), pgDate(to, c->to), pgI64(scopes, c->scopes),
                       c->granted_by, c->granted_at};
    int code;
    /* one that is not withdrawn and shares a day with from..to */
    PGresult *r = pgQuery(PG(b), ST_OVERLAP,
                          "SELECT 1 FROM bank_consents WHERE uscc=$1 AND bank=$2 AND withdrawn_at IS NULL "
                          "AND from_date<=$4::date AND to_date>=$3::date",
                          4, v, &code, "bank_consents");
    if (!r) return code;
    const int over = PQntuples(r) > 0;
    PQclear(r);
    if (over)
        return storeErrSet(b->err, GH_EINVAL, "from", "与该银行已有的授权期间重叠，请先撤回 (overlaps a consent to this bank)");
    r = pgQuery(PG(b), ST_CONSENT_ADD,
                "INSERT INTO bank_consents(uscc,bank,from_date,to_date,scopes,granted_by,granted_at) "
                "VALUES($1,$2,$3,$4,$5,$6,$7) RETURNING id",
                7, v, &code, "bank_consents");
    if (!r) return code;
    *id = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

static int pgBankConsentWithdraw(storeBackend *b, int64_t id, const char *uscc, const char *by, const char *at) {
    char buf[24];
    const char *v[] = {pgI64(buf, id), uscc, by, at};
    int64_t changed = 0;
    const int rc = pgCmd(PG(b), ST_WITHDRAW,
                         /* the time is read only for the row withdrawn (decision 257) */
                         "UPDATE bank_consents SET withdrawn_by=$3, withdrawn_at=CAST($4::text AS timestamptz) "
                         "WHERE id=$1 AND uscc=$2 AND withdrawn_at IS NULL",
                         4, v, &changed, "bank_consents");
    if (rc) return rc;
    return changed > 0 ? 0 : storeErrSet(b->err, GH_ENOTFOUND, NULL, "bank_consents: 未找到 (not found)");
}

#define CONSENT_COLS "SELECT c.id,c.uscc,c.bank,c.from_date,c.to_date,c.scopes,c.granted_by," \
                     PG_TIME_TEXT("c.granted_at") ",c.withdrawn_by," PG_TIME_TEXT("c.withdrawn_at") ",b.name " \
                     "FROM bank_consents c LEFT JOIN businesses b ON b.uscc=c.uscc "

/* A page (limit) or one business's consents: read whole, then handed out. */
static int pgEachBankConsent(storeBackend *b, const storeBankConsentFilter *f, storeBankConsentFn fn, void *ctx) {
    if (!f->uscc == !f->bank || (f->bank && f->valid_on == DATE_NONE))
        return storeErrSet(b->err, GH_EINVAL, NULL, "bank_consents: uscc 或 bank+valid_on 之一 (one of uscc, bank)");
    char on[DATE_STRLEN], l[24];
    int code, k = 0;
    PGresult *r;
    if (f->uscc) {
        const char *v[] = {f->uscc};
        r = pgQuery(PG(b), ST_CONSENTS_OF, CONSENT_COLS "WHERE c.uscc=$1 ORDER BY c.id DESC", 1, v, &code,
                    "bank_consents");
    } else {
        const char *v[] = {f->bank, pgDate(on, f->valid_on), f->after ? f->after : "",
                           f->limit > 0 ? pgI64(l, f->limit) : NULL};
        r = pgQuery(PG(b), ST_CONSENTS_AT,
                    CONSENT_COLS "WHERE c.bank=$1 AND c.withdrawn_at IS NULL AND c.from_date<=$2::date "
                                 "AND c.to_date>=$2::date AND c.uscc>$3 ORDER BY c.uscc LIMIT $4::int",
                    4, v, &code, "bank_consents");
    }
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        const storeBankConsent c = {.id = pgInt(r, i, 0), .uscc = pgText(r, i, 1), .bank = pgText(r, i, 2),
                                    .from = pgColDate(r, i, 3), .to = pgColDate(r, i, 4),
                                    .scopes = (unsigned)pgInt(r, i, 5), .granted_by = pgText(r, i, 6),
                                    .granted_at = pgText(r, i, 7), .withdrawn_by = pgText(r, i, 8),
                                    .withdrawn_at = pgText(r, i, 9), .name = pgText(r, i, 10)};
        k = fn(ctx, &c);
    }
    PQclear(r);
    return k;
}

#define ACCESS_COPY "COPY bank_accesses(uscc,bank,account,at,what,scopes) FROM STDIN"

/* One COPY for all n (a download records every business it gave): all or none. */
static int pgBankAccessAdd(storeBackend *b, const storeBankAccess *a, size_t n) {
    pgStore *p = PG(b);
    int rc = pgCopyPending(p);
    if (rc) return rc;
    p->copy_target = PG_ST_BANK;
    p->copy_sql = ACCESS_COPY;
    for (size_t i = 0; i < n; i++) {
        char scopes[24];
        const char *v[] = {a[i].uscc, a[i].bank, a[i].account, a[i].at, a[i].what, pgI64(scopes, a[i].scopes)};
        for (int f = 0; f < 6; f++) pgCopyField(&p->copy, v[f], f == 5);
    }
    return pgCopyFlush(p, ACCESS_COPY); /* out of memory: drops the rows and says so */
}


/* At most limit of one business's accesses: read whole, then handed out. */
static int pgEachBankAccess(storeBackend *b, const char *uscc, int limit, storeBankAccessFn fn, void *ctx) {
    char l[24];
    const char *v[] = {uscc, limit > 0 ? pgI64(l, limit) : NULL};
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_ACCESSES,
                          "SELECT id,uscc,bank,account," PG_TIME_TEXT("at") ",what,scopes FROM bank_accesses "
                          "WHERE uscc=$1 ORDER BY id DESC LIMIT $2::int",
                          2, v, &code, "bank_accesses");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) {
        const storeBankAccess x = {.id = pgInt(r, i, 0), .uscc = pgText(r, i, 1), .bank = pgText(r, i, 2),
                                   .account = pgText(r, i, 3), .at = pgText(r, i, 4), .what = pgText(r, i, 5),
                                   .scopes = (unsigned)pgInt(r, i, 6)};
        k = fn(ctx, &x);
    }
    PQclear(r);
    return k;
}

static int pgEachBank(storeBackend *b, storeBankFn fn, void *ctx) {
    int code, k = 0;
    PGresult *r = pgQuery(PG(b), ST_BANKS,
                          "SELECT DISTINCT department FROM accounts WHERE role='bank' AND disabled::int=0 "
                          "AND department IS NOT NULL AND department<>'' ORDER BY department",
                          0, NULL, &code, "accounts");
    if (!r) return code;
    for (int i = 0; i < PQntuples(r) && !k; i++) k = fn(ctx, pgText(r, i, 0));
    PQclear(r);
    return k;
}


typedef struct bankWalk {
    storeBankRowFn fn;
    void *ctx;
} bankWalk;

static int bankRowOf(void *ctx, PGresult *r, int i) {
    const bankWalk *w = ctx;
    storeBankRow x;
    memset(&x, 0, sizeof x);
    x.uscc = pgText(r, i, 0), x.name = pgText(r, i, 1), x.town = pgText(r, i, 2), x.industry = pgText(r, i, 3);
    x.from = pgColDate(r, i, 4), x.to = pgColDate(r, i, 5), x.scopes = (unsigned)pgInt(r, i, 6);
    const char *type = pgText(r, i, 8), *cat = pgText(r, i, 9);
    if (type && !typingTypeParse(&x.type, type)) x.year = (int)pgInt(r, i, 7);
    x.has_category = cat && !categoryParse(&x.category, cat, strlen(cat));
    x.recognised_on = pgColDate(r, i, 10), x.expires = pgColDate(r, i, 11);
    x.report_year = (int)pgInt(r, i, 12);
    x.has_revenue = !PQgetisnull(r, i, 13);
    x.revenue = pgInt(r, i, 13);
    x.employees = PQgetisnull(r, i, 14) ? -1 : (int)pgInt(r, i, 14);
    x.tax_year = (int)pgInt(r, i, 15), x.tax = pgInt(r, i, 16);
    x.insured_year = (int)pgInt(r, i, 17), x.insured = (int)pgInt(r, i, 18);
    x.source = pgText(r, i, 19);
    return w->fn(w->ctx, &x);
}

/* Streamed: a bank's table may hold every business of the district. */
static int pgEachBankRow(storeBackend *b, const char *bank, civilDate valid_on, storeBankRowFn fn, void *ctx) {
    char on[DATE_STRLEN];
    const char *v[] = {bank, pgDate(on, valid_on)};
    bankWalk w = {fn, ctx};
    return pgEach(PG(b), SQL_BANK_ROWS("$1", "$2::date"), 2, v, bankRowOf, &w, "bank_consents");
}

void pgBankInstall(storeBackend *b) {
    b->eachBankRow = pgEachBankRow;
    b->bankConsentAdd = pgBankConsentAdd;
    b->bankConsentWithdraw = pgBankConsentWithdraw;
    b->eachBankConsent = pgEachBankConsent;
    b->bankAccessAdd = pgBankAccessAdd;
    b->eachBankAccess = pgEachBankAccess;
    b->eachBank = pgEachBank;
}
