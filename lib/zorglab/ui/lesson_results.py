"""Lesson 5 views (results-oriented work process, K2 source, WES cases): put the six steps in order and write a
measurable result agreement for a case. The logic and the checks are in ``zorglab.domain.results_process``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import panel as pn
import param

from zorglab.domain import results_process as rp
from zorglab.domain.cases import Case, get_case
from zorglab.domain.exercises import Feedback
from zorglab.ui.lesson_base import NO_CHOICE, Exercise, t
from zorglab.ui.lesson_case_card import case_card_markdown
from zorglab.ui.lesson_exercises import keep_choice


class StepOrderExercise(Exercise):
    """The six steps come shuffled; the student gives each its place (1-6)."""

    def __init__(self, **params: Any):
        self.positions = {key: pn.widgets.Select(width=120) for key in rp.SHUFFLED}
        self._labels = {key: pn.pane.Markdown("", sizing_mode="stretch_width") for key in rp.SHUFFLED}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        steps = {s.key: s for s in rp.STEPS}
        options = {t("choose", self.language): NO_CHOICE, **{str(i): str(i) for i in range(1, len(rp.STEPS) + 1)}}
        for key, widget in self.positions.items():
            keep_choice(widget, options)
            self._labels[key].object = steps[key].label(self.language)
        self.prompt_pane.object = f"**{t('steps_prompt', self.language)}**"

    @property
    def order(self) -> dict[str, int | None]:
        return {key: int(w.value) if w.value else None for key, w in self.positions.items()}

    def _inputs(self) -> list[Any]:
        return [pn.Column(*[pn.Row(self.positions[k], self._labels[k], sizing_mode="stretch_width") for k in rp.SHUFFLED],
                          sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return rp.check_step_order(self.order)


class ResultAgreementExercise(Exercise):
    """Simulation: pick a WES case, agree a result — indicator, baseline, target, term, who establishes it."""

    case_id: str = param.Selector(  # type: ignore[assignment]
        default="WES-01", objects=list(rp.RESULT_CARDS), doc="The WES case being played.")

    def __init__(self, case_ids: Sequence[str] = tuple(rp.RESULT_CARDS), **params: Any):
        self.param.case_id.objects = list(case_ids)
        params.setdefault("case_id", case_ids[0])
        self.case_select = pn.widgets.Select(width=420)
        self.indicator = pn.widgets.Select(sizing_mode="stretch_width")
        self.baseline = pn.widgets.TextInput(width=160)
        self.target = pn.widgets.TextInput(width=160)
        self.weeks = pn.widgets.TextInput(width=160)
        self.judge = pn.widgets.Select(width=420)
        self._card = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._contract = pn.pane.Markdown("", sizing_mode="stretch_width")
        super().__init__(**params)
        self.case_select.param.watch(lambda e: setattr(self, "case_id", e.new), "value")
        self._relabel()

    @property
    def case(self) -> Case:
        return get_case(self.case_id)

    @param.depends("case_id", watch=True)
    def _new_case(self) -> None:
        self.indicator.value = NO_CHOICE
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language
        self.case_select.param.update(
            options={f"{cid} — {get_case(cid).title(lang)}": cid for cid in self.param.case_id.objects},
            value=self.case_id, name=t("case", lang))
        keep_choice(self.indicator, {t("choose", lang): NO_CHOICE, **rp.card_options(self.case_id, lang)})
        keep_choice(self.judge, {t("choose", lang): NO_CHOICE, **rp.judge_options(lang)})
        for widget, key in ((self.indicator, "ra_indicator"), (self.baseline, "ra_baseline"), (self.target, "ra_target"),
                            (self.weeks, "ra_weeks"), (self.judge, "ra_judge")):
            widget.name = t(key, lang)
        self._contract.object = t("ra_contract", lang, result=rp.RESULT_CARDS[self.case_id].result(lang))
        self._card.object = case_card_markdown(self.case, lang)
        self.prompt_pane.object = f"**{t('ra_prompt', lang)}**"

    def agreement(self) -> rp.ResultAgreement:
        return rp.ResultAgreement(self.case_id, self.indicator.value or None, self.baseline.value, self.target.value,
                                  self.weeks.value, self.judge.value or None)

    def _inputs(self) -> list[Any]:
        return [self.case_select, self._card, self._contract, self.indicator,
                pn.Row(self.baseline, self.target, self.weeks), self.judge]

    def _check(self) -> Feedback:
        return rp.check_result_agreement(self.agreement())
