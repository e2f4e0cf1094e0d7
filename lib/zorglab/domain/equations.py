"""Equations registry: every formula the caseload sizing, the funding models and the scenario use, written once.

Each entry carries the formula as LaTeX and as plain text (for the app's model reference page and
screen readers), what its symbols mean, and an independent numpy implementation (``compute``) written
from the formula, not by calling ``zorglab.domain.funding`` helpers. The tests evaluate each ``compute`` on a
tiny hand-made caseload and check it against what ``zorglab.domain.funding`` / ``zorglab.domain.scenario`` /
``zorglab.domain.sizing`` return, so the page cannot drift from the code.

The model in one paragraph: every caseload row stands for ``weight`` real clients. A provider weighs what
one more unit earns (marginal revenue MR) against what it costs (marginal cost MC), held back by a
professional norm kappa; that sets the share of need delivered. Clients on whom it loses money are turned
away with a chance that grows with the loss; under trajectory prices a heavier class is sometimes
registered; under a budget the least severe clients wait once the loss would exceed what the provider
tolerates. The funding model only sets the prices; behaviour, spend and wellbeing follow.

``compute(data, params)``: ``data`` maps per-row names to arrays, the caseload columns (``needed_units``,
``tariff_eur``, ``staff_hours_per_unit``, ``intensity``, ``severity``, ``wellbeing_before``, ``product``,
``weight``, ``norm_weight``) and, for some equations, per-row intermediate results (``marginal_revenue``,
``revenue``, ``cost``, ``delivered_units``, ``served``); ``params`` maps scalar names to values: the model's
parameters by name plus the scalars an equation needs (``budget``, ``population``, ...).

Long because it is one registry: 33 equations, each with its formula, symbols and independent implementation,
side by side so a reader checks one against the other; the page's words (group titles, parameter meanings,
worded formula text per language) are in the catalogue and ``zorglab.services.equation_words``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from zorglab.domain.assumptions import WMO_COVERED_SHARE
from zorglab.domain.catalogue import products
from zorglab.domain.funding import MODELS
from zorglab.domain.provider_behaviour import DELIVERED_BOUNDS, MAX_UPCODING, WAITING_WELLBEING_LOSS
from zorglab.domain.scenario_result import AV_WELLBEING_GAIN, PREVENTION_MAX_REDUCTION, PREVENTION_SCALE_EUR

Data = Mapping[str, Any]
Params = Mapping[str, Any]

F_LO, F_HI = DELIVERED_BOUNDS
ACHIEVEMENT_SLOPE = 0.3  # achievement at full delivery falls by 0.3 per unit of severity around 0.5
ACHIEVEMENT_BOUNDS = (0.02, 0.98)
DECLARATIONS = {"output": 1.0, "result": 2.0}  # per client per year (P x Q: its own parameter)


@dataclass(frozen=True)
class Equation:
    """One formula. Its title and what each symbol means are words: catalogue keys ``equations.title_<key>`` and
    ``equations.symbol_<key>_<n>`` (the n-th of ``symbols``), shown by ``zorglab.services.equation_words``."""

    key: str
    group: str  # a funding-model key, 'sizing', 'common' or 'scenario'
    latex: str
    text: str
    symbols: tuple[str, ...] = ()
    compute: Callable[[Data, Params], Any] | None = None


# ---- independent implementations: small building blocks ----------------------------------------------
def _arr(d: Data, name: str) -> np.ndarray:
    return np.asarray(d[name], dtype=float)


def _weights(d: Data) -> np.ndarray:
    return _arr(d, "weight") if "weight" in d else np.ones(len(d["needed_units"]))


def _norm_weights(d: Data) -> np.ndarray:
    return _arr(d, "norm_weight") if "norm_weight" in d else _weights(d)


def _full_cost(d: Data, p: Params) -> np.ndarray:
    """c_i = h_i c_h: full provider cost of one unit."""
    return _arr(d, "staff_hours_per_unit") * p["provider_cost_per_hour"]


def _share_delivered(mr: Any, mc: np.ndarray, kappa: float) -> np.ndarray:
    """f = clip(1 + (MR - MC) / (kappa MC), lo, hi)."""
    return np.minimum(F_HI, np.maximum(F_LO, 1.0 + (np.asarray(mr, dtype=float) - mc) / (kappa * mc)))


def _turned_away(revenue: np.ndarray, cost: np.ndarray, propensity: float) -> np.ndarray:
    """z = clip(pi x max(0, C - R) / R, 0, 1); a loss on a client without revenue counts as a full loss."""
    z = np.zeros(len(revenue))
    for i, (r, c) in enumerate(zip(revenue, cost, strict=True)):
        loss = max(0.0, c - r)
        rel = loss / r if r > 0 else (1.0 if loss > 0 else 0.0)
        z[i] = min(1.0, max(0.0, propensity * rel))
    return z


def _g(x: np.ndarray) -> np.ndarray:
    """g(x) = (1 - e^(-3 min(1, x))) / (1 - e^(-3)) for x >= 0."""
    x = np.minimum(1.0, np.maximum(0.0, np.asarray(x, dtype=float)))
    return (1.0 - np.exp(-3.0 * x)) / (1.0 - math.exp(-3.0))


def _g_slope(x: np.ndarray) -> np.ndarray:
    """g'(x) below full delivery, 0 from there on (more than the need brings no extra effect)."""
    return np.where(x < 1.0, 3.0 * np.exp(-3.0 * x) / (1.0 - math.exp(-3.0)), 0.0)


