"""Section 4: consistency between area teams assessing the same clients, old and harmonised catalogue."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from zorglab.core.axis_format import eur_axis
from zorglab.core.formatting import format_number
from zorglab.domain.agreement import agreement_summary, simulate_assessments, spread
from zorglab.services.reports import plots
from zorglab.services.reports.sections.base import Section, table_with_plot
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

N_TEAMS = 8  # simulated area teams assessing the same cases
MAX_AGREEMENT_CASES = 300  # enough for a stable kappa; keeps the section fast at national scale
# measure id -> scale shown (shares as percentages)
MEASURES = {"categories": 1, "pct_agreement": 100, "pairwise_agreement": 100, "fleiss_kappa": 1}


def ratings(report: RegionalReport) -> pd.DataFrame:
    sample = report.caseload.head(MAX_AGREEMENT_CASES)
    return simulate_assessments(sample, n_teams=N_TEAMS, seed=report.params.seed % (2**32))


def agreement_figures(report: RegionalReport) -> dict[str, dict[str, float]]:
    old = agreement_summary(report.ratings, category_col="product")
    new = agreement_summary(report.ratings, category_col="harmonised_product")
    cost = spread(report.ratings, "cost_eur")
    old["median_cv_cost"] = float(cost["cv"].median())
    old["median_max_over_min_cost"] = float(cost["max_over_min"].median())
    return {"old": old, "harmonised": new}


def agreement_table(report: RegionalReport) -> Table:
    f, lang = report.agreement_figures, report.language
    frame = pd.DataFrame({"measure": [tr(f"measure_{k}", lang) for k in MEASURES],
                          "old_catalogue": [f["old"][k] * s for k, s in MEASURES.items()],
                          "harmonised_catalogue": [f["harmonised"][k] * s for k, s in MEASURES.items()]})
    note = tr("agreement_note", lang, cv=format_number(f["old"]["median_cv_cost"], 2),
              ratio=format_number(f["old"]["median_max_over_min_cost"], 2))
    return report.make_table("consistentie", tr("agreement_table_title", lang), frame,
                        {"old_catalogue": "num3", "harmonised_catalogue": "num3"}, note)


def agreement_plot(report: RegionalReport):
    team_cost = report.ratings.groupby("team", sort=False)["cost_eur"].mean().reset_index()
    team_cost = team_cost.rename(columns={"team": tr("plot_team", report.language)})
    return plots.bar(team_cost, tr("plot_team", report.language), "cost_eur",
                     tr("agreement_plot_title", report.language), ylabel="EUR", yformatter=eur_axis())


def _intro(report: RegionalReport) -> str:
    return tr("agreement_intro", report.language, teams=N_TEAMS,
              n=format_number(min(len(report.caseload), MAX_AGREEMENT_CASES)))


SECTION = Section("agreement", ("agreement",), table_with_plot(_intro, "agreement", agreement_plot))
