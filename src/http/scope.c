#include "http/scope.h"
#include "app/departments.h"
#include "app/roles.h"
#include "io/extract.h"
#include <string.h>

void scopeOf(httpScope *out, const appSession *who) {
    memset(out, 0, sizeof *out);
    out->all = !(who->role & ROLE_DEPARTMENT);
    for (int k = 0; k < EXTRACT__COUNT; k++) {
        out->kinds[k] = out->all || departmentSupplies(who->department, (extractKind)k);
        if (!out->kinds[k] || out->all) continue;
        const importKind *d = kindGet((extractKind)k);
        out->targets |= d->targets;
        if (d->targets & FACT_INTERVAL) out->lists |= 1u << d->list;
    }
}

bool scopeEmpty(const httpScope *sc) { return !sc->all && !sc->targets; }

bool scopeShows(const httpScope *sc, unsigned target) { return sc->all || (sc->targets & target); }

bool scopeShowsList(const httpScope *sc, listKind l) {
    return sc->all || ((sc->targets & FACT_INTERVAL) && (sc->lists & (1u << l)));
}

bool scopeShowsImport(const httpScope *sc, const char *name) {
    extractKind k;
    return sc->all || (!extractKindParse(&k, name) && sc->kinds[k]);
}

bool scopeCovers(const httpScope *sc, const dossier *d) {
    if (sc->all || scopeShows(sc, FACT_REGISTRATION)) return true;
    const dIntervals lists[LIST__COUNT] = {d->abnormal_list, d->serious_illegal_list, d->tax_abnormal, d->suspensions,
                                           d->dishonest_debtor};
    for (int l = 0; l < LIST__COUNT; l++)
        if (lists[l].n && scopeShowsList(sc, (listKind)l)) return true;
    return (scopeShows(sc, FACT_ANNUAL_REPORT) && d->n_annual_reports) ||
           (scopeShows(sc, FACT_TAX_FLAGS) && (d->tax_registered || d->general_taxpayer)) ||
           (scopeShows(sc, FACT_TAX_PAID) && d->n_tax_paid) || (scopeShows(sc, FACT_INSURED) && d->n_insured) ||
           (scopeShows(sc, FACT_TRADEMARK) && d->n_trademarks) || (scopeShows(sc, FACT_PATENT) && d->n_patents) ||
           (scopeShows(sc, FACT_PENALTY) && d->n_penalties) ||
           (scopeShows(sc, FACT_OPERATOR_GROUP) && d->operator_groups);
}
