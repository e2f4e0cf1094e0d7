"""Section 8, methods: how the caseload is sized, every assumption with its source, and the spread of the
key results over several synthetic samples (how much of a figure is chance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from zorglab.core.formatting import format_number
from zorglab.domain.assumptions import ASSUMPTIONS
from zorglab.domain.funding import BASELINE, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.services.reports.params import SEED_SPREAD
from zorglab.services.reports.sections.base import Section, paragraph
from zorglab.services.reports.sections.profile import rate_note
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import tr, unit_word

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

# Row ids of the spread table, in order (their words: catalogue ``reports.spread_<id>``).
SPREAD_ROWS = ("pxq_spend_eur", "model_spend_eur", "against_pxq_share", "margin_share", "clients_waiting",
               "wellbeing_after")


def assumptions_table(report: RegionalReport) -> Table:
    lang = report.language
    rows = [[a.label(lang), a.value, unit_word(a.unit, lang), a.source(lang)] for a in ASSUMPTIONS]
    frame = pd.DataFrame(rows, columns=["assumption", "value", "unit", "source"])
    return report.make_table("aannames", tr("assumptions_table_title", lang), frame, {"value": "num2"})


def sizing_table(report: RegionalReport) -> Table:
    sz, lang = report.sizing, report.language
    frame = pd.DataFrame({
        "municipality": sz["municipality"], "law": sz["law"], "population": sz["population"],
        "clients_per_1000": sz["rate"] * 1000, "expected_clients": sz["clients"],
        "national_per_1000": sz["national_rate"] * 1000,
        "note": [rate_note(src, lang) for src in sz["rate_source"]],
    })
    fmt = {"population": "int", "clients_per_1000": "num1", "expected_clients": "int", "national_per_1000": "num1"}
    return report.make_table("caseload", tr("sizing_table_title", lang), frame, fmt, year_caveat(report))


def year_caveat(report: RegionalReport) -> str:
    year = report.params.year
    return "" if year == 2022 else tr("year_caveat", report.language, year=year)


def seed_range_table(report: RegionalReport) -> Table:
    """Key results for several synthetic samples: how much of a figure is sampling noise."""
    p = report.params
    seeds = [p.seed] if not report.synthetic else [(p.seed + i) % (2**32) for i in range(SEED_SPREAD)]
    rows = []
    for seed in seeds:
        cl = report.caseload if seed == p.seed else generate_caseload(
            p.region, p.n_cases, seed=seed, year=p.year, municipality=p.municipality)
        base = make_model(BASELINE).evaluate(cl)
        chosen = base if p.funding_model == BASELINE else make_model(p.funding_model).evaluate(cl)
        rows.append([base.total_spend, chosen.total_spend, chosen.total_spend / base.total_spend - 1.0,
                     chosen.margin_pct, chosen.clients_waiting, chosen.wellbeing_after_mean])
    arr = np.array(rows, dtype=float)
    frame = pd.DataFrame({"result": [tr(f"spread_{k}", report.language) for k in SPREAD_ROWS],
                          "this_report": arr[0], "lowest": arr.min(axis=0), "highest": arr.max(axis=0)},
                         index=pd.Index(SPREAD_ROWS, name="key"))
    title = tr("spread_table_title", report.language, count=len(seeds), first=seeds[0], last=seeds[-1])
    return report.make_table("onzekerheid", title, frame, dict.fromkeys(("this_report", "lowest", "highest"), "num3"))


def _body(report: RegionalReport) -> str:
    key = "methods_intro" if report.synthetic else "methods_supplied"
    intro = tr(key, report.language, n=format_number(len(report.caseload)))
    return paragraph(intro) + "".join(getattr(report, attr).to_html() for attr in SECTION.tables)


SECTION = Section("methods", ("sizing_table", "seed_range", "assumptions"), _body)
