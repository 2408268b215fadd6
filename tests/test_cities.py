"""The shipped city list and its loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.cities import City, city_slug, load_city_list
from models.resources import city_list_path
from models.tables import Cell, DataError, write_table

BAD = Path(__file__).parent / "data" / "bad"


@pytest.fixture(scope="module")
def cities() -> list[City]:
    return load_city_list(city_list_path())


def test_fifty_cities(cities: list[City]) -> None:
    assert len(cities) == 50
    assert len({c.code for c in cities}) == 50
    assert all(c.code.isascii() and c.code == c.code.lower() for c in cities)


def test_first_city(cities: list[City]) -> None:
    shanghai = cities[0]
    assert shanghai == City(
        code="shanghai",
        name_zh="上海",
        name_en="Shanghai",
        province="上海市",
        admin_level="直辖市",
        economic_circle="长三角",
        gdp={2020: 38700.58},
        groups={
            "rank_2020": "1",
            "is_provincial_capital": "Y",
            "yrd_full_41": "Y",
            "confidence": "high",
        },
    )


def test_codes_and_circles(cities: list[City]) -> None:
    by_code = {c.code: c for c in cities}
    assert {"xian", "taizhou-jiangsu", "taizhou-zhejiang"} <= set(by_code)
    assert by_code["chongqing"].economic_circle == ""
    assert by_code["xuzhou"].groups["yrd_full_41"] == "Y"
    assert by_code["zhangzhou"].groups["confidence"] == "medium-boundary"
    circles = {c.economic_circle for c in cities}
    assert circles == {"", "长三角", "珠三角", "京津冀"}


@pytest.mark.parametrize(
    ("name_en", "slug"),
    [("Xi'an", "xian"), ("Taizhou (Jiangsu)", "taizhou-jiangsu"), ("Ürümqi", "urumqi"),
     ("  Hong Kong SAR ", "hong-kong-sar")],
)  # fmt: skip
def test_slug(name_en: str, slug: str) -> None:
    assert city_slug(name_en) == slug


def test_xlsx_and_extra_columns(cities: list[City], tmp_path: Path) -> None:
    header = ["rank", "name_zh", "name_en", "province_zh", "gdp_2020_100m_cny",
              "gdp_2021_100m_cny", "admin_level", "is_provincial_capital", "economic_circle",
              "yrd_full_41", "confidence", "gdp_band"]  # fmt: skip
    rows: list[list[Cell]] = [
        [1.0, "上海", "Shanghai", "上海市", 38700.58, 43214.85, "直辖市", "y", "长三角", "Y",
         "high", "A"],
    ]  # fmt: skip
    write_table(tmp_path / "c.xlsx", header, rows, "cities")
    (city,) = load_city_list(tmp_path / "c.xlsx")
    assert city.gdp == {2020: 38700.58, 2021: 43214.85}
    assert city.groups["gdp_band"] == "A" and city.groups["is_provincial_capital"] == "Y"
    assert city.code == cities[0].code


CASES = [
    ("cities_missing_column.csv", 1, "yrd_full_41", "column missing"),
    ("cities_flag.csv", 3, "is_provincial_capital", "must be Y or N"),
    ("cities_gdp.csv", 3, "gdp_2020_100m_cny", "'5,312' is not a number"),
    ("cities_rank.csv", 3, "rank", "'first' is not a number"),
    ("cities_duplicate.csv", 4, "name_en", "'taizhou-jiangsu' already used on row 3"),
    ("cities_no_name.csv", 2, "name_zh", "required"),
]


@pytest.mark.parametrize(("name", "row", "column", "message"), CASES)
def test_bad_city_list(name: str, row: int, column: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        load_city_list(BAD / name)
    error = caught.value
    assert (Path(error.source).name, error.row, error.column) == (name, row, column)
    assert message in error.message
    assert f"{name}, row {row}, column {column}:" in str(error)
