"""The world of the purchasing game: one contract year from (state, decisions, events) to a new state.

Pure functions over plain dataclasses: nothing here touches a database or a screen, so a year can be
recomputed and tested by hand. Provider behaviour is the explorer's: every provider's year is
``zorglab.domain.funding`` evaluated on its share of the caseload with the municipality's prices, so delivered
hours follow from marginal revenue vs marginal cost (``delivered_share``), loss-making clients are turned
away (``selection_rate``, set by the provider's intake policy), heavier variants are registered where the
trajectory price invites it (``upcoding_share``) and under a lump sum the least urgent wait
(``rationing_cap``/``ration``). The caseload is sized to the chosen place (``zorglab.domain.generator`` on
``zorglab.domain.sizing``); prevention works as in the explorer (``zorglab.domain.scenario.prevention_reduction``).

One year (``advance``), with t the contract year:

Every number below in capitals is a line of the assumption registry (``zorglab.domain.assumptions.GAME_ASSUMPTIONS``,
key ``game_<lower case name>``, with its source), read through ``game_values()`` each time a year is computed;
the trainer console lists them.

1. Demand: clients_t = base clients x demand_t x (1 - r(I_{t-1})) x law factor + waiting_{t-1}, with
   demand_t = demand_{t-1} x (1 + DEMAND_TREND) (x (1 + DEMAND_RISE) after a demand rise, x (1 + NEW_LAW_WMO)
   on Wmo clients after the new law), r the explorer's prevention
   curve on last year's prevention investment per client I_{t-1} (providers' + insurer's co-funding).
2. Allocation: clients in care stay with their provider, new ones go where the area team sends them:
   share_p = (1 - NEW_SHARE) x last year's share_p + NEW_SHARE x (1 + cases sent to p) / sum over active
   providers (a failed provider's clients move to the others).
3. Capacity: p staffs for capacity_pct x last year's clients; beyond that the least severe wait (``ration``).
4. The funding model (the municipality's choice and prices) on p's clients; p's hours policy scales the
   units it plans (hours_pct), its intake policy sets the selection propensity.
5. Money: provider cost = library cost + prevention + idle capacity (IDLE_COST_SHARE of the mean cost per
   client for every staffed place left empty) + financing when the municipality pays late (LATE_PAYMENT_COST
   of revenue). Reserves_t = reserves_{t-1} + margin_t; status from reserves / revenue (WATCH_RESERVES,
   TROUBLE_RESERVES, FAIL_RESERVES).
   Municipality spend = provider payments + MDOs (MDO_HOURS x the price list's MDO hour).
   Insurer (Zvw/Wlz) = clients x ZVW_PER_CLIENT x (1 + ZVW_WAITING_EXTRA x waiting share)
   - MDOs x the Zvw+Wlz saving per case from the effectencalculator + co-funding.
6. Residents: wellbeing from ``funding.wellbeing_after`` on the real need (waiting costs points), MDO adds
   MDO_WELLBEING_GAIN to the severe clients discussed. Carried over: waiting list, demand, reserves and
   status, prevention, wage index, last year's spend (the lump sum's basis) and CONTINUING_SHARE of the
   wellbeing gain (continuing clients start where they ended).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from zorglab.domain import assumptions
from zorglab.domain.funding import make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.knobs import model_arguments
from zorglab.domain.provider_behaviour import ration, wellbeing_after
from zorglab.domain.scenario import prevention_reduction
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

Rules = dict[str, float]


def rules() -> Rules:
    """The game's numbers from the assumption registry, read now (``zorglab.domain.assumptions.game_values``)."""
    return assumptions.game_values()


def intake_propensity(intake: Intake, r: Rules) -> float:
    """Selection propensity of an intake policy: open 0, standard the model's, selective the game's."""
    if intake == Intake.OPEN:
        return 0.0
    if intake == Intake.SELECTIVE:
        return r["selective_propensity"]
    return assumptions.SELECTION_PROPENSITY


def mdo_money(r: Rules | None = None) -> tuple[float, float]:
    """(municipal cost of one MDO, Zvw + Wlz saving per case per year) from the price list's MDO hour x
    MDO_HOURS and the effectencalculator over the shipped anonymised cases (first year)."""
    price, saving = _mdo_price_and_saving()
    return (r or rules())["mdo_hours"] * price, saving


