"""Roles, decisions, events and their allowed ranges: codes and numbers only (words are in the UI catalogue).

Why dataclasses with a range table: the service validates every number a team sends against ``RANGES``
and names the allowed range in the error, and the world model reads plain attributes.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from zorglab.services.game.errors import ErrorCode, GameError


class Code(str, Enum):
    """A code stored in the database and exports (its value), translated only in the UI."""

    def __str__(self) -> str:  # f-strings and JSON show the code, not 'Role.MUNICIPALITY'
        return self.value


class Role(Code):
    MUNICIPALITY = "municipality"  # purchaser / contract manager (gemeente, opdrachtgever)
    PROVIDER = "provider"  # zorgaanbieder (one or more teams)
    AREA_TEAM = "area_team"  # gebiedsteam / wijkteam
    INSURER = "insurer"  # zorgverzekeraar / zorgkantoor (Zvw/Wlz), optional


class Funding(Code):
    PXQ = "pxq"
    OUTPUT = "output"
    RESULT = "result"
    LUMPSUM = "lumpsum"


class Intake(Code):
    OPEN = "open"  # takes every client it is sent
    STANDARD = "standard"  # turns away some loss-making clients (the library's default propensity)
    SELECTIVE = "selective"  # turns loss-making clients away readily (propensity: zorglab.services.game.world.intake_propensity)


class Event(Code):
    PROVIDER_TROUBLE = "provider_trouble"  # provider 1 loses part of its reserves (a failed merger, a claim)
    DEMAND_RISE = "demand_rise"  # 10% more clients this year
    NEW_LAW = "new_law"  # stricter Wlz access: 8% more Wmo clients move to the municipality
    WAGE_RISE = "wage_rise"  # collective labour agreement: provider cost per hour +5%


class Status(Code):
    HEALTHY = "healthy"
    WATCH = "watch"
    TROUBLE = "trouble"
    FAILED = "failed"  # out of the market from the next year: its clients go to the others


class GameStatus(Code):
    DECIDING = "deciding"  # the current round (contract year) is open for decisions
    FINISHED = "finished"  # all rounds played: debrief


MIN_ROUNDS, MAX_ROUNDS = 3, 5
MIN_PROVIDERS, MAX_PROVIDERS = 1, 3
CASES_PER_ROUND = 3  # anonymised cases the area team assigns each round


# name -> (low, high): the only place the allowed ranges live; the UI sliders and the errors read it.
RANGES: dict[str, tuple[float, float]] = {
    "price_factor": (0.8, 1.2),  # multiplier on tariffs (P x Q) or trajectory prices (output/result)
    "budget_factor": (0.7, 1.3),  # lump sum: multiplier on last year's spend
    "capacity_pct": (50, 150),  # % of last year's clients the provider staffs for
    "hours_pct": (70, 130),  # % of the hours the incentive alone would give
    "prevention_eur": (0, 500),  # per client per year
    "mdo_pct": (0, 50),  # % of the severe clients discussed in an MDO
    "cofund_eur": (0, 300),  # insurer co-funds prevention per client per year
}


@dataclass(frozen=True)
class MunicipalityDecision:
    funding: Funding = Funding.PXQ
    price_factor: float = 1.0
    budget_factor: float = 1.0
    corridor: bool = False  # lump sum with a risk corridor (municipality shares losses and gains beyond 2%)
    pay_on_time: bool = True


@dataclass(frozen=True)
class ProviderDecision:
    capacity_pct: int = 100
    intake: Intake = Intake.STANDARD
    hours_pct: int = 100
    prevention_eur: int = 0


@dataclass(frozen=True)
class AreaTeamDecision:
    assignments: dict[str, int] = field(default_factory=dict)  # case_id -> provider number (1..n)
    mdo_pct: int = 10
    agree_results: bool = False  # results agreed with the resident (goals in the support plan)


@dataclass(frozen=True)
class InsurerDecision:
    cofund_eur: int = 0


DECISION_TYPES: dict[Role, type] = {Role.MUNICIPALITY: MunicipalityDecision, Role.PROVIDER: ProviderDecision,
                                    Role.AREA_TEAM: AreaTeamDecision, Role.INSURER: InsurerDecision}
_ENUMS: dict[str, type[enum.Enum]] = {"funding": Funding, "intake": Intake}


def team_role(team: str) -> Role:
    """'provider_2' -> Role.PROVIDER; 'municipality' -> Role.MUNICIPALITY."""
    base = team.split("_", 1)[0] if team.startswith("provider_") else team
    try:
        return Role(base)
    except ValueError:
        raise GameError(ErrorCode.UNKNOWN_TEAM, team=team) from None


def provider_number(team: str) -> int:
    return int(team.split("_", 1)[1])


def parse_decision(role: Role, raw: dict[str, Any], n_providers: int = MAX_PROVIDERS,
                   case_ids: tuple[str, ...] = ()) -> Any:
    """A team's raw form values -> its decision dataclass; anything outside ``RANGES`` or unknown is refused
    with a ``GameError`` naming the allowed values (nothing is clamped silently)."""
    cls = DECISION_TYPES[role]
    names = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(raw) - set(names))
    if unknown:
        raise GameError(ErrorCode.UNKNOWN_FIELD, field=unknown[0], allowed=", ".join(names))
    values: dict[str, Any] = {}
    for name, f in names.items():
        if name not in raw:
            continue
        value = raw[name]
        default = f.default if f.default is not dataclasses.MISSING else None
        if name in _ENUMS:
            try:
                value = _ENUMS[name](value)
            except ValueError:
                raise GameError(ErrorCode.UNKNOWN_CHOICE, field=name, value=str(value),
                                allowed=", ".join(str(e.value) for e in _ENUMS[name])) from None
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise GameError(ErrorCode.NOT_YES_NO, field=name, value=str(value))
        elif name == "assignments":
            value = _assignments(value, n_providers, case_ids)
        elif name in RANGES:
            lo, hi = RANGES[name]
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = float("nan")
            if isinstance(value, bool) or not lo <= number <= hi:  # NaN fails both comparisons
                raise GameError(ErrorCode.OUT_OF_RANGE, field=name, value=str(value), low=lo, high=hi)
            value = int(round(number)) if isinstance(default, int) else number
        values[name] = value
    return cls(**values)


def _assignments(value: Any, n_providers: int, case_ids: tuple[str, ...]) -> dict[str, int]:
    if not isinstance(value, dict):
        raise GameError(ErrorCode.UNKNOWN_FIELD, field="assignments", allowed="case_id -> provider")
    out: dict[str, int] = {}
    for case_id, provider in value.items():
        if case_ids and case_id not in case_ids:
            raise GameError(ErrorCode.UNKNOWN_CHOICE, field="case", value=str(case_id), allowed=", ".join(case_ids))
        if isinstance(provider, bool) or not isinstance(provider, int) or not 1 <= provider <= n_providers:
            raise GameError(ErrorCode.OUT_OF_RANGE, field="provider", value=str(provider), low=1, high=n_providers)
        out[str(case_id)] = provider
    return out


def decision_dict(decision: Any) -> dict[str, Any]:
    """A decision as plain JSON values (codes as strings)."""
    out = {}
    for f in dataclasses.fields(decision):
        v = getattr(decision, f.name)
        out[f.name] = v.value if isinstance(v, Enum) else dict(v) if isinstance(v, dict) else v
    return out


@dataclass(frozen=True)
class GameConfig:
    """What the trainer sets up: the place, the teams and the number of contract years."""

    region: str = "Rivierenland"
    municipality: str = ""  # '' = the whole region
    rounds: int = 3
    n_providers: int = 2
    insurer: bool = True
    start_year: int = 2022
    sample: int = 400  # synthetic rows standing for the real caseload (precision only)
    seed: int = 7

    def teams(self) -> list[str]:
        out = [Role.MUNICIPALITY.value] + [f"provider_{i}" for i in range(1, self.n_providers + 1)]
        out.append(Role.AREA_TEAM.value)
        if self.insurer:
            out.append(Role.INSURER.value)
        return out
