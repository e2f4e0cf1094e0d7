"""Dutch/English UI text of the live intervision app."""

from __future__ import annotations

from zorglab.core.i18n import Translator

# words: lib/zorglab/core/i18n/messages/intervision.toml

ROUND_OPTIONS = {
    "indicatie:old": ("Indicatie – oude productcatalogus", "Assessment – old catalogue"),
    "indicatie:harmonised": ("Indicatie – geharmoniseerde catalogus", "Assessment – harmonised catalogue"),
    "mdo": ("MDO – integrale oplossing", "MDO – integrated solution"),
    "arena": ("Effectenarena", "Effects arena"),
}

tr = Translator("intervision")
