#include "http/auth.h"
#include <stdio.h>

void authCookie(char *buf, size_t n, const char *token, int seconds, bool secure) {
    if (token)
        snprintf(buf, n, "%s=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s", AUTH_COOKIE, token, seconds,
                 secure ? "; Secure" : "");
    else
        snprintf(buf, n, "%s=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", AUTH_COOKIE);
}
