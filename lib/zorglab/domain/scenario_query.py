"""Repair of values from a shared link (URL query): clamp, fall back to defaults, and say what was repaired.

Why separate from the model: a link is user input; every repair must come back as a ``QueryNotice`` (codes
and values, worded by the view) and never as an exception.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import param

from zorglab.core.errors import ZorglabError
from zorglab.domain.regions import regions, resolve_region

TRUE_WORDS, FALSE_WORDS = frozenset({"true", "1", "yes", "ja", "on"}), frozenset({"false", "0", "no", "nee", "off"})


@dataclass(frozen=True)
class QueryNotice:
    """A URL value that was repaired: what was given, what is used, what is allowed."""

    parameter: str
    given: object
    used: object
    allowed: str

    @property
    def numeric_range(self) -> bool:
        """True when ``allowed`` is a 'low – high' range of numbers (Dutch text writes it with decimal commas)."""
        return bool(_NUMERIC_RANGE.match(self.allowed))


_NUMERIC_RANGE = re.compile(r"^-?[\d.]+ – -?[\d.]+$")

def parse_flag(raw: Any) -> bool | None:
    """A yes/no value from a link ('true', '1', 'ja', ...); None when it is neither."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    return True if text in TRUE_WORDS else False if text in FALSE_WORDS | {""} else None


def clean_value(name: str, p: param.Parameter, raw: Any) -> tuple[Any, QueryNotice | None]:
    if name == "region":
        try:
            return resolve_region(str(raw)), None
        except ZorglabError:
            allowed = ", ".join(regions())  # the view adds 'or any CBS municipality (name or GM code)' in words
            return p.default, QueryNotice(name, raw, p.default, allowed)
    if isinstance(p, param.Selector):
        allowed = ", ".join(map(str, p.objects))
        if raw in p.objects:
            return raw, None
        lowered = {str(o).lower(): o for o in p.objects}
        if str(raw).strip().lower() in lowered:
            return lowered[str(raw).strip().lower()], None
        return p.default, QueryNotice(name, raw, p.default, allowed)
    if isinstance(p, param.Boolean):
        text = str(raw).strip().lower()
        if isinstance(raw, bool):
            return raw, None
        if text in TRUE_WORDS | FALSE_WORDS:
            return text in TRUE_WORDS, None
        return p.default, QueryNotice(name, raw, p.default, "true / false")
    lo, hi = p.bounds
    is_int = isinstance(p, param.Integer)
    allowed = f"{lo} – {hi}"
    try:
        number = float(raw)
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(raw, bool) or not math.isfinite(number):
        return p.default, QueryNotice(name, raw, p.default, allowed)
    clamped = min(max(number, lo), hi)
    value: Any = round(clamped) if is_int else clamped
    if is_int:
        value = int(min(max(value, lo), hi))
    if clamped != number or (is_int and value != number):
        return value, QueryNotice(name, raw, value, allowed)
    return value, None
