"""Exports for analysts: per report one tidy CSV per table, a key-figure CSV, a README and an Excel workbook.

Output layout (flat, next to the report's HTML, so a folder listing keeps each report's files together;
``<stem>`` is ``ReportParams.stem``, e.g. ``Oss_lumpsum_basis``)::

    <stem>.xlsx               one sheet per table (numbers numeric, display formats set) + 'toelichting'
    <stem>.json               the key figures (strict JSON: missing values are null)
    <stem>__kerncijfers.csv   the key figures, columns ``indicator;value``, full precision
    <stem>__<table>.csv       one tidy CSV per table: regioprofiel, uitgaven, aanbieders, consistentie, ...
    <stem>__README.txt        title, synthetic-data notice, sources, and per CSV its title, note and units

Why this CSV format: Dutch analysts open a CSV by double-clicking it in Excel with a Dutch locale, which
expects ``;`` between fields and a decimal comma; the BOM makes Excel read UTF-8 (ë, €). Researchers read
the same file with ``pandas.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")``. So every CSV
holds exactly one header row and then data rows -- no titles, notes or empty lines inside (those are in
the README and in the workbook's 'toelichting' sheet). Numbers have no thousands separator and up to 15
significant digits (what Excel keeps; never rounded to two decimals); an empty cell is a missing value.

Units, one per column and named in the header: a column of kind ``"share"`` (a fraction, 0.123) is
written as a percentage number (12.3) and its header ends in ``(%)``; ``" (%)"`` is added when the
header does not say so yet. Likewise ``(pp)`` for percentage points and ``(EUR)`` for money columns.
The workbook keeps fractions with Excel's percentage format, which shows them as 12,3%.

Formula injection (CSV/Excel injection): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is written with a leading ``'`` so that a spreadsheet shows it as text instead of
running it. Real numbers, negative ones included, are written as numbers.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from zorglab.core import i18n
from zorglab.core.spreadsheet import safe_text  # noqa: F401 (re-exported: callers import it from here)
from zorglab.services.reports.tables import EXCEL_FORMATS, Table

CSV_OPTIONS = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}  # pandas.read_csv(path, **CSV_OPTIONS)
KEY_FIGURES = "kerncijfers"  # <stem>__kerncijfers.csv
README = "README.txt"  # <stem>__README.txt
SEP = "__"  # between the report stem and the table name in a file name
_tr = i18n.Translator("reports")
# Format kind -> the unit the CSV header names (share is written x100, as a percentage).
_UNITS = {"share": "%", "pct": "%", "pp": "pp", "eur": "EUR", "eur2": "EUR"}


def dutch_number(value: Any, decimals: int = 2) -> str:
    """A number rounded for display as a Dutch-locale spreadsheet reads it (decimal comma, no thousands
    separator). The CSV exports use ``csv_value`` (full precision) instead."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{round(value, decimals):.{decimals}f}".replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def csv_value(value: Any) -> str:
    """One CSV cell: numbers with a decimal comma and up to 15 significant digits (no exponent, no
    thousands separator), missing and non-finite values empty, booleans ja/nee, text made formula-safe."""
    value = value.item() if isinstance(value, np.generic) else value
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value == 0:
            return "0"
        text = np.format_float_positional(value, precision=15, unique=False, fractional=False, trim="-")
        return text.replace(".", ",")
    return safe_text(str(value))


def json_safe(figures: Mapping[str, Any]) -> dict[str, Any]:
    """NaN/inf -> None and numpy scalars -> Python, so the figures can be glued and written as strict JSON."""
    out: dict[str, Any] = {}
    for k, v in figures.items():
        v = v.item() if hasattr(v, "item") else v
        out[k] = None if isinstance(v, float) and not math.isfinite(v) else v
    return out


def csv_header(column: Any, kind: str | None) -> str:
    """The CSV header of a column: its readers' header with the unit of its format kind, e.g. ``Marge (%)``."""
    name = str(column)
    unit = _UNITS.get(kind or "")
    if unit and f"({unit})" not in name and not (unit == "EUR" and "€" in name):
        name = f"{name} ({unit})"
    return name


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | np.number) and not isinstance(value, bool | np.bool_)


