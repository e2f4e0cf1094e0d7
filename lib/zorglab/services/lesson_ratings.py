"""Lesson 3 (interpretation differences in the region): simulated area teams' product choices, the student's own,
a live session's answers, and the agreement tables the students count by hand.

Why not in the lesson's views: the answer key (``trainer_materials``) computes the same ratings without Panel.
Team names are stable ids in the data ('Gebiedsteam 3', 'Deelnemer 2', 'U'); ``team_label`` words them.
Words: ``messages/lessons.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from zorglab.core.formatting import format_pct
from zorglab.core.i18n import Translator
from zorglab.domain.agreement import agreement_per_case, simulate_assessments
from zorglab.domain.cases import get_case, support_frame
from zorglab.domain.catalogue import product_name

t = Translator("lessons")

RATING_CASES = ("RIV-01", "RIV-03", "RIV-06", "RIV-10")
RATING_COLUMNS = ["team", "case_id", "product", "harmonised_product"]
STUDENT_TEAM = "U"  # the student's own ratings; the lesson says 'u' throughout
_NUMBERED_TEAM = re.compile(r"^(Gebiedsteam|Deelnemer) (\d+)$")
_TEAM_KEYS = {"Gebiedsteam": "team_area", "Deelnemer": "team_participant"}


def reference_products(case_ids: Sequence[str]) -> pd.DataFrame:
    """Each case's main current product and yearly volume: the need the simulated area teams interpret."""
    support = support_frame([get_case(c) for c in case_ids])
    main = support.sort_values("cost_eur", ascending=False).drop_duplicates("case_id").set_index("case_id")
    return pd.DataFrame({"case_id": list(case_ids), "product": main.loc[list(case_ids), "product"].to_numpy(),
                         "needed_units": main.loc[list(case_ids), "units"].to_numpy(float)})


def ratings_with_student(choices: dict[str, str], case_ids: Sequence[str] = RATING_CASES, n_teams: int = 7,
                         seed: int = 3) -> pd.DataFrame:
    """Simulated area teams' product choices for the cases plus the student's own choices as one more team."""
    from zorglab.domain.catalogue import harmonise

    teams = simulate_assessments(reference_products(case_ids), n_teams=n_teams, seed=seed)[RATING_COLUMNS]
    mine = [(STUDENT_TEAM, c, p) for c, p in choices.items() if p]
    if mine:
        own = pd.DataFrame(mine, columns=["team", "case_id", "product"])
        own["harmonised_product"] = harmonise(own["product"]).to_numpy()
        teams = pd.concat([teams, own], ignore_index=True)
    return teams


def team_label(team: str, language: str = "nl") -> str:
    """A team id in the reader's words: 'Gebiedsteam 3' -> 'Area team 3', 'U' -> 'You', 'Deelnemer 2' -> 'Participant 2'."""
    if team == STUDENT_TEAM:
        return t("you", language)
    numbered = _NUMBERED_TEAM.match(team)
    if numbered:
        return t(_TEAM_KEYS[numbered.group(1)], language, n=numbered.group(2))
    return team


def ratings_display(ratings: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """All ratings as the students count them: one row per team, one column per case, product names (not codes)."""
    named = ratings.assign(team=ratings["team"].map(lambda x: team_label(x, language)),
                           name=ratings["product"].map(lambda c: product_name(c, language)))
    order = list(dict.fromkeys(named["team"]))
    table = named.pivot(index="team", columns="case_id", values="name").reindex(order).fillna("–")
    table.columns.name = None
    return table.reset_index().rename(columns={"team": t("team", language)})


def agreement_display(ratings: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Per case: most chosen product and % agreement, in the old and in the harmonised catalogue."""
    old = agreement_per_case(ratings, category_col="product").set_index("case_id")
    new = agreement_per_case(ratings, category_col="harmonised_product").set_index("case_id")
    old_cat, new_cat = t("catalogue_old", language).lower(), t("catalogue_new", language).lower()
    return pd.DataFrame({
        t("case", language): old.index,
        f"{t('modal', language)} ({old_cat})": [product_name(c, language) for c in old["modal_category"]],
        f"% {old_cat}": old["pct_agreement"].map(format_pct).to_numpy(),
        f"% {new_cat}": new.loc[old.index, "pct_agreement"].map(format_pct).to_numpy(),
    })


def room_ratings(export: str | Path | bytes) -> pd.DataFrame:
    """Product choices from an intervision session export (JSON), shaped like the lesson's ratings.

    Why: after a live session the trainer exports the room's answers; lesson 3 then computes the room's
    own agreement with the same tables as for the simulated area teams. Uses the answers of old-catalogue
    assessment rounds when there are any (so old vs harmonised can be compared), else all assessment rounds.
    """
    from zorglab.services.intervision.export import read_session_json
    from zorglab.services.intervision.stats import indicatie_ratings

    data = export if isinstance(export, bytes) else Path(export).expanduser().read_bytes()
    answers = read_session_json(data)
    if answers.empty or "kind" not in answers:
        return pd.DataFrame(columns=RATING_COLUMNS)
    ratings = indicatie_ratings(answers[answers["kind"] == "indicatie"])
    if (ratings["catalogue"] == "old").any():
        ratings = ratings[ratings["catalogue"] == "old"]
    return pd.DataFrame({"team": [f"Deelnemer {p}" for p in ratings["participant"]],
                         "case_id": ratings["case_id"].to_numpy(), "product": ratings["product"].to_numpy(),
                         "harmonised_product": ratings["harmonised_product"].to_numpy()})
