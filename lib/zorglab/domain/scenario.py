"""A budget-incentive scenario: one region, one funding model, the policy levers, and the old P x Q way
as the baseline it is compared with.

Why a separate model: the scenario explorer (and notebooks) need everything a slider touches in one
``param.Parameterized`` object, a cached caseload so a slider change is only an evaluate (milliseconds),
tidy tables for display and export, a plain-language explanation, and URL round-tripping with clamping.
The money logic itself stays in ``zorglab.domain.funding``: this module only chooses inputs and adds the two
scenario levers the funding models do not know (general provision and prevention/MDO).

Modelling assumptions (shown in the app's assumptions pane, see ``ASSUMPTIONS``):

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
  funding model; household support, sheltered housing and youth care stay individual provisions. It gets a fixed budget (a factor on what those clients cost under
  P x Q last year); because no indication is needed, new participants come too. More participants bring
  no more money: the cost per participant is the provider's, and when the budget does not cover it the
  wellbeing gain shrinks in proportion.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import param

from zorglab.core.errors import UnknownNameError, ZorglabError
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain import assumptions as A
from zorglab.domain.catalogue import LAWS
from zorglab.domain.funding import BASELINE, MODELS, FundingResult, make_model
from zorglab.domain.generator import generate_caseload
from zorglab.domain.regions import YEAR_RANGE, regions

PREVENTION_MAX_REDUCTION = 0.15  # r_max: at most 15% fewer clients, however much is invested
PREVENTION_SCALE_EUR = 250.0  # I0: investment per client at which 63% of r_max is reached
AV_WELLBEING_GAIN = A.AV_WELLBEING_GAIN  # wellbeing points a client gains from a fully funded general provision
MAX_DEMAND_GROWTH = 0.5
# Products that need no indication once they are a general provision (Lindendaal source, from 2017).
GENERAL_PROVISION_PRODUCTS = ("WMO_BEG_GRP", "WMO_BEG_IND")
MAX_CLIENTS = 200_000
LANGUAGES = ("nl", "en")

# Parameters that are conditions of the world, shared by baseline and scenario.
EXOGENOUS = ("region", "year", "n_clients", "seed", "demand_growth", "volume_factor", "provider_cost_per_hour",
             "professional_norm", "selection_propensity")
# Knobs shown per funding model (the common levers are always shown).
COMMON_LEVERS = ("tariff_factor", "general_provision_share", "av_budget_factor", "av_extra_uptake",
                 "av_cost_per_participant", "prevention_per_client")
MODEL_KNOBS: dict[str, tuple[str, ...]] = {
    "pxq": (),
    "output": ("upcoding_room",),
    "result": ("achievement_rate", "bonus", "malus", "base_share", "upcoding_room"),
    "lumpsum": ("budget_basis", "budget_factor", "tolerated_loss", "corridor_enabled"),
}
# Scenario parameter -> (funding-model parameter, models it applies to); the one place this mapping lives.
MODEL_PARAM_MAP: dict[str, tuple[str, tuple[str, ...]]] = {
    "provider_cost_per_hour": ("provider_cost_per_hour", tuple(MODELS)),
    "professional_norm": ("professional_norm", tuple(MODELS)),
    "selection_propensity": ("selection_propensity", tuple(MODELS)),
    "tariff_factor": ("tariff_factor", ("pxq",)),
    "upcoding_room": ("upcoding_room", ("output", "result")),
    "achievement_rate": ("achievement_rate", ("result",)),
    "bonus": ("bonus", ("result",)),
    "malus": ("malus", ("result",)),
    "base_share": ("base_share", ("result",)),
    "budget_basis": ("budget_basis", ("lumpsum",)),
    "budget_factor": ("budget_factor", ("lumpsum",)),
    "tolerated_loss": ("tolerated_loss", ("lumpsum",)),
    "corridor_enabled": ("corridor_enabled", ("lumpsum",)),
}


def _copy(model_key: str, name: str, **overrides: Any) -> param.Parameter:
    """A scenario parameter with the default, bounds and doc of a funding-model parameter (one source)."""
    p = MODELS[model_key].param[name]
    if isinstance(p, param.Boolean):
        return param.Boolean(overrides.get("default", p.default), doc=p.doc)
    if isinstance(p, param.Selector):
        return param.Selector(default=p.default, objects=list(p.objects), doc=p.doc)
    return param.Number(overrides.get("default", p.default), bounds=p.bounds, step=p.step, doc=p.doc)


# Bilingual labels of every parameter (used by the UI, the assumptions pane and the exports).
PARAM_LABELS: dict[str, tuple[str, str]] = {
    "region": ("Regio", "Region"),
    "year": ("Jaar", "Year"),
    "n_clients": ("Steekproef (synthetische cliënten)", "Sample (synthetic clients)"),
    "seed": ("Toevalszaad (synthetische caseload)", "Random seed (synthetic caseload)"),
    "funding_model": ("Bekostigingsmodel", "Funding model"),
    "demand_growth": ("Groei van de vraag", "Demand growth"),
    "volume_factor": ("Volume per cliënt (factor)", "Volume per client (factor)"),
    "provider_cost_per_hour": ("Kostprijs aanbieder per uur (€)", "Provider cost per hour (€)"),
    "professional_norm": ("Professionele norm (κ)", "Professional norm (κ)"),
    "selection_propensity": ("Neiging om verliesgevende cliënten te weigeren", "Readiness to turn away loss-making clients"),
    "tariff_factor": ("Tarieven en prijzen (factor)", "Tariffs and prices (factor)"),
    "general_provision_share": ("Aandeel begeleiding naar algemene voorziening",
                                "Share of support (begeleiding) to general provision"),
    "av_budget_factor": ("Budget algemene voorziening (factor op vorig jaar)", "General provision budget (factor on last year)"),
    "av_extra_uptake": ("Nieuwe deelnemers algemene voorziening", "New participants in the general provision"),
    "av_cost_per_participant": ("Kosten per deelnemer algemene voorziening (€)", "Cost per participant, general provision (€)"),
    "prevention_per_client": ("Investering preventie/MDO per cliënt (€)", "Prevention/MDO investment per client (€)"),
    "upcoding_room": ("Ruimte om zwaarder te registreren", "Room to register a heavier class"),
    "achievement_rate": ("Kans op behaald resultaat", "Result-achievement rate"),
    "bonus": ("Bonus per behaald resultaat (€)", "Bonus per achieved result (€)"),
    "malus": ("Malus per niet-behaald resultaat (€)", "Malus per result not achieved (€)"),
    "base_share": ("Deel vooraf betaald", "Share paid up front"),
    "budget_basis": ("Grondslag lumpsum", "Basis of the lump sum"),
    "budget_factor": ("Lumpsum (factor op de grondslag)", "Lump sum (factor on its basis)"),
    "tolerated_loss": ("Verlies dat de aanbieder accepteert", "Loss the provider accepts"),
    "corridor_enabled": ("Risicocorridor (vangnet)", "Risk corridor (safety valve)"),
    "language": ("Taal", "Language"),
    "case_id": ("Casus", "Case"),
    "large_numbers": ("Grote cijfers", "Large numbers"),
}
BUDGET_BASIS_LABELS: dict[str, tuple[str, str]] = {
    "norm": ("Norm per inwoner (landelijk gemiddelde)", "Norm per inhabitant (national average)"),
    "history": ("Uitgaven vorig jaar (P x Q)", "Last year's spend (P x Q)"),
}

_ASSUME = ("Aanname zorglab (gedragsparameter, illustratief); zie Aannames", "zorglab assumption (behaviour, illustrative)")
PARAM_SOURCES: dict[str, tuple[str, str]] = {
    "region": ("Regioregister data/regions.csv of een CBS-gemeente; inwoners CBS 1 januari 2022",
               "Region registry data/regions.csv or a CBS municipality; inhabitants CBS 1 January 2022"),
    "year": ("Gemeentelijke indeling van dat jaar (herindelingen)", "Municipal boundaries of that year (mergers)"),
    "n_clients": ("Alleen de precisie: de cliënten zelf volgen uit inwoners × CBS-cijfers (zorglab.domain.sizing)",
                  "Precision only: the clients follow from inhabitants × CBS figures (zorglab.domain.sizing)"),
    "seed": ("Synthetische caseload: zelfde zaad = zelfde cliënten", "Synthetic caseload: same seed = same clients"),
    "funding_model": ("Uitvoeringsvarianten iStandaarden (3) plus resultaatgericht contracteren",
                      "iStandaarden execution variants (3) plus results-oriented contracting"),
    "provider_cost_per_hour": ("Aanname zorglab: integrale kostprijs incl. overhead (illustratief)",
                               "zorglab assumption: full cost incl. overhead (illustrative)"),
    "tariff_factor": ("Productcatalogus data/products.csv (illustratieve tarieven); trajectprijzen uit de "
                      "kosten van de behoefte per zwaarteklasse",
                      "Product catalogue data/products.csv (illustrative tariffs); trajectory prices from the "
                      "cost of need per intensity class"),
    "general_provision_share": ("Beleidskeuze (Lindendaal: begeleiding als algemene voorziening)",
                                "Policy choice (Lindendaal: support as a general provision)"),
    "prevention_per_client": ("Aanname zorglab: r(I) = 15% · (1 − e^(−I/250)), afnemende meeropbrengst",
                              "zorglab assumption: r(I) = 15% · (1 − e^(−I/250)), diminishing returns"),
    "budget_basis": ("Beleidskeuze: norm = inwoners × landelijk aantal cliënten per inwoner (CBS) × kosten van "
                     "de behoefte; of de P x Q-uitgaven van vorig jaar",
                     "Policy choice: norm = inhabitants × national clients per inhabitant (CBS) × cost of need; or "
                     "last year's P x Q spend"),
}
DEFAULT_SOURCE = _ASSUME


def region_choices() -> list[str]:
    """The shipped regions first, then every CBS municipality (a region of its own), alphabetically."""
    from zorglab.domain.cbs import municipality_table

    shipped = regions()
    names = sorted(set(municipality_table()["name"]) - set(shipped), key=str.casefold)
    return shipped + names


class Scenario(param.Parameterized):
    """Everything a student can change in one budget-incentive scenario."""

    region = param.Selector(default="Rivierenland", objects=region_choices(), check_on_set=False,
        doc="Region (or CBS municipality) whose clients the scenario is about.")
    year = param.Integer(2022, bounds=YEAR_RANGE, doc="Year: sets the municipal boundaries (mergers).")
    n_clients = param.Integer(5000, bounds=(100, MAX_CLIENTS), step=100,
        doc="Size of the synthetic sample (precision); the number of real clients follows from the region.")
    seed = param.Integer(1, bounds=(0, 9999), doc="Seed of the synthetic caseload; the same seed gives the same clients.")
    funding_model = param.Selector(default=BASELINE, objects=list(MODELS), doc="How the municipality pays providers.")
    demand_growth = param.Number(0.0, bounds=(-0.3, MAX_DEMAND_GROWTH), step=0.01,
        doc="Growth in the number of clients against the year the budget was set on (share), for baseline and scenario.")
    volume_factor = param.Number(1.0, bounds=(0.5, 1.5), step=0.01,
        doc="Multiplier on every client's needed volume (hours, day parts, days).")
    provider_cost_per_hour = _copy("pxq", "provider_cost_per_hour")
    professional_norm = _copy("pxq", "professional_norm")
    selection_propensity = _copy("pxq", "selection_propensity")
    tariff_factor = _copy("pxq", "tariff_factor")
    general_provision_share = param.Number(0.0, bounds=(0.0, 1.0), step=0.05,
        doc="Share of begeleiding clients (group and individual) served by an open-access general provision "
            "paid as a fixed budget.")
    av_budget_factor = param.Number(0.6, bounds=(0.0, 2.0), step=0.05,
        doc="General-provision budget as a factor on what its clients cost under P x Q last year.")
    av_extra_uptake = param.Number(A.AV_EXTRA_UPTAKE, bounds=(0.0, 1.0), step=0.05,
        doc="New participants the open access draws, as a share of the clients moved to it.")
    av_cost_per_participant = param.Number(A.AV_COST_PER_PARTICIPANT, bounds=(100.0, 10_000.0), step=50.0,
        doc="Provider's cost per participant per year in the general provision (EUR).")
    prevention_per_client = param.Number(0.0, bounds=(0.0, 1000.0), step=10.0,
        doc="Prevention/MDO investment per baseline client per year (EUR); lowers demand with diminishing returns.")
    upcoding_room = _copy("output", "upcoding_room")
    achievement_rate = _copy("result", "achievement_rate")
    bonus = _copy("result", "bonus")
    malus = _copy("result", "malus")
    base_share = _copy("result", "base_share")
    budget_basis = _copy("lumpsum", "budget_basis")
    budget_factor = _copy("lumpsum", "budget_factor")
    tolerated_loss = _copy("lumpsum", "tolerated_loss")
    corridor_enabled = _copy("lumpsum", "corridor_enabled")

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
        """Keyword arguments for ``make_model`` of the chosen (or given) model, from ``MODEL_PARAM_MAP``."""
        key = key or self.funding_model
        if key not in MODELS:
            raise UnknownNameError("funding model", key, MODELS)
        out = {target: getattr(self, name) for name, (target, keys) in MODEL_PARAM_MAP.items() if key in keys}
        if key in ("output", "result"):
            out["price_factor"] = self.tariff_factor
        return out

    def baseline_params(self) -> dict[str, Any]:
        """The old P x Q way under the same conditions (contracted tariffs)."""
        return {target: getattr(self, name) for name, (target, keys) in MODEL_PARAM_MAP.items()
                if name in EXOGENOUS and BASELINE in keys}

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

    # ---- tables -------------------------------------------------------------------------------------
    def summary_table(self, language: str = "nl") -> pd.DataFrame:
        return self.evaluate().summary_table(language)

    def spend_table(self, language: str = "nl") -> pd.DataFrame:
        return self.evaluate().spend_table(language)

    def incentive_table(self, language: str = "nl") -> pd.DataFrame:
        return self.evaluate().incentive_table(language)

    def parameters_table(self, language: str = "nl") -> pd.DataFrame:
        """Every parameter with its value, allowed range, meaning and source (the assumptions pane)."""
        en = language == "en"
        rows = []
        for name in self.query_names():
            p = self.param[name]
            value = getattr(self, name)
            if name == "region":
                allowed = (", ".join(regions()) + (" or any CBS municipality (name or GM code)" if en
                                                   else " of een CBS-gemeente (naam of GM-code)"))
            elif isinstance(p, param.Selector):
                allowed = ", ".join(map(str, p.objects))
            elif isinstance(p, param.Boolean):
                allowed = "ja / nee" if not en else "yes / no"
            elif name in ("year", "seed"):  # identifiers, not amounts: no thousands separator
                allowed = f"{p.bounds[0]} – {p.bounds[1]}"
            else:
                allowed = f"{format_number(p.bounds[0], 2 if isinstance(p.bounds[0], float) else 0)} – " \
                          f"{format_number(p.bounds[1], 2 if isinstance(p.bounds[1], float) else 0)}"
            rows.append({
                "parameter": name,
                "label": PARAM_LABELS[name][int(en)],
                "value": value,
                "default": p.default,
                "allowed": allowed,
                "meaning": p.doc or "",
                "source": PARAM_SOURCES.get(name, DEFAULT_SOURCE)[int(en)],
                "applies_to": ("baseline + scenario" if name in EXOGENOUS else "scenario") if en
                else ("basislijn + scenario" if name in EXOGENOUS else "scenario"),
            })
        return pd.DataFrame(rows)

    def export_tables(self, language: str = "nl") -> dict[str, pd.DataFrame]:
        r = self.evaluate()
        return {"summary": r.summary_table(language), "spend": r.spend_table(language),
                "incentive": r.incentive_table(language), "parameters": self.parameters_table(language)}

    def to_csv(self, language: str = "nl") -> str:
        """All tables in one CSV (a 'table' column says which), readable by Excel in Dutch locale too."""
        frames = [df.assign(table=name)[["table", *df.columns]] for name, df in self.export_tables(language).items()]
        return formula_safe(pd.concat(frames, ignore_index=True)).to_csv(index=False)

    def to_excel(self, language: str = "nl") -> bytes:
        """One sheet per table."""
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            for name, df in self.export_tables(language).items():
                formula_safe(df).to_excel(xl, sheet_name=name, index=False)
        return buf.getvalue()

    def explain(self, language: str = "nl") -> str:
        return explain(self.evaluate(), self, language)

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
            value, notice = _clean(name, cls.param[name], query[name])
            values[name] = value
            if notice:
                notices.append(notice)
        return values, notices

    def apply_query(self, query: Mapping[str, Any]) -> list[QueryNotice]:
        values, notices = self.from_query(query)
        self.param.update(**values)
        return notices


@dataclass(frozen=True)
class QueryNotice:
    """A URL value that was repaired: what was given, what is used, what is allowed."""

    parameter: str
    given: object
    used: object
    allowed: str

    def message(self, language: str = "nl") -> str:
        label = PARAM_LABELS.get(self.parameter, (self.parameter, self.parameter))[int(language == "en")]
        given = str(self.given)[:40]
        used = self.used
        if isinstance(used, float) and language != "en":
            used = format_number(used, 2)
        if language == "en":
            return f"'{label}' in the link was {given!r}; using {used} instead (allowed: {self.allowed})."
        allowed = self.allowed.replace(".", ",") if _NUMERIC_RANGE.match(self.allowed) else self.allowed
        return f"'{label}' in de link was {given!r}; we gebruiken {used} (toegestaan: {allowed})."


_NUMERIC_RANGE = re.compile(r"^-?[\d.]+ – -?[\d.]+$")
_TRUE, _FALSE = {"true", "1", "yes", "ja", "on"}, {"false", "0", "no", "nee", "off"}


def _clean(name: str, p: param.Parameter, raw: Any) -> tuple[Any, QueryNotice | None]:
    if name == "region":
        from zorglab.domain.regions import resolve_region

        try:
            return resolve_region(str(raw)), None
        except ZorglabError:
            allowed = ", ".join(regions()) + " / CBS-gemeente (naam of GM-code) / CBS municipality (name or GM code)"
            return p.default, QueryNotice(name, raw, p.default, allowed)
    if isinstance(p, param.Selector):
        allowed = ", ".join(map(str, p.objects))
        if raw in p.objects:
            return raw, None
        lowered = {str(o).lower(): o for o in p.objects}
        if str(raw).strip().lower() in lowered:
            return lowered[str(raw).strip().lower()], None
        return p.default, QueryNotice(name, raw, p.default, allowed)
    if isinstance(p, param.Boolean):
        text = str(raw).strip().lower()
        if isinstance(raw, bool):
            return raw, None
        if text in _TRUE | _FALSE:
            return text in _TRUE, None
        return p.default, QueryNotice(name, raw, p.default, "true / false")
    lo, hi = p.bounds
    is_int = isinstance(p, param.Integer)
    allowed = f"{lo} – {hi}"
    try:
        number = float(raw)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(raw, bool) or not math.isfinite(number):
        return p.default, QueryNotice(name, raw, p.default, allowed)
    clamped = min(max(number, lo), hi)
    value: Any = round(clamped) if is_int else clamped
    if is_int:
        value = int(min(max(value, lo), hi))
    if clamped != number or (is_int and value != number):
        return value, QueryNotice(name, raw, value, allowed)
    return value, None


# ---- pure scenario maths (mirrored in zorglab.domain.equations) ----------------------------------------------
def prevention_reduction(investment_per_client: float) -> float:
    """Share of clients no longer needing individual support: r_max (1 - exp(-I / I0))."""
    return PREVENTION_MAX_REDUCTION * (1.0 - math.exp(-max(0.0, investment_per_client) / PREVENTION_SCALE_EUR))


def av_wellbeing_gain(budget: float, cost: float, gain: float = AV_WELLBEING_GAIN) -> float:
    """Wellbeing gain in the general provision: full when the budget covers the cost, else in proportion."""
    if cost <= 0:
        return gain
    return gain * min(1.0, budget / cost)


@dataclass(frozen=True)
class GeneralProvision:
    """The general provision's year: a fixed budget; participants and their cost are outcomes."""

    moved_clients: float  # begeleiding clients who no longer need an indication
    new_participants: float  # drawn in by open access
    budget: float  # fixed before the year, whatever the number of participants
    cost: float  # provider's cost of serving all participants
    wellbeing_before_sum: float
    wellbeing_after_sum: float

    @property
    def participants(self) -> float:
        return self.moved_clients + self.new_participants

    @property
    def margin(self) -> float:
        return self.budget - self.cost


