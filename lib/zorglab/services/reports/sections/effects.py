"""Sections 5 and 6: the effectencalculator per payer (old and new way), and wellbeing before and after."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from zorglab.core.axis_format import eur_axis
from zorglab.domain.effects import EffectCalculator
from zorglab.services.labels import payer_label, role_label
from zorglab.services.narrative import wrong_pocket_summary
from zorglab.services.reports import plots
from zorglab.services.reports.sections.base import Section, table_with_plot
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import model_label, tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport


def per_payer(report: RegionalReport) -> pd.DataFrame:
    if not report.cases:
        return pd.DataFrame(columns=["payer", "reference", "intervention", "saving", "role"])
    return EffectCalculator().per_payer(report.cases)


def wrong_pocket_cases(report: RegionalReport) -> int:
    if not report.cases:
        return 0
    return int(EffectCalculator().per_case(report.cases)["wrong_pocket"].sum())


def effects_table(report: RegionalReport) -> Table:
    pp, lang = report.per_payer, report.language
    frame = pd.DataFrame({
        "payer": [payer_label(p, lang) for p in pp["payer"]],
        "old_way_eur": pp["reference"].to_numpy(float), "new_way_eur": pp["intervention"].to_numpy(float),
        "saving_eur": pp["saving"].to_numpy(float), "role": [role_label(r, lang) for r in pp["role"]],
    })
    note = wrong_pocket_summary(pp, lang) if len(pp) else tr("effects_none", lang)
    return report.make_table("effecten", tr("effects_table_title", lang), frame,
                        dict.fromkeys(("old_way_eur", "new_way_eur", "saving_eur"), "eur"), note)


def effects_plot(report: RegionalReport):
    if not len(report.per_payer):
        return None
    table = report.effects
    return plots.bar(table.headed(), table.header("payer"), table.header("saving_eur"),
                     tr("effects_plot_title", report.language), hline=0.0, ylabel="EUR", yformatter=eur_axis())


def wellbeing_table(report: RegionalReport) -> Table:
    lang = report.language
    rows = [[model_label(k, lang), r.wellbeing_before_mean, r.wellbeing_after_mean,
             r.wellbeing_after_mean - r.wellbeing_before_mean] for k, r in report.results.items()]
    if report.cases:
        before = float(np.mean([c.wellbeing_before for c in report.cases]))
        after = float(np.mean([c.wellbeing_after for c in report.cases]))
        rows.append([tr("worked_cases_row", lang, count=len(report.cases)), before, after, after - before])
    cols = ["group", "before", "after", "change"]
    return report.make_table("welbevinden", tr("wellbeing_table_title", lang), pd.DataFrame(rows, columns=cols),
                        dict.fromkeys(cols[1:], "num2"))


def wellbeing_plot(report: RegionalReport):
    table, lang = report.wellbeing, report.language
    short = list(report.results) + ([tr("worked_cases_short", lang)] if report.cases else [])
    frame = table.frame[["group", "before", "after"]].assign(group=short)  # long labels overlap in a grouped plot
    group = table.header("group")
    moment = tr("plot_moment", lang)
    long = table.headed(frame).melt(id_vars=group, var_name=moment, value_name="score")
    return plots.bar(long, group, "score", tr("wellbeing_plot_title", lang), by=moment, ylabel="1-10")


def _effects_intro(report: RegionalReport) -> str:
    return tr("effects_intro", report.language, n=len(report.cases), region=report.params.region)


EFFECTS = Section("effects", ("effects",), table_with_plot(_effects_intro, "effects", effects_plot))
WELLBEING = Section("wellbeing", ("wellbeing",),
                    table_with_plot(lambda r: tr("wellbeing_intro", r.language), "wellbeing", wellbeing_plot))
