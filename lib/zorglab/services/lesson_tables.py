"""Reference tables the lessons show: a region's municipalities (lesson 3), the product catalogue and its
harmonisation (lesson 3), and a case's activities per year and payer (lesson 4).

Why not in the lesson's views: they are plain DataFrames (tested, and printable by the trainer materials), shown
by ``zorglab.ui.lesson_base.Lesson.view``. Words: ``messages/lessons.toml``; payers and units from
``zorglab.services.labels``. Old way vs new way per payer and the wrong-pocket sentence have one home shared with
the explorer: ``zorglab.services.effect_tables.payer_display`` and ``zorglab.services.narrative.wrong_pocket_summary``.
"""

from __future__ import annotations

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import Translator
from zorglab.domain.case_text import quantity_text
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import product_name, products
from zorglab.domain.effects import EffectCalculator
from zorglab.services.labels import payer_label, unit_label

t = Translator("lessons")


def region_profile(region: str, year: int, language: str = "nl") -> pd.DataFrame:
    """Municipalities of a region in a year: population, the real CBS 2022 youth-care share, and the clients the
    synthetic caseload stands for (inhabitants x CBS rates; the national rate where CBS has no figure)."""
    from zorglab.domain.cbs import national_youth_care_share, youth_care_share
    from zorglab.domain.regions import get_region
    from zorglab.domain.sizing import caseload_size

    reg = get_region(region, year)
    clients = caseload_size(reg).groupby("municipality")["clients"].sum()
    rows = [(m.name, format_number(m.population), format_pct(youth_care_share(m.name) / 100), format_number(clients[m.name]))
            for m in reg.municipalities]
    rows.append((t("netherlands", language), "", format_pct(national_youth_care_share() / 100), ""))
    columns = ["rp_municipality", "rp_population", "rp_youth_care", "rp_clients"]
    return pd.DataFrame(rows, columns=[t(c, language) for c in columns])


def catalogue_display(language: str = "nl") -> pd.DataFrame:
    """Old products next to the broader harmonised product they map to (productindikking)."""
    cat = products()
    return pd.DataFrame({
        t("old_product", language): [product_name(c, language) for c in cat["code"]],
        t("tariff", language): [f"{format_eur(v)} / {unit_label(u, language, count=1)}"
                                for v, u in zip(cat["tariff_eur"], cat["unit"], strict=True)],
        t("harmonised_product", language): [product_name(c, language) for c in cat["harmonised_code"]],
    })


def events_display(case: Case, calculator: EffectCalculator | None = None, language: str = "nl") -> pd.DataFrame:
    """Both scenarios of a case (old way, new way after the MDO) as priced activities per year and payer."""
    from zorglab.domain.catalogue import price_list

    df = (calculator or EffectCalculator()).priced([case])
    names = price_list().set_index("activity")["name_en" if language == "en" else "name_nl"]
    scenario_names = {"reference": t("old_way", language), "intervention": t("new_way", language)}
    return pd.DataFrame({
        t("scenario", language): df["scenario"].map(scenario_names).to_numpy(),
        t("year", language): df["year"].to_numpy(),
        t("activity", language): df["activity"].map(names).to_numpy(),
        t("quantity", language): [quantity_text(q, u, language) for q, u in zip(df["quantity"], df["unit"], strict=True)],
        t("payer", language): [payer_label(p, language) for p in df["payer"]],
        t("cost", language): df["cost_eur"].map(lambda v: format_eur(v, 0)).to_numpy(),
    })


def steps_table(language: str = "nl") -> pd.DataFrame:
    """Lesson 5: the six steps of the work process with who does them (after the ordering exercise: the answer)."""
    from zorglab.domain.results_process import STEPS

    return pd.DataFrame({"#": range(1, len(STEPS) + 1), t("step", language): [s.label(language) for s in STEPS],
                         t("who", language): [s.who(language) for s in STEPS]})


def arena_key(case: Case, calculator: EffectCalculator | None = None, language: str = "nl") -> pd.DataFrame:
    """Lesson 4: the answer key of the effectenarena for a case: effect, stakeholder(s), direction, money or not."""
    from zorglab.domain.casuistry import arena_cards, choice_label

    cards = arena_cards(case, calculator)
    return pd.DataFrame({
        t("effect", language): [c.text(language) for c in cards],
        t("stakeholder", language): [" / ".join(choice_label("stakeholders", k, language) for k in c.stakeholders)
                                     for c in cards],
        t("direction", language): [choice_label("roles", c.role, language) for c in cards],
        t("in_euros", language): [t("yes" if c.money else "no", language) for c in cards],
    })
