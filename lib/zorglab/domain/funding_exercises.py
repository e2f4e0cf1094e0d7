"""Lesson 1 (from product to result): what each funding model makes a provider do, and the margin on one extra
staff hour. The expected answers come from the funding models (``zorglab.domain.funding``), never from a fixed key,
so the feedback stays true when tariffs change. Messages: ``messages/feedback.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.case_text import unit_label
from zorglab.domain.feedback import (
    Content,
    Feedback,
    Line,
    ProductName,
    Term,
    close,
    feedback_of,
    line,
    read_number,
)
from zorglab.domain.funding import MODELS, FundingModel, FundingResult, InspanningsModel, make_model

# The behaviours a student can predict (codes; words: feedback.behaviour_<code>).
BEHAVIOURS = ("meer_uren", "opwaarderen", "resultaat", "minder_leveren")


def behaviour_term(key: str) -> Term:
    return Term(f"feedback.behaviour_{key}")


def behaviour_text(key: str, language: str = "nl") -> str:
    """A behaviour in the reader's language."""
    return behaviour_term(key).text(language)


def model_term(key: str) -> Term:
    return Term(f"scenario.model_{key}")


def observed_behaviour(result: FundingResult) -> tuple[str, Line]:
    """The behaviour a model's prices bring about, read from what the provider did (``result.behaviour``).

    Provider behaviour is an outcome of the funding model (``zorglab.domain.funding``), so the answer is read off
    the outcome, in this order: a model that pays for an achieved result steers on the result; a provider
    that delivers more than the need (``delivered_share`` > 1) does so because an extra hour pays more
    than it costs; a provider paid per client but not per hour that registers clients heavier or turns
    loss-making clients away upcodes and selects; any other provider delivers less than the need (and, on
    a budget, lets clients wait). The reason quotes the library's figures.
    """
    inc, beh = result.incentive, result.behaviour
    eur = lambda v: format_eur(v, 2)  # noqa: E731
    f = float(beh.get("delivered_share", 1.0))
    upcoded = float(beh.get("upcoded_share", 0.0))
    away = float(beh.get("turned_away", 0.0))
    share, n_away, n_wait = format_pct(f), format_number(away), format_number(result.clients_waiting)
    marginal_cost = inc.extra_hour_revenue - inc.extra_hour_margin
    if inc.extra_result_revenue > 0:
        return "resultaat", line(True, "why_result", result=eur(inc.extra_result_revenue),
                                 hour=eur(inc.extra_hour_revenue), share=share, away=n_away)
    if f > 1.0:
        return "meer_uren", line(True, "why_more_hours", revenue=eur(inc.extra_hour_revenue), cost=eur(marginal_cost),
                                 margin=eur(inc.extra_hour_margin), share=share)
    if inc.extra_hour_revenue <= 0 < inc.extra_client_revenue and (upcoded > 0 or away > 0):
        return "opwaarderen", line(True, "why_upcoding", client=eur(inc.extra_client_revenue),
                                   upcoded=format_pct(upcoded), share=share, away=n_away,
                                   light=eur(inc.margin_light_minus_heavy))
    if inc.extra_client_revenue <= 0:
        wait = Term("feedback.clients_wait", {"n": n_wait}) if result.clients_waiting else Term("feedback.nobody_waits")
        return "minder_leveren", line(True, "why_budget", cost=eur(-inc.extra_client_margin),
                                      saves=eur(marginal_cost), share=share, wait=wait)
    earns = (Term("feedback.hour_earns", {"revenue": eur(inc.extra_hour_revenue)}) if inc.extra_hour_revenue > 0
             else Term("feedback.hour_earns_nothing"))
    turned = Term("feedback.and_turns_away", {"away": n_away}) if away > 0 else "."
    return "minder_leveren", line(True, "why_less", earns=earns, cost=eur(marginal_cost), share=share, turned=turned)


def check_predictions(predictions: Mapping[str, str | None], caseload: pd.DataFrame,
                      models: Mapping[str, FundingModel] | None = None) -> Feedback:
    """Lesson 1: compare a student's predicted provider behaviour per funding model with what the provider does.

    The expected answer is the behaviour that emerges in the library (``observed_behaviour``), not a fixed key.

    ``predictions`` maps model key ('pxq', 'output', 'result', 'lumpsum') to one of ``BEHAVIOURS``.
    ``models`` may hold configured models (key -> FundingModel); default parameters otherwise.
    """
    lines: list[Line] = []
    for key in MODELS:
        model = (models or {}).get(key) or make_model(key)
        guess = predictions.get(key)
        name = model_term(key)
        expected, why = observed_behaviour(model.evaluate(caseload))
        if not guess:
            lines.append(line(False, "prediction_missing", model=name))
        elif guess not in BEHAVIOURS:
            lines.append(line(False, "prediction_unknown", model=name, guess=guess, options=", ".join(BEHAVIOURS)))
        elif guess == expected:
            lines.append(line(True, "prediction_right", model=name, why=why))
        else:
            lines.append(line(False, "prediction_wrong", model=name, guess=behaviour_term(guess),
                              expected=behaviour_term(expected), why=why))
    return feedback_of(lines)


