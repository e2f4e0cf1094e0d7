"""Registry of regions and their municipalities, which depends on the year (municipal mergers).

Three kinds of region: the shipped ones (data/regions.csv), any municipality of the CBS file by name or
GM code (a region of one, population from CBS 1 January 2022), and regions an analyst defines in a CSV of
their own (``register_regions``). CBS figures are always joined by GM code, never by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from zorglab.core.errors import DataValidationError, ParameterRangeError, UnknownNameError, UnknownRegionError
from zorglab.core.paths import data_dir
from zorglab.core.validation import read_csv_validated

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
        key = str(name).strip().lower()
        for m in self.municipalities:
            if m.name.lower() == key or (m.cbs_code or "").lower() == key:
                return m
        raise UnknownNameError(f"municipality of {self.name} in {self.year}", name, self.municipality_names())

    def municipality_names(self) -> list[str]:
        return [m.name for m in self.municipalities]

    def description(self, language: str = "nl") -> str:
        return self.description_en if language == "en" else self.description_nl


CUSTOM_SCHEMA = pa.DataFrameSchema(
    {
        "region": pa.Column(str, pa.Check.str_length(1, 80)),
        "municipality": pa.Column(str, nullable=True, required=False),
        "cbs_code": pa.Column(str, pa.Check.str_matches(r"^GM\d{4}$"), nullable=True),
        "population": pa.Column(int, pa.Check.in_range(100, 2_000_000)),
        "population_year": pa.Column(int, pa.Check.in_range(2000, 2030)),
        "population_source": pa.Column(str, pa.Check.str_length(1, 200)),
    },
    strict=True,
    coerce=True,
)
_registered: dict[str, pd.DataFrame] = {}
MUNICIPALITY_POPULATION_SOURCE = "CBS 37259 (1 januari 2022)"


@cache
def _shipped() -> pd.DataFrame:
    return read_csv_validated(data_dir() / "regions.csv", REGIONS_SCHEMA, dtype={"cbs_code": "string"})


def _table() -> pd.DataFrame:
    if not _registered:
        return _shipped()
    return pd.concat([_shipped(), *_registered.values()], ignore_index=True)


def register_regions(path: str | Path) -> list[str]:
    """Add the regions defined in an analyst's CSV; returns their names.

    Columns: ``region, municipality, cbs_code, population, population_year, population_source``
    (``municipality`` may be empty when a GM code names it). A file row that fails says file, row, column
    and why; a region name that is already shipped is refused so a report cannot silently change meaning.
    """
    from zorglab.domain.cbs import municipality_table

    path = Path(path)
    df = read_csv_validated(path, CUSTOM_SCHEMA, dtype={"cbs_code": "string", "municipality": "string"},
                            sep=None, engine="python", encoding="utf-8-sig")
    cbs = municipality_table()
    problems: list[tuple[object, str, str]] = []
    names = []
    for i, r in enumerate(df.itertuples(), start=2):
        code = None if pd.isna(r.cbs_code) else str(r.cbs_code)
        name = getattr(r, "municipality", None)
        if code and code not in cbs.index:
            problems.append((i, "cbs_code", f"{code} is not a municipality code in the CBS file (2022)"))
        if (name is None or pd.isna(name) or not str(name).strip()):
            if code and code in cbs.index:
                name = str(cbs.loc[code, "name"])
            else:
                problems.append((i, "municipality", "give a municipality name or a GM code"))
        names.append(str(name).strip() if name is not None and not pd.isna(name) else "")
        if r.region in _shipped()["region"].unique():
            problems.append((i, "region", f"{r.region!r} is a shipped region; choose another name"))
    if problems:
        raise DataValidationError(path, problems)
    out = pd.DataFrame({
        "region": df["region"].astype(str).str.strip(), "municipality": names,
        "cbs_code": df["cbs_code"], "valid_from": YEAR_RANGE[0], "valid_to": YEAR_RANGE[1],
        "population": df["population"].astype(int), "population_year": df["population_year"].astype(int),
        "population_source": df["population_source"].astype(str), "fictional": df["cbs_code"].isna(),
    })
    for region, rows in out.groupby("region", sort=False):
        _registered[str(region)] = rows.reset_index(drop=True)
    return list(dict.fromkeys(out["region"]))


def clear_registered_regions() -> None:
    """Forget regions added with ``register_regions`` (tests, a fresh report)."""
    _registered.clear()


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


def resolve_region(name: object) -> str:
    """The canonical name of a region or CBS municipality ('oss', 'GM0281', 'Hengelo (O.)' all work)."""
    valid = regions()
    if isinstance(name, str):
        lowered = {r.lower(): r for r in valid}
        if name.strip().lower() in lowered:
            return lowered[name.strip().lower()]
        code = _municipality_code(name)
        if code:
            from zorglab.domain.cbs import municipality_table

            return str(municipality_table().loc[code, "name"])
    raise UnknownRegionError(str(name), valid, MUNICIPALITY_HINT)


MUNICIPALITY_HINT = "or any of the 345 municipalities of the CBS file by name or GM code (e.g. Tiel or GM0281)"


def _municipality_code(name: str) -> str | None:
    from zorglab.domain.cbs import municipality_code, municipality_table

    text = name.strip()
    if text.upper() in municipality_table().index:
        return text.upper()
    try:
        return municipality_code(text)
    except KeyError:
        return None


def municipality_region(name: str, year: int = 2022) -> Region:
    """One CBS municipality as a region of its own (population on 1 January 2022, CBS)."""
    from zorglab.domain.cbs import municipality_table

    code = _municipality_code(name)
    if code is None:
        raise UnknownRegionError(name, regions(), MUNICIPALITY_HINT)
    row = municipality_table().loc[code]
    m = Municipality(str(row["name"]), str(row["name"]), code, int(row["population"]), 2022,
                     MUNICIPALITY_POPULATION_SOURCE, False)
    nl = f"Gemeente {m.name} (CBS-code {code}), gemeentelijke indeling 2022."
    en = f"Municipality of {m.name} (CBS code {code}), 2022 boundaries."
    return Region(m.name, nl, en, False, check_year(year), (m,))


def get_region(name: str, year: int = 2022) -> Region:
    """A region as it was composed in ``year``; a CBS municipality is a region of its own.

    Unknown names list the valid regions and say that any municipality works too.
    """
    valid = regions()
    canonical = resolve_region(name)
    if canonical not in valid:
        return municipality_region(canonical, year)
    name = canonical
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
    nl, en = _descriptions().get(name) or (f"Regio {name} (eigen definitie van de analist).",
                                              f"Region {name} (defined by the analyst).")
    return Region(name, nl, en, all(m.fictional for m in munis), year, munis)


def all_municipalities(year: int = 2022) -> pd.DataFrame:
    """Every municipality of every region in ``year`` as a table."""
    rows = [m.__dict__ for r in regions() for m in get_region(r, year).municipalities]
    return pd.DataFrame(rows)


def neighbourhoods() -> pd.DataFrame:
    return pd.read_csv(data_dir() / "neighbourhoods.csv")
