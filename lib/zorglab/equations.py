"""Equations registry: every formula the funding models and the scenario use, written once.

Each entry carries the formula as LaTeX and as plain text (for the app's model reference page and
screen readers), what its symbols mean, and an independent numpy implementation (``compute``). The
tests evaluate each ``compute`` on a tiny hand-made caseload and check it against what
``zorglab.funding`` / ``zorglab.scenario`` return, so the page cannot drift from the code.

``compute(data, params)``: ``data`` maps caseload column names to numpy arrays (``needed_units``,
``tariff_eur``, ``staff_hours_per_unit``, ``intensity``, ``severity``, ``wellbeing_before``) plus, for the
scenario equations, scalars; ``params`` are the model's parameter values by name.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .funding import MODELS, WAITING_WELLBEING_LOSS
from .scenario import AV_WELLBEING_GAIN, PREVENTION_MAX_REDUCTION, PREVENTION_SCALE_EUR

Data = Mapping[str, Any]
Params = Mapping[str, Any]


@dataclass(frozen=True)
class Equation:
    key: str
    group: str  # a funding-model key, 'common' or 'scenario'
    title_nl: str
    title_en: str
    latex: str
    text: str
    symbols: dict[str, tuple[str, str]] = field(default_factory=dict)
    compute: Callable[[Data, Params], Any] | None = None

    def title(self, language: str = "nl") -> str:
        return self.title_en if language == "en" else self.title_nl


# ---- independent implementations ------------------------------------------------------------------
def _prices(params: Params) -> np.ndarray:
    return np.array([params["price_light"], params["price_medium"], params["price_heavy"]], dtype=float)


def _pxq_delivered(d: Data, p: Params) -> np.ndarray:
    return d["needed_units"] * (1.0 + p["supplier_induced_demand"])


def _pxq_revenue(d: Data, p: Params) -> float:
    return float(np.sum(_pxq_delivered(d, p) * p["tariff_factor"] * d["tariff_eur"]))


def _pxq_hour_revenue(d: Data, p: Params) -> float:
    hours = _pxq_delivered(d, p) * d["staff_hours_per_unit"]
    per_hour = p["tariff_factor"] * d["tariff_eur"] / d["staff_hours_per_unit"]
    return float(np.sum(per_hour * hours) / np.sum(hours))


def _output_revenue(d: Data, p: Params) -> float:
    prices = _prices(p)
    c = d["intensity"].astype(int) - 1
    return float(np.sum((1 - p["upcoding"]) * prices[c] + p["upcoding"] * prices[np.minimum(c + 1, 2)]))


def _reduced_delivery(d: Data, p: Params) -> np.ndarray:
    return d["needed_units"] * (1.0 - p["efficiency"])


def _achievement(d: Data, p: Params) -> np.ndarray:
    return np.clip(p["achievement_rate"] + 0.3 * (0.5 - d["severity"]), 0.02, 0.98)


def _result_revenue(d: Data, p: Params) -> float:
    price = _prices(p)[d["intensity"].astype(int) - 1]
    a, beta = _achievement(d, p), p["base_share"]
    return float(np.sum(beta * price + a * ((1 - beta) * price + p["bonus"]) - (1 - a) * p["malus"]))


def _lumpsum_served(d: Data, p: Params) -> np.ndarray:
    n = len(d["severity"])
    waiting = math.floor(p["waiting_share"] * n)
    order = np.argsort(d["severity"], kind="stable")
    served = np.ones(n, dtype=bool)
    served[order[:waiting]] = False
    return served


def _lumpsum_delivered(d: Data, p: Params) -> np.ndarray:
    return d["needed_units"] * (1.0 - p["under_treatment"]) * _lumpsum_served(d, p)


def _lumpsum_budget(d: Data, p: Params) -> float:
    return float(p["budget_factor"] * np.sum(d["needed_units"] * d["tariff_eur"]))


def _lumpsum_revenue(d: Data, p: Params) -> float:
    budget = _lumpsum_budget(d, p)
    if not p["corridor_enabled"]:
        return budget
    cost = _provider_cost(d, {**p, "delivered": _lumpsum_delivered(d, p), "declarations": p["reports_per_year"]})
    dev = cost - budget
    return budget + math.copysign(1.0, dev) * p["corridor_share"] * max(0.0, abs(dev) - p["corridor_width"] * budget)


def _provider_cost(d: Data, p: Params) -> float:
    return float(np.sum(p["delivered"] * d["staff_hours_per_unit"] * p["provider_cost_per_hour"])
                 + p["declarations"] * p["admin_cost_per_declaration"])


def _wellbeing(d: Data, p: Params) -> np.ndarray:
    frac = np.minimum(1.0, p["delivered"] / d["needed_units"])
    gain = p["wellbeing_gain_max"] * (1 - np.exp(-3 * frac)) / (1 - math.exp(-3))
    return np.clip(np.where(p["served"], d["wellbeing_before"] + gain, d["wellbeing_before"] - WAITING_WELLBEING_LOSS),
                   1, 10)


def _continuity(d: Data, p: Params) -> str:
    m = (p["revenue"] - p["cost"]) / p["revenue"]
    return "hoog" if m < -0.05 else "verhoogd" if m < 0 else "laag"


def _prevention(d: Data, p: Params) -> float:
    return PREVENTION_MAX_REDUCTION * (1 - math.exp(-p["prevention_per_client"] / PREVENTION_SCALE_EUR))


def _clients(d: Data, p: Params) -> int:
    return max(1, round(p["n_clients"] * (1 + p["demand_growth"]) * (1 - _prevention(d, p))))


def _municipal_spend(d: Data, p: Params) -> float:
    return p["model_revenue"] + p["av_clients"] * p["av_budget_per_client"] + p["prevention_per_client"] * p["n_clients"]


_CASE = {"i": ("cliënt i", "client i"), "q_i": ("benodigd volume (eenheden/jaar)", "needed volume (units/year)"),
         "p_i": ("contracttarief per eenheid (€)", "contracted tariff per unit (€)")}

EQUATIONS: tuple[Equation, ...] = (
    Equation("pxq_delivered", "pxq", "Geleverd volume bij P x Q", "Delivered volume under P x Q",
             r"d_i = q_i\,(1 + s)", "d_i = q_i × (1 + s)",
             {**_CASE, "s": ("aanbodgestuurde extra uren (aandeel)", "supplier-induced extra volume (share)")},
             _pxq_delivered),
    Equation("pxq_revenue", "pxq", "Omzet = uitgaven gemeente bij P x Q", "Revenue = municipal spend under P x Q",
             r"R = \sum_i d_i \, f \, p_i", "R = Σ_i d_i × f × p_i",
             {**_CASE, "f": ("tarieffactor", "tariff factor")}, _pxq_revenue),
    Equation("pxq_extra_hour", "pxq", "Opbrengst van één extra uur", "Revenue from one extra hour",
             r"\frac{\sum_i (f p_i / h_i)\, d_i h_i}{\sum_i d_i h_i}", "Σ_i (f p_i / h_i) d_i h_i / Σ_i d_i h_i",
             {"h_i": ("personeelsuren per eenheid", "staff hours per unit")}, _pxq_hour_revenue),
    Equation("output_revenue", "output", "Omzet bij trajectprijzen", "Revenue under trajectory prices",
             r"R = \sum_i \left[(1-u)\,P_{c_i} + u\,P_{\min(c_i+1,\,3)}\right]",
             "R = Σ_i [(1 − u) P_c(i) + u P_min(c(i)+1, 3)]",
             {"c_i": ("intensiteitsklasse 1-3", "intensity class 1-3"),
              "P_c": ("trajectprijs per klasse (€ per cliënt-jaar)", "trajectory price per class (€ per client-year)"),
              "u": ("opwaardering (aandeel)", "upcoding (share)")}, _output_revenue),
    Equation("output_delivered", "output", "Geleverd volume bij trajectprijzen", "Delivered volume under trajectory prices",
             r"d_i = q_i\,(1 - e)", "d_i = q_i × (1 − e)",
             {"e": ("minder uren per traject (aandeel)", "fewer hours per trajectory (share)")}, _reduced_delivery),
    Equation("result_achievement", "result", "Kans op resultaat per cliënt", "Chance of a result per client",
             r"a_i = \mathrm{clip}\!\left(\bar a + 0.3\,(0.5 - \sigma_i),\ 0.02,\ 0.98\right)",
             "a_i = clip(ā + 0.3 × (0.5 − σ_i), 0.02, 0.98)",
             {"ā": ("gemiddelde kans op resultaat", "mean achievement rate"),
              "σ_i": ("zwaarte 0-1", "severity 0-1")}, _achievement),
    Equation("result_revenue", "result", "Omzet bij resultaatbekostiging", "Revenue under results-oriented funding",
             r"R = \sum_i \left[\beta P_{c_i} + a_i\left((1-\beta)P_{c_i} + B\right) - (1-a_i)\,M\right]",
             "R = Σ_i [β P_c(i) + a_i ((1 − β) P_c(i) + B) − (1 − a_i) M]",
             {"β": ("deel vooraf betaald", "share paid up front"), "B": ("bonus (€)", "bonus (€)"),
              "M": ("malus (€)", "malus (€)")}, _result_revenue),
    Equation("lumpsum_waiting", "lumpsum", "Cliënten op de wachtlijst (minst zware eerst)",
             "Clients on the waiting list (least severe first)",
             r"W = \lfloor \omega N \rfloor", "W = floor(ω × N)",
             {"ω": ("aandeel op wachtlijst", "share on waiting list"), "N": ("aantal cliënten", "number of clients")},
             lambda d, p: int(math.floor(p["waiting_share"] * len(d["severity"])))),
    Equation("lumpsum_delivered", "lumpsum", "Geleverd volume bij lumpsum", "Delivered volume under a lump sum",
             r"d_i = q_i\,(1 - t)\,[i \text{ geholpen}]", "d_i = q_i × (1 − t) if client i is served, else 0",
             {"t": ("onderbehandeling (aandeel)", "under-treatment (share)")}, _lumpsum_delivered),
    Equation("lumpsum_revenue", "lumpsum", "Lumpsum met optionele risicocorridor", "Lump sum with optional risk corridor",
             r"L = \varphi \sum_i q_i p_i,\quad R = L + \mathrm{sgn}(C-L)\,\kappa\,\max(0,\ |C-L| - wL)",
             "L = φ × Σ_i q_i p_i;  R = L + sign(C − L) × κ × max(0, |C − L| − w L)  (corridor term only if enabled)",
             {"φ": ("lumpsumfactor op historische P x Q", "lump-sum factor on historical P x Q"),
              "κ": ("deel van de afwijking dat wordt verrekend", "share of the deviation settled"),
              "w": ("bandbreedte corridor", "corridor band")}, _lumpsum_revenue),
    Equation("provider_cost", "common", "Kosten aanbieder", "Provider cost",
             r"C = \sum_i d_i\,h_i\,c_h + D\,c_d", "C = Σ_i d_i h_i c_h + D c_d",
             {"c_h": ("kostprijs per uur (€)", "cost per hour (€)"), "D": ("aantal declaraties/rapportages",
              "number of declarations/reports"), "c_d": ("kosten per declaratie (€)", "cost per declaration (€)")},
             _provider_cost),
    Equation("wellbeing", "common", "Verwacht welbevinden na een jaar", "Expected wellbeing after a year",
             r"w'_i = \mathrm{clip}\!\left(w_i + G\,\frac{1 - e^{-3\min(1,\,d_i/q_i)}}{1 - e^{-3}},\ 1,\ 10\right)"
             r"\ \text{(geholpen)},\quad w'_i = w_i - 0.3\ \text{(wachtend)}",
             "w'_i = clip(w_i + G (1 − e^(−3 min(1, d_i/q_i))) / (1 − e^(−3)), 1, 10) if served; w_i − 0.3 if waiting",
             {"G": ("maximale winst in welbevinden", "maximum wellbeing gain")}, _wellbeing),
    Equation("continuity_risk", "common", "Risico voor de continuïteit van zorg", "Continuity-of-care risk",
             r"m = (R - C)/R:\ \text{hoog als } m < -5\%,\ \text{verhoogd als } m < 0",
             "m = (R − C) / R: high if m < −5%, elevated if m < 0, else low", {}, _continuity),
    Equation("prevention", "scenario", "Minder vraag door preventie/MDO (afnemende meeropbrengst)",
             "Less demand through prevention/MDO (diminishing returns)",
             rf"r(I) = {PREVENTION_MAX_REDUCTION:g}\,\left(1 - e^{{-I/{PREVENTION_SCALE_EUR:g}}}\right)",
             f"r(I) = {PREVENTION_MAX_REDUCTION:g} × (1 − e^(−I/{PREVENTION_SCALE_EUR:g}))",
             {"I": ("investering per cliënt per jaar (€)", "investment per client per year (€)")}, _prevention),
    Equation("scenario_clients", "scenario", "Cliënten in het scenario", "Clients in the scenario",
             r"N' = \mathrm{round}\left(N\,(1+g)\,(1-r)\right)", "N' = round(N × (1 + g) × (1 − r))",
             {"g": ("groei van de vraag", "demand growth"), "r": ("reductie door preventie", "reduction by prevention")},
             _clients),
    Equation("municipal_spend", "scenario", "Uitgaven gemeente in het scenario", "Municipal spend in the scenario",
             r"U = R + n_{av}\,b_{av} + I\,N", "U = R + n_av × b_av + I × N",
             {"n_av": ("cliënten in de algemene voorziening", "clients in the general provision"),
              "b_av": (f"budget per cliënt (welbevinden +{AV_WELLBEING_GAIN:g})",
                       f"budget per client (wellbeing +{AV_WELLBEING_GAIN:g})")}, _municipal_spend),
)

GROUP_LABELS: dict[str, tuple[str, str]] = {
    **{k: (m.label_nl, m.label_en) for k, m in MODELS.items()},
    "common": ("Alle modellen", "All models"),
    "scenario": ("Scenario (gemeente)", "Scenario (municipality)"),
}


def equations(group: str | None = None) -> list[Equation]:
    return [e for e in EQUATIONS if group is None or e.group == group]


def get_equation(key: str) -> Equation:
    for e in EQUATIONS:
        if e.key == key:
            return e
    from .errors import UnknownNameError

    raise UnknownNameError("equation", key, [e.key for e in EQUATIONS])


def model_parameters(key: str, language: str = "nl") -> list[tuple[str, object, str]]:
    """(name, default, doc) of a funding model's parameters, for the reference page (from param docs)."""
    cls = MODELS[key]
    return [(n, cls.param[n].default, cls.param[n].doc or "") for n in cls.param if n != "name"]


def reference_markdown(language: str = "nl") -> str:
    """The model reference page: every group's equations, symbols and parameters, from this registry."""
    en = language == "en"
    out: list[str] = []
    for group, labels in GROUP_LABELS.items():
        eqs = equations(group)
        if not eqs:
            continue
        out.append(f"### {labels[int(en)]}")
        if group in MODELS:
            doc = (MODELS[group].__doc__ or "").strip()
            out.append(f"*{doc}*")
        for e in eqs:
            out.append(f"**{e.title(language)}**\n\n$$\n{e.latex}\n$$\n\n`{e.text}`")
            if e.symbols:
                out.append("; ".join(f"{s}: {v[int(en)]}" for s, v in e.symbols.items()))
        if group in MODELS:
            rows = [f"| `{n}` | {d} | {doc} |" for n, d, doc in model_parameters(group, language)]
            head = "| parameter | default | meaning |" if en else "| parameter | standaard | betekenis |"
            out.append("\n".join([head, "|---|---|---|", *rows]))
    return "\n\n".join(out)
