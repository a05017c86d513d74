#include "rules/dossier.h"
#include <string.h>

void dossierInit(dossier *d) {
    memset(d, 0, sizeof *d);
    d->established = DATE_NONE;
    d->status = STATUS_REGISTERED;
}
