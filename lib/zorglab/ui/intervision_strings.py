"""Words of the live intervision app: the ``intervision`` namespace of the one catalogue, and the few
lookups that turn intervision codes (round kinds, participants' roles, units) into words. Stakeholders, arena roles
and payers are worded by ``zorglab.services.labels`` (namespace ``domain``), as in every other view."""

from __future__ import annotations

from zorglab.core.i18n import Translator, t
from zorglab.domain.catalogue import UNITS
from zorglab.services.intervision.models import RoundSpec
from zorglab.services.intervision.service import ROLES
from zorglab.services.labels import unit_label

# words: lib/zorglab/core/i18n/messages/intervision.toml

tr = Translator("intervision")


def round_label(spec: RoundSpec, language: str) -> str:
    """'Indicatie – oude productcatalogus', 'MDO – integrale oplossing', ..."""
    return t(spec.label_key, language)


def unit_words(unit: str, language: str, count: int = 2) -> str:
    """A unit in a label: 'uur' -> 'uur' / 'hours' ('Aantal uur per jaar'); ``count=1``: 'uur' / 'hour'
    ('per uur'). The one set of unit words (``domain.unit_*``); an unknown unit shows its code."""
    return unit_label(unit, language, count) if unit in UNITS else unit


# The roles participants may give are stored as the Dutch names in ``service.ROLES``; these are their words.
_ROLE_KEYS = dict(zip(ROLES, ("role_area_team", "role_contract_manager", "role_policy_officer", "role_provider",
                              "role_case_worker", "role_other"), strict=True))


def role_label(role: str | None, language: str) -> str:
    """A participant's role (as stored) in words; empty for no role, the stored text for an unknown one."""
    if not role:
        return ""
    key = _ROLE_KEYS.get(role)
    return tr(key, language) if key else role
