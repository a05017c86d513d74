#include "rules/industry.h"
#include <string.h>

const char *industrySectionName(char c) {
    static const char *const names[] = {
        "农、林、牧、渔业", "采矿业", "制造业", "电力、热力、燃气及水生产和供应业", "建筑业", "批发和零售业",
        "交通运输、仓储和邮政业", "住宿和餐饮业", "信息传输、软件和信息技术服务业", "金融业", "房地产业",
        "租赁和商务服务业", "科学研究和技术服务业", "水利、环境和公共设施管理业", "居民服务、修理和其他服务业",
        "教育", "卫生和社会工作", "文化、体育和娱乐业", "公共管理、社会保障和社会组织", "国际组织"};
    return c >= 'A' && c <= 'T' ? names[c - 'A'] : NULL;
}

/* The classes individual businesses commonly register under (the generator's and the
 * examples' among them), as "division·class". A class not listed reads as its section. */
static const struct { const char *code, *label; } industryClasses[] = {
    {"A0141", "农业·蔬菜种植"},
    {"C1411", "食品制造业·糕点、面包制造"},
    {"E5010", "建筑装饰和装修业·公共建筑装饰和装修"},
    {"E5021", "建筑装饰和装修业·住宅装饰和装修"},
    {"F5211", "零售业·百货零售"},
    {"F5212", "零售业·超级市场零售"},
    {"F5213", "零售业·便利店零售"},
    {"F5219", "零售业·其他综合零售"},
    {"F5221", "零售业·粮油零售"},
    {"F5222", "零售业·糕点、面包零售"},
    {"F5223", "零售业·果品、蔬菜零售"},
    {"F5224", "零售业·肉、禽、蛋、奶及水产品零售"},
    {"F5226", "零售业·酒、饮料及茶叶零售"},
    {"F5227", "零售业·烟草制品零售"},
    {"F5229", "零售业·其他食品零售"},
    {"F5231", "零售业·纺织品及针织品零售"},
    {"F5232", "零售业·服装零售"},
    {"F5233", "零售业·鞋帽零售"},
    {"F5234", "零售业·化妆品及卫生用品零售"},
    {"F5241", "零售业·文具用品零售"},
    {"F5271", "零售业·五金零售"},
    {"F5292", "零售业·互联网零售"},
    {"F5299", "零售业·其他未列明零售业"},
    {"G5431", "道路运输业·普通货物道路运输"},
    {"H6110", "住宿业·旅游饭店"},
    {"H6129", "住宿业·其他一般旅馆"},
    {"H6130", "住宿业·民宿服务"},
    {"H6210", "餐饮业·正餐服务"},
    {"H6220", "餐饮业·快餐服务"},
    {"H6231", "餐饮业·茶馆服务"},
    {"H6232", "餐饮业·咖啡馆服务"},
    {"H6233", "餐饮业·酒吧服务"},
    {"H6241", "餐饮业·餐饮配送服务"},
    {"H6242", "餐饮业·外卖送餐服务"},
    {"H6291", "餐饮业·小吃服务"},
    {"H6299", "餐饮业·其他未列明餐饮业"},
    {"I6513", "软件和信息技术服务业·应用软件开发"},
    {"L7299", "商务服务业·其他未列明商务服务业"},
    {"O8010", "居民服务业·家庭服务"},
    {"O8030", "居民服务业·洗染服务"},
    {"O8040", "居民服务业·理发及美容服务"},
    {"O8051", "居民服务业·洗浴服务"},
    {"O8052", "居民服务业·足浴服务"},
    {"O8053", "居民服务业·养生保健服务"},
    {"O8060", "居民服务业·摄影扩印服务"},
    {"O8090", "居民服务业·其他居民服务业"},
    {"O8111", "机动车、电子产品和日用产品修理业·汽车修理与维护"},
    {"O8131", "机动车、电子产品和日用产品修理业·家用电子产品修理"},
    {"O8132", "机动车、电子产品和日用产品修理业·日用电器修理"},
};

const char *industryLabel(const char *code) {
    if (!code || !industrySectionName(code[0])) return NULL;
    for (size_t i = 0; i < sizeof industryClasses / sizeof industryClasses[0]; i++)
        if (!strcmp(industryClasses[i].code, code)) return industryClasses[i].label;
    return industrySectionName(code[0]);
}

bool industryPrefixValid(const char *s) {
    const char c = s && *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : s ? *s : 0;
    if (!industrySectionName(c)) return false;
    size_t n = 1;
    for (; s[n]; n++)
        if (s[n] < '0' || s[n] > '9' || n > 4) return false;
    return true;
}
