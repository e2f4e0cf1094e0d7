"""A report table: numeric data for exports, Dutch-formatted text for readers.

Why one object for both: the HTML report, the CSV and the Excel workbook must show the same numbers.
The frame keeps real numbers (Excel cells stay numeric); ``to_html`` formats them as Dutch readers
expect (``€ 1.234``, ``12,3%``) with ``zorglab.formatting``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from ..formatting import format_eur, format_number, format_pct

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


@dataclass
class Table:
    """One key table of a report: a sheet in Excel, a block in the CSV, a table in the HTML."""

    name: str  # sheet name / CSV block name (ASCII, <= 31 chars)
    title: str
    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)  # column -> FORMATTERS key
    note: str = ""

    def formatted(self) -> pd.DataFrame:
        """A copy with every formatted column as Dutch text (missing values as a dash)."""
        out = self.frame.copy()
        for col, kind in self.formats.items():
            if col in out.columns:
                fmt = FORMATTERS[kind]
                out[col] = [("–" if pd.isna(v) else fmt(float(v))) for v in self.frame[col]]
        return out.astype(object).where(out.notna(), "–")

    def to_html(self) -> str:
        body = self.formatted().to_html(index=False, escape=True, classes="zl-table", border=0)
        note = f'<p class="zl-note">{html.escape(self.note)}</p>' if self.note else ""
        return f'<div class="zl-block"><h4>{html.escape(self.title)}</h4>{body}{note}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()
