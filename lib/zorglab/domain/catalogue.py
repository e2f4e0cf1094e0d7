"""Product catalogues (old and harmonised) and the social price list used by the effectencalculator.

Codes only: payers, laws and units are worded by ``zorglab.services.labels`` (``payer_label``, ``unit_label``).
"""

from __future__ import annotations

from functools import cache

import pandas as pd
import pandera.pandas as pa

from zorglab.core.errors import UnknownNameError
from zorglab.core.paths import data_dir
from zorglab.core.validation import read_csv_validated
from zorglab.domain.vocabulary import MUNICIPAL_LAWS, Payer

# Laws whose products municipalities buy from providers, and every payer: one vocabulary (domain.vocabulary).
LAWS = tuple(p.value for p in MUNICIPAL_LAWS)
PAYERS = tuple(p.value for p in Payer)
UNITS = ("uur", "dagdeel", "etmaal", "maand", "consult", "bezoek", "dag", "inzet", "stuk", "traject",
         "gebeurtenis", "gesprek", "nacht")

_money = pa.Check.in_range(0.01, 100_000)
PRODUCTS_SCHEMA = pa.DataFrameSchema(
    {
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z][A-Z0-9_]+$"), unique=True),
        "law": pa.Column(str, pa.Check.isin(LAWS)),
        "name_nl": pa.Column(str),
        "name_en": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "tariff_eur": pa.Column(float, _money),
        "staff_hours_per_unit": pa.Column(float, pa.Check.in_range(0.01, 100)),
        "intensity": pa.Column(int, pa.Check.isin([1, 2, 3])),
        "typical_units_per_year": pa.Column(float, pa.Check.in_range(1, 366)),
        "harmonised_code": pa.Column(str),
        "description_nl": pa.Column(str),
    },
    strict=True,
    coerce=True,
)
HARMONISED_SCHEMA = pa.DataFrameSchema(
    {
        "code": pa.Column(str, pa.Check.str_matches(r"^[A-Z][A-Z0-9_]+$"), unique=True),
        "law": pa.Column(str, pa.Check.isin(LAWS)),
        "name_nl": pa.Column(str),
        "name_en": pa.Column(str),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "tariff_eur": pa.Column(float, _money),
        "staff_hours_per_unit": pa.Column(float, pa.Check.in_range(0.01, 100)),
        "description_nl": pa.Column(str),
    },
    strict=True,
    coerce=True,
)
PRICE_LIST_SCHEMA = pa.DataFrameSchema(
    {
        "activity": pa.Column(str, pa.Check.str_matches(r"^[A-Z][A-Z0-9_]+$"), unique=True),
        "payer": pa.Column(str, pa.Check.isin(PAYERS)),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "unit_price_eur": pa.Column(float, _money),
        "name_nl": pa.Column(str),
        "name_en": pa.Column(str),
        "source": pa.Column(str),
    },
    strict=True,
    coerce=True,
)


@cache
def products() -> pd.DataFrame:
    """The old (pre-harmonisation) catalogue, one row per product code."""
    df = read_csv_validated(data_dir() / "products.csv", PRODUCTS_SCHEMA)
    unknown = set(df["harmonised_code"]) - set(harmonised_products()["code"])
    if unknown:
        raise UnknownNameError("harmonised product in products.csv", sorted(unknown)[0], harmonised_products()["code"])
    return df


@cache
def harmonised_products() -> pd.DataFrame:
    """The harmonised catalogue (productindikking): fewer, broader products."""
    return read_csv_validated(data_dir() / "products_harmonised.csv", HARMONISED_SCHEMA)


def product(code: str) -> pd.Series:
    table = products().set_index("code")
    if code not in table.index:
        raise UnknownNameError("product code", code, table.index)
    return table.loc[code]


def harmonise(codes: pd.Series | list[str]) -> pd.Series:
    """Map old product codes to harmonised ones (vectorised); unknown codes raise with the valid list."""
    codes = pd.Series(codes)
    mapping = products().set_index("code")["harmonised_code"]
    unknown = ~codes.isin(mapping.index)
    if unknown.any():
        raise UnknownNameError("product code", str(codes[unknown].iloc[0]), mapping.index)
    return codes.map(mapping)


@cache
def price_list() -> pd.DataFrame:
    """Social price list: the catalogue products (payer = their law) plus life events and activities."""
    events = read_csv_validated(data_dir() / "price_list.csv", PRICE_LIST_SCHEMA)
    prods = products().rename(columns={"code": "activity", "law": "payer", "tariff_eur": "unit_price_eur"})
    prods = prods.assign(source="productcatalogus (illustratief tarief)")[list(events.columns)]
    return pd.concat([prods, events], ignore_index=True)


def product_name(code: str, language: str = "nl") -> str:
    table = price_list().set_index("activity")
    if code in table.index:
        return str(table.loc[code, "name_en" if language == "en" else "name_nl"])
    harm = harmonised_products().set_index("code")
    if code in harm.index:
        return str(harm.loc[code, "name_en" if language == "en" else "name_nl"])
    raise UnknownNameError("product or activity code", code, list(table.index) + list(harm.index))
