"""The one language switch: it sets every target and follows the model when the model changes first."""

from __future__ import annotations

import param

from zorglab.ui.language import SWITCH_LABEL, language_switch


class _Target(param.Parameterized):
    language = param.Selector(default="nl", objects=["nl", "en"])


def test_the_switch_sets_every_target_and_follows_the_first():
    a, b = _Target(), _Target()
    switch = language_switch(a, b)
    assert switch.value == "nl" and switch.label == SWITCH_LABEL
    switch.value = "en"
    assert (a.language, b.language) == ("en", "en")
    a.language = "nl"  # e.g. the address bar's ?lang=nl
    assert switch.value == "nl" and b.language == "nl"  # and the switch passes it on


def test_both_languages_are_named_in_their_own_words():
    assert list(language_switch().options) == ["Nederlands", "English"]
