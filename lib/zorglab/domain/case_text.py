"""The case library's text in the reader's language: Dutch from ``data/cases.json``, English from ``case_text_en``.

Why a module of its own: the shipped cases (``zorglab.domain.cases``) hold the resident's words and the case
context in Dutch only; the lessons, the served lessons and the printed case cards switch to English, so every text
a case card shows needs an English version. The translations are content data (``case_text_en``), not UI words;
the few words around them are in ``messages/case_text.toml``; units, life domains and arena roles are the domain's
codes, worded from ``messages/domain.toml`` (one set of words for every view). ``tests/test_lesson_materials.py`` checks that every
shipped case has one, with as many arena effects as the Dutch case. A case without a translation (a trainer's own
case file) falls back to Dutch and says so, rather than failing.

All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

from zorglab.core.formatting import format_number
from zorglab.core.i18n import t
from zorglab.domain.case_text_en import CASE_TEXT_EN, CaseTextEn
from zorglab.domain.cases import DOMAINS, Case
from zorglab.domain.catalogue import UNITS, product_name


def unit_label(unit: str, quantity: float = 1.0, language: str = "nl") -> str:
    """The unit as counted: 1 'uur' -> 'uur'/'hour', 2 -> 'uur'/'hours' (``domain.unit_*``, the same words as
    ``zorglab.services.labels.unit_label``); an unknown unit is shown as it is."""
    if unit not in UNITS:
        return unit
    return t(f"domain.unit_{unit}", language, count=1 if abs(quantity - 1.0) <= 1e-9 else 2)


def quantity_text(quantity: float, unit: str, language: str = "nl") -> str:
    """12 'maand' -> '12 maanden' / '12 months'; decimals only when needed (0,25 maanden, 1,5 uur)."""
    q = float(quantity)
    decimals = next((d for d in (0, 1) if abs(round(q, d) - q) < 1e-9), 2)
    return f"{format_number(q, decimals)} {unit_label(unit, q, language)}"


def translation(case: Case) -> CaseTextEn | None:
    """The English text of a shipped case, or None (a trainer's own case: shown in Dutch)."""
    en = CASE_TEXT_EN.get(case.case_id)
    if en is None or len(en.arena) != len(case.arena):
        return None
    return en


def _pick(case: Case, nl: str, field: str, language: str) -> str:
    if language != "en":
        return nl
    en = translation(case)
    return getattr(en, field) if en else t("case_text.untranslated", language, text=nl)


def household(case: Case, language: str = "nl") -> str:
    return _pick(case, case.household_nl, "household", language)


def ik_wil(case: Case, language: str = "nl") -> str:
    return _pick(case, case.ik_wil, "wil", language)


def ik_kan(case: Case, language: str = "nl") -> str:
    return _pick(case, case.ik_kan, "kan", language)


def ik_heb_nodig(case: Case, language: str = "nl") -> str:
    return _pick(case, case.ik_heb_nodig, "nodig", language)


def context(case: Case, language: str = "nl") -> str:
    return _pick(case, case.context_nl, "context", language)


def arena_effects(case: Case, language: str = "nl") -> list[tuple[str, str, str]]:
    """(stakeholder code, ``ArenaRole`` code, effect text) per non-money effect the case names, in the reader's
    language."""
    en = translation(case) if language == "en" else None
    return [(e.stakeholder, str(e.role.value), en.arena[i] if en else e.effect_nl) for i, e in enumerate(case.arena)]


def needs_text(case: Case, language: str = "nl") -> str:
    """'Finances 3, Housing 3, ...': the life domains with a need, scored 1 (light) to 3 (severe)."""
    return ", ".join(f"{t(f'domain.need_domain_{d}', language)} {case.needs[d]}" for d in DOMAINS if case.needs[d] > 0)


def support_text(case: Case, language: str = "nl") -> str:
    """'Individual support: 2 hours a week for 26 weeks; ...' with units in the reader's language."""
    from zorglab.domain.catalogue import product as catalogue_product

    parts = []
    for s in case.current_support:
        unit = str(catalogue_product(s.product)["unit"])
        amount = quantity_text(s.units_per_week, unit, language)
        parts.append(t("case_text.support_line", language, product=product_name(s.product, language), amount=amount,
                       weeks=s.weeks))
    return "; ".join(parts)
