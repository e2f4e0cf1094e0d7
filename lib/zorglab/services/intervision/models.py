"""What a participant can submit per round type, validated before anything is stored.

Why pydantic: answers are stored as JSON, so the shape is checked once here and the statistics can
trust it. Codes are checked against the catalogue of the round (old or harmonised) and the price list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from zorglab.domain.cases import STAKEHOLDERS
from zorglab.services.intervision.errors import InvalidInputError
from zorglab.services.intervision.security import clean_text
from zorglab.services.intervision.storage import RATIONALE_MAX

ROUND_KINDS = ("indicatie", "mdo", "arena")
CATALOGUES = ("old", "harmonised")
ROUND_LABELS = {
    ("indicatie", "old"): ("Indicatie – oude productcatalogus", "Assessment – old catalogue"),
    ("indicatie", "harmonised"): ("Indicatie – geharmoniseerde catalogus", "Assessment – harmonised catalogue"),
    ("mdo", None): ("MDO – integrale oplossing", "MDO – integrated solution"),
    ("arena", None): ("Effectenarena – wie investeert, wie incasseert", "Effects arena – who invests, who benefits"),
}
ARENA_ROLES = ("investeerder", "incasseerder", "geen")
ARENA_ROLE_LABELS = {"investeerder": ("investeert", "invests"), "incasseerder": ("incasseert", "benefits"),
                     "geen": ("geen rol", "no role")}


@dataclass(frozen=True)
class RoundSpec:
    """A round the trainer plans: kind plus, for an indicatie round, which catalogue participants use."""

    kind: str
    catalogue: str | None = None

    def __post_init__(self):
        if self.kind not in ROUND_KINDS:
            raise InvalidInputError(f"Onbekend rondetype '{self.kind}'; kies uit {', '.join(ROUND_KINDS)}.",
                                    f"Unknown round type '{self.kind}'; choose from {', '.join(ROUND_KINDS)}.")
        if self.kind == "indicatie" and self.catalogue not in CATALOGUES:
            raise InvalidInputError("Een indicatieronde heeft een catalogus nodig: old of harmonised.",
                                    "An assessment round needs a catalogue: old or harmonised.")
        if self.kind != "indicatie" and self.catalogue is not None:
            object.__setattr__(self, "catalogue", None)

    @classmethod
    def parse(cls, text: str) -> RoundSpec:
        """'indicatie:old', 'indicatie:harmonised', 'mdo', 'arena'."""
        kind, _, cat = str(text).partition(":")
        return cls(kind, cat or None)

    def label(self, language: str = "nl") -> str:
        return ROUND_LABELS[(self.kind, self.catalogue)][1 if language == "en" else 0]


def _rationale(text: str) -> str:
    text = clean_text(text)
    if len(text) > RATIONALE_MAX:
        raise ValueError(f"rationale is {len(text)} characters; at most {RATIONALE_MAX}")
    return text


class _Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rationale: str = ""

    @field_validator("rationale", mode="before")
    @classmethod
    def _one_line(cls, v: object) -> str:
        return _rationale(v)


class IndicatieLine(BaseModel):
    model_config = ConfigDict(extra="forbid")
    product: str
    units_per_week: float = Field(gt=0, le=168)
    weeks: int = Field(default=52, ge=1, le=52)

    @property
    def units_per_year(self) -> float:
        return self.units_per_week * self.weeks


class IndicatieAnswer(_Answer):
    lines: list[IndicatieLine] = Field(min_length=1, max_length=3)


class MdoSupport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    activity: str
    quantity: float = Field(gt=0, le=10_000)


class MdoAnswer(_Answer):
    supports: list[MdoSupport] = Field(min_length=1, max_length=6)
    wellbeing_after: int = Field(ge=1, le=10)


class ArenaAnswer(_Answer):
    roles: dict[str, Literal["investeerder", "incasseerder", "geen"]]

    @field_validator("roles")
    @classmethod
    def _every_stakeholder(cls, roles: dict[str, str]) -> dict[str, str]:
        missing = [s for s in STAKEHOLDERS if s not in roles]
        extra = [s for s in roles if s not in STAKEHOLDERS]
        if extra:
            raise ValueError(f"unknown stakeholder(s) {', '.join(extra)}; valid: {', '.join(STAKEHOLDERS)}")
        if missing:
            raise ValueError(f"choose a role for every stakeholder; missing: {', '.join(missing)}")
        return roles


ANSWER_MODELS: dict[str, type[_Answer]] = {"indicatie": IndicatieAnswer, "mdo": MdoAnswer, "arena": ArenaAnswer}


def _allowed_codes(spec: RoundSpec) -> list[str]:
    from zorglab.domain.catalogue import harmonised_products, price_list, products

    if spec.kind == "indicatie":
        table = products() if spec.catalogue == "old" else harmonised_products()
        return list(table["code"])
    if spec.kind == "mdo":
        return list(price_list()["activity"])
    return []


def validate_answer(spec: RoundSpec, answer: dict) -> _Answer:
    """Raise InvalidInputError (Dutch/English) naming the field and the allowed values."""
    model = ANSWER_MODELS[spec.kind]
    try:
        parsed = model.model_validate(answer)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "-"
        msg = first["msg"].removeprefix("Value error, ")
        raise InvalidInputError(f"Antwoord niet opgeslagen: veld '{where}': {msg}.",
                                f"Answer not saved: field '{where}': {msg}.") from None
    allowed = _allowed_codes(spec)
    codes = ([line.product for line in parsed.lines] if isinstance(parsed, IndicatieAnswer)
             else [s.activity for s in parsed.supports] if isinstance(parsed, MdoAnswer) else [])
    bad = [c for c in codes if c not in allowed]
    if bad:
        shown = ", ".join(allowed[:30])
        raise InvalidInputError(f"Onbekende code '{bad[0]}' voor deze ronde. Geldig: {shown}.",
                                f"Unknown code '{bad[0]}' for this round. Valid: {shown}.")
    return parsed
