"""The four ways of paying providers (iStandaarden uitvoeringsvarianten), vectorised over a caseload.

Every model turns a caseload (see ``generator.generate_caseload``) into per-client delivered volume,
provider revenue (= municipal spend) and provider cost, plus the incentive the provider faces.
Provider behaviour (supplier-induced demand, upcoding, under-treatment, waiting lists) is explicit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd
import param

from .catalogue import LAWS
from .errors import UnknownNameError
from .generator import validate_caseload

WAITING_WELLBEING_LOSS = 0.3  # points lost by a client who waits a year for support


@dataclass(frozen=True)
class Incentive:
    """What the provider earns (revenue) and keeps (margin) from one more unit of work."""

    extra_hour_revenue: float
    extra_hour_margin: float
    extra_client_revenue: float
    extra_client_margin: float
    extra_result_revenue: float = 0.0
    margin_light_minus_heavy: float = 0.0  # >0: light clients pay better (cherry-picking pressure)


@dataclass
class FundingResult:
    model: str
    caseload: pd.DataFrame = field(repr=False)
    delivered_units: np.ndarray = field(repr=False)
    revenue: np.ndarray = field(repr=False)
    cost: np.ndarray = field(repr=False)
    served: np.ndarray = field(repr=False)
    wellbeing_after: np.ndarray = field(repr=False)
    declarations: float
    admin_cost: float
    incentive: Incentive

    @property
    def spend_by_law(self) -> dict[str, float]:
        totals = np.bincount(self.caseload["law_code"].to_numpy(), weights=self.revenue, minlength=len(LAWS))
        return {law: float(totals[i]) for i, law in enumerate(LAWS)}

    @property
    def total_spend(self) -> float:
        return float(self.revenue.sum())

    @property
    def provider_revenue(self) -> float:
        return float(self.revenue.sum())

    @property
    def provider_cost(self) -> float:
        return float(self.cost.sum())

    @property
    def provider_margin(self) -> float:
        return self.provider_revenue - self.provider_cost

    @property
    def margin_pct(self) -> float:
        return self.provider_margin / self.provider_revenue if self.provider_revenue else 0.0

    @property
    def clients(self) -> int:
        return int(len(self.served))

    @property
    def clients_served(self) -> int:
        return int(self.served.sum())

    @property
    def clients_waiting(self) -> int:
        return self.clients - self.clients_served

    @property
    def wellbeing_before_mean(self) -> float:
        return float(self.caseload["wellbeing_before"].mean())

    @property
    def wellbeing_after_mean(self) -> float:
        return float(self.wellbeing_after.mean())

    @property
    def continuity_risk(self) -> str:
        """'hoog' when the provider loses more than 5% of revenue, 'verhoogd' for any loss."""
        if self.margin_pct < -0.05:
            return "hoog"
        return "verhoogd" if self.margin_pct < 0 else "laag"

    def per_case(self) -> pd.DataFrame:
        cl = self.caseload
        return pd.DataFrame({
            "case_id": cl["case_id"], "municipality": cl["municipality"], "law": cl["law"],
            "product": cl["product"], "needed_units": cl["needed_units"], "delivered_units": self.delivered_units,
            "revenue_eur": self.revenue, "cost_eur": self.cost, "margin_eur": self.revenue - self.cost,
            "served": self.served, "wellbeing_before": cl["wellbeing_before"], "wellbeing_after": self.wellbeing_after,
        })

    def summary(self) -> dict[str, float | str]:
        out: dict[str, float | str] = {"model": self.model}
        out.update({f"spend_{law}": v for law, v in self.spend_by_law.items()})
        out.update({
            "total_spend": self.total_spend, "provider_revenue": self.provider_revenue,
            "provider_cost": self.provider_cost, "provider_margin": self.provider_margin,
            "margin_pct": self.margin_pct, "clients": self.clients, "clients_served": self.clients_served,
            "clients_waiting": self.clients_waiting, "declarations": self.declarations,
            "admin_cost": self.admin_cost, "wellbeing_before": self.wellbeing_before_mean,
            "wellbeing_after": self.wellbeing_after_mean, "continuity_risk": self.continuity_risk,
        })
        out.update({f"incentive_{k}": v for k, v in self.incentive.__dict__.items()})
        return out


def wellbeing_after(before: np.ndarray, needed: np.ndarray, delivered: np.ndarray, served: np.ndarray,
                    gain_max: float) -> np.ndarray:
    """Diminishing returns on the share of need delivered; extra volume beyond need adds nothing."""
    frac = np.minimum(1.0, np.divide(delivered, needed, out=np.zeros_like(needed), where=needed > 0))
    gain = gain_max * (1.0 - np.exp(-3.0 * frac)) / (1.0 - np.exp(-3.0))
    return np.clip(np.where(served, before + gain, before - WAITING_WELLBEING_LOSS), 1.0, 10.0)


class FundingModel(param.Parameterized):
    """Common parameters and the evaluation skeleton; subclasses define how money follows work."""

    key: ClassVar[str] = ""
    label_nl: ClassVar[str] = ""
    label_en: ClassVar[str] = ""

    provider_cost_per_hour = param.Number(55.0, bounds=(20.0, 150.0), step=1.0,
        doc="Provider's full cost of one standard staff hour (EUR), incl. overhead.")
    admin_cost_per_declaration = param.Number(15.0, bounds=(0.0, 200.0), step=1.0,
        doc="Provider's administrative cost of one declaration/invoice (EUR).")
    wellbeing_gain_max = param.Number(2.0, bounds=(0.0, 5.0), step=0.1,
        doc="Wellbeing points (1-10 scale) gained when the full need is delivered.")

    def label(self, language: str = "nl") -> str:
        return self.label_en if language == "en" else self.label_nl

    def evaluate(self, caseload: pd.DataFrame) -> FundingResult:
        cl = validate_caseload(caseload)
        a = {c: cl[c].to_numpy() for c in ("needed_units", "tariff_eur", "staff_hours_per_unit", "severity",
                                           "intensity", "wellbeing_before")}
        delivered, revenue, served, declarations, incentive_extra = self._flows(a)
        unit_cost = a["staff_hours_per_unit"] * self.provider_cost_per_hour
        admin = declarations * self.admin_cost_per_declaration
        per_client_decl = declarations / len(cl) if np.ndim(declarations) == 0 else declarations
        cost = delivered * unit_cost + np.broadcast_to(per_client_decl * self.admin_cost_per_declaration, delivered.shape)
        revenue = self._settle(revenue, cost, a)
        wb = wellbeing_after(a["wellbeing_before"], a["needed_units"], delivered, served, self.wellbeing_gain_max)
        margin = revenue - cost
        light, heavy = a["severity"] < 1 / 3, a["severity"] > 2 / 3
        gap = float(margin[light].mean() - margin[heavy].mean()) if light.any() and heavy.any() else 0.0
        hour_rev = incentive_extra.pop("extra_hour_revenue", 0.0)
        incentive = Incentive(
            extra_hour_revenue=hour_rev,
            extra_hour_margin=hour_rev - self.provider_cost_per_hour,
            extra_client_revenue=incentive_extra.pop("extra_client_revenue", float(revenue.mean())),
            extra_client_margin=incentive_extra.pop("extra_client_margin", float(margin.mean())),
            margin_light_minus_heavy=gap,
            **incentive_extra,
        )
        return FundingResult(self.key, cl, delivered, revenue, cost, served, wb,
                             float(np.sum(declarations)), float(np.sum(admin)), incentive)

    def _flows(self, a: dict[str, np.ndarray]):  # pragma: no cover - abstract
        raise NotImplementedError

    def _settle(self, revenue: np.ndarray, cost: np.ndarray, a: dict[str, np.ndarray]) -> np.ndarray:
        """Hook for settlements that depend on the provider's cost (risk corridor)."""
        return revenue


