"""The lessons' general exercise widgets: an amount to compute, a multiple-choice question, lesson 1's prediction
per funding model and lesson 2's 'indication needed?' per product. The checks are in ``zorglab.domain.exercises``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.domain import exercises as ex
from zorglab.domain.catalogue import product_name
from zorglab.domain.funding import MODELS
from zorglab.services.scenario_tables import model_label
from zorglab.ui.lesson_base import NO_CHOICE, Exercise, t

_YES_NO = {"yes": True, "no": False}


class AmountExercise(Exercise):
    """A number or amount the student computes; ``checker(answer)`` returns the feedback.

    The prompt is ``prompt_nl``/``prompt_en`` (written in the notebook), or ``prompt(language)`` when the numbers
    in it come from something the student can change (a lab's scenario): pass that object as ``follow`` and the
    prompt is rewritten whenever one of its parameters changes, so the question always shows the numbers the
    check uses.
    """

    prompt_nl = param.String("")
    prompt_en = param.String("")

    def __init__(self, checker: Callable[[object], ex.Feedback], prompt: Callable[[str], str] | None = None,
                 follow: param.Parameterized | None = None, **params: Any):
        self._checker = checker
        self._prompt_fn = prompt
        self.answer = pn.widgets.TextInput(width=200)
        super().__init__(**params)
        if follow is not None:
            follow.param.watch(lambda _e: self._update_prompt(), [p for p in follow.param if p != "name"])
        self._relabel()

    def _inputs(self) -> list[Any]:
        return [self.answer]

    def _update_prompt(self) -> None:
        if self._prompt_fn is not None:
            self.prompt_pane.object = self._prompt_fn(self.language)
        else:
            self.prompt_pane.object = {"nl": self.prompt_nl, "en": self.prompt_en}[self.language]

    def _relabel(self) -> None:
        self.answer.param.update(label=t("your_answer", self.language), placeholder=t("placeholder", self.language))
        self._update_prompt()

    def _check(self) -> ex.Feedback:
        return self._checker(self.answer.value)


def keep_choice(widget: Any, options: dict[str, str] | list[str]) -> None:
    """New (translated) options for a selection, keeping what the student chose when it is still an option."""
    value = widget.value
    widget.options = options
    values = options.values() if isinstance(options, dict) else options
    widget.value = value if value in values else NO_CHOICE


class ChoiceExercise(Exercise):
    """A multiple-choice question from ``exercises.QUESTIONS`` (more than one answer may be right)."""

    def __init__(self, question: ex.Question | str, **params: Any):
        self.question = ex.QUESTIONS[question] if isinstance(question, str) else question
        self.choices = pn.widgets.CheckBoxGroup(options=self.question.choices("nl"), inline=False)
        super().__init__(**params)
        self._relabel()

    def _inputs(self) -> list[Any]:
        return [self.choices]

    def _relabel(self) -> None:
        chosen = list(self.choices.value)
        self.choices.options = self.question.choices(self.language)
        self.choices.value = chosen
        self.prompt_pane.object = f"**{self.question.prompt(self.language)}**"

    def _check(self) -> ex.Feedback:
        return ex.check_choice(self.question, self.choices.value)


class PredictionExercise(Exercise):
    """Lesson 1: predict per funding model what a provider will do, then test it on a caseload."""

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        self.caseload = caseload
        self.selects = {key: pn.widgets.Select(width=420) for key in MODELS}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language
        options = {t("choose", lang): NO_CHOICE, **{ex.behaviour_text(k, lang): k for k in ex.BEHAVIOURS}}
        for key, sel in self.selects.items():
            keep_choice(sel, options)
            sel.name = model_label(key, lang)
        self.prompt_pane.object = f"**{t('prediction_prompt', lang)}**"

    @property
    def predictions(self) -> dict[str, str | None]:
        return {key: sel.value or None for key, sel in self.selects.items()}

    def _inputs(self) -> list[Any]:
        return list(self.selects.values())

    def _check(self) -> ex.Feedback:
        return ex.check_predictions(self.predictions, self.caseload)


class IndicationExercise(Exercise):
    """Lesson 2: per product, does a client still need an indication once the general provision exists?"""

    def __init__(self, codes: Sequence[str], **params: Any):
        self.codes = list(codes)
        self.selects = {c: pn.widgets.Select(value=NO_CHOICE, width=160) for c in self.codes}
        self._names = {c: pn.pane.Markdown("", width=360) for c in self.codes}
        super().__init__(**params)
        self._relabel()

    def _inputs(self) -> list[Any]:
        return [pn.Column(*[pn.Row(self._names[c], self.selects[c]) for c in self.codes])]

    def _relabel(self) -> None:
        lang = self.language
        options = {t("choose", lang): NO_CHOICE, **{t(k, lang): k for k in _YES_NO}}
        for code, select in self.selects.items():
            keep_choice(select, options)
            self._names[code].object = product_name(code, lang)
        self.prompt_pane.object = f"**{t('indication_needed', lang)}**"

    @property
    def answers(self) -> dict[str, bool | None]:
        return {c: _YES_NO.get(r.value) for c, r in self.selects.items()}

    def _check(self) -> ex.Feedback:
        return ex.check_indications(self.answers)
