"""Live parts of the trainer console: who joined, one control row per round (status, who is missing, timer,
open/close/reveal), and moderation (remove a participant, hide a rationale).

Each part is built once and ``update``d with the session's overview: only changed texts and options are
sent to the browser, so a room answering at once costs the console a few text updates, and the trainer's
buttons stay the same objects (no click is lost to a redraw).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import panel as pn
import param
from param.parameters import NoNone

from zorglab.core.formatting import format_number
from zorglab.services.intervision import render
from zorglab.services.intervision.live import TrainerState
from zorglab.services.intervision.records import Overview, RoundInfo
from zorglab.services.intervision.service import MAX_TIMER_MIN, ROUND_ACTIONS
from zorglab.ui.intervision_participant import clock
from zorglab.ui.intervision_strings import role_label, round_label, tr

MISSING_SHOWN = 25  # names listed under "not answered yet"; the rest is counted
BUTTON_COLORS = {"open": "success", "close": "warning", "reveal": "primary"}
RATIONALE_SHOWN = 70  # characters of a rationale in the moderation list


def _set(pane, text: str) -> None:
    if pane.object != text:
        pane.object = text


def answers_line(n_participants: int, n_joined: int, n_answers: int, lang: str) -> str:
    return tr("answers_n", lang, a=format_number(n_participants), p=format_number(n_joined),
              n=format_number(n_answers))


class PeopleList(pn.viewable.Viewer):
    """'Deelnemers (n)' and the list of pseudonyms with their number of answers."""

    language: param.Selector[str] = param.Selector(default="nl", objects=["nl", "en"])

    def __init__(self, **params):
        super().__init__(**params)
        self.heading = pn.pane.Markdown("")
        self.names = pn.pane.HTML("")
        self._layout = pn.Column(self.heading, self.names, sizing_mode="stretch_width")

    def __panel__(self):
        return self._layout

    def update(self, ov: Overview) -> None:
        lang = self.language
        _set(self.heading, f"### {tr('joined', lang)} ({format_number(len(ov.participants))})")
        _set(self.names, render.participant_list([(r.pseudonym, role_label(r.role, lang), r.municipality, int(r.n_answers))
                                                  for r in ov.participants.itertuples()], lang))


class RoundControl(pn.viewable.Viewer):
    """One round's status line, who is missing, its timer and its buttons."""

    language: param.Selector[str] = param.Selector(default="nl", objects=["nl", "en"])

    def __init__(self, rnd: RoundInfo, act: Callable[[int, str, int | None], None], **params):
        super().__init__(**params)
        self.round = rnd
        self.status = pn.pane.Markdown("", margin=(0, 5))
        self.missing = pn.pane.HTML("", css_classes=["iv-missing"], margin=(0, 5), sizing_mode="stretch_width")
        self.clock = pn.pane.HTML("", css_classes=["iv-timer"], margin=(0, 5))
        self.timer = pn.widgets.IntInput(value=0, start=0, end=MAX_TIMER_MIN, width=100)
        self.buttons = {a: pn.widgets.Button(color=BUTTON_COLORS[a], width=140, align="end")
                        for a in ROUND_ACTIONS}
        for action, button in self.buttons.items():
            def _clicked(event: object, a: str = action) -> None:
                act(self.round.round_id, a, self.timer.value)

            button.on_click(_clicked)
        self._layout = pn.Column(self.status, self.missing, self.clock,
                                 pn.FlexBox(self.timer, *self.buttons.values(), flex_wrap="wrap",
                                            align_items="flex-end"), sizing_mode="stretch_width")
        self._last: tuple = ()
        self.param.watch(lambda e: self._relabel(), "language")
        self._relabel()

    def __panel__(self):
        return self._layout

    def _relabel(self) -> None:
        lang = self.language
        self.timer.label = tr("timer", lang)
        for action, button in self.buttons.items():
            button.label = f"{tr(action, lang)} {tr('round', lang).lower()} {self.round.position}"
        if self._last:
            self.update(*self._last)

    def update(self, rnd: RoundInfo, counts: tuple[int, int, int], missing: list[str]) -> None:
        """``counts``: participants who answered, participants joined, answers."""
        self._last = (rnd, counts, missing)
        self.round = rnd
        lang = self.language
        _set(self.status, f"**{tr('round', lang)} {rnd.position}: {round_label(rnd.spec, lang)}** — "
                          f"{tr(f'status_{rnd.status}', lang)}" + (f" ({tr('time_up', lang)})" if rnd.timed_out else "")
             + " · " + answers_line(*counts, lang))
        _set(self.missing, self._missing_text(missing, lang) if rnd.status == "open" and counts[1] else "")
        self.tick()
        self.buttons["open"].disabled = rnd.status == "open"
        self.buttons["close"].disabled = rnd.status != "open"

    def tick(self, now: float | None = None) -> None:
        left = self.round.seconds_left(now)
        _set(self.clock, tr("time_left", self.language, t=clock(left)) if left is not None else "")

    @staticmethod
    def _missing_text(names: list[str], lang: str) -> str:
        if not names:
            return tr("all_answered", lang)
        shown = ", ".join(render.esc(n) for n in names[:MISSING_SHOWN])
        if len(names) > MISSING_SHOWN:
            shown += " " + tr("missing_more", lang, n=format_number(len(names) - MISSING_SHOWN))
        return tr("missing", lang, names=shown)


