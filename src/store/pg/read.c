/* Reading the directory: whole dossiers in USCC order (one cursor per table, all
 * in USCC order, walked together like a sorted merge join, fetched in batches so
 * that memory stays flat), one business's dossier, and the look-up. */
#include "store/pg/pg_int.h"
#include "core/error.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { RD_BIZ, RD_AR, RD_TP, RD_IN, RD_IV, RD_TM, RD_PT, RD_PE, RD__COUNT } rdTable;
/* One statement per table; %s is the WHERE of the one-business variant or "". */
static const char *const rdSql[RD__COUNT] = {
    [RD_BIZ] = "SELECT uscc,name,operator_name,operator_id,established,status,seasonal,town,industry,address,"
               "legacy_reg_no,tax_registered,general_taxpayer,operator_groups FROM businesses%s ORDER BY uscc",
    [RD_AR] = "SELECT uscc,year,filed_on,revenue,employees FROM annual_reports%s ORDER BY uscc,year",
    [RD_TP] = "SELECT uscc,year,amount FROM tax_paid%s ORDER BY uscc,year",
    [RD_IN] = "SELECT uscc,year,count FROM insured%s ORDER BY uscc,year",
    [RD_IV] = "SELECT uscc,list,from_date,to_date FROM intervals%s ORDER BY uscc,list,from_date",
    [RD_TM] = "SELECT uscc,reg_no,holder,in_use FROM trademarks%s ORDER BY uscc,reg_no",
    [RD_PT] = "SELECT uscc,number,holder FROM patents%s ORDER BY uscc,number",
    [RD_PE] = "SELECT uscc,decided_on,kind,publicized,repaired_on FROM penalties%s ORDER BY uscc,decided_on,kind",
};

/* The businesses' columns the rules read, in the places of rdSql[RD_BIZ] (decision 314). */
static const char *const rdTypingBiz = "SELECT uscc,NULL,NULL,NULL,established,status,seasonal,NULL,NULL,NULL,"
                                       "NULL,tax_registered,general_taxpayer,operator_groups FROM businesses%s ORDER BY uscc";

/* Rows per FETCH of the whole-directory walk (8 batches are held at once). */
#define RD_BATCH 4000

/* A table's rows: the batch in hand, and the cursor to fetch more from (name[0]:
 * the one-business variant, all rows at once). */
typedef struct rdCur {
    PGresult *r;
    int row, rows;
    bool more;
    char name[24];
} rdCur;

static int rdFetch(pgStore *p, rdCur *c) {
    char sql[64];
    snprintf(sql, sizeof sql, "FETCH %d FROM %s", RD_BATCH, c->name);
    PQclear(c->r);
    c->r = PQexec(p->conn, sql);
    c->row = c->rows = 0;
    c->more = false;
    if (PQresultStatus(c->r) != PGRES_TUPLES_OK) {
        const int rc = pgFail(p, c->r, "read");
        c->r = NULL;
        return rc;
    }
    c->rows = PQntuples(c->r);
    c->more = c->rows == RD_BATCH;
    return 0;
}

/* Opens the eight tables: cursors of the whole directory (uscc NULL; inside a
 * transaction), or the rows of one business (prepared statements); typing: only
 * the businesses' columns the rules read (the whole directory only). */
static int rdOpen(pgStore *p, rdCur *c, const char *uscc, bool typing) {
    memset(c, 0, sizeof *c * RD__COUNT);
    char sql[600];
    for (int i = 0; i < RD__COUNT; i++) {
        int rc;
        if (uscc) {
            snprintf(sql, sizeof sql, rdSql[i], " WHERE uscc=$1");
            if (!(c[i].r = pgQuery(p, PG_ST_READ + i, sql, 1, &uscc, &rc, "read"))) return rc;
            c[i].rows = PQntuples(c[i].r);
            continue;
        }
        snprintf(c[i].name, sizeof c[i].name, "rd%d_%d", p->cursors, i);
        char decl[700];
        snprintf(sql, sizeof sql, i == RD_BIZ && typing ? rdTypingBiz : rdSql[i], "");
        snprintf(decl, sizeof decl, "DECLARE %s NO SCROLL CURSOR FOR %s", c[i].name, sql);
        if ((rc = pgExec(p, decl)) || (rc = rdFetch(p, &c[i]))) return rc;
    }
    return 0;
}

static void rdClose(pgStore *p, rdCur *c) {
    for (int i = 0; i < RD__COUNT; i++) {
        PQclear(c[i].r);
        if (c[i].name[0] && PQtransactionStatus(p->conn) == PQTRANS_INTRANS) {
            char sql[48];
            snprintf(sql, sizeof sql, "CLOSE %s", c[i].name);
            const storeErr keep = *p->base.err;
            (void)pgExec(p, sql);
            *p->base.err = keep;
        }
    }
}

/* True while c is on a row of business uscc (child rows of a business that sorts
 * before it cannot exist: every child row references a business). */
static bool rdOn(const rdCur *c, const char *uscc) {
    return c->row < c->rows && strcmp(PQgetvalue(c->r, c->row, 0), uscc) == 0;
}

