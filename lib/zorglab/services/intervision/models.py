"""What a participant can submit per round type, validated before anything is stored.

Why pydantic: answers are stored as JSON, so the shape is checked once here and the statistics can
trust it. Codes are checked against the catalogue of the round (old or harmonised) and the price list.
The round kinds (``RoundKind``) and arena roles (``zorglab.domain.vocabulary.ArenaRole``: investor / beneficiary /
neutral) are codes; their words are in the catalogue (``RoundSpec.label_key``, ``labels.role_verb``). The answer limits
below are the ones the answer forms use too. Answers stored by older versions hold the Dutch role codes
(investeerder / incasseerder / geen): ``stored_payload`` reads them as the English codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from zorglab.domain.cases import STAKEHOLDERS
from zorglab.domain.vocabulary import ArenaRole, CatalogueKind
from zorglab.services.intervision.errors import InvalidInputError
from zorglab.services.intervision.security import clean_text
from zorglab.services.intervision.storage import RATIONALE_MAX


class RoundKind(StrEnum):
    """What participants do in a round; the code is what the database stores."""

    INDICATIE = "indicatie"  # choose a product and a quantity for the case (old or harmonised catalogue)
    MDO = "mdo"  # an integrated solution: activities from the price list, paid by several payers
    ARENA = "arena"  # effectenarena: per stakeholder, does it invest or benefit?


ROUND_KINDS = tuple(k.value for k in RoundKind)
CATALOGUES = tuple(c.value for c in CatalogueKind)  # an indicatie round's catalogue (domain.vocabulary)
ARENA_ROLES = tuple(r.value for r in ArenaRole)
ROUND_CHOICES = ("indicatie:old", "indicatie:harmonised", "mdo", "arena")  # what a trainer can plan, in order

# Answer limits: the validation below and the answer forms both use these.
INDICATIE_LINES_MAX = 3
UNITS_PER_WEEK_MAX = 168.0  # hours in a week
WEEKS_MAX = 52
MDO_SUPPORTS_MAX = 6
QUANTITY_MAX = 10_000.0
WELLBEING_MIN, WELLBEING_MAX = 1, 10


@dataclass(frozen=True)
class RoundSpec:
    """A round the trainer plans: kind plus, for an indicatie round, which catalogue participants use."""

    kind: RoundKind | str  # a RoundKind once made (a code is checked and converted)
    catalogue: str | None = None

    def __post_init__(self):
        if self.kind not in ROUND_KINDS:
            raise InvalidInputError("unknown_round_kind", kind=self.kind, choices=", ".join(ROUND_KINDS))
        object.__setattr__(self, "kind", RoundKind(self.kind))
        if self.kind == RoundKind.INDICATIE and self.catalogue not in CATALOGUES:
            raise InvalidInputError("round_needs_catalogue")
        if self.kind != RoundKind.INDICATIE and self.catalogue is not None:
            object.__setattr__(self, "catalogue", None)

    @classmethod
    def parse(cls, text: str) -> RoundSpec:
        """'indicatie:old', 'indicatie:harmonised', 'mdo', 'arena'."""
        kind, _, cat = str(text).partition(":")
        return cls(kind, cat or None)

    @property
    def code(self) -> str:
        """The inverse of ``parse``: 'indicatie:old', 'mdo', ..."""
        kind = RoundKind(self.kind).value
        return f"{kind}:{self.catalogue}" if self.catalogue else kind

    @property
    def label_key(self) -> str:
        """The catalogue key of this round's name (views word it with ``t``)."""
        return "intervision.round_" + self.code.replace(":", "_")


def _rationale(text: object) -> str:  # any input: pydantic's before-validator
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
    units_per_week: float = Field(gt=0, le=UNITS_PER_WEEK_MAX)
    weeks: int = Field(default=WEEKS_MAX, ge=1, le=WEEKS_MAX)

    @property
    def units_per_year(self) -> float:
        return self.units_per_week * self.weeks


class IndicatieAnswer(_Answer):
    lines: list[IndicatieLine] = Field(min_length=1, max_length=INDICATIE_LINES_MAX)


class MdoSupport(BaseModel):
    model_config = ConfigDict(extra="forbid")
    activity: str
    quantity: float = Field(gt=0, le=QUANTITY_MAX)


class MdoAnswer(_Answer):
    supports: list[MdoSupport] = Field(min_length=1, max_length=MDO_SUPPORTS_MAX)
    wellbeing_after: int = Field(ge=WELLBEING_MIN, le=WELLBEING_MAX)


class ArenaAnswer(_Answer):
    roles: dict[str, ArenaRole]

    @field_validator("roles", mode="before")
    @classmethod
    def _role_codes(cls, roles: object) -> object:
        """The old Dutch codes (investeerder / incasseerder / geen) are accepted and stored as the English ones."""
        return {s: _role(r) for s, r in roles.items()} if isinstance(roles, dict) else roles

    @field_validator("roles")
    @classmethod
    def _every_stakeholder(cls, roles: dict[str, ArenaRole]) -> dict[str, ArenaRole]:
        missing = [s for s in STAKEHOLDERS if s not in roles]
        extra = [s for s in roles if s not in STAKEHOLDERS]
        if extra:
            raise ValueError(f"unknown stakeholder(s) {', '.join(extra)}; valid: {', '.join(STAKEHOLDERS)}")
        if missing:
            raise ValueError(f"choose a role for every stakeholder; missing: {', '.join(missing)}")
        return roles


def _role(code: object) -> object:
    try:
        return ArenaRole.parse(str(code))
    except ValueError:
        return code  # the enum check names the valid codes


def stored_payload(text: str) -> dict:
    """A stored answer's payload (JSON) with today's codes: arena roles written by older versions in Dutch are
    read as ``ArenaRole`` codes, so the statistics, exports and forms see one code set."""
    payload = json.loads(text)
    if isinstance(payload.get("roles"), dict):
        payload["roles"] = {s: str(_role(r)) for s, r in payload["roles"].items()}
    return payload


ANSWER_MODELS: dict[RoundKind, type[_Answer]] = {RoundKind.INDICATIE: IndicatieAnswer, RoundKind.MDO: MdoAnswer,
                                                 RoundKind.ARENA: ArenaAnswer}


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
    model = ANSWER_MODELS[RoundKind(spec.kind)]
    try:
        parsed = model.model_validate(answer)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "-"
        msg = first["msg"].removeprefix("Value error, ")
        raise InvalidInputError("answer_field", field=where, msg=msg) from None
    allowed = _allowed_codes(spec)
    codes = ([line.product for line in parsed.lines] if isinstance(parsed, IndicatieAnswer)
             else [s.activity for s in parsed.supports] if isinstance(parsed, MdoAnswer) else [])
    bad = [c for c in codes if c not in allowed]
    if bad:
        shown = ", ".join(allowed[:30])
        raise InvalidInputError("unknown_answer_code", code=bad[0], valid=shown)
    return parsed
