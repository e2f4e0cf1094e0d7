"""Lesson 3 (good commissioning in the region): agreement figures the students compute by hand, and the tariff at
which a P x Q provider breaks even. Messages: ``messages/feedback.toml``.
"""

from __future__ import annotations

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.agreement import agreement_summary
from zorglab.domain.feedback import Feedback, Line, Term, close, feedback_of, line, read_number
from zorglab.domain.funding import InspanningsModel, make_model

MEASURES = ("pct_agreement", "fleiss_kappa", "pairwise_agreement")  # words: feedback.measure_<code>


def measure_term(measure: str) -> Term:
    return Term(f"feedback.measure_{measure}")


def check_agreement(answer: object, ratings: pd.DataFrame, measure: str = "fleiss_kappa",
                    category_col: str = "product", tolerance: float = 0.01) -> Feedback:
    """Lesson 3: an agreement figure the student computed for a ratings table (one row per rater and case)."""
    if measure not in MEASURES:
        from zorglab.core.errors import UnknownNameError

        raise UnknownNameError("agreement measure", measure, MEASURES)
    name = measure_term(measure)
    value = read_number(answer, name)
    if isinstance(value, Line):
        return feedback_of([value])
    stats = agreement_summary(ratings, category_col=category_col)
    expected = stats[measure]
    shown = format_number(expected, 2)
    if close(value, expected, tolerance):
        return feedback_of([line(True, "measure_right", measure=name, expected=shown)])
    if measure != "fleiss_kappa" and close(value / 100, expected, tolerance):
        return feedback_of([line(True, "measure_as_percentage", value=format_number(value, 1), expected=shown)])
    for other in MEASURES:
        if other != measure and close(value, stats[other], tolerance):
            return feedback_of([line(False, "measure_other", value=format_number(value, 2), other=measure_term(other),
                                     measure=name, expected=shown)])
    if measure == "fleiss_kappa" and not -1.0 <= value <= 1.0:
        return feedback_of([line(False, "kappa_out_of_range", value=format_number(value, 2), expected=shown)])
    how = (Term("feedback.how_kappa", {"pairwise": format_number(stats["pairwise_agreement"], 2)})
           if measure == "fleiss_kappa" else Term("feedback.how_pct"))
    return feedback_of([line(False, "measure_wrong", value=format_number(value, 2), measure=name, expected=shown,
                             how=how)])


def break_even_tariff_factor(caseload: pd.DataFrame, tolerance: float = 1e-4, **model_params: float) -> float:
    """Lowest tariff factor from which a P x Q provider makes a profit, within the factor's bounds.

    Revenue is not proportional to the factor: at a lower tariff the provider delivers fewer hours and turns
    away clients it loses money on, so cost over revenue at today's tariffs is only an approximation. A
    provider that turns everybody away has no margin at all; that is not breaking even, so the search steps
    down from the highest factor until the provider no longer profits, then bisects.
    """
    params = {k: v for k, v in model_params.items() if k != "tariff_factor"}

    def profitable(factor: float) -> bool:
        return make_model("pxq", tariff_factor=factor, **params).evaluate(caseload).provider_margin > 0

    lo_bound, hi_bound = InspanningsModel.param["tariff_factor"].bounds
    hi = float(hi_bound)
    if not profitable(hi):
        return hi
    lo = hi
    while lo > lo_bound:
        lo = max(float(lo_bound), lo - 0.05)
        if not profitable(lo):
            break
        hi = lo
    else:
        return float(lo_bound)  # profitable even at the lowest factor
    while hi - lo > tolerance:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if profitable(mid) else (mid, hi)
    return (lo + hi) / 2


def check_break_even(answer: object, caseload: pd.DataFrame, tolerance: float = 0.01, **model_params: float) -> Feedback:
    """Lesson 3: the lowest tariff factor at which the provider does not lose money under P x Q."""
    value = read_number(answer, Term("feedback.what_tariff_factor"))
    if isinstance(value, Line):
        return feedback_of([value])
    if value > 5:  # typed as a percentage (95 for 0,95)
        value /= 100
    expected = break_even_tariff_factor(caseload, **model_params)
    shown, typed = format_number(expected, 2), format_number(value, 2)
    params = {k: v for k, v in model_params.items() if k != "tariff_factor"}
    res = make_model("pxq", tariff_factor=min(max(value, 0.5), 1.5), **params).evaluate(caseload)
    margin = f"{format_eur(res.provider_margin, 0)} ({format_pct(res.margin_pct)})"
    if close(value, expected, tolerance):
        return feedback_of([line(True, "break_even_right", expected=shown, margin=margin)])
    today = make_model("pxq", tariff_factor=1.0, **params).evaluate(caseload)
    shortcut = today.provider_cost / today.provider_revenue
    if close(value, shortcut, tolerance) and not close(shortcut, expected, tolerance):
        return feedback_of([line(False, "break_even_shortcut", value=typed, expected=shown)])
    key = "break_even_too_high" if value > expected else "break_even_too_low"
    return feedback_of([line(False, key, value=typed, margin=margin, expected=shown)])
