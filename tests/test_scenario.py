"""Scenario model: baseline, levers, caching, tables, explanation and URL round trip with clamping."""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
import pytest

from zorglab.core.i18n import has
from zorglab.domain.funding import MODELS, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.knobs import KNOBS
from zorglab.domain.regions import get_region
from zorglab.domain.scenario import EXOGENOUS, MODEL_KNOBS, Scenario, _pool, prevention_reduction
from zorglab.services.narrative import explain
from zorglab.services.scenario_tables import (
    compare_scenarios,
    incentive_table,
    notice_message,
    parameters_table,
    summary_table,
    to_csv,
    to_excel,
)

N = 1000


def pool_for(region="Rivierenland", n=N, seed=1, year=2022) -> pd.DataFrame:
    # The scenario's synthetic sample: n rows standing for the region's real clients.
    return generate_caseload(region, n, seed=seed, year=year)


def light_wmo(rows: pd.DataFrame) -> np.ndarray:
    """The clients a general provision takes: begeleiding groep and individueel (Lindendaal source)."""
    return rows["product"].isin(["WMO_BEG_GRP", "WMO_BEG_IND"]).to_numpy()


def test_default_scenario_equals_the_baseline():
    res = Scenario(n_clients=N).evaluate()
    assert res.municipal_spend == pytest.approx(res.baseline_spend)
    assert res.spend_difference == pytest.approx(0.0)
    # The baseline is P x Q with default behaviour on the region's sample.
    pool = pool_for()
    expected = make_model("pxq").evaluate(pool)
    assert res.baseline_spend == pytest.approx(expected.total_spend)
    # Clients are the region's (the rows' weights), not the sample size.
    assert res.baseline.clients_exact == pytest.approx(pool["weight"].sum())
    assert res.baseline.clients != N and res.baseline.sample_size == N
    assert res.population == get_region("Rivierenland").population


def test_spend_per_inhabitant_is_spend_over_the_population():
    res = Scenario(n_clients=N).evaluate()
    m = res.metrics()["spend_per_inhabitant"]
    assert m["baseline"] == pytest.approx(res.baseline_spend / get_region("Rivierenland").population)
    assert m["scenario"] == pytest.approx(res.municipal_spend / res.population)


def test_sample_size_only_changes_precision():
    small, large = Scenario(n_clients=500).evaluate(), Scenario(n_clients=4000).evaluate()
    assert small.clients_exact == pytest.approx(large.clients_exact)  # the same inhabitants, the same clients
    assert small.municipal_spend == pytest.approx(large.municipal_spend, rel=0.1)  # sampling noise only


def test_tariff_lever_raises_pxq_spend_more_than_proportionally_but_not_the_baseline():
    sc = Scenario(n_clients=N, tariff_factor=1.2)
    res = sc.evaluate()
    # Each hour pays 20% more and, paid more above its marginal cost, the provider delivers more hours.
    assert res.municipal_spend > 1.2 * res.baseline_spend
    assert res.result.behaviour["delivered_share"] > res.baseline.behaviour["delivered_share"]
    assert res.baseline_spend == pytest.approx(make_model("pxq").evaluate(pool_for()).total_spend)
    assert res.municipal_spend == pytest.approx(make_model("pxq", tariff_factor=1.2).evaluate(pool_for()).total_spend)


def test_model_knobs_are_delegated_to_the_funding_models():
    sc = Scenario(n_clients=N, funding_model="result", tariff_factor=1.1, bonus=800.0, achievement_rate=0.6,
                  upcoding_room=0.3, professional_norm=12.0)
    kwargs = sc.model_params()
    # The tariff lever is the price factor of trajectory prices; behaviour parameters pass through unchanged.
    assert kwargs["price_factor"] == 1.1 and "tariff_factor" not in kwargs
    assert (kwargs["bonus"], kwargs["achievement_rate"], kwargs["upcoding_room"], kwargs["professional_norm"]) == \
        (800.0, 0.6, 0.3, 12.0)
    expected = make_model("result", **kwargs).evaluate(pool_for())
    assert sc.evaluate().result.total_spend == pytest.approx(expected.total_spend)
    assert sc.knobs() == ("upcoding_room", "achievement_rate", "bonus", "malus", "base_share")


