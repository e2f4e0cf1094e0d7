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
Pure helpers (``delivered_share``, ``selection_rate``, ``upcoding_share``, ``rationing_cap``, ``ration``)
are the equations listed in ``zorglab.domain.equations``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import ClassVar

import numpy as np
import pandas as pd
import param

from zorglab.core.errors import UnknownNameError
from zorglab.domain import assumptions as A
from zorglab.domain.catalogue import LAWS, products
from zorglab.domain.generator import validate_caseload

WAITING_WELLBEING_LOSS = 0.3  # points lost by a client who waits a year for support
DELIVERED_BOUNDS = (0.5, 1.5)  # a provider never delivers less than half or more than 1.5x the need
MAX_UPCODING = 0.5
LIGHT, HEAVY = 1 / 3, 2 / 3  # severity bounds of 'light' and 'heavy' clients in the incentive table


# ---- behaviour: pure, vectorised -----------------------------------------------------------------------
def delivered_share(marginal_revenue: np.ndarray | float, marginal_cost: np.ndarray | float,
                    professional_norm: float) -> np.ndarray:
    """Share of need delivered: f = 1 + (MR - MC) / (kappa MC), within ``DELIVERED_BOUNDS``.

    It maximises margin minus a quadratic professional-norm penalty kappa MC need (f - 1)^2 / 2: with no pay
    for an extra unit (MR = 0) the provider delivers 1 - 1/kappa of the need; paid per unit above its
    marginal cost it delivers more than needed.
    """
    mr = np.asarray(marginal_revenue, dtype=float)
    mc = np.asarray(marginal_cost, dtype=float)
    f = 1.0 + (mr - mc) / (professional_norm * mc)
    return np.clip(f, *DELIVERED_BOUNDS)


