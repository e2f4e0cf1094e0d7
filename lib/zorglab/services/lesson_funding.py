"""Lesson 1 (the four funding models): the figures of a model run as a table, and the labels of its parameters.

Why not in the lesson's views: the trainer materials and the tests read the same tables without Panel, and the
numbers come from ``zorglab.domain.funding`` so the lesson's text and figures never disagree. Every word comes from
the catalogue (``messages/lessons.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import param

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import Translator
from zorglab.domain.funding import MODELS, FundingModel, FundingResult, make_model
from zorglab.domain.vocabulary import RiskLevel
from zorglab.services.labels import risk_label
from zorglab.services.scenario_tables import model_label

t = Translator("lessons")

BUDGET_BASES = ("norm", "history")  # the lump sum's basis: a norm per inhabitant, or last year's P x Q spend


def risk_level_of(risk: str) -> RiskLevel:
    """The continuity risk as a ``RiskLevel`` (also from the older Dutch codes 'laag'/'verhoogd'/'hoog')."""
    return RiskLevel.parse(risk)


def risk_word(risk: str, language: str = "nl") -> str:
    """A continuity-risk code in the reader's language."""
    return risk_label(RiskLevel.parse(risk), language)


def param_label(obj: param.Parameterized, name: str, language: str = "nl") -> str:
    """A parameter's slider label: the lesson's words when it has them, else the parameter's own label."""
    key = f"param_{name}"
    return t(key, language) if key in t else (obj.param[name].label or name)


def param_labels(obj: param.Parameterized, names: Sequence[str], language: str = "nl") -> dict[str, dict[str, Any]]:
    """Labels (and option names) for ``pn.Param``'s ``widgets`` argument, in the lesson's language."""
    out: dict[str, dict[str, Any]] = {n: {"label": param_label(obj, n, language)} for n in names}
    if "funding_model" in out:
        out["funding_model"]["options"] = {model_label(k, language): k for k in MODELS}
    if "budget_basis" in out:
        out["budget_basis"]["options"] = {t(f"budget_basis_{b}", language): b for b in BUDGET_BASES}
    return out


def _rows(result: FundingResult) -> list[tuple[str, str]]:
    """(row key, formatted value) of one model run; the keys are worded by ``funding_summary``."""
    inc, beh = result.incentive, result.behaviour
    per_client = result.total_spend / result.clients_exact if result.clients_exact else 0.0
    return [
        ("fs_spend", format_eur(result.total_spend, 0)),
        ("fs_spend_per_client", format_eur(per_client, 0)),
        ("fs_margin", f"{format_eur(result.provider_margin, 0)} ({format_pct(result.margin_pct)})"),
        ("fs_risk", result.continuity_risk),
        ("fs_clients", format_number(result.clients)),
        ("fs_served_waiting", f"{format_number(result.clients_served)} / {format_number(result.clients_waiting)}"),
        ("fs_delivered", format_pct(beh.get("delivered_share", 1.0))),
        ("fs_upcoded", format_pct(beh.get("upcoded_share", 0.0))),
        ("fs_turned_away", format_number(beh.get("turned_away", 0.0))),
        ("fs_wellbeing", f"{format_number(result.wellbeing_before_mean, 2)} → {format_number(result.wellbeing_after_mean, 2)}"),
        ("fs_extra_hour", f"{format_eur(inc.extra_hour_revenue)} / {format_eur(inc.extra_hour_margin)}"),
        ("fs_extra_client", format_eur(inc.extra_client_revenue, 0)),
        ("fs_result_value", format_eur(inc.extra_result_revenue, 0)),
        ("fs_light_minus_heavy", format_eur(inc.margin_light_minus_heavy, 0)),
    ]


def funding_summary(result: FundingResult, language: str = "nl") -> pd.DataFrame:
    """The figures of one model run, formatted for Dutch (or English) readers."""
    rows = _rows(result)
    values = [risk_word(v, language) if key == "fs_risk" else v for key, v in rows]
    return pd.DataFrame({t("indicator", language): [t(key, language) for key, _ in rows], t("value", language): values})


def compare_funding(caseload: pd.DataFrame, models: dict[str, FundingModel] | None = None,
                    language: str = "nl") -> pd.DataFrame:
    """All four models side by side on one caseload (formatted): the 'test' after the prediction."""
    models = models or {k: make_model(k) for k in MODELS}
    tables = [funding_summary(m.evaluate(caseload), language) for m in models.values()]
    cols = {model_label(k, language): tb[t("value", language)].to_numpy() for k, tb in zip(models, tables, strict=True)}
    return pd.DataFrame({t("indicator", language): tables[0][t("indicator", language)], **cols})


def continuity_line(result: FundingResult, language: str = "nl") -> str:
    """Lesson 3's continuity lab: the provider's margin and the continuity risk, in one sentence."""
    return t("continuity_line", language, margin=format_eur(result.provider_margin, 0),
             pct=format_pct(result.margin_pct), risk=risk_word(result.continuity_risk, language))
