"""How the reports word the codes the model returns (funding model, scenario, risk level, unit).

Why one place: the report sections, the index page and the comparison show the same codes; each is worded
here from the catalogue (``messages/reports.toml``, and ``zorglab.services.labels`` for the domain's
vocabulary), so a code never reaches a reader untranslated and a word never differs between two pages.
"""

from __future__ import annotations

from zorglab.core.i18n import Translator
from zorglab.domain.vocabulary import RiskLevel
from zorglab.services.labels import risk_label
from zorglab.services.scenario_tables import model_label, spend_label

tr = Translator("reports")

def scenario_label(key: str, language: str = "nl") -> str:
    return tr(f"scenario_{key}", language)


def risk_word(risk: object, language: str = "nl") -> str:
    """Continuity-of-care risk (a ``RiskLevel`` or its code) as a word; '–' when there is none."""
    try:
        level = RiskLevel.parse(risk)  # older manifests hold the Dutch codes
    except ValueError:
        return "–"
    return risk_label(level, language)


def unit_word(unit: str, language: str = "nl") -> str:
    """An assumption's unit as a word (units that are symbols, like EUR, stay as they are)."""
    key = f"unit_{unit}"
    return tr(key, language) if key in tr else unit


__all__ = ["model_label", "risk_word", "scenario_label", "spend_label", "tr", "unit_word"]
