"""Lesson 4 views (Proeftuin Ruwaard): the fillable casuistry form, the effectenarena with all effects and all
stakeholders, and 'ik wil / ik kan / ik heb nodig' on every level. The logic and the checks are in
``zorglab.domain.casuistry``; these views only collect the answers, in Dutch or English, in a notebook or served.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import panel as pn
import param

from zorglab.domain import casuistry as cz
from zorglab.domain.cases import Case, get_case
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.exercises import Feedback
from zorglab.services.lessons import NO_CHOICE, Exercise, case_card, t

WRAP = [":host .bk-input-group { flex-wrap: wrap; column-gap: 1rem; }"]  # inline check boxes wrap on narrow screens


def _options(table: dict[str, tuple[str, str]], language: str) -> dict[str, str]:
    return {pair[int(language == "en")]: key for key, pair in table.items()}


class CasuistryFormView(Exercise):
    """The casuistry form as a fillable template: the table fills it in after its MDO, checks it, downloads it."""

    def __init__(self, case_ids: Sequence[str] = ("OSS-03",), **params: Any):
        self.case_ids = list(case_ids)
        self.case_select = pn.widgets.Select(options=self.case_ids, value=self.case_ids[0], width=200)
        self.mdo_date = pn.widgets.TextInput(width=200)
        self.ik_wil = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.ik_kan = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.ik_heb_nodig = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.participants = pn.widgets.CheckBoxGroup(options=_options(cz.PARTICIPANTS, "nl"), inline=True,
                                                     stylesheets=WRAP, sizing_mode="stretch_width")
        self.barriers = pn.widgets.CheckBoxGroup(options=_options(cz.BARRIERS, "nl"), inline=False)
        self.barrier_text = pn.widgets.TextInput(sizing_mode="stretch_width")
        self.solution = pn.widgets.TextAreaInput(height=80, sizing_mode="stretch_width")
        self.enablers = pn.widgets.CheckBoxGroup(options=_options(cz.ENABLERS, "nl"), inline=True, stylesheets=WRAP,
                                                 sizing_mode="stretch_width")
        self.step_days = {s.key: pn.widgets.IntInput(value=None, start=0, end=365, width=110) for s in cz.STEP_PLAN}
        self._step_labels = {s.key: pn.pane.Markdown("", width=420) for s in cz.STEP_PLAN}
        self.effect_resident = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.effect_others = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self.learning = pn.widgets.TextAreaInput(height=60, sizing_mode="stretch_width")
        self._card = pn.Column(sizing_mode="stretch_width")
        self.download = pn.widgets.FileDownload(callback=self._file, filename="casuistiekformulier.md",
                                                color="default", width=260)
        super().__init__(**params)
        self.case_select.param.watch(lambda _e: self._show_card(), "value")
        self._relabel()

    @property
    def case(self) -> Case:
        return get_case(self.case_select.value)

    def form(self) -> cz.CasuistryForm:
        return cz.CasuistryForm(
            case_id=self.case_select.value, mdo_date=self.mdo_date.value, ik_wil=self.ik_wil.value,
            ik_kan=self.ik_kan.value, ik_heb_nodig=self.ik_heb_nodig.value, participants=list(self.participants.value),
            barriers=list(self.barriers.value), barrier_text=self.barrier_text.value, solution=self.solution.value,
            enablers=list(self.enablers.value), step_days={k: w.value for k, w in self.step_days.items()},
            effect_resident=self.effect_resident.value, effect_others=self.effect_others.value,
            learning=self.learning.value)

    def _file(self) -> io.BytesIO:
        return io.BytesIO(self.form().to_markdown(self.language).encode("utf-8"))

    def _show_card(self) -> None:
        self._card.objects = [case_card(self.case, self.language, short=True)]

    def _relabel(self) -> None:
        lang = self.language
        en = int(lang == "en")
        labels = {k: (nl, e) for k, nl, e in cz.FORM_FIELDS}
        lab = lambda key: labels[key][en]  # noqa: E731
        self.case_select.label = t("case", lang)
        self.mdo_date.label = "MDO date" if en else "Datum MDO"
        self.mdo_date.placeholder = "e.g. 12 March" if en else "bijv. 12 maart"
        for key in ("ik_wil", "ik_kan", "ik_heb_nodig"):
            getattr(self, key).label = lab(key)
        self.ik_wil.placeholder = "I want …" if en else "Ik wil …"
        self.ik_kan.placeholder = "I can …" if en else "Ik kan …"
        self.ik_heb_nodig.placeholder = "I need …" if en else "Ik heb nodig …"
        for widget, table in ((self.participants, cz.PARTICIPANTS), (self.barriers, cz.BARRIERS),
                              (self.enablers, cz.ENABLERS)):
            chosen = list(widget.value)
            widget.options = _options(table, lang)
            widget.value = chosen
        self.barrier_text.label = "Which barrier, in your own words" if en else "Welke belemmering, in eigen woorden"
        self.solution.label = lab("solution")
        self.effect_resident.label = "For the resident" if en else "Voor de bewoner"
        self.effect_others.label = "For others (family, neighbourhood, payers)" if en else \
            "Voor anderen (familie, buurt, betalers)"
        self.learning.label = lab("learning")
        for s in cz.STEP_PLAN:
            self._step_labels[s.key].object = (f"{s.label(lang)} · *max. {s.max_days} "
                                               + ("working days*" if en else "werkdagen*"))
            self.step_days[s.key].label = "planned day" if en else "geplande dag"
        self.download.label = "Download the form (Markdown)" if en else "Download het formulier (Markdown)"
        self.download.filename = "casuistry_form.md" if en else "casuistiekformulier.md"
        self._labels = labels
        self._show_card()

    def _section(self, key: str) -> pn.pane.Markdown:
        return pn.pane.Markdown(f"**{self._labels[key][int(self.language == 'en')]}**", margin=(10, 5, 0, 5))

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        en = self.language == "en"
        return pn.pane.Markdown(
            "**Casuistry form** — zorglab's template after the sources: the resident's words, the MDO at home, the "
            "barriers, the pilot solution, who makes it possible, a step plan and the expected effects. *Example terms; "
            "the sources only say they are maximum lead times.*" if en else
            "**Casuïstiekformulier** — zorglab-sjabloon naar de bronnen: de woorden van de bewoner, het MDO thuis, de "
            "belemmeringen, de proeftuin-oplossing, wie die mogelijk maakt, een stappenplan en de verwachte effecten. "
            "*Voorbeeldtermijnen; de bronnen zeggen alleen dat het maximale doorlooptijden zijn.*")

    @param.depends("language")
    def _sections(self) -> pn.Column:
        steps = pn.Column(*[pn.Row(self._step_labels[s.key], self.step_days[s.key]) for s in cz.STEP_PLAN])
        return pn.Column(
            pn.Row(self.case_select, self.mdo_date), self._card,
            self.ik_wil, self.ik_kan, self.ik_heb_nodig,
            self._section("participants"), self.participants,
            self._section("barriers"), self.barriers, self.barrier_text,
            self.solution, self._section("enablers"), self.enablers,
            self._section("steps"), steps,
            self._section("effects"), self.effect_resident, self.effect_others, self.learning,
            sizing_mode="stretch_width")

    def _inputs(self) -> list[Any]:
        return [self._sections]

    def _check(self) -> Feedback:
        return cz.check_form(self.form())

    def __panel__(self) -> pn.Column:
        return pn.Column(self._prompt, *self._inputs(), pn.Row(self._button, self.download), self._feedback_view,
                         sizing_mode="stretch_width")


class ArenaBuilder(Exercise):
    """The effectenarena for one case: name the stakeholders, then place every effect card (money and not)."""

    def __init__(self, case: Case | str, calculator: EffectCalculator | None = None, **params: Any):
        self.case = get_case(case) if isinstance(case, str) else case
        self.calculator = calculator or EffectCalculator()
        self.cards = cz.arena_cards(self.case, self.calculator)
        self.stakeholders = pn.widgets.CheckBoxGroup(options=_options(cz.ARENA_STAKEHOLDERS, "nl"), inline=True,
                                                     stylesheets=WRAP, sizing_mode="stretch_width")
        self.who = {c.key: pn.widgets.Select(width=300) for c in self.cards}
        self.role = {c.key: pn.widgets.Select(width=220) for c in self.cards}
        self._texts = {c.key: pn.pane.Markdown("", sizing_mode="stretch_width") for c in self.cards}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        lang = self.language
        en = int(lang == "en")
        chosen = list(self.stakeholders.value)
        self.stakeholders.options = _options(cz.ARENA_STAKEHOLDERS, lang)
        self.stakeholders.value = chosen
        who_options = {t("choose", lang): NO_CHOICE, **_options(cz.ARENA_STAKEHOLDERS, lang)}
        role_options = {t("choose", lang): NO_CHOICE, **{v[en]: k for k, v in cz.ROLE_WORDS.items()}}
        for card in self.cards:
            for widget, options in ((self.who[card.key], who_options), (self.role[card.key], role_options)):
                value = widget.value
                widget.options = options
                widget.value = value if value in options.values() else NO_CHOICE
            self._texts[card.key].object = f"{'**€**' if card.money else '•'} {card.text(lang)}"

    @property
    def answers(self) -> dict[str, tuple[str | None, str | None]]:
        return {c.key: (self.who[c.key].value or None, self.role[c.key].value or None) for c in self.cards}

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        en = self.language == "en"
        return pn.pane.Markdown(
            f"**{self.case.case_id} — {self.case.title(self.language)}.** " + (
                "1. Who are the stakeholders? Think beyond the payers: family, neighbourhood, employer, housing "
                "association, police, school. 2. Per effect: whom does it concern, and do they invest (bear it) or "
                "benefit? **€** = an effect in euros (from the effects calculator)." if en else
                "1. Wie zijn de belanghebbenden? Denk verder dan de betalers: familie, buurt, werkgever, woningcorporatie, "
                "politie, school. 2. Per effect: wie betreft het, en investeert die (levert in) of heeft die er baat "
                "bij? **€** = een effect in euro's (uit de effectencalculator)."))

    def _inputs(self) -> list[Any]:
        rows = [pn.Row(self._texts[c.key], self.who[c.key], self.role[c.key], sizing_mode="stretch_width")
                for c in self.cards]
        return [self.stakeholders, pn.Column(*rows, sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return cz.check_arena(self.stakeholders.value, self.answers, self.cards)


class LevelsForm(Exercise):
    """'Not only for the resident': ik wil / ik kan / ik heb nodig for a professional, manager, director, funder."""

    def __init__(self, **params: Any):
        self.inputs = {level: {part: pn.widgets.TextInput(sizing_mode="stretch_width") for part in ("wil", "kan", "nodig")}
                       for level in cz.LEVELS}
        self._names = {level: pn.pane.Markdown("", width=220) for level in cz.LEVELS}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        en = int(self.language == "en")
        words = (("Ik wil …", "I want …"), ("Ik kan …", "I can …"), ("Ik heb nodig …", "I need …"))
        for level, pair in cz.LEVELS.items():
            self._names[level].object = f"**{pair[en]}**"
            for widget, w in zip(self.inputs[level].values(), words, strict=True):
                widget.placeholder = w[en]

    @property
    def answers(self) -> dict[str, dict[str, str]]:
        return {level: {part: w.value for part, w in parts.items()} for level, parts in self.inputs.items()}

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        en = self.language == "en"
        return pn.pane.Markdown(
            "**'Not only for the resident is it about I want, I can and I need. The other levels work this way too.'** "
            "Fill it in for each level, for your own organisation or for the case." if en else
            "**'Niet alleen bij de wijkbewoner draait het om ik wil, ik kan en ik heb nodig. Ook de andere niveaus gaan op "
            "deze manier te werk.'** Vul het per niveau in, voor uw eigen organisatie of voor de casus.")

    def _inputs(self) -> list[Any]:
        return [pn.Column(*[pn.Row(self._names[level], *self.inputs[level].values(), sizing_mode="stretch_width")
                            for level in cz.LEVELS], sizing_mode="stretch_width")]

    def _check(self) -> Feedback:
        return cz.check_levels(self.answers)
