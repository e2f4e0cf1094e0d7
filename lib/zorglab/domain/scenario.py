"""A budget-incentive scenario: one region, one funding model, the policy levers, and the old P x Q way
as the baseline it is compared with.

Why a separate model: the scenario explorer (and notebooks) need everything a slider touches in one
``param.Parameterized`` object, a cached caseload so a slider change is only an evaluate (milliseconds),
and URL round-tripping with clamping. The parts live by job: the knobs in ``zorglab.domain.knobs`` (one table),
the result and its code tables in ``zorglab.domain.scenario_result``, link repair in
``zorglab.domain.scenario_query``; the words (labelled tables, exports, the explanation) in
``zorglab.services.scenario_tables`` and ``zorglab.services.narrative``; the explorer's session state in
``zorglab.ui.scenario_state``.
The money logic itself stays in ``zorglab.domain.funding``: this module only chooses inputs and adds the two
scenario levers the funding models do not know (general provision and prevention/MDO).

Modelling assumptions (shown in the app's assumptions pane):

* The caseload stands for the region's real clients (``zorglab.domain.sizing``): ``n_clients`` is only the size
  of the synthetic sample (precision); money, clients and waiting lists are those of the place.
* Exogenous conditions (region, year, demand growth, need per client, provider cost per hour, provider
  behaviour) apply to the baseline and the scenario alike; policy levers (funding model, tariffs, general
  provision, prevention, model knobs) only to the scenario.
* Prevention/MDO lowers the number of clients needing individual support with diminishing returns:
  ``r(I) = r_max (1 - exp(-I / I0))`` with r_max = 15% and I0 = EUR 250 per client per year.
  An illustrative assumption inspired by the direction reported in pilots such as Ruwaard, not a
  measured effect.
* The general provision (algemene voorziening) takes a share of the clients of *begeleiding* (group and
  individual), as in the Lindendaal source (from 2017 neither needs an indication), out of the individual
  funding model; household support, sheltered housing and youth care stay individual provisions. It gets a
  fixed budget (a factor on what those clients cost under P x Q last year); because no indication is needed, new participants come too. More participants bring
  no more money: the cost per participant is the provider's, and when the budget does not cover it the
  wellbeing gain shrinks in proportion.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import param

from zorglab.core.errors import UnknownNameError
from zorglab.domain.funding import BASELINE, MODELS, FundingResult, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.knobs import (
    COMMON_LEVERS,  # noqa: F401 (re-exported)
    EXOGENOUS_KNOBS,
    KNOBS,
    MODEL_KNOBS,
    baseline_arguments,
    model_arguments,
)
from zorglab.domain.regions import YEAR_RANGE, regions
from zorglab.domain.scenario_query import QueryNotice, clean_value
from zorglab.domain.scenario_result import (  # noqa: F401 (re-exported: the scenario's result types)
    AV_WELLBEING_GAIN,
    PREVENTION_MAX_REDUCTION,
    PREVENTION_SCALE_EUR,
    GeneralProvision,
    ScenarioResult,
    av_wellbeing_gain,
    general_provision,
    prevention_reduction,
)

MAX_DEMAND_GROWTH = 0.5
# Products that need no indication once they are a general provision (Lindendaal source, from 2017).
GENERAL_PROVISION_PRODUCTS = ("WMO_BEG_GRP", "WMO_BEG_IND")
MAX_CLIENTS = 200_000
# Parameters that are conditions of the world, shared by baseline and scenario.
EXOGENOUS = ("region", "year", "n_clients", "seed", *EXOGENOUS_KNOBS)


def region_choices() -> list[str]:
    """The shipped regions first, then every CBS municipality (a region of its own), alphabetically."""
    from zorglab.domain.cbs import municipality_table

    shipped = regions()
    names = sorted(set(municipality_table()["name"]) - set(shipped), key=str.casefold)
    return shipped + names


class Scenario(param.Parameterized):
    """Everything a student can change in one budget-incentive scenario."""

    region: param.Selector[str] = param.Selector(default="Rivierenland", objects=region_choices(), check_on_set=False,
        doc="Region (or CBS municipality) whose clients the scenario is about.")
    year = param.Integer(2022, bounds=YEAR_RANGE, doc="Year: sets the municipal boundaries (mergers).")
    n_clients = param.Integer(5000, bounds=(100, MAX_CLIENTS), step=100,
        doc="Size of the synthetic sample (precision); the number of real clients follows from the region.")
    seed = param.Integer(1, bounds=(0, 9999), doc="Seed of the synthetic caseload; the same seed gives the same clients.")
    funding_model: param.Selector[str] = param.Selector(default=BASELINE, objects=list(MODELS), doc="How the municipality pays providers.")
    # ... and every knob of zorglab.domain.knobs.KNOBS, added below the class from that one table; their value
    # types are declared here for the type checker (test_scenario checks they match the table).
    demand_growth: float
    volume_factor: float
    provider_cost_per_hour: float
    professional_norm: float
    selection_propensity: float
    tariff_factor: float
    general_provision_share: float
    av_budget_factor: float
    av_extra_uptake: float
    av_cost_per_participant: float
    prevention_per_client: float
    upcoding_room: float
    achievement_rate: float
    bonus: float
    malus: float
    base_share: float
    budget_basis: str
    budget_factor: float
    tolerated_loss: float
    corridor_enabled: bool

    def __init__(self, **params: Any):
        if "region" in params:
            from zorglab.domain.regions import resolve_region

            params["region"] = resolve_region(params["region"])
        super().__init__(**params)
        self._memo: tuple[tuple, ScenarioResult] | None = None
        self._baseline: tuple[tuple, FundingResult] | None = None
        self._fixed: tuple[pd.DataFrame, int] | None = None
        self._population: tuple[tuple[str, int], int] | None = None

    def use_caseload(self, caseload: pd.DataFrame, population: int) -> Scenario:
        """Evaluate on a given client set (a report's), so scenario and report share one baseline."""
        pool = caseload.reset_index(drop=True).copy()
        pool["_u"] = np.random.default_rng([self.seed, 20_15]).random(len(pool))
        self._fixed = (pool, int(population))
        self._memo = self._baseline = None
        return self

    @param.depends("region", watch=True, on_init=True)
    def _check_region(self) -> None:
        from zorglab.domain.regions import resolve_region

        canonical = resolve_region(self.region)  # unknown names raise with the valid ones
        if canonical != self.region:
            self.region = canonical

    # ---- inputs -------------------------------------------------------------------------------------
    @classmethod
    def query_names(cls) -> list[str]:
        """Every parameter that defines a scenario (and goes into a shared link)."""
        return [p for p in cls.param if p != "name"]

    def values(self) -> dict[str, Any]:
        return {p: getattr(self, p) for p in self.query_names()}

    def knobs(self) -> tuple[str, ...]:
        """The model-specific parameters that matter for the chosen funding model."""
        return MODEL_KNOBS[self.funding_model]

    def model_params(self, key: str | None = None) -> dict[str, Any]:
        """Keyword arguments for ``make_model`` of the chosen (or given) model, from the knob table."""
        key = key or self.funding_model
        if key not in MODELS:
            raise UnknownNameError("funding model", key, MODELS)
        return model_arguments(self.values(), key)

    def baseline_params(self) -> dict[str, Any]:
        """The old P x Q way under the same conditions (contracted tariffs)."""
        return baseline_arguments(self.values())

    def prevention_reduction(self) -> float:
        return prevention_reduction(self.prevention_per_client)

    def pool(self) -> pd.DataFrame:
        """The synthetic sample standing for the region's clients; cached across sessions."""
        if self._fixed is not None:
            return self._fixed[0]
        return _pool(self.region, self.year, self.n_clients, self.seed)

    def _rows(self, weight_factor: float) -> pd.DataFrame:
        """The sample with weights scaled (demand growth, prevention) and volume scaled; the budget norm is not."""
        rows = self.pool()
        changes: dict[str, Any] = {}
        if weight_factor != 1.0:
            # base_weight: the clients of the year the budgets were set on (before growth and prevention).
            changes["base_weight"] = rows["weight"].to_numpy()
            changes["weight"] = rows["weight"].to_numpy() * weight_factor
        if self.volume_factor != 1.0:
            changes["needed_units"] = rows["needed_units"].to_numpy() * self.volume_factor
        return rows.assign(**changes) if changes else rows

    def general_provision_mask(self, rows: pd.DataFrame) -> np.ndarray:
        """Begeleiding clients (group and individual) moved to the general provision; a stable random subset."""
        moved = rows["product"].isin(GENERAL_PROVISION_PRODUCTS).to_numpy()
        return moved & (rows["_u"].to_numpy() < self.general_provision_share)

    # ---- evaluation ---------------------------------------------------------------------------------
    def evaluate(self) -> ScenarioResult:
        """The scenario and its baseline; a repeated call with unchanged parameters is free."""
        values = tuple(self.values().values())
        if self._memo and self._memo[0] == values:
            return self._memo[1]
        base_key = tuple(getattr(self, n) for n in EXOGENOUS)
        if not self._baseline or self._baseline[0] != base_key:
            model = make_model(BASELINE, **self.baseline_params())
            self._baseline = (base_key, model.evaluate(self._rows(1.0 + self.demand_growth)))
        baseline = self._baseline[1]

        reduction = self.prevention_reduction()
        rows = self._rows((1.0 + self.demand_growth) * (1.0 - reduction))
        av = self.general_provision_mask(rows)
        if av.all():  # everybody in the general provision: keep one row so the models stay defined
            av = av.copy()
            av[0] = False
        individual, av_rows = rows[~av], rows[av]
        result = make_model(self.funding_model, **self.model_params()).evaluate(individual)
        gp = general_provision(av_rows, baseline, av, self.av_budget_factor, self.av_extra_uptake,
                               self.av_cost_per_participant)
        out = ScenarioResult(
            model_key=self.funding_model, baseline=baseline, result=result,
            baseline_clients=baseline.clients_exact, clients_prevented=baseline.clients_exact * reduction,
            prevention_reduction=reduction, prevention_cost=self.prevention_per_client * baseline.clients_exact,
            general=gp, population=self.population(),
        )
        self._memo = (values, out)
        return out

    def population(self) -> int:
        from zorglab.domain.regions import get_region

        if self._fixed is not None:
            return self._fixed[1]
        key = (self.region, self.year)
        if self._population is None or self._population[0] != key:  # a region lookup costs ms on every slider step
            self._population = (key, get_region(self.region, self.year).population)
        return self._population[1]

    # ---- URL ----------------------------------------------------------------------------------------
    def to_query(self) -> dict[str, Any]:
        """Every scenario parameter as a URL-friendly value (what a shared link carries)."""
        out: dict[str, Any] = {}
        for name, value in self.values().items():
            out[name] = str(value).lower() if isinstance(value, bool) else value
        return out

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> tuple[dict[str, Any], list[QueryNotice]]:
        """Valid parameter values from a (possibly tampered) query; each repair comes with a notice.

        Unknown keys are ignored (they may belong to the app, e.g. the language). Out-of-range numbers
        take the nearest bound; unreadable values and unknown choices take the default.
        """
        values: dict[str, Any] = {}
        notices: list[QueryNotice] = []
        for name in cls.query_names():
            if name not in query:
                continue
            value, notice = clean_value(name, cls.param[name], query[name])
            values[name] = value
            if notice:
                notices.append(notice)
        return values, notices

    def apply_query(self, query: Mapping[str, Any]) -> list[QueryNotice]:
        values, notices = self.from_query(query)
        self.param.update(**values)
        return notices

for _knob in KNOBS:  # the knobs, from the one table (zorglab.domain.knobs)
    Scenario.param.add_parameter(_knob.name, _knob.parameter())
del _knob


@lru_cache(maxsize=8)
def _pool(region: str, year: int, n_clients: int, seed: int) -> pd.DataFrame:
    """Read-only synthetic sample of ``n_clients`` rows standing for the region's real clients."""
    pool = generate_caseload(region, n_clients, seed=seed, year=year)
    pool["_u"] = np.random.default_rng([seed, 20_15]).random(len(pool))  # stable rank for the general provision
    return pool
