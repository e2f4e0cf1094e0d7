"""Exports for analysts: per report one CSV and one Excel workbook of the key tables.

Why this format: Dutch analysts open CSV files by double-clicking them in Excel with a Dutch locale,
which expects ``;`` between fields and a decimal comma; the BOM makes Excel read UTF-8 (ë, €). In the
workbook every number stays a number (sums and charts work) and only its display format is set.
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from ..cbs import SOURCE_NOTE
from ..i18n import COMMON
from .tables import EXCEL_FORMATS, Table


def dutch_number(value: Any, decimals: int = 2) -> str:
    """A number as a Dutch-locale spreadsheet reads it (decimal comma, no thousands separator)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{round(value, decimals):.{decimals}f}".replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def json_safe(figures: dict[str, Any]) -> dict[str, Any]:
    """NaN -> None and numpy scalars -> Python, so the figures can be glued and written as JSON."""
    out: dict[str, Any] = {}
    for k, v in figures.items():
        v = v.item() if hasattr(v, "item") else v
        out[k] = None if isinstance(v, float) and math.isnan(v) else v
    return out


def write_csv(tables: dict[str, Table], path: Path, title: str) -> Path:
    """All tables in one ``;``-separated file: a title line, the header, the rows, an empty line."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";", quoting=csv.QUOTE_MINIMAL)
        w.writerow([title])
        w.writerow([COMMON["synthetic_notice"][0]])
        w.writerow([])
        for t in tables.values():
            w.writerow([t.title])
            w.writerow(list(t.frame.columns))
            decimals = [4 if t.formats.get(c) in ("share", "num3") else 2 for c in t.frame.columns]
            for row in t.frame.itertuples(index=False):
                w.writerow([dutch_number(v.item() if hasattr(v, "item") else v, d)
                            for v, d in zip(row, decimals, strict=True)])
            if t.note:
                w.writerow([t.note])
            w.writerow([])
    return path


def write_excel(tables: dict[str, Table], path: Path, title: str, language: str = "nl") -> Path:
    """One sheet per table (numbers stay numeric, with a display format) plus an explanation sheet."""
    en = int(language == "en")
    intro = pd.DataFrame({"zorglab": [title, COMMON["synthetic_notice"][en], SOURCE_NOTE,
                                      "Sheets: " + ", ".join(tables) if en else "Tabbladen: " + ", ".join(tables)]})
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        intro.to_excel(xl, sheet_name="toelichting", index=False)
        xl.sheets["toelichting"].column_dimensions["A"].width = 110
        for t in tables.values():
            t.frame.to_excel(xl, sheet_name=t.name[:31], index=False)
            ws = xl.sheets[t.name[:31]]
            for i, col in enumerate(t.frame.columns, start=1):
                letter = get_column_letter(i)
                ws.column_dimensions[letter].width = max(12, min(50, len(str(col)) + 4))
                kind = t.formats.get(col)
                if kind:
                    for cell in ws[letter][1:]:
                        cell.number_format = EXCEL_FORMATS[kind]
            if t.note:
                ws.cell(row=len(t.frame) + 3, column=1, value=t.note)
    return path


def write_exports(report: Any, out_dir: Path | str) -> dict[str, Path]:
    """CSV, Excel and key-figure JSON of one ``RegionalReport`` into ``out_dir`` (created if needed)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    stem = report.params.stem
    tables = report.tables()
    title = f"zorglab – {report.where} {report.params.year} ({report.params.funding_model}, {report.params.scenario})"
    paths = {
        "csv": write_csv(tables, out / f"{stem}.csv", title),
        "xlsx": write_excel(tables, out / f"{stem}.xlsx", title, report.language),
        "json": out / f"{stem}.json",
    }
    paths["json"].write_text(json.dumps(json_safe(report.key_figures), ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


SCRAP_MIME = "application/scrapbook.scrap.json+json"


def glue(name: str, data: dict[str, Any]) -> None:
    """Record ``data`` in the notebook exactly as ``scrapbook.glue(name, data, encoder="json")`` does.

    Why not scrapbook itself: importing it costs about 2 s per kernel (it pulls in papermill), a fifth
    of a report; ``scrapbook.read_notebook`` reads this output all the same (a test checks it).
    """
    from IPython.display import display

    payload = {"name": name, "data": data, "encoder": "json", "version": 1}
    display({SCRAP_MIME: payload}, metadata={"scrapbook": {"name": name, "data": True, "display": False}}, raw=True)


def record(report: Any) -> dict[str, Any]:
    """Glue the key figures into the executed notebook (scrapbook format) and write the exports if asked."""
    figures = json_safe(report.key_figures)
    glue("key_figures", figures)
    if report.params.export_dir:
        write_exports(report, report.params.export_dir)
    return figures
