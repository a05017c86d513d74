/* STUB (issue 12): the PostgreSQL backend's search functions until search.c lands; each
 * refuses with GH_EINVAL "PostgreSQL 后端尚未实现 <name>". Delete this file when the real
 * search.c is added (the lead checks at merge that no stub_*.c is left). */
#include "store/pg/pg_int.h"
#include "store/pg/stub.h"

static int stub_search(storeBackend *b, const storeSearchQuery *q, int64_t *total, storeSearchFn fn, void *ctx) {
    (void)q; (void)total; (void)fn; (void)ctx;
    return pgNotYet(b, "search");
}
static int stub_searchFacets(storeBackend *b, storeFacetFn fn, void *ctx) {
    (void)fn; (void)ctx;
    return pgNotYet(b, "searchFacets");
}

void pgSearchInstall(storeBackend *b) {
    b->search = stub_search;
    b->searchFacets = stub_searchFacets;
}
