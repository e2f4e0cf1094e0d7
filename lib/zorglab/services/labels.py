"""Words for the domain's codes (``zorglab.domain.vocabulary``), from the translation catalogue.

Views, reports and lessons call these instead of keeping their own label tables.
"""

from __future__ import annotations

from zorglab.core.i18n import t
from zorglab.domain.vocabulary import ArenaRole, CatalogueKind, Payer, RiskLevel, Stakeholder


def payer_label(payer: str, language: str = "nl") -> str:
    """'Gemeente – Wmo' / 'Municipality – Wmo'; accepts the old code 'Overig' too."""
    return t(f"domain.payer_{Payer.parse(payer).value}", language)


def payer_short(payer: str, language: str = "nl") -> str:
    """The payer in a sentence: the law's name, or 'housing/police' for the others."""
    return t(f"domain.payer_short_{Payer.parse(payer).value}", language)


def stakeholder_label(stakeholder: str, language: str = "nl") -> str:
    return t(f"domain.stakeholder_{Stakeholder(stakeholder).value}", language)


def role_label(role: str, language: str = "nl") -> str:
    """'investeerder' / 'investor' (noun); accepts the old Dutch codes."""
    return t(f"domain.role_{ArenaRole.parse(role).value}", language)


def role_verb(role: str, language: str = "nl") -> str:
    """'investeert' / 'invests' (as a column in the intervision reveal)."""
    return t(f"domain.role_{ArenaRole.parse(role).value}_verb", language)


def risk_label(level: str, language: str = "nl") -> str:
    return t(f"domain.risk_{RiskLevel(level).value}", language)


def catalogue_label(kind: str, language: str = "nl") -> str:
    return t(f"domain.catalogue_{CatalogueKind(kind).value}", language)


def unit_label(unit: str, language: str = "nl", count: float = 2) -> str:
    """A price-list unit ('uur') as counted: '2 uur'/'2 hours', '3 dagdelen'/'3 day parts' (pass the count)."""
    return t(f"domain.unit_{unit}", language, count=1 if count == 1 else 2)


def need_domain_label(domain: str, language: str = "nl") -> str:
    """A life domain of a case's needs ('financien' -> 'Financiën' / 'Finances')."""
    return t(f"domain.need_domain_{domain}", language)


def need_level_label(level: int, language: str = "nl") -> str:
    """A need score 0-3 in words ('geen', 'licht', 'matig', 'ernstig')."""
    return t(f"domain.need_level_{int(level)}", language)
