#include "gen/gen_data.h"

/* 大兴区 towns and sub-districts; weights roughly follow where shops are. */
const genTown genTowns[] = {
    {"兴丰街道", 6}, {"林校路街道", 5}, {"清源街道", 6}, {"观音寺街道", 5}, {"天宫院街道", 5},
    {"高米店街道", 5}, {"荣华街道", 4}, {"博兴街道", 3}, {"瀛海镇", 5}, {"亦庄镇", 5},
    {"旧宫镇", 8}, {"西红门镇", 8}, {"黄村镇", 9}, {"北臧村镇", 3}, {"庞各庄镇", 4},
    {"魏善庄镇", 3}, {"青云店镇", 4}, {"长子营镇", 3}, {"采育镇", 4}, {"安定镇", 3},
    {"礼贤镇", 3}, {"榆垡镇", 4},
};
const size_t genTownCount = sizeof genTowns / sizeof genTowns[0];

const genIndustry genIndustries[] = {
    {"F5212", "便利店", 10, 0},   {"F5219", "日用百货店", 6, 0}, {"F5221", "粮油店", 3, 0},
    {"F5223", "水果蔬菜店", 7, 15}, {"F5224", "肉蛋水产店", 4, 0}, {"F5226", "烟酒茶叶店", 4, 0},
    {"F5232", "服装店", 5, 0},    {"F5233", "鞋帽店", 2, 0},     {"F5241", "文具店", 1, 0},
    {"F5271", "五金店", 4, 0}, {"F5299", "花卉店", 1, 10},   {"H6210", "饭馆", 7, 0},
    {"H6220", "快餐店", 5, 0},    {"H6291", "小吃店", 8, 0},     {"H6231", "茶馆", 1, 0},
    {"H6232", "咖啡馆", 1, 0},    {"O8040", "理发美容店", 6, 0}, {"O8030", "洗衣店", 2, 0},
    {"O8052", "足浴店", 1, 0},    {"O8060", "摄影部", 1, 0},     {"O8111", "汽车修理部", 3, 0},
    {"O8132", "家电维修部", 2, 0}, {"O8010", "家政服务部", 2, 0}, {"G5431", "货运部", 3, 0},
    {"A0141", "瓜菜种植园", 2, 70}, {"C1411", "糕点坊", 1, 0},
    {"I6513", "软件工作室", 1, 0}, {"L7299", "商务咨询部", 1, 0}, {"H6130", "农家院", 1, 70},
};
const size_t genIndustryCount = sizeof genIndustries / sizeof genIndustries[0];

const char *const genSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭",
    "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓", "许", "傅",
    "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎",
};
const size_t genSurnameCount = sizeof genSurnames / sizeof genSurnames[0];

const char *const genGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀",
    "霞", "平", "刚", "桂", "英", "华", "玉", "兰", "飞", "鹏", "辉", "建", "国", "红", "志", "海", "文", "春",
    "晓", "梅", "宇", "欣", "佳", "鑫", "斌", "凤", "林", "旭", "东", "亮", "宁", "雪",
};
const size_t genGivenCharCount = sizeof genGivenChars / sizeof genGivenChars[0];

/* 字号: two of these make a shop name such as 福顺小吃店. */
const char *const genBrandWords[] = {
    "福", "顺", "兴", "旺", "鑫", "隆", "祥", "和", "盛", "泰", "源", "聚", "德", "丰", "瑞", "华", "嘉", "宏",
    "利", "发", "康", "佳", "诚", "信", "永", "昌", "安", "达", "恒", "广", "金", "悦", "鸿", "运", "百", "家",
};
const size_t genBrandWordCount = sizeof genBrandWords / sizeof genBrandWords[0];

const char *const genPlaces[] = {
    "兴华大街", "金星路", "黄村西大街", "清源路", "兴丰大街", "林校路", "欣宁街", "天华大街", "西红门路",
    "旧宫东路", "德茂路", "育英路", "京开路", "团河路", "庞安路", "采林路", "芦求路", "榆顺路",
};
const size_t genPlaceCount = sizeof genPlaces / sizeof genPlaces[0];

/* Where operators' identity numbers were issued: Daxing first, then migrants. */
const char *const genIdRegions[] = {
    "110115", "110115", "110115", "110115", "130682", "131082", "372330", "412726", "342221", "230103",
    "510722", "430524", "140105", "150102", "620102",
};
const size_t genIdRegionCount = sizeof genIdRegions / sizeof genIdRegions[0];
