"""The trainer's console: create a session, show code + QR, who joined, round controls (with timer), who is
still missing, moderation, reveals, a full-screen presenter view and exports.

Built once: the new-session form, and the console as soon as the session is known (its rounds are fixed);
``presenting`` hides the console parts and shows the presenter parts. ``update`` (on every change the poll
sees, ``TRAINER_POLL_MS``) reads the overview once and sets texts: an answer that comes in changes the
"X van Y" line, the missing list and the participant list, nothing else. A reveal is read again only when its
answers or hidden rationales changed.
"""

from __future__ import annotations

import io

import panel as pn
import param
from param.parameters import NoNone

from zorglab.core.i18n import t
from zorglab.domain.cases import load_cases
from zorglab.services.intervision import export, render
from zorglab.services.intervision.errors import IntervisionError
from zorglab.services.intervision.live import TrainerState
from zorglab.services.intervision.models import ROUND_CHOICES, RoundKind, RoundSpec
from zorglab.services.intervision.service import MAX_CASES, PARTICIPANT_CAP_MAX
from zorglab.services.intervision.storage import MAX_PARTICIPANTS, TITLE_MAX
from zorglab.services.intervision.web import CONSOLE_PATH
from zorglab.ui.intervision_page import Header, MessageSlot, join_url, notice
from zorglab.ui.intervision_reveal import REVEALS, RevealView
from zorglab.ui.intervision_rounds import (
    Moderation,
    PeopleList,
    RoundControl,
    answers_line,
    any_timed_out,
    deadlines,
)
from zorglab.ui.intervision_strings import round_label, tr
from zorglab.ui.language import HasLanguage
from zorglab.ui.page import PageSupport
from zorglab.ui.served import navigate, qr_svg, served

TRAINER_POLL_MS = 150  # a round is open: an answer is on the console within 150 ms of being stored (one indexed read a look)
TRAINER_IDLE_POLL_MS = 1000  # no round open: joins appear within a second
DEFAULT_CASES = 2


class SessionForm(pn.viewable.Viewer):
    """Title, cases, rounds and the participant cap of a new session; limits from the service and storage."""

    state = param.ClassSelector(class_=TrainerState, allow_None=NoNone)

    def __init__(self, **params):
        super().__init__(**params)
        self._cases = {c.case_id: c for c in load_cases()}
        self.heading, self.rounds_heading = pn.pane.Markdown(""), pn.pane.Markdown("")
        self.title = pn.widgets.TextInput(value="Intervisie", max_length=TITLE_MAX)
        self.cases = pn.widgets.MultiChoice(options=list(self._cases), value=list(self._cases)[:DEFAULT_CASES],
                                            max_items=MAX_CASES)
        self.rounds = pn.widgets.CheckBoxGroup(value=list(ROUND_CHOICES), inline=False)
        self.cap = pn.widgets.IntInput(value=MAX_PARTICIPANTS, start=1, end=PARTICIPANT_CAP_MAX, width=220)
        self.create = pn.widgets.Button(color="primary")
        self.create.on_click(lambda e: self._create())
        self._layout = pn.Column(self.heading, self.title, self.cases, self.rounds_heading, self.rounds, self.cap,
                                 self.create, sizing_mode="stretch_width")
        self.state.param.watch(lambda e: self._relabel(), "language")
        self._relabel()

    def __panel__(self):
        return self._layout

    def _relabel(self) -> None:
        lang = self.state.language
        self.heading.object, self.rounds_heading.object = f"## {tr('as_trainer', lang)}", f"**{tr('rounds', lang)}**"
        self.title.label, self.cases.label, self.cap.label = (tr("session_title", lang), tr("cases", lang),
                                                              tr("max_participants", lang))
        self.rounds.options = {round_label(RoundSpec.parse(c), lang): c for c in ROUND_CHOICES}
        self.cases.options = {f"{k} · {c.title(lang)}": k for k, c in self._cases.items()}
        self.create.label = tr("create", lang)

    def _create(self) -> None:
        live = served()  # served: the console opens after the cookie route, so F5 keeps it from the first moment
        ticket = self.state.create(self.title.value_input or self.title.value, list(self.cases.value),
                                   list(self.rounds.value), self.cap.value, activate=not live)
        if ticket and live:
            self.create.disabled = True  # one session per click while the browser moves on
            navigate(CONSOLE_PATH, f"?ticket={ticket}")


