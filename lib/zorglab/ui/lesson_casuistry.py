"""Lesson 4 views (Proeftuin Ruwaard): the fillable casuistry form, the effectenarena with all effects and all
stakeholders, and 'ik wil / ik kan / ik heb nodig' on every level. The logic and the checks are in
``zorglab.domain.casuistry``; these views only collect the answers, in Dutch or English, in a notebook or served.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import panel as pn

from zorglab.domain import casuistry as cz
from zorglab.domain.cases import Case, get_case
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.exercises import Feedback
from zorglab.ui.lesson_base import NO_CHOICE, Exercise, t
from zorglab.ui.lesson_case_card import case_card_markdown
from zorglab.ui.lesson_exercises import keep_choice

WRAP = [":host .bk-input-group { flex-wrap: wrap; column-gap: 1rem; }"]  # inline check boxes wrap on narrow screens


class CasuistryFormView(Exercise):
    """The casuistry form as a fillable template: the table fills it in after its MDO, checks it, downloads it."""

    def __init__(self, case_ids: Sequence[str] = ("OSS-03",), **params: Any):
        self.case_ids = list(case_ids)
        self.case_select = pn.widgets.Select(options=self.case_ids, value=self.case_ids[0], width=200)
        self.mdo_date = pn.widgets.TextInput(width=200)
        self.ik_wil = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.ik_kan = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.ik_heb_nodig = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.participants = pn.widgets.CheckBoxGroup(inline=True, stylesheets=WRAP, sizing_mode="stretch_width")
        self.barriers = pn.widgets.CheckBoxGroup(inline=False)
        self.barrier_text = pn.widgets.TextInput(sizing_mode="stretch_width")
        self.solution = pn.widgets.TextAreaInput(height=80, sizing_mode="stretch_width")
        self.enablers = pn.widgets.CheckBoxGroup(inline=True, stylesheets=WRAP, sizing_mode="stretch_width")
        self.step_days = {s.key: pn.widgets.IntInput(value=None, start=0, end=365, width=110) for s in cz.STEP_PLAN}
        self._step_labels = {s.key: pn.pane.Markdown("", width=420) for s in cz.STEP_PLAN}
        self.effect_resident = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.effect_others = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.learning = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self._headings = {key: pn.pane.Markdown("", margin=(10, 5, 0, 5))
                          for key in ("participants", "barriers", "enablers", "steps", "effects")}
        self._card = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.download = pn.widgets.FileDownload(callback=self._file, filename=t("cf_filename"), color="default", width=260)
        super().__init__(**params)
        self.case_select.param.watch(lambda _e: self._show_card(), "value")
        self._relabel()

    @property
    def case(self) -> Case:
        return get_case(self.case_select.value)

    def form(self) -> cz.CasuistryForm:
        text = lambda w: w.value or ""  # noqa: E731 - an empty text field is '' on the form
        return cz.CasuistryForm(
            case_id=text(self.case_select), mdo_date=text(self.mdo_date), ik_wil=text(self.ik_wil),
            ik_kan=text(self.ik_kan), ik_heb_nodig=text(self.ik_heb_nodig), participants=list(self.participants.value),
            barriers=list(self.barriers.value), barrier_text=text(self.barrier_text), solution=text(self.solution),
            enablers=list(self.enablers.value), step_days={k: w.value for k, w in self.step_days.items()},
            effect_resident=text(self.effect_resident), effect_others=text(self.effect_others),
            learning=text(self.learning))

    def _file(self) -> io.BytesIO:
        return io.BytesIO(self.form().to_markdown(self.language).encode("utf-8"))

    def _show_card(self) -> None:
        self._card.object = case_card_markdown(self.case, self.language, short=True)

    def _relabel(self) -> None:
        lang = self.language
        field = {key: label for key, label in cz.form_fields(lang)}
        self.case_select.name = t("case", lang)
        self.mdo_date.param.update(name=t("cf_mdo_date", lang), placeholder=t("cf_mdo_date_example", lang))
        for key in ("ik_wil", "ik_kan", "ik_heb_nodig"):
            getattr(self, key).param.update(name=field[key], placeholder=t(f"placeholder_{key}", lang))
        for widget, kind in ((self.participants, "participants"), (self.barriers, "barriers"),
                             (self.enablers, "enablers")):
            chosen = list(widget.value)
            widget.options = cz.choices(kind, lang)
            widget.value = chosen
        self.barrier_text.name = t("cf_barrier_text", lang)
        self.solution.name = field["solution"]
        self.effect_resident.name = t("cf_effect_resident", lang)
        self.effect_others.name = t("cf_effect_others", lang)
        self.learning.name = field["learning"]
        for s in cz.STEP_PLAN:
            self._step_labels[s.key].object = t("cf_step", lang, step=s.label(lang), days=s.max_days)
            self.step_days[s.key].name = t("cf_planned_day", lang)
        for key, pane in self._headings.items():
            pane.object = f"**{field[key]}**"
        self.download.param.update(label=t("cf_download", lang), filename=t("cf_filename", lang))
        self.prompt_pane.object = t("cf_prompt", lang)
        self._show_card()

    def _inputs(self) -> list[Any]:
        steps = pn.Column(*[pn.Row(self._step_labels[s.key], self.step_days[s.key]) for s in cz.STEP_PLAN])
        heading = self._headings
        return [pn.Column(
            pn.Row(self.case_select, self.mdo_date), self._card,
            self.ik_wil, self.ik_kan, self.ik_heb_nodig,
            heading["participants"], self.participants,
            heading["barriers"], self.barriers, self.barrier_text,
            self.solution, heading["enablers"], self.enablers,
            heading["steps"], steps,
            heading["effects"], self.effect_resident, self.effect_others, self.learning,
            sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return cz.check_form(self.form())

    def __panel__(self) -> pn.Column:
        return pn.Column(self.prompt_pane, *self._inputs(), pn.Row(self.button, self.download), self.feedback_alert,
                         sizing_mode="stretch_width")


class ArenaBuilder(Exercise):
    """The effectenarena for one case: name the stakeholders, then place every effect card (money and not)."""

    def __init__(self, case: Case | str, calculator: EffectCalculator | None = None, **params: Any):
        self.case = get_case(case) if isinstance(case, str) else case
        self.calculator = calculator or EffectCalculator()
        self.cards = cz.arena_cards(self.case, self.calculator)
        self.stakeholders = pn.widgets.CheckBoxGroup(inline=True, stylesheets=WRAP, sizing_mode="stretch_width")
        self.who = {c.key: pn.widgets.Select(width=300) for c in self.cards}
        self.role = {c.key: pn.widgets.Select(width=220) for c in self.cards}
        self._texts = {c.key: pn.pane.Markdown("", sizing_mode="stretch_width") for c in self.cards}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language
        chosen = list(self.stakeholders.value)
        self.stakeholders.options = cz.choices("stakeholders", lang)
        self.stakeholders.value = chosen
        who_options = {t("choose", lang): NO_CHOICE, **cz.choices("stakeholders", lang)}
        role_options = {t("choose", lang): NO_CHOICE, **cz.choices("roles", lang)}
        for card in self.cards:
            keep_choice(self.who[card.key], who_options)
            keep_choice(self.role[card.key], role_options)
            self._texts[card.key].object = f"{'**€**' if card.money else '•'} {card.text(lang)}"
        self.prompt_pane.object = t("arena_prompt", lang, case=f"{self.case.case_id} — {self.case.title(lang)}")

    @property
    def answers(self) -> dict[str, tuple[str | None, str | None]]:
        return {c.key: (self.who[c.key].value or None, self.role[c.key].value or None) for c in self.cards}

    def _inputs(self) -> list[Any]:
        rows = [pn.Row(self._texts[c.key], self.who[c.key], self.role[c.key], sizing_mode="stretch_width")
                for c in self.cards]
        return [self.stakeholders, pn.Column(*rows, sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return cz.check_arena(self.stakeholders.value, self.answers, self.cards)


class LevelsForm(Exercise):
    """'Not only for the resident': ik wil / ik kan / ik heb nodig for a professional, manager, director, funder."""

    PARTS = {"wil": "placeholder_ik_wil", "kan": "placeholder_ik_kan", "nodig": "placeholder_ik_heb_nodig"}

    def __init__(self, **params: Any):
        self.inputs = {level: {part: pn.widgets.TextInput(sizing_mode="stretch_width") for part in self.PARTS}
                       for level in cz.LEVELS}
        self._names = {level: pn.pane.Markdown("", width=220) for level in cz.LEVELS}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language
        for level, name in cz.choices("levels", lang).items():
            self._names[name].object = f"**{level}**"
            for part, widget in self.inputs[name].items():
                widget.placeholder = t(self.PARTS[part], lang)
        self.prompt_pane.object = t("levels_prompt", lang)

    @property
    def answers(self) -> dict[str, dict[str, str]]:
        return {level: {part: w.value or "" for part, w in parts.items()} for level, parts in self.inputs.items()}

    def _inputs(self) -> list[Any]:
        return [pn.Column(*[pn.Row(self._names[level], *self.inputs[level].values(), sizing_mode="stretch_width")
                            for level in cz.LEVELS], sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return cz.check_levels(self.answers)
