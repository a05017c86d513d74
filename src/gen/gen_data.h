#ifndef GETIHU_GEN_DATA_H
#define GETIHU_GEN_DATA_H
#include <stddef.h>

/* Tables for the demo-district generator: Daxing's 镇街, GB/T 4754-2017 classes
 * common among individual businesses, and the pieces of Chinese names. */
typedef struct genTown { const char *name; int weight; } genTown;
typedef struct genIndustry {
    const char *code;   /* GB/T 4754-2017 class, section letter first */
    const char *shop;   /* what the shop is called, e.g. 小吃店 */
    int weight;
    int seasonal_pct;   /* share of seasonal businesses in this class */
} genIndustry;

extern const genTown genTowns[];
extern const size_t genTownCount;
extern const genIndustry genIndustries[];
extern const size_t genIndustryCount;
extern const char *const genSurnames[];
extern const size_t genSurnameCount;
extern const char *const genGivenChars[];
extern const size_t genGivenCharCount;
extern const char *const genBrandWords[];
extern const size_t genBrandWordCount;
extern const char *const genPlaces[];
extern const size_t genPlaceCount;
extern const char *const genIdRegions[];
extern const size_t genIdRegionCount;
#endif