def general_provision(rows: pd.DataFrame, baseline: FundingResult, moved: np.ndarray, budget_factor: float,
                      extra_uptake: float, cost_per_participant: float) -> GeneralProvision:
    """Budget = factor x what the moved clients cost under P x Q last year; participants = moved x (1 + uptake)."""
    if not len(rows):
        return GeneralProvision(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    w = rows["weight"].to_numpy(float)
    # Last year's clients (before demand growth and prevention), at what P x Q paid per client.
    cl = baseline.caseload
    base_w = (cl["base_weight"] if "base_weight" in cl.columns else cl["weight"]).to_numpy(float)[moved]
    last_year = float(np.sum(baseline.revenue[moved] * base_w * baseline.served[moved]))
    budget = budget_factor * last_year
    moved_n = float(w.sum())
    new = moved_n * extra_uptake
    cost = (moved_n + new) * cost_per_participant
    before = rows["wellbeing_before"].to_numpy(float)
    gain = av_wellbeing_gain(budget, cost)
    after = np.clip(before + gain, 1.0, 10.0)
    # New participants are assumed to start like the moved clients (same mean before, same gain).
    scale = 1.0 + extra_uptake
    return GeneralProvision(moved_n, new, budget, cost, float(np.sum(before * w)) * scale,
                            float(np.sum(after * w)) * scale)


@lru_cache(maxsize=8)
def _pool(region: str, year: int, n_clients: int, seed: int) -> pd.DataFrame:
    """Read-only synthetic sample of ``n_clients`` rows standing for the region's real clients."""
    pool = generate_caseload(region, n_clients, seed=seed, year=year)
    pool["_u"] = np.random.default_rng([seed, 20_15]).random(len(pool))  # stable rank for the general provision
    return pool


# ---- results ----------------------------------------------------------------------------------------
@dataclass
class ScenarioResult:
    model_key: str
    baseline: FundingResult
    result: FundingResult
    baseline_clients: float
    clients_prevented: float
    prevention_reduction: float
    prevention_cost: float
    general: GeneralProvision
    population: int = 0

    @property
    def av_clients(self) -> int:
        return int(round(self.general.participants))

    @property
    def av_budget(self) -> float:
        return self.general.budget

    # Municipal view: individual provision + general provision + prevention.
    @property
    def municipal_spend(self) -> float:
        return self.result.total_spend + self.general.budget + self.prevention_cost

    @property
    def baseline_spend(self) -> float:
        return self.baseline.total_spend

    @property
    def spend_difference(self) -> float:
        return self.municipal_spend - self.baseline_spend

    @property
    def clients_exact(self) -> float:
        return self.result.clients_exact + self.general.participants

    @property
    def clients(self) -> int:
        return int(round(self.clients_exact))

    @property
    def clients_served(self) -> int:
        return self.result.clients_served + self.av_clients

    @property
    def clients_waiting(self) -> int:
        return self.result.clients_waiting

    @property
    def wellbeing_before(self) -> float:
        r = self.result
        total = float(np.sum(r.caseload["wellbeing_before"].to_numpy(float) * r.weight)) + self.general.wellbeing_before_sum
        return total / self.clients_exact

    @property
    def wellbeing_after(self) -> float:
        r = self.result
        return (float(np.sum(r.wellbeing_after * r.weight)) + self.general.wellbeing_after_sum) / self.clients_exact

    def per_inhabitant(self, amount: float) -> float:
        return amount / self.population if self.population else float("nan")

    def metrics(self) -> dict[str, dict[str, float | str]]:
        """Indicator -> {'baseline': x, 'scenario': y}; the numbers every view shows.

        Computed once per result (cards, tables and exports all ask); callers get their own copy.
        """
        cached = self.__dict__.get("_metrics")
        if cached is None:
            cached = self.__dict__["_metrics"] = self._metrics_now()
        return {k: dict(v) for k, v in cached.items()}

    def _metrics_now(self) -> dict[str, dict[str, float | str]]:
        b, r = self.baseline, self.result
        return {
            "municipal_spend": {"baseline": b.total_spend, "scenario": self.municipal_spend},
            "spend_per_inhabitant": {"baseline": self.per_inhabitant(b.total_spend),
                                     "scenario": self.per_inhabitant(self.municipal_spend)},
            "spend_per_client": {"baseline": b.total_spend / b.clients_exact,
                                 "scenario": self.municipal_spend / self.clients_exact},
            "provider_revenue": {"baseline": b.provider_revenue, "scenario": r.provider_revenue},
            "provider_cost": {"baseline": b.provider_cost, "scenario": r.provider_cost},
            "provider_margin": {"baseline": b.provider_margin, "scenario": r.provider_margin},
            "margin_pct": {"baseline": b.margin_pct, "scenario": r.margin_pct},
            "continuity_risk": {"baseline": b.continuity_risk, "scenario": r.continuity_risk},
            "clients": {"baseline": b.clients, "scenario": self.clients},
            "clients_served": {"baseline": b.clients_served, "scenario": self.clients_served},
            "clients_waiting": {"baseline": b.clients_waiting, "scenario": self.clients_waiting},
            "wellbeing_before": {"baseline": b.wellbeing_before_mean, "scenario": self.wellbeing_before},
            "wellbeing_after": {"baseline": b.wellbeing_after_mean, "scenario": self.wellbeing_after},
        }

    def summary_table(self, language: str = "nl") -> pd.DataFrame:
        en = int(language == "en")
        rows = []
        for key, v in self.metrics().items():
            base, scen = v["baseline"], v["scenario"]
            diff = scen - base if not isinstance(base, str) else ("" if base == scen else f"{base} → {scen}")
            rows.append({"indicator": key, "label": INDICATOR_LABELS[key][en], "baseline": base, "scenario": scen,
                         "difference": diff, "unit": INDICATOR_UNITS.get(key, "")})
        return pd.DataFrame(rows)

    def spend_table(self, language: str = "nl") -> pd.DataFrame:
        """Municipal spend per law/payer line: baseline, scenario and difference (EUR per year)."""
        en = int(language == "en")
        base, scen = self.baseline.spend_by_law, self.result.spend_by_law
        lines = [(f"maatwerk_{law}", SPEND_LABELS[law][en], base[law], scen[law]) for law in LAWS]
        lines.append(("algemene_voorziening", SPEND_LABELS["av"][en], 0.0, self.av_budget))
        lines.append(("preventie_mdo", SPEND_LABELS["prevention"][en], 0.0, self.prevention_cost))
        df = pd.DataFrame(lines, columns=["line", "label", "baseline_eur", "scenario_eur"])
        total = pd.DataFrame([("totaal", SPEND_LABELS["total"][en], df["baseline_eur"].sum(), df["scenario_eur"].sum())],
                             columns=df.columns)
        df = pd.concat([df, total], ignore_index=True)
        df["difference_eur"] = df["scenario_eur"] - df["baseline_eur"]
        return df

    def incentive_table(self, language: str = "nl") -> pd.DataFrame:
        """What one more hour / client / achieved result earns the provider, baseline vs scenario."""
        en = int(language == "en")
        b, s = self.baseline.incentive, self.result.incentive
        keys = ("extra_hour_revenue", "extra_hour_margin", "extra_client_revenue", "extra_client_margin",
                "extra_result_revenue", "margin_light_minus_heavy")
        return pd.DataFrame([{"incentive": k, "label": INCENTIVE_LABELS[k][en], "baseline_eur": getattr(b, k),
                              "scenario_eur": getattr(s, k)} for k in keys])


INDICATOR_LABELS: dict[str, tuple[str, str]] = {
    "municipal_spend": ("Uitgaven gemeente", "Municipal spend"),
    "spend_per_inhabitant": ("Uitgaven per inwoner", "Spend per inhabitant"),
    "spend_per_client": ("Uitgaven per cliënt", "Spend per client"),
    "provider_revenue": ("Omzet aanbieders", "Provider revenue"),
    "provider_cost": ("Kosten aanbieders", "Provider cost"),
    "provider_margin": ("Marge aanbieders", "Provider margin"),
    "margin_pct": ("Marge (% van omzet)", "Margin (% of revenue)"),
    "continuity_risk": ("Risico continuïteit van zorg", "Continuity-of-care risk"),
    "clients": ("Cliënten met hulpvraag", "Clients needing support"),
    "clients_served": ("Cliënten geholpen", "Clients served"),
    "clients_waiting": ("Cliënten op wachtlijst", "Clients waiting"),
    "wellbeing_before": ("Welbevinden vooraf (1-10)", "Wellbeing before (1-10)"),
    "wellbeing_after": ("Verwacht welbevinden na een jaar (1-10)", "Expected wellbeing after a year (1-10)"),
}
INDICATOR_UNITS = {"municipal_spend": "EUR", "spend_per_client": "EUR", "spend_per_inhabitant": "EUR", "provider_revenue": "EUR",
                   "provider_cost": "EUR", "provider_margin": "EUR", "margin_pct": "share"}
SPEND_LABELS: dict[str, tuple[str, str]] = {
    "Wmo": ("Wmo maatwerk (gemeente)", "Wmo individual provision (municipality)"),
    "Jeugdwet": ("Jeugdwet (gemeente)", "Youth Act (municipality)"),
    "av": ("Wmo algemene voorziening (budget)", "Wmo general provision (budget)"),
    "prevention": ("Preventie / MDO (gemeente)", "Prevention / MDO (municipality)"),
    "total": ("Totaal gemeente", "Municipality total"),
}
INCENTIVE_LABELS: dict[str, tuple[str, str]] = {
    "extra_hour_revenue": ("Opbrengst van één extra uur", "Revenue from one extra hour"),
    "extra_hour_margin": ("Marge op één extra uur", "Margin on one extra hour"),
    "extra_client_revenue": ("Opbrengst van één extra cliënt", "Revenue from one extra client"),
    "extra_client_margin": ("Marge op één extra cliënt", "Margin on one extra client"),
    "extra_result_revenue": ("Waarde van één behaald resultaat", "Value of one achieved result"),
    "margin_light_minus_heavy": ("Marge licht minus zwaar per cliënt", "Margin light minus heavy per client"),
}
RISK_LABELS = {"laag": ("laag", "low"), "verhoogd": ("verhoogd", "elevated"), "hoog": ("hoog", "high")}
MODEL_LABELS: dict[str, tuple[str, str]] = {k: (m.label_nl, m.label_en) for k, m in MODELS.items()}


def explain(res: ScenarioResult, scenario: Scenario | None = None, language: str = "nl") -> str:
    """Plain-language explanation of the numbers: spend, the provider's incentive, risks."""
    en = language == "en"
    r, inc = res.result, res.result.incentive
    eur = lambda v: format_eur(v, 0)  # noqa: E731
    parts: list[str] = []
    diff, base = res.spend_difference, res.baseline_spend
    rel = format_pct(abs(diff) / base) if base else "–"
    if abs(diff) < 0.5:
        parts.append("Municipal spend equals the old P x Q way." if en else "De gemeente geeft evenveel uit als onder de oude P x Q-aanpak.")
    elif en:
        parts.append(f"The municipality spends {eur(abs(diff))} ({rel}) {'more' if diff > 0 else 'less'} than under the old P x Q way.")
    else:
        parts.append(f"De gemeente geeft {eur(abs(diff))} ({rel}) {'meer' if diff > 0 else 'minder'} uit dan onder de oude P x Q-aanpak.")

    key = res.model_key
    if key == "pxq":
        parts.append(
            f"Under P x Q every extra hour earns the provider {eur(inc.extra_hour_revenue)} (margin {eur(inc.extra_hour_margin)}): "
            "delivering more hours pays; risk of supply-induced demand." if en else
            f"Onder P x Q levert elk extra uur de aanbieder {eur(inc.extra_hour_revenue)} op (marge {eur(inc.extra_hour_margin)}): "
            "meer uren leveren loont; risico op aanbodgestuurde zorg.")
    elif key == "output":
        parts.append(
            "Under a trajectory price an extra hour earns nothing: the provider earns on efficient trajectories; "
            "risk of upcoding and cherry-picking." if en else
            "Onder een trajectprijs levert een extra uur niets op: de aanbieder verdient aan efficiënte trajecten; "
            "risico op opwaarderen en het selecteren van lichte cliënten.")
    elif key == "result":
        parts.append(
            f"Under results-oriented funding one achieved result is worth {eur(inc.extra_result_revenue)} to the provider: "
            "it pays to reach the agreed goal; risk of avoiding clients with little chance of success." if en else
            f"Onder resultaatbekostiging is één behaald resultaat {eur(inc.extra_result_revenue)} waard voor de aanbieder: "
            "het doel halen loont; risico dat cliënten met weinig kans op succes worden gemeden.")
    else:
        parts.append(
            f"Under a lump sum the provider earns on cheaper arrangements: every hour not delivered saves "
            f"{eur(-inc.extra_hour_margin)}; risk of under-treatment and waiting lists." if en else
            f"Onder lumpsum verdient de aanbieder aan goedkopere arrangementen: elk uur dat niet geleverd wordt "
            f"scheelt {eur(-inc.extra_hour_margin)}; risico op onderbehandeling en wachtlijsten.")
    share, base_share = r.behaviour.get("delivered_share", 1.0), res.baseline.behaviour.get("delivered_share", 1.0)
    parts.append(
        f"So providers deliver {format_pct(share)} of the need (P x Q: {format_pct(base_share)})." if en else
        f"Daardoor leveren aanbieders {format_pct(share)} van de behoefte (P x Q: {format_pct(base_share)}).")
    if key == "lumpsum" and "budget" in r.behaviour:
        basis = BUDGET_BASIS_LABELS[scenario.budget_basis][int(en)].lower() if scenario is not None else ""
        parts.append(f"The budget of {eur(r.behaviour['budget'])} was set before the year"
                     + (f" ({basis})" if basis else "") + "; extra clients bring no extra money." if en else
                     f"Het budget van {eur(r.behaviour['budget'])} lag vóór het jaar vast"
                     + (f" ({basis})" if basis else "") + "; extra cliënten leveren geen extra geld op.")
    turned = r.behaviour.get("turned_away", 0.0)
    if key in ("output", "result") and turned >= 0.5:
        n = format_number(turned)
        parts.append(f"{n} clients on whom the provider would lose money are turned away." if en else
                     f"{n} cliënten op wie de aanbieder verlies zou lijden worden geweigerd.")
    if key != "pxq" and inc.margin_light_minus_heavy > 500:
        parts.append(
            f"A light client yields {eur(inc.margin_light_minus_heavy)} more margin than a heavy one: pressure to select." if en else
            f"Een lichte cliënt levert {eur(inc.margin_light_minus_heavy)} meer marge op dan een zware: druk om te selecteren.")

    if r.continuity_risk != "laag":
        loss = format_pct(-r.margin_pct)
        parts.append(
            f"Warning: providers lose {loss} of revenue — continuity of care is at {'high' if r.continuity_risk == 'hoog' else 'elevated'} risk." if en else
            f"Let op: aanbieders verliezen {loss} van hun omzet — {'groot' if r.continuity_risk == 'hoog' else 'verhoogd'} risico voor de continuïteit van zorg.")
    elif r.margin_pct > 0.15:
        parts.append(f"Providers keep a margin of {format_pct(r.margin_pct)}: generous for the municipality's money." if en else
                     f"Aanbieders houden {format_pct(r.margin_pct)} marge over: ruim, gezien het gemeenschapsgeld.")
    if res.clients_waiting:
        n = format_number(res.clients_waiting)
        parts.append(f"{n} clients wait for support or are turned away." if en else
                     f"{n} cliënten wachten op ondersteuning of worden geweigerd.")
    if res.av_clients:
        g = res.general
        n, new = format_number(g.moved_clients), format_number(g.new_participants)
        parts.append(
            f"{n} begeleiding clients move to the general provision and {new} new participants come because no "
            f"assessment is needed; its fixed budget of {eur(g.budget)} does not grow with them (provider cost "
            f"{eur(g.cost)})." if en else
            f"{n} cliënten met begeleiding gaan naar de algemene voorziening en {new} nieuwe deelnemers komen erbij omdat "
            f"geen indicatie nodig is; het vaste budget van {eur(g.budget)} groeit niet mee (kosten aanbieder "
            f"{eur(g.cost)}).")
        if g.cost > g.budget:
            parts.append("The budget does not cover the cost: participants get less support." if en else
                         "Het budget dekt de kosten niet: deelnemers krijgen minder ondersteuning.")
    if res.prevention_cost:
        n = format_number(res.clients_prevented)
        parts.append(
            f"Prevention/MDO ({eur(res.prevention_cost)}) lowers demand by {format_pct(res.prevention_reduction)} ({n} fewer clients)." if en else
            f"Preventie/MDO ({eur(res.prevention_cost)}) verlaagt de vraag met {format_pct(res.prevention_reduction)} ({n} cliënten minder).")
    dw = res.wellbeing_after - res.baseline.wellbeing_after_mean
    if abs(dw) >= 0.05:
        w = format_number(abs(dw), 2)
        parts.append(f"Expected wellbeing is {w} points {'higher' if dw > 0 else 'lower'} than in the baseline." if en else
                     f"Het verwachte welbevinden is {w} punt {'hoger' if dw > 0 else 'lager'} dan in de basislijn.")
    return " ".join(parts)


def formula_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy a spreadsheet cannot run: text cells and headers starting with =, +, -, @, tab or CR get a
    leading ' (``zorglab.services.reports.export.safe_text``); numbers, negative ones included, stay numbers."""
    from zorglab.services.reports.export import (
        safe_text,  # lazy: the reports package pulls in the plotting stack
    )

    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):  # object or (pandas 3) str columns
            out[col] = out[col].map(lambda v: safe_text(v) if isinstance(v, str) else v)
    out.columns = [safe_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def compare_scenarios(scenarios: Mapping[str, Scenario], language: str = "nl") -> pd.DataFrame:
    """Saved scenarios side by side: one row per indicator, the baseline of the first, one column each."""
    if not scenarios:
        return pd.DataFrame(columns=["indicator", "label"])
    en = int(language == "en")
    columns: dict[str, dict[str, Any]] = {}
    first = next(iter(scenarios.values())).evaluate()
    base_label = "Baseline (P x Q)" if en else "Basislijn (P x Q)"
    columns[base_label] = {k: v["baseline"] for k, v in first.metrics().items()}
    for name, sc in scenarios.items():
        res = sc.evaluate()
        columns[name] = {k: v["scenario"] for k, v in res.metrics().items()}
        columns[name]["funding_model"] = MODEL_LABELS[sc.funding_model][en]
    columns[base_label]["funding_model"] = MODEL_LABELS[BASELINE][en]
    df = pd.DataFrame(columns)
    df.index.name = "indicator"
    df = df.reset_index()
    labels = {**INDICATOR_LABELS, "funding_model": PARAM_LABELS["funding_model"]}
    df.insert(1, "label", df["indicator"].map(lambda k: labels[k][en]))
    return df


# ---- the explorer's session state (everything besides the scenario itself) ----------------------------
MAX_SAVED = 4


class SavedScenarioError(ZorglabError):
    """Saving or removing a named scenario failed; the message says what to do instead."""


def parse_flag(raw: Any) -> bool | None:
    """A yes/no value from a link ('true', '1', 'ja', ...); None when it is neither."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    return True if text in _TRUE else False if text in _FALSE | {""} else None


class ExplorerState(param.Parameterized):
    """State of one explorer session: the live scenario, the language, saved scenarios, predict-then-reveal.

    Why in lib and not in the app: notebooks and tests drive the same state the browser does, and the
    view stays a thin layer over it.
    """

    scenario = param.ClassSelector(class_=Scenario, doc="The scenario the sliders change.")
    language = param.Selector(default="nl", objects=list(LANGUAGES), doc="UI language: Dutch default, English switch.")
    predict_mode = param.Boolean(False, doc="Workshop mode: the effect of a change stays hidden until revealed.")
    large_numbers = param.Boolean(False, doc="Projector mode: the headline numbers in large type for the back of the "
                                             "room (kept in a shared link).")
    revealed = param.Boolean(True, doc="False while a change is hidden in predict mode.")
    case_id = param.String("", doc="Case shown in the effectencalculator tab ('' = the first case).")
    saved = param.Dict(default={}, doc="Named scenarios (name -> parameter values), at most MAX_SAVED.")
    notices = param.List(default=[], item_type=QueryNotice, doc="Repairs made to values from a shared link.")

    def __init__(self, **params: Any):
        params.setdefault("scenario", Scenario())
        super().__init__(**params)
        self.scenario.param.watch(self._hide_effect, self.scenario.query_names())

    def _hide_effect(self, *_: Any) -> None:
        if self.predict_mode:
            self.revealed = False

    @param.depends("predict_mode", watch=True)
    def _toggle_predict(self) -> None:
        # Switching the mode on keeps the current numbers visible; the *next* change is hidden.
        self.revealed = True

    def reveal(self) -> None:
        self.revealed = True

    @property
    def hidden(self) -> bool:
        """True while the scenario's effect must not be shown (predict mode, not yet revealed)."""
        return self.predict_mode and not self.revealed

    # ---- URL ---------------------------------------------------------------------------------------------
    def apply_query(self, query: Mapping[str, Any]) -> list[QueryNotice]:
        """Load a shared link: repaired values with notices, never an exception for bad input."""
        notices = self.scenario.apply_query(query)
        if "case_id" in query:
            from zorglab.domain.cases import load_cases

            ids = [c.case_id for c in load_cases()]
            given = str(query["case_id"]).strip().upper()
            if given in ids:
                self.case_id = given
            else:
                self.case_id = ids[0]
                notices.append(QueryNotice("case_id", query["case_id"], ids[0], f"{ids[0]} … {ids[-1]}"))
        if "large_numbers" in query:
            flag = parse_flag(query["large_numbers"])
            if flag is None:
                notices.append(QueryNotice("large_numbers", query["large_numbers"], self.large_numbers,
                                           "true, false"))
            else:
                self.large_numbers = flag
        if "language" in query:
            lang = str(query["language"]).strip().lower()
            if lang in LANGUAGES:
                self.language = lang
            else:
                notices.append(QueryNotice("language", query["language"], self.language, ", ".join(LANGUAGES)))
        self.notices = [*self.notices, *notices]
        return notices

    # ---- saved scenarios ---------------------------------------------------------------------------------
    def save(self, name: str) -> str:
        """Save the live scenario under ``name`` (same name = overwrite); at most MAX_SAVED scenarios.

        Refused while predict mode hides the effect: the comparison would show it.
        """
        if self.hidden:
            raise SavedScenarioError("reveal the effect first (predict mode): a saved scenario shows its result")
        name = " ".join(str(name).split())[:40]
        if not name:
            name = f"Scenario {len(self.saved) + 1}"
            while name in self.saved:
                name += "+"
        if name not in self.saved and len(self.saved) >= MAX_SAVED:
            raise SavedScenarioError(
                f"at most {MAX_SAVED} scenarios can be compared; remove one of: {', '.join(self.saved)}")
        self.saved = {**self.saved, name: self.scenario.values()}
        return name

    def remove(self, name: str) -> None:
        if name not in self.saved:
            raise UnknownNameError("saved scenario", name, list(self.saved))
        self.saved = {k: v for k, v in self.saved.items() if k != name}

    def load(self, name: str) -> None:
        """Make a saved scenario the live one again."""
        if name not in self.saved:
            raise UnknownNameError("saved scenario", name, list(self.saved))
        self.scenario.param.update(**self.saved[name])

    def saved_scenarios(self) -> dict[str, Scenario]:
        return {name: Scenario(**values) for name, values in self.saved.items()}

    def comparison(self) -> pd.DataFrame:
        """Saved scenarios side by side (with the first one's baseline); empty frame when none saved."""
        return compare_scenarios(self.saved_scenarios(), self.language)
