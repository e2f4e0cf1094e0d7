"""Four funding models over a caseload; provider behaviour follows from what each pays at the margin.

The iStandaarden (iWmo, iJw) know three execution variants: inspanningsgericht (P x Q), outputgericht
(a price per trajectory) and taakgericht (a budget). Results-oriented purchasing is not a fourth
variant but a way of contracting on agreed results, usually invoiced through the output- or task-based
variant; zorglab offers it as a fourth *funding model* with a bonus/malus.

Why behaviour is computed, not given: a provider weighs what one more unit of work earns against what
it costs (``marginal revenue`` vs ``marginal cost``), held back by a professional norm. From that follow
how much of each client's need is delivered, which clients are turned away because they lose money,
how often a heavier arrangement is registered, and (under a budget) who has to wait. The funding model
only sets the prices; the behaviour, spend, margin, waiting list and wellbeing are outcomes.

Every caseload row stands for ``weight`` real clients (see ``zorglab.domain.sizing``); totals are weighted.
The behaviour equations (``delivered_share``, ``selection_rate``, ``upcoding_share``, ``rationing_cap``,
``ration``) live in ``zorglab.domain.provider_behaviour`` and are listed in ``zorglab.domain.equations``;
they are imported here, so ``funding.ration`` and the like keep working.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
import param

from zorglab.core.errors import UnknownNameError
from zorglab.domain import assumptions as A
from zorglab.domain.funding_result import Flows, FundingResult, Incentive
from zorglab.domain.generator import validate_caseload
from zorglab.domain.provider_behaviour import (
    HEAVY,
    LIGHT,
    achievement_curve,
    caseload_arrays,
    delivered_share,
    optimal_delivery,
    ration,
    rationing_cap,
    selection_rate,
    upcoding_share,
    wellbeing_after,
)


# ---- models -------------------------------------------------------------------------------------------
class FundingModel(param.Parameterized):
    """Common parameters (costs and behaviour) and the evaluation skeleton; subclasses set the prices.

    A model is named by its ``key``; its words are the catalogue's ``scenario.model_<key>``.
    """

    key: ClassVar[str] = ""
    selects: ClassVar[bool] = True  # may the provider turn loss-making clients away?

    provider_cost_per_hour = param.Number(55.0, bounds=(20.0, 150.0), step=1.0,
        doc="Provider's full cost of one standard staff hour (EUR), incl. overhead.")
    admin_cost_per_declaration = param.Number(15.0, bounds=(0.0, 200.0), step=1.0,
        doc="Provider's administrative cost of one declaration/invoice (EUR).")
    wellbeing_gain_max = param.Number(2.0, bounds=(0.0, 5.0), step=0.1,
        doc="Wellbeing points (1-10 scale) gained when the full need is delivered.")
    professional_norm = param.Number(A.PROFESSIONAL_NORM, bounds=(1.0, 50.0), step=0.5,
        doc="How firmly providers hold on to the need (kappa): higher = less reaction to what an extra unit pays.")
    marginal_cost_share = param.Number(A.MARGINAL_COST_SHARE, bounds=(0.1, 1.0), step=0.05,
        doc="Share of the full hourly cost that varies with one hour more or less.")
    selection_propensity = param.Number(A.SELECTION_PROPENSITY, bounds=(0.0, 2.0), step=0.05,
        doc="How readily providers turn away clients on whom they lose money (0 = never).")

    def unit_costs(self, a: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(full, marginal) provider cost of one unit of each client's product."""
        full = a["staff_hours_per_unit"] * self.provider_cost_per_hour
        return full, full * self.marginal_cost_share

    def _served(self, a: dict[str, np.ndarray]) -> tuple[Flows, np.ndarray, np.ndarray]:
        """Flows, cost per client and served fraction (loss-making clients may be turned away)."""
        full, _ = self.unit_costs(a)
        flows = self._flows(a)
        cost = flows.delivered * full + flows.declarations * self.admin_cost_per_declaration
        served = (1.0 - selection_rate(flows.revenue - cost, flows.revenue, self.selection_propensity)
                  if self.selects else np.ones(len(cost)))
        return flows, cost, served

    def spend(self, a: dict[str, np.ndarray], weight: str = "weight") -> float:
        """What the municipality pays this model on these clients (weighted), without building a result."""
        flows, _, served = self._served(a)
        return float(np.sum(flows.revenue * served * a[weight]))

    def evaluate(self, caseload: pd.DataFrame) -> FundingResult:
        cl = validate_caseload(caseload)
        a = caseload_arrays(cl)
        flows, cost, served = self._served(a)
        return self._result(cl, a, flows, cost, served)

    def _result(self, cl: pd.DataFrame, a: dict[str, np.ndarray], flows: Flows, cost: np.ndarray,
                served: np.ndarray, extra_revenue: float = 0.0, client_revenue: np.ndarray | None = None,
                extra_client_revenue: float | None = None, extra_client_margin: float | None = None) -> FundingResult:
        w = a["weight"]
        sw = w * served
        revenue = flows.revenue if client_revenue is None else client_revenue
        margin = revenue - cost
        wb = wellbeing_after(a["wellbeing_before"], a["needed_units"], flows.delivered, served, self.wellbeing_gain_max)
        light, heavy = a["severity"] < LIGHT, a["severity"] > HEAVY
        gap = (float(np.average(margin[light], weights=w[light]) - np.average(margin[heavy], weights=w[heavy]))
               if w[light].sum() > 0 and w[heavy].sum() > 0 else 0.0)
        hours = flows.delivered * a["staff_hours_per_unit"] * sw
        hour_rev = float(np.average(flows.hour_revenue, weights=hours)) if hours.sum() > 0 else float(
            np.mean(flows.hour_revenue))
        served_total = float(sw.sum())
        mean = (lambda v: float(np.sum(v * sw) / served_total)) if served_total > 0 else (lambda v: 0.0)
        incentive = Incentive(
            extra_hour_revenue=hour_rev,
            extra_hour_margin=hour_rev - self.provider_cost_per_hour * self.marginal_cost_share,
            extra_client_revenue=mean(revenue) if extra_client_revenue is None else extra_client_revenue,
            extra_client_margin=mean(margin) if extra_client_margin is None else extra_client_margin,
            extra_result_revenue=flows.result_value,
            margin_light_minus_heavy=gap,
        )
        need = a["needed_units"] * sw
        behaviour = {
            "delivered_share": float(np.sum(flows.delivered * sw) / need.sum()) if need.sum() > 0 else 0.0,
            "upcoded_share": flows.upcoded,
            "turned_away": float(np.sum(w * (1.0 - served))),
        }
        declarations = float(np.sum(flows.declarations * sw))
        return FundingResult(self.key, cl, flows.delivered, revenue, cost, served, wb, declarations,
                             declarations * self.admin_cost_per_declaration, incentive, behaviour, extra_revenue)

    def _flows(self, a: dict[str, np.ndarray]) -> Flows:  # pragma: no cover - abstract
        raise NotImplementedError


