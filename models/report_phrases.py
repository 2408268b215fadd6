"""The report's headings, captions and sentences, in Chinese and English, written after
chapter 3 of the 2021 report. `phrase(key, lang, **values)` formats one."""

from __future__ import annotations

PHRASES: dict[str, tuple[str, str]] = {
    "title": ("智慧城市发展水平调查评估", "Smart City Development Evaluation"),
    "subtitle": (
        "评估批次：{campaign} · 指标体系：{framework} · 生成日期：{date}",
        "Campaign: {campaign} · framework: {framework} · generated {date}",
    ),
    "chapter": (
        "第 3 章 智慧城市发展水平调查评估",
        "Chapter 3 Evaluation of smart-city development",
    ),
    "h_conduct": ("3.1 评估开展情况", "3.1 How the evaluation was carried out"),
    "h_objects": ("评估对象选择", "The cities evaluated"),
    "h_sampling": ("采样方法", "Sampling"),
    "h_results": ("3.2 调查评估结果", "3.2 Results"),
    "h_overall": ("智慧城市发展总体水平", "Overall level of development"),
    "h_first": ("各一级指标发展情况", "The first-level indicators"),
    "h_uneven": ("智慧城市呈现发展不均衡现象", "Uneven development"),
    "h_gdp": ("发展指数与经济规模", "Index and economic size"),
    "h_circles": ("三大经济圈发展水平", "The economic circles"),
    "h_compare": ("一级指标对比", "The first-level indicators compared"),
    "h_second": ("二级指标发展情况", "The second-level indicators"),
    "h_annex": ("附录 样本城市画像", "Annex: city profiles"),
    "h_city": ("{rank}. {city}", "{rank}. {city}"),
    "figure": ("图 {number} {caption}", "Figure {number} {caption}"),
    "table": ("表 {number} {caption}", "Table {number} {caption}"),
    "annex_figure": (
        "{city}：一级指标雷达图与二级指标得分",
        "{city}: first-level radar and second-level scores",
    ),
    "annex_table": ("{city}各级指标得分", "{city}: scores"),
    "objects": (
        "本次调查评估选取了 {n} 个城市作为评估对象，{year_text}GDP 合计 {total} 亿元，"
        "最高 {high} 亿元，最低 {low} 亿元；其中长三角 {yrd} 个、珠三角 {prd} 个、京津冀 {jjj} 个。"
        "样本城市如表 {table} 所示。",
        "The evaluation covers {n} cities; their {year_text}GDP totals {total} (100 million "
        "CNY), from {low} to {high}. {yrd} lie in the Yangtze River Delta, {prd} in the Pearl "
        "River Delta and {jjj} in Beijing-Tianjin-Hebei. Table {table} lists them.",
    ),
    "year_text": ("{year} 年 ", "{year} "),
    "sampling": (
        "评估数据通过 {k} 个渠道采集，共有有效观测 {observations} 条（另有 {rejected} 条经核实"
        "退回，未计入得分），{filled}/{total} 个城市×指标单元有数据。各渠道观测数如下：",
        "The data came through {k} channels: {observations} observations were used ({rejected} "
        "more were rejected on checking and left out of the scores); {filled} of {total} "
        "city × indicator cells have data. Observations per channel:",
    ),
    "channel_line": ("{channel}：{count} 条（{share}）", "{channel}: {count} ({share})"),
    "overall": (
        "从整体得分来看，{n} 个样本城市的智慧城市发展水平平均指数为 {mean}，标准差为 {sd}"
        "（最高 {high}，最低 {low}）。各样本城市的发展水平指数按照从高到低形成了 {k} 个梯队，"
        "{leaders}等城市处于样本城市的领先水平：",
        "Overall, the {n} cities' mean index is {mean} with a standard deviation of {sd} "
        "(highest {high}, lowest {low}). By index, from high to low, the cities fall into "
        "{k} tiers; {leaders} lead the sample:",
    ),
    "tiers_note": (
        "注：同一梯队城市按照行政级别和行政区划序列综合排序",
        "Note: within a tier, cities are ordered by administrative level, then by "
        "province (administrative division code).",
    ),
    "tier_shares": (
        "{names}{k} 个梯队中城市数量占比分别为 {shares}（{counts} 个城市）。",
        "The tiers {names} hold {shares} of the cities ({counts} cities).",
    ),
    "first_para": (
        "{name}平均指数为 {mean}（标准差 {sd}）。从二级指标平均指数来看，"
        "{best}最高（{best_mean}），{worst}最低（{worst_mean}），最大分差 {spread}；"
        "{even}标准差最小（{even_sd}），"
        "{uneven}标准差最大（{uneven_sd}）。其中，{top}等城市在{name}方面处于领先地位。",
        "{name}: mean {mean} (sd {sd}). Among its second-level indicators {best} has the "
        "highest mean ({best_mean}) and {worst} the lowest ({worst_mean}), a gap of {spread}; "
        "{even} varies least (sd {even_sd}) and {uneven} most (sd {uneven_sd}). {top} lead "
        "on {name}.",
    ),
    "first_para_short": (
        "{name}平均指数为 {mean}（标准差 {sd}）。其中，{top}等城市处于领先地位。",
        "{name}: mean {mean} (sd {sd}). {top} lead.",
    ),
    "bands": (
        "按 GDP 规模分组，各组平均指数为：{groups}。样本整体标准差为 {sd}，各经济规模组内标准差"
        "为 {low_sd}–{high_sd}。",
        "By GDP band the mean index is: {groups}. The whole sample's sd is {sd}; within the "
        "bands it ranges from {low_sd} to {high_sd}.",
    ),
    "band_item": (
        "{band} 亿元 {mean}（{n} 个城市，标准差 {sd}）",
        "{band}: {mean} ({n} cities, sd {sd})",
    ),
    "gdp_fit": (
        "发展指数与 {year_text}GDP 的相关系数为 r = {r}（{n} 个城市），GDP 每增加 1 万亿元，"
        "拟合的发展指数提高 {per}。",
        "The index correlates with {year_text}GDP at r = {r} ({n} cities); along the fitted "
        "line the index rises by {per} per 10 000 (100 million CNY) of GDP.",
    ),
    "circles": (
        "按所属经济圈，各经济圈平均指数为：{groups}；样本整体平均指数为 {mean}。",
        "By economic circle the mean index is: {groups}; the whole sample's is {mean}.",
    ),
    "circle_item": ("{circle} {mean}（{n} 个城市）", "{circle} {mean} ({n} cities)"),
    "compare": (
        "在 {k} 个一级指标中，{best}平均指数最高，达到 {best_mean}；{worst}平均指数最低，"
        "为 {worst_mean}。五个一级指标得分指数对比如下：",
        "Of the {k} first-level indicators, {best} has the highest mean, {best_mean}; "
        "{worst} the lowest, {worst_mean}:",
    ),
    "second": (
        "在全部二级指标中，{best}平均指数最高（{best_mean}），{worst}最低（{worst_mean}）；"
        "{uneven}的标准差最大（{uneven_sd}），发展最不均衡，{even}的标准差最小（{even_sd}）。"
        "样本城市各二级指标得分情况如下：",
        "Across the second-level indicators, {best} has the highest mean ({best_mean}) and "
        "{worst} the lowest ({worst_mean}); {uneven} varies most (sd {uneven_sd}), {even} "
        "least (sd {even_sd}). The second-level indicators:",
    ),
    "annex_intro": (
        "以下每页为一个样本城市的画像（按排名顺序）：一级指标雷达图、二级指标得分与样本平均"
        "（误差线为样本标准差），以及高于或低于样本平均至少一个标准差的优势和短板指标。",
        "One page per city, in rank order: the radar of its first-level scores, its "
        "second-level scores against the sample mean (error bars: the sample's sd), and "
        "its strengths and weaknesses (at least one sd above or below the sample mean).",
    ),
    "list_sep": ("、", ", "),
    "and": ("和", " and "),
    # table headers
    "col_city": ("城市", "City"),
    "col_province": ("省份", "Province"),
    "col_level": ("行政级别", "Administrative level"),
    "col_circle": ("经济圈", "Economic circle"),
    "col_gdp": ("GDP（亿元）", "GDP (100 million CNY)"),
    "col_band": ("GDP 分组（亿元）", "GDP band"),
    "col_tier": ("梯队", "Tier"),
    "col_cities": ("城市", "Cities"),
    "col_first": ("一级指标", "First-level indicator"),
    "col_second": ("二级指标", "Second-level indicator"),
    "col_mean": ("平均指数", "Mean"),
    "col_sd": ("标准差", "SD"),
    "col_indicator": ("指标", "Indicator"),
    "col_score": ("得分", "Score"),
    "col_sample_mean": ("样本平均", "Sample mean"),
    "col_rank": ("排名", "Rank"),
    "col_assessment": ("评价", "Assessment"),
    "strength": ("优势", "strength"),
    "weakness": ("短板", "weakness"),
    "cap_cities": ("样本城市", "The cities evaluated"),
    "cap_tiers": ("智慧城市发展水平", "Smart-city development tiers"),
    "cap_second": ("样本城市各二级指标平均指数", "Means of the second-level indicators"),
    "index_row": ("发展指数", "Index"),
}


def phrase(key: str, lang: str, **values: object) -> str:
    zh, en = PHRASES[key]
    template = en if lang == "en" else zh
    return template.format(**values) if values else template


def join_names(names: list[str], lang: str) -> str:
    """北京、上海和杭州 / Beijing, Shanghai and Hangzhou."""
    if len(names) <= 1:
        return "".join(names)
    sep, last = phrase("list_sep", lang), phrase("and", lang)
    return sep.join(names[:-1]) + last + names[-1]
