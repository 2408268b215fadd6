"""Cities (the evaluated units) and the shipped city list."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from models.tables import DataError, RawTable, Row, cell_number, cell_text, read_table

CHANNELS: tuple[str, ...] = ("实地调研", "电话访谈", "网络采样", "统计数据", "问卷调查")
CHANNELS_EN: dict[str, str] = {
    "实地调研": "Field visit",
    "电话访谈": "Phone interview",
    "网络采样": "Web sampling",
    "统计数据": "Statistics",
    "问卷调查": "Questionnaire",
}


@dataclass(frozen=True)
class City:
    """An evaluated unit. `groups` holds any further grouping columns (name → value)."""

    code: str
    name_zh: str
    name_en: str = ""
    province: str = ""
    admin_level: str = ""
    economic_circle: str = ""
    gdp: dict[int, float] = field(default_factory=dict)  # year → GDP in 亿元
    groups: dict[str, str] = field(default_factory=dict)
    city_id: int | None = None  # stable id in a workspace store; None outside one


# --- the city list (resources/cities/cities_2020.csv) ----------------------------------

CITY_LIST_COLUMNS = (
    "rank",
    "name_zh",
    "name_en",
    "province_zh",
    "admin_level",
    "is_provincial_capital",
    "economic_circle",
    "yrd_full_41",
    "confidence",
)
_GDP_COLUMN = re.compile(r"gdp_(\d{4})_100m_cny")  # one column per year, in 亿元
_FLAGS = ("is_provincial_capital", "yrd_full_41")


def city_slug(name_en: str) -> str:
    """A stable ASCII code from the English name: "Xi'an" → "xian",
    "Taizhou (Jiangsu)" → "taizhou-jiangsu"."""
    ascii_name = unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"['`]", "", ascii_name.lower())
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def load_city_list(path: Path) -> list[City]:
    """Read a city list (CSV or XLSX, columns as in cities_2020.csv).

    code = city_slug(name_en); gdp = {year: value} from every gdp_<year>_100m_cny column;
    groups = rank_<year of the first GDP column> (or "rank"), the Y/N flags, confidence and
    any further column. Raises DataError naming the file, row and column.
    """
    table = read_table(path, "cities")
    for column in CITY_LIST_COLUMNS:
        if table.find(column) is None:
            raise DataError(table.source, table.header_row, column, "column missing")
    gdp_columns = {h: int(m.group(1)) for h in table.header if (m := _GDP_COLUMN.fullmatch(h))}
    rank_name = f"rank_{min(gdp_columns.values())}" if gdp_columns else "rank"
    cities: list[City] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        city = _city(table, row, gdp_columns, rank_name)
        if city.code in seen:
            msg = f"code {city.code!r} already used on row {seen[city.code]}"
            raise DataError(table.source, row.number, "name_en", msg)
        seen[city.code] = row.number
        cities.append(city)
    return cities


def _city(table: RawTable, row: Row, gdp_columns: dict[str, int], rank_name: str) -> City:
    def text(column: str, required: bool = True) -> str:
        index = table.find(column)
        value = "" if index is None else cell_text(row.cells[index])
        if required and not value:
            raise DataError(table.source, row.number, column, f"{column} is required")
        return value

    def number(column: str) -> float | None:
        try:
            value = cell_number(text(column, required=False))
        except ValueError as exc:
            raise DataError(table.source, row.number, column, str(exc)) from exc
        if value is not None and value < 0:
            raise DataError(table.source, row.number, column, f"{value:g} is negative")
        return value

    rank = number("rank")
    if rank is None or not rank.is_integer() or rank < 1:
        raise DataError(table.source, row.number, "rank", "rank must be a whole number >= 1")
    code = city_slug(text("name_en"))
    if not code:
        raise DataError(table.source, row.number, "name_en", "no ASCII letters for a code")
    groups = {rank_name: str(int(rank))}
    for flag in _FLAGS:
        value = text(flag).upper()
        if value not in ("Y", "N"):
            raise DataError(table.source, row.number, flag, f"{value!r} must be Y or N")
        groups[flag] = value
    groups["confidence"] = text("confidence", required=False)
    used = {*CITY_LIST_COLUMNS, *gdp_columns}
    groups |= {h: text(h, required=False) for h in table.header if h not in used}
    gdp = {year: v for h, year in gdp_columns.items() if (v := number(h)) is not None}
    return City(
        code=code,
        name_zh=text("name_zh"),
        name_en=text("name_en"),
        province=text("province_zh"),
        admin_level=text("admin_level"),
        economic_circle=text("economic_circle", required=False),
        gdp=gdp,
        groups=groups,
    )