def _rebuild(frame: pd.DataFrame, columns: list[Any], cell: Any) -> pd.DataFrame:
    """``frame`` with new headers and ``cell(column_index, value)`` applied to every value."""
    data = {i: [cell(i, v) for v in frame.iloc[:, i]] for i in range(frame.shape[1])}
    out = pd.DataFrame(data, index=frame.index)
    out.columns = columns
    return out


def csv_frame(table: Table) -> pd.DataFrame:
    """The table as written to CSV: unit-labelled headers, shares as percentages (numbers unchanged otherwise)."""
    kinds = [table.formats.get(c) for c in table.frame.columns]
    headers = [csv_header(table.header(c), k) for c, k in zip(table.frame.columns, kinds, strict=True)]
    return _rebuild(table.frame, headers,
                    lambda i, v: v * 100 if kinds[i] == "share" and _is_number(v) else v)


def write_rows(path: Path, header: list[Any], rows: Any) -> Path:
    """A CSV in the format of the module docstring: one formula-safe header row, then ``csv_value`` cells."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        w.writerow([safe_text(str(h)) for h in header])
        for row in rows:
            w.writerow([csv_value(v) for v in row])
    return path


def write_table_csv(table: Table, path: Path) -> Path:
    """One table as a tidy CSV: one header row, then the data rows (see the module docstring)."""
    frame = csv_frame(table)
    return write_rows(path, list(frame.columns), frame.itertuples(index=False, name=None))


def write_key_figures_csv(figures: Mapping[str, Any], path: Path) -> Path:
    """The key figures as ``indicator;value`` rows, at full precision."""
    return write_rows(path, ["indicator", "value"], json_safe(figures).items())


def file_name(stem: str, table: str) -> str:
    """``<stem>__<table>.csv`` (the table name reduced to ASCII letters, digits, ``-`` and ``_``)."""
    return f"{stem}{SEP}{re.sub(r'[^A-Za-z0-9_-]', '-', table)}.csv"


def _sources(language: str) -> list[str]:
    """The synthetic-data notice and the CBS source, as the first lines of the README and the workbook."""
    return [i18n.t("common.synthetic_notice", language), i18n.t("reports.cbs_youth_care_source", language)]


def write_readme(tables: Mapping[str, Table], files: Mapping[str, str], path: Path, title: str,
                 language: str = "nl") -> Path:
    """What the CSV files of one report hold: title, synthetic-data notice, sources, notes and units."""
    lines = [title, "", *_sources(language), ""]
    lines += [_tr(key, language) for key in ("readme_format", "readme_shares", "readme_python")] + [""]
    for name, fname in files.items():
        table = tables.get(name) if name != KEY_FIGURES else None
        lines.append(f"{fname}: {table.title if table else _tr('key_figures_title', language)}")
        if table is None:
            lines.append(_tr("readme_key_figures", language))
        else:
            lines.append(_tr("readme_columns", language, columns="; ".join(csv_frame(table).columns)))
            if table.note:
                lines.append(f"  {table.note}")
        lines.append("")
    path.write_text("\r\n".join(lines), encoding="utf-8-sig")
    return path


def _safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers are formula-safe; numbers untouched."""
    return _rebuild(frame, [safe_text(str(c)) for c in frame.columns],
                    lambda i, v: safe_text(v) if isinstance(v, str) else v)


