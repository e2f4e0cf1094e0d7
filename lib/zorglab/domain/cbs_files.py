"""CBS files in the two forms analysts meet, normalised to one tidy shape.

``region_code, region, period, year, provisional`` plus one column per variable (measures as float, NaN =
suppressed / not available; text columns stay text), from the StatLine CSV download (``;``, decimal comma,
names only) or an open-data export (what ``cbsodata.get_data`` returns, often saved with pandas ``to_csv``).
Split from ``cbs`` (the shipped figures per municipality) because reading foreign files is its own job.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from zorglab.core.errors import DataValidationError

NATIONAL = "Nederland"
NATIONAL_CODE = "NL01"

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
_META = ["region_code", "region", "period", "year", "provisional"]

# Names the region dimension has in CBS open-data tables (RegioS in most tables; the key-figures tables
# of districts and neighbourhoods use WijkenEnBuurten, Wijken or Gemeenten).
REGION_DIMENSIONS = ("RegioS", "WijkenEnBuurten", "Wijken", "Gemeenten")
REGION_CODE = re.compile(r"^[A-Z]{2}\d{2,}$")  # NL01, PV25, GM0281, WK028100, BU02810000
GM_CODE = re.compile(r"^GM\d{4}$")
_EMPTY = {"", ".", "none", "nan"}


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


def _first_line(path: Path) -> str:
    """The header line of a text file (BOM removed), to tell file forms apart before parsing."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return fh.readline().rstrip("\r\n")
    except UnicodeDecodeError as err:
        raise DataValidationError(path, [(1, "-", f"not UTF-8 text: {err}")]) from None


def _comma_separated(header: str) -> bool:
    return ";" not in header and "," in header


def read_statline_csv(path: Path | str) -> pd.DataFrame:
    """Read a StatLine CSV download (BOM, ';', decimal comma, '2022*' provisional, empty = suppressed)."""
    path = Path(path)
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    if _comma_separated(_first_line(path)):
        raise DataValidationError(path, [(1, "(header)", (
            "this file is comma-separated; a StatLine CSV download uses ';'. Download the table again from "
            "StatLine as CSV, or, if it is a cbsodata export saved with pandas, read it with read_cbs_file()"))])
    try:
        raw = pd.read_csv(path, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False, quotechar='"')
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DataValidationError(path, [("-", "-", f"not a StatLine CSV export: {err}")]) from None
    region_col = next((c for c in raw.columns if c.lower().startswith("regio")), None)
    period_col = next((c for c in raw.columns if c.lower().startswith("perioden")), None)
    if region_col is None or period_col is None:
        missing = [n for n, c in (("Regio's", region_col), ("Perioden", period_col)) if c is None]
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


# ---- open-data (cbsodata) exports ------------------------------------------------------------------------

def _is_index_column(name: object) -> bool:
    """The unnamed index column pandas ``to_csv`` writes, or the OData row ID."""
    text = str(name).strip()
    return text in ("", "ID") or re.fullmatch(r"Unnamed: \d+", text) is not None


