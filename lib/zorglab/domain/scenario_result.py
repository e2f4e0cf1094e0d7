"""What a scenario year comes to: the general provision's year, prevention, and the result with its tables.

Pure numbers and codes: the tables carry indicator / line / incentive codes; the words are added by
``zorglab.services.scenario_tables`` and the explanation by ``zorglab.services.narrative``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zorglab.domain import assumptions as A
from zorglab.domain.catalogue import LAWS
from zorglab.domain.funding import FundingResult

PREVENTION_MAX_REDUCTION = 0.15  # r_max: at most 15% fewer clients, however much is invested
PREVENTION_SCALE_EUR = 250.0  # I0: investment per client at which 63% of r_max is reached
AV_WELLBEING_GAIN = A.AV_WELLBEING_GAIN  # wellbeing points a client gains from a fully funded general provision
# Unit code per indicator (the rest are counts, scores or a risk level).
INDICATOR_UNITS = {"municipal_spend": "EUR", "spend_per_client": "EUR", "spend_per_inhabitant": "EUR",
                   "provider_revenue": "EUR", "provider_cost": "EUR", "provider_margin": "EUR", "margin_pct": "share"}
INDICATORS = ("municipal_spend", "spend_per_inhabitant", "spend_per_client", "provider_revenue", "provider_cost",
              "provider_margin", "margin_pct", "continuity_risk", "clients", "clients_served", "clients_waiting",
              "wellbeing_before", "wellbeing_after")
SPEND_LINES = (*(f"maatwerk_{law}" for law in LAWS), "algemene_voorziening", "preventie_mdo", "totaal")
INCENTIVES = ("extra_hour_revenue", "extra_hour_margin", "extra_client_revenue", "extra_client_margin",
              "extra_result_revenue", "margin_light_minus_heavy")


# ---- pure scenario maths (mirrored in zorglab.domain.equations) ----
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

    def summary_table(self) -> pd.DataFrame:
        """One row per indicator (code), baseline, scenario, difference and unit code; views add the words."""
        rows = []
        for key, v in self.metrics().items():
            base, scen = v["baseline"], v["scenario"]
            if isinstance(base, str) or isinstance(scen, str):  # the risk level: a change, not a difference
                diff: float | str = "" if base == scen else f"{base} → {scen}"
            else:
                diff = scen - base
            rows.append({"indicator": key, "baseline": base, "scenario": scen, "difference": diff,
                         "unit": INDICATOR_UNITS.get(key, "")})
        return pd.DataFrame(rows)

    def spend_table(self) -> pd.DataFrame:
        """Municipal spend per line (code): baseline, scenario and difference (EUR per year)."""
        base, scen = self.baseline.spend_by_law, self.result.spend_by_law
        lines = [(f"maatwerk_{law}", base[law], scen[law]) for law in LAWS]
        lines.append(("algemene_voorziening", 0.0, self.av_budget))
        lines.append(("preventie_mdo", 0.0, self.prevention_cost))
        df = pd.DataFrame(lines, columns=["line", "baseline_eur", "scenario_eur"])
        total = pd.DataFrame([("totaal", df["baseline_eur"].sum(), df["scenario_eur"].sum())], columns=df.columns)
        df = pd.concat([df, total], ignore_index=True)
        df["difference_eur"] = df["scenario_eur"] - df["baseline_eur"]
        return df

    def incentive_table(self) -> pd.DataFrame:
        """What one more hour / client / achieved result earns the provider (code per row), baseline vs scenario."""
        b, s = self.baseline.incentive, self.result.incentive
        return pd.DataFrame([{"incentive": k, "baseline_eur": getattr(b, k), "scenario_eur": getattr(s, k)}
                             for k in INCENTIVES])
