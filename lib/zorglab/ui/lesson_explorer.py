"""The full scenario explorer (``zorglab.ui.scenario_explorer``) inside a lesson: it follows the lesson's language
switch and never makes the lesson wider than the notebook (or the served page)."""

from __future__ import annotations

from typing import Any

import panel as pn
import param

from zorglab.domain.scenario import Scenario
from zorglab.ui.lesson_base import lang_param
from zorglab.ui.scenario_explorer import ScenarioExplorer


class EmbeddedExplorer(pn.viewable.Viewer):
    """The explorer in a box of the lesson's width; on a narrow screen it scrolls inside its own box."""

    language = lang_param()

    def __init__(self, explorer: Any, **params: Any):
        self.explorer = explorer
        super().__init__(**params)
        self._box = pn.Column(explorer, sizing_mode="stretch_width", min_width=0,
                              styles={"overflow-x": "auto", "max-width": "100%"})
        self._sync()

    @param.depends("language", watch=True)
    def _sync(self) -> None:
        self.explorer.state.language = self.language

    def __panel__(self) -> pn.Column:
        return self._box


def scenario_explorer(region: str = "Rivierenland", n_clients: int = 2000, seed: int = 1,
                      language: str = "nl") -> EmbeddedExplorer:
    """The full scenario explorer for a lesson's region, embedded to fit the lesson."""
    state_class = ScenarioExplorer.param["state"].class_  # the explorer's session state, wherever it lives
    state = state_class(scenario=Scenario(region=region, n_clients=n_clients, seed=seed), language=language)
    return EmbeddedExplorer(ScenarioExplorer(state=state), language=language)