@cache
def _mdo_price_and_saving() -> tuple[float, float]:
    from zorglab.domain.cases import load_cases
    from zorglab.domain.catalogue import price_list
    from zorglab.domain.effects import EffectCalculator

    price = float(price_list().set_index("activity").loc["MDO", "unit_price_eur"])
    cases = load_cases()
    per_payer = EffectCalculator(horizon_years=1).per_payer(cases).set_index("payer")
    saving = float(per_payer.loc[["Zvw", "Wlz"], "saving"].sum()) / len(cases)
    return price, saving


@cache
def _sample(region: str, municipality: str, sample: int, seed: int, year: int) -> pd.DataFrame:
    return generate_caseload(region, sample, seed=seed, year=year, municipality=municipality)


def base_caseload(config: GameConfig) -> pd.DataFrame:
    """The synthetic sample standing for the chosen place's real caseload in the start year (read-only copy)."""
    return _sample(config.region, config.municipality, config.sample, config.seed, config.start_year).copy()


@dataclass
class ProviderState:
    reserves: float
    status: Status = Status.HEALTHY
    clients_last: float = 0.0  # clients sent to it last year (what capacity is planned on)
    revenue_last: float = 0.0


@dataclass
class WorldState:
    year: int  # 0 = the year before the game
    demand: float = 1.0
    wmo_factor: float = 1.0
    waiting: float = 0.0
    wellbeing_shift: float = 0.0
    prevention_per_client: float = 0.0
    wage_index: float = 1.0
    last_spend: float = 0.0  # municipal payments to providers last year (the lump sum's basis)
    providers: list[ProviderState] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        for p in d["providers"]:
            p["status"] = str(p["status"])
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WorldState:
        d = dict(d)
        providers = [ProviderState(**{**p, "status": Status(p["status"])}) for p in d.pop("providers")]
        return cls(**d, providers=providers)


@dataclass
class Decisions:
    municipality: MunicipalityDecision = field(default_factory=MunicipalityDecision)
    providers: list[ProviderDecision] = field(default_factory=list)
    area_team: AreaTeamDecision = field(default_factory=AreaTeamDecision)
    insurer: InsurerDecision = field(default_factory=InsurerDecision)

    def provider(self, i: int) -> ProviderDecision:
        return self.providers[i] if i < len(self.providers) else ProviderDecision()


# ---- the year ---------------------------------------------------------------------------------------------
def _class_prices(base: pd.DataFrame) -> dict[str, float]:
    """Trajectory price per intensity class: last year's mean cost of need of that class (tariff x need)."""
    cost = base["tariff_eur"] * base["needed_units"] * base["weight"]
    out = {}
    for cls, name in ((1, "price_light"), (2, "price_medium"), (3, "price_heavy")):
        m = base["intensity"] == cls
        out[name] = float(cost[m].sum() / base.loc[m, "weight"].sum()) if m.any() else 0.0
    return out


def _model(m: MunicipalityDecision, p: ProviderDecision, state: WorldState, base: pd.DataFrame, budget: float,
           agree: bool, r: Rules):
    """The year's funding model. The team's price factor is the scenario knob ``tariff_factor``: the knob table
    (``zorglab.domain.knobs``) says which parameter it sets -- tariffs under P x Q, trajectory prices under output
    and result funding, nothing under a lump sum -- so the game and the explorer cannot map it differently."""
    key = m.funding.value
    knob_values: dict[str, float | bool] = {
        "tariff_factor": m.price_factor,
        "provider_cost_per_hour": r["cost_per_hour"] * state.wage_index,
        "selection_propensity": intake_propensity(p.intake, r),
        "corridor_enabled": m.corridor,
    }
    if m.funding == Funding.RESULT and agree:
        knob_values["achievement_rate"] = r["result_agreed_rate"]
    args = model_arguments(knob_values, key) | {"wellbeing_gain_max": res_gain(agree, r)}
    if m.funding == Funding.LUMPSUM:
        args |= {"budget_eur": max(budget, 1.0), "corridor_width": r["corridor_width"],
                 "corridor_share": r["corridor_share"]}
    elif m.funding != Funding.PXQ:
        args |= _class_prices(base)
    return make_model(key, **args)


