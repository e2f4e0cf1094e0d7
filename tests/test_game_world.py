"""The purchasing game's world model: one contract year worked out by hand, carry-over, events, and properties."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorglab.services.game import world
from zorglab.services.game.model import (
    AreaTeamDecision,
    Event,
    Funding,
    GameConfig,
    InsurerDecision,
    Intake,
    MunicipalityDecision,
    ProviderDecision,
    Status,
)
from zorglab.services.game.world import Decisions, ProviderState, WorldState

CONFIG = GameConfig(region="Rivierenland", municipality="Tiel", n_providers=1, rounds=3)


def tiny(severity: float = 0.5, weight: float = 10.0) -> pd.DataFrame:
    """One synthetic row standing for ``weight`` clients: 100 hours of individual support needed at EUR 60."""
    return pd.DataFrame([{
        "case_id": "TST-000001", "region": "Rivierenland", "municipality": "Tiel", "law": "Wmo", "law_code": 0,
        "product": "WMO_BEG_IND", "intensity": 1, "severity": severity, "needed_units": 100.0, "tariff_eur": 60.0,
        "staff_hours_per_unit": 1.0, "wellbeing_before": 5.0, "weight": weight, "norm_weight": weight}])


def state(reserves: float = 1000.0, clients_last: float = 10.0, **kw) -> WorldState:
    # demand 1/1.02: this year's trend (+2%) brings it to exactly 1, so the tiny caseload is used as is
    return WorldState(year=0, demand=1 / (1 + world.rules()["demand_trend"]),
                      providers=[ProviderState(reserves=reserves, clients_last=clients_last)], **kw)


def pxq(**provider) -> Decisions:
    return Decisions(municipality=MunicipalityDecision(funding=Funding.PXQ), providers=[ProviderDecision(**provider)])


def test_pxq_year_by_hand():
    new, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    # Provider paid EUR 60 per hour; full cost 1 h x EUR 55, marginal 0.8 x 55 = 44; kappa 8:
    # f = 1 + (60 - 44) / (8 x 44) = 1.0454545 -> 104.545 hours per client, revenue 104.545 x 60 = 6,272.73.
    # Cost per client 104.545 x 55 + 12 declarations x EUR 15 = 5,750 + 180 = 5,930: profitable, nobody turned away.
    p = out["providers"][0]
    assert p["delivered_share"] == pytest.approx(1.0454545, rel=1e-6)
    assert out["municipality"]["providers"] == pytest.approx(62_727.27, abs=0.01)  # 10 x 6,272.73
    assert p["cost"] == pytest.approx(59_300.00, abs=0.01)  # 10 x 5,930
    assert p["margin"] == pytest.approx(3_427.27, abs=0.01)
    assert p["reserves"] == pytest.approx(4_427.27, abs=0.01)  # 1,000 + 3,427.27
    assert p["status"] == Status.HEALTHY.value  # 4,427 / 62,727 = 7% > 3%
    assert out["served"] == pytest.approx(10) and out["waiting"] == pytest.approx(0)
    # Wellbeing: full need delivered -> 5 + 2 points = 7.
    assert out["wellbeing"] == pytest.approx(7.0)
    # Insurer: 10 clients x EUR 2,500, nobody waits, no MDO (severity 0.5 is not severe).
    assert out["insurer"]["total"] == pytest.approx(25_000.0)
    assert new.last_spend == pytest.approx(62_727.27, abs=0.01) and new.waiting == pytest.approx(0)


def test_too_little_capacity_makes_a_waiting_list_that_carries_over():
    new, out = world.advance(CONFIG, state(), pxq(capacity_pct=50), base=tiny())
    # Capacity 50% of last year's 10 clients = 5: five served (EUR 31,363.64), five wait.
    assert out["served"] == pytest.approx(5) and out["waiting"] == pytest.approx(5)
    assert out["municipality"]["providers"] == pytest.approx(31_363.64, abs=0.01)
    # Waiting: wellbeing 5 - 0.3 = 4.7; served: 7 -> mean (5 x 7 + 5 x 4.7) / 10 = 5.85.
    assert out["wellbeing"] == pytest.approx(5.85)
    # Insurer: 10 x 2,500 x (1 + 0.25 x 5/10) = 28,125.
    assert out["insurer"]["total"] == pytest.approx(28_125.0)
    # Next year: 10 x 1.02 new clients + the 5 still waiting = 15.2.
    _, out2 = world.advance(CONFIG, new, pxq(capacity_pct=150), base=tiny())
    assert out2["clients"] == pytest.approx(15.2) and out2["carried_waiting"] == pytest.approx(5)


def test_lump_sum_on_last_years_spend_pays_the_budget_whatever_is_delivered():
    s = state(last_spend=62_727.27)
    d = Decisions(municipality=MunicipalityDecision(funding=Funding.LUMPSUM, budget_factor=1.0),
                  providers=[ProviderDecision()])
    _, out = world.advance(CONFIG, s, d, base=tiny())
    p = out["providers"][0]
    # An extra hour earns nothing: f = 1 - 1/8 = 0.875 -> 87.5 h; cost 87.5 x 55 + 4 reports x 15 / 10 clients
    # = 4,812.50 + 6 = 4,818.50 per client, 48,185 in all: under the budget, so nobody waits.
    assert p["delivered_share"] == pytest.approx(0.875)
    assert p["revenue"] == pytest.approx(62_727.27, abs=0.01)
    assert p["cost"] == pytest.approx(48_185.0, abs=0.01)
    assert out["waiting"] == pytest.approx(0)
    # 87.5% of the need: achievement (1 - e^-2.625) / (1 - e^-3) of the 2-point gain.
    gain = 2 * (1 - math.exp(-3 * 0.875)) / (1 - math.exp(-3))
    assert out["wellbeing"] == pytest.approx(5 + gain)


def test_paying_late_and_idle_capacity_cost_the_provider():
    d = Decisions(municipality=MunicipalityDecision(pay_on_time=False), providers=[ProviderDecision(capacity_pct=150)])
    _, out = world.advance(CONFIG, state(), d, base=tiny())
    p = out["providers"][0]
    # 2% of 62,727.27 = 1,254.55 financing; 15 places for 10 clients: 5 x 25% x 5,930 = 7,412.50 idle.
    assert p["financing_cost"] == pytest.approx(1_254.55, abs=0.01)
    assert p["idle_cost"] == pytest.approx(7_412.50, abs=0.01)
    assert p["margin"] == pytest.approx(3_427.27 - 1_254.55 - 7_412.50, abs=0.02)


def test_mdo_costs_the_municipality_and_saves_the_insurer():
    cost, saving = world.mdo_money()
    assert cost == pytest.approx(6 * 95.0)  # 6 professional hours at the price list's EUR 95
    assert saving > 0  # the effectencalculator's cases save Zvw/Wlz money
    d = Decisions(providers=[ProviderDecision()], area_team=AreaTeamDecision(mdo_pct=50))
    _, out = world.advance(CONFIG, state(), d, base=tiny(severity=0.9))
    # 50% of 10 severe clients = 5 MDOs.
    assert out["municipality"]["mdo_count"] == pytest.approx(5)
    assert out["municipality"]["mdo"] == pytest.approx(5 * 570.0)
    assert out["insurer"]["total"] == pytest.approx(25_000.0 - 5 * saving)


def test_events_demand_rise_and_wage_rise():
    d = pxq(capacity_pct=150)
    _, calm = world.advance(CONFIG, state(), d, base=tiny())
    new, out = world.advance(CONFIG, state(), d, (Event.DEMAND_RISE, Event.WAGE_RISE), base=tiny())
    assert out["clients"] == pytest.approx(11.0)  # 10 x 1.10
    assert new.wage_index == pytest.approx(1.05)
    assert out["providers"][0]["margin"] < calm["providers"][0]["margin"]  # same tariff, dearer hours


def test_provider_trouble_event_and_failure_moves_clients_to_the_others():
    cfg = GameConfig(region="Rivierenland", municipality="Tiel", n_providers=2)
    s = WorldState(year=0, demand=1 / 1.02, providers=[
        ProviderState(reserves=100.0, clients_last=5, revenue_last=100_000.0), ProviderState(reserves=5000, clients_last=5)])
    d = Decisions(providers=[ProviderDecision(), ProviderDecision()])
    new, out = world.advance(cfg, s, d, (Event.PROVIDER_TROUBLE,), base=tiny())
    # Provider 1 loses 10% of last year's EUR 100,000: reserves 100 - 10,000 + its margin (half of 3,427.27).
    assert out["providers"][0]["reserves"] == pytest.approx(100 - 10_000 + 3_427.27 / 2, abs=0.01)
    assert new.providers[0].status == Status.FAILED  # -8,186 / 31,364 = -26% < -5%
    _, out2 = world.advance(cfg, new, d, base=tiny())
    assert out2["providers"][0]["allocated"] == 0 and out2["providers"][1]["share"] == pytest.approx(1.0)


def test_area_team_assignments_set_the_shares():
    share = world.shares(3, [True, True, True], {"A": 1, "B": 1, "C": 3})
    # (1 + 2, 1 + 0, 1 + 1) / 6
    assert list(share) == pytest.approx([0.5, 1 / 6, 1 / 3])
    assert list(world.shares(2, [False, True], {"A": 1})) == pytest.approx([0.0, 1.0])
    # Half the clients stay where they were: last year 30/10 clients -> 0.5 x (0.75, 0.25) + 0.5 x (0.25, 0.75)
    states = [ProviderState(reserves=0, clients_last=30), ProviderState(reserves=0, clients_last=10)]
    assert list(world.allocation(states, {"A": 2, "B": 2})) == pytest.approx([0.5, 0.5])
    states[0].status = Status.FAILED
    assert list(world.allocation(states, {"A": 1})) == pytest.approx([0.0, 1.0])


def test_prevention_lowers_next_years_demand():
    _, out = world.advance(CONFIG, state(prevention_per_client=250.0), pxq(capacity_pct=150), base=tiny())
    # r(250) = 15% x (1 - e^-1) = 9.48%: 10 x (1 - 0.0948) clients.
    assert out["clients"] == pytest.approx(10 * (1 - 0.15 * (1 - math.exp(-1))))


def test_state_round_trips_through_json():
    new, _ = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert WorldState.from_dict(new.to_dict()) == new


def test_initial_state_is_sized_to_the_municipality():
    s, out = world.initial_state(GameConfig(region="Rivierenland", municipality="Tiel", n_providers=2))
    # README: Tiel has 1,845 + 1,852 = 3,697 clients.
    assert out["clients"] == pytest.approx(3_697, abs=1)
    assert all(p.status == Status.HEALTHY and p.reserves > 0 for p in s.providers)


SMALL = GameConfig(region="Lindendaal", n_providers=2, sample=60, seed=3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(funding=st.sampled_from(list(Funding)), price=st.floats(0.8, 1.2), budget=st.floats(0.7, 1.3),
       corridor=st.booleans(), cap=st.integers(50, 150), hours=st.integers(70, 130), prev=st.integers(0, 500),
       intake=st.sampled_from(list(Intake)), mdo=st.integers(0, 50), cofund=st.integers(0, 300),
       events=st.lists(st.sampled_from(list(Event)), max_size=3, unique=True))
def test_money_adds_up_and_everything_stays_in_range(funding, price, budget, corridor, cap, hours, prev, intake,
                                                          mdo, cofund, events):
    s, _ = world.initial_state(SMALL)
    d = Decisions(municipality=MunicipalityDecision(funding=funding, price_factor=price, budget_factor=budget,
                                                    corridor=corridor),
                  providers=[ProviderDecision(capacity_pct=cap, hours_pct=hours, prevention_eur=prev, intake=intake),
                             ProviderDecision()],
                  area_team=AreaTeamDecision(mdo_pct=mdo), insurer=InsurerDecision(cofund_eur=cofund))
    for _ in range(2):
        any_left = any(p.status != Status.FAILED for p in s.providers)
        s, out = world.advance(SMALL, s, d, tuple(events))
        provs = out["providers"]
        # the funding model's spend per law adds up to what it pays in total (two computations in funding.py)
        assert sum(out["municipality"]["by_law"].values()) == pytest.approx(out["municipality"]["providers"], rel=1e-9)
        # nobody is served twice, nobody is served who is not there; MDOs only for clients there are
        assert 0.0 <= out["served"] <= out["clients"] * (1 + 1e-9) and out["waiting"] >= 0.0
        assert 0.0 <= out["municipality"]["mdo_count"] <= out["clients"] * mdo / 100 * (1 + 1e-9)
        # every client is sent to a provider, unless all of them went bankrupt (then everybody waits)
        assert sum(p["allocated"] for p in provs) == pytest.approx(out["clients"] if any_left else 0.0, rel=1e-9)
        assert 1.0 <= out["wellbeing"] <= 10.0
        for p in provs:
            assert 0.0 <= p["served"] <= p["allocated"] + 1e-6
            assert p["revenue"] >= 0.0 and p["cost"] >= 0.0


def test_debrief_names_what_the_choices_did():
    from zorglab.services.game import debrief
    from zorglab.services.game.service import Year

    s0 = state()
    _, out0 = world.advance(CONFIG, s0, pxq(capacity_pct=150), base=tiny(severity=0.9))
    d = Decisions(providers=[ProviderDecision(capacity_pct=50)], area_team=AreaTeamDecision(mdo_pct=50))
    s1, out1 = world.advance(CONFIG, s0, d, base=tiny(severity=0.9))
    years = [Year(0, s0, out0, {}), Year(1, s1, out1, {"provider_1": {"capacity_pct": 50}})]
    codes = {(f.team, f.code) for f in debrief.findings(years)}
    # P x Q: 4.5% more hours than needed; capacity 5 of 10: five wait (0 -> 5); 5 MDOs: the wrong pocket
    assert {("provider_1", "overdelivery"), ("provider_1", "capacity_short"), ("residents", "waiting_up"),
            ("insurer", "wrong_pocket"), ("provider_1", "margin")} <= codes
    waiting = next(b for b in debrief.balance(years) if b.measure == "waiting")
    assert (waiting.start, waiting.end) == (pytest.approx(0), pytest.approx(5))
