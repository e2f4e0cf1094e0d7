"""Section 1, region profile: inhabitants, real CBS youth-care figures by GM code, expected clients."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from zorglab.core.formatting import format_number
from zorglab.domain.cbs import NATIONAL, youth_care_indicators, youth_care_share_by_code
from zorglab.domain.sizing import RateSource, caseload_size
from zorglab.services.reports import plots
from zorglab.services.reports.sections.base import Section, table_with_plot
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

# Why a CBS rate was replaced by the national one -> catalogue key of the note saying so.
SOURCE_NOTE_KEYS = {RateSource.NATIONAL_NO_CODE: "rate_note_no_code",
                    RateSource.NATIONAL_SUPPRESSED: "rate_note_suppressed"}


def share(code: str | None) -> float:
    """CBS youth-care share (%) of a municipality by GM code (NaN when CBS has none)."""
    return youth_care_share_by_code(code) if code else float("nan")


def rate_note(source: str, language: str) -> str:
    """Why a municipality's rate is the national one ('' when it is its own CBS figure)."""
    key = SOURCE_NOTE_KEYS.get(source)
    return tr(key, language) if key else ""


def source_notes(wmo: str, jeugdwet: str, language: str) -> str:
    """The notes for both laws of one municipality, e.g. ``Wmo: ...; Jeugdwet: ...``."""
    return "; ".join(f"{law}: {rate_note(src, language)}" for law, src in (("Wmo", wmo), ("Jeugdwet", jeugdwet))
                     if src in SOURCE_NOTE_KEYS)


def national_youth_care() -> float:
    return float(youth_care_indicators().loc[NATIONAL, "jeugdhulp_pct"])


def region_youth_care(report: RegionalReport) -> float:
    """The chosen municipality's CBS share, else the population-weighted share over the region's
    municipalities CBS reports on (NaN when none)."""
    munis = [report.municipality] if report.params.municipality else list(report.region.municipalities)
    shares = np.array([share(m.cbs_code) for m in munis])
    pop = np.array([m.population for m in munis], dtype=float)
    ok = ~np.isnan(shares)
    return float(np.average(shares[ok], weights=pop[ok])) if ok.any() else float("nan")


def profile_table(report: RegionalReport) -> Table:
    """Per municipality: inhabitants, CBS figures by GM code, expected clients; the chosen one marked."""
    lang = report.language
    sz = report.sizing if not report.params.municipality else caseload_size(report.region)
    wide = sz.pivot_table(index="municipality", columns="law", values=["clients", "rate_source"],
                          aggfunc="first", sort=False)
    nat = national_youth_care()
    munis = report.region.municipalities
    shares = [share(m.cbs_code) for m in munis]
    chosen = report.params.municipality
    mark = "▶ " + tr("this_report_mark", lang)
    frame = pd.DataFrame({
        "municipality": [m.name for m in munis],
        "cbs_code": [m.cbs_code or "–" for m in munis],
        "population": [m.population for m in munis],
        "youth_care_pct": shares,
        "against_national_pp": np.array(shares) - nat,
        "wmo_clients_expected": [float(wide.loc[m.name, ("clients", "Wmo")]) for m in munis],
        "youth_act_clients_expected": [float(wide.loc[m.name, ("clients", "Jeugdwet")]) for m in munis],
        "note": [source_notes(wide.loc[m.name, ("rate_source", "Wmo")], wide.loc[m.name, ("rate_source", "Jeugdwet")],
                              lang) for m in munis],
        "this_report": [mark if chosen and m.name == chosen else "" for m in munis],
    })
    national = pd.DataFrame({"municipality": [tr("national_row", lang)], "cbs_code": ["NL01"], "population": [np.nan],
                             "youth_care_pct": [nat], "against_national_pp": [0.0], "wmo_clients_expected": [np.nan],
                             "youth_act_clients_expected": [np.nan], "note": [""], "this_report": [""]})
    frame = pd.concat([frame, national], ignore_index=True)
    fmt = {"population": "int", "youth_care_pct": "pct", "against_national_pp": "pp",
           "wmo_clients_expected": "int", "youth_act_clients_expected": "int"}
    note = tr("cbs_youth_care_source", lang) + "; " + tr("population_note", lang)
    return report.make_table("regioprofiel", tr("profile_table_title", lang), frame, fmt, note)


def profile_plot(report: RegionalReport):
    table = report.profile
    frame = table.frame.iloc[:-1].dropna(subset=["youth_care_pct"])  # without the national row
    if frame.empty:
        return None
    return plots.bar(table.headed(frame), table.header("municipality"), table.header("youth_care_pct"),
                     tr("profile_plot_title", report.language), hline=report.national_youth_care)


def _intro(report: RegionalReport) -> str:
    p, k = report.params, len(report.region.municipalities)
    pop = format_number(report.region.population)
    if k == 1:
        return tr("profile_single_intro", report.language, region=p.region, year=p.year, pop=pop)
    return tr("profile_intro", report.language, count=k, region=p.region, year=p.year, pop=pop)


def _no_plot(report: RegionalReport) -> str:
    return tr("profile_none", report.language, nat=format_number(report.national_youth_care, 1) + "%")


SECTION = Section("profile", ("profile",), table_with_plot(_intro, "profile", profile_plot, _no_plot))
