#include "http/routes.h"
#include <strings.h>
#include <string.h>

/* Header checks against cross-site requests (issue 8, finding 9): a page on another
 * site can make a browser send a form (text/plain, urlencoded, multipart) with the
 * user's cookie, but not a JSON body without asking the server first, and the
 * browser names the page's origin. */

bool httpJsonBody(const httpCtx *c) {
    const char *t = httpRequestHeader(c, "Content-Type");
    const size_t n = strlen("application/json");
    return t && !strncasecmp(t, "application/json", n) && (!t[n] || t[n] == ';' || t[n] == ' ');
}

/* Whether origin ("scheme://host[:port]") is the server's as this request reached it:
 * its scheme (https behind a trusted TLS proxy) and its Host header. */
static bool guardOwnOrigin(const httpCtx *c, const char *origin) {
    const char *host = httpRequestHeader(c, "Host");
    const char *scheme = c->secure ? "https://" : "http://";
    const size_t n = strlen(scheme);
    return host && *host && !strncasecmp(origin, scheme, n) && !strcasecmp(origin + n, host);
}

bool httpSameOrigin(const httpCtx *c) {
    const char *site = httpRequestHeader(c, "Sec-Fetch-Site");
    if (site && strcmp(site, "same-origin") && strcmp(site, "none")) return false;
    const char *origin = httpRequestHeader(c, "Origin");
    if (!origin) return true; /* not a browser, or one that sends Sec-Fetch-Site */
    const char *own = c->srv->o->public_origin;
    return (own && !strcasecmp(origin, own)) || guardOwnOrigin(c, origin);
}
