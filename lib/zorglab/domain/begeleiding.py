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
funding model of the remaining individual provisions sees which part comes from where; the words for it
(the lesson's explanation and the sources table) are in ``zorglab.services.narrative``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

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
