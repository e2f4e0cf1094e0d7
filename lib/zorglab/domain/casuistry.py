"""Lesson 4 (Proeftuin Ruwaard) in one import (``from zorglab.domain import casuistry as cz``): the casuistry form
and the step plan (``casuistry_form``), the effectenarena with all effects and all stakeholders (``effect_arena``)
and 'ik wil / ik kan / ik heb nodig' on every level (``levels_exercise``).

Codes only; the options' words are in the catalogue (``messages/casuistry.toml``). All cases are synthetic and
contain no personal data.
"""

from __future__ import annotations

from zorglab.core.i18n import t
from zorglab.domain.casuistry_form import (
    BARRIERS,
    ENABLERS,
    FORM_FIELDS,
    PARTICIPANTS,
    RHYTHM_MONTHS_2016,
    STEP_PLAN,
    CasuistryForm,
    Step,
    check_form,
    check_monthly_cases,
    example_form,
    field_label,
)
from zorglab.domain.effect_arena import (
    ARENA_ROLES,
    ARENA_STAKEHOLDERS,
    EXTRA_EFFECTS,
    EffectCard,
    arena_cards,
    arena_stakeholders,
    check_arena,
)
from zorglab.domain.levels_exercise import LEVEL_EXAMPLES, LEVELS, check_levels

# The lesson's selections: kind -> (codes, catalogue prefix).
_CHOICES = {"participants": (PARTICIPANTS, "participant"), "barriers": (BARRIERS, "barrier"),
            "enablers": (ENABLERS, "enabler"), "stakeholders": (ARENA_STAKEHOLDERS, "stakeholder"),
            "roles": (ARENA_ROLES, "role"), "levels": (LEVELS, "level")}


def choice_label(kind: str, code: str, language: str = "nl") -> str:
    return t(f"casuistry.{_CHOICES[kind][1]}_{code}", language)


def choices(kind: str, language: str = "nl") -> dict[str, str]:
    """The options of one of the lesson's selections ('participants', 'barriers', 'enablers', 'stakeholders',
    'roles', 'levels') as label -> code, in the reader's language."""
    return {choice_label(kind, code, language): code for code in _CHOICES[kind][0]}


def form_fields(language: str = "nl") -> list[tuple[str, str]]:
    """The form's fields as (key, label) in the reader's language."""
    return [(key, field_label(key, language)) for key in FORM_FIELDS]


__all__ = ["ARENA_ROLES", "ARENA_STAKEHOLDERS", "BARRIERS", "ENABLERS", "EXTRA_EFFECTS", "FORM_FIELDS", "LEVELS",
           "LEVEL_EXAMPLES", "PARTICIPANTS", "RHYTHM_MONTHS_2016", "STEP_PLAN", "CasuistryForm", "EffectCard", "Step",
           "arena_cards", "arena_stakeholders", "check_arena", "check_form", "check_levels", "check_monthly_cases",
           "choice_label", "choices", "example_form", "field_label", "form_fields"]
