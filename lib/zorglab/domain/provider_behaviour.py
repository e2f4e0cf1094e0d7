"""Provider behaviour as pure, vectorised equations: what a provider does given what one more unit pays.

Split from ``funding`` (the four models, which only set prices) because these equations are shared by every
model, the purchasing game and the equation registry (``zorglab.domain.equations`` lists each one).
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pandas as pd

from zorglab.domain.catalogue import products

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
    big = z > math.e
    log_z = np.log(np.where(big, z, math.e))
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