static int rdAdvance(pgStore *p, rdCur *c) {
    if (++c->row < c->rows || !c->more) return 0;
    return rdFetch(p, c);
}

/* Grows an arena array by one element (arrays of one business are short). */
static void *rdPush(arena *a, void **arr, size_t *n, size_t *cap, size_t elem) {
    if (*n == *cap) {
        const size_t ncap = *cap ? *cap * 2 : 4;
        void *q = arenaAlloc(a, ncap * elem);
        if (!q) return NULL;
        if (*n) memcpy(q, *arr, *n * elem);
        *arr = q;
        *cap = ncap;
    }
    return (char *)*arr + (*n)++ * elem;
}
#define PUSH(a, arr, n, cap) rdPush((a), (void **)&(arr), &(n), &(cap), sizeof *(arr))
/* Walks the rows of table T of business d (R: the result, I: the row). */
#define RD_EACH(T, R, I) \
    for (PGresult *R = c[T].r; rdOn(&c[T], d->uscc) && (I = c[T].row, R = c[T].r, 1); rc = rdAdvance(p, &c[T]))

static void rdBusiness(PGresult *b, int i, arena *a, dossier *d) {
    dossierInit(d);
    snprintf(d->uscc, sizeof d->uscc, "%s", PQgetvalue(b, i, 0));
    d->name = pgDup(a, b, i, 1);
    d->operator_name = pgDup(a, b, i, 2);
    d->operator_id = pgDup(a, b, i, 3);
    d->established = pgColDate(b, i, 4);
    d->status = (bizStatus)pgCode(pgStatusCodes, 4, pgText(b, i, 5));
    d->seasonal = pgInt(b, i, 6) != 0;
    d->town = pgDup(a, b, i, 7);
    d->industry = pgDup(a, b, i, 8);
    d->address = pgDup(a, b, i, 9);
    const char *legacy = pgText(b, i, 10);
    if (legacy) snprintf(d->legacy_reg_no, sizeof d->legacy_reg_no, "%s", legacy);
    d->tax_registered = pgInt(b, i, 11) != 0;
    d->general_taxpayer = pgInt(b, i, 12) != 0;
    d->operator_groups = (unsigned)pgInt(b, i, 13);
}

/* The yearly facts of d under c[RD_AR..RD_IN], advancing those cursors. */
static int rdYears(pgStore *p, rdCur *c, arena *a, dossier *d) {
    int rc = 0, i;
    size_t cap = 0;
    dAnnualReport *ar = NULL;
    RD_EACH(RD_AR, r, i) {
        if (rc) return rc;
        dAnnualReport *x = PUSH(a, ar, d->n_annual_reports, cap);
        if (!x) return GH_ENOMEM;
        x->year = (int)pgInt(r, i, 1);
        x->filed_on = pgColDate(r, i, 2);
        x->has_revenue = !PQgetisnull(r, i, 3);
        x->revenue = pgInt(r, i, 3);
        x->employees = PQgetisnull(r, i, 4) ? -1 : (int)pgInt(r, i, 4);
    }
    d->annual_reports = ar;
    dTaxPaid *tp = NULL;
    cap = 0;
    RD_EACH(RD_TP, r, i) {
        if (rc) return rc;
        dTaxPaid *x = PUSH(a, tp, d->n_tax_paid, cap);
        if (!x) return GH_ENOMEM;
        x->year = (int)pgInt(r, i, 1);
        x->amount = pgInt(r, i, 2);
    }
    d->tax_paid = tp;
    dInsured *in = NULL;
    cap = 0;
    RD_EACH(RD_IN, r, i) {
        if (rc) return rc;
        dInsured *x = PUSH(a, in, d->n_insured, cap);
        if (!x) return GH_ENOMEM;
        x->year = (int)pgInt(r, i, 1);
        x->count = (int)pgInt(r, i, 2);
    }
    d->insured = in;
    return rc;
}

