"""Reveal statistics: what the trainer shows after a round, computed from the stored answers.

Pure functions on the anonymous answers frame (``IntervisionService.answers_frame``), so notebooks
can recompute them from an export. Agreement uses zorglab.agreement (Fleiss' kappa); money uses the
catalogue tariffs and the social price list, as the effectencalculator does.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zorglab.domain.agreement import agreement_per_case, agreement_summary, spread
from zorglab.domain.cases import STAKEHOLDERS, Case
from zorglab.domain.catalogue import harmonise, harmonised_products, price_list, products
from zorglab.domain.effects import PAYER_STAKEHOLDER, EffectCalculator
from zorglab.domain.vocabulary import ArenaRole

# The arena counts' role columns, in the order the reveal shows them (codes: ``ArenaRole``).
ROLE_COLUMNS = (ArenaRole.INVESTOR.value, ArenaRole.BENEFICIARY.value, ArenaRole.NEUTRAL.value)


def indicatie_ratings(answers: pd.DataFrame) -> pd.DataFrame:
    """One row per participant and case: primary product, its harmonised product, volume and cost per year.

    Cost and volume add up all product lines; agreement is about the primary (first) product.
    """
    cols = ["participant", "case_id", "catalogue", "product", "harmonised_product", "volume", "cost_eur"]
    if answers.empty:
        return pd.DataFrame(columns=cols)
    lines = answers[["participant", "case_id", "catalogue", "payload"]].copy()
    lines["line"] = lines["payload"].map(lambda p: p["lines"])
    lines = lines.explode("line", ignore_index=False).reset_index(names="answer")
    lines["product"] = lines["line"].map(lambda x: x["product"])
    lines["volume"] = lines["line"].map(lambda x: float(x["units_per_week"]) * int(x["weeks"]))
    old_tariff = lines["product"].map(products().set_index("code")["tariff_eur"])
    new_tariff = lines["product"].map(harmonised_products().set_index("code")["tariff_eur"])
    lines["cost_eur"] = lines["volume"] * np.where(lines["catalogue"] == "old", old_tariff, new_tariff)
    first = lines.groupby("answer").first()
    totals = lines.groupby("answer")[["volume", "cost_eur"]].sum()
    out = first[["participant", "case_id", "catalogue", "product"]].join(totals)
    old = out["catalogue"] == "old"
    out["harmonised_product"] = out["product"]
    if old.any():
        out.loc[old, "harmonised_product"] = harmonise(out.loc[old, "product"]).to_numpy()
    return out.reset_index(drop=True)[cols]


@dataclass
class IndicatieReveal:
    ratings: pd.DataFrame
    counts: pd.DataFrame  # case x product: number of participants
    per_case: pd.DataFrame  # agreement per case (cases with >= 2 answers)
    summary: dict | None  # agreement_summary on the products used (None: too few answers)
    summary_harmonised: dict | None  # same answers mapped to the harmonised catalogue
    cost_spread: pd.DataFrame
    n_raters: int = 0


def _rated(ratings: pd.DataFrame) -> pd.DataFrame:
    """Only cases with at least two answers can show agreement."""
    n = ratings.groupby("case_id")["participant"].transform("count")
    return ratings[n >= 2]


def indicatie_reveal(answers: pd.DataFrame) -> IndicatieReveal:
    ratings = indicatie_ratings(answers)
    rated = _rated(ratings)
    counts = pd.crosstab(ratings["case_id"], ratings["product"]) if len(ratings) else pd.DataFrame()
    has = len(rated) > 0
    return IndicatieReveal(
        ratings=ratings,
        counts=counts,
        per_case=agreement_per_case(rated) if has else pd.DataFrame(),
        summary=agreement_summary(rated) if has else None,
        summary_harmonised=agreement_summary(rated, category_col="harmonised_product") if has else None,
        cost_spread=spread(ratings, "cost_eur") if len(ratings) else pd.DataFrame(),
        n_raters=int(ratings["participant"].nunique()) if len(ratings) else 0,
    )


def mdo_lines(answers: pd.DataFrame) -> pd.DataFrame:
    """One row per proposed support: participant, case, activity, payer, quantity, cost (price list)."""
    cols = ["participant", "case_id", "activity", "payer", "quantity", "unit_price_eur", "cost_eur"]
    if answers.empty:
        return pd.DataFrame(columns=cols)
    df = answers[["participant", "case_id", "payload"]].copy()
    df["support"] = df["payload"].map(lambda p: p["supports"])
    df = df.explode("support", ignore_index=True)
    df["activity"] = df["support"].map(lambda s: s["activity"])
    df["quantity"] = df["support"].map(lambda s: float(s["quantity"]))
    prices = price_list().set_index("activity")
    df["payer"] = df["activity"].map(prices["payer"])
    df["unit_price_eur"] = df["activity"].map(prices["unit_price_eur"])
    df["cost_eur"] = df["quantity"] * df["unit_price_eur"]
    return df[cols]


@dataclass
class MdoReveal:
    lines: pd.DataFrame
    per_payer: pd.DataFrame  # case_id, payer, mean_cost_eur (over proposals), reference_eur (case, year 1)
    proposals: pd.DataFrame  # participant, case_id, total_eur, wellbeing_after
    wellbeing: pd.DataFrame  # case_id, before, proposed_mean, case_after


def mdo_reveal(answers: pd.DataFrame, cases: list[Case] | tuple[Case, ...]) -> MdoReveal:
    lines = mdo_lines(answers)
    n_prop = answers.groupby("case_id")["participant"].nunique() if len(answers) else pd.Series(dtype=float)
    per_payer = lines.groupby(["case_id", "payer"], as_index=False)["cost_eur"].sum()
    per_payer["mean_cost_eur"] = per_payer["cost_eur"] / per_payer["case_id"].map(n_prop).to_numpy()
    calc = EffectCalculator(horizon_years=1)
    ids = sorted(set(answers["case_id"])) if len(answers) else []
    chosen = [c for c in cases if c.case_id in ids]
    if chosen:
        ref = calc.per_payer_year(chosen).groupby(["case_id", "payer"], as_index=False)["reference"].sum()
        ref = ref.rename(columns={"reference": "reference_eur"})
        per_payer = per_payer.merge(ref, on=["case_id", "payer"], how="outer").fillna(
            {"mean_cost_eur": 0.0, "reference_eur": 0.0, "cost_eur": 0.0})
        per_payer = per_payer[(per_payer["mean_cost_eur"] > 0) | (per_payer["reference_eur"] > 0)]
    else:
        per_payer["reference_eur"] = pd.Series(dtype=float)
    proposals = lines.groupby(["participant", "case_id"], as_index=False)["cost_eur"].sum().rename(
        columns={"cost_eur": "total_eur"})
    if len(answers):
        wb = answers.assign(wellbeing_after=answers["payload"].map(lambda p: p["wellbeing_after"]))
        proposals = proposals.merge(wb[["participant", "case_id", "wellbeing_after"]], on=["participant", "case_id"])
        by_case = {c.case_id: c for c in cases}
        wellbeing = wb.groupby("case_id", as_index=False)["wellbeing_after"].mean().rename(
            columns={"wellbeing_after": "proposed_mean"})
        wellbeing["before"] = wellbeing["case_id"].map(lambda c: by_case[c].wellbeing_before if c in by_case else np.nan)
        wellbeing["case_after"] = wellbeing["case_id"].map(lambda c: by_case[c].wellbeing_after if c in by_case else np.nan)
    else:
        proposals["wellbeing_after"] = pd.Series(dtype=float)
        wellbeing = pd.DataFrame(columns=["case_id", "proposed_mean", "before", "case_after"])
    return MdoReveal(lines, per_payer.reset_index(drop=True), proposals, wellbeing)


def arena_ratings(answers: pd.DataFrame) -> pd.DataFrame:
    """One row per participant, case and stakeholder with the chosen role (an ``ArenaRole`` code; the old Dutch
    codes of an older export are read as today's)."""
    cols = ["participant", "case_id", "stakeholder", "role", "subject"]
    if answers.empty:
        return pd.DataFrame(columns=cols)
    df = answers[["participant", "case_id", "payload"]].copy()
    df["pair"] = df["payload"].map(lambda p: [(s, ArenaRole.parse(p["roles"][s]).value) for s in STAKEHOLDERS])
    df = df.explode("pair", ignore_index=True)
    df["stakeholder"] = df["pair"].map(lambda x: x[0])
    df["role"] = df["pair"].map(lambda x: x[1])
    df["subject"] = df["case_id"] + " · " + df["stakeholder"]
    return df[cols]


def arena_reference(cases: list[Case] | tuple[Case, ...]) -> pd.DataFrame:
    """Roles according to the case material: effectencalculator (money, per payer) plus the case's arena."""
    rows = []
    if cases:
        per_case = EffectCalculator().per_payer_year(list(cases))
        per_case["stakeholder"] = per_case["payer"].map(PAYER_STAKEHOLDER)
        by = per_case.groupby(["case_id", "stakeholder"])["saving"].sum().reset_index()
        for r in by.itertuples():
            role = ArenaRole.of_saving(r.saving)
            if role is not ArenaRole.NEUTRAL:
                rows.append((r.case_id, r.stakeholder, role.value))
        for c in cases:
            rows.extend((c.case_id, e.stakeholder, ArenaRole(e.role).value) for e in c.arena)
    ref = pd.DataFrame(rows, columns=["case_id", "stakeholder", "reference"]).drop_duplicates(["case_id", "stakeholder"])
    return ref


@dataclass
class ArenaReveal:
    ratings: pd.DataFrame
    counts: pd.DataFrame  # case_id, stakeholder, investor, beneficiary, neutral (ROLE_COLUMNS), reference
    summary: dict | None = field(default=None)


def arena_reveal(answers: pd.DataFrame, cases: list[Case] | tuple[Case, ...]) -> ArenaReveal:
    ratings = arena_ratings(answers)
    if ratings.empty:
        return ArenaReveal(ratings, pd.DataFrame())
    counts = pd.crosstab([ratings["case_id"], ratings["stakeholder"]], ratings["role"]).reindex(
        columns=list(ROLE_COLUMNS), fill_value=0).reset_index()
    counts.columns.name = None
    counts = counts.merge(arena_reference([c for c in cases if c.case_id in set(ratings["case_id"])]),
                          on=["case_id", "stakeholder"], how="left")
    rated = ratings[ratings.groupby("subject")["participant"].transform("count") >= 2]
    summary = agreement_summary(rated, case_col="subject", category_col="role") if len(rated) else None
    return ArenaReveal(ratings, counts, summary)


def anonymous_rationales(answers: pd.DataFrame, seed: int = 0) -> list[tuple[str, str]]:
    """(case_id, text) pairs, shuffled so the order does not reveal who wrote what or when; rationales the
    trainer hid are left out."""
    if "hidden" in answers:
        answers = answers[~answers["hidden"].fillna(False).astype(bool)]
    pairs = [(str(c), str(t)) for c, t in zip(answers.get("case_id", []), answers.get("rationale", []), strict=True)
             if str(t).strip()]
    random.Random(seed).shuffle(pairs)
    return sorted(pairs, key=lambda p: p[0])  # grouped per case, shuffled within a case
