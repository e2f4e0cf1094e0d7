"""Invariants and the direction of each model's incentive, checked over many parameter sets and caseloads.

No test restates a model formula: each asserts a conservation law, an invariance or the *direction* in
which a provider's behaviour moves when the price of an extra unit moves, with the reason in a comment.
"""

from __future__ import annotations

import uuid

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from zorglab import generate_caseload
from zorglab.domain.funding import (
    MODELS,
    InspanningsModel,
    OutputModel,
    ResultaatModel,
    TaakgerichtModel,
    make_model,
)
from zorglab.domain.regions import clear_registered_regions, register_regions
from zorglab.domain.scenario import Scenario, _pool, general_provision

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
REGIONS = st.sampled_from(["Oss", "Westkust", "Lindendaal", "Rivierenland"])
SIZES = st.integers(300, 1000)
SEEDS = st.integers(0, 10_000)


def params_for(model_cls, draw, **fixed):
    """Any valid value of every numeric and choice parameter (fixed ones excepted)."""
    values = {}
    for name, p in model_cls.param.objects("existing").items():
        if name in ("name", "budget_eur") or name in fixed or isinstance(p.default, bool):
            continue
        if getattr(p, "objects", None):
            values[name] = draw(st.sampled_from(list(p.objects)))
        elif getattr(p, "bounds", None) is not None:
            lo, hi = p.bounds
            # Rounded to 6 decimals: a price of 1e-300 euro is not a price (it only overflows a division).
            values[name] = draw(st.integers(lo, hi)) if isinstance(p.default, int) else draw(
                st.floats(lo, hi, allow_nan=False).map(lambda v: round(v, 6)))
    return {**values, **fixed}


@SETTINGS
@given(data=st.data(), key=st.sampled_from(sorted(MODELS)), region=REGIONS, seed=SEEDS, n=st.integers(1, 300))
def test_money_is_conserved_between_payers_and_provider(data, key, region, seed, n):
    cl = generate_caseload(region, n, seed)
    model = MODELS[key](**params_for(MODELS[key], data.draw))
    r = model.evaluate(cl)
    assert sum(r.spend_by_law.values()) == pytest.approx(r.provider_revenue, rel=1e-9, abs=1e-6)
    # rows stand for real clients: the totals count the weights, served is a fraction of each row
    assert r.clients_exact == pytest.approx(cl["weight"].sum())
    assert np.all((r.served >= 0) & (r.served <= 1))
    assert 0 <= r.clients_served <= r.clients
    assert np.all((r.wellbeing_after >= 1) & (r.wellbeing_after <= 10))
    if key != "lumpsum":  # the per-client revenue of the served clients is what the municipality pays
        per_case = r.per_case()
        assert float((per_case["revenue_eur"] * per_case["served"] * per_case["weight"]).sum()) == \
            pytest.approx(r.total_spend, rel=1e-9, abs=1e-6)


# ---- P x Q: every unit is paid, so an extra hour earns and a dearer hour buys more hours -----------------------
@SETTINGS
@given(region=REGIONS, seed=SEEDS, n=SIZES, t1=st.floats(0.5, 1.49), dt=st.floats(0.005, 1.0),
       kappa=st.floats(2.0, 50.0), propensity=st.floats(0.0, 2.0))
def test_pxq_pays_for_an_extra_hour_and_a_higher_tariff_buys_more_of_them(region, seed, n, t1, dt, kappa, propensity):
    cl = generate_caseload(region, n, seed)
    t2 = min(1.5, t1 + dt)
    low = make_model("pxq", tariff_factor=t1, professional_norm=kappa, selection_propensity=propensity).evaluate(cl)
    high = make_model("pxq", tariff_factor=t2, professional_norm=kappa, selection_propensity=propensity).evaluate(cl)
    # The tariff is paid for every delivered unit, so one more hour always earns something.
    assert low.incentive.extra_hour_revenue > 0 and high.incentive.extra_hour_revenue > 0
    # When every client is turned away there is nothing delivered to compare.
    assume(low.served_weight.sum() > 0)
    # A dearer hour pays more above its marginal cost: the provider delivers a larger share of the need.
    # (kappa >= 2 keeps at least the cheap-per-hour products away from the 150% ceiling.)
    assert high.behaviour["delivered_share"] > low.behaviour["delivered_share"]