class InspanningsModel(FundingModel):
    """(a) Effort-based, P x Q: every delivered unit is paid; more hours = more revenue."""

    key = "pxq"
    label_nl = "Inspanningsgericht (P x Q)"
    label_en = "Effort-based (P x Q)"

    tariff_factor = param.Number(1.0, bounds=(0.5, 1.5), step=0.01,
        doc="Multiplier on the catalogue tariffs (1.0 = contracted tariffs).")
    supplier_induced_demand = param.Number(0.10, bounds=(0.0, 1.0), step=0.01,
        doc="Extra volume delivered beyond the need because each unit pays (share of need).")
    declarations_per_year = param.Integer(12, bounds=(1, 52),
        doc="Declarations per client per year (monthly invoicing = 12).")

    def _flows(self, a):
        delivered = a["needed_units"] * (1.0 + self.supplier_induced_demand)
        price = a["tariff_eur"] * self.tariff_factor
        revenue = delivered * price
        served = np.ones(len(delivered), dtype=bool)
        declarations = np.full(len(delivered), float(self.declarations_per_year))
        hours = delivered * a["staff_hours_per_unit"]
        per_unit_hour = price / a["staff_hours_per_unit"]
        # Revenue per staff hour, weighted by hours worked; with no hours at all, the plain mean.
        per_hour = float(np.average(per_unit_hour, weights=hours) if hours.sum() > 0 else per_unit_hour.mean())
        return delivered, revenue, served, declarations, {"extra_hour_revenue": per_hour}