def test_knob_table_names_real_parameters_and_every_knob_is_labelled():
    for knob in KNOBS:
        assert knob.name in Scenario.param, knob.name
        for key, target in knob.maps_to.items():
            assert target in MODELS[key].param, (knob.name, key)
    for knobs in MODEL_KNOBS.values():
        for name in knobs:
            assert name in Scenario.param and has(f"scenario.param_{name}")
    assert all(has(f"scenario.budget_basis_{b}") for b in Scenario.param["budget_basis"].objects)
    # Worked by hand from the table: under 'result' the tariff knob is the trajectory price factor, under
    # 'lumpsum' no tariff at all; the three behaviour conditions reach every model.
    assert Scenario(tariff_factor=1.2, bonus=700.0).model_params("result")["price_factor"] == 1.2
    assert "price_factor" not in Scenario().model_params("lumpsum")
    assert "tariff_factor" not in Scenario().model_params("lumpsum")
    assert set(Scenario().model_params("lumpsum")) == {"provider_cost_per_hour", "professional_norm",
                                                       "selection_propensity", "budget_basis", "budget_factor",
                                                       "tolerated_loss", "corridor_enabled"}
    # The baseline is the old P x Q way under the same conditions: only exogenous parameters reach it.
    assert set(Scenario(tariff_factor=1.3).baseline_params()) <= set(EXOGENOUS)


def test_demand_growth_volume_cost_and_behaviour_apply_to_both():
    sc = Scenario(n_clients=N, demand_growth=0.2, volume_factor=1.1, provider_cost_per_hour=60.0, professional_norm=12.0)
    res = sc.evaluate()
    pool = pool_for()
    # 20% more clients in the region: every row stands for 1.2 times as many; each needs 10% more.
    assert res.baseline.clients_exact == pytest.approx(1.2 * pool["weight"].sum())
    rows = pool.assign(weight=pool["weight"] * 1.2, needed_units=pool["needed_units"] * 1.1)
    expected = make_model("pxq", provider_cost_per_hour=60.0, professional_norm=12.0).evaluate(rows)
    assert res.baseline_spend == pytest.approx(expected.total_spend)
    assert res.baseline.provider_cost == pytest.approx(expected.provider_cost)
    assert res.municipal_spend == pytest.approx(res.baseline_spend)


def test_general_provision_gets_a_fixed_budget_on_last_years_cost():
    sc = Scenario(n_clients=N, general_provision_share=1.0, av_budget_factor=0.8, av_extra_uptake=0.25,
                  av_cost_per_participant=2000.0)
    res, gp = sc.evaluate(), sc.evaluate().general
    pool = pool_for()
    light = light_wmo(pool)
    assert light.sum() > 50
    # All begeleiding clients move; the open access draws a quarter as many new participants.
    moved = float(pool.loc[light, "weight"].sum())
    assert gp.moved_clients == pytest.approx(moved)
    assert gp.new_participants == pytest.approx(0.25 * moved)
    # Budget = 0.8 x what those clients cost under P x Q (the baseline's spend on them).
    base = make_model("pxq").evaluate(pool).per_case()
    last_year = float((base["revenue_eur"] * base["served"] * base["weight"])[light].sum())
    assert gp.budget == pytest.approx(0.8 * last_year)
    assert gp.cost == pytest.approx(1.25 * moved * 2000.0)  # the consortium's cost per participant
    # The municipality pays the individual provision for the others plus the budget.
    individual = make_model("pxq").evaluate(pool[~light])
    assert res.result.clients_exact == pytest.approx(individual.clients_exact)
    assert res.municipal_spend == pytest.approx(individual.total_spend + gp.budget)
    spend = res.spend_table().set_index("line")
    assert spend.loc["algemene_voorziening", "scenario_eur"] == pytest.approx(gp.budget)
    assert spend.loc["totaal", "scenario_eur"] == pytest.approx(res.municipal_spend)


def test_general_provision_wellbeing_gain_shrinks_when_the_budget_does_not_cover_the_cost():
    rich = Scenario(n_clients=N, general_provision_share=1.0, av_budget_factor=2.0, av_cost_per_participant=100.0)
    broke = Scenario(n_clients=N, general_provision_share=1.0, av_budget_factor=0.0)
    g_rich, g_broke = rich.evaluate().general, broke.evaluate().general
    assert g_rich.budget >= g_rich.cost and g_broke.budget == 0.0
    # Fully funded: every participant gains AV_WELLBEING_GAIN = 1 point (below the ceiling of 10).
    gain_rich = (g_rich.wellbeing_after_sum - g_rich.wellbeing_before_sum) / g_rich.participants
    assert 0.9 < gain_rich <= 1.0 + 1e-9  # clipped at 10 for some, so at most the full gain of 1 point
    # No money: nothing can be done for them.
    assert g_broke.wellbeing_after_sum == pytest.approx(g_broke.wellbeing_before_sum)


