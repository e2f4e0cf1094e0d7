"""CBS StatLine data in the two forms analysts meet: the CSV download and the cbsodata (OData) records.

Both are normalised to one tidy shape: ``region_code, region, period, year, provisional`` plus one
float column per indicator (NaN = suppressed / not available). Credit "Bron: CBS" wherever shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import DataValidationError
from .paths import data_dir

SOURCE_NOTE = "Bron: CBS StatLine, Indicatoren jeugdzorg; gemeenten, 2022* (voorlopig), CC BY 4.0"
YOUTH_CARE_FILE = "cbs/indicatoren_jeugdzorg_gemeenten_2022.csv"

# StatLine column titles (CSV) and OData keys (cbsodata) -> short names. Matched on a normalised
# prefix so both the abbreviated CSV titles and the camel-case OData keys land on the same name.
_INDICATOR_PATTERNS: list[tuple[str, str]] = [
    (r"jeugdbesch\w*enjeugdh", "jeugdbescherming_en_verblijf_pct"),
    (r"jeugdh\w*metverbl", "jeugdhulp_verblijf_pct"),
    (r"jeugdhulpinnatura", "jeugdhulp_pct"),
    (r"jeugdreclassering", "jeugdreclassering_pct"),
    (r"jeugdbescherming", "jeugdbescherming_pct"),
]
INDICATOR_LABELS = {
    "jeugdhulp_pct": ("Jongeren met jeugdhulp (%)", "Young people with youth care (%)"),
    "jeugdhulp_verblijf_pct": ("Van wie met verblijf (%)", "Of whom in residential care (%)"),
    "jeugdbescherming_pct": ("Jongeren met jeugdbescherming (%)", "Young people with child protection (%)"),
    "jeugdbescherming_en_verblijf_pct": ("Jeugdbescherming én verblijf (%)", "Protection and residential (%)"),
    "jeugdreclassering_pct": ("Jongeren met jeugdreclassering (%)", "Young people with youth probation (%)"),
}
NATIONAL = "Nederland"
_META = ["region_code", "region", "period", "year", "provisional"]


def indicator_name(title: str) -> str:
    """Short name for a StatLine column title or OData key; unknown titles become a slug."""
    squashed = re.sub(r"[^a-z]", "", title.lower())
    for pattern, name in _INDICATOR_PATTERNS:
        if re.search(pattern, squashed):
            return name
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


def _parse_period(period: str) -> tuple[int, bool]:
    """'2022*' -> (2022, provisional); '2022JJ00' -> (2022, False)."""
    text = str(period).strip()
    match = re.match(r"^(\d{4})(JJ00)?(\*)?$", text)
    if not match:
        raise ValueError(f"unrecognised CBS period {period!r} (expected e.g. '2022', '2022*' or '2022JJ00')")
    return int(match.group(1)), bool(match.group(3))


def read_statline_csv(path: Path | str) -> pd.DataFrame:
    """Read a StatLine CSV download (BOM, ';', decimal comma, '2022*' provisional, empty = suppressed)."""
    path = Path(path)
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    try:
        raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False, quotechar='"')
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise DataValidationError(path, [("-", "-", f"not a StatLine CSV export: {err}")]) from None
    region_col = next((c for c in raw.columns if c.lower().startswith("regio")), None)
    period_col = next((c for c in raw.columns if c.lower().startswith("perioden")), None)
    missing = [n for n, c in (("Regio's", region_col), ("Perioden", period_col)) if c is None]
    if missing:
        raise DataValidationError(path, [("header", m, "required StatLine column missing") for m in missing])

    problems: list[tuple[object, str, str]] = []
    out = pd.DataFrame({"region": raw[region_col].str.strip()})
    parsed = []
    for line, value in zip(range(2, len(raw) + 2), raw[period_col], strict=True):
        try:
            parsed.append(_parse_period(value))
        except ValueError as err:
            problems.append((line, period_col, str(err)))
            parsed.append((0, False))
    out["period"] = raw[period_col].str.strip()
    out["year"] = [p[0] for p in parsed]
    out["provisional"] = [p[1] for p in parsed]
    out["region_code"] = pd.Series([None] * len(raw), dtype="object")
    for col in raw.columns:
        if col in (region_col, period_col):
            continue
        text = raw[col].str.strip()
        suppressed = text.isin(["", ".", "x", "-"])
        numbers = pd.to_numeric(text.where(~suppressed).str.replace(",", ".", regex=False), errors="coerce")
        bad = numbers.isna() & ~suppressed
        for idx in np.flatnonzero(bad.to_numpy()):
            problems.append((int(idx) + 2, col, f"not a number: {text.iloc[idx]!r} (decimal comma expected)"))
        out[indicator_name(col)] = numbers.astype(float)
    if problems:
        raise DataValidationError(path, problems)
    return out[_META + [c for c in out.columns if c not in _META]]


def normalise_cbsodata(records: Iterable[Mapping] | pd.DataFrame, region_names: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Normalise what ``cbsodata.get_data`` returns (codes 'GM0281  ', periods '2022JJ00', '.' = suppressed)."""
    df = records.copy() if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    if df.empty:
        raise ValueError("cbsodata returned no records: check the table id and filters")
    for required in ("RegioS", "Perioden"):
        if required not in df.columns:
            raise ValueError(f"cbsodata records lack the {required!r} field; got fields {sorted(df.columns)}")
    names = dict(region_names or {})
    codes = df["RegioS"].astype(str).str.strip()
    out = pd.DataFrame({"region_code": codes})
    out["region"] = [names.get(c, c) for c in codes]
    out.loc[codes.str.startswith("NL"), "region"] = NATIONAL
    periods = df["Perioden"].astype(str).str.strip()
    parsed = [_parse_period(p) for p in periods]
    out["period"] = periods
    out["year"] = [p[0] for p in parsed]
    out["provisional"] = [p[1] for p in parsed]
    for col in df.columns:
        if col in ("ID", "RegioS", "Perioden"):
            continue
        values = df[col]
        if values.dtype == object:
            values = values.astype(str).str.strip().replace({".": None, "": None, "None": None})
        out[indicator_name(col)] = pd.to_numeric(values, errors="coerce").astype(float)
    return out.reset_index(drop=True)


@cache
def youth_care_indicators() -> pd.DataFrame:
    """The shipped real CBS youth-care indicators per municipality (2022*), indexed by name."""
    return read_statline_csv(data_dir() / YOUTH_CARE_FILE).set_index("region")


def national_youth_care_share() -> float:
    """Share (%) of young people with youth care in the Netherlands, 2022* (CBS): 13.2."""
    return float(youth_care_indicators().loc[NATIONAL, "jeugdhulp_pct"])


def youth_care_share(municipality: str) -> float:
    """Municipal share (%) from CBS, or NaN when CBS has no row (fictional or merged municipality)."""
    table = youth_care_indicators()
    return float(table.loc[municipality, "jeugdhulp_pct"]) if municipality in table.index else float("nan")