class OutputModel(FundingModel):
    """(b) Output-based: a fixed price per arrangement (trajectory) per year by intensity class."""

    key = "output"
    label_nl = "Outputgericht (trajectprijs)"
    label_en = "Output-based (price per trajectory)"

    price_light = param.Number(5500.0, bounds=(500.0, 50_000.0), step=100.0,
        doc="Price per client-year for a light arrangement (EUR).")
    price_medium = param.Number(10200.0, bounds=(500.0, 100_000.0), step=100.0,
        doc="Price per client-year for a medium arrangement (EUR).")
    price_heavy = param.Number(14800.0, bounds=(500.0, 200_000.0), step=100.0,
        doc="Price per client-year for a heavy arrangement (EUR).")
    upcoding = param.Number(0.10, bounds=(0.0, 0.5), step=0.01,
        doc="Share of clients registered one intensity class heavier than needed.")
    efficiency = param.Number(0.10, bounds=(0.0, 0.5), step=0.01,
        doc="Share of the need not delivered because fewer hours raise the margin per trajectory.")

    def prices(self) -> np.ndarray:
        return np.array([self.price_light, self.price_medium, self.price_heavy])

    def _flows(self, a):
        prices = self.prices()
        idx = a["intensity"].astype(np.int64) - 1
        up = np.minimum(idx + 1, 2)
        revenue = (1.0 - self.upcoding) * prices[idx] + self.upcoding * prices[up]
        delivered = a["needed_units"] * (1.0 - self.efficiency)
        served = np.ones(len(delivered), dtype=bool)
        declarations = np.ones(len(delivered))
        return delivered, revenue, served, declarations, {"extra_hour_revenue": 0.0}


class ResultaatModel(FundingModel):
    """(c) Results-oriented: part up front, the rest plus a bonus when the agreed result is achieved."""

    key = "result"
    label_nl = "Resultaatgericht (betalen voor resultaat)"
    label_en = "Results-oriented (pay for results)"

    price_light = param.Number(5500.0, bounds=(500.0, 50_000.0), step=100.0, doc="Full price per client-year, light (EUR).")
    price_medium = param.Number(10200.0, bounds=(500.0, 100_000.0), step=100.0, doc="Full price per client-year, medium (EUR).")
    price_heavy = param.Number(14800.0, bounds=(500.0, 200_000.0), step=100.0, doc="Full price per client-year, heavy (EUR).")
    base_share = param.Number(0.6, bounds=(0.0, 1.0), step=0.05,
        doc="Share of the price paid at the start, whatever the result.")
    achievement_rate = param.Number(0.7, bounds=(0.0, 1.0), step=0.01,
        doc="Average probability that the agreed result is achieved (lower for severe cases).")
    bonus = param.Number(500.0, bounds=(0.0, 5000.0), step=50.0, doc="Bonus per achieved result (EUR).")
    malus = param.Number(250.0, bounds=(0.0, 5000.0), step=50.0, doc="Deduction per result not achieved (EUR).")
    efficiency = param.Number(0.05, bounds=(0.0, 0.5), step=0.01,
        doc="Share of the need not delivered (the provider steers on the result, not on hours).")

    def achievement(self, severity: np.ndarray) -> np.ndarray:
        """Severe cases reach the result less often; the mean stays near ``achievement_rate``."""
        return np.clip(self.achievement_rate + 0.3 * (0.5 - severity), 0.02, 0.98)

    def _flows(self, a):
        prices = np.array([self.price_light, self.price_medium, self.price_heavy])[a["intensity"].astype(np.int64) - 1]
        p = self.achievement(a["severity"])
        fee = (1.0 - self.base_share) * prices
        revenue = self.base_share * prices + p * (fee + self.bonus) - (1.0 - p) * self.malus
        delivered = a["needed_units"] * (1.0 - self.efficiency)
        served = np.ones(len(delivered), dtype=bool)
        declarations = np.full(len(delivered), 2.0)  # start and result
        return delivered, revenue, served, declarations, {
            "extra_hour_revenue": 0.0, "extra_result_revenue": float(np.mean(fee + self.bonus + self.malus))}


