#ifndef GETIHU_TESTS_RULES_FIXTURE_H
#define GETIHU_TESTS_RULES_FIXTURE_H
/* Shared by the rules tests: the year parameters with DATA.md §2's thresholds, and a
 * registered, tax-registered business established 2015-05-12 whose revenue of Y-1
 * (filed 20 May of Y) is exactly the growth threshold: growth, by A1.3.2(2)A. */
#include <string.h>
#include "rules/dossier.h"
#include "rules/params.h"

#define FIXTURE_USCC "92110115MA0000000B"

static inline void fixtureParams(yearParams *p, int year) {
    paramsDefaults(p, year);
    p->growth_revenue_min = 30000000;
    p->growth_tax_min = 300000;
    p->development_revenue_min = 120000000;
    p->development_tax_min = 3000000;
}

static inline void fixtureGrowth(dossier *d, dAnnualReport *report, int year) {
    dossierInit(d);
    memcpy(d->uscc, FIXTURE_USCC, sizeof FIXTURE_USCC);
    d->established = dateFromYmd(2015, 5, 12);
    d->status = STATUS_REGISTERED;
    d->tax_registered = true;
    *report = (dAnnualReport){year - 1, dateFromYmd(year, 5, 20), true, 30000000, -1};
    d->annual_reports = report;
    d->n_annual_reports = 1;
}
#endif
