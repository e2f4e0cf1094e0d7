"""Effectencalculator and effectenarena: who pays and who gains when the old way is replaced.

The calculator prices each case's two scenarios (reference = the old way, intervention = e.g. MDO +
integrated solution) with the social price list and compares cost per payer per year. A negative
saving for one payer next to a positive one for another is the "wrong pocket" problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import param

from zorglab.domain.cases import Case
from zorglab.domain.catalogue import PAYERS, price_list
from zorglab.domain.vocabulary import ArenaRole, Payer, Stakeholder

SCENARIOS = ("reference", "intervention")
PAYER_STAKEHOLDER = {p.value: p.stakeholder.value for p in Payer}  # kept for callers; see Payer.stakeholder


def events_frame(cases: list[Case]) -> pd.DataFrame:
    """All scenario events of the cases, one row per event, priced (cost = quantity x unit price)."""
    rows = [
        (c.case_id, scenario, e.year, e.activity, e.quantity)
        for c in cases for scenario in SCENARIOS for e in getattr(c.scenarios, scenario)
    ]
    df = pd.DataFrame(rows, columns=["case_id", "scenario", "year", "activity", "quantity"])
    prices = price_list().set_index("activity")
    df["payer"] = df["activity"].map(prices["payer"])
    df["unit"] = df["activity"].map(prices["unit"])
    df["unit_price_eur"] = df["activity"].map(prices["unit_price_eur"])
    df["cost_eur"] = df["quantity"] * df["unit_price_eur"]
    return df


class EffectCalculator(param.Parameterized):
    """Prices scenarios over a horizon, optionally discounted, and shows savings per payer."""

    horizon_years = param.Integer(3, bounds=(1, 3), doc="Years of the timeline that count.")
    discount_rate = param.Number(0.0, bounds=(0.0, 0.10), step=0.005,
        doc="Yearly discount rate for later years (0 = nominal, as most field calculators do).")
    price_index = param.Number(1.0, bounds=(0.5, 2.0), step=0.01, doc="Multiplier on every unit price.")

    def priced(self, cases: list[Case]) -> pd.DataFrame:
        df = events_frame(cases)
        df = df[df["year"] <= self.horizon_years].copy()
        factor = self.price_index / (1.0 + self.discount_rate) ** (df["year"] - 1)
        df["cost_eur"] = df["cost_eur"] * factor
        return df

    def per_payer_year(self, cases: list[Case]) -> pd.DataFrame:
        """Cost per case, payer and year in both scenarios and the saving (reference - intervention)."""
        df = self.priced(cases)
        table = df.pivot_table(index=["case_id", "payer", "year"], columns="scenario", values="cost_eur",
                               aggfunc="sum", fill_value=0.0)
        table = table.reindex(columns=list(SCENARIOS), fill_value=0.0)
        table.columns.name = None
        table["saving"] = table["reference"] - table["intervention"]
        return table.reset_index()

    def per_payer(self, cases: list[Case]) -> pd.DataFrame:
        """Totals per payer over the horizon and all given cases; every payer appears, even at zero."""
        yearly = self.per_payer_year(cases)
        totals = yearly.groupby("payer")[["reference", "intervention", "saving"]].sum()
        totals = totals.reindex(list(PAYERS), fill_value=0.0)
        totals["role"] = np.select([totals["saving"] < -0.005, totals["saving"] > 0.005],
                                   [ArenaRole.INVESTOR.value, ArenaRole.BENEFICIARY.value], ArenaRole.NEUTRAL.value)
        return totals.reset_index().rename(columns={"index": "payer"})

    def per_case(self, cases: list[Case]) -> pd.DataFrame:
        """Totals per case over all payers, with the payers that invest and the payers that gain."""
        yearly = self.per_payer_year(cases)
        by_payer = yearly.groupby(["case_id", "payer"])["saving"].sum().reset_index()
        totals = yearly.groupby("case_id")[["reference", "intervention", "saving"]].sum()
        investors = by_payer[by_payer["saving"] < -0.005].groupby("case_id")["payer"].agg(", ".join)
        gainers = by_payer[by_payer["saving"] > 0.005].groupby("case_id")["payer"].agg(", ".join)
        totals["investors"] = investors.reindex(totals.index).fillna("")
        totals["beneficiaries"] = gainers.reindex(totals.index).fillna("")
        totals["wrong_pocket"] = (totals["investors"] != "") & (totals["beneficiaries"] != "") & (
            ~totals.apply(lambda r: bool(set(r["investors"].split(", ")) & set(r["beneficiaries"].split(", "))), axis=1)
        )
        return totals.reset_index()


def wrong_pocket_sides(per_payer: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """From a ``per_payer`` table: the payers that invest, those that collect, and the net saving (EUR)."""
    inv = per_payer[per_payer["saving"] < -0.005]
    ben = per_payer[per_payer["saving"] > 0.005]
    return inv, ben, float(per_payer["saving"].sum())


def effectenarena(case: Case, calculator: EffectCalculator | None = None) -> pd.DataFrame:
    """Tidy chain activity -> output -> outcome -> effect, each row with stakeholder and role (codes only).

    Columns: ``step`` (activity / output / outcome / effect), ``subject`` (activity code, payer code,
    'wellbeing' or 'case_effect'), ``quantity`` and ``unit`` (outputs), ``before``/``after`` (the outcome),
    ``effect_index``/``text_nl`` (which of the case's own non-money effects, and its Dutch words), ``stakeholder`` (a ``Stakeholder``),
    ``role`` (an ``ArenaRole``), ``kind`` (money / non_money) and ``amount_eur``. Views word them.
    Money effects come from the calculator (per payer), non-money effects from the case itself.
    """
    calc = calculator or EffectCalculator()
    priced = calc.priced([case])
    rows: list[dict] = []
    interv = priced[priced["scenario"] == "intervention"].groupby(["activity", "payer", "unit"], as_index=False).agg(
        quantity=("quantity", "sum"), cost_eur=("cost_eur", "sum"))
    for r in interv.itertuples():
        holder = Payer.parse(r.payer).stakeholder.value
        rows.append({"step": "activity", "subject": r.activity, "stakeholder": holder,
                     "role": ArenaRole.INVESTOR.value, "kind": "money", "amount_eur": float(r.cost_eur)})
        rows.append({"step": "output", "subject": r.activity, "quantity": float(r.quantity), "unit": r.unit,
                     "stakeholder": holder, "role": ArenaRole.INVESTOR.value, "kind": "non_money"})
    better = case.wellbeing_after >= case.wellbeing_before
    rows.append({"step": "outcome", "subject": "wellbeing", "before": float(case.wellbeing_before),
                 "after": float(case.wellbeing_after), "stakeholder": Stakeholder.RESIDENT.value,
                 "role": (ArenaRole.BENEFICIARY if better else ArenaRole.INVESTOR).value, "kind": "non_money"})
    per_payer = calc.per_payer([case])
    for r in per_payer[per_payer["role"] != ArenaRole.NEUTRAL].itertuples():
        rows.append({"step": "effect", "subject": r.payer, "stakeholder": Payer.parse(r.payer).stakeholder.value,
                     "role": r.role, "kind": "money", "amount_eur": float(abs(r.saving))})
    for i, eff in enumerate(case.arena):
        rows.append({"step": "effect", "subject": "case_effect", "effect_index": i, "text_nl": eff.effect_nl,
                     "stakeholder": eff.stakeholder, "role": ArenaRole.parse(eff.role).value, "kind": "non_money"})
    columns = ["step", "subject", "quantity", "unit", "before", "after", "effect_index", "text_nl", "stakeholder",
               "role", "kind", "amount_eur"]
    df = pd.DataFrame(rows).reindex(columns=columns)
    df.insert(0, "case_id", case.case_id)
    return df