def _status(reserves: float, revenue: float, r: Rules) -> Status:
    # no revenue: reserves decide alone (nothing left counts as a failure)
    ratio = reserves / revenue if revenue > 0 else (0.0 if reserves >= 0 else -1.0)
    if ratio < r["fail_reserves"]:
        return Status.FAILED
    if ratio < r["trouble_reserves"]:
        return Status.TROUBLE
    return Status.WATCH if ratio < r["watch_reserves"] else Status.HEALTHY


def shares(n_providers: int, active: list[bool], assignments: dict[str, int]) -> np.ndarray:
    """Share of the clients sent to each provider: (1 + cases assigned to it) over the active providers."""
    score = np.array([1.0 + sum(1 for v in assignments.values() if v == i + 1) for i in range(n_providers)])
    score = np.where(active, score, 0.0)
    return score / score.sum() if score.sum() > 0 else score


def allocation(states: list[ProviderState], assignments: dict[str, int], r: Rules | None = None) -> np.ndarray:
    """This year's share per provider: last year's shares (continuity) moved NEW_SHARE towards the area team's."""
    new_share = (r or rules())["new_share"]
    active = [p.status != Status.FAILED for p in states]
    new = shares(len(states), active, assignments)
    last = np.array([p.clients_last if a else 0.0 for p, a in zip(states, active, strict=True)])
    if last.sum() <= 0:
        return new
    mixed = (1.0 - new_share) * last / last.sum() + new_share * new
    return mixed / mixed.sum() if mixed.sum() > 0 else mixed


def year_caseload(base: pd.DataFrame, state: WorldState, events: tuple[Event, ...] = (),
                  r: Rules | None = None) -> tuple[pd.DataFrame, dict]:
    """This year's clients: the base sample re-weighted for demand, law, prevention and last year's waiting."""
    g = r or rules()
    demand = state.demand * (1.0 + g["demand_trend"]) * (1.0 + g["demand_rise"] if Event.DEMAND_RISE in events else 1.0)
    wmo = state.wmo_factor * (1.0 + g["new_law_wmo"] if Event.NEW_LAW in events else 1.0)
    reduction = prevention_reduction(state.prevention_per_client)
    cl = base.copy()
    law = np.where(cl["law"].to_numpy() == "Wmo", wmo, 1.0)
    w = cl["weight"].to_numpy(float) * demand * law * (1.0 - reduction)
    fresh = float(w.sum())
    scale = (fresh + state.waiting) / fresh if fresh > 0 else 1.0
    cl["weight"] = w * scale
    cl["norm_weight"] = cl["norm_weight"].to_numpy(float) * demand * law * scale
    cl["wellbeing_before"] = np.clip(cl["wellbeing_before"].to_numpy(float) + state.wellbeing_shift, 1.0, 10.0)
    return cl, {"demand": demand, "wmo_factor": wmo, "prevention_reduction": reduction, "new_clients": fresh}


