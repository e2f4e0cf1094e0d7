"""Section 7: an optional policy scenario (general provision, prevention) on the report's own clients."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from zorglab.core.formatting import format_number
from zorglab.domain.scenario import Scenario
from zorglab.domain.scenario_result import ScenarioResult
from zorglab.services.narrative import explain
from zorglab.services.reports.params import SCENARIOS
from zorglab.services.reports.sections.base import Section, paragraph
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import scenario_label, spend_label, tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

SPEND_COLUMNS = ["baseline_eur", "scenario_eur", "difference_eur"]


def on_report_clients(report: RegionalReport, scenario: str) -> Scenario:
    """The explorer's ``Scenario`` for the report's funding model and a scenario's levers, on the report's own
    client set (one baseline for the whole report)."""
    p = report.params
    sc = Scenario(region=p.region, year=p.year, n_clients=int(np.clip(p.n_cases, 100, 200_000)),
                  seed=p.seed % 10_000, funding_model=p.funding_model, **SCENARIOS[scenario])
    return sc.use_caseload(report.caseload, report.population)


def scenario_result(report: RegionalReport) -> ScenarioResult | None:
    """The chosen scenario on top of the funding model; None for 'basis' (no levers: section 7 says so)."""
    return None if report.params.scenario == "basis" else on_report_clients(report, report.params.scenario).evaluate()


def scenario_table(report: RegionalReport) -> Table | None:
    res, lang = report.scenario_result, report.language
    if res is None:
        return None
    spend = res.spend_table()
    frame = spend[SPEND_COLUMNS].copy()
    frame.insert(0, "line", [spend_label(code, lang) for code in spend["line"]])
    return report.make_table("scenario", scenario_label(report.params.scenario, lang), frame,
                        dict.fromkeys(SPEND_COLUMNS, "eur"), explain(res, None, lang))


def _body(report: RegionalReport) -> str:
    result, table = report.scenario_result, report.scenario
    if result is None or table is None:
        return paragraph(tr("scenario_basis_text", report.language))
    n = format_number(result.baseline_clients)
    return paragraph(tr("scenario_intro", report.language, n=n)) + table.to_html()


def _title_fields(report: RegionalReport) -> dict[str, Any]:
    return {"label": scenario_label(report.params.scenario, report.language)}


SECTION = Section("scenario", ("scenario",), _body, _title_fields)
