"""The purchasing game's numbers live in the assumption registry: each one, changed there, moves the year.

Every test changes one registry value (``zorglab.domain.assumptions.GAME_ASSUMPTIONS``) and checks the computed
year against a figure worked out by hand on the one-row caseload of tests/test_game_world.py (10 clients,
100 hours needed at EUR 60, provider cost EUR 55 per hour: revenue EUR 62,727.27, cost EUR 59,300, margin
EUR 3,427.27, mean cost EUR 5,930 per client under P x Q; see test_pxq_year_by_hand). The last tests check
that no other number is left in world.py and that reports and the explorer keep their own list.
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
from pathlib import Path

import pytest

from tests.test_game_world import CONFIG, pxq, state, tiny
from zorglab.domain import assumptions as A
from zorglab.domain import funding, provider_behaviour
from zorglab.services.game import world
from zorglab.services.game.model import (
    AreaTeamDecision,
    Event,
    Funding,
    GameConfig,
    Intake,
    MunicipalityDecision,
    ProviderDecision,
    Status,
)
from zorglab.services.game.world import Decisions, ProviderState


def rule(monkeypatch, key: str, value: float) -> None:
    """Change one game assumption in the registry (for this test only)."""
    old = A.GAME_ASSUMPTIONS
    new = tuple(dataclasses.replace(a, value=value) if a.key == f"game_{key}" else a for a in old)
    assert new != old, f"no game assumption {key!r}"
    monkeypatch.setattr(A, "GAME_ASSUMPTIONS", new)
    assert world.rules()[key] == value


def test_demand_trend_event_sizes_and_wage_rise(monkeypatch):
    s = state()  # demand 1/1.02 (made with the default trend)
    rule(monkeypatch, "demand_trend", 0.10)
    _, out = world.advance(CONFIG, s, pxq(capacity_pct=150), base=tiny())
    assert out["clients"] == pytest.approx(10 / 1.02 * 1.10)  # 10.78 instead of 10
    rule(monkeypatch, "demand_trend", 0.02)
    rule(monkeypatch, "demand_rise", 0.20)
    rule(monkeypatch, "wage_rise", 0.10)
    new, out = world.advance(CONFIG, state(), pxq(capacity_pct=150), (Event.DEMAND_RISE, Event.WAGE_RISE), base=tiny())
    assert out["clients"] == pytest.approx(12.0)  # 10 x 1.20 (default: 11)
    assert new.wage_index == pytest.approx(1.10)  # default 1.05
    rule(monkeypatch, "new_law_wmo", 0.50)
    _, out = world.advance(CONFIG, state(), pxq(capacity_pct=150), (Event.NEW_LAW,), base=tiny())
    assert out["clients"] == pytest.approx(15.0)  # the one row is a Wmo client: 10 x 1.50 (default 10.8)


def test_trouble_loss_and_the_status_bounds(monkeypatch):
    rule(monkeypatch, "trouble_loss", 0.20)
    s = state(reserves=1000.0)
    s.providers[0].revenue_last = 100_000.0
    _, out = world.advance(CONFIG, s, pxq(), (Event.PROVIDER_TROUBLE,), base=tiny())
    # 1,000 - 20% x 100,000 + the year's margin 3,427.27 = -15,572.73 (default loss 10%: -5,572.73)
    assert out["providers"][0]["reserves"] == pytest.approx(-15_572.73, abs=0.01)
    # Without the event: reserves 4,427.27 / revenue 62,727.27 = 7.06% -> healthy under the defaults (3%, 0, -5%).
    _, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert out["providers"][0]["status"] == Status.HEALTHY.value
    rule(monkeypatch, "watch_reserves", 0.10)  # 7.06% < 10%: watched
    _, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert out["providers"][0]["status"] == Status.WATCH.value
    rule(monkeypatch, "trouble_reserves", 0.08)  # 7.06% < 8%: in trouble
    _, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert out["providers"][0]["status"] == Status.TROUBLE.value
    rule(monkeypatch, "fail_reserves", 0.075)  # 7.06% < 7.5%: stops
    _, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert out["providers"][0]["status"] == Status.FAILED.value


def test_idle_places_and_late_payment(monkeypatch):
    rule(monkeypatch, "idle_cost_share", 0.50)
    rule(monkeypatch, "late_payment_cost", 0.04)
    d = Decisions(municipality=MunicipalityDecision(pay_on_time=False), providers=[ProviderDecision(capacity_pct=150)])
    _, out = world.advance(CONFIG, state(), d, base=tiny())
    p = out["providers"][0]
    assert p["idle_cost"] == pytest.approx(14_825.00, abs=0.01)  # 5 empty places x 50% x 5,930 (default 7,412.50)
    assert p["financing_cost"] == pytest.approx(2_509.09, abs=0.01)  # 4% x 62,727.27 (default 1,254.55)


def test_cost_per_hour_and_the_wellbeing_gain(monkeypatch):
    rule(monkeypatch, "cost_per_hour", 50.0)
    rule(monkeypatch, "wellbeing_gain_max", 3.0)
    _, out = world.advance(CONFIG, state(), pxq(), base=tiny())
    # marginal cost 0.8 x 50 = 40: f = 1 + (60 - 40) / (8 x 40) = 1.0625 (default 1.04545)
    assert out["providers"][0]["delivered_share"] == pytest.approx(1.0625)
    assert out["wellbeing"] == pytest.approx(8.0)  # full need delivered: 5 + 3 (default 7)
    rule(monkeypatch, "result_agreed_gain", 1.0)
    d = Decisions(municipality=MunicipalityDecision(funding=Funding.PXQ), providers=[ProviderDecision()],
                  area_team=AreaTeamDecision(agree_results=True))
    _, out = world.advance(CONFIG, state(), d, base=tiny())
    assert out["wellbeing"] == pytest.approx(9.0)  # 5 + 3 + 1 agreed with the resident
    assert world.res_gain(True) == pytest.approx(4.0)


def test_waiting_and_the_insurer(monkeypatch):
    _, calm = world.advance(CONFIG, state(), pxq(capacity_pct=50), base=tiny())
    rule(monkeypatch, "waiting_wellbeing_loss", 1.0)
    rule(monkeypatch, "zvw_per_client", 3000.0)
    rule(monkeypatch, "zvw_waiting_extra", 0.5)
    _, out = world.advance(CONFIG, state(), pxq(capacity_pct=50), base=tiny())
    # five served (7), five wait (5 - 1.0 = 4): (35 + 20) / 10 = 5.5 (default 5.85 with a 0.3 loss)
    assert calm["wellbeing"] == pytest.approx(5.85) and out["wellbeing"] == pytest.approx(5.5)
    assert out["insurer"]["total"] == pytest.approx(37_500.0)  # 10 x 3,000 x (1 + 0.5 x 5/10); default 28,125


def test_mdo_hours_gain_and_who_counts_as_severe(monkeypatch):
    d = Decisions(providers=[ProviderDecision()], area_team=AreaTeamDecision(mdo_pct=50))
    _, calm = world.advance(CONFIG, state(), d, base=tiny(severity=0.9))
    rule(monkeypatch, "mdo_hours", 3.0)
    rule(monkeypatch, "mdo_wellbeing_gain", 1.0)
    assert world.mdo_money()[0] == pytest.approx(3 * 95.0)  # 3 hours at the price list's EUR 95 (default 570)
    _, out = world.advance(CONFIG, state(), d, base=tiny(severity=0.9))
    assert out["municipality"]["mdo"] == pytest.approx(5 * 285.0)  # 5 MDOs (50% of 10 severe clients)
    # each severe client gains 50% x the MDO gain: 0.5 x 1.0 instead of 0.5 x 0.5 -> 0.25 points more
    assert out["wellbeing"] - calm["wellbeing"] == pytest.approx(0.25)
    rule(monkeypatch, "severe", 0.95)  # severity 0.9 no longer counts as severe: no MDO
    _, out = world.advance(CONFIG, state(), d, base=tiny(severity=0.9))
    assert out["municipality"]["mdo_count"] == pytest.approx(0.0)


def test_continuity_and_carried_wellbeing(monkeypatch):
    states = [ProviderState(reserves=0, clients_last=30), ProviderState(reserves=0, clients_last=10)]
    # last year (0.75, 0.25); the area team's (1 + 0, 1 + 2) / 4 = (0.25, 0.75)
    assert list(world.allocation(states, {"A": 2, "B": 2})) == pytest.approx([0.5, 0.5])  # default: halfway
    rule(monkeypatch, "new_share", 1.0)
    assert list(world.allocation(states, {"A": 2, "B": 2})) == pytest.approx([0.25, 0.75])  # all new
    rule(monkeypatch, "continuing_share", 0.8)
    new, _ = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert new.wellbeing_shift == pytest.approx(1.6)  # 0.8 x (7 - 5); default 0.4 x 2 = 0.8
    rule(monkeypatch, "wellbeing_shift_max", 1.0)
    new, _ = world.advance(CONFIG, state(), pxq(), base=tiny())
    assert new.wellbeing_shift == pytest.approx(1.0)  # 1.6 capped at 1.0


def test_start_reserves(monkeypatch):
    cfg = GameConfig(region="Rivierenland", municipality="Tiel", n_providers=1)
    s, out = world.initial_state(cfg, base=tiny())
    assert s.providers[0].reserves == pytest.approx(0.08 * out["providers"][0]["revenue"])
    rule(monkeypatch, "start_reserves", 0.5)
    s, out = world.initial_state(cfg, base=tiny())
    assert s.providers[0].reserves == pytest.approx(0.5 * out["providers"][0]["revenue"])


def test_selective_intake_turns_more_away_with_a_higher_propensity(monkeypatch):
    # P x Q at tariff x 0.8 = EUR 48/h: f = 1 + (48 - 44) / 352 = 1.0114, revenue 4,854.5 per client, cost
    # 101.14 x 55 + 180 = 5,742.5: a loss of 888 per client, so a selective provider turns some away
    d = Decisions(municipality=MunicipalityDecision(funding=Funding.PXQ, price_factor=0.8),
                  providers=[ProviderDecision(intake=Intake.SELECTIVE)])
    _, calm = world.advance(CONFIG, state(), d, base=tiny())
    rule(monkeypatch, "selective_propensity", 2.0)  # the model allows at most 2
    assert world.intake_propensity(Intake.SELECTIVE, world.rules()) == 2.0
    assert world.intake_propensity(Intake.STANDARD, world.rules()) == A.SELECTION_PROPENSITY
    _, out = world.advance(CONFIG, state(), d, base=tiny())
    assert out["providers"][0]["turned_away"] > calm["providers"][0]["turned_away"] > 0


def test_result_rate_and_corridor_move_the_money(monkeypatch):
    d = Decisions(municipality=MunicipalityDecision(funding=Funding.RESULT), providers=[ProviderDecision()],
                  area_team=AreaTeamDecision(agree_results=True))
    _, calm = world.advance(CONFIG, state(), d, base=tiny())
    rule(monkeypatch, "result_agreed_rate", 0.95)  # more results achieved: more result payments
    _, out = world.advance(CONFIG, state(), d, base=tiny())
    assert out["municipality"]["providers"] > calm["municipality"]["providers"]

    # A lump sum of 70% of last year's 62,727.27 with a corridor: the provider's loss beyond the band is shared
    lump = Decisions(municipality=MunicipalityDecision(funding=Funding.LUMPSUM, budget_factor=0.7, corridor=True),
                     providers=[ProviderDecision()])
    _, calm = world.advance(CONFIG, state(last_spend=62_727.27), lump, base=tiny())
    rule(monkeypatch, "corridor_share", 1.0)  # the municipality carries all of it
    _, more = world.advance(CONFIG, state(last_spend=62_727.27), lump, base=tiny())
    assert more["municipality"]["providers"] > calm["municipality"]["providers"]
    rule(monkeypatch, "corridor_width", 0.4)  # a band wider than the gap: nothing is shared
    _, wide = world.advance(CONFIG, state(last_spend=62_727.27), lump, base=tiny())
    assert wide["municipality"]["providers"] < more["municipality"]["providers"]


def test_every_game_assumption_is_changed_by_a_test_above():
    """A new registry line needs a test here that changes it (read from this file's ``rule(...)`` calls)."""
    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    changed = {n.args[1].value for n in ast.walk(tree) if isinstance(n, ast.Call)
               and getattr(n.func, "id", "") == "rule" and isinstance(n.args[1], ast.Constant)}
    assert changed == set(world.rules())


# ---------------------------------------------------------------------------------------------- the registry
def test_world_py_keeps_no_numbers_of_its_own():
    """Apart from 0 and 1, percent (100), the wellbeing scale's top (10) and the intensity class codes 1-3,
    every number the year step uses comes from the registry."""
    src = Path(inspect.getfile(world)).read_text(encoding="utf-8")
    tree = ast.parse(src)
    classes = next(f for f in tree.body if isinstance(f, ast.FunctionDef) and f.name == "_class_prices")
    in_classes = {id(n) for n in ast.walk(classes)}
    found = [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant)
             and isinstance(n.value, int | float) and not isinstance(n.value, bool)
             and n.value not in (0, 1, 100, 10) and id(n) not in in_classes]
    assert found == []


