"""Names and orders of the city groupings the report uses: provinces (with their GB/T 2260
codes, the order of 行政区划序列), administrative levels and economic circles, in Chinese
and English."""

from __future__ import annotations

from models.cities import City

# province (as in the city list) → (GB/T 2260 code, English name)
PROVINCES: dict[str, tuple[int, str]] = {
    "北京市": (11, "Beijing"),
    "天津市": (12, "Tianjin"),
    "河北省": (13, "Hebei"),
    "山西省": (14, "Shanxi"),
    "内蒙古自治区": (15, "Inner Mongolia"),
    "辽宁省": (21, "Liaoning"),
    "吉林省": (22, "Jilin"),
    "黑龙江省": (23, "Heilongjiang"),
    "上海市": (31, "Shanghai"),
    "江苏省": (32, "Jiangsu"),
    "浙江省": (33, "Zhejiang"),
    "安徽省": (34, "Anhui"),
    "福建省": (35, "Fujian"),
    "江西省": (36, "Jiangxi"),
    "山东省": (37, "Shandong"),
    "河南省": (41, "Henan"),
    "湖北省": (42, "Hubei"),
    "湖南省": (43, "Hunan"),
    "广东省": (44, "Guangdong"),
    "广西壮族自治区": (45, "Guangxi"),
    "海南省": (46, "Hainan"),
    "重庆市": (50, "Chongqing"),
    "四川省": (51, "Sichuan"),
    "贵州省": (52, "Guizhou"),
    "云南省": (53, "Yunnan"),
    "西藏自治区": (54, "Tibet"),
    "陕西省": (61, "Shaanxi"),
    "甘肃省": (62, "Gansu"),
    "青海省": (63, "Qinghai"),
    "宁夏回族自治区": (64, "Ningxia"),
    "新疆维吾尔自治区": (65, "Xinjiang"),
    "台湾省": (71, "Taiwan"),
    "香港特别行政区": (81, "Hong Kong"),
    "澳门特别行政区": (82, "Macao"),
}
ADMIN_LEVELS: dict[str, str] = {
    "直辖市": "Municipality",
    "副省级": "Sub-provincial city",
    "省会": "Provincial capital",
    "地级市": "Prefecture-level city",
}
ECONOMIC_CIRCLES: dict[str, str] = {
    "长三角": "Yangtze River Delta",
    "珠三角": "Pearl River Delta",
    "京津冀": "Beijing-Tianjin-Hebei",
}
UNKNOWN_ORDER = 1_000


def province_name(province: str, lang: str) -> str:
    if lang == "en" and province in PROVINCES:
        return PROVINCES[province][1]
    return province


def admin_level_name(level: str, lang: str) -> str:
    return ADMIN_LEVELS.get(level, level) if lang == "en" else level


def circle_name(circle: str, lang: str) -> str:
    return ECONOMIC_CIRCLES.get(circle, circle) if lang == "en" else circle


def admin_rank(city: City) -> int:
    """0 municipality, 1 sub-provincial capital, 2 other sub-provincial city (计划单列市),
    3 provincial capital, 4 prefecture-level city, then anything else."""
    level = city.admin_level
    if level == "直辖市":
        return 0
    capital = city.groups.get("is_provincial_capital", "").upper() == "Y"
    if level == "副省级":
        return 1 if capital else 2
    if level == "省会":
        return 3
    if level == "地级市":
        return 4
    return 5


def region_rank(city: City) -> int:
    """The province's GB/T 2260 code (行政区划序列); unknown provinces last."""
    return PROVINCES.get(city.province, (UNKNOWN_ORDER, ""))[0]
