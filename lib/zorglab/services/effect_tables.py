"""The effectencalculator's tables in words: old way vs new way per payer, and the effectenarena chain.

One home for both the explorer's effects tab and the lessons (services layer, so both can use it); the
numbers and codes come from ``zorglab.domain.effects``, the words from the catalogue (``explorer`` and
``domain`` namespaces).
"""

from __future__ import annotations

import pandas as pd

from zorglab.core.formatting import format_eur, format_number
from zorglab.core.i18n import Translator
from zorglab.domain import case_text
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import product_name
from zorglab.services.labels import payer_label, payer_short, role_label, stakeholder_label, unit_label

t = Translator("explorer")


def eur0(value: float) -> str:
    return format_eur(value, 0)


def signed_eur(diff: float) -> str:
    """'+ € 1.234' / '− € 1.234' / '± € 0'."""
    return ("+ " if diff > 0 else "− " if diff < 0 else "± ") + eur0(abs(diff))


def payer_display(per_payer: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Old way vs new way per payer, formatted (the one home of this table: explorer and lesson 4 use it)."""
    return pd.DataFrame({
        t("payer", language): [payer_label(p, language) for p in per_payer["payer"]],
        t("old_way", language): per_payer["reference"].map(eur0),
        t("new_way", language): per_payer["intervention"].map(eur0),
        t("saving", language): [signed_eur(v) for v in per_payer["saving"]],
        t("role", language): [role_label(r, language) for r in per_payer["role"]],
    })


def arena_description(row: pd.Series, language: str = "nl", case: Case | None = None) -> str:
    """One effectenarena row in words (the model gives codes: activity, payer, wellbeing, the case's text)."""
    if row["step"] == "activity":
        return product_name(row["subject"], language)
    if row["step"] == "output":
        return t("arena_output", language, quantity=format_number(row["quantity"], 0 if row["quantity"] == int(
            row["quantity"]) else 1), unit=unit_label(row["unit"], language, row["quantity"]),
            activity=product_name(row["subject"], language))
    if row["subject"] == "wellbeing":
        return t("arena_wellbeing", language, before=format_number(row["before"]), after=format_number(row["after"]))
    if row["subject"] == "case_effect":  # the case's own words, translated where the case library has them
        return case_text.arena_effects(case, language)[int(row["effect_index"])][2] if case else str(row["text_nl"])
    key = "arena_net_saving" if row["role"] == "beneficiary" else "arena_net_cost"
    return t(key, language, payer=payer_short(row["subject"], language))


def arena_display(arena: pd.DataFrame, language: str = "nl", case: Case | None = None) -> pd.DataFrame:
    return pd.DataFrame({
        t("col_step", language): [t(f"step_{s}", language) for s in arena["step"]],
        t("col_description", language): [arena_description(r, language, case) for _, r in arena.iterrows()],
        t("col_stakeholder", language): [stakeholder_label(s, language) for s in arena["stakeholder"]],
        t("role", language): [role_label(r, language) for r in arena["role"]],
        t("col_amount", language): ["" if pd.isna(v) else format_eur(v, 0) for v in arena["amount_eur"]],
    })
