"""Registry of regions and their municipalities, which depends on the year (municipal mergers)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd
import pandera.pandas as pa

from .errors import ParameterRangeError, UnknownNameError, UnknownRegionError
from .paths import data_dir
from .validation import read_csv_validated

YEAR_RANGE = (2015, 2025)

REGIONS_SCHEMA = pa.DataFrameSchema(
    {
        "region": pa.Column(str),
        "municipality": pa.Column(str),
        "cbs_code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$"), nullable=True),
        "valid_from": pa.Column(int, pa.Check.in_range(*YEAR_RANGE)),
        "valid_to": pa.Column(int, pa.Check.in_range(*YEAR_RANGE)),
        "population": pa.Column(int, pa.Check.in_range(100, 2_000_000)),
        "population_year": pa.Column(int, pa.Check.in_range(2000, 2030)),
        "population_source": pa.Column(str),
        "fictional": pa.Column(bool),
    },
    strict=True,
    coerce=True,
)


@dataclass(frozen=True)
class Municipality:
    name: str
    region: str
    cbs_code: str | None
    population: int
    population_year: int
    population_source: str
    fictional: bool


@dataclass(frozen=True)
class Region:
    name: str
    description_nl: str
    description_en: str
    fictional: bool
    year: int
    municipalities: tuple[Municipality, ...]

    @property
    def population(self) -> int:
        return sum(m.population for m in self.municipalities)

    def municipality(self, name: str) -> Municipality:
        for m in self.municipalities:
            if m.name == name:
                return m
        raise UnknownNameError(f"municipality of {self.name} in {self.year}", name, self.municipality_names())

    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    def description(self, language: str = "nl") -> str:
        return self.description_en if language == "en" else self.description_nl


@cache
def _table() -> pd.DataFrame:
    return read_csv_validated(data_dir() / "regions.csv", REGIONS_SCHEMA, dtype={"cbs_code": "string"})


@cache
def _descriptions() -> dict[str, tuple[str, str]]:
    df = pd.read_csv(data_dir() / "region_descriptions.csv")
    return {r.region: (r.description_nl, r.description_en) for r in df.itertuples()}


def regions() -> list[str]:
    """Names of every known region, sorted."""
    return sorted(_table()["region"].unique().tolist())


def check_year(year: int) -> int:
    if not isinstance(year, int | float) or int(year) != year or not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ParameterRangeError("year", year, f"whole years {YEAR_RANGE[0]}-{YEAR_RANGE[1]}")
    return int(year)


def get_region(name: str, year: int = 2022) -> Region:
    """A region as it was composed in ``year``; unknown names list the valid ones."""
    valid = regions()
    if name not in valid:
        lowered = {r.lower(): r for r in valid}
        if isinstance(name, str) and name.strip().lower() in lowered:
            name = lowered[name.strip().lower()]
        else:
            raise UnknownRegionError(str(name), valid)
    year = check_year(year)
    t = _table()
    rows = t[(t["region"] == name) & (t["valid_from"] <= year) & (t["valid_to"] >= year)]
    munis = tuple(
        Municipality(
            name=r.municipality,
            region=r.region,
            cbs_code=None if pd.isna(r.cbs_code) else str(r.cbs_code),
            population=int(r.population),
            population_year=int(r.population_year),
            population_source=r.population_source,
            fictional=bool(r.fictional),
        )
        for r in rows.itertuples()
    )
    nl, en = _descriptions()[name]
    return Region(name, nl, en, all(m.fictional for m in munis), year, munis)


def all_municipalities(year: int = 2022) -> pd.DataFrame:
    """Every municipality of every region in ``year`` as a table."""
    rows = [m.__dict__ for r in regions() for m in get_region(r, year).municipalities]
    return pd.DataFrame(rows)


def neighbourhoods() -> pd.DataFrame:
    return pd.read_csv(data_dir() / "neighbourhoods.csv")