class InspanningsModel(FundingModel):
    """Effort-based, P x Q: every delivered unit is paid at the tariff; more hours = more revenue."""

    key = "pxq"

    tariff_factor = param.Number(1.0, bounds=(0.5, 1.5), step=0.01,
        doc="Multiplier on the catalogue tariffs (1.0 = contracted tariffs).")
    declarations_per_year = param.Integer(12, bounds=(1, 52),
        doc="Declarations per client per year (monthly invoicing = 12).")

    def _flows(self, a):
        price = a["tariff_eur"] * self.tariff_factor
        _, mc = self.unit_costs(a)
        delivered = a["needed_units"] * delivered_share(price, mc, self.professional_norm)
        return Flows(delivered, delivered * price, np.full(len(price), float(self.declarations_per_year)),
                     price / a["staff_hours_per_unit"])


class _PricedByClass(FundingModel):
    """Shared by the models that pay a price per client-year by intensity class (light/medium/heavy)."""

    price_light = param.Number(0.0, bounds=(0.0, 50_000.0), step=100.0,
        doc="Price per client-year for a light arrangement (EUR); 0 = each product's own price (last year's mean cost of need).")
    price_medium = param.Number(0.0, bounds=(0.0, 100_000.0), step=100.0,
        doc="Price per client-year for a medium arrangement (EUR); 0 = each product's own price (last year's mean cost of need).")
    price_heavy = param.Number(0.0, bounds=(0.0, 200_000.0), step=100.0,
        doc="Price per client-year for a heavy arrangement (EUR); 0 = each product's own price (last year's mean cost of need).")
    price_factor = param.Number(1.0, bounds=(0.5, 1.5), step=0.01,
        doc="Multiplier on the prices (1.0 = as set or derived).")
    upcoding_room = param.Number(A.UPCODING_ROOM, bounds=(0.0, 1.0), step=0.05,
        doc="Room to register the heavier variant: share upcoded = this x relative price gap.")

    def class_prices(self) -> np.ndarray:
        """Prices set per intensity class (0 = not set: the product's own price applies)."""
        return np.array([self.price_light, self.price_medium, self.price_heavy], dtype=float)

    def product_prices(self, a: dict[str, np.ndarray]) -> np.ndarray:
        """Price per client-year of each client's product: the class price if set, else the product's price.

        A product's price is last year's weighted mean cost of need of that product (tariff x need): a
        municipality sets trajectory prices on what the arrangements cost before, so prices follow the
        region's own mix instead of a constant.
        """
        codes = a["product_index"].astype(np.int64)
        w = a["weight"]
        total = np.bincount(codes, weights=a["tariff_eur"] * a["needed_units"] * w)
        count = np.bincount(codes, weights=w)
        own = np.divide(total, count, out=np.zeros_like(total), where=count > 0)[codes]
        by_class = self.class_prices()[a["intensity"].astype(np.int64) - 1]
        return np.where(by_class > 0, by_class, own) * self.price_factor

    def expected_price(self, a: dict[str, np.ndarray]) -> tuple[np.ndarray, float]:
        """Price per client after upcoding to the product's heavier variant, and the weighted share upcoded."""
        price = self.product_prices(a)
        heavier = a["heavier_index"].astype(np.int64)
        has = heavier >= 0
        codes = a["product_index"].astype(np.int64)
        # The heavier variant's price: its own mean price in this caseload (per client-year).
        by_code = np.zeros(int(max(codes.max(), heavier.max())) + 1)
        by_code[codes] = price
        up_price = np.where(has, by_code[np.where(has, heavier, 0)], price)
        up_price = np.where(has & (up_price == 0), price, up_price)
        u = np.where(has, upcoding_share(price, up_price, self.upcoding_room), 0.0)
        return (1.0 - u) * price + u * up_price, float(np.average(u, weights=a["weight"]))


