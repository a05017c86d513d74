/* The shipped measures catalogue, loaded once: every reader of the process shares
 * the same read-only copy (threads of the server included). */
#include "app/measures.h"
#include <pthread.h>
#include "core/arena.h"
#include "io/measures.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static measureCatalogue shipped;
static arena strings;
static char shipped_err[512];
static int shipped_rc = -1;

static void measuresLoadOnce(void) {
    const char *text, *path;
    size_t n;
    measuresBuiltin(&text, &n, &path);
    arenaInit(&strings, 64 * 1024, 0);
    shipped_rc = measuresParse(&shipped, &strings, path, text, n, shipped_err, sizeof shipped_err);
}

const measureCatalogue *measuresShipped(const char **err) {
    pthread_once(&once, measuresLoadOnce);
    if (err) *err = shipped_rc ? shipped_err : NULL;
    return shipped_rc ? NULL : &shipped;
}
