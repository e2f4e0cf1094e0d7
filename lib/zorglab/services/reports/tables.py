"""A report table: numeric data for exports, Dutch-formatted text for readers.

Why one object for both: the HTML report, the CSV and the Excel workbook must show the same numbers.
The frame keeps real numbers (Excel cells stay numeric); ``to_html`` formats them as Dutch readers
expect (``€ 1.234``, ``12,3%``) with ``zorglab.core.formatting``.

Why column ids: the frame's columns are stable English codes (``total_eur``, ``margin_share``), so code
and tests select a column by what it means, never by its position or by a translated header. The header
a reader sees is looked up in the catalogue (``report_columns.<id>``) only when the table is rendered (HTML,
CSV, Excel), in the table's language.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import has, t

# Column kinds -> how a number is written for a Dutch reader.
FORMATTERS: dict[str, Callable[[float], str]] = {
    "eur": lambda v: format_eur(v, 0),
    "eur2": lambda v: format_eur(v, 2),
    "share": lambda v: format_pct(v, 1),  # a fraction: 0.123 -> 12,3%
    "pct": lambda v: format_number(v, 1) + "%",  # already a percentage: 12.3 -> 12,3%
    "pp": lambda v: ("+" if v > 0 else "") + format_number(v, 1) + " pp",
    "int": lambda v: format_number(v, 0),
    "num1": lambda v: format_number(v, 1),
    "num2": lambda v: format_number(v, 2),
    "num3": lambda v: format_number(v, 3),
}
# Excel number formats for the same kinds (Excel shows them with the reader's own separators).
EXCEL_FORMATS: dict[str, str] = {
    "eur": '"€" #,##0', "eur2": '"€" #,##0.00', "share": "0.0%", "pct": "0.0", "pp": "+0.0;-0.0;0.0",
    "int": "#,##0", "num1": "0.0", "num2": "0.00", "num3": "0.000",
}

COLUMN_NAMESPACE = "report_columns"  # catalogue namespace: one key per column id (messages/report_columns.toml)


def header(column: str, language: str = "nl") -> str:
    """The header readers see for a column id, from the catalogue (the id itself when it has no entry)."""
    key = f"{COLUMN_NAMESPACE}.{column}"
    return t(key, language) if has(key) else str(column)


@dataclass
class Table:
    """One key table of a report: a sheet in Excel, a block in the CSV, a table in the HTML."""

    name: str  # sheet name / CSV block name (ASCII, <= 31 chars)
    title: str
    frame: pd.DataFrame  # columns are ids (keys of the ``report_columns`` catalogue)
    formats: dict[str, str] = field(default_factory=dict)  # column id -> FORMATTERS key
    note: str = ""
    language: str = "nl"  # the language of the headers when rendered
    plain_headers: bool = False  # headers are the ids themselves in every language (machine-readable tables)

    def header(self, column: str) -> str:
        return str(column) if self.plain_headers else header(column, self.language)

    def headed(self, frame: pd.DataFrame | None = None) -> pd.DataFrame:
        """``frame`` (default: the data) with the readers' headers instead of the column ids."""
        frame = self.frame if frame is None else frame
        return frame.set_axis([self.header(c) for c in frame.columns], axis=1)

    def formatted(self) -> pd.DataFrame:
        """A copy with every formatted column as Dutch text (missing values as a dash), still keyed by id."""
        out = self.frame.copy()
        for col, kind in self.formats.items():
            if col in out.columns:
                fmt = FORMATTERS[kind]
                out[col] = [("–" if pd.isna(v) else fmt(float(v))) for v in self.frame[col]]
        return out.astype(object).where(out.notna(), "–")

    def to_html(self) -> str:
        body = self.headed(self.formatted()).to_html(index=False, escape=True, classes="zl-table", border=0)
        note = f'<p class="zl-note">{html.escape(self.note)}</p>' if self.note else ""
        return f'<div class="zl-block"><h4>{html.escape(self.title)}</h4>{body}{note}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()


# The look of report tables, notes and notices (the report header and the comparison page include it once).
CSS = """
.zl-table {border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em}
.zl-table th, .zl-table td {padding: 3px 8px; border-bottom: 1px solid #ddd; text-align: right}
.zl-table th:first-child, .zl-table td:first-child {text-align: left}
.zl-note {color: #555; font-size: 0.85em}
.zl-notice {background: #fff6d6; padding: 6px 10px; border-left: 4px solid #e0b000}
"""
