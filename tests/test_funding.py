"""Funding models on a two-client caseload whose results are computed by hand in the comments."""

from __future__ import annotations

import pandas as pd
import pytest

from zorglab.funding import (
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
    return pd.DataFrame({
        "case_id": ["A", "B"], "region": "Rivierenland", "municipality": ["Tiel", "Buren"],
        "law": ["Wmo", "Jeugdwet"], "law_code": [0, 1], "product": ["WMO_BEG_IND", "JW_GGZ"],
        "intensity": [2, 3], "severity": [0.2, 0.8], "needed_units": [100.0, 40.0],
        "tariff_eur": [62.5, 110.0], "staff_hours_per_unit": [1.0, 1.8], "wellbeing_before": [5.0, 4.0],
    })


def test_pxq_by_hand(two_clients):
    r = InspanningsModel().evaluate(two_clients)  # 10% supplier-induced demand, 12 declarations of EUR 15
    # A delivers 110 h -> 110*62.5 = 6875; B 44 h -> 44*110 = 4840
    assert r.spend_by_law == pytest.approx({"Wmo": 6875.0, "Jeugdwet": 4840.0})
    # cost A = 110*55 + 12*15 = 6230; cost B = 44*1.8*55 + 180 = 4536
    assert r.provider_cost == pytest.approx(6230.0 + 4536.0)
    assert r.provider_margin == pytest.approx(11715.0 - 10766.0)
    # one more staff hour earns total revenue / total staff hours = 11715 / (110 + 79.2)
    assert r.incentive.extra_hour_revenue == pytest.approx(11715.0 / 189.2)
    assert r.incentive.extra_hour_margin == pytest.approx(11715.0 / 189.2 - 55.0)
    assert r.declarations == 24 and r.admin_cost == pytest.approx(360.0)


def test_output_by_hand(two_clients):
    r = OutputModel().evaluate(two_clients)  # prices 5500/10200/14800, 10% upcoding, 10% fewer hours
    # A (medium): 0.9*10200 + 0.1*14800 = 10660; B (heavy, cannot go up): 14800
    assert r.revenue.tolist() == pytest.approx([10660.0, 14800.0])
    # cost A = 90*55 + 15 = 4965; cost B = 36*1.8*55 + 15 = 3579
    assert r.cost.tolist() == pytest.approx([4965.0, 3579.0])
    assert r.incentive.extra_hour_revenue == 0.0
    assert r.incentive.extra_hour_margin == -55.0


def test_result_by_hand(two_clients):
    m = ResultaatModel()  # base 60%, achievement 70%, bonus 500, malus 250
    # p_A = 0.7 + 0.3*(0.5-0.2) = 0.79; p_B = 0.7 + 0.3*(0.5-0.8) = 0.61
    assert m.achievement(two_clients["severity"].to_numpy()).tolist() == pytest.approx([0.79, 0.61])
    r = m.evaluate(two_clients)
    # A: 0.6*10200 + 0.79*(4080 + 500) - 0.21*250 = 9685.7
    # B: 0.6*14800 + 0.61*(5920 + 500) - 0.39*250 = 12698.7
    assert r.revenue.tolist() == pytest.approx([9685.7, 12698.7])
    # one more achieved result earns the mean of fee + bonus + malus = ((4080+750) + (5920+750)) / 2
    assert r.incentive.extra_result_revenue == pytest.approx(5750.0)


def test_lumpsum_by_hand(two_clients):
    m = TaakgerichtModel()  # budget 95% of historical P x Q (100*62.5 + 40*110 = 10650), 15% under-treatment
    r = m.evaluate(two_clients)
    assert r.total_spend == pytest.approx(0.95 * 10650.0)
    # cost A = 85*55 + (4 reports * 15)/2 = 4705; cost B = 34*1.8*55 + 30 = 3396
    assert r.provider_cost == pytest.approx(4705.0 + 3396.0)
    assert r.clients_waiting == 0  # floor(5% of 2) = 0
    assert r.incentive.extra_client_revenue == 0.0
    assert r.incentive.extra_client_margin == pytest.approx(-(4705.0 + 3396.0) / 2)


def test_lumpsum_corridor_by_hand(two_clients):
    m = TaakgerichtModel(corridor_enabled=True, corridor_width=0.05, corridor_share=0.5)
    r = m.evaluate(two_clients)
    budget, cost = 10117.5, 8101.0
    # the provider is 2016.5 under budget; beyond the 5% band (505.875) half goes back: -755.3125
    assert m.settlement(budget, cost) == pytest.approx(-0.5 * (2016.5 - 505.875))
    assert r.total_spend == pytest.approx(budget - 755.3125)


def test_lumpsum_waiting_list_takes_least_severe(small_caseload):
    r = TaakgerichtModel(waiting_share=0.2).evaluate(small_caseload)
    assert r.clients_waiting == 400
    waiting_severity = small_caseload["severity"].to_numpy()[~r.served]
    served_severity = small_caseload["severity"].to_numpy()[r.served]
    assert waiting_severity.max() <= served_severity.min()
    assert r.wellbeing_after[~r.served].mean() < small_caseload["wellbeing_before"].to_numpy()[~r.served].mean()


def test_continuity_risk_when_tariffs_fall_below_cost(small_caseload):
    assert make_model("pxq").evaluate(small_caseload).continuity_risk == "laag"
    r = make_model("pxq", tariff_factor=0.7).evaluate(small_caseload)
    assert r.provider_margin < 0 and r.continuity_risk == "hoog"


def test_supplier_induced_demand_raises_spend_not_wellbeing(small_caseload):
    low = make_model("pxq", supplier_induced_demand=0.0).evaluate(small_caseload)
    high = make_model("pxq", supplier_induced_demand=0.5).evaluate(small_caseload)
    assert high.total_spend == pytest.approx(1.5 * low.total_spend)
    assert high.wellbeing_after_mean == pytest.approx(low.wellbeing_after_mean)


def test_out_of_range_parameter_names_bounds():
    with pytest.raises(ValueError, match=r"supplier_induced_demand.*1\.0"):
        make_model("pxq", supplier_induced_demand=3.0)


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
