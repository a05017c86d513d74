#include "rules/round_calendar.h"

/* A3.2.1 */
bool roundInWindow(civilDate today, const yearParams *p) {
    return today >= p->category_apply_from && today <= p->category_recognition_deadline;
}

/* A3.2 公示 */
civilDate roundPublicityUntil(civilDate from, const yearParams *p) {
    return from + p->category_publicity_days - 1;
}

/* A3.2 公示 */
bool roundObjectionWindow(civilDate from, civilDate today, const yearParams *p) {
    return from != DATE_NONE && today >= from && today <= roundPublicityUntil(from, p);
}
