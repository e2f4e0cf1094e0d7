"""Lesson 2 (from individual support to a general provision): the general provision's year as tables, and the
wording and checks of the exercises whose numbers follow the student's scenario.

Why not in the lesson's views: the answer key (``trainer_materials``) and the tests use the same tables and checks
without Panel. Words: ``messages/lessons.toml``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import Translator
from zorglab.domain import exercises as ex
from zorglab.domain.scenario import Scenario, av_wellbeing_gain
from zorglab.services.lesson_funding import param_labels, risk_word
from zorglab.services.scenario_tables import spend_table

t = Translator("lessons")

# The six levers lesson 2 shows; their labels say that the general provision takes begeleiding, not 'light Wmo'.
GP_LEVERS = ("funding_model", "general_provision_share", "av_budget_factor", "av_extra_uptake", "av_cost_per_participant",
             "prevention_per_client")


def gp_labels(scenario: Scenario, language: str = "nl") -> dict[str, dict[str, object]]:
    """``pn.Param`` widget labels of the levers (the model options worded as in lesson 1)."""
    labels = param_labels(scenario, GP_LEVERS, language)
    for name in GP_LEVERS:
        labels[name]["label"] = t(f"gp_{name}", language)
    return labels


def av_last_year_spend(scenario: Scenario) -> float:
    """What the clients moved to the general provision cost under P x Q last year: the basis of its budget."""
    from zorglab.domain.begeleiding import last_year_spend

    return last_year_spend(scenario)


def general_provision_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """The general provision's year: moved clients, new participants, the fixed budget, cost and wellbeing gain."""
    gp = scenario.evaluate().general
    per_participant = gp.budget / gp.participants if gp.participants else 0.0
    rows = [
        ("gp_moved", format_number(gp.moved_clients)),
        ("gp_new", format_number(gp.new_participants)),
        ("gp_participants", format_number(gp.participants)),
        ("gp_last_year", format_eur(av_last_year_spend(scenario), 0)),
        ("gp_factor", format_number(scenario.av_budget_factor, 2)),
        ("gp_budget", format_eur(gp.budget, 0)),
        ("gp_budget_per_participant", format_eur(per_participant, 0)),
        ("gp_cost_per_participant", format_eur(scenario.av_cost_per_participant, 0)),
        ("gp_cost", format_eur(gp.cost, 0)),
        ("gp_balance", format_eur(gp.margin, 0)),
        ("gp_wellbeing_gain", format_number(av_wellbeing_gain(gp.budget, gp.cost), 2)),
    ]
    return pd.DataFrame({t("indicator", language): [t(k, language) for k, _ in rows],
                         t("value", language): [v for _, v in rows]})


def gp_budget_prompt(scenario: Scenario, language: str = "nl") -> str:
    """Lesson 2, exercise 'the consortium's budget', with the scenario's current numbers."""
    return t("gp_budget_prompt", language, spend=format_eur(av_last_year_spend(scenario), 0),
             factor=format_number(scenario.av_budget_factor, 2))


def check_gp_budget(answer: object, scenario: Scenario) -> ex.Feedback:
    gp = scenario.evaluate().general
    return ex.check_av_budget(answer, av_last_year_spend(scenario), scenario.av_budget_factor, gp.participants,
                              scenario.av_cost_per_participant)


def gp_per_participant_prompt(scenario: Scenario, language: str = "nl") -> str:
    """Lesson 2, exercise 'budget per participant', with the scenario's current numbers."""
    gp = scenario.evaluate().general
    return t("gp_per_participant_prompt", language, budget=format_eur(gp.budget, 0),
             moved=format_number(gp.moved_clients), new=format_number(gp.new_participants),
             cost=format_eur(scenario.av_cost_per_participant, 0))


def check_gp_per_participant(answer: object, scenario: Scenario) -> ex.Feedback:
    gp = scenario.evaluate().general
    return ex.check_av_budget_per_participant(answer, gp.budget, gp.moved_clients, gp.new_participants,
                                              scenario.av_cost_per_participant)


def spend_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """The municipality's spend per line, baseline against scenario."""
    df = spend_table(scenario.evaluate(), language)
    eur = lambda col: df[col].map(lambda v: format_eur(v, 0))  # noqa: E731
    return pd.DataFrame({t("spend_line", language): df["label"], t("baseline_pxq", language): eur("baseline_eur"),
                         t("scenario", language): eur("scenario_eur"), t("difference", language): eur("difference_eur")})


# How each of the scenario's metrics is formatted (the rest are counts); the first four are in the spend table.
_NOT_SHOWN = ("municipal_spend", "provider_revenue", "provider_cost", "wellbeing_before")
_EUR_METRICS = ("spend_per_client", "spend_per_inhabitant", "provider_margin")


def _metric_text(key: str, value: Any, language: str) -> str:
    if key in _EUR_METRICS:
        return format_eur(value, 0)
    if key == "margin_pct":
        return format_pct(value)
    if key == "wellbeing_after":
        return format_number(value, 2)
    if key == "continuity_risk":
        return risk_word(str(value), language)
    return format_number(value)


def scenario_key_figures(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """Clients, margin, waiting list and wellbeing of a scenario against its baseline, formatted."""
    rows = [(t(f"metric_{key}", language), _metric_text(key, v["baseline"], language),
             _metric_text(key, v["scenario"], language))
            for key, v in scenario.evaluate().metrics().items() if key not in _NOT_SHOWN]
    return pd.DataFrame(rows, columns=[t("indicator", language), t("baseline_pxq", language), t("scenario", language)])