class TrainerView(pn.viewable.Viewer):
    """The new-session form until a session is known, then the console (or its presenter view)."""

    state = param.ClassSelector(class_=TrainerState, allow_None=NoNone)
    presenting = param.Boolean(default=False, doc="full-screen presenter view of the reveal")
    live = param.ClassSelector(class_=PageSupport, default=None, allow_None=True, doc="the page's aria-live region")

    def __init__(self, **params):
        super().__init__(**params)
        self.header = Header(state=self.state, suffix_key="trainer_suffix")
        self.notice = notice(self.state)
        self.form = SessionForm(state=self.state)
        self.console = pn.Column(sizing_mode="stretch_width")  # filled once, when the session is known
        self._layout = pn.Column(self.header, self.notice, MessageSlot(state=self.state), self.form, self.console,
                                 sizing_mode="stretch_width")
        self._built = False
        self._reveal_sig: dict[int, tuple] = {}
        self._ends: tuple[float, ...] = ()
        self._open = False  # a round is open: poll often
        self._callback = None
        self.state.param.watch(lambda e: self.refresh(), "session_id")
        self.state.param.watch(lambda e: self._language(), "language")
        self.param.watch(lambda e: self._show(), "presenting")
        self.refresh()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        self._callback = pn.state.add_periodic_callback(self.poll, period=self._period())

    def _period(self) -> int:
        return TRAINER_POLL_MS if self._open else TRAINER_IDLE_POLL_MS

    def poll(self) -> None:
        try:
            if self.state.poll() or any_timed_out(self._ends):
                self.update()
            elif self._ends:
                for control in self.rounds.values():
                    control.tick()
        except IntervisionError as err:  # the database went away between the poll and the read
            self.state._fail(err)
        if self._callback is not None and self._callback.period != self._period():
            self._callback.period = self._period()

    # ------------------------------------------------------------------ building (once)
    def refresh(self) -> None:
        """Show the form or the console for the current session, and bring the console up to date."""
        self.form.__panel__().visible = self.state.session_id is None
        if self.state.session_id is None:
            return
        try:
            if not self._built:
                self._build(self.state.info)
            self.update()
        except IntervisionError as err:
            self.state._fail(err)

    def _build(self, info) -> None:
        lang = self.state.language
        url = join_url(info.code)
        self.join_text = pn.pane.HTML("")
        self.people = PeopleList(language=lang)
        self.rounds = {r.round_id: RoundControl(r, self._act, language=lang) for r in info.rounds}
        self.rounds_heading = pn.pane.Markdown("")
        self.reveals: dict[int, RevealView] = {}  # made at a round's first reveal, by its kind
        self.reveal_box = pn.Column(sizing_mode="stretch_width")
        self.moderation = Moderation(self.update, state=self.state)
        self.title = pn.pane.Markdown(f"## {render.md_esc(info.title)}")
        self.present_title = pn.pane.Markdown(f"# {render.md_esc(info.title)}", visible=False)
        self.present_status = pn.pane.Markdown("", sizing_mode="stretch_width", visible=False)
        self.present = pn.widgets.Button(color="primary", width=300)
        self.present.js_on_click(code="const d = document.documentElement;"
                                      " if (d.requestFullscreen) d.requestFullscreen().catch(() => {});")
        self.present.on_click(lambda e: setattr(self, "presenting", True))
        self.exit = pn.widgets.Button(color="light", width=240, visible=False)
        self.exit.js_on_click(code="if (document.fullscreenElement) document.exitFullscreen().catch(() => {});")
        self.exit.on_click(lambda e: setattr(self, "presenting", False))
        self.export_heading = pn.pane.Markdown("")
        self.downloads = {kind: pn.widgets.FileDownload(callback=lambda make=make: self.download(make),
                                                        filename=f"intervisie_{info.code}.{kind}", color="light")
                          for kind, make in (("csv", export.answers_csv), ("xlsx", export.excel_bytes),
                                             ("json", export.session_json))}
        self.account_note = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.resume = pn.widgets.FileDownload(callback=self.resume_file, filename=f"trainerlink_{info.code}.html",
                                              color="light", width=280)  # the link is never on screen
        self.logout = pn.widgets.Button(color="light", width=220)
        self.logout.on_click(self._logout)
        join_box = pn.Column(self.join_text, pn.pane.HTML(qr_svg(url), width=260, height=260, margin=0), width=320)
        self.console_parts = [
            self.title, pn.Row(join_box, self.people, pn.Column(self.rounds_heading, *self.rounds.values(),
                                                                sizing_mode="stretch_width")),
            pn.Row(self.present), self.moderation.card, self.export_heading, pn.Row(*self.downloads.values()),
            self.account_note, pn.Row(self.resume, self.logout)]
        self.console.objects = [self.exit, self.present_title, self.present_status, *self.console_parts,
                                self.reveal_box]
        self._url, self._code = url, info.code
        self._built = True
        self._relabel()

    def _relabel(self) -> None:
        lang = self.state.language
        self.join_text.object = (f"<p>{tr('join_here', lang)} <b>{render.esc(self._url)}</b></p>"
                                 f'<p class="iv-code" aria-label="{tr("code", lang)}">{render.esc(self._code)}</p>')
        self.rounds_heading.object = f"### {tr('rounds', lang)}"
        self.present.label, self.exit.label = tr("present", lang), tr("present_exit", lang)
        self.export_heading.object = f"### {tr('export', lang)}"
        self.downloads["csv"].label = t("common.download_csv", lang)
        self.downloads["xlsx"].label = t("common.download_excel", lang)
        self.downloads["json"].label = tr("download_json", lang)
        self.account_note.object = tr("trainer_file_note", lang)
        self.resume.label, self.logout.label = tr("trainer_file", lang), tr("logout", lang)

    def _logout(self, event: object = None) -> None:
        navigate(CONSOLE_PATH, "?logout=1")

    def _language(self) -> None:
        if not self._built:
            return
        lang = self.state.language
        views: list[HasLanguage] = [self.people, *self.rounds.values(), *self.reveals.values()]
        for view in views:
            view.language = lang
        self._relabel()
        self._reveal_sig.clear()  # the reveals are drawn again in the new language
        self.update()

    def _show(self) -> None:
        if not self._built:
            return
        on = self.presenting
        self._layout.css_classes = ["iv-present"] if on else []
        self.console.styles = {"font-size": "1.3em"} if on else {}
        for part in (self.header.__panel__(), self.notice, *self.console_parts):
            part.visible = not on
        for part in (self.exit, self.present_title, self.present_status):
            part.visible = on
        if on:
            self.update()
        else:
            self.present_status.object = ""

    # ------------------------------------------------------------------ live updates
    def update(self) -> None:
        """Read the overview once and set what changed: counts, lists, timers; reveals only when their answers
        (or hidden rationales) changed."""
        if not self._built:
            return self.refresh()
        try:
            info = self.state.info
            ov = self.state.service.overview(info.session_id)
        except IntervisionError as err:  # the database failed: say so, keep the console as it is
            self.state._fail(err)
            return None
        self.state.version = ov.version
        lang = self.state.language
        self.people.update(ov)
        rows = ov.rounds.set_index("round_id")
        for rnd in info.rounds:
            row = rows.loc[rnd.round_id]
            self.rounds[rnd.round_id].update(rnd, (int(row.n_participants), int(row.n_joined), int(row.n_answers)),
                                             ov.missing.get(rnd.round_id, []))
        self._ends = deadlines(info.rounds)
        self._open = any(r.is_open for r in info.rounds)
        current = info.current_round
        if current is not None and self.presenting:  # filled only when shown: one "X van Y" line on the page
            row = rows.loc[current.round_id]
            text = (f"**{tr('round', lang)} {current.position}: {round_label(current.spec, lang)}** — "
                    + answers_line(int(row.n_participants), int(row.n_joined), int(row.n_answers), lang))
            if self.present_status.object != text:
                self.present_status.object = text
        self.moderation.update(ov)
        revealed = [r for r in info.rounds if r.status == "revealed"]
        if revealed:
            self._update_reveals(info, revealed, ov)
        return None

    def _update_reveals(self, info, revealed, ov) -> None:
        df = self.state.service.answers_frame(info.session_id)
        hidden = tuple(sorted(df.loc[df["hidden"], "answer_id"])) if len(df) else ()
        new = [r for r in revealed if r.round_id not in self.reveals]
        for rnd in new:
            self.reveals[rnd.round_id] = REVEALS[RoundKind(rnd.spec.kind)](language=self.state.language)
        if new:  # once per round: the reveals in round order
            self.reveal_box.objects = [self.reveals[r.round_id] for r in info.rounds if r.round_id in self.reveals]
        for rnd in revealed:
            mine = df[df["round_id"] == rnd.round_id]
            sig = (tuple(sorted(zip(mine["answer_id"], mine["revision"], strict=True))), hidden)
            if self._reveal_sig.get(rnd.round_id) != sig:
                self._reveal_sig[rnd.round_id] = sig
                self.reveals[rnd.round_id].reveal(info, rnd, mine.reset_index(drop=True))

    def _act(self, round_id: int, action: str, minutes: int | None) -> None:
        self.state.act(round_id, action, minutes=(minutes or None) if action == "open" else None)
        self.update()

    # ------------------------------------------------------------------ files
    def resume_file(self) -> io.BytesIO:
        """A small HTML file with a trainer link (its own 30-day token, not the secret) for another computer."""
        try:
            token = self.state.service.resume_token(self.state.secret)
        except IntervisionError as err:
            self.state._fail(err)
            return io.BytesIO(b"")
        link = f"{join_url('').split('?')[0]}?trainer={token}"
        html = (f"<!doctype html><meta charset='utf-8'><title>zorglab trainerlink</title>"
                f"<p>{render.esc(tr('trainer_file_note', self.state.language))}</p>"
                f"<p><a href='{render.esc(link)}'>{render.esc(link)}</a></p>")
        return io.BytesIO(html.encode("utf-8"))

    def download(self, make) -> io.BytesIO:
        """An export; a database failure becomes the message line (and an empty file), never a traceback."""
        try:
            return io.BytesIO(make(self.state.service, self.state.session_id))
        except IntervisionError as err:
            self.state._fail(err)
            return io.BytesIO(b"")
