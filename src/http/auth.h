#ifndef GETIHU_HTTP_AUTH_H
#define GETIHU_HTTP_AUTH_H
#include <stdbool.h>
#include <stddef.h>
#include "app/accounts.h"

/* Sessions over HTTP: a random 256-bit token in an HttpOnly, SameSite=Strict
 * cookie; the store keeps only its SHA-256, with a CSRF token that every
 * state-changing request must echo in X-CSRF-Token. Signing in and out, and what a
 * token resolves to, are use cases in app/accounts.c; this is only the cookie. */

#define AUTH_COOKIE "getihu_session"

/* The Set-Cookie value that hands token to the browser for seconds (Secure behind
 * TLS), or with token NULL the one that clears it. */
void authCookie(char *buf, size_t n, const char *token, int seconds, bool secure);
#endif
