#include "rules/privacy.h"
#include <stdio.h>

/* A1.2: 张三 -> 张*; the first UTF-8 character, then one asterisk. */
void privacyMaskName(const char *name, char *out, size_t n) {
    if (!name || !*name) {
        snprintf(out, n, "%s", "");
        return;
    }
    size_t k = 1;
    while (name[k] && ((unsigned char)name[k] & 0xC0) == 0x80) k++;
    snprintf(out, n, "%.*s*", (int)k, name);
}