def test_more_participants_bring_no_more_money():
    sc = Scenario(n_clients=N, general_provision_share=0.6, av_extra_uptake=0.0)
    before = sc.evaluate()
    sc.av_extra_uptake = 0.8
    after = sc.evaluate()
    assert after.general.participants > before.general.participants
    assert after.general.budget == before.general.budget
    assert after.municipal_spend == pytest.approx(before.municipal_spend)
    assert after.general.cost > before.general.cost  # the consortium carries the extra participants
    assert after.clients_exact > before.clients_exact and after.av_clients > before.av_clients


def test_prevention_lowers_demand_and_costs_money():
    sc = Scenario(n_clients=N, prevention_per_client=250.0)
    res = sc.evaluate()
    pool = pool_for()
    clients = float(pool["weight"].sum())
    # r = 0.15 x (1 - e^-1) = 0.0948: 9.5% fewer clients; cost 250 per baseline client
    r = 0.15 * (1 - math.exp(-1))
    assert res.prevention_reduction == pytest.approx(r)
    assert res.clients_exact == pytest.approx(clients * (1 - r))
    assert res.clients_prevented == pytest.approx(clients * r)
    assert res.prevention_cost == pytest.approx(250.0 * clients)
    individual = make_model("pxq").evaluate(pool.assign(weight=pool["weight"] * (1 - r)))
    assert res.municipal_spend == pytest.approx(individual.total_spend + 250.0 * clients)
    # Diminishing returns: the second 250 euro buys less than the first.
    assert prevention_reduction(500) - prevention_reduction(250) < prevention_reduction(250)


def test_lumpsum_below_need_creates_a_waiting_list_and_an_incentive_to_deliver_less():
    sc = Scenario(n_clients=N, funding_model="lumpsum", budget_factor=0.7)
    res = sc.evaluate()
    # The municipality pays the budget: 0.7 x the norm, whatever the provider does.
    norm = Scenario(n_clients=N, funding_model="lumpsum").evaluate().result.total_spend
    assert res.result.total_spend == pytest.approx(0.7 * norm)
    assert res.clients_waiting > 0
    assert res.result.incentive.extra_hour_margin == pytest.approx(-55.0 * 0.8)  # an hour not delivered saves EUR 44
    assert res.result.behaviour["delivered_share"] < 1
    text = explain(res, sc, "nl")
    assert "Onder lumpsum verdient de aanbieder aan goedkopere arrangementen" in text
    assert "onderbehandeling" in text and "cliënten wachten op ondersteuning" in text
    assert "87,5% van de behoefte" in text  # nothing paid for an extra hour: 1 - 1/8 of the need delivered
    assert "Under a lump sum" in explain(res, sc, "en")


def test_lumpsum_on_last_years_spend_pays_what_pxq_paid():
    res = Scenario(n_clients=N, funding_model="lumpsum", budget_basis="history").evaluate()
    assert res.result.total_spend == pytest.approx(res.baseline_spend)  # factor 1 on the old P x Q spend


def test_continuity_warning_when_providers_lose_money():
    sc = Scenario(n_clients=N, tariff_factor=0.7)  # P x Q at 70% of the tariffs: providers make a loss
    res = sc.evaluate()
    assert res.result.continuity_risk == "high"
    assert "continuïteit van zorg" in explain(res, sc, "nl")
    assert "continuity of care" in explain(res, sc, "en")


def test_any_cbs_municipality_is_a_scenario_region():
    sc = Scenario(region="GM0281", n_clients=300)  # Tiel by its CBS code
    assert sc.region == "Tiel"
    res = sc.evaluate()
    assert res.population == 42_277  # CBS, 1 January 2022
    assert res.metrics()["spend_per_inhabitant"]["baseline"] == pytest.approx(res.baseline_spend / 42_277)


def test_slider_change_reuses_the_cached_caseload():
    sc = Scenario(n_clients=N, seed=5)
    sc.evaluate()
    misses = _pool.cache_info().misses
    first = sc.evaluate()
    assert sc.evaluate() is first  # unchanged parameters: memoised
    sc.tariff_factor = 1.1
    sc.funding_model = "lumpsum"
    sc.general_provision_share = 0.3
    sc.demand_growth = 0.4
    sc.evaluate()
    assert _pool.cache_info().misses == misses
    sc.seed = 6
    sc.evaluate()
    assert _pool.cache_info().misses == misses + 1


