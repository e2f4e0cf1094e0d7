"""The equations registry evaluates to what the code computes, on a tiny hand-made caseload.

Each equation's ``compute`` is an independent numpy re-implementation of its formula; these tests hold it
against ``zorglab.domain.funding`` / ``zorglab.domain.scenario`` / ``zorglab.domain.sizing``, and a few against values worked
out by hand in the comments.

Hand-made caseload (6 rows), columns: product, intensity c, severity σ, need q, tariff p, hours h,
wellbeing W, weight w (real clients the row stands for), norm weight ν (clients at the national rate)
  1: Wmo      WMO_BEG_IND      c=2 σ=0.5 q=150 p=62.5 h=1.0  W=5 w=100 ν=80
  2: Wmo      WMO_BEG_IND      c=2 σ=0.2 q=100 p=62.5 h=1.0  W=6 w=300 ν=240
  3: Wmo      WMO_BEG_IND_SPEC c=3 σ=0.8 q=120 p=78   h=1.3  W=3 w=50  ν=40
  4: Wmo      WMO_BEG_GRP      c=1 σ=0.1 q=200 p=42   h=0.7  W=7 w=200 ν=160
  5: Jeugdwet JW_AMB_BASIS     c=1 σ=0.3 q=60  p=75   h=1.25 W=6 w=150 ν=180
  6: Jeugdwet JW_AMB_SPEC      c=2 σ=0.9 q=80  p=95   h=1.6  W=4 w=50  ν=60
Heavier variants priced in this caseload: WMO_BEG_IND -> WMO_BEG_IND_SPEC, JW_AMB_BASIS -> JW_AMB_SPEC
(JW_AMB_SPEC -> JW_GGZ and WMO_BEG_GRP -> WMO_DAGB_ZWAAR are not in it: no upcoding there).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zorglab.core.errors import UnknownNameError
from zorglab.domain.equations import EQUATIONS, GROUPS, get_equation
from zorglab.domain.funding import make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.provider_behaviour import (
    achievement_curve,
    caseload_arrays,
    delivered_share,
    ration,
    rationing_cap,
    selection_rate,
    upcoding_share,
    wellbeing_after,
)
from zorglab.domain.regions import get_region
from zorglab.domain.scenario import Scenario, av_wellbeing_gain, prevention_reduction
from zorglab.domain.sizing import caseload_size, municipality_rates, rates_from_figures
from zorglab.services.equation_words import equation_text, equation_title, reference_markdown, symbol_meanings


@pytest.fixture
def tiny() -> pd.DataFrame:
    return pd.DataFrame({
        "case_id": [f"T-{i}" for i in range(1, 7)], "region": "Oss", "municipality": "Oss",
        "law": ["Wmo", "Wmo", "Wmo", "Wmo", "Jeugdwet", "Jeugdwet"],
        "law_code": np.array([0, 0, 0, 0, 1, 1], dtype=np.int8),
        "product": ["WMO_BEG_IND", "WMO_BEG_IND", "WMO_BEG_IND_SPEC", "WMO_BEG_GRP", "JW_AMB_BASIS", "JW_AMB_SPEC"],
        "intensity": np.array([2, 2, 3, 1, 1, 2], dtype=np.int8), "severity": [0.5, 0.2, 0.8, 0.1, 0.3, 0.9],
        "needed_units": [150.0, 100.0, 120.0, 200.0, 60.0, 80.0],
        "tariff_eur": [62.5, 62.5, 78.0, 42.0, 75.0, 95.0],
        "staff_hours_per_unit": [1.0, 1.0, 1.3, 0.7, 1.25, 1.6],
        "wellbeing_before": [5.0, 6.0, 3.0, 7.0, 6.0, 4.0],
        "weight": [100.0, 300.0, 50.0, 200.0, 150.0, 50.0],
        "norm_weight": [80.0, 240.0, 40.0, 160.0, 180.0, 60.0],
    })


def arrays(df: pd.DataFrame) -> dict[str, np.ndarray]:
    return {c: df[c].to_numpy() for c in df.columns}


def params(model) -> dict:
    return {n: getattr(model, n) for n in model.param if n != "name"}


def compute(key: str, data, p):
    return get_equation(key).compute(data, p)


# ---- worked out by hand ---------------------------------------------------------------------------------
def test_delivered_share_by_hand():
    p = {"provider_cost_per_hour": 55.0, "marginal_cost_share": 0.8, "professional_norm": 8.0}
    # tariff 62.5 per hour, 1.0 h per unit: MC = 0.8 x 1.0 x 55 = 44; f = 1 + (62.5 - 44) / (8 x 44) = 1 + 18.5/352
    assert compute("marginal_cost", {"staff_hours_per_unit": [1.0]}, p) == pytest.approx([44.0])
    f = compute("delivered_share", {"marginal_revenue": [62.5], "staff_hours_per_unit": [1.0]}, p)
    assert f == pytest.approx([1.052557], abs=1e-6)
    assert delivered_share(62.5, 44.0, 8.0) == pytest.approx(f)
    # nothing paid for an extra unit (MR = 0): f = 1 - 1/8 = 0.875; κ = 1.5: 1 - 1/1.5 = 0.333 -> floor 0.5
    mr0 = {"marginal_revenue": [0.0, 0.0], "staff_hours_per_unit": [1.0, 2.0]}
    np.testing.assert_allclose(compute("delivered_share", mr0, p), [0.875, 0.875])
    np.testing.assert_allclose(compute("delivered_share", mr0, {**p, "professional_norm": 1.5}), [0.5, 0.5])
    # paid far above cost: 1 + (500 - 44) / 352 = 2.30 -> ceiling 1.5
    assert compute("delivered_share", {"marginal_revenue": [500.0], "staff_hours_per_unit": [1.0]}, p) == [1.5]


def test_rationing_cap_and_corridor_settlement_by_hand():
    cap = get_equation("rationing_cap").compute
    corridor = {"budget": 100.0, "tolerated_loss": 0.05, "corridor_enabled": True, "corridor_width": 0.02,
                "corridor_share": 0.5}
    # with a corridor: 100 x (1 + 0.02 + 0.03 / 0.5) = 108; without: 100 x 1.05 = 105
    assert cap({}, corridor) == pytest.approx(108.0)
    assert rationing_cap(100.0, 0.05, True, 0.02, 0.5) == pytest.approx(108.0)
    assert cap({}, {**corridor, "corridor_enabled": False}) == pytest.approx(105.0) == rationing_cap(100.0, 0.05)
    # a loss within the band (t = 0.01 <= w = 0.02): the corridor never pays, 100 x 1.01 = 101
    assert cap({}, {**corridor, "tolerated_loss": 0.01}) == pytest.approx(101.0)
    assert cap({}, {**corridor, "corridor_share": 1.0}) == math.inf == rationing_cap(100.0, 0.05, True, 0.02, 1.0)

    settle = get_equation("corridor_settlement").compute
    model = make_model("lumpsum", corridor_enabled=True, corridor_width=0.02, corridor_share=0.5)
    p = params(model)
    # L = 1000, C = 1100: 0.5 x (100 - 0.02 x 1000) = 40 paid to the provider; C = 900: 40 back; C = 1010: in the band
    for c, expected in ((1100.0, 40.0), (900.0, -40.0), (1010.0, 0.0)):
        assert settle({}, {**p, "budget": 1000.0, "cost": c}) == pytest.approx(expected)
        assert model.settlement(1000.0, c) == pytest.approx(expected)
    assert settle({}, {**p, "corridor_enabled": False, "budget": 1000.0, "cost": 1100.0}) == 0.0


def test_selection_upcoding_and_rationing_by_hand():
    # revenue 1000, cost 1200, π 0.5: 0.5 x 200 / 1000 = 0.10; a profitable client: 0; no revenue but a loss: 0.5 x 1
    d = {"revenue": np.array([1000.0, 1000.0, 0.0]), "cost": np.array([1200.0, 800.0, 10.0])}
    z = compute("selection_rate", d, {"selection_propensity": 0.5})
    np.testing.assert_allclose(z, [0.1, 0.0, 0.5])
    np.testing.assert_allclose(selection_rate(d["revenue"] - d["cost"], d["revenue"], 0.5), z)

    # price 10,000, heavier variant 12,000, room 0.1: u = 0.1 x 0.2 = 0.02; expected price 0.98 x 10,000 + 0.02 x 12,000
    up = {"product": ["WMO_BEG_IND", "WMO_BEG_IND_SPEC"], "intensity": [2, 3], "needed_units": [1.0, 1.0],
          "tariff_eur": [10_000.0, 12_000.0]}
    u = compute("output_upcoding", up, {"upcoding_room": 0.1})
    np.testing.assert_allclose(u, [0.02, 0.0])
    assert upcoding_share(np.array([10_000.0]), np.array([12_000.0]), 0.1) == pytest.approx([0.02])
    assert (1 - u[0]) * 10_000 + u[0] * 12_000 == pytest.approx(10_040.0)

    # costs 100, 200, 50 per client; weights 2, 1, 4 (rows cost 200, 200, 200); severity 0.2, 0.9, 0.5; cap 450:
    # most severe first: row 2 (200, spent 200), row 3 (200, spent 400), row 1 gets (450 - 400) / 200 = 0.25
    r = {"cost": np.array([100.0, 200.0, 50.0]), "weight": np.array([2.0, 1.0, 4.0]),
         "severity": np.array([0.2, 0.9, 0.5])}
    served = compute("rationing_order", r, {"cap": 450.0})
    np.testing.assert_allclose(served, [0.25, 1.0, 1.0])
    np.testing.assert_allclose(ration(r["cost"], r["weight"], r["severity"], 450.0), served)
    np.testing.assert_allclose(compute("rationing_order", r, {"cap": 600.0}), [1.0, 1.0, 1.0])  # total 600 fits


def test_sizing_by_hand():
    # 50,000 inhabitants, 20% aged 0-17, 10% of them with youth care: 50,000 x 0.2 x 0.1 = 1,000
    p = {"population": 50_000, "youth_share": 0.2, "jeugdhulp_pct": 10.0, "wmo_per_1000": 60.0}
    assert compute("jeugdwet_clients", {}, p) == pytest.approx(1000.0)
    # 60 Wmo clients per 1,000, 60% with a catalogue product: 50,000 x 0.06 x 0.6 = 1,800
    assert compute("wmo_clients", {}, p) == pytest.approx(1800.0)
    wmo, jw = rates_from_figures(0.2, 10.0, 60.0)
    assert (50_000 * wmo, 50_000 * jw) == pytest.approx((1800.0, 1000.0))
    # a stratum of 1,800 clients drawn as 3 rows: each row stands for 600; 1,000 clients in 2 rows: 500 each
    w = compute("sample_weight", {"stratum": ["Wmo", "JW", "Wmo", "Wmo", "JW"]},
                {"stratum_clients": {"Wmo": 1800.0, "JW": 1000.0}})
    np.testing.assert_allclose(w, [600, 500, 600, 600, 500])


def test_achievement_wellbeing_prevention_and_general_provision_by_hand():
    # g(0.5) = (1 - e^-1.5) / (1 - e^-3) = 0.776870 / 0.950213 = 0.817574; g(1) = g(1.2) = 1
    np.testing.assert_allclose(achievement_curve(np.array([0.5, 1.0, 1.2])), [0.817574, 1.0, 1.0], atol=1e-6)
    # p0 = clip(0.7 + 0.3 x (0.5 - σ)) = 0.82 at σ = 0.1; at f = 0.5 the chance is 0.82 x 0.817574 = 0.670411
    # (a κ this low and no pay for the result: the provider drops to the floor f = 0.5)
    p = {"achievement_rate": 0.7, "base_share": 1.0, "bonus": 0.0, "malus": 0.0, "upcoding_room": 0.0,
         "provider_cost_per_hour": 55.0, "marginal_cost_share": 0.8, "professional_norm": 1.0}
    d = {"severity": [0.1], "needed_units": [10.0], "staff_hours_per_unit": [1.0], "tariff_eur": [50.0],
         "intensity": [1], "product": ["WMO_BEG_GRP"]}
    assert compute("result_achievement", d, p) == pytest.approx([0.670411], abs=1e-6)
    # W = 5, G = 2, half the need delivered: 5 + 2 x 0.817574 = 6.635148; served 3/4, waiting 1/4 at 5 - 0.3:
    # 0.75 x 6.635148 + 0.25 x 4.7 = 6.151361
    wd = {"wellbeing_before": [5.0], "needed_units": [100.0], "delivered_units": [50.0], "served": [0.75]}
    wb = compute("wellbeing", wd, {"wellbeing_gain_max": 2.0})
    assert wb == pytest.approx([6.151361], abs=1e-6)
    assert wellbeing_after(np.array([5.0]), np.array([100.0]), np.array([50.0]), np.array([0.75]), 2.0) == pytest.approx(wb)
    # r(250) = 0.15 x (1 - e^-1) = 0.094818
    assert compute("prevention", {}, {"prevention_per_client": 250.0}) == pytest.approx(0.094818, abs=1e-6)
    assert prevention_reduction(250.0) == pytest.approx(0.15 * (1 - math.exp(-1)))
    # 100 moved clients + 20% new = 120 participants x € 2,500 = € 300,000; budget € 180,000: gain 1.0 x 0.6
    gp = {"weight": np.full(4, 25.0), "av_extra_uptake": 0.2, "av_cost_per_participant": 2500.0}
    assert compute("av_participants", gp, gp) == pytest.approx(120.0)
    assert compute("av_cost", gp, gp) == pytest.approx(300_000.0)
    assert compute("av_wellbeing_gain", {}, {"av_budget": 180_000.0, "av_cost": 300_000.0}) == pytest.approx(0.6)
    assert av_wellbeing_gain(180_000.0, 300_000.0) == pytest.approx(0.6)
    assert compute("av_wellbeing_gain", {}, {"av_budget": 400_000.0, "av_cost": 300_000.0}) == pytest.approx(1.0)


# ---- against the funding models on the tiny caseload ------------------------------------------------------
def test_marginal_cost_matches_models(tiny):
    model = make_model("pxq")
    mc = compute("marginal_cost", arrays(tiny), params(model))
    # 0.8 x 55 x h: 44, 44, 57.2, 30.8, 55, 70.4
    np.testing.assert_allclose(mc, [44.0, 44.0, 57.2, 30.8, 55.0, 70.4])
    np.testing.assert_allclose(model.unit_costs(caseload_arrays(tiny))[1], mc)


def _check_outcomes(res, d, p, declarations):
    """Provider cost, wellbeing and continuity risk from the equations agree with a FundingResult."""
    dd = {**d, "delivered_units": res.delivered_units, "served": res.served, "declarations": declarations}
    assert compute("provider_cost", dd, p) == pytest.approx(res.provider_cost, rel=1e-12)
    np.testing.assert_allclose(compute("wellbeing", dd, p), res.wellbeing_after, rtol=1e-12)
    risk = compute("continuity_risk", d, {"revenue": res.provider_revenue, "cost": res.provider_cost})
    assert risk == res.continuity_risk


@pytest.mark.parametrize("tariff_factor", [1.0, 0.8])
def test_pxq_equations(tiny, tariff_factor):
    # at 0.8 the tariff (50/h) is below full cost (55/h): loss-making clients are turned away
    model = make_model("pxq", tariff_factor=tariff_factor)
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    delivered = compute("pxq_delivered", d, p)
    np.testing.assert_allclose(res.delivered_units, delivered, rtol=1e-12)
    revenue = delivered * tariff_factor * d["tariff_eur"]
    cost = delivered * d["staff_hours_per_unit"] * 55.0 + 12 * 15.0
    z = compute("selection_rate", {"revenue": revenue, "cost": cost}, p)
    np.testing.assert_allclose(res.served, 1.0 - z, rtol=1e-12)
    assert (z > 0).any() == (tariff_factor < 1.0)
    assert compute("pxq_revenue", d, p) == pytest.approx(res.total_spend, rel=1e-12)
    assert compute("pxq_extra_hour", d, p) == pytest.approx(res.incentive.extra_hour_revenue, rel=1e-12)
    _check_outcomes(res, d, p, 12.0)


@pytest.mark.parametrize("class_prices", [{}, {"price_medium": 9000.0, "price_heavy": 12_000.0}])
def test_output_equations(tiny, class_prices):
    model = make_model("output", **class_prices)
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    a = caseload_arrays(tiny)
    price = compute("output_price", d, p)
    np.testing.assert_allclose(model.product_prices(a), price, rtol=1e-12)
    if not class_prices:
        # WMO_BEG_IND: (100 x 150 + 300 x 100) x 62.5 / 400 = 7031.25; the others have one row: q x p
        np.testing.assert_allclose(price, [7031.25, 7031.25, 9360.0, 8400.0, 4500.0, 7600.0])
    u = compute("output_upcoding", d, p)
    expected_price, upcoded = model.expected_price(a)
    heavier = price[[2, 2, 2, 3, 5, 5]]  # rows 1-2 -> WMO_BEG_IND_SPEC, 5 -> JW_AMB_SPEC, the rest their own price
    np.testing.assert_allclose((1 - u) * price + u * heavier, expected_price, rtol=1e-12)
    assert np.average(u, weights=d["weight"]) == pytest.approx(upcoded, rel=1e-12)
    assert u[2] == u[3] == u[5] == 0.0 and u[0] > 0 and u[4] > 0  # only where a dearer heavier variant is priced
    np.testing.assert_allclose(compute("output_delivered", d, p), res.delivered_units, rtol=1e-12)
    np.testing.assert_allclose(res.delivered_units, d["needed_units"] * 0.875)  # 1 - 1/8
    assert compute("output_revenue", d, p) == pytest.approx(res.total_spend, rel=1e-12)
    _check_outcomes(res, d, p, 1.0)


@pytest.mark.parametrize("knobs", [{}, {"bonus": 3000.0, "malus": 1000.0, "base_share": 0.3, "professional_norm": 3.0}])
def test_result_equations(tiny, knobs):
    model = make_model("result", **knobs)
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    delivered = compute("result_delivered", d, p)
    np.testing.assert_allclose(res.delivered_units, delivered, rtol=1e-9)
    # the achievement chance read back from the revenue per client: R = β P̃ + a ((1 - β) P̃ + B) - (1 - a) M
    price, beta = model.expected_price(caseload_arrays(tiny))[0], p["base_share"]
    a_code = (res.revenue - beta * price + p["malus"]) / ((1 - beta) * price + p["bonus"] + p["malus"])
    np.testing.assert_allclose(compute("result_achievement", d, p), a_code, rtol=1e-9)
    assert compute("result_revenue", d, p) == pytest.approx(res.total_spend, rel=1e-9)
    _check_outcomes(res, d, p, 2.0)


@pytest.mark.parametrize(("basis", "factor", "corridor"), [
    ("norm", 1.0, False),  # budget covers the cost: everybody served
    ("norm", 0.7, False),  # cost beyond L (1 + t): the least severe wait
    ("norm", 0.7, True),  # corridor: more is delivered beyond the band, the cap rises to 1.08 L
    ("norm", 1.3, True),  # surplus beyond the band: the municipality recovers part of it
    ("history", 0.9, False),
])
def test_lumpsum_equations(tiny, basis, factor, corridor):
    model = make_model("lumpsum", budget_basis=basis, budget_factor=factor, corridor_enabled=corridor)
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    budget = compute("lumpsum_budget", d, p)
    assert budget == pytest.approx(res.behaviour["budget"], rel=1e-12)
    if basis == "norm":
        # Σ ν q p = 80x150x62.5 + 240x100x62.5 + 40x120x78 + 160x200x42 + 180x60x75 + 60x80x95 = 5,234,400
        assert budget == pytest.approx(factor * 5_234_400.0)
    delivered = compute("lumpsum_delivered", d, p)
    np.testing.assert_allclose(res.delivered_units, delivered, rtol=1e-12)
    reports = 4 / d["weight"].sum()  # 4 reports a year for the whole contract, spread over the 850 clients
    cost = delivered * d["staff_hours_per_unit"] * 55.0 + reports * 15.0
    cap = compute("rationing_cap", d, {**p, "budget": budget})
    served = compute("rationing_order", {**d, "cost": cost}, {"cap": cap})
    np.testing.assert_allclose(res.served, served, rtol=1e-12)
    assert (served < 1).any() == (factor == 0.7)
    assert compute("lumpsum_revenue", d, p) == pytest.approx(res.total_spend, rel=1e-12)
    total_cost = float(np.sum(cost * d["weight"] * served))
    settlement = compute("corridor_settlement", d, {**p, "budget": budget, "cost": total_cost})
    assert res.total_spend == pytest.approx(budget + settlement, rel=1e-12)
    assert (settlement < 0) == (factor == 1.3)
    _check_outcomes(res, d, p, reports)


# ---- against sizing and the scenario -----------------------------------------------------------------------
def test_sizing_matches_caseload_size_and_generator():
    region = get_region("Rivierenland", 2022)
    strata = caseload_size(region)
    for _, row in strata.iterrows():
        r = municipality_rates(row["cbs_code"] or None)
        p = {"population": row["population"], "youth_share": r.youth_share, "jeugdhulp_pct": r.jeugdhulp_pct,
             "wmo_per_1000": r.wmo_per_1000}
        key = "wmo_clients" if row["law"] == "Wmo" else "jeugdwet_clients"
        assert compute(key, {}, p) == pytest.approx(row["clients"], rel=1e-12)
    cl = generate_caseload("Rivierenland", 60, seed=3)
    stratum = (cl["municipality"] + "|" + cl["law"]).to_numpy()
    label = strata["municipality"] + "|" + strata["law"]
    for column, basis in (("weight", "clients"), ("norm_weight", "norm_clients")):
        w = compute("sample_weight", {"stratum": stratum}, {"stratum_clients": dict(zip(label, strata[basis], strict=True))})
        np.testing.assert_allclose(cl[column].to_numpy(), w, rtol=1e-12)


def test_scenario_equations_match_scenario_code():
    sc = Scenario(region="Oss", n_clients=300, demand_growth=0.1, prevention_per_client=250.0,
                  general_provision_share=0.5, av_budget_factor=0.4, av_cost_per_participant=6000.0,
                  funding_model="output")
    res = sc.evaluate()
    pool = sc.pool()
    p = sc.values()
    d = arrays(pool)
    moved = np.isin(d["product"], ["WMO_BEG_GRP", "WMO_BEG_IND"]) & (d["_u"] < 0.5)  # begeleiding (Lindendaal)
    assert moved.any() and not moved.all()

    w_scen = compute("scenario_weights", d, p)
    w_base = compute("scenario_weights", d, {**p, "prevention_per_client": 0.0})
    np.testing.assert_allclose(res.baseline.weight, w_base, rtol=1e-12)
    np.testing.assert_allclose(res.result.weight, w_scen[~moved], rtol=1e-12)
    assert res.clients_prevented == pytest.approx(w_base.sum() - w_scen.sum(), rel=1e-9)

    # general provision: budget on last year's P x Q (the sample's own weights, before this year's growth:
    # the budget is set before the year), participants on this year's weights
    base_p = {**params(make_model("pxq", **sc.baseline_params())), **p}
    moved_base = {k: v[moved] for k, v in d.items()} | {"weight": np.asarray(d["weight"], dtype=float)[moved]}
    moved_scen = {k: v[moved] for k, v in d.items()} | {"weight": w_scen[moved]}
    b_av = compute("av_budget", moved_base, base_p)
    assert b_av == pytest.approx(res.general.budget, rel=1e-12)
    n_av = compute("av_participants", moved_scen, p)
    assert n_av == pytest.approx(res.general.participants, rel=1e-12)
    c_av = compute("av_cost", moved_scen, p)
    assert c_av == pytest.approx(res.general.cost, rel=1e-12)
    gain = compute("av_wellbeing_gain", {}, {"av_budget": b_av, "av_cost": c_av})
    assert 0 < gain < 1.0  # 40% of last year's spend does not cover € 6,000 per participant
    before = d["wellbeing_before"][moved]
    after = np.sum(np.clip(before + gain, 1, 10) * w_scen[moved]) * (1 + sc.av_extra_uptake)
    assert after == pytest.approx(res.general.wellbeing_after_sum, rel=1e-12)

    # the individual provision: the output model's own equation on the rows that stay
    stay = {k: v[~moved] for k, v in d.items()} | {"weight": w_scen[~moved]}
    model_p = params(make_model("output", **sc.model_params()))
    assert compute("output_revenue", stay, model_p) == pytest.approx(res.result.total_spend, rel=1e-12)
    spend = compute("municipal_spend", {}, {"model_spend": res.result.total_spend, "av_budget": b_av,
                                            "prevention_per_client": 250.0, "baseline_clients": w_base.sum()})
    assert spend == pytest.approx(res.municipal_spend, rel=1e-12)


# ---- the registry itself -------------------------------------------------------------------------------------
EXPECTED_KEYS = {
    "sizing": {"jeugdwet_clients", "wmo_clients", "sample_weight"},
    "common": {"marginal_cost", "delivered_share", "selection_rate", "provider_cost", "wellbeing", "continuity_risk"},
    "pxq": {"pxq_delivered", "pxq_revenue", "pxq_extra_hour"},
    "output": {"output_price", "output_upcoding", "output_delivered", "output_revenue"},
    "result": {"result_achievement", "result_delivered", "result_revenue"},
    "lumpsum": {"lumpsum_budget", "lumpsum_delivered", "rationing_cap", "rationing_order", "corridor_settlement",
                "lumpsum_revenue"},
    "scenario": {"prevention", "scenario_weights", "av_budget", "av_participants", "av_cost", "av_wellbeing_gain",
                 "municipal_spend"},
}


def test_registry_is_complete_and_renders():
    assert {e.group for e in EQUATIONS} == set(GROUPS) == set(EXPECTED_KEYS)
    for group, keys in EXPECTED_KEYS.items():
        assert {e.key for e in EQUATIONS if e.group == group} == keys
    assert len({e.key for e in EQUATIONS}) == len(EQUATIONS)
    assert all(e.compute is not None and e.latex and e.text for e in EQUATIONS)
    md_nl, md_en = reference_markdown("nl"), reference_markdown("en")
    for e in EQUATIONS:
        assert e.latex in md_nl and equation_title(e, "en") in md_en and equation_title(e, "nl") in md_nl
        assert equation_title(e, "nl") != equation_title(e, "en")
        assert all(meaning in md_nl for _, meaning in symbol_meanings(e, "nl"))
        assert equation_text(e, "nl") in md_nl and equation_text(e, "en") in md_en
    # worded formulas follow the language: the risk rule reads 'hoog als' in Dutch, 'high if' in English
    assert "hoog als" in md_nl and "high if" not in md_nl and "high if" in md_en and "hoog als" not in md_en
    assert "anders s_i = 1" in md_nl and "else s_i = 1" in md_en
    # symbol meanings name the assumed values from the code (hand-checked: WMO_COVERED_SHARE 0.6, gain 1 point)
    assert "(aanname 0.6)" in md_nl and "(assumption 0.6)" in md_en and "(1 punt)" in md_nl
    # parameter tables come from the funding models' and the scenario's own docs
    for name in ("professional_norm", "selection_propensity", "upcoding_room", "tolerated_loss", "budget_basis",
                 "av_budget_factor", "av_cost_per_participant"):
        assert f"`{name}`" in md_nl
    for gone in ("supplier_induced_demand", "under_treatment", "waiting_share", "av_budget_per_client"):
        assert gone not in md_nl
    with pytest.raises(UnknownNameError, match="pxq_revenue"):
        get_equation("nope")