def test_the_registry_lines_are_complete_and_match_the_funding_defaults():
    for a in A.GAME_ASSUMPTIONS:
        assert a.group == A.GAME and a.key.startswith("game_")
        assert a.label_nl and a.label_en and a.source_nl and a.source_en and a.unit
        assert ("illustratie" in a.source_nl.lower()) or ("zorglab.domain.funding" in a.source_nl)  # says what it is
    keys = [a.key for a in A.ALL_ASSUMPTIONS]
    assert len(keys) == len(set(keys))
    r = world.rules()
    model = funding.make_model("lumpsum", budget_eur=1.0)
    assert r["cost_per_hour"] == model.provider_cost_per_hour == 55.0
    assert (r["corridor_width"], r["corridor_share"]) == (model.corridor_width, model.corridor_share) == (0.02, 0.5)
    assert r["wellbeing_gain_max"] == model.wellbeing_gain_max == 2.0
    assert r["severe"] == provider_behaviour.HEAVY and r["waiting_wellbeing_loss"] == provider_behaviour.WAITING_WELLBEING_LOSS


def test_reports_and_the_explorer_keep_the_model_assumptions_only():
    assert all(a.group == A.MODEL for a in A.ASSUMPTIONS) and len(A.ASSUMPTIONS) == 11
    assert A.by_group(A.GAME) == A.GAME_ASSUMPTIONS and A.by_group(A.MODEL) == A.ASSUMPTIONS
