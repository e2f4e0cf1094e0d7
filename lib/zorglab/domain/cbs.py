"""The shipped real CBS figures per municipality: population 2022, key figures 2021, youth care 2022*.

Reading CBS files in the forms analysts meet (StatLine CSV, open-data exports) is ``cbs_files``'s job.
The shipped figures (``data/cbs/``) are joined by GM code, never by name, because names differ between
CBS files ("Hengelo (O.)" / "Hengelo", "Utrecht (gemeente)" / "Utrecht"). Names are only resolved to
codes once, through :func:`municipality_code`. Credit "Bron: CBS" wherever the figures are shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import numpy as np
import pandas as pd

from zorglab.core.errors import DataValidationError, UnknownNameError
from zorglab.core.paths import data_dir
from zorglab.domain.cbs_files import GM_CODE, NATIONAL, NATIONAL_CODE, REGION_CODE, read_statline_csv

SOURCE_NOTE = "Bron: CBS StatLine, Indicatoren jeugdzorg; gemeenten, 2022* (voorlopig), CC BY 4.0"
POPULATION_SOURCE_NOTE = "Bron: CBS, tabel 37259 (bevolking op 1 januari 2022), CC BY 4.0"
KEY_FIGURES_SOURCE_NOTE = "Bron: CBS, tabel 85039NED (Kerncijfers wijken en buurten 2021), CC BY 4.0"
YOUTH_CARE_FILE = "cbs/indicatoren_jeugdzorg_gemeenten_2022.csv"
POPULATION_FILE = "cbs/bevolking_gemeenten_2022.csv"
KEY_FIGURES_FILE = "cbs/kerncijfers_gemeenten_2021.csv"

# Municipalities of 1 January 2022 whose 2021 key figures are for other boundaries: the 2022 figure is the
# population-weighted mean of the 2021 figures of the municipalities it was formed from (CBS
# gemeentelijke herindelingen per 1 januari 2022). Purmerend keeps its code but absorbed Beemster.
PREDECESSORS_2022: dict[str, tuple[str, ...]] = {
    "GM0439": ("GM0439", "GM0370"),  # Purmerend <- Purmerend, Beemster
    "GM1980": ("GM0398", "GM0416"),  # Dijk en Waard <- Heerhugowaard, Langedijk
    "GM1982": ("GM0756", "GM1684", "GM0786", "GM0815", "GM1702"),  # Land van Cuijk <- Boxmeer, Cuijk,
    #                                                  Grave, Mill en Sint Hubert, Sint Anthonis
    "GM1991": ("GM0856", "GM1685"),  # Maashorst <- Uden, Landerd
}

# The saved copy of the population table has four names that are not CBS's Dutch names (translated or
# with the apostrophe lost). The table shows the CBS name; the file's spelling is still accepted on lookup.
_POPULATION_NAME_FIXES = {
    "GM0014": "Groningen",  # file: "Groningen Municipality"
    "GM0344": "Utrecht",  # file: "Utrecht Municipality"
    "GM0518": "'s-Gravenhage",  # file: "The Hague"
    "GM0796": "'s-Hertogenbosch",  # file: "s-Hertogenbosch"
}

# Youth aged 0-17 from the published age bands: all of 0-15 plus 3 of the 10 years 15-25 (15, 16, 17).
YOUTH_15_25_FRACTION = 0.3


def _read_semicolon_table(relative: str, columns: dict[str, str], integers: Iterable[str] = ()) -> pd.DataFrame:
    """A shipped ';' CBS file with decimal comma: check the header, rename, parse numbers (empty = NaN)."""
    path = data_dir() / relative
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    raw.columns = [c.strip() for c in raw.columns]
    missing = [c for c in columns if c not in raw.columns]
    if missing:
        raise DataValidationError(path, [("header", c, "column missing") for c in missing])
    raw = raw[list(columns)].rename(columns=columns)
    problems: list[tuple[object, str, str]] = []
    out = pd.DataFrame({"cbs_code": raw["cbs_code"].str.strip().str.upper(), "name": raw["name"].str.strip()})
    for line, code in zip(range(2, len(raw) + 2), out["cbs_code"], strict=True):
        if not GM_CODE.match(code):
            problems.append((line, "Gemeentecode", f"not a GM code: {code!r}"))
    for title, short in columns.items():
        if short in ("cbs_code", "name"):
            continue
        text = raw[short].str.strip()
        empty = text == ""
        numbers = pd.to_numeric(text.where(~empty).str.replace(",", ".", regex=False), errors="coerce")
        for idx in np.flatnonzero((numbers.isna() & ~empty).to_numpy()):
            problems.append((int(idx) + 2, title, f"not a number: {text.iloc[idx]!r}"))
        out[short] = numbers.astype(float)
    for short in integers:
        bad = out[short].isna()
        for idx in np.flatnonzero(bad.to_numpy()):
            problems.append((int(idx) + 2, short, "value required"))
    duplicated = out["cbs_code"].duplicated(keep=False)
    for idx in np.flatnonzero(duplicated.to_numpy()):
        problems.append((int(idx) + 2, "Gemeentecode", f"duplicate code {out['cbs_code'].iloc[idx]}"))
    if problems:
        raise DataValidationError(path, problems)
    return out.set_index("cbs_code")


@cache
def _population() -> pd.DataFrame:
    return _read_semicolon_table(POPULATION_FILE, {
        "Gemeentecode": "cbs_code", "Gemeente": "name", "Inwoners 1 januari 2022": "population"},
        integers=["population"])


@cache
def _key_figures_2021() -> pd.DataFrame:
    return _read_semicolon_table(KEY_FIGURES_FILE, {
        "Gemeentecode": "cbs_code", "Gemeente": "name", "Inwoners": "inhabitants",
        "0 tot 15 jaar (%)": "age_0_15_pct", "15 tot 25 jaar (%)": "age_15_25_pct",
        "65 jaar of ouder (%)": "age_65_plus_pct", "Wmo-cliënten per 1000 inwoners": "wmo_per_1000",
        "Jongeren met jeugdzorg (%)": "jeugdzorg_pct", "Bijstandsuitkeringen per 1000 inwoners": "bijstand_per_1000",
    }, integers=["inhabitants", "age_0_15_pct", "age_15_25_pct", "age_65_plus_pct"])


def _norm(name: str) -> str:
    """Name key: trimmed, inner spaces collapsed, casefolded, typographic apostrophe made plain."""
    return " ".join(str(name).replace("\u2019", "'").split()).casefold()


_SUFFIX = re.compile(r"\s*\([^()]*\)$")


def _base(key: str) -> str:
    """Name key without a trailing parenthesised suffix: 'hengelo (o.)' -> 'hengelo'."""
    return _SUFFIX.sub("", key)


@cache
def _name_index(current_only: bool) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """(full key -> codes, base key -> codes, code -> keys) from every CBS name a code has in the shipped files.

    ``current_only`` keeps the 345 municipalities of 1 January 2022; otherwise the ten merged on that day
    (2021 codes) are included too, so the youth-care file's rows for them can be placed.
    """
    population = _population()
    pairs = [(code, name) for code, name in population["name"].items()]
    pairs += list(_POPULATION_NAME_FIXES.items())
    pairs += [(code, name) for code, name in _key_figures_2021()["name"].items()
              if not current_only or code in population.index]
    full: dict[str, set[str]] = {}
    base: dict[str, set[str]] = {}
    keys: dict[str, set[str]] = {}
    for code, name in pairs:
        key = _norm(name)
        full.setdefault(key, set()).add(code)
        base.setdefault(_base(key), set()).add(code)
        keys.setdefault(code, set()).add(key)
    return full, base, keys


def _codes_for_name(name: str, current_only: bool = True) -> set[str]:
    """Every GM code a name can mean: exact (normalised) match first, then by name without the suffix.

    Without the exact match, a suffixed query ('Utrecht (gemeente)') only matches a municipality whose
    names carry no suffix of their own, so 'Bergen (X.)' or 'Hengelo (Gld.)' never land on the wrong one.
    An unsuffixed base shared by two ('Bergen') returns both: the caller reports the ambiguity.
    """
    full, base, keys = _name_index(current_only)
    key = _norm(name)
    if key in full:
        return set(full[key])
    stripped = _base(key)
    candidates = base.get(stripped, set())
    if stripped != key:  # the query has a suffix that no name matched exactly
        candidates = {c for c in candidates if all(_base(k) == k for k in keys[c])}
    return set(candidates)


def municipality_code(name: str) -> str:
    """GM code of a municipality of 1 January 2022 by name ('Hengelo' and 'Hengelo (O.)' both work)."""
    codes = _codes_for_name(name, current_only=True)
    if len(codes) == 1:
        return next(iter(codes))
    table = municipality_table()
    if len(codes) > 1:
        raise UnknownNameError("CBS municipality name (ambiguous: add the suffix)", name,
                               [table.loc[c, "name"] for c in codes])
    err = UnknownNameError("CBS municipality name", name, table["name"])
    merged = _codes_for_name(name, current_only=False)
    successors = [(c, new) for new, olds in PREDECESSORS_2022.items() for c in olds if c in merged and c != new]
    if successors:
        old, new = successors[0]
        err.args = (f"{err.args[0]} {name!r} ({old}) merged into {table.loc[new, 'name']} ({new}) "
                    "on 1 January 2022.",)
    raise err


def _normalise_code(code: str) -> str:
    return str(code).strip().upper()


@cache
def municipality_table() -> pd.DataFrame:
    """One row per municipality of 1 January 2022, indexed by GM code (``cbs_code``), for sizing caseloads.

    Columns: name, population (1 January 2022), youth_share and elderly_share (fractions, 2021 key
    figures; youth 0-17 = 0-15 share + 0.3 x 15-25 share), wmo_per_1000 (2021, NaN where not published),
    jeugdhulp_pct (2022*, NaN where suppressed) and key_figures_note (how 2021 figures were obtained when
    the 2021 file has no row for these boundaries).
    """
    population = _population()
    key = _key_figures_2021()
    youth_2021 = (key["age_0_15_pct"] + YOUTH_15_25_FRACTION * key["age_15_25_pct"]) / 100.0
    elderly_2021 = key["age_65_plus_pct"] / 100.0
    rows = []
    for code, pop in population.iterrows():
        predecessors = PREDECESSORS_2022.get(code)
        if predecessors is None:
            if code not in key.index:
                raise DataValidationError(data_dir() / KEY_FIGURES_FILE, [(
                    "-", "Gemeentecode", f"{code} ({pop['name']}) has no 2021 key figures and no predecessors "
                    "in PREDECESSORS_2022")])
            youth, elderly, wmo, note = youth_2021[code], elderly_2021[code], key.loc[code, "wmo_per_1000"], ""
        else:
            weights = key.loc[list(predecessors), "inhabitants"]
            youth = float(np.average(youth_2021[list(predecessors)], weights=weights))
            elderly = float(np.average(elderly_2021[list(predecessors)], weights=weights))
            wmo_values = key.loc[list(predecessors), "wmo_per_1000"]
            names = ", ".join(key.loc[list(predecessors), "name"])
            note = f"2021 figures of predecessors {names} (population-weighted)"
            if wmo_values.isna().any():  # a mean over part of the new municipality would misstate it
                wmo = float("nan")
                missing = ", ".join(key.loc[wmo_values[wmo_values.isna()].index, "name"])
                note += f"; Wmo not published for {missing}, so no Wmo figure"
            else:
                wmo = float(np.average(wmo_values, weights=weights))
        rows.append({"cbs_code": code, "name": _POPULATION_NAME_FIXES.get(code, pop["name"]),
                     "population": int(pop["population"]), "youth_share": float(youth),
                     "elderly_share": float(elderly), "wmo_per_1000": float(wmo),
                     "jeugdhulp_pct": youth_care_share_by_code(code), "key_figures_note": note})
    table = pd.DataFrame(rows).set_index("cbs_code")
    table["population"] = table["population"].astype("int64")
    return table


def municipality_figures(code: str) -> dict[str, object]:
    """All figures of one municipality by GM code (' gm0281 ' works); unknown codes list the valid ones."""
    table = municipality_table()
    normalised = _normalise_code(code)
    if normalised not in table.index:
        raise UnknownNameError("CBS municipality code", code, table.index)
    row = table.loc[normalised]
    return {"cbs_code": normalised, "name": str(row["name"]), "population": int(row["population"]),
            "youth_share": float(row["youth_share"]), "elderly_share": float(row["elderly_share"]),
            "wmo_per_1000": float(row["wmo_per_1000"]), "jeugdhulp_pct": float(row["jeugdhulp_pct"]),
            "key_figures_note": str(row["key_figures_note"])}


def national_figures() -> dict[str, float]:
    """National figures on the same footing as the municipal ones (the norm a municipality is compared to).

    Population is the sum; age shares are weighted by population; Wmo per 1,000 is weighted over the
    municipalities that publish it; the youth-care share is CBS's own 'Nederland' row.
    """
    table = municipality_table()
    weights = table["population"].astype(float)
    wmo = table["wmo_per_1000"].notna()
    return {
        "population": float(weights.sum()),
        "youth_share": float(np.average(table["youth_share"], weights=weights)),
        "elderly_share": float(np.average(table["elderly_share"], weights=weights)),
        "wmo_per_1000": float(np.average(table.loc[wmo, "wmo_per_1000"], weights=weights[wmo])),
        "jeugdhulp_pct": national_youth_care_share(),
    }


@cache
def youth_care_indicators() -> pd.DataFrame:
    """The shipped real CBS youth-care indicators per municipality (2022*), indexed by name.

    ``region_code`` holds the GM code (NL01 for Nederland); every row must map to exactly one code, so a
    renamed municipality fails here instead of silently dropping out of a join.
    """
    path = data_dir() / YOUTH_CARE_FILE
    table = read_statline_csv(path)
    problems: list[tuple[object, str, str]] = []
    codes: list[str | None] = []
    for line, name in zip(range(2, len(table) + 2), table["region"], strict=True):
        if name == NATIONAL:
            codes.append(NATIONAL_CODE)
            continue
        found = _codes_for_name(name, current_only=False)
        codes.append(next(iter(found)) if len(found) == 1 else None)
        if len(found) != 1:
            problems.append((line, "Regio's", f"{name!r} matches {len(found)} CBS codes {sorted(found)}; expected one"))
    if problems:
        raise DataValidationError(path, problems)
    table["region_code"] = pd.Series(codes, dtype="object", index=table.index)
    return table.set_index("region")


def national_youth_care_share() -> float:
    """Share (%) of young people with youth care in the Netherlands, 2022* (CBS): 13.2."""
    return float(youth_care_indicators().loc[NATIONAL, "jeugdhulp_pct"])


def youth_care_share_by_code(code: str) -> float:
    """Municipal share (%) by GM code (NL01 = national); NaN when CBS has no (or a suppressed) figure."""
    table = youth_care_indicators()
    match = table.loc[table["region_code"] == _normalise_code(code), "jeugdhulp_pct"]
    return float(match.iloc[0]) if len(match) else float("nan")


def youth_care_share(municipality: str) -> float:
    """Municipal share (%) from CBS by name (with or without CBS suffix) or GM code.

    NaN when CBS has no row (fictional or merged municipality); a name two municipalities share
    ('Bergen') raises UnknownNameError listing the suffixed names to choose from.
    """
    table = youth_care_indicators()
    if municipality in table.index:
        return float(table.loc[municipality, "jeugdhulp_pct"])
    if REGION_CODE.match(_normalise_code(municipality)):
        return youth_care_share_by_code(municipality)
    codes = _codes_for_name(municipality, current_only=False)
    if len(codes) > 1:
        names = table.index[table["region_code"].isin(codes)]
        raise UnknownNameError("CBS municipality name (ambiguous: add the suffix)", municipality, names)
    return youth_care_share_by_code(next(iter(codes))) if codes else float("nan")
