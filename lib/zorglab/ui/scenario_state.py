"""State of one scenario-explorer session (UI state): the live scenario, the language, saved scenarios,
predict-then-reveal, and loading a shared link.

Why a ``param`` class apart from the view: notebooks and tests drive the same state the browser does, and the
view (``zorglab.ui.scenario_explorer``) stays a thin layer over it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import param

from zorglab.core.errors import UnknownNameError, ZorglabError
from zorglab.core.i18n import LANGUAGES
from zorglab.domain.cases import load_cases
from zorglab.domain.scenario import Scenario
from zorglab.domain.scenario_query import QueryNotice, parse_flag
from zorglab.services.scenario_tables import compare_scenarios

MAX_SAVED = 4


class SavedScenarioError(ZorglabError):
    """Saving or removing a named scenario failed; the message says what to do instead."""


class ExplorerState(param.Parameterized):
    """State of one explorer session: the live scenario, the language, saved scenarios, predict-then-reveal.

    Why apart from the view: notebooks and tests drive the same state the browser does, and the
    view stays a thin layer over it.
    """

    scenario: Scenario = param.ClassSelector(  # type: ignore[assignment]  # never None: set in __init__
        class_=Scenario, doc="The scenario the sliders change.")
    language: param.Selector[str] = param.Selector(default="nl", objects=list(LANGUAGES), doc="UI language: Dutch default, English switch.")
    predict_mode = param.Boolean(False, doc="Workshop mode: the effect of a change stays hidden until revealed.")
    large_numbers = param.Boolean(False, doc="Projector mode: the headline numbers in large type for the back of the "
                                             "room (kept in a shared link).")
    revealed = param.Boolean(True, doc="False while a change is hidden in predict mode.")
    case_id = param.String("", doc="Case shown in the effectencalculator tab ('' = the first case).")
    saved = param.Dict(default={}, doc="Named scenarios (name -> parameter values), at most MAX_SAVED.")
    notices = param.List(default=[], item_type=QueryNotice, doc="Repairs made to values from a shared link.")

    def __init__(self, **params: Any):
        params.setdefault("scenario", Scenario())
        super().__init__(**params)
        self.scenario.param.watch(self._hide_effect, self.scenario.query_names())

    def _hide_effect(self, *_: Any) -> None:
        if self.predict_mode:
            self.revealed = False

    @param.depends("predict_mode", watch=True)
    def _toggle_predict(self) -> None:
        # Switching the mode on keeps the current numbers visible; the *next* change is hidden.
        self.revealed = True

    def reveal(self) -> None:
        self.revealed = True

    @property
    def hidden(self) -> bool:
        """True while the scenario's effect must not be shown (predict mode, not yet revealed)."""
        return self.predict_mode and not self.revealed

    # ---- URL ---------------------------------------------------------------------------------------------
    def apply_query(self, query: Mapping[str, Any]) -> list[QueryNotice]:
        """Load a shared link: repaired values with notices, never an exception for bad input."""
        notices = self.scenario.apply_query(query)
        if "case_id" in query:
            ids = [c.case_id for c in load_cases()]
            given = str(query["case_id"]).strip().upper()
            if given in ids:
                self.case_id = given
            else:
                self.case_id = ids[0]
                notices.append(QueryNotice("case_id", query["case_id"], ids[0], f"{ids[0]} … {ids[-1]}"))
        if "large_numbers" in query:
            flag = parse_flag(query["large_numbers"])
            if flag is None:
                notices.append(QueryNotice("large_numbers", query["large_numbers"], self.large_numbers,
                                           "true, false"))
            else:
                self.large_numbers = flag
        if "language" in query:
            lang = str(query["language"]).strip().lower()
            if lang in LANGUAGES:
                self.language = lang
            else:
                notices.append(QueryNotice("language", query["language"], self.language, ", ".join(LANGUAGES)))
        self.notices = [*self.notices, *notices]
        return notices

    # ---- saved scenarios ---------------------------------------------------------------------------------
    def save(self, name: str) -> str:
        """Save the live scenario under ``name`` (same name = overwrite); at most MAX_SAVED scenarios.

        Refused while predict mode hides the effect: the comparison would show it.
        """
        if self.hidden:
            raise SavedScenarioError("reveal the effect first (predict mode): a saved scenario shows its result")
        name = " ".join(str(name).split())[:40]
        if not name:
            name = f"Scenario {len(self.saved) + 1}"
            while name in self.saved:
                name += "+"
        if name not in self.saved and len(self.saved) >= MAX_SAVED:
            raise SavedScenarioError(
                f"at most {MAX_SAVED} scenarios can be compared; remove one of: {', '.join(self.saved)}")
        self.saved = {**self.saved, name: self.scenario.values()}
        return name

    def remove(self, name: str) -> None:
        if name not in self.saved:
            raise UnknownNameError("saved scenario", name, list(self.saved))
        self.saved = {k: v for k, v in self.saved.items() if k != name}

    def load(self, name: str) -> None:
        """Make a saved scenario the live one again."""
        if name not in self.saved:
            raise UnknownNameError("saved scenario", name, list(self.saved))
        self.scenario.param.update(**self.saved[name])

    def saved_scenarios(self) -> dict[str, Scenario]:
        return {name: Scenario(**values) for name, values in self.saved.items()}

    def comparison(self) -> pd.DataFrame:
        """Saved scenarios side by side (with the first one's baseline); empty frame when none saved."""
        return compare_scenarios(self.saved_scenarios(), self.language)