def extra_hour_facts(code: str = "JW_AMB_BASIS", model: InspanningsModel | None = None) -> dict[str, float | str]:
    """The numbers lesson 1's exercise 2 gives the student: a product's tariff and staff hours per unit (catalogue),
    the provider's full cost per staff hour and the share of it that moves with one more hour (P x Q model)."""
    from zorglab.domain.catalogue import product

    row = product(code)
    pxq = model or make_model("pxq")
    return {"code": code, "unit": str(row["unit"]), "tariff_eur": float(row["tariff_eur"]),
            "staff_hours_per_unit": float(row["staff_hours_per_unit"]), "cost_per_hour": float(pxq.provider_cost_per_hour),
            "marginal_cost_share": float(pxq.marginal_cost_share)}


def extra_hour_question(facts: Mapping[str, float | str]) -> Term:
    """The exercise's wording (Markdown) with its numbers; the answer key follows this wording exactly:
    margin on one extra *staff* hour = tariff / staff hours per unit - marginal share x full cost per staff hour."""
    unit = str(facts["unit"])
    per = (Term("feedback.hour_of_help") if unit == "uur"
           else Content(unit_label(unit, 1, "nl"), unit_label(unit, 1, "en")))
    return Term("feedback.extra_hour_question", {
        "name": ProductName(str(facts["code"])), "tariff": format_eur(float(facts["tariff_eur"])), "per": per,
        "hours": format_number(float(facts["staff_hours_per_unit"]), 2), "cost": format_eur(float(facts["cost_per_hour"])),
        "share": format_pct(float(facts["marginal_cost_share"]))})


def extra_hour_prompt(facts: Mapping[str, float | str], language: str = "nl") -> str:
    return extra_hour_question(facts).text(language)


def check_extra_hour_margin(answer: object, tariff_eur: float, cost_per_hour: float,
                            staff_hours_per_unit: float = 1.0, marginal_cost_share: float = 1.0) -> Feedback:
    """Lesson 1: margin on one extra staff hour under P x Q = tariff per staff hour - marginal cost of a staff hour.

    The tariff is per unit of help (e.g. per hour of help); one unit takes ``staff_hours_per_unit`` staff hours,
    so one staff hour earns tariff / staff hours per unit. The marginal cost is the share of the full hourly cost
    that moves with one hour more (``marginal_cost_share``; the rest is overhead), as in
    ``Incentive.extra_hour_margin``. Answers computed per unit of help, with the full cost, or without the cost
    are recognised and explained.
    """
    value = read_number(answer, Term("feedback.what_margin"))
    if isinstance(value, Line):
        return feedback_of([value])
    revenue = tariff_eur / staff_hours_per_unit
    marginal = cost_per_hour * marginal_cost_share
    expected = revenue - marginal
    partial = marginal_cost_share != 1.0
    cost = f"{format_pct(marginal_cost_share)} × {format_eur(cost_per_hour)}" if partial else format_eur(cost_per_hour)
    calc = Term("feedback.margin_sum", {"tariff": format_eur(tariff_eur), "hours": format_number(staff_hours_per_unit, 2),
                                        "cost": cost, "margin": format_eur(expected)})
    per_unit = {tariff_eur - staff_hours_per_unit * marginal, tariff_eur - staff_hours_per_unit * cost_per_hour,
                tariff_eur - marginal, tariff_eur - cost_per_hour}
    if close(value, expected, 0.01):
        return feedback_of([line(True, "margin_right", calc=calc)])
    if close(value, revenue, 0.01):
        hint = line(False, "margin_is_revenue", value=format_eur(value), calc=calc)
    elif close(value, -expected, 0.01) and expected != 0:
        hint = line(False, "margin_sign", calc=calc)
    elif partial and close(value, revenue - cost_per_hour, 0.01):
        hint = line(False, "margin_full_cost", share=format_pct(marginal_cost_share), marginal=format_eur(marginal),
                    calc=calc)
    elif staff_hours_per_unit != 1.0 and any(close(value, v, 0.01) for v in per_unit):
        hint = line(False, "margin_per_unit", hours=format_number(staff_hours_per_unit, 2), tariff=format_eur(tariff_eur),
                    revenue=format_eur(revenue), calc=calc)
    else:
        hint = line(False, "margin_wrong", value=format_eur(value), calc=calc)
    return feedback_of([hint])