def advance(config: GameConfig, state: WorldState, decisions: Decisions, events: tuple[Event, ...] = (),
            base: pd.DataFrame | None = None) -> tuple[WorldState, dict[str, Any]]:
    """One contract year. Returns the new state and the year's outcome (plain numbers and codes, JSON-ready)."""
    base = base_caseload(config) if base is None else base
    g = rules()  # the registry's numbers, read once for the whole year
    m, area, ins = decisions.municipality, decisions.area_team, decisions.insurer
    wage = state.wage_index * (1.0 + g["wage_rise"] if Event.WAGE_RISE in events else 1.0)
    prov_states = [dataclasses.replace(p) for p in state.providers]
    if Event.PROVIDER_TROUBLE in events and prov_states:
        prov_states[0].reserves -= g["trouble_loss"] * prov_states[0].revenue_last
    cl, demand_info = year_caseload(base, state, events, g)
    world = dataclasses.replace(state, wage_index=wage)
    share = allocation(prov_states, area.assignments, g)
    w_all = cl["weight"].to_numpy(float)
    severity = cl["severity"].to_numpy(float)
    need = cl["needed_units"].to_numpy(float)
    before = cl["wellbeing_before"].to_numpy(float)
    waiting_wb = np.clip(before - g["waiting_wellbeing_loss"], 1.0, 10.0)
    mdo_cost_each, mdo_saving_each = mdo_money(g)
    agree = area.agree_results
    severe = severity > g["severe"]
    providers_out, new_states = [], []
    wb_sum = spend = mdo_count = served_total = prevention_total = 0.0
    spend_by_law: dict[str, float] = {}
    for i, ps in enumerate(prov_states):
        d = decisions.provider(i)
        w = w_all * share[i]
        allocated = float(w.sum())
        out: dict[str, Any] = {"provider": i + 1, "share": float(share[i]), "allocated": allocated,
                               "capacity": 0.0, "served": 0.0, "waiting": allocated, "revenue": 0.0, "cost": 0.0,
                               "margin": 0.0, "prevention": 0.0, "idle_cost": 0.0, "financing_cost": 0.0,
                               "delivered_share": 0.0, "upcoded_share": 0.0, "turned_away": 0.0,
                               "extra_hour_margin": 0.0, "capacity_waiting": 0.0}
        if allocated <= 0 or ps.status == Status.FAILED:
            wb_sum += float(np.sum(w * waiting_wb))
            out["status_before"] = str(ps.status)
            new_states.append(dataclasses.replace(ps, clients_last=0.0, revenue_last=0.0))
            providers_out.append({**out, "reserves": ps.reserves, "status": str(ps.status)})
            continue
        capacity = d.capacity_pct / 100.0 * (ps.clients_last or allocated)
        cap_frac = ration(np.ones(len(w)), w, severity, capacity) if allocated > capacity else np.ones(len(w))
        rows = cap_frac * w > 0
        sub = cl.loc[rows].copy()
        sub["weight"] = (w * cap_frac)[rows]
        sub["norm_weight"] = sub["weight"]
        sub["base_weight"] = sub["weight"]
        sub["needed_units"] = need[rows] * d.hours_pct / 100.0  # the hours the provider plans
        budget = m.budget_factor * state.last_spend * share[i]
        res = _model(m, d, world, base, budget, agree, g).evaluate(sub)
        sw = res.served_weight
        served = float(sw.sum())
        wb_rows = wellbeing_after(before[rows], need[rows], res.delivered_units, res.served, res_gain(agree, g))
        mdo_rows = sub["weight"].to_numpy(float) * severe[rows] * area.mdo_pct / 100.0
        wb_rows = np.clip(wb_rows + np.where(severe[rows], area.mdo_pct / 100.0 * g["mdo_wellbeing_gain"], 0.0),
                          1.0, 10.0)
        mdo_count += float(mdo_rows.sum())
        wb_sum += float(np.sum(sub["weight"].to_numpy(float) * wb_rows))
        wb_sum += float(np.sum((w * (1.0 - cap_frac)) * waiting_wb))
        revenue = res.total_spend
        prevention = d.prevention_eur * served
        mean_cost = res.provider_cost / served if served > 0 else 0.0
        idle = max(0.0, capacity - served) * g["idle_cost_share"] * mean_cost
        financing = 0.0 if m.pay_on_time else g["late_payment_cost"] * revenue
        cost = res.provider_cost + prevention + idle + financing
        margin = revenue - cost
        reserves = ps.reserves + margin
        status = _status(reserves, revenue, g)
        for law, v in res.spend_by_law.items():
            spend_by_law[law] = spend_by_law.get(law, 0.0) + v
        spend += revenue
        served_total += served
        prevention_total += prevention
        hours = res.delivered_units.sum() if len(res.delivered_units) else 0.0
        out.update({"capacity": capacity, "served": served, "waiting": allocated - served, "revenue": revenue,
                    "cost": cost, "margin": margin, "prevention": prevention, "idle_cost": idle,
                    "financing_cost": financing,
                    "delivered_share": float(np.sum(res.delivered_units * sw) / np.sum(need[rows] * sw))
                    if served > 0 and hours > 0 else 0.0,
                    "upcoded_share": float(res.behaviour.get("upcoded_share", 0.0)),
                    "turned_away": float(res.behaviour.get("turned_away", 0.0)),
                    "extra_hour_margin": float(res.incentive.extra_hour_margin),
                    "capacity_waiting": float(np.sum(w * (1.0 - cap_frac))),
                    "reserves": reserves, "status": str(status)})
        providers_out.append(out)
        new_states.append(ProviderState(reserves=reserves, status=status, clients_last=allocated, revenue_last=revenue))
    unplaced = 0.0 if share.sum() > 0 else 1.0  # every provider failed: nobody to send clients to
    wb_sum += float(np.sum(w_all * unplaced * waiting_wb))
    clients = float(w_all.sum())
    waiting = max(0.0, clients - served_total)
    mdo_cost = mdo_count * mdo_cost_each
    cofund = ins.cofund_eur * served_total
    insurer = (clients * g["zvw_per_client"] * (1.0 + g["zvw_waiting_extra"] * (waiting / clients if clients else 0.0))
               - mdo_count * mdo_saving_each + cofund)
    wb_mean = wb_sum / clients if clients else 0.0
    wb_before = float(np.average(before, weights=w_all)) if clients else 0.0
    base_before = float(np.average(base["wellbeing_before"], weights=base["weight"]))
    new = WorldState(
        year=state.year + 1, demand=demand_info["demand"], wmo_factor=demand_info["wmo_factor"], waiting=waiting,
        wellbeing_shift=float(np.clip(g["continuing_share"] * (wb_mean - base_before), -g["wellbeing_shift_max"],
                                      g["wellbeing_shift_max"])),
        prevention_per_client=(prevention_total + cofund) / served_total if served_total > 0 else 0.0,
        wage_index=wage, last_spend=spend, providers=new_states)
    outcome = {
        "year": new.year, "calendar_year": config.start_year + new.year, "events": [str(e) for e in events],
        "clients": clients, "new_clients": demand_info["new_clients"], "carried_waiting": state.waiting,
        "served": served_total, "waiting": waiting, "wellbeing_before": wb_before, "wellbeing": wb_mean,
        "prevention_reduction": demand_info["prevention_reduction"], "wage_index": wage,
        "municipality": {"providers": spend, "mdo": mdo_cost, "total": spend + mdo_cost, "mdo_count": mdo_count,
                         "by_law": spend_by_law,
                         "per_inhabitant": (spend + mdo_cost) / population(config)},
        "insurer": {"total": insurer, "mdo_saving": mdo_count * mdo_saving_each, "cofund": cofund},
        "providers": providers_out,
        "funding": str(decisions.municipality.funding),
    }
    return new, outcome