class Moderation(pn.viewable.Viewer):
    """Remove a participant, hide or show a rationale. The rationale list is read only while the card is open
    (or when the console is built), so a busy room does not make every update read all answers."""

    state = param.ClassSelector(class_=TrainerState, allow_None=NoNone)

    def __init__(self, refresh: Callable[[], None], **params):
        super().__init__(**params)
        self._refresh = refresh
        self.who = pn.widgets.Select(options={}, width=320)
        self.remove = pn.widgets.Button(color="danger", align="end")
        self.why = pn.widgets.Select(options={}, sizing_mode="stretch_width")
        self.hide = pn.widgets.Button(color="warning", align="end")
        self.unhide = pn.widgets.Button(color="light", align="end")  # not `show`: that is Viewer.show()
        self.remove.on_click(self._remove)
        self.hide.on_click(lambda e: self._set_hidden(True))
        self.unhide.on_click(lambda e: self._set_hidden(False))
        self.card = pn.Card(pn.Row(self.who, self.remove), pn.Row(self.why, self.hide, self.unhide), collapsed=True,
                            sizing_mode="stretch_width")
        self.card.param.watch(self._opened, "collapsed")
        self.state.param.watch(lambda e: self._relabel(), "language")
        self._relabel()

    def __panel__(self):
        return self.card

    def _remove(self, event: object = None) -> None:
        if self.who.value and self.state.remove(self.who.value):
            self._refresh()

    def _set_hidden(self, hidden: bool) -> None:
        if self.why.value and self.state.hide(self.why.value, hidden):
            self._refresh()

    def _opened(self, event: param.parameterized.Event) -> None:
        if not event.new:  # the card was opened
            self.update_rationales()

    def _relabel(self) -> None:
        lang = self.state.language
        self.who.label, self.remove.label = tr("participant", lang), tr("remove_participant", lang)
        self.why.label, self.hide.label = tr("rationale_pick", lang), tr("hide_rationale", lang)
        self.unhide.label, self.card.title = tr("show_rationale", lang), tr("manage", lang)
        if self.state.session_id is not None:
            self.update_rationales()

    def update(self, ov: Overview) -> None:
        who = {f"{int(r.number)} · {r.pseudonym}": int(r.number) for r in ov.participants.itertuples()}
        if self.who.options != who:
            self.who.options = who
        if not self.card.collapsed:
            self.update_rationales()

    def update_rationales(self) -> None:
        lang, session_id = self.state.language, self.state.session_id
        if session_id is None:
            return
        df = self.state.service.answers_frame(session_id)
        df = df[df["rationale"].astype(str).str.strip() != ""] if len(df) else df
        why = {f"{tr('round', lang)} {int(a.round_position)} · {a.case_id} · {str(a.rationale)[:RATIONALE_SHOWN]}"
               + (f" {tr('hidden_mark', lang)}" if a.hidden else ""): int(a.answer_id) for a in df.itertuples()}
        if self.why.options != why:
            self.why.options = why


def deadlines(rounds: tuple[RoundInfo, ...]) -> tuple[float, ...]:
    """When the running round timers end (Unix time)."""
    return tuple(r.deadline_at for r in rounds if r.is_open and r.deadline_at)


def any_timed_out(ends: tuple[float, ...]) -> bool:
    now = time.time()
    return any(d <= now for d in ends)
