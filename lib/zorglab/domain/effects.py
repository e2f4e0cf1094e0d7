"""Effectencalculator and effectenarena: who pays and who gains when the old way is replaced.

The calculator prices each case's two scenarios (reference = the old way, intervention = e.g. MDO +
integrated solution) with the social price list and compares cost per payer per year. A negative
saving for one payer next to a positive one for another is the "wrong pocket" problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import param

from zorglab.core.formatting import format_eur
from zorglab.domain.cases import STAKEHOLDER_LABELS, Case
from zorglab.domain.catalogue import PAYERS, price_list

SCENARIOS = ("reference", "intervention")
PAYER_STAKEHOLDER = {"Wmo": "gemeente", "Jeugdwet": "gemeente", "Participatiewet": "gemeente", "Wgs": "gemeente",
                     "Zvw": "zorgverzekeraar", "Wlz": "zorgkantoor", "Overig": "overig"}


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
                                   ["investeerder", "incasseerder"], "neutraal")
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


def wrong_pocket_summary(per_payer: pd.DataFrame, language: str = "nl") -> str:
    """One sentence naming who invests and who collects, from a ``per_payer`` table."""
    inv = per_payer[per_payer["saving"] < -0.005]
    ben = per_payer[per_payer["saving"] > 0.005]
    net = float(per_payer["saving"].sum())
    fmt = lambda rows: ", ".join(f"{r.payer} ({format_eur(abs(r.saving), 0)})" for r in rows.itertuples())  # noqa: E731
    if language == "en":
        verdict = "cheaper" if net > 0 else "more expensive"
        s = f"Across all payers the new way is {verdict} by {format_eur(abs(net), 0)}."
        if len(inv) and len(ben):
            s += f" Investing: {fmt(inv)}; collecting the savings: {fmt(ben)} — the wrong-pocket problem."
        return s
    verdict = "goedkoper" if net > 0 else "duurder"
    s = f"Over alle betalers samen is de nieuwe aanpak {format_eur(abs(net), 0)} {verdict}."
    if len(inv) and len(ben):
        s += f" Investeerders: {fmt(inv)}; incasseerders: {fmt(ben)} — het 'wrong pocket'-probleem."
    return s


def effectenarena(case: Case, calculator: EffectCalculator | None = None, language: str = "nl") -> pd.DataFrame:
    """Tidy chain activity -> output -> outcome -> effect, each row with stakeholder and role.

    Money effects come from the calculator (per payer), non-money effects from the case itself.
    """
    calc = calculator or EffectCalculator()
    en = language == "en"
    priced = calc.priced([case])
    names = price_list().set_index("activity")["name_en" if en else "name_nl"]
    label = lambda s: STAKEHOLDER_LABELS[s][1 if en else 0]  # noqa: E731
    rows: list[dict] = []
    interv = priced[priced["scenario"] == "intervention"].groupby(["activity", "payer", "unit"], as_index=False).agg(
        quantity=("quantity", "sum"), cost_eur=("cost_eur", "sum"))
    for r in interv.itertuples():
        holder = PAYER_STAKEHOLDER[r.payer]
        rows.append({"step": "activiteit", "description": str(names[r.activity]), "stakeholder": label(holder),
                     "role": "investeerder", "kind": "geld", "amount_eur": float(r.cost_eur)})
        rows.append({"step": "output", "description": f"{r.quantity:g} {r.unit} {names[r.activity]}",
                     "stakeholder": label(holder), "role": "investeerder", "kind": "niet-geld", "amount_eur": np.nan})
    rows.append({"step": "outcome",
                 "description": (f"Wellbeing {case.wellbeing_before} → {case.wellbeing_after}" if en
                                 else f"Welbevinden {case.wellbeing_before} → {case.wellbeing_after}"),
                 "stakeholder": label("bewoner"),
                 "role": "incasseerder" if case.wellbeing_after >= case.wellbeing_before else "investeerder",
                 "kind": "niet-geld", "amount_eur": np.nan})
    per_payer = calc.per_payer([case])
    for r in per_payer[per_payer["role"] != "neutraal"].itertuples():
        rows.append({"step": "effect",
                     "description": (f"Net {'saving' if r.saving > 0 else 'extra cost'} {r.payer}" if en
                                     else f"Netto {'besparing' if r.saving > 0 else 'meerkosten'} {r.payer}"),
                     "stakeholder": label(PAYER_STAKEHOLDER[r.payer]), "role": r.role, "kind": "geld",
                     "amount_eur": float(abs(r.saving))})
    for eff in case.arena:
        rows.append({"step": "effect", "description": eff.effect_nl, "stakeholder": label(eff.stakeholder),
                     "role": eff.role, "kind": "niet-geld", "amount_eur": np.nan})
    df = pd.DataFrame(rows)
    df.insert(0, "case_id", case.case_id)
    return df