class TaakgerichtModel(FundingModel):
    """(d) Task-based: a lump sum for the population, optionally with a risk corridor (safety valve)."""

    key = "lumpsum"
    label_nl = "Taakgericht (lumpsum / populatiebudget)"
    label_en = "Task-based (lump sum / population budget)"

    budget_factor = param.Number(0.95, bounds=(0.3, 2.0), step=0.01,
        doc="Budget as a share of the historical P x Q spend on this caseload (used when budget_eur is 0).")
    budget_eur = param.Number(0.0, bounds=(0.0, 1e11), step=1e5,
        doc="Fixed budget in EUR; 0 = derive it from budget_factor.")
    under_treatment = param.Number(0.15, bounds=(0.0, 0.6), step=0.01,
        doc="Share of each client's need not delivered: every hour saved is margin.")
    waiting_share = param.Number(0.05, bounds=(0.0, 0.5), step=0.01,
        doc="Share of clients (least severe first) put on a waiting list.")
    corridor_enabled = param.Boolean(False, doc="Risk corridor: share deviations beyond a band around the budget.")
    corridor_width = param.Number(0.05, bounds=(0.0, 0.5), step=0.01,
        doc="Band around the budget (share) within which the provider bears all gains and losses.")
    corridor_share = param.Number(0.5, bounds=(0.0, 1.0), step=0.05,
        doc="Share of the deviation beyond the band that the municipality compensates or recovers.")
    reports_per_year = param.Integer(4, bounds=(0, 52), doc="Accountability reports per year (whole contract).")

    def budget(self, a: dict[str, np.ndarray]) -> float:
        if self.budget_eur > 0:
            return float(self.budget_eur)
        return float(self.budget_factor * np.sum(a["needed_units"] * a["tariff_eur"]))

    def _flows(self, a):
        n = len(a["needed_units"])
        k = int(np.floor(self.waiting_share * n))
        served = np.ones(n, dtype=bool)
        if k > 0:
            served[np.argpartition(a["severity"], k - 1)[:k]] = False
        delivered = a["needed_units"] * (1.0 - self.under_treatment) * served
        placeholder = np.zeros(n)  # revenue is settled against cost in _settle
        declarations = float(self.reports_per_year)
        return delivered, placeholder, served, declarations, {"extra_hour_revenue": 0.0, "extra_client_revenue": 0.0}

    def settlement(self, budget: float, cost: float) -> float:
        """Corridor payment (+ to provider, - back to municipality) for a total provider cost."""
        if not self.corridor_enabled:
            return 0.0
        deviation = cost - budget
        beyond = max(0.0, abs(deviation) - self.corridor_width * budget)
        return float(np.sign(deviation) * self.corridor_share * beyond)

    def _settle(self, revenue, cost, a):
        budget = self.budget(a)
        total = budget + self.settlement(budget, float(cost.sum()))
        weights = cost if cost.sum() > 0 else np.ones_like(cost)
        return total * weights / weights.sum()

    def evaluate(self, caseload: pd.DataFrame) -> FundingResult:
        result = super().evaluate(caseload)
        per_client_cost = float(result.cost[result.served].mean()) if result.served.any() else 0.0
        result.incentive = Incentive(
            extra_hour_revenue=0.0, extra_hour_margin=-self.provider_cost_per_hour,
            extra_client_revenue=0.0, extra_client_margin=-per_client_cost,
            margin_light_minus_heavy=result.incentive.margin_light_minus_heavy,
        )
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
