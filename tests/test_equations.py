"""The equations registry evaluates to what the code computes, on a tiny hand-made caseload.

Hand-made caseload (4 clients), columns: intensity c, severity σ, needed q, tariff p, staff hours h, wellbeing w
  1: Wmo      c=1 σ=0.1 q=100 p=30  h=0.5  w=6
  2: Wmo      c=2 σ=0.5 q=150 p=60  h=1.0  w=5
  3: Jeugdwet c=3 σ=0.9 q=40  p=110 h=2.0  w=3
  4: Jeugdwet c=1 σ=0.3 q=60  p=75  h=1.5  w=7
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from zorglab.equations import EQUATIONS, GROUP_LABELS, get_equation, reference_markdown
from zorglab.errors import UnknownNameError
from zorglab.funding import make_model
from zorglab.scenario import Scenario, prevention_reduction, scenario_clients


@pytest.fixture
def tiny() -> pd.DataFrame:
    return pd.DataFrame({
        "case_id": ["T-1", "T-2", "T-3", "T-4"], "region": "Oss", "municipality": "Oss",
        "law": ["Wmo", "Wmo", "Jeugdwet", "Jeugdwet"], "law_code": np.array([0, 0, 1, 1], dtype=np.int8),
        "product": ["WMO_HH1", "WMO_BEG_IND", "JW_GGZ", "JW_AMB_BASIS"],
        "intensity": np.array([1, 2, 3, 1], dtype=np.int8), "severity": [0.1, 0.5, 0.9, 0.3],
        "needed_units": [100.0, 150.0, 40.0, 60.0], "tariff_eur": [30.0, 60.0, 110.0, 75.0],
        "staff_hours_per_unit": [0.5, 1.0, 2.0, 1.5], "wellbeing_before": [6.0, 5.0, 3.0, 7.0],
    })


def arrays(df: pd.DataFrame) -> dict[str, np.ndarray]:
    return {c: df[c].to_numpy() for c in df.columns}


def params(model) -> dict:
    return {n: getattr(model, n) for n in model.param if n != "name"}


def test_pxq_equations_match_hand_values_and_code(tiny):
    model = make_model("pxq")  # s = 0.10, f = 1.0, c_h = 55, c_d = 15, 12 declarations per client
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    delivered = get_equation("pxq_delivered").compute(d, p)
    # d = q x 1.1 = 110, 165, 44, 66
    np.testing.assert_allclose(delivered, [110, 165, 44, 66])
    np.testing.assert_allclose(res.delivered_units, delivered)
    # R = 110x30 + 165x60 + 44x110 + 66x75 = 3300 + 9900 + 4840 + 4950 = 22990
    assert get_equation("pxq_revenue").compute(d, p) == pytest.approx(22990.0)
    assert res.total_spend == pytest.approx(22990.0)
    # hours 55 + 165 + 88 + 99 = 407; one extra hour earns 22990 / 407 = 56.486...
    assert get_equation("pxq_extra_hour").compute(d, p) == pytest.approx(22990.0 / 407)
    assert res.incentive.extra_hour_revenue == pytest.approx(22990.0 / 407)
    # C = 407 h x 55 + 4 x 12 declarations x 15 = 22385 + 720 = 23105
    cost = get_equation("provider_cost").compute(d, {**p, "delivered": delivered, "declarations": 48})
    assert cost == pytest.approx(23105.0)
    assert res.provider_cost == pytest.approx(23105.0)
    # margin -115 / 22990 = -0.5%: a loss, but less than 5% -> 'verhoogd'
    risk = get_equation("continuity_risk").compute(d, {"revenue": 22990.0, "cost": 23105.0})
    assert risk == res.continuity_risk == "verhoogd"
    # full need delivered -> gain G = 2: 8, 7, 5, 9
    wb = get_equation("wellbeing").compute(d, {**p, "delivered": delivered, "served": np.ones(4, bool)})
    np.testing.assert_allclose(wb, [8, 7, 5, 9])
    np.testing.assert_allclose(res.wellbeing_after, wb)


def test_output_equations(tiny):
    model = make_model("output")  # P = 5500 / 10200 / 14800, u = 0.1, e = 0.1
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    # light: 0.9x5500 + 0.1x10200 = 5970; medium: 0.9x10200 + 0.1x14800 = 10660; heavy: 14800
    # R = 5970 + 10660 + 14800 + 5970 = 37400
    assert get_equation("output_revenue").compute(d, p) == pytest.approx(37400.0)
    assert res.total_spend == pytest.approx(37400.0)
    np.testing.assert_allclose(get_equation("output_delivered").compute(d, p), [90, 135, 36, 54])
    np.testing.assert_allclose(res.delivered_units, [90, 135, 36, 54])


def test_result_equations(tiny):
    model = make_model("result")  # β = 0.6, ā = 0.7, B = 500, M = 250
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    # a = 0.7 + 0.3 x (0.5 - σ) = 0.82, 0.70, 0.58, 0.76
    np.testing.assert_allclose(get_equation("result_achievement").compute(d, p), [0.82, 0.70, 0.58, 0.76])
    # 1: 3300 + 0.82x2700 - 0.18x250 = 5469      2: 6120 + 0.70x4580 - 0.30x250 = 9251
    # 3: 8880 + 0.58x6420 - 0.42x250 = 12498.6   4: 3300 + 0.76x2700 - 0.24x250 = 5292   total 32510.6
    assert get_equation("result_revenue").compute(d, p) == pytest.approx(32510.6)
    assert res.total_spend == pytest.approx(32510.6)


@pytest.mark.parametrize("corridor", [False, True])
def test_lumpsum_equations(tiny, corridor):
    model = make_model("lumpsum", waiting_share=0.25, corridor_enabled=corridor, corridor_width=0.0)
    res = model.evaluate(tiny)
    d, p = arrays(tiny), params(model)
    # W = floor(0.25 x 4) = 1: the least severe client (σ = 0.1) waits
    assert get_equation("lumpsum_waiting").compute(d, p) == 1 == res.clients_waiting
    delivered = get_equation("lumpsum_delivered").compute(d, p)
    np.testing.assert_allclose(delivered, [0, 127.5, 34, 51])  # q x 0.85 for the served
    np.testing.assert_allclose(res.delivered_units, delivered)
    budget = 0.95 * (100 * 30 + 150 * 60 + 40 * 110 + 60 * 75)  # 0.95 x 20900 = 19855
    expected = budget
    if corridor:
        # cost = (127.5x1 + 34x2 + 51x1.5) h x 55 + 4 reports x 15 = 272 x 55 + 60 = 15020;
        # deviation 15020 - 19855 = -4835, band 0 -> the municipality recovers 0.5 x 4835
        expected = budget - 0.5 * 4835
    assert get_equation("lumpsum_revenue").compute(d, p) == pytest.approx(expected)
    assert res.total_spend == pytest.approx(expected)


def test_scenario_equations_match_scenario_code():
    # r(250) = 0.15 x (1 - e^-1) = 0.09482; N' = round(1000 x 1.1 x 0.90518) = round(995.70) = 996
    p = {"prevention_per_client": 250.0, "n_clients": 1000, "demand_growth": 0.1}
    r = get_equation("prevention").compute({}, p)
    assert r == pytest.approx(0.15 * (1 - math.exp(-1)))
    assert prevention_reduction(250.0) == pytest.approx(r)
    assert get_equation("scenario_clients").compute({}, p) == 996 == scenario_clients(1000, 0.1, r)

    sc = Scenario(region="Oss", n_clients=1000, demand_growth=0.1, prevention_per_client=250.0,
                  general_provision_share=0.5, funding_model="output")
    res = sc.evaluate()
    assert res.clients == 996
    spend = get_equation("municipal_spend").compute({}, {
        "model_revenue": res.result.total_spend, "av_clients": res.av_clients,
        "av_budget_per_client": sc.av_budget_per_client, "prevention_per_client": 250.0, "n_clients": 1000})
    assert spend == pytest.approx(res.municipal_spend)


def test_registry_is_complete_and_renders():
    assert {e.group for e in EQUATIONS} == set(GROUP_LABELS)
    assert len({e.key for e in EQUATIONS}) == len(EQUATIONS)
    assert all(e.compute is not None and e.latex and e.text for e in EQUATIONS)
    md_nl, md_en = reference_markdown("nl"), reference_markdown("en")
    for e in EQUATIONS:
        assert e.latex in md_nl and e.title_en in md_en
    assert "supplier_induced_demand" in md_nl  # parameter docs come from the funding models
    with pytest.raises(UnknownNameError, match="pxq_revenue"):
        get_equation("nope")
