"""The domain's vocabulary in one place: payers, stakeholders, effectenarena roles, risk levels, catalogues.

Why: these codes were spread over several tables (payers in four, roles as three different sets, risk words
computed twice). Every module now takes its codes from here; the words for them live in the translation
catalogue (``zorglab.core.i18n``, namespace ``domain``: ``t(f"domain.payer_{payer}", language)`` and so on),
never in this module.

Codes are English, except the official Dutch terms below, which are kept as they are because the field uses
them untranslated (they appear in the English texts too).

Glossary of official Dutch terms (kept in Dutch in code and in English output):

* **Wmo** — Wet maatschappelijke ondersteuning 2015: support for adults, paid by the municipality.
* **Jeugdwet** — Youth Act: youth care, paid by the municipality.
* **Participatiewet** — Participation Act: income support and work, municipality.
* **Wgs** — Wet gemeentelijke schuldhulpverlening: municipal debt assistance.
* **Zvw** — Zorgverzekeringswet: health insurance, paid by the health insurer (zorgverzekeraar).
* **Wlz** — Wet langdurige zorg: long-term care, paid through the care office (zorgkantoor).
* **gemeente, zorgverzekeraar, zorgkantoor, bewoner, aanbieder, buurt** — stakeholder codes as stored in the
  case files and saved intervision sessions (kept so stored data stays readable).
* **effectenarena** — the map of who invests and who collects (incasseert) in a change.
* **maatwerk / algemene voorziening** — individual provision (with an indication) / general provision.
* **MDO** — multidisciplinair overleg, a case conference.
"""

from __future__ import annotations

from enum import StrEnum


class Stakeholder(StrEnum):
    """A party in the effectenarena. Values are the stored codes (case JSON, intervision sessions)."""

    RESIDENT = "bewoner"
    MUNICIPALITY = "gemeente"
    INSURER = "zorgverzekeraar"
    CARE_OFFICE = "zorgkantoor"
    PROVIDER = "aanbieder"
    EMPLOYER = "werkgever_uwv"
    NEIGHBOURHOOD = "buurt"
    OTHER = "overig"


class Payer(StrEnum):
    """Who pays an activity on the social price list: a law's budget (official names) or 'other'."""

    WMO = "Wmo"
    JEUGDWET = "Jeugdwet"
    ZVW = "Zvw"
    WLZ = "Wlz"
    PARTICIPATIEWET = "Participatiewet"
    WGS = "Wgs"
    OTHER = "other"

    @property
    def stakeholder(self) -> Stakeholder:
        """The party whose budget the payer is (municipality, insurer, care office, other)."""
        return _PAYER_STAKEHOLDER[self]

    @property
    def municipal(self) -> bool:
        return self.stakeholder is Stakeholder.MUNICIPALITY

    @classmethod
    def parse(cls, code: str) -> Payer:
        """A payer from its code; the old Dutch code 'Overig' (data written before the enum) is 'other'."""
        return cls.OTHER if code in ("Overig", "overig") else cls(code)


_PAYER_STAKEHOLDER = {
    Payer.WMO: Stakeholder.MUNICIPALITY, Payer.JEUGDWET: Stakeholder.MUNICIPALITY,
    Payer.PARTICIPATIEWET: Stakeholder.MUNICIPALITY, Payer.WGS: Stakeholder.MUNICIPALITY,
    Payer.ZVW: Stakeholder.INSURER, Payer.WLZ: Stakeholder.CARE_OFFICE, Payer.OTHER: Stakeholder.OTHER,
}
PAYERS: tuple[Payer, ...] = tuple(Payer)
# Laws whose products municipalities buy from providers (the product catalogues).
MUNICIPAL_LAWS: tuple[Payer, ...] = (Payer.WMO, Payer.JEUGDWET)


class ArenaRole(StrEnum):
    """A stakeholder's role in the effectenarena: pays more (investor), saves (beneficiary), or neither.

    One set for the calculator, the case files and the intervision round; the old Dutch codes
    (investeerder / incasseerder / neutraal / geen) are read by :meth:`parse`.
    """

    INVESTOR = "investor"
    BENEFICIARY = "beneficiary"
    NEUTRAL = "neutral"

    @classmethod
    def parse(cls, code: str) -> ArenaRole:
        return _LEGACY_ROLES.get(str(code)) or cls(code)

    @classmethod
    def of_saving(cls, saving: float, tolerance: float = 0.005) -> ArenaRole:
        """Role of a payer whose cost falls by ``saving`` (EUR): negative = invests, positive = collects."""
        if saving < -tolerance:
            return cls.INVESTOR
        return cls.BENEFICIARY if saving > tolerance else cls.NEUTRAL


_LEGACY_ROLES = {"investeerder": ArenaRole.INVESTOR, "incasseerder": ArenaRole.BENEFICIARY,
                 "neutraal": ArenaRole.NEUTRAL, "geen": ArenaRole.NEUTRAL}


class RiskLevel(StrEnum):
    """Risk to the continuity of care, from the providers' margin."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @classmethod
    def parse(cls, code: object) -> RiskLevel:
        """A level from its code, or from the Dutch codes older reports and results stored ('laag', ...)."""
        text = str(getattr(code, "value", code))
        return _LEGACY_RISKS.get(text) or cls(text)


_LEGACY_RISKS = {"laag": RiskLevel.LOW, "verhoogd": RiskLevel.MEDIUM, "hoog": RiskLevel.HIGH}


HIGH_RISK_LOSS = 0.05  # a loss of more than 5% of revenue is a high risk; any loss a medium one


def risk_level(margin_share: float) -> RiskLevel:
    """The continuity risk of a margin (share of revenue): high below -5%, medium for any loss, else low."""
    if margin_share < -HIGH_RISK_LOSS:
        return RiskLevel.HIGH
    return RiskLevel.MEDIUM if margin_share < 0 else RiskLevel.LOW


class CatalogueKind(StrEnum):
    """Which product catalogue: the old one (many products) or the harmonised one (productindikking)."""

    OLD = "old"
    HARMONISED = "harmonised"