def write_excel(tables: Mapping[str, Table], path: Path, title: str, language: str = "nl") -> Path:
    """One sheet per table (numbers stay numeric, with a display format) plus the 'toelichting' sheet,
    which holds the title, the synthetic-data notice, the sources and every table's title and note."""
    intro = [title, *_sources(language), ""]
    for t in tables.values():
        intro.append(f"{t.name[:31]}: {t.title}" + (f" – {t.note}" if t.note else ""))
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        pd.DataFrame({"zorglab": [safe_text(s) for s in intro]}).to_excel(xl, sheet_name="toelichting", index=False)
        xl.sheets["toelichting"].column_dimensions["A"].width = 110
        for t in tables.values():
            _safe_frame(t.headed()).to_excel(xl, sheet_name=t.name[:31], index=False)
            ws = xl.sheets[t.name[:31]]
            for i, col in enumerate(t.frame.columns, start=1):
                letter = get_column_letter(i)
                ws.column_dimensions[letter].width = max(12, min(50, len(t.header(col)) + 4))
                kind = t.formats.get(col)
                if kind:
                    for cell in ws[letter][1:]:
                        cell.number_format = EXCEL_FORMATS[kind]
    return path


def write_exports(report: Any, out_dir: Path | str) -> dict[str, Path]:
    """Workbook, key-figure JSON, one CSV per table and the README of one ``RegionalReport`` in ``out_dir``.

    Returns kind -> path: ``xlsx``, ``json``, ``readme`` and ``csv:<table>`` per CSV (``csv:kerncijfers``
    for the key figures).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = report.params.stem
    tables = report.tables()
    title = f"zorglab – {report.where} {report.params.year} ({report.params.funding_model}, {report.params.scenario})"
    paths: dict[str, Path] = {"xlsx": write_excel(tables, out / f"{stem}.xlsx", title, report.language)}
    paths["json"] = out / f"{stem}.json"
    paths["json"].write_text(json.dumps(json_safe(report.key_figures), ensure_ascii=False, indent=1, allow_nan=False),
                             encoding="utf-8")
    csv_files: dict[str, str] = {}
    for name, table in tables.items():
        if name == KEY_FIGURES:
            continue  # written from the key figures themselves, below
        paths[f"csv:{name}"] = write_table_csv(table, out / file_name(stem, name))
        csv_files[name] = paths[f"csv:{name}"].name
    paths[f"csv:{KEY_FIGURES}"] = write_key_figures_csv(report.key_figures, out / file_name(stem, KEY_FIGURES))
    csv_files[KEY_FIGURES] = paths[f"csv:{KEY_FIGURES}"].name
    paths["readme"] = write_readme(tables, csv_files, out / f"{stem}{SEP}{README}", title, report.language)
    return paths


SCRAP_MIME = "application/scrapbook.scrap.json+json"


def glue(name: str, data: dict[str, Any]) -> None:
    """Record ``data`` in the notebook exactly as ``scrapbook.glue(name, data, encoder="json")`` does.

    Why not scrapbook itself: importing it pulls in papermill and nbformat's validators. Measured on the
    2-core test machine (29 Nov 2026): ``python -X importtime -c "import scrapbook"`` 1.76 s cumulative
    (2.1 s wall for the process); on top of an imported report stack still 2.0 s; and a whole report
    (Oss, n_cases 300, fresh kernel, median of 3) took 6.3 s without and 11.8 s with ``import scrapbook``
    in the notebook. A warm runner kernel pays it once, but a fresh kernel (``--fresh-kernels``, the
    notebook run by hand or by the tests) on every run. ``scrapbook.read_notebook`` reads this output all
    the same (tests/test_notebooks.py checks it).
    """
    from IPython.display import display

    payload = {"name": name, "data": data, "encoder": "json", "version": 1}
    display({SCRAP_MIME: payload}, metadata={"scrapbook": {"name": name, "data": True, "display": False}}, raw=True)


def record(report: Any) -> dict[str, Any]:
    """Glue the key figures into the executed notebook (scrapbook format) and write the exports if asked.

    With an ``export_dir`` the names of the files written are glued as ``exports`` (kind -> file name), so
    the runner knows exactly which files belong to this run of the report.
    """
    figures = json_safe(report.key_figures)
    glue("key_figures", figures)
    if report.params.export_dir:
        paths = write_exports(report, report.params.export_dir)
        glue("exports", {kind: p.name for kind, p in paths.items()})
    return figures