# ---- output and lump sum: an extra hour earns nothing, so less than the need is delivered ---------------------
@SETTINGS
@given(data=st.data(), key=st.sampled_from(["output", "lumpsum"]), region=REGIONS, seed=SEEDS, n=SIZES)
def test_output_and_lumpsum_pay_nothing_for_an_extra_hour(data, key, region, seed, n):
    cl = generate_caseload(region, n, seed)
    fixed = {"corridor_enabled": False} if key == "lumpsum" else {}  # a corridor pays part of extra cost back
    r = make_model(key, **params_for(MODELS[key], data.draw), **fixed).evaluate(cl)
    assert r.incentive.extra_hour_revenue == 0
    assume(r.served_weight.sum() > 0)
    # Marginal revenue 0 below a positive marginal cost: the professional norm alone keeps delivery up, not to 100%.
    assert r.behaviour["delivered_share"] < 1


# ---- lump sum: a fixed budget -------------------------------------------------------------------------------------
@SETTINGS
@given(data=st.data(), region=REGIONS, seed=SEEDS, n=st.integers(500, 2000))
def test_lumpsum_pays_nothing_for_an_extra_client_and_light_clients_pay_better(data, region, seed, n):
    cl = generate_caseload(region, n, seed)
    r = TaakgerichtModel(**params_for(TaakgerichtModel, data.draw)).evaluate(cl)
    assert r.incentive.extra_client_revenue == 0  # the budget does not grow with the caseload
    # Every client brings the same share of the budget, so margin light - heavy = cost heavy - cost light; in the
    # generated caseloads need grows with severity (x 0.6 + 0.8 severity), so a light client never pays worse.
    assert r.incentive.margin_light_minus_heavy >= 0


@SETTINGS
@given(data=st.data(), region=REGIONS, seed=SEEDS, n=SIZES, b1=st.floats(1e5, 2e8), more=st.floats(0.0, 2e8))
def test_lumpsum_a_higher_budget_never_lengthens_the_waiting_list(data, region, seed, n, b1, more):
    cl = generate_caseload(region, n, seed)
    params = params_for(TaakgerichtModel, data.draw, corridor_enabled=data.draw(st.booleans()))
    low = TaakgerichtModel(budget_eur=b1, **params).evaluate(cl)
    high = TaakgerichtModel(budget_eur=b1 + more, **params).evaluate(cl)
    # More money lets the provider serve at least as many clients before its tolerated loss is reached.
    assert high.clients_waiting <= low.clients_waiting
    assert high.served_weight.sum() >= low.served_weight.sum() - 1e-9


@SETTINGS
@given(data=st.data(), region=REGIONS, seed=SEEDS, scale=st.floats(0.1, 10.0), budget=st.floats(1e4, 1e8))
def test_lumpsum_municipal_spend_is_the_budget_without_a_corridor(data, region, seed, scale, budget):
    cl = generate_caseload(region, 300, seed)
    params = params_for(TaakgerichtModel, data.draw, corridor_enabled=False)
    model = TaakgerichtModel(budget_eur=budget, **params)
    # Whatever the clients need (even ten times as much), the municipality pays the budget, no more, no less.
    assert model.evaluate(cl).total_spend == pytest.approx(budget)
    assert model.evaluate(cl.assign(needed_units=cl["needed_units"] * scale)).total_spend == pytest.approx(budget)
    derived = TaakgerichtModel(**params).evaluate(cl)
    assert derived.total_spend == pytest.approx(derived.behaviour["budget"])


# ---- general provision: a fixed budget, participants are an outcome ------------------------------------------------
@SETTINGS
@given(region=REGIONS, seed=st.integers(0, 20), share=st.floats(0.05, 1.0), factor=st.floats(0.0, 2.0),
       u1=st.floats(0.0, 1.0), u2=st.floats(0.0, 1.0), cost=st.floats(100.0, 10_000.0))
def test_more_participants_never_change_the_general_provision_spend(region, seed, share, factor, u1, u2, cost):
    sc = Scenario(region=region, n_clients=300, seed=seed, general_provision_share=share, av_budget_factor=factor,
                  av_cost_per_participant=cost, av_extra_uptake=u1)
    a = sc.evaluate()
    sc.av_extra_uptake = u2
    b = sc.evaluate()
    # Open access draws more (or fewer) people; the budget was fixed before the year.
    assert b.general.budget == a.general.budget
    assert b.municipal_spend == pytest.approx(a.municipal_spend, rel=1e-12)
    spend = {r.spend_table().set_index("line").loc["algemene_voorziening", "scenario_eur"] for r in (a, b)}
    assert len(spend) == 1
    # ...so the same money is shared by the participants there are: more of them, less each.
    if u2 > u1 + 0.01 and a.general.moved_clients > 0:
        assert b.general.participants > a.general.participants
        assert b.general.budget / b.general.participants <= a.general.budget / a.general.participants


