"""Scenario model: baseline, levers, caching, tables, explanation and URL round trip with clamping."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from zorglab.funding import make_model
from zorglab.generator import generate_caseload
from zorglab.scenario import (
    AV_WELLBEING_GAIN,
    Scenario,
    _pool,
    compare_scenarios,
    prevention_reduction,
    scenario_clients,
)

N = 1000


def pool_for(region="Rivierenland", n=N, seed=1, year=2022) -> pd.DataFrame:
    # The scenario generates N x 1.5 clients once so demand growth up to 50% needs no new caseload.
    return generate_caseload(region, math.ceil(n * 1.5), seed=seed, year=year)


def test_default_scenario_equals_the_baseline():
    res = Scenario(n_clients=N).evaluate()
    assert res.municipal_spend == pytest.approx(res.baseline_spend)
    assert res.spend_difference == pytest.approx(0.0)
    # The baseline is P x Q with default behaviour on the first N generated clients.
    expected = make_model("pxq").evaluate(pool_for().iloc[:N])
    assert res.baseline_spend == pytest.approx(expected.total_spend)
    assert res.baseline.clients == N


def test_tariff_lever_scales_pxq_spend_but_not_the_baseline():
    sc = Scenario(n_clients=N, tariff_factor=1.2)
    res = sc.evaluate()
    # P x Q revenue is linear in the tariff: 1.2 x the baseline spend.
    assert res.municipal_spend == pytest.approx(1.2 * res.baseline_spend)
    assert res.baseline_spend == pytest.approx(make_model("pxq").evaluate(pool_for().iloc[:N]).total_spend)


def test_model_knobs_are_delegated_to_the_funding_models():
    sc = Scenario(n_clients=N, funding_model="result", tariff_factor=1.1, bonus=800.0, achievement_rate=0.6)
    kwargs = sc.model_params()
    # Trajectory prices scale with the tariff lever: 1.1 x 5500 = 6050.
    assert kwargs["price_light"] == pytest.approx(6050.0)
    expected = make_model("result", **kwargs).evaluate(pool_for().iloc[:N])
    assert sc.evaluate().result.total_spend == pytest.approx(expected.total_spend)
    assert sc.knobs() == ("achievement_rate", "bonus", "malus", "base_share", "result_efficiency")


def test_demand_growth_volume_and_cost_per_hour_apply_to_both():
    sc = Scenario(n_clients=N, demand_growth=0.2, volume_factor=1.1, provider_cost_per_hour=60.0)
    res = sc.evaluate()
    assert res.baseline.clients == 1200 == res.clients  # round(1000 x 1.2)
    rows = pool_for().iloc[:1200]
    rows = rows.assign(needed_units=rows["needed_units"] * 1.1)
    expected = make_model("pxq", provider_cost_per_hour=60.0).evaluate(rows)
    assert res.baseline_spend == pytest.approx(expected.total_spend)
    assert res.baseline.provider_cost == pytest.approx(expected.provider_cost)
    assert res.municipal_spend == pytest.approx(res.baseline_spend)


def test_general_provision_moves_light_wmo_clients_to_a_budget():
    sc = Scenario(n_clients=N, general_provision_share=1.0, av_budget_per_client=2000.0)
    res = sc.evaluate()
    pool = pool_for().iloc[:N]
    light_wmo = (pool["law"] == "Wmo") & (pool["intensity"] == 1)
    n_light = int(light_wmo.sum())
    assert n_light > 50
    assert res.av_clients == n_light
    assert res.av_budget == pytest.approx(2000.0 * n_light)
    assert res.result.clients == N - n_light and res.clients == N
    individual = make_model("pxq").evaluate(pool[~light_wmo])
    assert res.municipal_spend == pytest.approx(individual.total_spend + 2000.0 * n_light)
    spend = sc.spend_table()
    assert spend.set_index("line").loc["algemene_voorziening", "scenario_eur"] == pytest.approx(2000.0 * n_light)
    assert spend.set_index("line").loc["totaal", "scenario_eur"] == pytest.approx(res.municipal_spend)
    # Wellbeing: individual results plus the general-provision gain, averaged over everybody.
    av_after = np.clip(pool.loc[light_wmo, "wellbeing_before"] + AV_WELLBEING_GAIN, 1, 10).sum()
    assert res.wellbeing_after == pytest.approx((individual.wellbeing_after.sum() + av_after) / N)


def test_prevention_lowers_demand_and_costs_money():
    sc = Scenario(n_clients=N, prevention_per_client=250.0)
    res = sc.evaluate()
    # r = 0.15 x (1 - e^-1) = 0.0948 -> round(1000 x 0.9052) = 905 clients; cost 250 x 1000 = 250,000
    assert res.prevention_reduction == pytest.approx(0.15 * (1 - math.exp(-1)))
    assert res.clients == 905 and res.clients_prevented == 95
    assert res.prevention_cost == pytest.approx(250_000.0)
    individual = make_model("pxq").evaluate(pool_for().iloc[:905])
    assert res.municipal_spend == pytest.approx(individual.total_spend + 250_000.0)
    # Diminishing returns: the second 250 euro buys less than the first.
    assert prevention_reduction(500) - prevention_reduction(250) < prevention_reduction(250)
    assert scenario_clients(100, 0.0, 1.0) == 1  # never an empty caseload


def test_lumpsum_creates_waiting_list_and_incentive_to_deliver_less():
    sc = Scenario(n_clients=N, funding_model="lumpsum", waiting_share=0.1, under_treatment=0.2)
    res = sc.evaluate()
    assert res.clients_waiting == 100  # floor(0.1 x 1000)
    assert res.result.incentive.extra_hour_margin == pytest.approx(-55.0)
    text = sc.explain("nl")
    assert "Onder lumpsum verdient de aanbieder aan goedkopere arrangementen" in text
    assert "onderbehandeling" in text and "100 cliënten staan op de wachtlijst" in text
    assert "Under a lump sum" in sc.explain("en")


def test_continuity_warning_when_providers_lose_money():
    sc = Scenario(n_clients=N, tariff_factor=0.7)  # P x Q at 70% of the tariffs: providers make a loss
    res = sc.evaluate()
    assert res.result.continuity_risk == "hoog"
    assert "continuïteit van zorg" in sc.explain("nl")
    assert "continuity of care" in sc.explain("en")


def test_slider_change_reuses_the_cached_caseload():
    sc = Scenario(n_clients=N, seed=5)
    sc.evaluate()
    misses = _pool.cache_info().misses
    first = sc.evaluate()
    assert sc.evaluate() is first  # unchanged parameters: memoised
    sc.tariff_factor = 1.1
    sc.funding_model = "lumpsum"
    sc.general_provision_share = 0.3
    sc.evaluate()
    assert _pool.cache_info().misses == misses
    sc.seed = 6
    sc.evaluate()
    assert _pool.cache_info().misses == misses + 1


def test_tables_and_exports():
    sc = Scenario(n_clients=N, funding_model="output")
    summary = sc.summary_table("en").set_index("indicator")
    res = sc.evaluate()
    assert summary.loc["municipal_spend", "scenario"] == pytest.approx(res.municipal_spend)
    assert summary.loc["municipal_spend", "difference"] == pytest.approx(res.municipal_spend - res.baseline_spend)
    assert summary.loc["clients_waiting", "label"] == "Clients waiting"
    incent = sc.incentive_table().set_index("incentive")
    assert incent.loc["extra_hour_revenue", "scenario_eur"] == 0.0
    assert incent.loc["extra_hour_revenue", "baseline_eur"] > 0
    params = sc.parameters_table("nl").set_index("parameter")
    assert set(params.index) == set(Scenario.query_names())
    assert params["source"].str.len().min() > 5
    assert params.loc["funding_model", "value"] == "output"
    csv = pd.read_csv(io.StringIO(sc.to_csv()))
    assert set(csv["table"]) == {"summary", "spend", "incentive", "parameters"}
    sheets = pd.read_excel(io.BytesIO(sc.to_excel("en")), sheet_name=None)
    assert list(sheets) == ["summary", "spend", "incentive", "parameters"]
    assert sheets["spend"]["scenario_eur"].iloc[-1] == pytest.approx(res.municipal_spend)


def test_query_round_trip_restores_the_scenario():
    a = Scenario(n_clients=N, funding_model="lumpsum", budget_factor=0.9, corridor_enabled=True,
                 general_provision_share=0.35, region="Oss", year=2018)
    b = Scenario()
    notices = b.apply_query({k: str(v) for k, v in a.to_query().items()})  # URLs carry strings
    assert notices == []
    assert b.values() == a.values()
    assert b.evaluate().municipal_spend == pytest.approx(a.evaluate().municipal_spend)


@pytest.mark.parametrize(("raw", "name", "used"), [
    ({"tariff_factor": "9"}, "tariff_factor", 1.5),
    ({"tariff_factor": "-3"}, "tariff_factor", 0.5),
    ({"n_clients": "abc"}, "n_clients", 5000),
    ({"n_clients": 10**9}, "n_clients", 200_000),
    ({"seed": 3.4}, "seed", 3),
    ({"region": "Mars"}, "region", "Rivierenland"),
    ({"funding_model": "bribe"}, "funding_model", "pxq"),
    ({"corridor_enabled": "maybe"}, "corridor_enabled", False),
    ({"demand_growth": "nan"}, "demand_growth", 0.0),
    ({"year": 1900}, "year", 2015),
])
def test_tampered_query_loads_nearest_valid_value_with_notice(raw, name, used):
    values, notices = Scenario.from_query({**raw, "unknown_key": "x"})
    assert values[name] == used
    assert [n.parameter for n in notices] == [name]
    assert "allowed" in notices[0].message("en") and "toegestaan" in notices[0].message("nl")
    sc = Scenario(n_clients=N)
    sc.apply_query(raw)
    assert getattr(sc, name) == used


def test_query_accepts_case_insensitive_choices_silently():
    values, notices = Scenario.from_query({"region": "oss", "funding_model": "LUMPSUM", "corridor_enabled": "ja"})
    assert values == {"region": "Oss", "funding_model": "lumpsum", "corridor_enabled": True}
    assert notices == []


def test_compare_scenarios_side_by_side():
    a = Scenario(n_clients=N, funding_model="output")
    b = Scenario(n_clients=N, funding_model="lumpsum")
    table = compare_scenarios({"Traject": a, "Budget": b}, "nl").set_index("indicator")
    assert list(table.columns) == ["label", "Basislijn (P x Q)", "Traject", "Budget"]
    assert table.loc["municipal_spend", "Budget"] == pytest.approx(b.evaluate().municipal_spend)
    assert table.loc["municipal_spend", "Basislijn (P x Q)"] == pytest.approx(a.evaluate().baseline_spend)
    assert compare_scenarios({}).empty


def test_cached_recompute_equals_a_fresh_scenario():
    # The explorer reuses split caseloads across slider moves; every step must match a scenario built from scratch.
    moving = Scenario(n_clients=2000, general_provision_share=0.3, funding_model="lumpsum")
    for growth, share in [(0.0, 0.3), (0.05, 0.3), (0.4, 0.3), (-0.2, 0.3), (-0.2, 0.6), (0.5, 0.6), (0.1, 1.0)]:
        moving.param.update(demand_growth=growth, general_provision_share=share)
        fresh = Scenario(n_clients=2000, general_provision_share=share, funding_model="lumpsum", demand_growth=growth)
        a, b = moving.evaluate(), fresh.evaluate()
        assert (a.result.total_spend, a.av_clients, a.result.clients_served) == \
            (b.result.total_spend, b.av_clients, b.result.clients_served), (growth, share)