# ---- sizing --------------------------------------------------------------------------------------------
def _jeugdwet_clients(d: Data, p: Params) -> float:
    return p["population"] * p["youth_share"] * p["jeugdhulp_pct"] / 100.0


def _wmo_clients(d: Data, p: Params) -> float:
    return p["population"] * p["wmo_per_1000"] / 1000.0 * p.get("covered_share", WMO_COVERED_SHARE)


def _sample_weight(d: Data, p: Params) -> np.ndarray:
    """w_i = N_s / n_s: the stratum's real clients over its sample rows (``stratum_clients`` label -> N_s)."""
    labels = list(d["stratum"])
    rows: dict[Any, int] = {}
    for s in labels:
        rows[s] = rows.get(s, 0) + 1
    return np.array([p["stratum_clients"][s] / rows[s] for s in labels], dtype=float)


# ---- behaviour and outcomes (all models) -----------------------------------------------------------------
def _marginal_cost(d: Data, p: Params) -> np.ndarray:
    return _full_cost(d, p) * p["marginal_cost_share"]


def _delivered_share(d: Data, p: Params) -> np.ndarray:
    return _share_delivered(_arr(d, "marginal_revenue"), _marginal_cost(d, p), p["professional_norm"])


def _selection_rate(d: Data, p: Params) -> np.ndarray:
    return _turned_away(_arr(d, "revenue"), _arr(d, "cost"), p["selection_propensity"])


def _provider_cost(d: Data, p: Params) -> float:
    """C = sum_i w_i s_i (d_i h_i c_h + D_i c_d)."""
    served = _arr(d, "served") if "served" in d else 1.0
    per_client = _arr(d, "delivered_units") * _full_cost(d, p) + np.asarray(d["declarations"], float) * p[
        "admin_cost_per_declaration"]
    return float(np.sum(_weights(d) * served * per_client))


def _wellbeing(d: Data, p: Params) -> np.ndarray:
    q, before = _arr(d, "needed_units"), _arr(d, "wellbeing_before")
    frac = np.where(q > 0, _arr(d, "delivered_units") / np.where(q > 0, q, 1.0), 0.0)
    got = np.clip(before + p["wellbeing_gain_max"] * _g(frac), 1.0, 10.0)
    waiting = np.clip(before - WAITING_WELLBEING_LOSS, 1.0, 10.0)
    s = _arr(d, "served") if "served" in d else np.ones(len(q))
    return s * got + (1.0 - s) * waiting


def _continuity(d: Data, p: Params) -> str:
    m = (p["revenue"] - p["cost"]) / p["revenue"] if p["revenue"] else 0.0
    return "high" if m < -0.05 else "medium" if m < 0 else "low"  # RiskLevel codes, written from the formula


# ---- P x Q ---------------------------------------------------------------------------------------------
def _pxq_delivered(d: Data, p: Params) -> np.ndarray:
    mr = p.get("tariff_factor", 1.0) * _arr(d, "tariff_eur")
    return _arr(d, "needed_units") * _share_delivered(mr, _marginal_cost(d, p), p["professional_norm"])