@SETTINGS
@given(seed=SEEDS, n=st.integers(1, 200), factor=st.floats(0.0, 2.0), u1=st.floats(0.0, 1.0), u2=st.floats(0.0, 1.0))
def test_general_provision_budget_does_not_depend_on_uptake(seed, n, factor, u1, u2):
    rows = generate_caseload("Lindendaal", n, seed)
    baseline = InspanningsModel().evaluate(rows)
    moved = rows["intensity"].to_numpy() == 1
    a = general_provision(rows[moved], baseline, moved, factor, u1, 2500.0)
    b = general_provision(rows[moved], baseline, moved, factor, u2, 2500.0)
    assert a.budget == b.budget
    if u2 >= u1:  # only the provider's cost follows the uptake
        assert b.cost >= a.cost


# ---- caseload size: money and clients follow the population, not the sample ----------------------------------------
CBS_CODES = st.sampled_from(["GM0281", "GM0828", "GM0344", None])  # Tiel, Oss, Utrecht, a fictional place


@pytest.fixture
def region_csv(tmp_path):
    def write(name: str, code: str | None, population: int):
        path = tmp_path / f"{uuid.uuid4().hex}.csv"
        muni = "" if code else "Proefdorp"
        path.write_text("region,municipality,cbs_code,population,population_year,population_source\n"
                        f"{name},{muni},{code or ''},{population},2022,test\n", encoding="utf-8")
        return register_regions(path)

    yield write
    clear_registered_regions()
    _pool.cache_clear()


@SETTINGS
@given(code=CBS_CODES, population=st.integers(1_000, 900_000), n=st.integers(300, 1000), seed=st.integers(0, 99),
       key=st.sampled_from(sorted(MODELS)))
def test_doubling_the_population_doubles_clients_and_spend_not_spend_per_client(region_csv, code, population, n, seed,
                                                                                 key):
    name = "Proefregio"
    region_csv(name, code, population)
    small = generate_caseload(name, n, seed)
    region_csv(name, code, 2 * population)  # the same place, twice the inhabitants; same sample, same seed
    large = generate_caseload(name, n, seed)
    # Same sample size and seed: the same synthetic rows, each standing for twice as many real clients.
    assert large.drop(columns=["weight", "norm_weight"]).equals(small.drop(columns=["weight", "norm_weight"]))
    a, b = make_model(key).evaluate(small), make_model(key).evaluate(large)
    assert b.clients_exact == pytest.approx(2 * a.clients_exact, rel=0.01)
    assert b.total_spend == pytest.approx(2 * a.total_spend, rel=0.01)
    assert b.total_spend / b.clients_exact == pytest.approx(a.total_spend / a.clients_exact, rel=0.01)


def test_scenario_spend_per_inhabitant_does_not_depend_on_the_population(region_csv):
    region_csv("Proefregio", "GM0281", 40_000)
    _pool.cache_clear()
    a = Scenario(region="Proefregio", n_clients=500, funding_model="lumpsum").evaluate()
    region_csv("Proefregio", "GM0281", 80_000)
    _pool.cache_clear()
    b = Scenario(region="Proefregio", n_clients=500, funding_model="lumpsum").evaluate()
    assert (a.population, b.population) == (40_000, 80_000)
    assert b.municipal_spend == pytest.approx(2 * a.municipal_spend, rel=0.01)
    per = [r.metrics()["spend_per_inhabitant"]["scenario"] for r in (a, b)]
    assert per[1] == pytest.approx(per[0], rel=0.01)


# ---- sample size is precision only ---------------------------------------------------------------------------------
@pytest.mark.parametrize("region", ["Oss", "Lindendaal"])
def test_the_sample_size_does_not_change_the_number_of_clients(region):
    # Clients are the place's (inhabitants x rates); a bigger sample only describes them more precisely.
    small, large = generate_caseload(region, 300, 1), generate_caseload(region, 3000, 1)
    assert small["weight"].sum() == pytest.approx(large["weight"].sum())
    a, b = OutputModel().evaluate(small), OutputModel().evaluate(large)
    assert b.total_spend == pytest.approx(a.total_spend, rel=0.25)  # same order: sampling noise only


