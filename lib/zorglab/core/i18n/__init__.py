"""The one translation catalogue and its one lookup function, ``t``.

Every word a user sees lives in ``messages/<namespace>.toml`` next to this file, Dutch and English side by
side so a translator sees both::

    [title]
    nl = "Scenarioverkenner bekostiging"
    en = "Funding scenario explorer"

    [answers]            # plural forms: ``t("intervision.answers", lang, count=n)``
    nl = { one = "{n} antwoord", other = "{n} antwoorden" }
    en = { one = "{n} answer", other = "{n} answers" }

Keys are ``"<namespace>.<key>"``. Domain code returns codes (enums, keys), never words; views, reports and
lessons word them here. A missing key shows itself (``namespace.key``) so a page never crashes on a typo,
and is recorded in ``missing_keys()``; with ``ZORGLAB_STRICT_I18N=1`` (the test suite) it raises instead.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import tomllib

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
_MISSING: set[str] = set()


class MissingTranslation(KeyError):
    """A key that is not in the catalogue, or has no text for a language (strict mode only)."""


@cache
def catalogue() -> Mapping[str, Mapping[str, Any]]:
    """Every message, keyed ``namespace.key`` -> {language: text or {plural form: text}}."""
    entries: dict[str, Mapping[str, Any]] = {}
    for item in sorted(resources.files(__package__).joinpath("messages").iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".toml"):
            continue
        namespace = item.name.removesuffix(".toml")
        for key, texts in tomllib.loads(item.read_text("utf-8")).items():
            entries[f"{namespace}.{key}"] = texts
    return entries


def _strict() -> bool:
    return os.environ.get("ZORGLAB_STRICT_I18N", "") not in ("", "0")


def _missing(key: str) -> str:
    if _strict():
        raise MissingTranslation(key)
    _MISSING.add(key)
    return key


def has(key: str) -> bool:
    return key in catalogue()


def t(key: str, language: str = DEFAULT_LANGUAGE, count: int | float | None = None, **fmt: object) -> str:
    """The text for ``key`` in ``language``, with ``{name}`` fields filled from ``fmt``.

    ``count`` picks the plural form (``one`` for exactly 1, else ``other``) and is available as ``{n}``.
    """
    entry = catalogue().get(key)
    if entry is None:
        return _missing(key)
    text = entry.get(language, entry.get(DEFAULT_LANGUAGE)) if language in LANGUAGES else None
    if text is None:
        return _missing(f"{key}[{language}]")
    if isinstance(text, Mapping):
        form = "one" if count == 1 else "other"
        text = text.get(form, text.get("other", ""))
    if count is not None:
        fmt = {"n": count, **fmt}
    return text.format(**fmt) if fmt else text


def missing_keys() -> set[str]:
    """Keys looked up but not found since start-up (non-strict mode)."""
    return set(_MISSING)


class Translator:
    """``t`` bound to one namespace, falling back to ``common``: ``tr = Translator("explorer"); tr("title", lang)``."""

    def __init__(self, namespace: str):
        self.namespace = namespace

    def key(self, key: str) -> str:
        own = f"{self.namespace}.{key}"
        return own if own in catalogue() or f"common.{key}" not in catalogue() else f"common.{key}"

    def __contains__(self, key: str) -> bool:
        return has(f"{self.namespace}.{key}") or has(f"common.{key}")

    def __call__(self, key: str, language: str = DEFAULT_LANGUAGE, count: int | float | None = None,
                 **fmt: object) -> str:
        return t(self.key(key), language, count=count, **fmt)


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        from zorglab.core.errors import ParameterRangeError

        raise ParameterRangeError("language", language, " or ".join(LANGUAGES))
    return language
