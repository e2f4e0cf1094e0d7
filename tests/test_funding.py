"""Funding models on tiny caseloads whose results are computed by hand in the comments.

Common defaults used below: provider cost EUR 55 per staff hour, of which 80% is marginal (EUR 44); the
professional norm kappa = 8; EUR 15 per declaration. Provider behaviour is an outcome: the share of need
delivered is f = 1 + (MR - MC) / (kappa MC), so with nothing paid for an extra unit f = 1 - 1/8 = 0.875.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from zorglab.domain.funding import (
    BASELINE,
    InspanningsModel,
    OutputModel,
    ResultaatModel,
    TaakgerichtModel,
    compare_models,
    make_model,
)


@pytest.fixture
def two_clients() -> pd.DataFrame:
    # A: Wmo begeleiding individueel, 100 h needed at EUR 62.50, 1.0 staff-h per hour, severity 0.2
    # B: Jeugd-GGZ, 40 h needed at EUR 110.00, 1.8 staff-h per hour, severity 0.8
    # No weight column: each row stands for one client.
    return pd.DataFrame({
        "case_id": ["A", "B"], "region": "Rivierenland", "municipality": ["Tiel", "Buren"],
        "law": ["Wmo", "Jeugdwet"], "law_code": [0, 1], "product": ["WMO_BEG_IND", "JW_GGZ"],
        "intensity": [2, 3], "severity": [0.2, 0.8], "needed_units": [100.0, 40.0],
        "tariff_eur": [62.5, 110.0], "staff_hours_per_unit": [1.0, 1.8], "wellbeing_before": [5.0, 4.0],
    })


# By hand, P x Q at contracted tariffs:
# A: MC = 1.0 x 44 = 44 per hour; f = 1 + (62.5 - 44) / (8 x 44) = 1 + 18.5/352; delivered 100 f = 105.2557 h
# B: MC = 1.8 x 44 = 79.2 per hour; f = 1 + (110 - 79.2) / (8 x 79.2) = 1 + 30.8/633.6; delivered 40 f = 41.9444 h
F_A, F_B = 1 + 18.5 / 352, 1 + 30.8 / 633.6


def test_pxq_by_hand(two_clients):
    r = InspanningsModel().evaluate(two_clients)
    rev_a, rev_b = 100 * F_A * 62.5, 40 * F_B * 110.0  # 6578.48 and 4613.89
    assert r.spend_by_law == pytest.approx({"Wmo": rev_a, "Jeugdwet": rev_b})
    # cost = delivered x full unit cost + 12 declarations x 15: A 105.2557 x 55 + 180, B 41.9444 x 99 + 180
    cost_a, cost_b = 100 * F_A * 55 + 180, 40 * F_B * 99 + 180
    assert r.provider_cost == pytest.approx(cost_a + cost_b)
    # both clients are profitable, so nobody is turned away
    assert r.served.tolist() == [1.0, 1.0] and r.behaviour["turned_away"] == 0.0
    # delivered share of the need: (105.2557 + 41.9444) / 140 > 1: every hour pays above its marginal cost
    assert r.behaviour["delivered_share"] == pytest.approx((100 * F_A + 40 * F_B) / 140)
    assert r.behaviour["delivered_share"] > 1
    # one more staff hour earns total revenue / total staff hours = (6578.48 + 4613.89) / (105.2557 + 1.8 x 41.9444)
    per_hour = (rev_a + rev_b) / (100 * F_A + 1.8 * 40 * F_B)
    assert r.incentive.extra_hour_revenue == pytest.approx(per_hour)
    assert r.incentive.extra_hour_margin == pytest.approx(per_hour - 44.0)  # marginal cost, not the full 55
    assert r.declarations == 24 and r.admin_cost == pytest.approx(360.0)


def test_pxq_last_year_is_the_history_budget(two_clients):
    # A lump sum on the 'history' basis with factor 1 pays exactly what P x Q paid: 6578.48 + 4613.89.
    history = TaakgerichtModel(budget_basis="history").evaluate(two_clients)
    assert history.total_spend == pytest.approx(100 * F_A * 62.5 + 40 * F_B * 110.0)


def test_output_by_hand(two_clients):
    r = OutputModel().evaluate(two_clients)
    # Price 0 = each product's last-year cost of need: A 100 x 62.5 = 6250, B 40 x 110 = 4400. The heavier
    # variant of WMO_BEG_IND (WMO_BEG_IND_SPEC) is not in this caseload and JW_GGZ has none: no upcoding.
    assert r.revenue.tolist() == pytest.approx([6250.0, 4400.0])
    assert r.behaviour["upcoded_share"] == 0.0
    # nothing is paid for an extra hour: f = 0.875; cost A = 87.5 x 55 + 15 = 4827.5; B = 35 x 99 + 15 = 3480
    assert r.cost.tolist() == pytest.approx([4827.5, 3480.0])
    assert r.behaviour["delivered_share"] == pytest.approx(0.875)
    assert r.incentive.extra_hour_revenue == 0.0
    assert r.incentive.extra_hour_margin == pytest.approx(-44.0)


def test_output_upcoding_by_hand():
    # Two household-help clients: HH1 needs 100 h at 30.50 (price 3050), HH2 120 h at 34.00 (price 4080).
    # HH2 is HH1's heavier variant: relative gap (4080 - 3050) / 3050; chance to upcode = 0.1 x gap.
    cl = pd.DataFrame({
        "case_id": ["H1", "H2"], "region": "Oss", "municipality": "Oss", "law": "Wmo", "law_code": 0,
        "product": ["WMO_HH1", "WMO_HH2"], "intensity": [1, 2], "severity": [0.5, 0.5], "needed_units": [100.0, 120.0],
        "tariff_eur": [30.5, 34.0], "staff_hours_per_unit": [0.5, 0.58], "wellbeing_before": [6.0, 6.0],
    })
    u = 0.1 * (4080 - 3050) / 3050
    r = OutputModel(upcoding_room=0.1).evaluate(cl)
    assert r.revenue.tolist() == pytest.approx([3050 + u * (4080 - 3050), 4080.0])
    assert r.behaviour["upcoded_share"] == pytest.approx(u / 2)  # one of two clients can go up
    assert OutputModel(upcoding_room=0.0).evaluate(cl).revenue.tolist() == pytest.approx([3050.0, 4080.0])


def test_result_by_hand(two_clients):
    m = ResultaatModel()  # base 60%, achievement 70%, bonus 500, malus 250
    # p_A = 0.7 + 0.3*(0.5-0.2) = 0.79; p_B = 0.7 + 0.3*(0.5-0.8) = 0.61
    assert m.achievement(two_clients["severity"].to_numpy()).tolist() == pytest.approx([0.79, 0.61])
    r = m.evaluate(two_clients)
    # one achieved result is worth the rest of the price + bonus + malus: A 0.4 x 6250 + 750, B 0.4 x 4400 + 750
    assert r.incentive.extra_result_revenue == pytest.approx(((2500 + 750) + (1760 + 750)) / 2)
    # the result pays for delivering up to the need, never beyond it: 0.875 < f <= 1
    assert 0.875 < r.behaviour["delivered_share"] <= 1.0


def test_result_paid_fully_up_front_is_the_output_model(two_clients):
    # base_share 1, no bonus, no malus: nothing depends on the result, so this is a plain trajectory price.
    up_front = ResultaatModel(base_share=1.0, bonus=0.0, malus=0.0).evaluate(two_clients)
    output = OutputModel().evaluate(two_clients)
    assert up_front.revenue.tolist() == pytest.approx(output.revenue.tolist())
    assert up_front.delivered_units.tolist() == pytest.approx(output.delivered_units.tolist(), rel=1e-6)


def test_lumpsum_by_hand(two_clients):
    r = TaakgerichtModel().evaluate(two_clients)
    # Norm basis, factor 1; without a norm_weight column each row stands for one client at the norm too:
    # budget = 100 x 62.5 + 40 x 110 = 10650.
    assert r.total_spend == pytest.approx(10650.0) and r.behaviour["budget"] == pytest.approx(10650.0)
    # f = 0.875; 4 reports x 15 = 60 admin over 2 clients: cost A = 87.5 x 55 + 30 = 4842.5; B = 35 x 99 + 30 = 3495
    assert r.provider_cost == pytest.approx(4842.5 + 3495.0)
    assert r.clients_waiting == 0  # 8337.5 is within the budget
    assert r.incentive.extra_client_revenue == 0.0
    assert r.incentive.extra_client_margin == pytest.approx(-(4842.5 + 3495.0) / 2)
    assert r.incentive.extra_hour_revenue == 0.0 and r.behaviour["delivered_share"] == pytest.approx(0.875)


def test_lumpsum_rations_the_least_severe_by_hand(two_clients):
    # Each row stands for 10 clients; budget 60,000 and 5% tolerated loss: the provider spends at most 63,000.
    # admin 60 / 20 clients = 3 each: cost per client A = 87.5 x 55 + 3 = 4815.5, B = 35 x 99 + 3 = 3468.
    # Most severe first: B's 10 clients cost 34,680; A gets (63,000 - 34,680) / 48,155 = 0.5881 of its 10 clients.
    r = TaakgerichtModel(budget_eur=60_000.0).evaluate(two_clients.assign(weight=10.0))
    assert r.served.tolist() == pytest.approx([28_320 / 48_155, 1.0])
    assert r.provider_cost == pytest.approx(63_000.0)  # it stops where its loss reaches 5% of the budget
    assert r.total_spend == pytest.approx(60_000.0)
    assert r.clients == 20 and r.clients_waiting == 20 - round(10 + 10 * 28_320 / 48_155)  # 4


def test_lumpsum_corridor_by_hand(two_clients):
    m = TaakgerichtModel(corridor_enabled=True, corridor_width=0.02, corridor_share=0.5)
    r = m.evaluate(two_clients)
    budget, cost = 10650.0, 8337.5
    # the provider is 2312.5 under budget; beyond the 2% band (213) half goes back: -0.5 x 2099.5 = -1049.75
    assert m.settlement(budget, cost) == pytest.approx(-1049.75)
    assert r.total_spend == pytest.approx(budget - 1049.75)


def test_lumpsum_waiting_list_takes_least_severe(small_caseload):
    full = TaakgerichtModel().evaluate(small_caseload)
    r = TaakgerichtModel(budget_eur=0.5 * full.total_spend).evaluate(small_caseload)
    assert r.clients_waiting > 0
    severity = small_caseload["severity"].to_numpy()
    waiting, served = severity[r.served == 0.0], severity[r.served == 1.0]
    assert len(waiting) and len(served) and waiting.max() <= served.min()
    before = small_caseload["wellbeing_before"].to_numpy()
    assert np.all(r.wellbeing_after[r.served == 0.0] <= before[r.served == 0.0])  # waiting costs wellbeing


def test_rows_stand_for_their_weight(two_clients):
    # Every row standing for 3 clients triples spend, cost and clients; per-client figures stay the same.
    one = InspanningsModel().evaluate(two_clients)
    three = InspanningsModel().evaluate(two_clients.assign(weight=3.0))
    assert three.total_spend == pytest.approx(3 * one.total_spend)
    assert three.provider_cost == pytest.approx(3 * one.provider_cost)
    assert (one.clients, three.clients) == (2, 6)
    assert three.revenue.tolist() == pytest.approx(one.revenue.tolist())


def test_continuity_risk_when_tariffs_fall_below_cost(small_caseload):
    assert make_model("pxq").evaluate(small_caseload).continuity_risk == "low"
    r = make_model("pxq", tariff_factor=0.7).evaluate(small_caseload)
    assert r.provider_margin < 0 and r.continuity_risk == "high"


def test_higher_tariff_buys_more_hours_at_a_higher_price(small_caseload):
    # Spend = sum of need x f x price: the price rises 30% and f rises with it, so spend rises by more than 30%.
    low = make_model("pxq").evaluate(small_caseload)
    high = make_model("pxq", tariff_factor=1.3).evaluate(small_caseload)
    assert high.behaviour["delivered_share"] > low.behaviour["delivered_share"] > 1
    assert high.total_spend > 1.3 * low.total_spend
    # beyond the need extra hours add nothing to wellbeing, so it rises far less than spend
    assert high.wellbeing_after_mean - low.wellbeing_after_mean < 0.05


def test_a_firmer_professional_norm_keeps_delivery_closer_to_the_need(small_caseload):
    loose = make_model("pxq", professional_norm=2.0).evaluate(small_caseload).behaviour["delivered_share"]
    firm = make_model("pxq", professional_norm=40.0).evaluate(small_caseload).behaviour["delivered_share"]
    assert loose > firm > 1.0
    assert make_model("output", professional_norm=40.0).evaluate(small_caseload).behaviour["delivered_share"] == \
        pytest.approx(1 - 1 / 40)


def test_out_of_range_parameter_names_bounds():
    with pytest.raises(ValueError, match=r"professional_norm.*50\.0"):
        make_model("pxq", professional_norm=100.0)
    with pytest.raises(ValueError, match="budget_basis"):
        make_model("lumpsum", budget_basis="wishful")


def test_unknown_model_lists_valid():
    with pytest.raises(KeyError, match="lumpsum.*output.*pxq.*result"):
        make_model("capitation")


def test_caseload_missing_columns_is_explained(two_clients):
    with pytest.raises(ValueError, match="severity"):
        InspanningsModel().evaluate(two_clients.drop(columns=["severity"]))


def test_compare_models_has_baseline_and_all(small_caseload):
    table = compare_models(small_caseload)
    assert list(table.index)[0] == BASELINE
    assert set(table.index) == {"pxq", "output", "result", "lumpsum"}
    assert (table["total_spend"] == table["provider_revenue"]).all()
    assert {"behaviour_delivered_share", "behaviour_turned_away"} <= set(table.columns)


def _bisect_delivery(coef, mc, kappa, lo=0.5, steps=60):
    """Reference: the provider's choice by plain bisection of MR(f) - MC - kappa MC (f - 1) on [lo, 1)."""
    a, b = np.full(len(coef), lo), np.full(len(coef), 1.0)
    for _ in range(steps):
        mid = (a + b) / 2
        up = coef * np.exp(-3.0 * mid) - mc - kappa * mc * (mid - 1.0) > 0
        a, b = np.where(up, mid, a), np.where(up, b, mid)
    return (a + b) / 2


