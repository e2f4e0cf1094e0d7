"""The participant's phone view: join, read the case, answer the open round (with its timer), see the room's
results after the reveal. Input stays in the form on any error.

Built once: the join form and the session area are both there and shown or hidden; ``sync`` sets texts,
options and visibility from the database. Submitting changes one thing on the page, the confirmation line.
The answer form of a round is a ``RoundForm`` (``intervision_forms``), one per round and case, so what was
typed for one case stays when the participant looks at another.

Polling (``poll``, once every ``POLL_MS``, every second while a round timer runs): the session's change
counter, and only when it moved the round states -- other participants' answers do not redraw anything.
"""

from __future__ import annotations

import time

import panel as pn
import param
from param.parameters import NoNone

from zorglab.services.intervision import render
from zorglab.services.intervision.errors import IntervisionError
from zorglab.services.intervision.live import ParticipantState
from zorglab.services.intervision.service import ROLES, municipalities
from zorglab.services.intervision.storage import CODE_MAX, PSEUDONYM_MAX
from zorglab.ui.intervision_forms import RoundForm, form_for
from zorglab.ui.intervision_page import Header, MessageSlot, notice
from zorglab.ui.intervision_reveal import PhoneResults
from zorglab.ui.intervision_strings import role_label, round_label, tr
from zorglab.ui.page import PageSupport

POLL_MS = 2000  # waiting for the trainer: a round opens on the phones within two seconds
TIMER_POLL_MS = 1000  # while a round timer runs: the countdown moves every second


def clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class JoinForm(pn.viewable.Viewer):
    """Code (from the link or QR code), pseudonym, optional role and municipality; lengths from the storage."""

    state = param.ClassSelector(class_=ParticipantState, allow_None=NoNone)

    def __init__(self, **params):
        super().__init__(**params)
        self.heading = pn.pane.Markdown("")
        self.code = pn.widgets.TextInput(value=self.state.code, max_length=CODE_MAX)
        self.pseudonym = pn.widgets.TextInput(max_length=PSEUDONYM_MAX)
        self.role = pn.widgets.Select(options={"": ""})
        self.municipality = pn.widgets.Select(options=["", *municipalities()])
        self.go = pn.widgets.Button(color="primary")
        self.go.on_click(lambda e: self.state.join(self.code.value_input or self.code.value,
                                                   self.pseudonym.value_input or self.pseudonym.value, self.role.value,
                                                   self.municipality.value))
        self._layout = pn.Column(self.heading, self.code, self.pseudonym, self.role, self.municipality, self.go,
                                 sizing_mode="stretch_width")
        self.state.param.watch(lambda e: self._relabel(), "language")
        self._relabel()

    def _relabel(self) -> None:
        lang = self.state.language
        self.heading.object = f"## {tr('as_participant', lang)}"
        self.code.label, self.pseudonym.label, self.role.label = tr("code", lang), tr("pseudonym", lang), tr("role", lang)
        self.municipality.label, self.go.label = tr("municipality_opt", lang), tr("join", lang)
        self.role.options = {tr("no_role", lang): "", **{role_label(r, lang): r for r in ROLES}}

    def __panel__(self):
        return self._layout