def res_gain(agree: bool, r: Rules | None = None) -> float:
    """Wellbeing gain at full delivery: the model's maximum, plus RESULT_AGREED_GAIN when goals are agreed."""
    g = r or rules()
    return g["wellbeing_gain_max"] + (g["result_agreed_gain"] if agree else 0.0)


@cache
def _population(region: str, municipality: str, year: int) -> int:
    from zorglab.domain.regions import get_region

    reg = get_region(region, year)
    if municipality:
        return int(reg.municipality(municipality).population)
    return int(sum(m.population for m in reg.municipalities))


def population(config: GameConfig) -> int:
    return max(1, _population(config.region, config.municipality, config.start_year))


def initial_state(config: GameConfig, base: pd.DataFrame | None = None) -> tuple[WorldState, dict[str, Any]]:
    """Year 0: last year under P x Q with default providers and equal shares; reserves START_RESERVES of revenue.

    Its outcome is the baseline every later year is compared with.
    """
    base = base_caseload(config) if base is None else base
    g = rules()
    n = config.n_providers
    seed_state = WorldState(year=-1, demand=1.0 / (1.0 + g["demand_trend"]),
                            providers=[ProviderState(reserves=0.0) for _ in range(n)])
    state, outcome = advance(config, seed_state, Decisions(providers=[ProviderDecision()] * n), base=base)
    for p, out in zip(state.providers, outcome["providers"], strict=True):
        p.reserves = g["start_reserves"] * out["revenue"]
        p.status = Status.HEALTHY
        out["reserves"], out["status"] = p.reserves, str(Status.HEALTHY)
    state.year = 0
    state.waiting = 0.0  # the baseline's few turned-away clients found help elsewhere
    outcome["year"], outcome["calendar_year"] = 0, config.start_year
    return state, outcome
