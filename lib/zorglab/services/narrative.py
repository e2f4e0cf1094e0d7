"""The explanation sentences, written once: the explorer, the lessons and the reports' conclusions use them.

API (all pure: numbers in, one string out, words from the catalogue namespace ``narrative``):

* ``explain(result, scenario=None, language="nl")`` — what a ``ScenarioResult`` means: spend against P x Q,
  the provider's incentive, delivery, selection, continuity risk, waiting, general provision, prevention,
  wellbeing. Pass the ``Scenario`` to name the lump sum's budget basis.
* ``explain_sentences(...)`` — the same as a list of sentences (a report can pick or bullet them).
* ``wrong_pocket_summary(per_payer, language)`` — who invests and who collects, from
  ``EffectCalculator.per_payer``.
* ``general_provision_year(scenario, language)`` / ``spend_sources_display(scenario, language)`` — lesson 2's
  explanation of the general provision (begeleiding) and its 'where does the difference come from' table.
"""

from __future__ import annotations

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import t
from zorglab.domain.begeleiding import spend_sources
from zorglab.domain.effects import wrong_pocket_sides
from zorglab.domain.scenario import Scenario
from zorglab.domain.scenario_result import ScenarioResult, av_wellbeing_gain
from zorglab.domain.vocabulary import RiskLevel
from zorglab.services.labels import payer_short
from zorglab.services.scenario_tables import budget_basis_label


def _eur(value: float) -> str:
    return format_eur(value, 0)


def _incentive(res: ScenarioResult, language: str) -> str:
    inc, key = res.result.incentive, res.model_key
    if key == "pxq":
        return t("narrative.incentive_pxq", language, revenue=_eur(inc.extra_hour_revenue),
                 margin=_eur(inc.extra_hour_margin))
    if key == "output":
        return t("narrative.incentive_output", language)
    if key == "result":
        return t("narrative.incentive_result", language, value=_eur(inc.extra_result_revenue))
    return t("narrative.incentive_lumpsum", language, saved=_eur(-inc.extra_hour_margin))


def explain_sentences(res: ScenarioResult, scenario: Scenario | None = None, language: str = "nl") -> list[str]:
    """The explanation of a scenario year, one sentence per finding, in reading order."""
    r, key = res.result, res.model_key
    out: list[str] = []
    diff, base = res.spend_difference, res.baseline_spend
    rel = format_pct(abs(diff) / base) if base else "–"
    if abs(diff) < 0.5:
        out.append(t("narrative.spend_equal", language))
    else:
        out.append(t("narrative.spend_more" if diff > 0 else "narrative.spend_less", language,
                     amount=_eur(abs(diff)), rel=rel))
    out.append(_incentive(res, language))
    share, base_share = r.behaviour.get("delivered_share", 1.0), res.baseline.behaviour.get("delivered_share", 1.0)
    out.append(t("narrative.delivered", language, share=format_pct(share), base_share=format_pct(base_share)))
    if key == "lumpsum" and "budget" in r.behaviour:
        budget = _eur(r.behaviour["budget"])
        if scenario is not None:
            basis = budget_basis_label(scenario.budget_basis, language).lower()
            out.append(t("narrative.budget_fixed_basis", language, budget=budget, basis=basis))
        else:
            out.append(t("narrative.budget_fixed", language, budget=budget))
    turned = r.behaviour.get("turned_away", 0.0)
    if key in ("output", "result") and turned >= 0.5:
        out.append(t("narrative.turned_away", language, n=format_number(turned)))
    if key != "pxq" and r.incentive.margin_light_minus_heavy > 500:
        out.append(t("narrative.select_pressure", language, amount=_eur(r.incentive.margin_light_minus_heavy)))
    risk = RiskLevel(r.continuity_risk)
    if risk is not RiskLevel.LOW:
        out.append(t(f"narrative.risk_warning_{risk.value}", language, loss=format_pct(-r.margin_pct)))
    elif r.margin_pct > 0.15:
        out.append(t("narrative.generous_margin", language, margin=format_pct(r.margin_pct)))
    if res.clients_waiting:
        out.append(t("narrative.waiting", language, count=round(res.clients_waiting),
                          n=format_number(res.clients_waiting)))
    if res.av_clients:
        g = res.general
        out.append(t("narrative.general_provision", language, n=format_number(g.moved_clients),
                     new=format_number(g.new_participants), budget=_eur(g.budget), cost=_eur(g.cost)))
        if g.cost > g.budget:
            out.append(t("narrative.budget_short", language))
    if res.prevention_cost:
        out.append(t("narrative.prevention", language, cost=_eur(res.prevention_cost),
                     reduction=format_pct(res.prevention_reduction), n=format_number(res.clients_prevented)))
    dw = res.wellbeing_after - res.baseline.wellbeing_after_mean
    if abs(dw) >= 0.05:
        out.append(t("narrative.wellbeing_higher" if dw > 0 else "narrative.wellbeing_lower", language,
                     points=format_number(abs(dw), 2)))
    return out


def explain(res: ScenarioResult, scenario: Scenario | None = None, language: str = "nl") -> str:
    """Plain-language explanation of the numbers: spend, the provider's incentive, risks (one paragraph)."""
    return " ".join(explain_sentences(res, scenario, language))


def wrong_pocket_summary(per_payer: pd.DataFrame, language: str = "nl") -> str:
    """One sentence naming who invests and who collects, from an ``EffectCalculator.per_payer`` table."""
    inv, ben, net = wrong_pocket_sides(per_payer)

    def names(rows: pd.DataFrame) -> str:
        return ", ".join(f"{payer_short(r.payer, language)} ({_eur(abs(r.saving))})" for r in rows.itertuples())

    text = t("narrative.pocket_cheaper" if net > 0 else "narrative.pocket_dearer", language, amount=_eur(abs(net)))
    if len(inv) and len(ben):
        text += " " + t("narrative.pocket_sides", language, investors=names(inv), beneficiaries=names(ben))
    return text


def general_provision_year(scenario: Scenario, language: str = "nl") -> str:
    """Lesson 2: the general provision's year in the lesson's terms (begeleiding, not 'light')."""
    gp, s = scenario.evaluate().general, spend_sources(scenario)
    parts = [
        t("narrative.gp_lesson_moved", language, n=format_number(gp.moved_clients),
          new=format_number(gp.new_participants), budget=_eur(gp.budget), cost=_eur(gp.cost)),
        t("narrative.gp_lesson_sources", language, general=_eur(s.general_provision), other=_eur(s.other_individual)),
    ]
    if gp.cost > gp.budget:
        parts.append(t("narrative.gp_lesson_short", language,
                       gain=format_number(av_wellbeing_gain(gp.budget, gp.cost), 2)))
    return " ".join(parts)


def spend_sources_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """'Where does the difference come from?': one row per source and the total, formatted."""
    s = spend_sources(scenario)
    rows = [("general_provision", s.general_provision), ("other_individual", s.other_individual),
            ("prevention", s.prevention), ("total", s.total)]
    return pd.DataFrame({t("narrative.sources_header", language): [t(f"narrative.source_{k}", language) for k, _ in rows],
                         t("narrative.sources_amount", language): [_eur(v) for _, v in rows]})