class ParticipantView(pn.viewable.Viewer):
    """Phone-sized: join, read the case, answer the open round, see the results after the reveal."""

    state = param.ClassSelector(class_=ParticipantState, allow_None=NoNone)
    live = param.ClassSelector(class_=PageSupport, default=None, allow_None=True, doc="the page's aria-live region")

    def __init__(self, **params):
        super().__init__(**params)
        self._forms: dict[tuple[int, str], RoundForm] = {}  # (round, case) -> its form: typed input survives
        self._signature: tuple = ()
        self._deadline: float | None = None
        self._revealed: tuple | None = None  # (round, case, language) whose results are shown
        self._callback = None
        self.join_form = JoinForm(state=self.state)
        self.welcome = pn.pane.Markdown("")
        self.case = pn.widgets.Select()
        self.status = pn.pane.Alert("", alert_type="info", visible=False, sizing_mode="stretch_width")
        self.results = PhoneResults()
        self.card = pn.pane.HTML("", sizing_mode="stretch_width")
        self.round_title = pn.pane.Markdown("", visible=False)
        self.clock = pn.pane.HTML("", css_classes=["iv-timer"], sizing_mode="stretch_width")
        self.form_slot = pn.Column(sizing_mode="stretch_width")
        # the room's results first after a reveal, the case below; the round's form under the case while open
        self.session_box = pn.Column(self.welcome, self.case, self.status, self.results, self.card, self.round_title,
                                     self.clock, self.form_slot, sizing_mode="stretch_width", visible=False)
        self._layout = pn.Column(Header(state=self.state), notice(self.state), MessageSlot(state=self.state),
                                 self.join_form, self.session_box, sizing_mode="stretch_width", max_width=720)
        self.case.param.watch(lambda e: self.sync(), "value")
        self.state.param.watch(lambda e: self.sync(), ["language", "token"])
        self.sync()

    def __panel__(self):
        return self._layout

    # ------------------------------------------------------------------ polling
    def start_polling(self) -> None:
        self._callback = pn.state.add_periodic_callback(self.poll, period=POLL_MS)

    def poll(self) -> None:
        """One look at the database: update the page only when a round opened, closed or was revealed, or a revealed
        round's answers changed (late answers, hidden rationales)."""
        try:
            changed = self.state.poll()
            if changed or (self._deadline is not None and time.time() >= self._deadline):
                if self.state.round_signature() != self._signature:
                    self.sync()
                elif changed and self._revealed is not None:
                    self.sync(force_results=True)
            self._tick()
        except IntervisionError as err:
            self.state._fail(err)

    def _tick(self) -> None:
        text = ""
        if self._deadline is not None:
            left = max(0, int(round(self._deadline - time.time())))
            text = tr("round_time_left", self.state.language, t=clock(left))
        if self.clock.object != text:
            self.clock.object = text
        if self._callback is not None:  # poll every second only while a countdown is shown
            period = TIMER_POLL_MS if self._deadline is not None else POLL_MS
            if self._callback.period != period:
                self._callback.period = period

    # ------------------------------------------------------------------ drawing
    def sync(self, force_results: bool = False) -> None:
        """Set every text, option and visibility from the database (widgets stay the same objects)."""
        lang = self.state.language
        try:
            joined = self.state.joined
            if joined:
                info = self.state.info
                me = self.state.service.participant(self.state.token)
        except IntervisionError as err:  # database unavailable: say so, keep the page and what was typed
            self.state._fail(err)
            return
        self.join_form.__panel__().visible = not joined
        self.session_box.visible = joined
        if not joined:
            self._deadline = None
            return
        signature = tuple((r.round_id, r.status) for r in info.rounds)
        current = info.current_round
        if signature != self._signature and self.state.message_round is not None and (
                current is None or self.state.message_round != current.round_id or not current.is_open):
            self.state.clear_message()  # a confirmation belongs to its round: round 2 does not show round 1's
        if signature != self._signature and self._signature:
            self._announce_round(current, lang)
        self._signature = signature
        self.welcome.object = f"## {tr('welcome', lang, name=render.md_esc(me.pseudonym))}"
        self.case.label = tr("case", lang)
        opts = {f"{c.case_id} · {c.title(lang)}": c.case_id for c in info.cases}
        if self.case.options != opts:
            self.case.options = opts
        if self.case.value not in opts.values():
            self.case.value = info.cases[0].case_id  # its watcher syncs again with the case set
            return
        case = next((c for c in info.cases if c.case_id == self.case.value), info.cases[0])
        self.card.object = render.case_card(case, lang)
        open_round = current if current is not None and current.is_open else None
        revealed = current if current is not None and current.status == "revealed" else None
        self._deadline = open_round.deadline_at if open_round is not None else None
        self.status.param.update(object=tr("revealed_note" if revealed else "wait_round", lang),
                                 visible=open_round is None)
        if revealed is not None:
            key = (revealed.round_id, case.case_id, lang)
            if force_results or key != self._revealed:
                df = self.state.service.answers_frame(info.session_id, revealed.round_id)
                self.results.reveal(info, revealed, df, case.case_id, me.number, lang)
                self._revealed = key
        else:
            self.results.hide()
            self._revealed = None
        self.round_title.visible = open_round is not None
        if open_round is not None:
            self.round_title.object = (f"### {tr('round', lang)} {open_round.position}: "
                                       f"{round_label(open_round.spec, lang)}")
            form = self._form(open_round, case.case_id, lang)
            if list(self.form_slot.objects) != [form]:
                self.form_slot.objects = [form]
        elif len(self.form_slot):
            self.form_slot.objects = []
        self._tick()

    def _form(self, rnd, case_id: str, lang: str) -> RoundForm:
        key = (rnd.round_id, case_id)
        if key not in self._forms:
            def submit(answer: dict, rid: int = rnd.round_id, cid: str = case_id) -> bool:
                return self.state.submit(rid, cid, answer)

            self._forms[key] = form_for(rnd.spec, lang, submit)
        form = self._forms[key]
        form.language = lang
        return form

    def _announce_round(self, current, lang: str) -> None:
        """A screen reader hears that a round opened, closed or was revealed, not only sees the page change."""
        if self.live is None or current is None:
            return
        if current.is_open:
            self.live.announce(tr("round_opened", lang, n=current.position, label=round_label(current.spec, lang)))
        elif current.status == "revealed":
            self.live.announce(tr("round_revealed", lang, n=current.position))
        else:
            self.live.announce(tr("round_closed", lang, n=current.position))
