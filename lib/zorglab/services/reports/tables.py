"""A report table: numeric data for exports, Dutch-formatted text for readers.

Why one object for both: the HTML report, the CSV and the Excel workbook must show the same numbers.
The frame keeps real numbers (Excel cells stay numeric); ``to_html`` formats them as Dutch readers
expect (``€ 1.234``, ``12,3%``) with ``zorglab.core.formatting``.

Why column ids: the frame's columns are stable English codes (``total_eur``, ``margin_share``), so code
and tests select a column by what it means, never by its position or by a translated header. The header
a reader sees is looked up in ``HEADERS`` only when the table is rendered (HTML, CSV, Excel).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct

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

# Column id -> (Dutch header, English header). One id means one thing in every table.
HEADERS: dict[str, tuple[str, str]] = {
    # shared
    "municipality": ("Gemeente", "Municipality"),
    "population": ("Inwoners", "Inhabitants"),
    "note": ("Toelichting", "Note"),
    "this_report": ("Dit rapport", "This report"),
    "funding_model": ("Bekostigingsmodel", "Funding model"),
    # regioprofiel
    "cbs_code": ("CBS-code", "CBS code"),
    "youth_care_pct": ("Jeugdhulp (%)", "Youth care (%)"),
    "against_national_pp": ("T.o.v. landelijk (pp)", "Against national (pp)"),
    "wmo_clients_expected": ("Wmo-cliënten (verwacht)", "Wmo clients (expected)"),
    "youth_act_clients_expected": ("Jeugdwet-cliënten (verwacht)", "Youth Act clients (expected)"),
    # uitgaven
    "wmo_eur": ("Wmo (EUR)", "Wmo (EUR)"),
    "youth_act_eur": ("Jeugdwet (EUR)", "Jeugdwet (EUR)"),
    "total_eur": ("Totaal (EUR)", "Total (EUR)"),
    "per_inhabitant_eur": ("Per inwoner (EUR)", "Per inhabitant (EUR)"),
    "per_client_eur": ("Per cliënt (EUR)", "Per client (EUR)"),
    "against_pxq_eur": ("T.o.v. P x Q (EUR)", "Against P x Q (EUR)"),
    "against_pxq_share": ("T.o.v. P x Q (%)", "Against P x Q (%)"),
    # aanbieders
    "revenue_eur": ("Omzet (EUR)", "Revenue (EUR)"),
    "cost_eur": ("Kosten (EUR)", "Cost (EUR)"),
    "margin_eur": ("Marge (EUR)", "Margin (EUR)"),
    "margin_share": ("Marge (%)", "Margin (%)"),
    "continuity_risk": ("Risico continuïteit", "Continuity risk"),
    "delivered_share": ("Geleverd deel van de behoefte (%)", "Need delivered (%)"),
    "upcoded_share": ("Zwaarder geregistreerd (%)", "Upcoded (%)"),
    "clients_waiting": ("Cliënten wachtend of geweigerd", "Clients waiting or turned away"),
    "extra_hour_margin_eur": ("Marge op een extra uur (EUR)", "Margin on an extra hour (EUR)"),
    # consistentie
    "measure": ("Maat", "Measure"),
    "old_catalogue": ("Oude catalogus", "Old catalogue"),
    "harmonised_catalogue": ("Geharmoniseerde catalogus", "Harmonised catalogue"),
    # effecten
    "payer": ("Betaler", "Payer"),
    "old_way_eur": ("Oude aanpak (EUR)", "Old way (EUR)"),
    "new_way_eur": ("Nieuwe aanpak (EUR)", "New way (EUR)"),
    "saving_eur": ("Besparing (EUR)", "Saving (EUR)"),
    "role": ("Rol", "Role"),
    # welbevinden
    "group": ("Groep", "Group"),
    "before": ("Vooraf", "Before"),
    "after": ("Na", "After"),
    "change": ("Verandering", "Change"),
    # scenario
    "line": ("Post", "Line"),
    "baseline_eur": ("Basislijn P x Q (EUR)", "Baseline P x Q (EUR)"),
    "scenario_eur": ("Scenario (EUR)", "Scenario (EUR)"),
    "difference_eur": ("Verschil (EUR)", "Difference (EUR)"),
    # aannames
    "assumption": ("Aanname", "Assumption"),
    "value": ("Waarde", "Value"),
    "unit": ("Eenheid", "Unit"),
    "source": ("Bron", "Source"),
    # caseload
    "law": ("Wet", "Law"),
    "clients_per_1000": ("Cliënten per 1.000 inwoners", "Clients per 1,000 inhabitants"),
    "expected_clients": ("Verwachte cliënten", "Expected clients"),
    "national_per_1000": ("Landelijk per 1.000", "National rate per 1,000"),
    # onzekerheid
    "result": ("Uitkomst", "Result"),
    "lowest": ("Laagste", "Lowest"),
    "highest": ("Hoogste", "Highest"),
}


def header(column: str, language: str = "nl", headers: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The header readers see for a column id (the id itself when no translation is known, e.g. ``indicator``)."""
    pair = (headers or {}).get(column) or HEADERS.get(column)
    return pair[int(language == "en")] if pair else str(column)


@dataclass
class Table:
    """One key table of a report: a sheet in Excel, a block in the CSV, a table in the HTML."""

    name: str  # sheet name / CSV block name (ASCII, <= 31 chars)
    title: str
    frame: pd.DataFrame  # columns are ids (keys of HEADERS or of ``headers``)
    formats: dict[str, str] = field(default_factory=dict)  # column id -> FORMATTERS key
    note: str = ""
    language: str = "nl"  # the language of the headers when rendered
    headers: dict[str, tuple[str, str]] = field(default_factory=dict)  # extra/overriding id -> (nl, en)

    def header(self, column: str) -> str:
        return header(column, self.language, self.headers)

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
