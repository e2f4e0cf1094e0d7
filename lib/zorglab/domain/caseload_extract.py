"""Bring your own caseload: read an analyst's anonymised caseload extract as a model caseload.

``read_caseload_extract(path, region, year)`` reads a CSV extract (schema: ``EXTRACT_SCHEMA_DOC``, also in
data/README.md, section "Bring your own caseload"), checks every cell, refuses anything that looks like
personal data and converts the rows to the caseload frame the funding models evaluate (one row per client
per product per year, the columns of ``zorglab.domain.generator.CASELOAD_COLUMNS`` plus ``weight`` and
``area_team``). Every problem is collected and raised at once as a ``DataValidationError`` with the file
line (header = line 1), the column and what to do. Values that look like personal data are never shown in
full: only their last two characters.

Conversion assumptions (documented in data/README.md too):

* ``needed_units`` = the units of a client and product summed over the year. When the periods of a year
  are months (``YYYY-MM``) and the extract holds fewer than 12 distinct months of that year, the sums are
  annualised: units x 12 / months present in the extract (not per client: a client who was in care for
  three months of a full-year extract keeps those three months). Annualising never raises a stay above
  365 etmaal or a supervision order above 12 months a year (the generator's caps).
* ``severity`` inverts the generator's volume rule ``needed = typical x (0.6 + 0.8 severity)`` without its
  noise: ``severity = clip((needed / typical - 0.6) / 0.8, 0, 1)``, with ``typical`` the product's
  ``typical_units_per_year``. It is a proxy of how heavy the support is, not a measured severity.
* ``wellbeing_before`` is the earliest ``outcome`` of the client and product in the year, else the
  generator's rule without noise: ``clip(rint(7 - 4 severity), 1, 10)``.
* ``weight`` is 1.0 (each row is one real client); ``municipality`` and ``area_team`` are the latest
  non-empty values of the year (GM codes of known municipalities become names).

The example data/examples/caseload_extract_example.csv is synthetic: ``zorglab.services.datagen``
writes it (``write_extract_example``), and a test checks the shipped file is exactly that.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from zorglab.core.errors import DataValidationError, ParameterRangeError
from zorglab.domain.catalogue import LAWS, products
from zorglab.domain.extract_privacy import Problem, pii_column, refuse_personal_data, show_value
from zorglab.domain.regions import _table as _regions_table

_KEY_RE = r"[A-Za-z0-9_-]{1,40}"
_NUMBER_RE = r"\d+(?:[.,]\d+)?|[.,]\d+"

EXTRACT_SCHEMA_DOC = """\
A caseload extract is a CSV file (`;` or `,` separated, UTF-8 with or without BOM, decimal comma or
point) with one row per client, product and period:

| column | required | meaning |
|---|---|---|
| client_key | yes | pseudonymous key (letters, digits, `-`, `_`; 1-40 characters); never a BSN |
| law | yes | `Wmo` or `Jeugdwet` (case-insensitive; `Jw` and `Jeugd` also mean Jeugdwet) |
| product_code | yes | a code of data/products.csv (the old catalogue, `zorglab.domain.catalogue.products()`) |
| units | yes | units delivered or granted in the period, a number > 0 (decimal comma or point) |
| period | yes | `YYYY` or `YYYY-MM` (one kind per year) |
| area_team | no | area team (gebiedsteam) label |
| municipality | no | municipality name or CBS code (GMxxxx) |
| outcome | no | wellbeing or goal attainment, 1-10 |

