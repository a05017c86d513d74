#ifndef GETIHU_RULES_PRIVACY_H
#define GETIHU_RULES_PRIVACY_H
#include <stddef.h>

/* RULES.md A1.2: public results never show the operator's identity number, phone or
 * full name; a name is masked to its first character and "*". Pure. */
void privacyMaskName(const char *name, char *out, size_t n);
#endif
