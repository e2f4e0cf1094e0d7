"""What evaluating a funding model gives: per-client flows, weighted totals and the incentive at the margin.

Split from ``funding`` (the models) so readers of results (scenario, reports, lessons, game) need not know how
a model prices its work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from zorglab.domain.catalogue import LAWS
from zorglab.domain.vocabulary import RiskLevel, risk_level


@dataclass(frozen=True)
class Incentive:
    """What the provider earns (revenue) and keeps (margin) from one more unit of work, at the margin."""

    extra_hour_revenue: float
    extra_hour_margin: float
    extra_client_revenue: float
    extra_client_margin: float
    extra_result_revenue: float = 0.0
    margin_light_minus_heavy: float = 0.0  # >0: light clients pay better (pressure to select)


@dataclass
class FundingResult:
    """Per-row outcomes (per client of the row, if served) and weighted totals for the real caseload."""

    model: str
    caseload: pd.DataFrame = field(repr=False)
    delivered_units: np.ndarray = field(repr=False)  # per client, if served
    revenue: np.ndarray = field(repr=False)  # per client, if served
    cost: np.ndarray = field(repr=False)  # per client, if served
    served: np.ndarray = field(repr=False)  # fraction of the row's clients served (0-1)
    wellbeing_after: np.ndarray = field(repr=False)  # expected, per client of the row
    declarations: float
    admin_cost: float
    incentive: Incentive
    behaviour: dict[str, float] = field(default_factory=dict)
    extra_revenue: float = 0.0  # revenue not attributed to clients (risk-corridor settlement)

    # Cached: every total below reads them, and a result is never changed after it is made (read-only arrays
    # make an accidental in-place change fail loudly instead of corrupting later totals).
    @cached_property
    def weight(self) -> np.ndarray:
        w = np.array(self.caseload["weight"].to_numpy(float))
        w.setflags(write=False)
        return w

    @cached_property
    def served_weight(self) -> np.ndarray:
        w = self.weight * self.served
        w.setflags(write=False)
        return w

    @property
    def spend_by_law(self) -> dict[str, float]:
        law = self.caseload["law_code"].to_numpy()
        # float: numpy's stubs type bincount as integer counts even with weights
        totals: np.ndarray = np.bincount(law, weights=self.revenue * self.served_weight, minlength=len(LAWS))
        if self.extra_revenue:
            cost = np.bincount(law, weights=self.cost * self.served_weight, minlength=len(LAWS))
            totals = totals + self.extra_revenue * (cost / cost.sum() if cost.sum() else 1.0 / len(LAWS))
        return {name: float(totals[i]) for i, name in enumerate(LAWS)}

    @property
    def total_spend(self) -> float:
        return float(np.sum(self.revenue * self.served_weight)) + self.extra_revenue

    @property
    def provider_revenue(self) -> float:
        return self.total_spend

    @property
    def provider_cost(self) -> float:
        return float(np.sum(self.cost * self.served_weight))

    @property
    def provider_margin(self) -> float:
        return self.provider_revenue - self.provider_cost

    @property
    def margin_pct(self) -> float:
        return self.provider_margin / self.provider_revenue if self.provider_revenue else 0.0

    @property
    def clients_exact(self) -> float:
        return float(self.weight.sum())

    @property
    def clients(self) -> int:
        return int(round(self.clients_exact))

    @property
    def clients_served(self) -> int:
        return int(round(float(self.served_weight.sum())))

    @property
    def clients_waiting(self) -> int:
        return self.clients - self.clients_served

    @property
    def sample_size(self) -> int:
        return int(len(self.served))

    @property
    def wellbeing_before_mean(self) -> float:
        return float(np.average(self.caseload["wellbeing_before"].to_numpy(float), weights=self.weight))

    @property
    def wellbeing_after_mean(self) -> float:
        return float(np.average(self.wellbeing_after, weights=self.weight))

    @property
    def continuity_risk(self) -> RiskLevel:
        """High when the provider loses more than 5% of revenue, medium for any loss (``risk_level``)."""
        return risk_level(self.margin_pct)

    def per_case(self) -> pd.DataFrame:
        cl = self.caseload
        return pd.DataFrame({
            "case_id": cl["case_id"], "municipality": cl["municipality"], "law": cl["law"],
            "product": cl["product"], "weight": cl["weight"], "needed_units": cl["needed_units"],
            "delivered_units": self.delivered_units, "revenue_eur": self.revenue, "cost_eur": self.cost,
            "margin_eur": self.revenue - self.cost, "served": self.served,
            "wellbeing_before": cl["wellbeing_before"], "wellbeing_after": self.wellbeing_after,
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
        out.update({f"behaviour_{k}": v for k, v in self.behaviour.items()})
        return out


@dataclass
class Flows:
    """What a model's provider does per client: delivered units, revenue if served, declarations."""

    delivered: np.ndarray
    revenue: np.ndarray
    declarations: np.ndarray
    hour_revenue: np.ndarray  # marginal revenue of one more staff hour, per client
    upcoded: float = 0.0  # weighted share registered one class heavier
    result_value: float = 0.0
