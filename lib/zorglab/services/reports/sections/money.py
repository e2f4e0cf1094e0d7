"""Sections 2 and 3: municipal spend per law, and the providers' margins and continuity risk, per funding model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from zorglab.core.axis_format import eur_axis
from zorglab.services.reports import plots
from zorglab.services.reports.sections.base import Section, table_with_plot
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import model_label, risk_word, tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

SPEND_COLUMNS = ["funding_model", "wmo_eur", "youth_act_eur", "total_eur", "per_inhabitant_eur", "per_client_eur",
                 "against_pxq_eur", "against_pxq_share"]
PROVIDER_COLUMNS = ["funding_model", "revenue_eur", "cost_eur", "margin_eur", "margin_share", "continuity_risk",
                    "delivered_share", "upcoded_share", "clients_waiting", "extra_hour_margin_eur"]


def spend_table(report: RegionalReport) -> Table:
    base = report.baseline.total_spend
    rows = []
    for key, r in report.results.items():
        law = r.spend_by_law
        rows.append([model_label(key, report.language), law["Wmo"], law["Jeugdwet"], r.total_spend,
                     r.total_spend / report.population, r.total_spend / r.clients_exact, r.total_spend - base,
                     (r.total_spend - base) / base if base else 0.0])
    frame = pd.DataFrame(rows, columns=SPEND_COLUMNS)
    fmt = {c: "eur" for c in SPEND_COLUMNS[1:7]} | {"per_inhabitant_eur": "eur2", "against_pxq_share": "share"}
    return report.make_table("uitgaven", tr("spend_table_title", report.language), frame, fmt, report.data_notice)


def spend_plot(report: RegionalReport):
    table = report.spend
    model = table.header("funding_model")
    long = table.headed(table.frame[["funding_model", "wmo_eur", "youth_act_eur"]]).melt(
        id_vars=model, var_name=tr("plot_law", report.language), value_name="eur")
    return plots.bar(long, model, "eur", tr("spend_plot_title", report.language), by=tr("plot_law", report.language),
                     stacked=True, ylabel="EUR", yformatter=eur_axis())


def providers_table(report: RegionalReport) -> Table:
    lang = report.language
    rows = [[model_label(k, lang), r.provider_revenue, r.provider_cost, r.provider_margin, r.margin_pct,
             risk_word(r.continuity_risk, lang), r.behaviour["delivered_share"], r.behaviour["upcoded_share"],
             r.clients_waiting, r.incentive.extra_hour_margin] for k, r in report.results.items()]
    fmt = {"revenue_eur": "eur", "cost_eur": "eur", "margin_eur": "eur", "margin_share": "share",
           "delivered_share": "share", "upcoded_share": "share", "clients_waiting": "int",
           "extra_hour_margin_eur": "eur2"}
    return report.make_table("aanbieders", tr("providers_table_title", lang), pd.DataFrame(rows, columns=PROVIDER_COLUMNS),
                        fmt, tr("providers_note", lang))


def providers_plot(report: RegionalReport):
    table = report.providers
    frame = table.headed(table.frame).assign(pct=table.frame["margin_share"] * 100)
    return plots.bar(frame, table.header("funding_model"), "pct", tr("providers_plot_title", report.language),
                     hline=0.0, ylabel="%")


SPEND = Section("spend", ("spend",),
                table_with_plot(lambda r: tr("spend_intro", r.language), "spend", spend_plot))
PROVIDERS = Section("providers", ("providers",),
                    table_with_plot(lambda r: tr("providers_intro", r.language), "providers", providers_plot))
