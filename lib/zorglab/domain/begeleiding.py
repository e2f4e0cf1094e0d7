"""Lesson 2: begeleiding becomes a general provision, as the Lindendaal source (a municipality of about
22,500 inhabitants) describes it.

What the source says, and so what this module models: from 2017 no individual provision (and so no
indication) is needed any more for the products *begeleiding groep* and *begeleiding individueel*;
the providers set up a general provision together, with tailored arrangements for everyone who needs
support, and earn by delivering those arrangements as cheaply as possible instead of by serving more
clients. The source does not move any other product: household support, sheltered housing and youth
care stay as they were. The general scenario model (``zorglab.domain.scenario``) moves exactly these two
products, and the lesson keeps the rest of the individual provisions on
the old P x Q funding by default, so that the difference with the baseline is the general provision's
alone. ``spend_sources`` splits any difference into its parts, so a student who also changes the
funding model of the remaining individual provisions sees which part comes from where.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from zorglab.core.formatting import format_eur, format_number
from zorglab.domain.scenario import GENERAL_PROVISION_PRODUCTS, Scenario, av_wellbeing_gain  # noqa: F401 (re-exported for lesson 2)


class BegeleidingScenario(Scenario):
    """A scenario whose general provision takes the clients of begeleiding groep and begeleiding individueel.

    Since the general scenario follows the source too, this is the same model under the lesson's name;
    ``general_provision_share`` is the share of those clients that moves (1 = all, as from 2017 in the
    source; lower values stand for a phased transition).
    """


def lindendaal_scenario(n_clients: int = 900, seed: int = 1, **params: Any) -> BegeleidingScenario:
    """The lesson's starting point: all begeleiding to the general provision, the rest stays P x Q."""
    defaults = {"region": "Lindendaal", "n_clients": n_clients, "seed": seed, "funding_model": "pxq",
                "general_provision_share": 1.0}
    return BegeleidingScenario(**{**defaults, **params})


def moved_mask(scenario: Scenario) -> np.ndarray:
    """Which rows of the baseline caseload the scenario moves to the general provision."""
    return scenario.general_provision_mask(scenario.evaluate().baseline.caseload)


def moved_baseline_spend(scenario: Scenario) -> float:
    """What the moved clients cost this year under the old P x Q way (the baseline, with this year's demand)."""
    base = scenario.evaluate().baseline
    moved = moved_mask(scenario)
    return float(np.sum(base.revenue[moved] * base.served_weight[moved]))


def last_year_spend(scenario: Scenario) -> float:
    """What the moved clients cost under P x Q last year (before demand growth): the basis of the budget."""
    base = scenario.evaluate().baseline
    moved = moved_mask(scenario)
    cl = base.caseload
    weight = (cl["base_weight"] if "base_weight" in cl.columns else cl["weight"]).to_numpy(float)
    return float(np.sum(base.revenue[moved] * weight[moved] * base.served[moved]))


@dataclass(frozen=True)
class SpendSources:
    """The municipality's spend difference against the baseline, split by where it comes from (EUR per year)."""

    general_provision: float  # fixed budget - what the moved clients cost under P x Q this year
    other_individual: float  # remaining individual provisions: scenario funding model (and prevention) vs P x Q
    prevention: float  # prevention / MDO investment

    @property
    def total(self) -> float:
        return self.general_provision + self.other_individual + self.prevention


def spend_sources(scenario: Scenario) -> SpendSources:
    res = scenario.evaluate()
    moved = moved_baseline_spend(scenario)
    remaining_baseline = res.baseline.total_spend - moved
    return SpendSources(general_provision=res.general.budget - moved,
                        other_individual=res.result.total_spend - remaining_baseline,
                        prevention=res.prevention_cost)


def spend_sources_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """'Where does the difference come from?': one row per source and the total, formatted."""
    s = spend_sources(scenario)
    en = int(language == "en")
    rows = [
        (("Algemene voorziening: vast budget − P x Q-kosten van deze cliënten",
          "General provision: fixed budget − P x Q cost of these clients"), s.general_provision),
        (("Overig maatwerk: bekostigingsmodel en minder cliënten door preventie",
          "Other individual provisions: funding model and fewer clients through prevention"), s.other_individual),
        (("Investering preventie / MDO", "Prevention / MDO investment"), s.prevention),
        (("Totaal verschil met de oude aanpak", "Total difference with the old way"), s.total),
    ]
    return pd.DataFrame({("Where the difference comes from" if en else "Waar komt het verschil vandaan"):
                         [r[0][en] for r in rows],
                         ("EUR per year" if en else "Euro per jaar"): [format_eur(r[1], 0) for r in rows]})


def explain(scenario: Scenario, language: str = "nl") -> str:
    """Plain-language summary of the general provision's year in this lesson's terms (begeleiding, not 'light')."""
    res = scenario.evaluate()
    gp, s = res.general, spend_sources(scenario)
    en = language == "en"
    eur = lambda v: format_eur(v, 0)  # noqa: E731
    n, new = format_number(gp.moved_clients), format_number(gp.new_participants)
    parts = [
        (f"{n} clients of begeleiding groep and individueel no longer need an assessment; {new} new participants come "
         f"because access is open. The consortium's budget of {eur(gp.budget)} was fixed before the year and does not "
         f"grow with them (its cost: {eur(gp.cost)})." if en else
         f"{n} cliënten van begeleiding groep en individueel hebben geen indicatie meer nodig; {new} nieuwe deelnemers "
         f"komen erbij omdat de toegang vrij is. Het budget van het consortium van {eur(gp.budget)} lag vóór het jaar "
         f"vast en groeit niet mee (kosten: {eur(gp.cost)})."),
        (f"The general provision changes municipal spend by {eur(s.general_provision)}; the other individual "
         f"provisions by {eur(s.other_individual)}." if en else
         f"De algemene voorziening verandert de uitgaven van de gemeente met {eur(s.general_provision)}; het overige "
         f"maatwerk met {eur(s.other_individual)}."),
    ]
    if gp.cost > gp.budget:
        gain = format_number(av_wellbeing_gain(gp.budget, gp.cost), 2)
        parts.append(f"The budget does not cover the cost: participants get less support (wellbeing gain {gain})." if en
                     else f"Het budget dekt de kosten niet: deelnemers krijgen minder ondersteuning (winst in "
                          f"welbevinden {gain}).")
    return " ".join(parts)