def selection_rate(margin: np.ndarray, revenue: np.ndarray, propensity: float) -> np.ndarray:
    """Chance a provider turns a client away: propensity x loss / revenue (0 for a profitable client)."""
    loss = np.maximum(0.0, -np.asarray(margin, dtype=float))
    rev = np.asarray(revenue, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        rel = np.divide(loss, rev, out=np.where(loss > 0, 1.0, 0.0), where=rev > 0)
    return np.clip(np.nan_to_num(propensity * rel, nan=1.0, posinf=1.0), 0.0, 1.0)


def upcoding_share(price: np.ndarray, heavier_price: np.ndarray, room: float) -> np.ndarray:
    """Chance of registering the heavier variant: room x relative price gap (0 where it is not dearer)."""
    with np.errstate(over="ignore", invalid="ignore"):
        gap = np.divide(heavier_price - price, price, out=np.zeros_like(price, dtype=float), where=price > 0)
        share = np.nan_to_num(room * gap, nan=0.0, posinf=MAX_UPCODING)
    return np.clip(share, 0.0, MAX_UPCODING)


def rationing_cap(budget: float, tolerated_loss: float, corridor: bool = False, width: float = 0.0,
                  share: float = 0.0) -> float:
    """Highest total cost a provider accepts on a budget before clients wait.

    Without a corridor: B (1 + t). With one, the municipality pays ``share`` of the cost beyond B (1 + w), so
    the provider's own loss is (C - B) - share (C - B (1 + w)) there; it stops at a loss of t B.
    """
    if not corridor or tolerated_loss <= width:
        return budget * (1.0 + tolerated_loss)
    if share >= 1.0:
        return float("inf")
    return budget * (1.0 + width + (tolerated_loss - width) / (1.0 - share))


def ration(cost: np.ndarray, weight: np.ndarray, severity: np.ndarray, cap: float) -> np.ndarray:
    """Served fraction per row when only ``cap`` can be spent: most severe first (the area team's triage),
    the row at the edge partly served, the least severe wait."""
    order = np.argsort(-severity, kind="stable")
    row_cost = (cost * weight)[order]
    before = np.concatenate(([0.0], np.cumsum(row_cost)[:-1]))
    frac = np.clip(np.divide(cap - before, row_cost, out=np.ones_like(row_cost), where=row_cost > 0), 0.0, 1.0)
    served = np.empty_like(frac)
    served[order] = frac
    return served


def lambert_w0(z: np.ndarray) -> np.ndarray:
    """Principal branch of Lambert's W (w e^w = z) for z >= 0, vectorised: Halley steps from a close start."""
    z = np.minimum(np.asarray(z, dtype=float), 1e300)
    big = z > np.e
    log_z = np.log(np.where(big, z, np.e))
    w = np.where(big, log_z - np.log(log_z), np.log1p(z) * 0.75)
    for _ in range(8):  # cubic convergence: full double precision well before 8 steps over this start
        ew = np.exp(w)
        r = w * ew - z
        w = w - r / (ew * (w + 1.0) - (w + 2.0) * r / (2.0 * w + 2.0))
    return w


def optimal_delivery(coef: np.ndarray, mc: np.ndarray, kappa: float) -> np.ndarray:
    """Share f of the need where coef e^(-3 f) = mc (1 + kappa (f - 1)), kept within [DELIVERED_BOUNDS[0], 1].

    Why closed form: the left side falls and the right side rises in f, so the root is unique, and with
    c = 1 - 1/kappa it is f = c + W0(3 coef e^(-3 c) / (kappa mc)) / 3 (Lambert W): one pass over all rows
    instead of 40 bisection steps (the same root to ~1e-12). Rows with no marginal cost deliver the full need
    when an hour pays anything (the least otherwise), as the bisection did.
    """
    lo = DELIVERED_BOUNDS[0]
    c = 1.0 - 1.0 / kappa
    kappa_mc = kappa * mc
    free = kappa_mc <= 0
    z = np.divide(3.0 * coef * np.exp(-3.0 * c), kappa_mc, out=np.zeros_like(coef), where=~free)
    f = c + lambert_w0(z) / 3.0
    f = np.where(free, np.where(coef > 0, 1.0, lo), f)
    return np.clip(f, lo, 1.0)


def achievement_curve(f: np.ndarray) -> np.ndarray:
    """Share of the full effect reached when a share f of the need is delivered (1 at f >= 1)."""
    f = np.minimum(1.0, np.maximum(0.0, f))
    return (1.0 - np.exp(-3.0 * f)) / (1.0 - np.exp(-3.0))


def wellbeing_after(before: np.ndarray, needed: np.ndarray, delivered: np.ndarray, served: np.ndarray,
                    gain_max: float) -> np.ndarray:
    """Expected wellbeing: diminishing returns on the share of need delivered; waiting costs points.

    ``served`` may be a fraction (the chance a row's clients are served); the result is the expectation.
    """
    frac = np.divide(delivered, needed, out=np.zeros_like(needed, dtype=float), where=needed > 0)
    got = np.clip(before + gain_max * achievement_curve(frac), 1.0, 10.0)
    waiting = np.clip(before - WAITING_WELLBEING_LOSS, 1.0, 10.0)
    s = np.asarray(served, dtype=float)
    return s * got + (1.0 - s) * waiting


def caseload_arrays(cl: pd.DataFrame) -> dict[str, np.ndarray]:
    """The numeric columns the models read, plus product indices (for per-product prices and upcoding)."""
    a = {c: cl[c].to_numpy(float) for c in ("needed_units", "tariff_eur", "staff_hours_per_unit", "severity",
                                             "intensity", "wellbeing_before", "weight", "norm_weight")}
    a["base_weight"] = cl["base_weight"].to_numpy(float) if "base_weight" in cl.columns else a["weight"]
    index, heavier = product_indices()
    codes = pd.Index(list(index)).get_indexer(cl["product"])
    a["product_index"] = np.where(codes < 0, len(index), codes).astype(np.int64)  # unknown products share a slot
    a["heavier_index"] = np.append(heavier, -1)[a["product_index"]]
    return a


@cache
def product_indices() -> tuple[dict[str, int], np.ndarray]:
    """Catalogue product -> index, and per product the index of its heavier variant (-1 for none).

    The heavier variant is the product of the same harmonised group and unit in the next intensity class
    (basic household help -> household help plus; individual support -> specialist support): what upcoding
    registers instead. Stays and supervision orders have none: a heavier stay is another form of care.
    """
    cat = products().reset_index(drop=True)
    index = {code: i for i, code in enumerate(cat["code"])}
    heavier = np.full(len(cat), -1, dtype=np.int64)
    for i, row in cat.iterrows():
        if row["unit"] in ("etmaal", "maand"):
            continue
        nxt = cat[(cat["harmonised_code"] == row["harmonised_code"]) & (cat["unit"] == row["unit"])
                  & (cat["intensity"] == row["intensity"] + 1)]
        if len(nxt):
            heavier[i] = index[nxt.iloc[0]["code"]]
    return index, heavier


# ---- results ------------------------------------------------------------------------------------------
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
        totals = np.bincount(law, weights=self.revenue * self.served_weight, minlength=len(LAWS))
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
    def continuity_risk(self) -> str:
        """'hoog' when the provider loses more than 5% of revenue, 'verhoogd' for any loss."""
        if self.margin_pct < -0.05:
            return "hoog"
        return "verhoogd" if self.margin_pct < 0 else "laag"

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


# ---- models -------------------------------------------------------------------------------------------
class FundingModel(param.Parameterized):
    """Common parameters (costs and behaviour) and the evaluation skeleton; subclasses set the prices."""

    key: ClassVar[str] = ""
    label_nl: ClassVar[str] = ""
    label_en: ClassVar[str] = ""
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

    def label(self, language: str = "nl") -> str:
        return self.label_en if language == "en" else self.label_nl

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
    label_nl = "Inspanningsgericht (P x Q)"
    label_en = "Effort-based (P x Q)"

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
    label_nl = "Outputgericht (trajectprijs)"
    label_en = "Output-based (price per trajectory)"

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
    label_nl = "Resultaatgericht (betalen voor resultaat)"
    label_en = "Results-oriented (pay for results)"

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
    label_nl = "Taakgericht (lumpsum / populatiebudget)"
    label_en = "Task-based (lump sum / population budget)"
    selects = False  # a population contract: the provider cannot turn clients away, only let them wait

    budget_basis = param.Selector(default="norm", objects=["norm", "history"],
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
