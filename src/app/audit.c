/* The audit hash chain: computed here, kept by the store. */
#include "app/audit.h"
#include "core/error.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 over the previous hash and the entry's fields, each length-prefixed
 * ("n:" then the bytes; "-:" for a missing field). Unchanged since the first
 * release: existing chains must still verify. */
static void auditHash(const char *prev, const storeAudit *e, const char *at, char out[65]) {
    const char *fields[] = {prev, at, e->actor, e->role, e->client, e->action, e->object, e->before, e->after};
    crypto_hash_sha256_state h;
    crypto_hash_sha256_init(&h);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char len[32];
        const int n = fields[i] ? snprintf(len, sizeof len, "%zu:", strlen(fields[i])) : snprintf(len, sizeof len, "-:");
        crypto_hash_sha256_update(&h, (const unsigned char *)len, (unsigned long long)n);
        if (fields[i]) crypto_hash_sha256_update(&h, (const unsigned char *)fields[i], strlen(fields[i]));
    }
    unsigned char d[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_final(&h, d);
    sodium_bin2hex(out, 65, d, sizeof d);
}

int auditAppend(store *s, const storeAudit *e, int64_t now) {
    char prev[65] = AUDIT_GENESIS, hash[65], at[32];
    int rc = storeAuditHead(s, prev);
    if (rc == GH_ENOTFOUND) rc = 0; /* the first entry chains to the genesis hash */
    if (rc) return rc;
    const time_t t = (time_t)now;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    auditHash(prev, e, at, hash);
    storeAudit full = *e;
    full.at = at;
    full.prev_hash = prev;
    full.hash = hash;
    return storeAuditInsert(s, &full);
}

int auditRecord(store *s, const storeAudit *e, int64_t now) {
    int rc = storeBegin(s);
    if (!rc) rc = auditAppend(s, e, now);
    if (!rc) rc = storeCommit(s);
    if (rc) storeRollback(s);
    return rc ? (rc < 0 ? rc : GH_EIO) : 0;
}

typedef struct auditWalk {
    char prev[65];
    int64_t checked, bad_id;
} auditWalk;

/* Stops the walk (returning 1) at the first entry that does not chain. */
static int auditCheckOne(void *ctx, const storeAudit *e) {
    auditWalk *w = ctx;
    char hash[65];
    auditHash(w->prev, e, e->at, hash);
    w->checked++;
    if (strcmp(e->prev_hash ? e->prev_hash : "", w->prev) || strcmp(e->hash ? e->hash : "", hash)) {
        w->bad_id = e->id;
        return 1;
    }
    snprintf(w->prev, sizeof w->prev, "%s", e->hash);
    return 0;
}

int auditVerify(store *s, int64_t *checked, int64_t *bad_id) {
    auditWalk w = {.prev = AUDIT_GENESIS};
    const int rc = storeEachAuditChain(s, auditCheckOne, &w);
    *checked = w.checked;
    *bad_id = w.bad_id;
    return rc == 1 ? 0 : rc;
}
