"""Dutch/English words of the purchasing game: every code the game model returns is worded here."""

from __future__ import annotations

from typing import Any

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import Translator

# words: lib/zorglab/core/i18n/messages/game.toml

tr = Translator("game")


def team_label(team: str, language: str = "nl") -> str:
    if team.startswith("provider_"):
        return tr("team_provider", language, n=team.split("_", 1)[1])
    return tr(f"team_{team}", language)


def _value(key: str, value: Any, language: str) -> str:
    """A message or finding value as a reader expects it: money, percentages, clients, codes worded."""
    if key.endswith("_eur") and isinstance(value, int | float):
        return format_eur(value, 0)
    if key.endswith("_pct") and isinstance(value, int | float):
        return format_pct(value, 1)
    if key in ("clients", "change") and isinstance(value, int | float):
        return format_number(value, 0)
    if key == "team":
        return team_label(str(value), language)
    if key == "funding":
        return tr(f"funding_{value}", language)
    if key == "event":
        return tr(f"event_{value}", language)
    if key == "field":  # a decision field ('capacity_pct'), a set-up field ('field_provider'), or what was sent
        name = str(value)
        return tr(name, language) if name in tr else tr(f"field_{name}", language) if f"field_{name}" in tr else name
    return str(value)


def say(key: str, language: str = "nl", **values: Any) -> str:
    """The words for a code with its values (``{field}``, ``{low}`` ... filled in the reader's format)."""
    if not key:  # already bilingual (storage errors)
        return str(values.get("en" if language == "en" else "nl", ""))
    words = {k: _value(k, v, language) for k, v in values.items() if k not in ("kind",)}
    try:
        return tr(key, language, None, **words)
    except (KeyError, IndexError):
        return tr(key, language)