def _as_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _tidy_open_data(df: pd.DataFrame, region_names: Mapping[str, str] | None, year: int | None,
                    row_of: int, decimal_comma: bool = False) -> tuple[pd.DataFrame, list[tuple[object, str, str]]]:
    """Open-data records -> tidy frame plus problems (row, column, reason); row = index + ``row_of``.

    A region value that looks like a code (``GM0281   ``) is the code; otherwise it is the title that
    ``cbsodata.get_data`` puts in its place and the code comes from a ``Codering`` column if there is one.
    Names come from ``region_names`` (by code), the title, a name column (``Gemeentenaam`` only for GM
    rows, since for a district it names the municipality), else the code. A column is a measure only if
    every non-empty, non-'.' value parses as a number; any other column stays text.
    """
    problems: list[tuple[object, str, str]] = []
    dim = next((d for d in REGION_DIMENSIONS if d in df.columns), None)
    if dim is None:
        problems.append(("header", "RegioS", (
            f"no region dimension (one of {', '.join(REGION_DIMENSIONS)}); got fields {sorted(map(str, df.columns))}")))
        return pd.DataFrame(), problems
    squashed = {c: re.sub(r"[^a-z]", "", str(c).lower()) for c in df.columns}
    code_col = next((c for c in df.columns if squashed[c].startswith(("codering", "regiocode"))), None)
    muni_name_col = next((c for c in df.columns if squashed[c].startswith("gemeentenaam")), None)
    name_col = next((c for c in df.columns if squashed[c].startswith(("regionaam", "naam"))), None)
    names = {str(k).strip(): v for k, v in (region_names or {}).items()}

    codes: list[str | None] = []
    regions: list[str] = []
    for i, value in enumerate(df[dim].map(_as_text)):
        title = None
        code: str | None = value.upper() if REGION_CODE.match(value.upper()) else None
        if code is None:
            title = value
            other = _as_text(df[code_col].iloc[i]).upper() if code_col is not None else ""
            code = other if REGION_CODE.match(other) else None
        if not value:
            problems.append((i + row_of, dim, "empty region"))
        if code is not None and code.startswith("NL"):
            region = NATIONAL
        elif code is not None and code in names:
            region = str(names[code])
        elif title:
            region = title
        elif name_col is not None and _as_text(df[name_col].iloc[i]):
            region = _as_text(df[name_col].iloc[i])
        elif muni_name_col is not None and code is not None and code.startswith("GM") \
                and _as_text(df[muni_name_col].iloc[i]):
            region = _as_text(df[muni_name_col].iloc[i])
        else:
            region = code or value
        codes.append(code)
        regions.append(region)
    out = pd.DataFrame({"region_code": pd.Series(codes, dtype="object"), "region": regions})

    if "Perioden" in df.columns:
        periods = df["Perioden"].map(_as_text).tolist()
        parsed = []
        for i, period in enumerate(periods):
            try:
                parsed.append(_parse_period(period))
            except ValueError as err:
                problems.append((i + row_of, "Perioden", str(err)))
                parsed.append((0, False))
    elif year is not None:
        periods, parsed = [str(year)] * len(df), [(int(year), False)] * len(df)
    else:
        problems.append(("header", "Perioden", (
            "no Perioden field; tables without a period dimension (e.g. Kerncijfers wijken en buurten) "
            "need the year passed as year=...")))
        periods, parsed = [""] * len(df), [(0, False)] * len(df)
    out["period"] = periods
    out["year"] = np.array([p[0] for p in parsed], dtype="int64")
    out["provisional"] = np.array([p[1] for p in parsed], dtype=bool)

    for col in df.columns:
        if col in (dim, "Perioden") or _is_index_column(col):
            continue
        values = df[col]
        if pd.api.types.is_bool_dtype(values):
            out[indicator_name(str(col))] = values.to_numpy()
            continue
        if pd.api.types.is_numeric_dtype(values):
            out[indicator_name(str(col))] = values.astype(float).to_numpy()
            continue
        text = values.map(_as_text)
        empty = text.str.lower().isin(_EMPTY)
        candidate = text.where(~empty)
        if decimal_comma:
            candidate = candidate.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(candidate, errors="coerce")
        if bool((numbers.isna() & ~empty).any()):  # some value is not a number: a text column
            out[indicator_name(str(col))] = text.to_numpy(dtype=object)
        else:
            out[indicator_name(str(col))] = numbers.astype(float).to_numpy()
    return out.reset_index(drop=True), problems


def normalise_cbsodata(records: Iterable[Mapping] | pd.DataFrame, region_names: Mapping[str, str] | None = None,
                       *, year: int | None = None) -> pd.DataFrame:
    """Normalise what ``cbsodata.get_data`` returns (codes 'GM0281  ', periods '2022JJ00', '.' = suppressed).

    The region dimension may be ``RegioS``, ``WijkenEnBuurten``, ``Wijken`` or ``Gemeenten``; text
    columns (``Gemeentenaam_1``, ``SoortRegio_2``, ``Codering_3``) stay text. ``year`` is used only when
    the table has no ``Perioden`` dimension.
    """
    df = records.copy() if isinstance(records, pd.DataFrame) else pd.DataFrame(list(records))
    if df.empty:
        raise ValueError("cbsodata returned no records: check the table id and filters")
    out, problems = _tidy_open_data(df, region_names, year, row_of=1)
    if problems:
        lines = [f"record {row}, field {col!r}: {reason}" for row, col, reason in problems[:10]]
        raise ValueError("cbsodata records cannot be normalised:\n  " + "\n  ".join(lines))
    return out


def read_cbs_file(path: Path | str, *, year: int | None = None) -> pd.DataFrame:
    """Read a CBS file in either form an analyst has and return the tidy shape.

    A StatLine CSV download (``;``, columns ``Regio's``/``Perioden``) goes through
    :func:`read_statline_csv`; an open-data export saved with pandas (comma-separated, a leading unnamed
    index column, a region dimension such as ``RegioS`` or ``WijkenEnBuurten``) through the same rules as
    :func:`normalise_cbsodata`. Problems raise DataValidationError with file, line and column.
    """
    path = Path(path)
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    header = _first_line(path)
    if not header.strip():
        raise DataValidationError(path, [(1, "-", "empty file: expected a header line")])
    sep = "," if _comma_separated(header) else ";"
    fields = [f.strip() for f in next(csv.reader([header], delimiter=sep))]
    if not any(f in REGION_DIMENSIONS for f in fields):
        if sep == ";" or any(f.lower().startswith(("regio", "perioden")) for f in fields):
            return read_statline_csv(path)
        raise DataValidationError(path, [(1, "(header)", (
            "not a CBS file this reader knows: expected a StatLine CSV download (';' with Regio's and "
            f"Perioden) or a cbsodata export saved with pandas (',' with one of {', '.join(REGION_DIMENSIONS)}); "
            f"found columns {fields}"))])
    try:
        raw = pd.read_csv(path, sep=sep, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        raise DataValidationError(path, [("-", "-", f"not a readable CSV file: {err}")]) from None
    if raw.empty:
        raise DataValidationError(path, [(2, "-", "no data rows below the header")])
    out, problems = _tidy_open_data(raw, None, year, row_of=2, decimal_comma=sep == ";")
    if problems:
        raise DataValidationError(path, problems)
    return out


# ---- shipped figures per municipality ---------------------------------------------------------------------