def _pxq_flows(d: Data, p: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(delivered, revenue, cost, served) per client under P x Q."""
    delivered = _pxq_delivered(d, p)
    revenue = delivered * p.get("tariff_factor", 1.0) * _arr(d, "tariff_eur")
    cost = delivered * _full_cost(d, p) + p.get("declarations_per_year", 12) * p["admin_cost_per_declaration"]
    served = 1.0 - _turned_away(revenue, cost, p["selection_propensity"])
    return delivered, revenue, cost, served


def _pxq_revenue(d: Data, p: Params) -> float:
    _, revenue, _, served = _pxq_flows(d, p)
    return float(np.sum(_weights(d) * served * revenue))


def _pxq_hour_revenue(d: Data, p: Params) -> float:
    delivered, _, _, served = _pxq_flows(d, p)
    h = _arr(d, "staff_hours_per_unit")
    hours = delivered * h * _weights(d) * served
    per_hour = p.get("tariff_factor", 1.0) * _arr(d, "tariff_eur") / h
    return float(np.sum(per_hour * hours) / np.sum(hours))


# ---- output (trajectory prices) ------------------------------------------------------------------------
@cache
def _heavier_products() -> dict[str, str]:
    """Product -> its heavier variant: same harmonised group and unit, next intensity class; none for stays
    (etmaal) and supervision orders (maand)."""
    cat = products()
    out: dict[str, str] = {}
    for _, row in cat.iterrows():
        if row["unit"] in ("etmaal", "maand"):
            continue
        nxt = cat[(cat["harmonised_code"] == row["harmonised_code"]) & (cat["unit"] == row["unit"])
                  & (cat["intensity"] == row["intensity"] + 1)]
        if len(nxt):
            out[row["code"]] = str(nxt.iloc[0]["code"])
    return out


def _output_price(d: Data, p: Params) -> np.ndarray:
    """P_i: the class price if set, else the weighted mean cost of need (tariff x need) of the row's product."""
    prod = np.asarray(d["product"]).astype(str)
    w, cost_of_need = _weights(d), _arr(d, "tariff_eur") * _arr(d, "needed_units")
    own = np.zeros(len(prod))
    for code in set(prod):
        k = prod == code
        own[k] = np.sum(w[k] * cost_of_need[k]) / np.sum(w[k]) if np.sum(w[k]) > 0 else 0.0
    classes = np.array([p.get("price_light", 0.0), p.get("price_medium", 0.0), p.get("price_heavy", 0.0)], float)
    by_class = classes[np.asarray(d["intensity"]).astype(int) - 1]
    return np.where(by_class > 0, by_class, own) * p.get("price_factor", 1.0)


def _upcoding(d: Data, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """(u_i, expected price): u = clip(rho (P_heavier - P) / P, 0, max) when the heavier variant is priced here."""
    prod = np.asarray(d["product"]).astype(str)
    price = _output_price(d, p)
    price_of = dict(zip(prod, price, strict=True))
    heavier = _heavier_products()
    up = np.array([price_of.get(heavier.get(c, ""), 0.0) for c in prod])
    up = np.where(up > 0, up, price)  # the heavier variant is not in this caseload: nothing to register
    gap = np.where(price > 0, (up - price) / np.where(price > 0, price, 1.0), 0.0)
    u = np.minimum(MAX_UPCODING, np.maximum(0.0, p["upcoding_room"] * gap))
    return u, (1.0 - u) * price + u * up


def _output_upcoding(d: Data, p: Params) -> np.ndarray:
    return _upcoding(d, p)[0]


def _no_pay_delivered(d: Data, p: Params) -> np.ndarray:
    """MR = 0: f = 1 - 1/kappa (within the bounds)."""
    f = min(F_HI, max(F_LO, 1.0 - 1.0 / p["professional_norm"]))
    return _arr(d, "needed_units") * f


def _priced_spend(d: Data, p: Params, revenue: np.ndarray, delivered: np.ndarray, declarations: float) -> float:
    cost = delivered * _full_cost(d, p) + declarations * p["admin_cost_per_declaration"]
    served = 1.0 - _turned_away(revenue, cost, p["selection_propensity"])
    return float(np.sum(_weights(d) * served * revenue))


def _output_revenue(d: Data, p: Params) -> float:
    return _priced_spend(d, p, _upcoding(d, p)[1], _no_pay_delivered(d, p), DECLARATIONS["output"])


# ---- results-oriented ------------------------------------------------------------------------------------
def _p0(d: Data, p: Params) -> np.ndarray:
    return np.clip(p["achievement_rate"] + ACHIEVEMENT_SLOPE * (0.5 - _arr(d, "severity")), *ACHIEVEMENT_BOUNDS)


def _result_value(d: Data, p: Params) -> np.ndarray:
    """V_i = (1 - beta) P_i + B + M: what reaching the result is worth against missing it."""
    return (1.0 - p["base_share"]) * _upcoding(d, p)[1] + p["bonus"] + p["malus"]


def _result_share(d: Data, p: Params) -> np.ndarray:
    """f_i solving p0 g'(f) V / q = MC + kappa MC (f - 1) on [lo, 1] (the left side falls, the right rises)."""
    q, p0, value, mc = _arr(d, "needed_units"), _p0(d, p), _result_value(d, p), _marginal_cost(d, p)
    kappa = p["professional_norm"]

    def excess(f: np.ndarray) -> np.ndarray:
        mr = np.where(q > 0, p0 * _g_slope(f) * value / np.where(q > 0, q, 1.0), 0.0)
        return mr - mc - kappa * mc * (f - 1.0)

    lo, hi = np.full(len(q), F_LO), np.ones(len(q))
    for _ in range(60):
        mid = 0.5 * (lo + hi)
        pos = excess(mid) > 0
        lo, hi = np.where(pos, mid, lo), np.where(pos, hi, mid)
    return 0.5 * (lo + hi)


def _result_delivered(d: Data, p: Params) -> np.ndarray:
    return _arr(d, "needed_units") * _result_share(d, p)


def _result_achievement(d: Data, p: Params) -> np.ndarray:
    return _p0(d, p) * _g(_result_share(d, p))


def _result_revenue(d: Data, p: Params) -> float:
    price = _upcoding(d, p)[1]
    a, beta = _result_achievement(d, p), p["base_share"]
    revenue = beta * price + a * ((1.0 - beta) * price + p["bonus"]) - (1.0 - a) * p["malus"]
    return _priced_spend(d, p, revenue, _result_delivered(d, p), DECLARATIONS["result"])


# ---- lump sum (task-based) -------------------------------------------------------------------------------
def _lumpsum_budget(d: Data, p: Params) -> float:
    if p.get("budget_eur", 0.0) > 0:
        return float(p["budget_eur"])
    q, tariff = _arr(d, "needed_units"), _arr(d, "tariff_eur")
    if p.get("budget_basis", "norm") == "history":  # last year's P x Q at contracted tariffs, all clients
        f = _share_delivered(tariff, _marginal_cost(d, p), p["professional_norm"])
        return float(p["budget_factor"] * np.sum(_weights(d) * q * f * tariff))
    return float(p["budget_factor"] * np.sum(_norm_weights(d) * q * tariff))


def _rationing_cap(d: Data, p: Params) -> float:
    budget, t = p["budget"], p["tolerated_loss"]
    width, share = p.get("corridor_width", 0.0), p.get("corridor_share", 0.0)
    if p.get("corridor_enabled", False) and t > width:
        return math.inf if share >= 1.0 else budget * (1.0 + width + (t - width) / (1.0 - share))
    return budget * (1.0 + t)


def _ration(d: Data, p: Params) -> np.ndarray:
    """Serve rows most severe first until the cap is spent; the row at the edge partly, the rest wait."""
    cost, w, sev = _arr(d, "cost"), _weights(d), _arr(d, "severity")
    served = np.ones(len(cost))
    if np.sum(cost * w) <= p["cap"]:
        return served
    spent = 0.0
    for i in sorted(range(len(cost)), key=lambda j: -sev[j]):  # sorted() is stable: ties keep row order
        row = cost[i] * w[i]
        served[i] = 1.0 if row <= 0 else min(1.0, max(0.0, (p["cap"] - spent) / row))
        spent += row
    return served


def _settlement(d: Data, p: Params) -> float:
    if not p.get("corridor_enabled", False):
        return 0.0
    budget, dev = p["budget"], p["cost"] - p["budget"]
    return math.copysign(1.0, dev) * p["corridor_share"] * max(0.0, abs(dev) - p["corridor_width"] * budget)


def _lumpsum_flows(d: Data, p: Params) -> dict[str, Any]:
    """Delivered units, cost per client, served fractions, budget and total cost under a lump sum."""
    w, q, full = _weights(d), _arr(d, "needed_units"), _full_cost(d, p)
    budget = _lumpsum_budget(d, p)
    admin = p["reports_per_year"] * p["admin_cost_per_declaration"] / max(float(np.sum(w)), 1.0)
    delivered = _no_pay_delivered(d, p)
    cost = delivered * full + admin
    if p.get("corridor_enabled", False) and np.sum(cost * w) > budget * (1.0 + p["corridor_width"]):
        # beyond the band the municipality pays gamma of every extra unit: that share is marginal revenue
        delivered = q * _share_delivered(p["corridor_share"] * full, _marginal_cost(d, p), p["professional_norm"])
        cost = delivered * full + admin
    cap = _rationing_cap(d, {**p, "budget": budget})
    served = _ration({**d, "cost": cost}, {"cap": cap})
    return {"delivered": delivered, "cost": cost, "served": served, "budget": budget,
            "total_cost": float(np.sum(cost * w * served))}


def _lumpsum_delivered(d: Data, p: Params) -> np.ndarray:
    return _lumpsum_flows(d, p)["delivered"]


def _lumpsum_revenue(d: Data, p: Params) -> float:
    fl = _lumpsum_flows(d, p)
    return fl["budget"] + _settlement(d, {**p, "budget": fl["budget"], "cost": fl["total_cost"]})


# ---- scenario ----------------------------------------------------------------------------------------------
def _prevention(d: Data, p: Params) -> float:
    return PREVENTION_MAX_REDUCTION * (1.0 - math.exp(-max(0.0, p["prevention_per_client"]) / PREVENTION_SCALE_EUR))


def _scenario_weights(d: Data, p: Params) -> np.ndarray:
    return _weights(d) * (1.0 + p["demand_growth"]) * (1.0 - _prevention(d, p))


def _av_budget(d: Data, p: Params) -> float:
    """phi_av x last year's P x Q spend on the moved clients (``data``: those rows with baseline weights)."""
    if not len(d["needed_units"]):
        return 0.0
    return p["av_budget_factor"] * _pxq_revenue(d, p)


def _av_participants(d: Data, p: Params) -> float:
    return float(np.sum(_weights(d))) * (1.0 + p["av_extra_uptake"])


def _av_cost(d: Data, p: Params) -> float:
    return _av_participants(d, p) * p["av_cost_per_participant"]


def _av_gain(d: Data, p: Params) -> float:
    gain = p.get("av_wellbeing_gain", AV_WELLBEING_GAIN)
    return gain if p["av_cost"] <= 0 else gain * min(1.0, p["av_budget"] / p["av_cost"])


def _municipal_spend(d: Data, p: Params) -> float:
    return p["model_spend"] + p["av_budget"] + p["prevention_per_client"] * p["baseline_clients"]


# ---- the registry ----------------------------------------------------------------------------------------
_LO, _HI = f"{F_LO:g}", f"{F_HI:g}"
_A0, _A1 = (f"{v:g}" for v in ACHIEVEMENT_BOUNDS)
_WAIT = f"{WAITING_WELLBEING_LOSS:g}"

EQUATIONS: tuple[Equation, ...] = (
    # -- sizing
    Equation("jeugdwet_clients", "sizing", r"N_J = P \cdot y \cdot \frac{j}{100}", "N_J = P × y × j / 100",
             ('P', 'y', 'j'), _jeugdwet_clients),
    Equation("wmo_clients", "sizing", r"N_W = P \cdot \frac{k}{1000} \cdot a", "N_W = P × k / 1000 × a",
             ('P', 'k', 'a'), _wmo_clients),
    Equation("sample_weight", "sizing", r"w_i = \frac{N_{s(i)}}{n_{s(i)}},\quad \nu_i = \frac{P_{m(i)}\, r^{nat}_{l(i)}}{n_{s(i)}}",
             "w_i = N_s(i) / n_s(i);  ν_i = P_m(i) × national rate of law l(i) / n_s(i)",
             ('s(i)', 'N_s', 'n_s', 'ν_i'), _sample_weight),
    # -- behaviour and outcomes
    Equation("marginal_cost", "common", r"MC_i = m \cdot h_i\, c_h", "MC_i = m × h_i × c_h",
             ('q_i', 'p_i', 'h_i', 'c_h', 'm'),
             _marginal_cost),
    Equation("delivered_share", "common", rf"f_i = \mathrm{{clip}}\!\left(1 + \frac{{MR_i - MC_i}}{{\kappa\, MC_i}},\ {_LO},\ {_HI}\right),"
             r"\quad d_i = f_i\, q_i",
             f"f_i = clip(1 + (MR_i − MC_i) / (κ × MC_i), {_LO}, {_HI});  d_i = f_i × q_i",
             ('MR_i', 'MC_i', 'κ', 'd_i'), _delivered_share),
    Equation("selection_rate", "common", r"z_i = \mathrm{clip}\!\left(\pi\,\frac{\max(0,\ C_i - R_i)}{R_i},\ 0,\ 1\right),\quad s_i = 1 - z_i",
             "z_i = clip(π × max(0, C_i − R_i) / R_i, 0, 1);  s_i = 1 − z_i  (P x Q, output, result; not a lump sum)",
             ('π', 'R_i', 'C_i', 's_i'), _selection_rate),
    Equation("provider_cost", "common", r"C = \sum_i w_i\, s_i \left(d_i\, h_i\, c_h + D_i\, c_d\right)", "C = Σ_i w_i s_i (d_i h_i c_h + D_i c_d)",
             ('i', 'w_i', 's_i', 'c_h', 'D_i', 'c_d'), _provider_cost),
    Equation("wellbeing", "common", r"W'_i = s_i\,\mathrm{clip}\!\left(W_i + G\,g\!\left(\tfrac{d_i}{q_i}\right),\ 1,\ 10\right)"
             rf" + (1 - s_i)\,\mathrm{{clip}}(W_i - {_WAIT},\ 1,\ 10),\quad"
             r" g(x) = \frac{1 - e^{-3\min(1,\,x)}}{1 - e^{-3}}",
             f"W'_i = s_i × clip(W_i + G × g(d_i / q_i), 1, 10) + (1 − s_i) × clip(W_i − {_WAIT}, 1, 10);  "
             "g(x) = (1 − e^(−3 min(1, x))) / (1 − e^(−3))",
             ('W_i', 'G', 's_i'), _wellbeing),
    Equation("continuity_risk", "common", r"\mu = (R - C)/R:\ \text{hoog als } \mu < -5\%,\ \text{verhoogd als } \mu < 0",
             "μ = (R − C) / R: high if μ < −5%, elevated if μ < 0, else low", (), _continuity),
    # -- P x Q
    Equation("pxq_delivered", "pxq", r"MR_i = \varphi\, p_i,\quad d_i = q_i\, f(\varphi\, p_i,\ MC_i)",
             "MR_i = φ × p_i;  d_i = q_i × f(φ p_i, MC_i)",
             ('q_i', 'p_i', 'h_i', 'f(MR, MC)', 'φ'), _pxq_delivered),
    Equation("pxq_revenue", "pxq", r"R_i = d_i\,\varphi\, p_i,\quad U = \sum_i w_i\, s_i\, R_i", "R_i = d_i × φ × p_i;  U = Σ_i w_i s_i R_i",
             ('i', 'w_i', 's_i', 'φ'), _pxq_revenue),
    Equation("pxq_extra_hour", "pxq", r"\frac{\sum_i (\varphi\, p_i / h_i)\; w_i\, s_i\, d_i\, h_i}{\sum_i w_i\, s_i\, d_i\, h_i}",
             "Σ_i (φ p_i / h_i) w_i s_i d_i h_i / Σ_i w_i s_i d_i h_i", ('q_i', 'p_i', 'h_i', 's_i'), _pxq_hour_revenue),
    # -- output
    Equation("output_price", "output", r"P_k = \varphi \cdot \frac{\sum_{i \in k} w_i\, q_i\, p_i}{\sum_{i \in k} w_i}"
             r"\quad (\text{of } \varphi\, P_c \text{ als een klasseprijs is gezet})",
             "P_k = φ × Σ_(i in k) w_i q_i p_i / Σ_(i in k) w_i  (or φ × P_c when a class price is set)",
             ('k', 'P_c', 'φ'), _output_price),
    Equation("output_upcoding", "output", rf"u_i = \mathrm{{clip}}\!\left(\rho\,\frac{{P_{{k^+}} - P_k}}{{P_k}},\ 0,\ {MAX_UPCODING:g}\right),"
             r"\quad \tilde P_i = (1 - u_i)\,P_k + u_i\,P_{k^+}",
             f"u_i = clip(ρ × (P_k+ − P_k) / P_k, 0, {MAX_UPCODING:g});  P̃_i = (1 − u_i) P_k + u_i P_k+",
             ('ρ', 'k^+', 'P̃_i'), _output_upcoding),
    Equation("output_delivered", "output", rf"MR_i = 0 \;\Rightarrow\; d_i = q_i\,\mathrm{{clip}}\!\left(1 - \tfrac{{1}}{{\kappa}},\ {_LO},\ {_HI}\right)",
             f"MR_i = 0, so d_i = q_i × clip(1 − 1/κ, {_LO}, {_HI})",
             ('κ',), _no_pay_delivered),
    Equation("output_revenue", "output", r"U = \sum_i w_i\, s_i\, \tilde P_i", "U = Σ_i w_i s_i P̃_i", ('i', 'w_i', 's_i', 'P̃_i'), _output_revenue),
    # -- result
    Equation("result_achievement", "result", rf"p_i = p^0_i\, g(f_i),\quad p^0_i = \mathrm{{clip}}\!\left(\bar a + {ACHIEVEMENT_SLOPE:g}\,(0.5 - \sigma_i),"
             rf"\ {_A0},\ {_A1}\right),\quad g(f) = \frac{{1 - e^{{-3\min(1,\,f)}}}}{{1 - e^{{-3}}}}",
             f"p_i = p0_i × g(f_i);  p0_i = clip(ā + {ACHIEVEMENT_SLOPE:g} × (0.5 − σ_i), {_A0}, {_A1});  "
             "g(f) = (1 − e^(−3 min(1, f))) / (1 − e^(−3))",
             ('ā', 'σ_i', 'f_i'),
             _result_achievement),
    Equation("result_delivered", "result", r"\underbrace{\frac{p^0_i\, g'(f_i)\, V_i}{q_i}}_{MR_i(f_i)} = MC_i + \kappa\, MC_i\,(f_i - 1),"
             r"\quad V_i = (1-\beta)\,\tilde P_i + B + M,\quad d_i = f_i\, q_i",
             "MR_i(f_i) = p0_i × g'(f_i) × V_i / q_i = MC_i + κ MC_i (f_i − 1);  V_i = (1 − β) P̃_i + B + M;  "
             "d_i = f_i × q_i",
             ('V_i', 'β', 'B', 'M', 'P̃_i'), _result_delivered),
    Equation("result_revenue", "result", r"R_i = \beta\,\tilde P_i + p_i\left((1-\beta)\,\tilde P_i + B\right) - (1-p_i)\,M,"
             r"\quad U = \sum_i w_i\, s_i\, R_i",
             "R_i = β P̃_i + p_i ((1 − β) P̃_i + B) − (1 − p_i) M;  U = Σ_i w_i s_i R_i",
             ('β', 'B', 'M', 's_i'), _result_revenue),
    # -- lump sum
    Equation("lumpsum_budget", "lumpsum", r"L = \varphi_L \sum_i \nu_i\, q_i\, p_i\ \ (\text{norm}),\qquad"
             r"L = \varphi_L \sum_i w_i\, q_i\, f(p_i,\ MC_i)\, p_i\ \ (\text{vorig jaar, P x Q})",
             "L = φ_L × Σ_i ν_i q_i p_i (norm);  L = φ_L × Σ_i w_i q_i f(p_i, MC_i) p_i (last year's P x Q)",
             ('φ_L', 'ν_i', 'f(MR, MC)'), _lumpsum_budget),
    Equation("lumpsum_delivered", "lumpsum", r"d_i = q_i\, f(0,\ MC_i);\quad \text{buiten de corridorband: } d_i = q_i\, f(\gamma\, h_i c_h,\ MC_i)",
             "d_i = q_i × f(0, MC_i);  beyond the corridor band (Σ w_i C_i > L (1 + ω)): d_i = q_i × f(γ h_i c_h, MC_i)",
             ('f(MR, MC)', 'L', 'ω', 'γ'), _lumpsum_delivered),
    Equation("rationing_cap", "lumpsum", r"K = L\,(1 + t);\quad \text{met corridor en } t > \omega:\ K = L\left(1 + \omega + \frac{t - \omega}{1 - \gamma}\right)",
             "K = L (1 + t);  with a corridor and t > ω: K = L (1 + ω + (t − ω) / (1 − γ))",
             ('t', 'L', 'ω', 'γ'),
             _rationing_cap),
    Equation("rationing_order", "lumpsum", r"s_i = \mathrm{clip}\!\left(\frac{K - \sum_{j:\,\sigma_j > \sigma_i} w_j\, C_j}{w_i\, C_i},\ 0,\ 1\right)"
             r"\ \text{ als } \sum_i w_i C_i > K,\ \text{anders } s_i = 1",
             "order rows by severity, most severe first; s_i = clip((K − Σ_(j before i) w_j C_j) / (w_i C_i), 0, 1) "
             "if Σ_i w_i C_i > K, else s_i = 1",
             ('K', 'C_i', 'σ_i'), _ration),
    Equation("corridor_settlement", "lumpsum", r"S = \mathrm{sgn}(C - L)\;\gamma\,\max\!\left(0,\ \lvert C - L \rvert - \omega L\right)",
             "S = sign(C − L) × γ × max(0, |C − L| − ω L)  (only with a corridor)",
             ('C', 'L', 'ω', 'γ'),
             _settlement),
    Equation("lumpsum_revenue", "lumpsum", r"U = L + S", "U = L + S", ('L', 'ω', 'γ', 'S'),
             _lumpsum_revenue),
    # -- scenario
    Equation("prevention", "scenario", rf"r(I) = {PREVENTION_MAX_REDUCTION:g}\,\left(1 - e^{{-I/{PREVENTION_SCALE_EUR:g}}}\right)",
             f"r(I) = {PREVENTION_MAX_REDUCTION:g} × (1 − e^(−I/{PREVENTION_SCALE_EUR:g}))",
             ('I',), _prevention),
    Equation("scenario_weights", "scenario", r"w^0_i = w_i\,(1+g),\quad w'_i = w_i\,(1+g)\,(1 - r(I)),\quad N' = \sum_i w'_i",
             "w0_i = w_i × (1 + g);  w'_i = w_i × (1 + g) × (1 − r(I));  N' = Σ_i w'_i",
             ('g', 'r(I)'),
             _scenario_weights),
    Equation("av_budget", "scenario", r"B_{av} = \varphi_{av} \sum_{i \in AV} w^0_i\, s^0_i\, R^0_i",
             "B_av = φ_av × Σ_(i in AV) w0_i s0_i R0_i",
             ('AV', 'R^0_i', 'φ_av'), _av_budget),
    Equation("av_participants", "scenario", r"n_{av} = (1 + u) \sum_{i \in AV} w'_i", "n_av = (1 + u) × Σ_(i in AV) w'_i",
             ('u',),
             _av_participants),
    Equation("av_cost", "scenario", r"C_{av} = n_{av}\, c_{av}", "C_av = n_av × c_av",
             ('c_av',), _av_cost),
    Equation("av_wellbeing_gain", "scenario", r"\Delta W = G_{av}\,\min\!\left(1,\ \frac{B_{av}}{C_{av}}\right)", "ΔW = G_av × min(1, B_av / C_av)",
             ('G_av',), _av_gain),
    Equation("municipal_spend", "scenario", r"U_{tot} = U + B_{av} + I \sum_i w^0_i", "U_tot = U + B_av + I × Σ_i w0_i",
             ('U', 'I'),
             _municipal_spend),
)

# The reference page's groups, in order (their titles: equation_words / catalogue namespace ``equations``).
GROUPS: tuple[str, ...] = ("sizing", "common", *MODELS, "scenario")
# Scenario levers listed under the scenario group of the reference page.
SCENARIO_PARAMETERS = ("demand_growth", "volume_factor", "general_provision_share", "av_budget_factor",
                       "av_extra_uptake", "av_cost_per_participant", "prevention_per_client")


def equations(group: str | None = None) -> list[Equation]:
    return [e for e in EQUATIONS if group is None or e.group == group]


def get_equation(key: str) -> Equation:
    for e in EQUATIONS:
        if e.key == key:
            return e
    from zorglab.core.errors import UnknownNameError

    raise UnknownNameError("equation", key, [e.key for e in EQUATIONS])
