"""What every lesson component shares: the lesson's language state (``Lesson``), the exercise frame (``Exercise``:
inputs, a Check button, the feedback) and the feedback box.

Why here: the lesson notebooks (notebooks/lessons/) stay a line per widget, the same components are unit-tested
without a browser and render in JupyterLab and when served (``zorglab.ui.lesson_app``). Every component has a
``language`` parameter (Dutch default); the lesson's one switch (``zorglab.ui.language``) reaches all of them.
Words: ``messages/lessons.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.core.i18n import LANGUAGES, Translator
from zorglab.domain import exercises as ex
from zorglab.ui.language import language_switch

t = Translator("lessons")

NO_CHOICE = ""  # the "— kies —" entry of a selection: nothing chosen yet


def lang_param() -> param.Selector:
    return param.Selector(default="nl", objects=list(LANGUAGES), doc="UI language: Dutch default, English switch.")


def table(df: pd.DataFrame) -> pn.pane.DataFrame:
    """A formatted table as the lessons show it (no index, text escaped)."""
    return pn.pane.DataFrame(df, index=False, escape=True, sizing_mode="stretch_width")


def feedback_kind(feedback: ex.Feedback | None) -> str:
    """The alert colour: green when right, yellow when partly right, red when wrong, neutral before a check."""
    if feedback is None:
        return "light"
    return "success" if feedback.correct else "warning" if feedback.score > 0 else "danger"


def feedback_text(feedback: ex.Feedback | None, language: str = "nl") -> str:
    return t("no_answer_yet", language) if feedback is None else feedback.text(language)


def feedback_pane(feedback: ex.Feedback | None, language: str = "nl") -> pn.pane.Alert:
    """Green when right, yellow when partly right, red when wrong; an invitation before the first check."""
    return pn.pane.Alert(feedback_text(feedback, language), alert_type=feedback_kind(feedback),
                         sizing_mode="stretch_width")


def follow_feedback(pane: pn.pane.Alert, feedback: ex.Feedback | None, language: str) -> None:
    """Show ``feedback`` in an existing alert (the HoloViz way: update the pane, do not replace it)."""
    pane.param.update(object=feedback_text(feedback, language), alert_type=feedback_kind(feedback))


class Lesson(param.Parameterized):
    """A lesson's shared state: one language switch that reaches every component shown in the lesson.

    Everything a lesson shows goes through it, so the switch translates all of it: text (``say``), tables and
    cards computed in a language (``view``), exercises and labs (``show``) and checks run in code cells
    (``check``, ``feedback``).
    """

    language = lang_param()

    def __init__(self, language: str = "nl", **params: Any):
        super().__init__(language=language, **params)
        self._viewers: list[Any] = []  # anything with a ``language`` parameter
        self._notice = pn.pane.Alert(t("synthetic_notice", language), alert_type="info", sizing_mode="stretch_width")

    def show(self, viewer: Any) -> Any:
        """Register a component (anything with a ``language`` parameter) and return it for display."""
        viewer.language = self.language
        self._viewers.append(viewer)
        return viewer

    @param.depends("language", watch=True)
    def _sync(self) -> None:
        self._notice.object = t("synthetic_notice", self.language)
        for v in self._viewers:
            v.language = self.language

    def switch(self) -> pn.widgets.RadioButtonGroup:
        """The suite's one language switch (``zorglab.ui.language``), bound to this lesson."""
        return language_switch(self)

    def header(self) -> pn.Column:
        """Language switch plus the synthetic-data notice (it follows the switch)."""
        return pn.Column(self.switch(), self._notice, sizing_mode="stretch_width")

    def say(self, nl: str, en: str) -> pn.pane.Markdown:
        """The lesson's own narrative (Markdown, written in the notebook in both languages); follows the switch."""
        texts = {"nl": nl, "en": en}
        pane = pn.pane.Markdown(texts[self.language], sizing_mode="stretch_width")
        self.param.watch(lambda e: setattr(pane, "object", texts[e.new]), "language")
        return pane

    def word(self, key: str, **fmt: Any) -> pn.pane.Markdown:
        """A text from the catalogue (``lessons.<key>``) in the lesson's language; follows the switch."""
        pane = pn.pane.Markdown(t(key, self.language, **fmt), sizing_mode="stretch_width")
        self.param.watch(lambda e: setattr(pane, "object", t(key, e.new, **fmt)), "language")
        return pane

    def view(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Show ``func(*args, language=..., **kwargs)`` in the lesson's language, again after every switch.

        For tables, cards and other output computed in one language (a DataFrame is shown as a table).
        """
        def render(language: str) -> Any:
            out = func(*args, language=language, **kwargs)
            return table(out) if isinstance(out, pd.DataFrame) else out

        return pn.panel(pn.bind(render, self.param.language), sizing_mode="stretch_width")

    def feedback(self, feedback: ex.Feedback | None) -> pn.pane.Alert:
        """Show the result of a check called in a code cell; it follows the switch."""
        pane = feedback_pane(feedback, self.language)
        self.param.watch(lambda e: follow_feedback(pane, feedback, e.new), "language")
        return pane

    def check(self, answer: object, checker: Callable[[object], ex.Feedback], name: str = "my_answer") -> pn.viewable.Viewable:
        """A check run from a code cell: until the student filled in ``name`` (still None) it only invites them,
        so 'Run All' shows no error before anybody answered."""
        if answer is None:
            return self.word("fill_in_first", name=name)
        return self.feedback(checker(answer))


class Exercise(pn.viewable.Viewer):
    """Base: an input area, a Check button, and the feedback of the last check (widgets built once, updated in place)."""

    language = lang_param()
    feedback = param.ClassSelector(class_=ex.Feedback, default=None, allow_None=True, doc="Result of the last check.")

    def __init__(self, **params: Any):
        super().__init__(**params)
        self.button = pn.widgets.Button(label=t("check", self.language), color="primary")
        self.button.on_click(self._on_click)
        self.prompt_pane = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.feedback_alert = feedback_pane(None, self.language)

    def check(self) -> ex.Feedback:
        feedback = self._check()
        self.feedback = feedback
        return feedback

    def _on_click(self, _event: object) -> None:
        self.check()

    @param.depends("language", watch=True)
    def _on_language(self) -> None:
        self.button.label = t("check", self.language)
        self._relabel()
        self._show_feedback()

    @param.depends("feedback", watch=True)
    def _show_feedback(self) -> None:
        follow_feedback(self.feedback_alert, self.feedback, self.language)

    def _relabel(self) -> None:
        """Translate the input widgets and the prompt in place, keeping the student's answers."""

    def _check(self) -> ex.Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def _inputs(self) -> list[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def __panel__(self) -> pn.Column:
        return pn.Column(self.prompt_pane, *self._inputs(), self.button, self.feedback_alert, sizing_mode="stretch_width")