def test_tables_and_exports():
    sc = Scenario(n_clients=N, funding_model="output")
    res = sc.evaluate()
    summary = summary_table(res, "en").set_index("indicator")
    assert summary.loc["municipal_spend", "scenario"] == pytest.approx(res.municipal_spend)
    assert summary.loc["spend_per_inhabitant", "label"] == "Spend per inhabitant"
    assert summary.loc["clients_waiting", "label"] == "Clients waiting"
    incent = incentive_table(res).set_index("incentive")
    assert incent.loc["extra_hour_revenue", "scenario_eur"] == 0.0
    assert incent.loc["extra_hour_revenue", "baseline_eur"] > 0
    params = parameters_table(sc, "nl").set_index("parameter")
    assert set(params.index) == set(Scenario.query_names())
    assert params["source"].str.len().min() > 5
    assert params.loc["funding_model", "value"] == "output"
    csv = pd.read_csv(io.StringIO(to_csv(sc)))
    assert set(csv["table"]) == {"summary", "spend", "incentive", "parameters"}
    sheets = pd.read_excel(io.BytesIO(to_excel(sc, "en")), sheet_name=None)
    assert list(sheets) == ["summary", "spend", "incentive", "parameters"]
    assert sheets["spend"]["scenario_eur"].iloc[-1] == pytest.approx(res.municipal_spend)


def test_query_round_trip_restores_the_scenario():
    a = Scenario(n_clients=N, funding_model="lumpsum", budget_factor=0.9, budget_basis="history", corridor_enabled=True,
                 general_provision_share=0.35, av_extra_uptake=0.4, region="Oss", year=2018)
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
    ({"budget_basis": "wishful"}, "budget_basis", "norm"),
    ({"corridor_enabled": "maybe"}, "corridor_enabled", False),
    ({"demand_growth": "nan"}, "demand_growth", 0.0),
    ({"av_extra_uptake": "3"}, "av_extra_uptake", 1.0),
    ({"year": 1900}, "year", 2015),
])
def test_tampered_query_loads_nearest_valid_value_with_notice(raw, name, used):
    values, notices = Scenario.from_query({**raw, "unknown_key": "x"})
    assert values[name] == used
    assert [n.parameter for n in notices] == [name]
    assert "allowed" in notice_message(notices[0], "en") and "toegestaan" in notice_message(notices[0], "nl")
    sc = Scenario(n_clients=N)
    sc.apply_query(raw)
    assert getattr(sc, name) == used


def test_query_accepts_case_insensitive_choices_and_municipalities_silently():
    values, notices = Scenario.from_query({"region": "oss", "funding_model": "LUMPSUM", "corridor_enabled": "ja",
                                           "budget_basis": "History"})
    assert values == {"region": "Oss", "funding_model": "lumpsum", "corridor_enabled": True, "budget_basis": "history"}
    assert notices == []
    values, notices = Scenario.from_query({"region": "gm0281"})
    assert values == {"region": "Tiel"} and notices == []


def test_compare_scenarios_side_by_side():
    a = Scenario(n_clients=N, funding_model="output")
    b = Scenario(n_clients=N, funding_model="lumpsum")
    table = compare_scenarios({"Traject": a, "Budget": b}, "nl").set_index("indicator")
    assert list(table.columns) == ["label", "Basislijn (P x Q)", "Traject", "Budget"]
    assert table.loc["municipal_spend", "Budget"] == pytest.approx(b.evaluate().municipal_spend)
    assert table.loc["municipal_spend", "Basislijn (P x Q)"] == pytest.approx(a.evaluate().baseline_spend)
    assert table.loc["spend_per_inhabitant", "Budget"] == pytest.approx(b.evaluate().municipal_spend / b.population())
    assert compare_scenarios({}).empty


def test_cached_recompute_equals_a_fresh_scenario():
    # The explorer reuses the cached sample and baseline across slider moves; every step must match a fresh scenario.
    moving = Scenario(n_clients=2000, general_provision_share=0.3, funding_model="lumpsum")
    for growth, share in [(0.0, 0.3), (0.05, 0.3), (0.4, 0.3), (-0.2, 0.3), (-0.2, 0.6), (0.5, 0.6), (0.1, 1.0)]:
        moving.param.update(demand_growth=growth, general_provision_share=share)
        fresh = Scenario(n_clients=2000, general_provision_share=share, funding_model="lumpsum", demand_growth=growth)
        a, b = moving.evaluate(), fresh.evaluate()
        assert (a.result.total_spend, a.general.budget, a.result.clients_served) == \
            (b.result.total_spend, b.general.budget, b.result.clients_served), (growth, share)