class OutputModel(_PricedByClass):
    """Output-based: a fixed price per arrangement (trajectory) per year; an extra hour earns nothing."""

    key = "output"

    def _flows(self, a):
        revenue, upcoded = self.expected_price(a)
        _, mc = self.unit_costs(a)
        delivered = a["needed_units"] * delivered_share(0.0, mc, self.professional_norm)
        n = len(revenue)
        return Flows(delivered, revenue, np.ones(n), np.zeros(n), upcoded)


class ResultaatModel(_PricedByClass):
    """Results-oriented: part of the price up front, the rest plus a bonus when the agreed result is met.

    The chance of the result rises with the share of need delivered, so an extra hour is worth its effect on
    that chance times (rest of price + bonus + malus): the provider delivers where that pays.
    """

    key = "result"

    base_share = param.Number(0.6, bounds=(0.0, 1.0), step=0.05,
        doc="Share of the price paid at the start, whatever the result.")
    achievement_rate = param.Number(0.7, bounds=(0.0, 1.0), step=0.01,
        doc="Chance the agreed result is achieved when the full need is delivered (lower for severe cases).")
    bonus = param.Number(500.0, bounds=(0.0, 5000.0), step=50.0, doc="Bonus per achieved result (EUR).")
    malus = param.Number(250.0, bounds=(0.0, 5000.0), step=50.0, doc="Deduction per result not achieved (EUR).")

    def achievement(self, severity: np.ndarray) -> np.ndarray:
        """Chance of the result at full delivery: severe cases reach it less often."""
        return np.clip(self.achievement_rate + 0.3 * (0.5 - severity), 0.02, 0.98)

    def _marginal_revenue(self, f: np.ndarray, p0: np.ndarray, value: np.ndarray, need: np.ndarray) -> np.ndarray:
        slope = np.where(f < 1.0, 3.0 * np.exp(-3.0 * f) / (1.0 - np.exp(-3.0)), 0.0)
        return np.divide(p0 * slope * value, need, out=np.zeros_like(need), where=need > 0)

    def _flows(self, a):
        price, upcoded = self.expected_price(a)
        p0 = self.achievement(a["severity"])
        value = (1.0 - self.base_share) * price + self.bonus + self.malus
        need = a["needed_units"]
        _, mc = self.unit_costs(a)
        # The provider's choice per client: MR(f) = MC + kappa MC (f - 1), MR(f) = coef exp(-3 f) below f = 1.
        coef = np.divide(p0 * value * (3.0 / (1.0 - np.exp(-3.0))), need, out=np.zeros_like(need), where=need > 0)
        f = optimal_delivery(coef, mc, self.professional_norm)
        p = p0 * achievement_curve(f)
        revenue = self.base_share * price + p * ((1.0 - self.base_share) * price + self.bonus) - (1.0 - p) * self.malus
        hour_rev = self._marginal_revenue(f, p0, value, need) / a["staff_hours_per_unit"]
        return Flows(need * f, revenue, np.full(len(need), 2.0), hour_rev, upcoded,
                     float(np.average(value, weights=a["weight"])))


