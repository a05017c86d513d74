#ifndef GETIHU_APP_AUDIT_H
#define GETIHU_APP_AUDIT_H
#include <stdint.h>
#include "store/store.h"

/* The audit trail's hash chain (docs/decisions.md 39): each entry carries the
 * SHA-256 of the previous entry's hash and its own fields, each length-prefixed,
 * so that no two different entries hash alike and no entry can be changed or
 * removed without breaking the chain. The store only keeps the entries. */

/* Appends e (actor, role, client, action, object, before, after; the rest is
 * filled in) at time now (unix seconds, written as UTC). Must be called inside the
 * caller's write transaction (storeBegin … storeCommit) so that the entry stands
 * or falls with the action, and so that no other writer appends between the read
 * of the head and the insert; the store refuses it outside one (GH_EINVAL). */
int auditAppend(store *s, const storeAudit *e, int64_t now);

/* Records e on its own, in a write transaction holding only the entry: for actions
 * that change nothing else in the store (a read of a business's figures, an export
 * download, a cancelled upload). 0, or a negative GH_E* code when the entry could not
 * be written (nothing is recorded; the caller refuses the action). */
int auditRecord(store *s, const storeAudit *e, int64_t now);

/* Recomputes the chain, oldest first. 0 with *bad_id 0 when intact, else *bad_id is
 * the first broken entry; *checked counts the entries read. A store failure is
 * returned (storeError says why). */
int auditVerify(store *s, int64_t *checked, int64_t *bad_id);
#endif