def test_demand_growth_does_not_raise_budgets_set_before_the_year():
    # The lump sum on last year's spend and the general-provision budget are fixed before the year: 20 % more
    # clients this year must not give 20 % more budget (they were 145.1M -> 174.1M before this was fixed).
    from zorglab.domain.scenario import Scenario as S

    common = dict(region="Oss", n_clients=800, seed=3, funding_model="lumpsum", budget_basis="history",
                  general_provision_share=0.5)
    flat, grown = S(**common).evaluate(), S(demand_growth=0.2, **common).evaluate()
    assert grown.result.behaviour["budget"] == pytest.approx(flat.result.behaviour["budget"], rel=1e-12)
    assert grown.general.budget == pytest.approx(flat.general.budget, rel=1e-12)
    assert grown.clients_waiting >= flat.clients_waiting  # the same money for more clients
    assert grown.baseline_spend > flat.baseline_spend  # while P x Q simply pays for the growth


def test_result_tables_on_a_hand_made_year():
    """Every number worked out by hand from a tiny made-up year (no model run): P x Q baseline EUR 1,000 for 10
    clients; the scenario pays 700 for 8 individual clients, a general provision budget of 150 (2 moved + 1 new
    participant) and 50 for prevention."""
    from types import SimpleNamespace

    from zorglab.domain.scenario_result import GeneralProvision, ScenarioResult

    base = SimpleNamespace(total_spend=1000.0, clients_exact=10.0, provider_revenue=1000.0, provider_cost=900.0,
                           provider_margin=100.0, margin_pct=0.1, continuity_risk="low", clients=10,
                           clients_served=10, clients_waiting=0, wellbeing_before_mean=5.0, wellbeing_after_mean=6.0,
                           spend_by_law={"Wmo": 600.0, "Jeugdwet": 400.0}, incentive=None)
    scen = SimpleNamespace(total_spend=700.0, clients_exact=8.0, provider_revenue=700.0, provider_cost=770.0,
                           provider_margin=-70.0, margin_pct=-0.1, continuity_risk="medium", clients=8,
                           clients_served=8, clients_waiting=0, spend_by_law={"Wmo": 300.0, "Jeugdwet": 400.0},
                           caseload=pd.DataFrame({"wellbeing_before": [5.0, 5.0]}), weight=np.array([4.0, 4.0]),
                           wellbeing_after=np.array([7.0, 7.0]), incentive=None)
    gp = GeneralProvision(moved_clients=2.0, new_participants=1.0, budget=150.0, cost=120.0,
                          wellbeing_before_sum=15.0, wellbeing_after_sum=18.0)
    res = ScenarioResult(model_key="pxq", baseline=base, result=scen, baseline_clients=10.0, clients_prevented=0.0,
                         prevention_reduction=0.0, prevention_cost=50.0, general=gp, population=100)
    summary = res.summary_table().set_index("indicator")
    assert summary.loc["municipal_spend", ["baseline", "scenario", "difference"]].tolist() == [1000.0, 900.0, -100.0]
    assert summary.loc["spend_per_inhabitant", "scenario"] == pytest.approx(9.0)  # 900 / 100 inhabitants
    assert summary.loc["spend_per_client", "scenario"] == pytest.approx(900 / 11)  # 8 individual + 3 participants
    assert summary.loc["wellbeing_after", "scenario"] == pytest.approx((7 * 8 + 18) / 11)  # 6.727
    assert summary.loc["wellbeing_before", "scenario"] == pytest.approx(5.0)  # (5 x 8 + 15) / 11
    assert summary.loc["continuity_risk", "difference"] == "low → medium"
    spend = res.spend_table().set_index("line")
    assert spend["difference_eur"].to_dict() == {"maatwerk_Wmo": -300.0, "maatwerk_Jeugdwet": 0.0,
                                                 "algemene_voorziening": 150.0, "preventie_mdo": 50.0, "totaal": -100.0}


def test_every_knob_is_declared_for_the_type_checker():
    import param

    hints = Scenario.__annotations__  # strings: the module uses postponed annotations
    kinds = {"float": param.Number, "bool": param.Boolean, "str": param.Selector}
    for knob in KNOBS:
        assert isinstance(Scenario.param[knob.name], kinds[hints[knob.name]]), knob.name
