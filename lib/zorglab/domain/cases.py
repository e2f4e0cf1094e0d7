"""Anonymised cases (casuïstiek): a resident's own words, needs, current support and two scenarios."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from zorglab.core.errors import DataValidationError, UnknownNameError
from zorglab.core.paths import data_dir
from zorglab.domain.catalogue import price_list, products
from zorglab.domain.regions import YEAR_RANGE, regions
from zorglab.domain.vocabulary import ArenaRole, Stakeholder

DOMAINS = ("financien", "wonen", "gezondheid", "opvoeding", "school", "werk", "eenzaamheid",
           "dagelijks_functioneren")
# Codes only: the words for life domains, need levels and stakeholders are in the catalogue (namespace ``domain``:
# ``need_domain_<code>``, ``need_level_<score>``, ``stakeholder_<code>``; ``zorglab.services.labels`` words them).
NEED_LEVELS = (0, 1, 2, 3)  # none, mild, moderate, severe
STAKEHOLDERS = tuple(s.value for s in Stakeholder)  # stored codes (case JSON, intervision answers)
_PII_DIGITS = re.compile(r"\d{6,}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Support(_Strict):
    product: str
    units_per_week: float = Field(gt=0, le=7 * 24)
    weeks: int = Field(ge=1, le=52)

    @field_validator("product")
    @classmethod
    def _known_product(cls, code: str) -> str:
        if code not in set(products()["code"]):
            raise ValueError(f"unknown product {code!r}; valid: {', '.join(products()['code'])}")
        return code

    @property
    def units_per_year(self) -> float:
        return self.units_per_week * self.weeks


class Event(_Strict):
    activity: str
    year: int = Field(ge=1, le=3)
    quantity: float = Field(gt=0, le=10_000)

    @field_validator("activity")
    @classmethod
    def _known_activity(cls, code: str) -> str:
        if code not in set(price_list()["activity"]):
            raise ValueError(f"unknown activity {code!r}; it must be in data/price_list.csv or data/products.csv")
        return code


class Scenarios(_Strict):
    reference: list[Event] = Field(min_length=1)
    intervention: list[Event] = Field(min_length=1)


class ArenaEffect(_Strict):
    stakeholder: Literal[STAKEHOLDERS]  # type: ignore[valid-type]
    effect_nl: str = Field(min_length=3, max_length=200)
    role: Literal[ArenaRole.INVESTOR, ArenaRole.BENEFICIARY]

    @field_validator("role", mode="before")
    @classmethod
    def _role_code(cls, code: object) -> object:
        """The case files store the old Dutch codes (investeerder / incasseerder): read both."""
        try:
            return ArenaRole.parse(str(code))
        except ValueError:
            return code  # the Literal check names the valid codes


class Case(_Strict):
    case_id: str = Field(pattern=r"^[A-Z]{3}-\d{2,6}$")
    title_nl: str = Field(min_length=3, max_length=80)
    title_en: str = Field(min_length=3, max_length=80)
    region: str
    municipality: str
    neighbourhood: str | None = None
    household_nl: str
    main_age: int = Field(ge=0, le=110)
    age_group: Literal["jeugd", "volwassene", "oudere"]
    needs: dict[str, int]
    ik_wil: str = Field(min_length=5, max_length=400)
    ik_kan: str = Field(min_length=5, max_length=400)
    ik_heb_nodig: str = Field(min_length=5, max_length=400)
    context_nl: str = Field(min_length=10, max_length=1200)
    current_support: list[Support] = Field(min_length=1, max_length=8)
    wellbeing_before: int = Field(ge=1, le=10)
    wellbeing_after: int = Field(ge=1, le=10)
    scenarios: Scenarios
    arena: list[ArenaEffect] = Field(default_factory=list)

    @field_validator("region")
    @classmethod
    def _known_region(cls, name: str) -> str:
        if name not in regions():
            raise ValueError(f"unknown region {name!r}; valid: {', '.join(regions())}")
        return name

    @field_validator("needs")
    @classmethod
    def _all_domains(cls, needs: dict[str, int]) -> dict[str, int]:
        if set(needs) != set(DOMAINS):
            raise ValueError(f"needs must have exactly the domains {', '.join(DOMAINS)}")
        if any(v not in NEED_LEVELS for v in needs.values()):
            raise ValueError("every need is scored 0 (none) to 3 (severe)")
        return needs

    @model_validator(mode="after")
    def _consistent(self) -> Case:
        from zorglab.domain.regions import get_region

        known = {m.name for y in range(YEAR_RANGE[0], YEAR_RANGE[1] + 1) for m in get_region(self.region, y).municipalities}
        if self.municipality not in known:
            raise ValueError(f"municipality {self.municipality!r} is not in region {self.region}: {', '.join(sorted(known))}")
        expected = "jeugd" if self.main_age < 18 else "volwassene" if self.main_age < 65 else "oudere"
        if self.age_group != expected:
            raise ValueError(f"age_group {self.age_group!r} does not match main_age {self.main_age} (expected {expected!r})")
        text = self.model_dump_json()
        if _PII_DIGITS.search(text):
            raise ValueError("contains a run of 6+ digits: looks like a personal number (BSN/phone); cases must be anonymous")
        return self

    def title(self, language: str = "nl") -> str:
        return self.title_en if language == "en" else self.title_nl

    @property
    def need_score(self) -> float:
        """Mean need severity over the eight life domains, 0..3."""
        return sum(self.needs.values()) / len(DOMAINS)


def _problems(err: ValidationError, record: int, case_id: str) -> list[tuple[object, str, str]]:
    return [
        (f"{record} ({case_id})", ".".join(str(p) for p in e["loc"]) or "-", e["msg"])
        for e in err.errors()
    ]


def parse_cases(records: list[dict], path: Path | str = "<records>") -> list[Case]:
    """Validate raw records; every bad record is reported (record number, case id, field, reason)."""
    if not isinstance(records, list):
        raise DataValidationError(path, [("-", "-", "expected a JSON array of case objects")])
    cases: list[Case] = []
    problems: list[tuple[object, str, str]] = []
    for i, rec in enumerate(records, start=1):
        case_id = rec.get("case_id", "?") if isinstance(rec, dict) else "?"
        try:
            cases.append(Case.model_validate(rec))
        except ValidationError as err:
            problems.extend(_problems(err, i, case_id))
    seen: set[str] = set()
    for i, c in enumerate(cases, start=1):
        if c.case_id in seen:
            problems.append((f"{i} ({c.case_id})", "case_id", "duplicate case_id"))
        seen.add(c.case_id)
    if problems:
        raise DataValidationError(path, problems)
    return cases


def load_cases(path: Path | str | None = None) -> list[Case]:
    """The shipped case library (or another JSON file in the same format)."""
    if path is None:
        return list(_shipped_cases())
    return _load(Path(path))


def _load(path: Path) -> list[Case]:
    if not path.exists():
        raise DataValidationError(path, [("-", "-", "file not found")])
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataValidationError(path, [(f"line {err.lineno}", f"col {err.colno}", f"invalid JSON: {err.msg}")]) from None
    return parse_cases(records, path)


@cache
def _shipped_cases() -> tuple[Case, ...]:
    return tuple(_load(data_dir() / "cases.json"))


def get_case(case_id: str, cases: list[Case] | None = None) -> Case:
    pool = cases if cases is not None else load_cases()
    for c in pool:
        if c.case_id == case_id:
            return c
    raise UnknownNameError("case", case_id, [c.case_id for c in pool])


def cases_for_region(region: str, cases: list[Case] | None = None) -> list[Case]:
    """The cases of a region; for a single CBS municipality the cases set in that municipality."""
    pool = cases if cases is not None else load_cases()
    if region not in regions():
        from zorglab.domain.regions import resolve_region

        name = resolve_region(region)  # unknown names raise with the valid ones
        return [c for c in pool if c.municipality == name]
    return [c for c in pool if c.region == region]


def cases_frame(cases: list[Case] | None = None) -> pd.DataFrame:
    """One row per case: identity, needs per domain, wellbeing and the annual cost of current support."""
    pool = cases if cases is not None else load_cases()
    support = support_frame(pool)
    cost = support.groupby("case_id")["cost_eur"].sum()
    rows = [
        {
            "case_id": c.case_id, "title_nl": c.title_nl, "title_en": c.title_en, "region": c.region,
            "municipality": c.municipality, "age_group": c.age_group, "main_age": c.main_age,
            **{f"need_{d}": c.needs[d] for d in DOMAINS}, "need_score": c.need_score,
            "wellbeing_before": c.wellbeing_before, "wellbeing_after": c.wellbeing_after,
        }
        for c in pool
    ]
    df = pd.DataFrame(rows)
    df["current_support_eur"] = df["case_id"].map(cost).fillna(0.0)
    return df


def support_frame(cases: list[Case] | None = None) -> pd.DataFrame:
    """Current support, one row per case and product, priced at the catalogue tariff (per year)."""
    pool = cases if cases is not None else load_cases()
    rows = [
        {"case_id": c.case_id, "product": s.product, "units_per_week": s.units_per_week, "weeks": s.weeks}
        for c in pool for s in c.current_support
    ]
    df = pd.DataFrame(rows, columns=["case_id", "product", "units_per_week", "weeks"])
    cat = products().set_index("code")
    df["law"] = df["product"].map(cat["law"])
    df["units"] = df["units_per_week"] * df["weeks"]
    df["tariff_eur"] = df["product"].map(cat["tariff_eur"])
    df["cost_eur"] = df["units"] * df["tariff_eur"]
    return df
