"""Feedback on a student's answer, as codes and values: the checks in the domain hold no words.

Each ``Line`` names a message of the catalogue (``zorglab/core/i18n/messages/feedback.toml``) and the values to
fill in. Values are language-neutral (numbers formatted as the lessons show them, case ids) or words of their own:
a ``Term`` (another catalogue message), a ``ProductName`` (the product catalogue's name), ``Content`` (translated
content from the question bank or the case library) or a nested ``Line``. ``Feedback.text(language)`` words all of
it through the one catalogue, so a switch of language rewords a check that was already made.

Also here: reading a number a student typed (Dutch or English notation), shared by every check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from zorglab.core.i18n import check_language, t


@dataclass(frozen=True)
class Term:
    """A catalogue message used as a value (``key`` is ``namespace.key``), with values of its own."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: str = "nl") -> str:
        return t(self.key, language, **_worded(self.values, language))


@dataclass(frozen=True)
class ProductName:
    """A product's name from the product catalogue (``data/``), in the reader's language."""

    code: str

    def text(self, language: str = "nl") -> str:
        from zorglab.domain.catalogue import product_name

        return product_name(self.code, language)


@dataclass(frozen=True)
class Content:
    """Translated content (a question bank option, a case's own words): data in both languages, not UI words."""

    nl: str
    en: str

    def text(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Joined:
    """Several values shown as one, e.g. a list of stakeholders."""

    items: Sequence[object]
    separator: str = ", "

    def text(self, language: str = "nl") -> str:
        return self.separator.join(_word(v, language) for v in self.items)


def _word(value: object, language: str) -> str:
    return value.text(language) if hasattr(value, "text") else str(value)


def _worded(values: Mapping[str, object], language: str) -> dict[str, Any]:
    return {name: _word(v, language) for name, v in values.items()}


@dataclass(frozen=True)
class Line:
    """One observation about an answer: right or wrong, and the message (``feedback.<key>``) that explains it."""

    ok: bool
    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: str = "nl") -> str:
        return t(f"feedback.{self.key}", language, **_worded(self.values, language))


def line(ok: bool, key: str, /, **values: object) -> Line:
    return Line(ok, key, values)


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: overall verdict, score 0-1 and one line per point that was checked."""

    correct: bool
    lines: tuple[Line, ...]
    score: float = field(default=-1.0)

    def __post_init__(self) -> None:
        if self.score < 0:
            share = sum(ln.ok for ln in self.lines) / len(self.lines) if self.lines else float(self.correct)
            object.__setattr__(self, "score", share)

    def __bool__(self) -> bool:
        return self.correct

    @property
    def verdict(self) -> str:
        """'correct', 'partly' or 'wrong': the headline's code."""
        return "correct" if self.correct else "partly" if self.score > 0 else "wrong"

    def mistakes(self, language: str = "nl") -> list[str]:
        return [ln.text(language) for ln in self.lines if not ln.ok]

    def headline(self, language: str = "nl") -> str:
        return t(f"feedback.headline_{self.verdict}", language)

    def text(self, language: str = "nl") -> str:
        """Markdown: the headline, then a bullet per checked point (✔ right, ✘ wrong)."""
        check_language(language)
        bullets = "\n".join(f"- {'✔' if ln.ok else '✘'} {ln.text(language)}" for ln in self.lines)
        return f"**{self.headline(language)}**\n\n{bullets}" if bullets else f"**{self.headline(language)}**"

    def _repr_markdown_(self) -> str:
        return self.text("nl")

    def __str__(self) -> str:
        return self.text("nl")


def feedback_of(lines: list[Line]) -> Feedback:
    """Right when every line is right (and there is at least one)."""
    return Feedback(all(ln.ok for ln in lines) and bool(lines), tuple(lines))


_DUTCH_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")  # '196.200' is 196200 to a Dutch reader


def read_number(answer: object, what: Term) -> float | Line:
    """Read a number a student typed ('1.234,50', '7,5', 7.5); a ``Line`` saying what was wrong if unreadable.

    ``what`` names the asked figure in the message ('the margin')."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return line(False, "no_answer", what=what)
    if isinstance(answer, bool):
        value = math.nan
    elif isinstance(answer, int | float | np.number):
        value = float(answer)
    else:
        text = str(answer).strip().replace("€", "").replace("%", "").replace(" ", "")
        if "," in text or _DUTCH_THOUSANDS.match(text):  # Dutch: dots group thousands, the comma is the decimal sign
            text = text.replace(".", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = math.nan
    if not math.isfinite(value):
        return line(False, "not_a_number", answer=str(answer), what=what)
    return value


def close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol
