"""Lesson 3's interpretation exercise: the student assigns a product per case, then sees how the simulated area
teams (and they) agree; and the same agreement for a live session's export. Data: ``zorglab.services.lesson_ratings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.core.formatting import format_number
from zorglab.domain.agreement import agreement_summary
from zorglab.domain.cases import get_case
from zorglab.domain.catalogue import product_name, products
from zorglab.services.lesson_ratings import (
    RATING_CASES,
    agreement_display,
    ratings_display,
    ratings_with_student,
    reference_products,
    room_ratings,
)
from zorglab.ui.lesson_base import NO_CHOICE, lang_param, t, table
from zorglab.ui.lesson_case_card import case_card_markdown
from zorglab.ui.lesson_exercises import keep_choice


def kappa_line(ratings: pd.DataFrame, language: str = "nl") -> str:
    """Fleiss' kappa in the old catalogue → in the harmonised one."""
    old = agreement_summary(ratings, category_col="product")
    new = agreement_summary(ratings, category_col="harmonised_product")
    return t("kappa_line", language, old=format_number(old["fleiss_kappa"], 2), new=format_number(new["fleiss_kappa"], 2))


class RatingExercise(pn.viewable.Viewer):
    """Lesson 3: the student assigns a product per case; then sees how the area teams (and they) agree."""

    language = lang_param()
    ratings = param.DataFrame(default=None, allow_None=True, doc="Area teams' and the student's ratings.")

    def __init__(self, case_ids: Sequence[str] = RATING_CASES, **params: Any):
        super().__init__(**params)
        self.case_ids = list(case_ids)
        cat = products()
        laws = reference_products(self.case_ids)["product"].map(cat.set_index("code")["law"])
        self._codes = {cid: list(cat.loc[cat["law"] == law, "code"]) for cid, law in zip(self.case_ids, laws, strict=True)}
        self.selects = {cid: pn.widgets.Select(options=[NO_CHOICE, *codes], width=380)
                        for cid, codes in self._codes.items()}
        self.cards = {cid: pn.pane.Markdown("", sizing_mode="stretch_width") for cid in self.case_ids}
        self.button = pn.widgets.Button(color="primary")
        self.button.on_click(lambda _e: self.compare())
        self.agreement = table(pd.DataFrame())
        self.summary = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._relabel()

    def table(self) -> Any:
        """All ratings (team x case, product names) as the student counts them; follows clicks and language."""
        def render(_ratings: object, language: str) -> pn.pane.DataFrame:
            return table(ratings_display(self.current_ratings(), language))

        return pn.panel(pn.bind(render, self.param.ratings, self.param.language), sizing_mode="stretch_width")

    def current_ratings(self) -> pd.DataFrame:
        """The ratings the student sees (computed on first use, so an exercise can always be checked)."""
        return self.ratings if self.ratings is not None else self.compare()

    def compare(self) -> pd.DataFrame:
        self.ratings = ratings_with_student({c: s.value for c, s in self.selects.items()}, self.case_ids)
        return self.ratings

    @param.depends("language", watch=True)
    def _relabel(self) -> None:
        lang = self.language
        for cid, select in self.selects.items():
            case = get_case(cid)
            keep_choice(select, {t("choose", lang): NO_CHOICE, **{product_name(c, lang): c for c in self._codes[cid]}})
            select.name = f"{cid} — {case.title(lang)}"
            self.cards[cid].object = case_card_markdown(case, lang, short=True)
        self.button.label = t("compare", lang)
        self._show_result()

    @param.depends("ratings", watch=True)
    def _show_result(self) -> None:
        if self.ratings is None:
            self.agreement.visible = False
            self.summary.object = f"*{t('rating_invite', self.language)}*"
            return
        self.agreement.param.update(object=agreement_display(self.ratings, self.language), visible=True)
        self.summary.object = kappa_line(self.ratings, self.language)

    def __panel__(self) -> pn.Column:
        cases = [pn.Column(self.cards[cid], self.selects[cid]) for cid in self.case_ids]
        return pn.Column(*cases, self.button, self.agreement, self.summary, sizing_mode="stretch_width")


def room_agreement(export: str | Path | bytes | None, language: str = "nl") -> pn.Column:
    """The room's agreement per case and Fleiss' kappa, or a note on how to get an export."""
    if not export:
        return pn.Column(pn.pane.Alert(t("room_no_export", language), alert_type="light"))
    try:
        ratings = room_ratings(export)
    except (OSError, ValueError) as err:  # wrong path or not an intervision export: say so, do not crash the lesson
        return pn.Column(pn.pane.Alert(t("room_unreadable", language, path=repr(str(export)[:120]), error=err),
                                       alert_type="danger"))
    counts = ratings.groupby("case_id")["team"].nunique() if len(ratings) else pd.Series(dtype=int)
    ratings = ratings[ratings["case_id"].isin(counts[counts >= 2].index)]
    if ratings.empty:
        return pn.Column(pn.pane.Alert(t("room_too_few", language), alert_type="warning"))
    old = agreement_summary(ratings, category_col="product")
    new = agreement_summary(ratings, category_col="harmonised_product")
    line = t("room_line", language, count=ratings["team"].nunique(), old=format_number(old["fleiss_kappa"], 2),
             new=format_number(new["fleiss_kappa"], 2))
    return pn.Column(table(agreement_display(ratings, language)), pn.pane.Markdown(line), sizing_mode="stretch_width")