/* The intervals, trademarks, patents and penalties of d, advancing their cursors. */
static int rdOthers(pgStore *p, rdCur *c, arena *a, dossier *d) {
    int rc = 0, i;
    dInterval *iv[LIST__COUNT] = {NULL};
    size_t ivn[LIST__COUNT] = {0}, ivcap[LIST__COUNT] = {0}, cap = 0;
    RD_EACH(RD_IV, r, i) {
        if (rc) return rc;
        const int l = pgCode(pgListCodes, LIST__COUNT, pgText(r, i, 1));
        dInterval *x = PUSH(a, iv[l], ivn[l], ivcap[l]);
        if (!x) return GH_ENOMEM;
        x->from = pgColDate(r, i, 2);
        x->to = pgColDate(r, i, 3);
    }
    d->abnormal_list = (dIntervals){iv[LIST_ABNORMAL], ivn[LIST_ABNORMAL]};
    d->serious_illegal_list = (dIntervals){iv[LIST_SERIOUS_ILLEGAL], ivn[LIST_SERIOUS_ILLEGAL]};
    d->tax_abnormal = (dIntervals){iv[LIST_TAX_ABNORMAL], ivn[LIST_TAX_ABNORMAL]};
    d->suspensions = (dIntervals){iv[LIST_SUSPENSION], ivn[LIST_SUSPENSION]};
    d->dishonest_debtor = (dIntervals){iv[LIST_DISHONEST_DEBTOR], ivn[LIST_DISHONEST_DEBTOR]};
    dTrademark *tm = NULL;
    RD_EACH(RD_TM, r, i) {
        if (rc) return rc;
        dTrademark *x = PUSH(a, tm, d->n_trademarks, cap);
        if (!x) return GH_ENOMEM;
        x->reg_no = pgDup(a, r, i, 1);
        x->holder = (ipHolder)pgCode(pgHolderCodes, 2, pgText(r, i, 2));
        x->in_use = pgInt(r, i, 3) != 0;
    }
    d->trademarks = tm;
    dPatent *pt = NULL;
    cap = 0;
    RD_EACH(RD_PT, r, i) {
        if (rc) return rc;
        dPatent *x = PUSH(a, pt, d->n_patents, cap);
        if (!x) return GH_ENOMEM;
        x->number = pgDup(a, r, i, 1);
        x->holder = (ipHolder)pgCode(pgHolderCodes, 2, pgText(r, i, 2));
    }
    d->patents = pt;
    dPenalty *pe = NULL;
    cap = 0;
    RD_EACH(RD_PE, r, i) {
        if (rc) return rc;
        dPenalty *x = PUSH(a, pe, d->n_penalties, cap);
        if (!x) return GH_ENOMEM;
        x->decided_on = pgColDate(r, i, 1);
        x->kind = (penaltyKind)pgCode(pgPenaltyCodes, 6, pgText(r, i, 2));
        x->publicized = pgInt(r, i, 3) != 0;
        x->repaired_on = pgColDate(r, i, 4);
    }
    d->penalties = pe;
    return rc;
}

/* Fills d from the business row under c[RD_BIZ] and its child rows under the other cursors. */
static int rdAssemble(pgStore *p, rdCur *c, arena *a, dossier *d) {
    rdBusiness(c[RD_BIZ].r, c[RD_BIZ].row, a, d);
    int rc = rdYears(p, c, a, d);
    if (!rc) rc = rdOthers(p, c, a, d);
    return rc == GH_ENOMEM ? storeErrSet(p->base.err, GH_ENOMEM, NULL, "内存不足 (out of memory)") : rc;
}

/* The whole directory in USCC order, in one snapshot; typing: decision 314's lean dossiers. */
static int rdEach(storeBackend *b, bool typing, storeDossierFn fn, void *ctx) {
    pgStore *p = PG(b);
    const bool own = !p->in_tx; /* cursors live in a transaction: one snapshot for the walk */
    if (own && pgExec(p, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) return p->base.err->code;
    if (own) p->in_tx = true;
    rdCur c[RD__COUNT];
    p->cursors++;
    int rc = rdOpen(p, c, NULL, typing);
    while (!rc && c[RD_BIZ].row < c[RD_BIZ].rows) {
        dossier d;
        arenaReset(&p->scratch);
        rc = rdAssemble(p, c, &p->scratch, &d);
        if (!rc) rc = fn(ctx, &d);
        if (!rc) rc = rdAdvance(p, &c[RD_BIZ]);
    }
    rdClose(p, c);
    p->cursors--;
    if (own) {
        p->in_tx = false;
        const storeErr keep = *p->base.err;
        const int crc = pgExec(p, rc < 0 ? "ROLLBACK" : "COMMIT");
        if (rc) *p->base.err = keep;
        else rc = crc;
    }
    return rc;
}

static int pgEachDossier(storeBackend *b, storeDossierFn fn, void *ctx) { return rdEach(b, false, fn, ctx); }

static int pgEachTypingDossier(storeBackend *b, storeDossierFn fn, void *ctx) { return rdEach(b, true, fn, ctx); }

static int pgLoadDossier(storeBackend *b, const char *uscc, arena *a, dossier *out) {
    pgStore *p = PG(b);
    rdCur c[RD__COUNT];
    int rc = rdOpen(p, c, uscc, false);
    if (!rc && c[RD_BIZ].rows == 0)
        rc = storeErrSet(p->base.err, GH_ENOTFOUND, "uscc", "名录中没有 %s (no such business)", uscc);
    if (!rc) rc = rdAssemble(p, c, a, out);
    rdClose(p, c);
    return rc;
}

static int pgCountBusinesses(storeBackend *b, int64_t *n) {
    int code;
    PGresult *r = pgQuery(PG(b), PG_ST_READ + 8, "SELECT count(*) FROM businesses", 0, NULL, &code, "count");
    if (!r) return code;
    *n = pgInt(r, 0, 0);
    PQclear(r);
    return 0;
}

void pgReadInstall(storeBackend *b) {
    b->eachDossier = pgEachDossier;
    b->eachTypingDossier = pgEachTypingDossier;
    b->loadDossier = pgLoadDossier;
    b->countBusinesses = pgCountBusinesses;
    /* find: search.c, with the staff search (decision 255) */
}
