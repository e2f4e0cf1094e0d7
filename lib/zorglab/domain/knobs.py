"""The scenario's knobs in one declarative table: bounds, default, unit, and which funding-model parameter each sets.

Why a table: the mapping from a scenario knob to a funding-model parameter used to be written out three
times (the scenario's parameters, its model mapping, and a special case for the trajectory price factor).
Now ``KNOBS`` is the one place; ``Scenario``'s ``param`` parameters, the keyword arguments for
``make_model``, the knobs shown per model and the exogenous/policy split are all made from it.

A knob without its own bounds copies default, bounds, step and doc from the first funding-model
parameter it maps to, so a model's range is never written twice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

import param

from zorglab.domain import assumptions as A
from zorglab.domain.funding import BASELINE, MODELS


class KnobGroup(StrEnum):
    """Where a knob acts: conditions of the world (baseline and scenario alike), common policy levers, or a
    model-specific knob shown only under its funding model."""

    CONDITION = "condition"
    LEVER = "lever"
    MODEL = "model"


ALL_MODELS = tuple(MODELS)


def _same(name: str, keys: tuple[str, ...]) -> Mapping[str, str]:
    return MappingProxyType(dict.fromkeys(keys, name))


@dataclass(frozen=True)
class Knob:
    """One scenario knob. ``maps_to``: funding-model key -> the parameter of that model it sets."""

    name: str
    group: KnobGroup
    unit: str  # code for the value's unit: eur, share, factor, count, kappa, flag, choice
    maps_to: Mapping[str, str] = field(default_factory=dict)
    default: Any = None  # None: copy default/bounds/step/doc from the first mapped model parameter
    bounds: tuple[float, float] | None = None
    step: float | None = None
    doc: str = ""

    @property
    def exogenous(self) -> bool:
        return self.group is KnobGroup.CONDITION

    def applies_to(self, model_key: str) -> bool:
        return model_key in self.maps_to

    def parameter(self) -> param.Parameter:
        """The ``param`` parameter of this knob on ``Scenario``."""
        if self.default is not None:
            return param.Number(self.default, bounds=self.bounds, step=self.step, doc=self.doc)
        key, target = next(iter(self.maps_to.items()))
        p = MODELS[key].param[target]
        if isinstance(p, param.Boolean):
            return param.Boolean(p.default, doc=p.doc)
        if isinstance(p, param.Selector):
            return param.Selector(default=p.default, objects=list(p.objects), doc=p.doc)
        return param.Number(p.default, bounds=p.bounds, step=p.step, doc=p.doc)


KNOBS: tuple[Knob, ...] = (
    # conditions of the world: baseline and scenario alike
    Knob("demand_growth", KnobGroup.CONDITION, "share", default=0.0, bounds=(-0.3, 0.5), step=0.01,
         doc="Growth in the number of clients against the year the budget was set on (share), for baseline and "
             "scenario."),
    Knob("volume_factor", KnobGroup.CONDITION, "factor", default=1.0, bounds=(0.5, 1.5), step=0.01,
         doc="Multiplier on every client's needed volume (hours, day parts, days)."),
    Knob("provider_cost_per_hour", KnobGroup.CONDITION, "eur", _same("provider_cost_per_hour", ALL_MODELS)),
    Knob("professional_norm", KnobGroup.CONDITION, "kappa", _same("professional_norm", ALL_MODELS)),
    Knob("selection_propensity", KnobGroup.CONDITION, "factor", _same("selection_propensity", ALL_MODELS)),
    # policy levers, always shown
    Knob("tariff_factor", KnobGroup.LEVER, "factor",
         MappingProxyType({"pxq": "tariff_factor", "output": "price_factor", "result": "price_factor"})),
    Knob("general_provision_share", KnobGroup.LEVER, "share", default=0.0, bounds=(0.0, 1.0), step=0.05,
         doc="Share of begeleiding clients (group and individual) served by an open-access general provision "
             "paid as a fixed budget."),
    Knob("av_budget_factor", KnobGroup.LEVER, "factor", default=0.6, bounds=(0.0, 2.0), step=0.05,
         doc="General-provision budget as a factor on what its clients cost under P x Q last year."),
    Knob("av_extra_uptake", KnobGroup.LEVER, "share", default=A.AV_EXTRA_UPTAKE, bounds=(0.0, 1.0), step=0.05,
         doc="New participants the open access draws, as a share of the clients moved to it."),
    Knob("av_cost_per_participant", KnobGroup.LEVER, "eur", default=A.AV_COST_PER_PARTICIPANT,
         bounds=(100.0, 10_000.0), step=50.0,
         doc="Provider's cost per participant per year in the general provision (EUR)."),
    Knob("prevention_per_client", KnobGroup.LEVER, "eur", default=0.0, bounds=(0.0, 1000.0), step=10.0,
         doc="Prevention/MDO investment per baseline client per year (EUR); lowers demand with diminishing "
             "returns."),
    # model-specific knobs
    Knob("upcoding_room", KnobGroup.MODEL, "factor", _same("upcoding_room", ("output", "result"))),
    Knob("achievement_rate", KnobGroup.MODEL, "share", _same("achievement_rate", ("result",))),
    Knob("bonus", KnobGroup.MODEL, "eur", _same("bonus", ("result",))),
    Knob("malus", KnobGroup.MODEL, "eur", _same("malus", ("result",))),
    Knob("base_share", KnobGroup.MODEL, "share", _same("base_share", ("result",))),
    Knob("budget_basis", KnobGroup.MODEL, "choice", _same("budget_basis", ("lumpsum",))),
    Knob("budget_factor", KnobGroup.MODEL, "factor", _same("budget_factor", ("lumpsum",))),
    Knob("tolerated_loss", KnobGroup.MODEL, "share", _same("tolerated_loss", ("lumpsum",))),
    Knob("corridor_enabled", KnobGroup.MODEL, "flag", _same("corridor_enabled", ("lumpsum",))),
)
KNOB = {k.name: k for k in KNOBS}

# Derived views of the table (names kept from before the table existed).
EXOGENOUS_KNOBS = tuple(k.name for k in KNOBS if k.exogenous)
COMMON_LEVERS = tuple(k.name for k in KNOBS if k.group is KnobGroup.LEVER)
MODEL_KNOBS: dict[str, tuple[str, ...]] = {
    key: tuple(k.name for k in KNOBS if k.group is KnobGroup.MODEL and k.applies_to(key)) for key in MODELS
}


def model_arguments(values: Mapping[str, Any], model_key: str) -> dict[str, Any]:
    """Keyword arguments for ``make_model(model_key, ...)`` from knob values (missing knobs are left out)."""
    return {k.maps_to[model_key]: values[k.name] for k in KNOBS if k.applies_to(model_key) and k.name in values}


def baseline_arguments(values: Mapping[str, Any]) -> dict[str, Any]:
    """The old P x Q way under the same conditions: only the exogenous knobs, contracted tariffs."""
    return {k.maps_to[BASELINE]: values[k.name] for k in KNOBS if k.exogenous and k.applies_to(BASELINE)}