Other columns are refused by name (an empty trailing column from Excel is ignored). The extract must
be anonymised: a file is refused when a column is named like personal data (name, address, postcode,
date of birth, BSN, phone, e-mail), when any cell holds a number that passes the BSN elfproef, an
e-mail address or a date of birth (a date outside `period`), or when a client_key looks like a name.
"""

REQUIRED = ("client_key", "law", "product_code", "units", "period")
OPTIONAL = ("area_team", "municipality", "outcome")
COLUMNS = REQUIRED + OPTIONAL
OUTPUT_COLUMNS = ["case_id", "region", "municipality", "law", "law_code", "product", "intensity", "severity",
                  "needed_units", "tariff_eur", "staff_hours_per_unit", "wellbeing_before", "weight", "area_team"]
LAW_ALIASES = {"wmo": "Wmo", "jeugdwet": "Jeugdwet", "jw": "Jeugdwet", "jeugd": "Jeugdwet"}
# Units a client cannot exceed in a year; annualising a part-year extract is capped there (as the generator).
YEAR_CAPS = {"etmaal": 365.0, "maand": 12.0}
FIRST_YEAR = 2015  # Wmo 2015 and Jeugdwet took effect on 1 January 2015
MAX_LABEL = 80  # area_team / municipality: a short label, no free-text notes


def _decode(path: Path) -> str:
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DataValidationError(path, [(line, "-", "not UTF-8 text: save the file as 'CSV UTF-8' "
                                          "(Excel: Save as > CSV UTF-8 (comma delimited))")]) from None


def _read_rows(path: Path) -> tuple[list[str], list[list[str]], list[int], str]:
    """Header, data records and each record's first file line; blank lines are skipped."""
    text = _decode(path)
    first = text.split("\n", 1)[0]
    sep = ";" if first.count(";") >= first.count(",") and ";" in first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    records: list[list[str]] = []
    starts: list[int] = []
    end = 0
    try:
        for row in reader:  # reading only; checks below are vectorised
            start, end = end + 1, reader.line_num
            if any(field.strip() for field in row):
                records.append(row)
                starts.append(start)
    except csv.Error as err:
        raise DataValidationError(path, [(reader.line_num, "-", f"cannot parse CSV: {err}")]) from None
    if not records:
        raise DataValidationError(path, [("-", "-", "the file is empty: expected a header line and data rows\n"
                                          + EXTRACT_SCHEMA_DOC)])
    if starts[0] != 1:
        raise DataValidationError(path, [(1, "-", "line 1 must be the header (column names), not empty")])
    return records[0], records[1:], starts[1:], sep


def _frame(header: list[str], records: list[list[str]], lines: list[int], sep: str,
           problems: list[Problem]) -> tuple[pd.DataFrame, dict[str, str]]:
    """All cells as stripped strings (index = file line) and the schema column -> frame label map."""
    names = [h.strip() for h in header]
    width = max([len(names)] + [len(r) for r in records])
    padded = [r + [""] * (width - len(r)) for r in records]
    labels: list[str] = []
    for i, name in enumerate(names):  # unique labels, also for unnamed or repeated columns
        label = name or f"(column {i + 1})"
        labels.append(label if label not in labels else f"{label} (column {i + 1})")
    labels += [f"(field {i + 1})" for i in range(len(names), width)]
    raw = pd.DataFrame(padded, columns=range(width), index=pd.Index(lines, name="line"), dtype=str)
    for column in raw.columns:
        raw[column] = raw[column].str.strip()
    raw.columns = labels
    filled = raw.ne("")

    long_rows = filled.iloc[:, len(names):].any(axis=1) if width > len(names) else pd.Series(False, raw.index)
    for line in raw.index[long_rows.to_numpy()]:
        n_fields = int(filled.loc[line].to_numpy().nonzero()[0].max()) + 1
        problems.append((int(line), "-", f"the line has {n_fields} fields but the header has {len(names)}: quote "
                                         f"values that contain '{sep}' (a decimal comma in a ','-separated file) "
                                         "or use ';' as separator"))
    # Unnamed columns at the end that are empty everywhere are Excel's trailing separators.
    trailing = len(names)
    while trailing > 0 and not names[trailing - 1] and not filled.iloc[:, trailing - 1].any():
        trailing -= 1

    mapping: dict[str, str] = {}
    for i, (name, label) in enumerate(zip(names[:trailing], labels[:trailing], strict=True)):
        key = re.sub(r"[\s-]+", "_", name.lower())
        pii = pii_column(name) if key not in COLUMNS else None
        if pii:
            problems.append(("header", label, f"column name looks like personal data ({pii}): remove this column; "
                                              "the extract must be anonymised"))
        elif not name:
            problems.append(("header", label, f"column {i + 1} has no name but holds values: remove it or name it "
                                              f"({', '.join(COLUMNS)})"))
        elif key not in COLUMNS:
            problems.append(("header", label, f"unexpected column: remove it; allowed columns: {', '.join(COLUMNS)}"))
        elif key in mapping:
            problems.append(("header", label, f"column {key!r} appears twice: keep one"))
        else:
            mapping[key] = label
    for col in REQUIRED:
        if col not in mapping:
            problems.append(("header", col, "required column missing; the header must name "
                                            f"{', '.join(REQUIRED)} (optional: {', '.join(OPTIONAL)})"))
    keep = [lab for i, lab in enumerate(labels) if i < trailing or i >= len(names)]
    return raw[keep], mapping


