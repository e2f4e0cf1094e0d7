"""The one NL/EN switch every page uses: same look, same accessible name, two-way bound to a ``language`` param."""

from __future__ import annotations

from typing import Protocol

import panel as pn
import param

from zorglab.core.i18n import LANGUAGES

# Each language is named in its own words, so a reader finds theirs whatever the page shows now.
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
SWITCH_LABEL = "Taal / Language"


class HasLanguage(Protocol):
    """What the switch drives: a Parameterized object with a ``language`` parameter (a code of ``LANGUAGES``)."""

    language: str

    @property
    def param(self) -> param.parameterized.Parameters: ...


def language_switch(*targets: HasLanguage, value: str | None = None,
                    width: int = 220) -> pn.widgets.RadioButtonGroup:
    """A switch that sets ``language`` on every target and follows the first target's ``language``."""
    start = value if value is not None else (targets[0].language if targets else LANGUAGES[0])
    switch = pn.widgets.RadioButtonGroup(options={LANGUAGE_NAMES[code]: code for code in LANGUAGES}, value=start,
                                         color="primary", variant="outline", width=width, label=SWITCH_LABEL)

    def _apply(event: param.parameterized.Event) -> None:
        for target in targets:
            target.language = event.new

    switch.param.watch(_apply, "value")
    if targets:
        def _follow(event: param.parameterized.Event) -> None:
            switch.value = event.new

        targets[0].param.watch(_follow, "language")
    return switch
