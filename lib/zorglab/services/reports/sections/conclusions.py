"""Section 9: conclusions, sentences generated from the key figures (never text that can disagree with them).

The explanation of the funding model is the explorer's own (``zorglab.services.narrative``), evaluated on the
report's clients, so the explorer and the report never explain the same numbers in two ways.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.funding import BASELINE
from zorglab.services.narrative import explain_sentences
from zorglab.services.reports.params import SEED_SPREAD
from zorglab.services.reports.sections.base import Section
from zorglab.services.reports.sections.scenario import on_report_clients
from zorglab.services.reports.words import model_label, risk_word, tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport

SAME_KAPPA = 0.005  # a smaller change in kappa counts as none


def _eur(value: float) -> str:
    return format_eur(value, 0)


def model_sentences(report: RegionalReport) -> list[str]:
    """What the explorer says about this funding model on the report's clients (``zorglab.services.narrative``:
    spend against P x Q, the provider's incentive, delivery, selection, risk, waiting, wellbeing)."""
    scenario = on_report_clients(report, "basis")
    return explain_sentences(scenario.evaluate(), scenario, report.language)


def conclusions(report: RegionalReport) -> list[str]:
    """The report's conclusions in its language: the spend, the explorer's explanation of the model, then
    what only the report knows (margin, sampling spread, agreement, worked cases, CBS, scenario)."""
    k, lang, p = report.key_figures, report.language, report.params
    out = [tr("concl_spend", lang, model=model_label(p.funding_model, lang), spend=_eur(k["spend_model_eur"]),
              base=_eur(k["spend_baseline_eur"]))]
    out += model_sentences(report)
    out.append(tr("concl_margin", lang, margin=format_pct(k["margin_pct_model"]),
                  base=format_pct(k["margin_pct_baseline"]), risk=risk_word(k["continuity_risk_model"], lang)))
    if report.synthetic and p.funding_model != BASELINE:
        out.append(tr("concl_seed_range", lang, samples=SEED_SPREAD, low=format_pct(k["spend_difference_pct_low"]),
                      high=format_pct(k["spend_difference_pct_high"])))
    old, new = k["kappa_old"], k["kappa_harmonised"]
    change = "same" if abs(new - old) < SAME_KAPPA else ("up" if new > old else "down")
    out.append(tr(f"concl_kappa_{change}", lang, old=format_number(old, 3), new=format_number(new, 3)))
    if k["effect_cases"]:
        out.append(report.effects.note)
    yc, nat = k["youth_care_pct_region"], k["youth_care_pct_national"]
    if not math.isnan(yc):
        out.append(tr("concl_youth_care_above" if yc > nat else "concl_youth_care_below", lang, where=report.where,
                      share=format_number(yc, 1), national=format_number(nat, 1)))
    if report.scenario is not None:
        out.append(tr("concl_scenario", lang, note=report.scenario.note))
    return out


def _body(report: RegionalReport) -> str:
    items = "".join(f"<li>{html.escape(s)}</li>" for s in report.conclusions())
    return f"<ul class='zl-conclusions'>{items}</ul>"


SECTION = Section("conclusions", (), _body)