class TaakgerichtModel(FundingModel):
    """Task-based: a fixed budget for the population's care, optionally with a risk corridor.

    The budget is set before the year: from a per-inhabitant norm (clients at the national rate times this
    caseload's cost of need) or from last year's P x Q spend. An extra client or hour earns nothing, so the
    provider delivers less per client and, when the budget runs out, clients wait (least severe first).
    """

    key = "lumpsum"
    selects = False  # a population contract: the provider cannot turn clients away, only let them wait

    budget_basis: param.Selector[str] = param.Selector(default="norm", objects=["norm", "history"],
        doc="'norm': inhabitants x national client rate x cost of need; 'history': last year's P x Q spend.")
    budget_factor = param.Number(1.0, bounds=(0.3, 2.0), step=0.01,
        doc="Multiplier on the budget basis (1.0 = the norm or last year's spend itself).")
    budget_eur = param.Number(0.0, bounds=(0.0, 1e11), step=1e5,
        doc="Fixed budget in EUR; 0 = derive it from the basis and factor.")
    tolerated_loss = param.Number(A.TOLERATED_LOSS, bounds=(0.0, 0.5), step=0.01,
        doc="Loss (share of the budget) the provider accepts before clients have to wait.")
    corridor_enabled = param.Boolean(False, doc="Risk corridor: share deviations beyond a band around the budget.")
    corridor_width = param.Number(0.02, bounds=(0.0, 0.5), step=0.01,
        doc="Band around the budget (share) within which the provider bears all gains and losses.")
    corridor_share = param.Number(0.5, bounds=(0.0, 1.0), step=0.05,
        doc="Share of the deviation beyond the band that the municipality compensates or recovers.")
    reports_per_year = param.Integer(4, bounds=(0, 52), doc="Accountability reports per year (whole contract).")

    def budget(self, a: dict[str, np.ndarray]) -> float:
        if self.budget_eur > 0:
            return float(self.budget_eur)
        if self.budget_basis == "history":
            # Last year's clients (before this year's demand growth): the budget is set before the year.
            return float(self.budget_factor * InspanningsModel(**self._shared_params()).spend(a, "base_weight"))
        return float(self.budget_factor * np.sum(a["needed_units"] * a["tariff_eur"] * a["norm_weight"]))

    def _shared_params(self) -> dict[str, float]:
        keys = ("provider_cost_per_hour", "admin_cost_per_declaration", "professional_norm", "marginal_cost_share",
                "selection_propensity")
        return {k: getattr(self, k) for k in keys}

    def settlement(self, budget: float, cost: float) -> float:
        """Corridor payment (+ to provider, - back to municipality) for a total provider cost."""
        if not self.corridor_enabled:
            return 0.0
        deviation = cost - budget
        beyond = max(0.0, abs(deviation) - self.corridor_width * budget)
        return float(np.sign(deviation) * self.corridor_share * beyond)

    def _flows(self, a):
        full, mc = self.unit_costs(a)
        n = len(full)
        f = delivered_share(0.0, mc, self.professional_norm)
        return Flows(a["needed_units"] * f, np.zeros(n), np.zeros(n), np.zeros(n))

    def evaluate(self, caseload: pd.DataFrame) -> FundingResult:
        cl = validate_caseload(caseload)
        a = caseload_arrays(cl)
        full, mc = self.unit_costs(a)
        budget = self.budget(a)
        flows = self._flows(a)
        w = a["weight"]
        admin = self.reports_per_year * self.admin_cost_per_declaration
        admin_per_client = admin / max(float(w.sum()), 1.0)
        cost = flows.delivered * full + admin_per_client
        hour_rev = np.zeros(len(cost))
        if self.corridor_enabled and np.sum(cost * w) > budget * (1.0 + self.corridor_width):
            # Beyond the band the municipality pays corridor_share of each extra unit: that is marginal revenue.
            mr = self.corridor_share * full
            flows.delivered = a["needed_units"] * delivered_share(mr, mc, self.professional_norm)
            cost = flows.delivered * full + admin_per_client
            hour_rev = mr / a["staff_hours_per_unit"]
        cap = rationing_cap(budget, self.tolerated_loss, self.corridor_enabled, self.corridor_width,
                            self.corridor_share)
        served = ration(cost, w, a["severity"], cap) if np.sum(cost * w) > cap else np.ones(len(cost))
        total_cost = float(np.sum(cost * w * served))
        total_revenue = budget + self.settlement(budget, total_cost)
        served_clients = float(np.sum(w * served))
        capitation = total_revenue / served_clients if served_clients > 0 else 0.0
        flows.hour_revenue = hour_rev
        flows.declarations = np.zeros(len(cost))
        mean_cost = total_cost / served_clients if served_clients > 0 else 0.0
        result = self._result(cl, a, flows, cost, served, client_revenue=np.full(len(cost), capitation),
                              extra_client_revenue=0.0, extra_client_margin=-mean_cost)
        result.declarations = float(self.reports_per_year)
        result.admin_cost = admin
        result.behaviour["budget"] = budget
        return result


MODELS: dict[str, type[FundingModel]] = {
    m.key: m for m in (InspanningsModel, OutputModel, ResultaatModel, TaakgerichtModel)
}
BASELINE = "pxq"


def make_model(key: str, **params) -> FundingModel:
    """A funding model by key ('pxq', 'output', 'result', 'lumpsum'); out-of-range values name their bounds."""
    if key not in MODELS:
        raise UnknownNameError("funding model", key, MODELS)
    return MODELS[key](**params)


def compare_models(caseload: pd.DataFrame, models: list[FundingModel] | None = None) -> pd.DataFrame:
    """Summary of every model on the same caseload, one row per model (baseline first)."""
    models = models or [cls() for cls in MODELS.values()]
    return pd.DataFrame([m.evaluate(caseload).summary() for m in models]).set_index("model")