def _pair(need_light: float, need_heavy: float) -> pd.DataFrame:
    """Two clients with the same product (individual support, EUR 62.50 per hour) and different need."""
    row = dict(region="Lindendaal", municipality="Lindendaal", law="Wmo", law_code=0, product="WMO_BEG_IND",
               intensity=2, tariff_eur=62.5, staff_hours_per_unit=1.0, wellbeing_before=5.0, weight=1.0,
               norm_weight=1.0)
    return pd.DataFrame([{**row, "case_id": "L", "severity": 0.2, "needed_units": need_light},
                         {**row, "case_id": "H", "severity": 0.8, "needed_units": need_heavy}])


@SETTINGS
@given(light=st.floats(20, 150), extra=st.floats(10, 300), data=st.data())
def test_what_a_heavier_client_earns_per_model(light, extra, data):
    """The marginal revenue of a heavier client: more under P x Q (paid per hour), the same under a lump sum
    (the budget does not follow the client) and under a trajectory price set for both (one price a product)."""
    cl = _pair(light, light + extra)
    pxq = InspanningsModel(**params_for(InspanningsModel, data.draw, selection_propensity=0.0)).evaluate(cl)
    assert pxq.revenue[1] > pxq.revenue[0]
    lump = TaakgerichtModel(**params_for(TaakgerichtModel, data.draw, corridor_enabled=False)).evaluate(cl)
    assert lump.revenue[1] == pytest.approx(lump.revenue[0])
    assert lump.per_case()["margin_eur"].iloc[0] >= lump.per_case()["margin_eur"].iloc[1]  # light pays better
    out = OutputModel(**params_for(OutputModel, data.draw, upcoding_room=0.0)).evaluate(cl)
    assert out.revenue[1] == pytest.approx(out.revenue[0])
    assert out.per_case()["margin_eur"].iloc[0] > out.per_case()["margin_eur"].iloc[1]


@SETTINGS
@given(data=st.data(), key=st.sampled_from(["pxq", "output", "result"]), region=REGIONS, seed=SEEDS, n=SIZES)
def test_paid_per_client_models_earn_from_an_extra_client(data, key, region, seed, n):
    """Paid per unit or per trajectory, one more client brings money; under a lump sum it brings none.

    Under results funding only without a malus: a malus is a penalty per result missed (R_i = β P + p((1 − β) P
    + B) − (1 − p) M, the registry's 'result_revenue'), so a client with little chance of success can cost the
    provider money (see ``test_a_malus_can_make_a_hopeless_client_cost_the_provider``).
    """
    cl = generate_caseload(region, n, seed=seed)
    fixed = {"selection_propensity": 0.0, **({"malus": 0.0} if key == "result" else {})}
    r = make_model(key, **params_for(MODELS[key], data.draw, **fixed)).evaluate(cl)
    assert r.incentive.extra_client_revenue > 0


def test_a_malus_can_make_a_hopeless_client_cost_the_provider():
    """The counterexample hypothesis found (price EUR 1, nothing up front, achievement rate 0, malus EUR 1),
    worked out by hand on one severe client (severity 0.9, 100 hours needed, default cost EUR 55/h, m = 0.8, κ = 8):
    p0 = clip(0 + 0.3 (0.5 − 0.9), 0.02, 0.98) = 0.02; an hour is worth next to nothing, so f ≈ 1 − 1/κ = 0.875;
    g(0.875) = (1 − e^−2.625) / (1 − e^−3) = 0.97616; p = 0.02 × 0.97616 = 0.019523;
    R = 0 × 1 + p (1 × 1 + 0) − (1 − p) × 1 = 2p − 1 = −0.96095."""
    one = _pair(100.0, 100.0).iloc[[1]].assign(severity=0.9).reset_index(drop=True)
    r = ResultaatModel(price_light=1.0, price_medium=1.0, price_heavy=1.0, upcoding_room=0.0, base_share=0.0,
                       achievement_rate=0.0, bonus=0.0, malus=1.0, selection_propensity=0.0).evaluate(one)
    assert r.incentive.extra_client_revenue == pytest.approx(-0.96095, abs=1e-4)
    assert r.revenue[0] == pytest.approx(-0.96095, abs=1e-4)
