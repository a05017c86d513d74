/* An example value for each column of the import kinds (io/kinds.h): what the
 * templates' 「填写说明」 sheet shows and the console lists (issue 11 §5). One
 * made-up business throughout, so that a filled registration template row and the
 * other kinds' rows speak of the same business; the personal columns stay empty
 * (no personal data in a template, decision 191). */
#include "io/kinds.h"

const char *kindColumnExample(kindCol c) {
    switch (c) {
    case KC_USCC: return "92110115MA01K3L60E"; /* a valid check character, no real business */
    case KC_NAME: return "北京市大兴区示例小吃店";
    case KC_ESTABLISHED: return "2020-05-20";
    case KC_STATUS: return "在营";
    case KC_TOWN: return "黄村镇";
    case KC_INDUSTRY: return "H6210";
    case KC_ADDRESS: return "北京市大兴区黄村镇示例路1号";
    case KC_SEASONAL: case KC_GENTAX: return "否";
    case KC_YEAR: return "2024";
    case KC_FILED_ON: return "2025-05-10";
    case KC_REVENUE: return "1,200,000.00";
    case KC_EMPLOYEES: return "3";
    case KC_TAXREG: case KC_IN_USE: case KC_PUBLICIZED: return "是";
    case KC_TAXPAID: return "12345.67";
    case KC_COUNT: return "2";
    case KC_TM_REGNO: return "12345678";
    case KC_HOLDER: return "个体工商户";
    case KC_PATENT_NO: return "ZL202310000001.5";
    case KC_FROM: return "2024-03-01";
    case KC_DECIDED_ON: return "2024-06-01";
    case KC_PKIND: return "警告";
    case KC_GROUP: return "退役军人";
    case KC_CITY_TYPE: return "成长型";
    /* personal data, and the ends of intervals that are still open */
    case KC_OPNAME: case KC_OPID: case KC_LEGACY: case KC_ABN_FROM: case KC_ABN_TO: case KC_TO:
    case KC_REPAIRED_ON: case KC__COUNT: return "";
    }
    return "";
}