def test_lambert_w_solves_w_exp_w_equals_z():
    from zorglab.domain.provider_behaviour import lambert_w0

    z = np.array([0.0, 1e-12, 0.1, 1.0, np.e, 10.0, 1e3, 1e8, 1e30, 1e200])
    w = lambert_w0(z)
    assert w[0] == 0.0 and w[3] == pytest.approx(0.5671432904097838, rel=1e-14)  # the omega constant
    assert w[4] == pytest.approx(1.0, rel=1e-14)
    np.testing.assert_allclose(w * np.exp(w), z, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("kappa", [1.0, 2.5, 8.0, 50.0])
def test_closed_form_delivery_matches_bisection(kappa):
    from zorglab.domain.provider_behaviour import optimal_delivery

    rng = np.random.default_rng(7)
    coef = np.concatenate([rng.lognormal(3.0, 2.0, 4000), [0.0, 0.0, 1e-9, 1e9, 5.0]])
    mc = np.concatenate([rng.lognormal(3.0, 1.0, 4000), [10.0, 0.0, 0.0, 30.0, 0.0]])
    f = optimal_delivery(coef, mc, kappa)
    np.testing.assert_allclose(f, _bisect_delivery(coef, mc, kappa), rtol=0, atol=1e-10)
    assert f.min() >= 0.5 and f.max() <= 1.0
    assert f[-1] == 1.0 and f[-4] == 0.5  # no marginal cost: full need if an hour pays anything, else the least
    interior = (f > 0.5 + 1e-6) & (f < 1.0 - 1e-6)
    assert interior.sum() > 100  # the comparison covers real roots, not only the bounds


def test_risk_levels_read_the_dutch_codes_of_older_results():
    from zorglab.domain.vocabulary import RiskLevel

    assert [RiskLevel.parse(c) for c in ("laag", "verhoogd", "hoog", "medium")] == [
        RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.MEDIUM]
    with pytest.raises(ValueError):
        RiskLevel.parse("onbekend")