def _number(text: pd.Series) -> pd.Series:
    """Decimal comma or point -> float; NaN for anything else (thousands separators included)."""
    ok = text.str.fullmatch(_NUMBER_RE)
    return pd.to_numeric(text.where(ok).str.replace(",", ".", regex=False), errors="coerce").astype(float)


def _report(problems: list[Problem], bad: pd.Series, column: str, reason: str | Callable[[Any], str],
            values: pd.Series | None = None) -> None:
    """Add a problem for every True in ``bad`` (index = line); ``reason`` may be a function of the line's value
    in ``values``."""
    for line in bad.index[bad.to_numpy(dtype=bool)]:
        if isinstance(reason, str):
            text = reason
        elif values is not None:
            text = reason(values.loc[line])
        else:
            raise TypeError("a reason computed from the value needs the values")
        problems.append((int(line), column, text))


def _validate(raw: pd.DataFrame, mapping: dict[str, str], flagged: pd.DataFrame,
              problems: list[Problem]) -> pd.DataFrame:
    """Parse and check the schema columns (cells refused for privacy are not checked again)."""
    codes = products().set_index("code")
    col = {k: raw[v] for k, v in mapping.items()}
    ok = {k: ~flagged[v] for k, v in mapping.items()}
    empty = pd.Series("", index=raw.index, dtype=str)
    out = pd.DataFrame(index=raw.index)

    for name in REQUIRED:
        if name in col:
            _report(problems, col[name].eq("") & ok[name], mapping[name], f"{name} is empty: every row needs one")

    if "client_key" in col:
        key = col["client_key"]
        bad = key.ne("") & ~key.str.fullmatch(_KEY_RE) & ok["client_key"]

        def key_reason(value: str) -> str:
            chars = sorted(set(re.sub(r"[A-Za-z0-9_-]", "", value)))
            what = f"it contains {', '.join(repr(c) for c in chars)}" if chars else f"it is {len(value)} characters"
            return f"client_key must be 1-40 letters, digits, '-' or '_' ({what}); use a pseudonymous key"

        _report(problems, bad, mapping["client_key"], key_reason, key)
        out["client_key"] = key

    if "law" in col:
        law = col["law"].str.lower().map(LAW_ALIASES)
        bad = col["law"].ne("") & law.isna() & ok["law"]
        _report(problems, bad, mapping["law"],
                lambda v: f"law must be Wmo or Jeugdwet (Jw and Jeugd also mean Jeugdwet); got {show_value(v)}", col["law"])
        out["law"] = law

    if "product_code" in col:
        product = col["product_code"].str.upper()
        known = product.isin(codes.index)
        law = out.get("law", pd.Series(np.nan, index=raw.index))

        def product_reason(line: int) -> str:
            valid = codes.index[codes["law"] == law.loc[line]] if isinstance(law.loc[line], str) else codes.index
            return f"unknown product code {show_value(col['product_code'].loc[line])}; valid: {', '.join(valid)}"

        bad = product.ne("") & ~known & ok["product_code"]
        _report(problems, bad, mapping["product_code"], product_reason, pd.Series(raw.index, index=raw.index))
        product_law = product.map(codes["law"])
        mismatch = known & law.notna() & product_law.ne(law)
        _report(problems, mismatch, mapping.get("law", "law"),
                lambda line: f"product {product.loc[line]} is a {product_law.loc[line]} product but law is "
                             f"{law.loc[line]}: correct law or product_code",
                pd.Series(raw.index, index=raw.index))
        out["product"] = product

    if "units" in col:
        units = _number(col["units"])
        bad = col["units"].ne("") & ~(units > 0) & ok["units"]
        _report(problems, bad, mapping["units"],
                lambda v: f"units must be a number > 0, decimal comma or point, no thousands separator (got {show_value(v)})",
                col["units"])
        out["units"] = units

    if "period" in col:
        parts = col["period"].str.extract(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")
        year = pd.to_numeric(parts["year"]).astype(float)
        month = pd.to_numeric(parts["month"]).fillna(0).astype(float)  # 0 = the whole year
        last = date.today().year + 1
        fine = year.between(FIRST_YEAR, last) & (parts["month"].isna() | month.between(1, 12))
        bad = col["period"].ne("") & ~fine & ok["period"]
        _report(problems, bad, mapping["period"],
                lambda v: f"period must be YYYY or YYYY-MM, a year {FIRST_YEAR}-{last} (got {show_value(v)}); in Excel "
                          "format the column as text so it does not become a date", col["period"])
        out["year"], out["month"] = year, month
        for y in sorted(year[fine].unique()):
            in_year = fine & year.eq(y)
            yearly, monthly = in_year & month.eq(0), in_year & month.gt(0)
            if yearly.any() and monthly.any():
                first_y, first_m = int(raw.index[yearly.to_numpy()][0]), int(raw.index[monthly.to_numpy()][0])
                problems.append((max(first_y, first_m), mapping["period"],
                                 f"year {int(y)} mixes whole-year periods ({int(y)}, e.g. line {first_y}) and months "
                                 f"({int(y)}-MM, e.g. line {first_m}): use one kind of period per year"))

    if "outcome" in col:
        outcome = _number(col["outcome"])
        bad = col["outcome"].ne("") & ~outcome.between(1, 10) & ok["outcome"]
        _report(problems, bad, mapping["outcome"], lambda v: f"outcome must be a number 1-10 (got {show_value(v)})",
                col["outcome"])
        out["outcome"] = outcome
    else:
        out["outcome"] = np.nan

    for name in ("area_team", "municipality"):
        text = col.get(name, empty)
        if name in col:
            too_long = text.str.len().gt(MAX_LABEL) & ok[name]

            def long_reason(value: str, n: str = name) -> str:
                return f"{n} is {len(value)} characters: give a short label (at most {MAX_LABEL}), no notes"

            _report(problems, too_long, mapping[name], long_reason, text)
        out[name] = text
    return out


def _municipality_names(values: pd.Series) -> pd.Series:
    """GM codes of municipalities in data/regions.csv become their names; other values stay."""
    table = _regions_table().dropna(subset=["cbs_code"])
    names = dict(zip(table["cbs_code"].str.upper(), table["municipality"], strict=True))
    upper = values.str.upper()
    return upper.map(names).fillna(values).astype(str)


def _select_year(rows: pd.DataFrame, year: int | None, path: Path) -> tuple[pd.DataFrame, int]:
    years = sorted(int(y) for y in rows["year"].unique())
    if year is None:
        if len(years) > 1:
            raise DataValidationError(path, [("-", "period", f"the extract covers several years "
                                              f"({', '.join(map(str, years))}): pass year=... to pick one")])
        return rows, years[0]
    chosen = rows[rows["year"] == year]
    if chosen.empty:
        raise DataValidationError(path, [("-", "period", f"no rows for year {year}; the extract has year(s) "
                                          f"{', '.join(map(str, years))}")])
    return chosen, int(year)


def _to_caseload(rows: pd.DataFrame, region: str, year: int | None, path: Path) -> pd.DataFrame:
    rows, year = _select_year(rows, year, path)
    months = int(rows.loc[rows["month"] > 0, "month"].nunique())
    factor = 12.0 / months if 0 < months < 12 else 1.0
    rows = rows.assign(municipality=_municipality_names(rows["municipality"]).replace("", np.nan),
                       area_team=rows["area_team"].replace("", np.nan))
    rows = rows.sort_values(["month", "line"], kind="stable")
    grouped = rows.groupby(["client_key", "product"], sort=True)
    agg = grouped.agg(units=("units", "sum"), municipality=("municipality", "last"),
                      area_team=("area_team", "last"), outcome=("outcome", "first")).reset_index()

    cat = products().set_index("code").loc[agg["product"]]
    units = agg["units"].to_numpy(float)
    cap = cat["unit"].map(YEAR_CAPS).fillna(np.inf).to_numpy(float)
    # Annualising extrapolates, so it may not exceed a year of stay; what was delivered stays as it is.
    needed = np.maximum(units, np.minimum(units * factor, cap)) if factor > 1 else units
    typical = cat["typical_units_per_year"].to_numpy(float)
    severity = np.clip((needed / typical - 0.6) / 0.8, 0.0, 1.0)
    outcome = agg["outcome"].to_numpy(float)
    wellbeing = np.where(np.isnan(outcome), np.clip(np.rint(7.0 - 4.0 * severity), 1, 10), outcome)
    law = cat["law"].to_numpy()
    frame = pd.DataFrame({
        "case_id": agg["client_key"].astype(str).to_numpy(),
        "region": region,
        "municipality": agg["municipality"].fillna(region).astype(str).to_numpy(),
        "law": law.astype(str),
        "law_code": pd.Series(law).map({name: i for i, name in enumerate(LAWS)}).to_numpy(np.int8),
        "product": agg["product"].astype(str).to_numpy(),
        "intensity": cat["intensity"].to_numpy(np.int8),
        "severity": severity.astype(float),
        "needed_units": needed.astype(float),
        "tariff_eur": cat["tariff_eur"].to_numpy(float),
        "staff_hours_per_unit": cat["staff_hours_per_unit"].to_numpy(float),
        "wellbeing_before": wellbeing.astype(float),
        "weight": 1.0,
        "area_team": agg["area_team"].fillna("").astype(str).to_numpy(),
    })
    frame.attrs.update({"source": str(path), "year": year, "months_present": months or 12,
                        "annualisation_factor": factor, "extract_rows": len(rows)})
    return frame[OUTPUT_COLUMNS]


def _order(problems: list[Problem], columns: list[str]) -> list[Problem]:
    position = {c: i for i, c in enumerate(columns)}

    def key(problem: Problem) -> tuple[int, int, int]:
        row, column, _ = problem
        kind = 0 if row in ("-", "header") else 1
        return kind, row if isinstance(row, int) else 0, position.get(column, -1)

    return sorted(problems, key=key)


def read_caseload_extract(path: Path | str, region: str = "", year: int | None = None) -> pd.DataFrame:
    """Read, check and convert an anonymised caseload extract (schema: ``EXTRACT_SCHEMA_DOC``).

    Returns the model caseload (one row per client per product in ``year``; columns ``OUTPUT_COLUMNS``);
    without ``year`` the extract must cover one year. Every problem (file line, column, what to do) is
    raised together as a ``DataValidationError``; personal data is refused and shown masked.
    """
    if year is not None and (isinstance(year, bool) or not isinstance(year, int | np.integer)):
        raise ParameterRangeError("year", year, "a whole year such as 2023, or None")
    path = Path(path)
    header, records, lines, sep = _read_rows(path)
    problems: list[Problem] = []
    raw, mapping = _frame(header, records, lines, sep, problems)
    if raw.empty:
        problems.append(("-", "-", "no data rows below the header"))
    flagged = refuse_personal_data(raw, mapping, problems)
    rows = _validate(raw, mapping, flagged, problems)
    if problems:
        raise DataValidationError(path, _order(problems, list(raw.columns)))
    return _to_caseload(rows, region, year, path)
