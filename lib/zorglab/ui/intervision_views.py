"""Panel views of the live intervision exercise: start page, trainer console and participant phone view.

Views only display ``zorglab.services.intervision.live`` models and call their actions; every answer and
every statistic goes through ``IntervisionService`` / ``zorglab.services.intervision.stats``. Live updates:
``start_polling`` asks the database for one change counter per second (trainer: four times a second)
and updates the widgets in place. Anything a participant or the address bar supplied is escaped
(``render.esc`` for HTML, ``render.md_esc`` for Markdown). A database failure shows as a message and
leaves the page (and what was typed) as it is. A lost server connection shows a banner and repairs
itself (``intervision_connection``).
"""

from __future__ import annotations

import io
import os
import re
import time
from typing import Any

import panel as pn
import param
import qrcode
import qrcode.image.svg

from zorglab.core.formatting import format_eur, format_number
from zorglab.core.i18n import t
from zorglab.domain.cases import STAKEHOLDER_LABELS, STAKEHOLDERS, load_cases
from zorglab.domain.catalogue import harmonised_products, payer_label, price_list, products
from zorglab.services.intervision import export, render, stats
from zorglab.services.intervision.errors import IntervisionError
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.models import ARENA_ROLE_LABELS, ARENA_ROLES
from zorglab.services.intervision.service import MAX_TIMER_MIN, ROLES, municipalities
from zorglab.services.intervision.storage import MAX_PARTICIPANTS
from zorglab.services.intervision.web import CONSOLE_PATH
from zorglab.ui import intervision_plots as plots
from zorglab.ui.intervision_strings import ROUND_OPTIONS, tr
from zorglab.ui.page import LIVE_CLASS, PageSupport

PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"
APP_PATH = "intervision"
POLL_MS = 1000  # participants: redraw only when a round changes
TRAINER_POLL_MS = 250  # trainer: answers appear within a quarter second
MISSING_SHOWN = 25  # names listed under "not answered yet"; the rest is counted
UNIT_PLURAL = {"uur": ("uren", "hours"), "dagdeel": ("dagdelen", "half-days"), "etmaal": ("etmalen", "24-hour periods"),
               "maand": ("maanden", "months"), "consult": ("consulten", "consultations"),
               "bezoek": ("bezoeken", "visits"), "dag": ("dagen", "days"), "inzet": ("inzetten", "deployments"),
               "stuk": ("stuks", "items"), "traject": ("trajecten", "trajectories"),
               "gebeurtenis": ("gebeurtenissen", "events"), "gesprek": ("gesprekken", "conversations"),
               "nacht": ("nachten", "nights")}
CSS = """
html, body { overflow-x: hidden; }  /* the template's busy indicator sticks out 8 px on a 390 px phone */
.iv-code { font-size: 44px; font-weight: 800; letter-spacing: 6px; color: #12385b; margin: 0; }
.iv-case h3 { color: #12385b; margin-top: 0; }
.iv-case { font-size: 16px; line-height: 1.45; }
.iv-participants li { font-size: 16px; }
.iv-kappa { font-size: 18px; }
.iv-missing { color: #3a4350; font-size: 14px; }
.iv-timer { font-size: 20px; font-weight: 700; color: #a4161a; }
.iv-bar-row { display: grid; grid-template-columns: minmax(0, 1fr) 90px 28px; gap: 6px; align-items: center;
              margin: 4px 0; font-size: 15px; }
.iv-bar { background: #eef1f5; height: 14px; border-radius: 3px; overflow: hidden; }
.iv-bar span { display: block; height: 100%; background: #b35900; }
.iv-you { color: #12385b; font-size: 13px; }
.iv-present { font-size: 22px; }
.iv-present .iv-kappa { font-size: 30px; }
"""


def join_url(code: str) -> str:
    """The link in the QR code: the room address (ZORGLAB_PUBLIC_URL) plus the app and the code."""
    base = os.environ.get(PUBLIC_URL_ENV, "").rstrip("/")
    if not base and pn.state.curdoc is not None and pn.state.location is not None and pn.state.location.href:
        href = pn.state.location.href.split("?")[0].rstrip("/")
        base = href.rsplit("/", 1)[0] if href.endswith(APP_PATH) else href
    base = base or "http://localhost:5006"
    return f"{base}/{APP_PATH}?code={code}"


def qr_svg(text: str, size_px: int = 240) -> str:
    """The join link as an SVG QR code, scaled to ``size_px`` so phones can scan it from the back row."""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buf = io.BytesIO()
    img.save(buf)
    svg = buf.getvalue().decode("utf-8")
    return re.sub(r'width="[^"]+" height="[^"]+"', f'width="{size_px}" height="{size_px}" role="img" '
                  f'aria-label="QR-code: {render.esc(text)}"', svg, count=1)


def served() -> bool:
    return pn.state.curdoc is not None and pn.state.curdoc.session_context is not None


def navigate(path: str, query: str = "") -> bool:
    """Send the browser to another address of this server (a full page load); False when not served."""
    loc = pn.state.location
    if not served() or loc is None:
        return False
    loc.param.update(pathname=path, search=query)
    loc.reload = True
    return True


def client_key() -> str:
    """The requester's address: wrong join codes are counted per address (and per page)."""
    try:
        return str(pn.state.curdoc.session_context.request.remote_ip or "anonymous")
    except AttributeError:
        return "anonymous"


def _language_switch(state: param.Parameterized) -> pn.widgets.RadioButtonGroup:
    w = pn.widgets.RadioButtonGroup(options={"Nederlands": "nl", "English": "en"}, value=state.language,
                                    color="primary", variant="outline", width=220, label="Taal / Language")
    w.link(state, value="language")
    return w


def _header(title: str, state: param.Parameterized) -> pn.FlexBox:
    """Title and language switch; on a phone the switch wraps below the title instead of covering it."""
    return pn.FlexBox(pn.pane.Markdown(f"# {title}", margin=(0, 10)), _language_switch(state),
                      flex_wrap="wrap", align_items="center", justify_content="space-between",
                      sizing_mode="stretch_width")


def _notice(language: str) -> pn.pane.Alert:
    return pn.pane.Alert(t("common.synthetic_notice", language), alert_type="secondary",
                         sizing_mode="stretch_width")


def _message(state: Any) -> pn.viewable.Viewable:
    if not state.message:
        return pn.Spacer(height=0)
    return pn.pane.Alert(render.md_esc(state.message), alert_type=state.message_kind, sizing_mode="stretch_width")


class _MessageSlot:
    """The feedback line, updated in place when the state's message changes (no redraw of the page); the box is
    a polite live region (``zl-live``, see zorglab.ui.page), so screen readers also hear "answer saved"."""

    def __init__(self, state: Any):
        self.state = state
        self.box = pn.Column(_message(state), sizing_mode="stretch_width", css_classes=[LIVE_CLASS])
        state.param.watch(self._update, ["message", "message_kind"])

    def _update(self, *events) -> None:
        self.box.objects = [_message(self.state)]


def _chart_text(summary: str, table_html: str, language: str) -> pn.Column:
    """A chart's key numbers in words and, one click away, the table behind it (for screen readers and anyone
    who cannot tell the colours apart)."""
    return pn.Column(pn.pane.HTML(f'<p class="zl-chart-summary">{render.esc(summary)}</p>', sizing_mode="stretch_width"),
                     pn.Card(pn.pane.HTML(table_html, sizing_mode="stretch_width"), title=tr("chart_table", language),
                             collapsed=True, sizing_mode="stretch_width"),
                     sizing_mode="stretch_width")


def _status(status: str, language: str) -> str:
    return tr(f"status_{status}", language)


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


def _unit_label(activity: str, language: str) -> str:
    """'Aantal uren per jaar' for the chosen activity's unit (price list), the plain label without one."""
    if not activity:
        return tr("quantity", language)
    units = price_list().set_index("activity")["unit"]
    unit = units.get(activity)
    if unit is None:
        return tr("quantity", language)
    word = UNIT_PLURAL.get(unit, (unit, unit))[1 if language == "en" else 0]
    return tr("quantity_unit", language, unit=word)


class TrainerView(pn.viewable.Viewer):
    """Create a session, show code + QR, who joined, round controls (with timer), who is still missing,
    moderation (remove a participant, hide a rationale), reveal, a presenter view and exports."""

    state = param.ClassSelector(class_=TrainerState)
    presenting = param.Boolean(default=False, doc="full-screen presenter view of the reveal")
    live = param.ClassSelector(class_=PageSupport, default=None, allow_None=True, doc="the page's aria-live region")

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._cases = {c.case_id: c for c in load_cases()}
        self._form: dict[str, pn.widgets.Widget] = {}
        self._round_widgets: dict[tuple, tuple] = {}
        self._manage: dict[str, Any] = {}
        self._deadlines: tuple = ()
        # A message only fills its slot: a second full redraw right after "start session" would replace the
        # round buttons while the trainer clicks them (a lost click).
        self._msg = _MessageSlot(self.state)
        self.state.param.watch(lambda e: self.refresh(), ["language", "session_id"])
        self.param.watch(lambda e: self._show(), "presenting")
        self.refresh()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=TRAINER_POLL_MS)

    def _poll(self) -> None:
        try:
            if self.state.poll():
                self._update_live()
            elif self._deadlines:
                self._tick()
        except IntervisionError as err:  # the database went away between the poll and the read
            self.state._fail(err)

    # ------------------------------------------------------------------ create
    def _create_form(self, lang: str) -> list:
        f = self._form
        if not f:
            f["title"] = pn.widgets.TextInput(value="Intervisie", max_length=80)
            f["cases"] = pn.widgets.MultiChoice(options={f"{k} · {c.title('nl')}": k for k, c in self._cases.items()},
                                                value=list(self._cases)[:2])
            f["rounds"] = pn.widgets.CheckBoxGroup(value=list(ROUND_OPTIONS), inline=False)
            f["cap"] = pn.widgets.IntInput(value=MAX_PARTICIPANTS, start=1, end=2000, width=220)
            f["create"] = pn.widgets.Button(color="primary")
            f["create"].on_click(lambda e: self._create())
        f["title"].label, f["cases"].label = tr("session_title", lang), tr("cases", lang)
        f["cap"].label = tr("max_participants", lang)
        f["rounds"].options = {v[1 if lang == "en" else 0]: k for k, v in ROUND_OPTIONS.items()}
        f["create"].label = tr("create", lang)
        return [pn.pane.Markdown(f"## {tr('as_trainer', lang)}"), f["title"], f["cases"],
                pn.pane.Markdown(f"**{tr('rounds', lang)}**"), f["rounds"], f["cap"], f["create"]]

    def _create(self) -> None:
        f = self._form
        live = served()  # served: the console opens after the cookie route, so F5 keeps it from the first moment
        ticket = self.state.create(f["title"].value_input or f["title"].value, list(f["cases"].value),
                                   list(f["rounds"].value), f["cap"].value, activate=not live)
        if ticket and live:
            f["create"].disabled = True  # one session per click while the browser moves on
            navigate(CONSOLE_PATH, f"?ticket={ticket}")

    # ------------------------------------------------------------------ running session
    def refresh(self) -> None:
        lang = self.state.language
        head = [_header(f"{tr('app_title', lang)} · trainer", self.state), _notice(lang), self._msg.box]
        if self.state.session_id is None:
            self._layout.objects = head + self._create_form(lang)
            return
        try:
            info = self.state.info
            ov = self.state.service.overview(info.session_id)
        except IntervisionError as err:
            self.state._fail(err)
            if not len(self._layout):
                self._layout.objects = head
            return
        self.state.version = ov.version
        url = join_url(info.code)
        join_box = pn.Column(
            pn.pane.HTML(f"<p>{tr('join_here', lang)} <b>{render.esc(url)}</b></p>"
                         f'<p class="iv-code" aria-label="{tr("code", lang)}">{render.esc(info.code)}</p>'),
            pn.pane.HTML(qr_svg(url), width=260, height=260, margin=0),
            width=320)
        self._people = pn.Column(sizing_mode="stretch_width")
        self._rounds_box = pn.Column(sizing_mode="stretch_width")
        self._reveal_box = pn.Column(sizing_mode="stretch_width")
        self._present_status = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._reveal_sig = None
        self._manage = {}
        self._fill_live(info, ov, lang)
        exports = pn.Row(
            pn.widgets.FileDownload(callback=lambda: self._download(export.answers_csv),
                                    filename=f"intervisie_{info.code}.csv", label=t("common.download_csv", lang),
                                    color="light"),
            pn.widgets.FileDownload(callback=lambda: self._download(export.excel_bytes),
                                    filename=f"intervisie_{info.code}.xlsx", label=t("common.download_excel", lang),
                                    color="light"),
            pn.widgets.FileDownload(callback=lambda: self._download(export.session_json),
                                    filename=f"intervisie_{info.code}.json", label="Download JSON", color="light"))
        account = [pn.pane.Markdown(tr("trainer_file_note", lang), sizing_mode="stretch_width")]
        row = [pn.widgets.FileDownload(callback=self._resume_file, filename=f"trainerlink_{info.code}.html",
                                       label=tr("trainer_file", lang), color="light", width=280)]  # never on screen
        logout = pn.widgets.Button(label=tr("logout", lang), color="light", width=220)
        logout.on_click(lambda e: navigate(CONSOLE_PATH, "?logout=1"))
        row.append(logout)
        present = pn.widgets.Button(label=tr("present", lang), color="primary", width=300)
        present.js_on_click(code="const d = document.documentElement;"
                                 " if (d.requestFullscreen) d.requestFullscreen().catch(() => {});")
        present.on_click(lambda e: setattr(self, "presenting", True))
        exit_ = pn.widgets.Button(label=tr("present_exit", lang), color="light", width=240)
        exit_.js_on_click(code="if (document.fullscreenElement) document.exitFullscreen().catch(() => {});")
        exit_.on_click(lambda e: setattr(self, "presenting", False))
        self._title = pn.pane.Markdown(f"## {render.md_esc(info.title)}")
        self._console = head + [
            self._title,
            pn.Row(join_box, self._people, self._rounds_box),
            pn.Row(present),
            self._manage_card(lang, info, ov),
            pn.pane.Markdown(f"### {tr('export', lang)}"), exports, *account, pn.Row(*row), self._reveal_box]
        self._presenter = [pn.Row(exit_), pn.pane.Markdown(f"# {render.md_esc(info.title)}"), self._present_status,
                           self._reveal_box]
        self._show()

    def _show(self) -> None:
        if not hasattr(self, "_console"):
            return
        if self.presenting:
            self._layout.css_classes = ["iv-present"]
            self._layout.objects = [pn.Column(*self._presenter, css_classes=["iv-present"], sizing_mode="stretch_width",
                                              styles={"font-size": "1.3em"})]
        else:
            self._layout.css_classes = []
            self._layout.objects = self._console

    def _resume_file(self) -> io.BytesIO:
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

    def _missing_text(self, names: list[str], lang: str) -> str:
        if not names:
            return tr("all_answered", lang)
        shown = ", ".join(render.esc(n) for n in names[:MISSING_SHOWN])
        if len(names) > MISSING_SHOWN:
            shown += " " + tr("missing_more", lang, n=format_number(len(names) - MISSING_SHOWN))
        return tr("missing", lang, names=shown)

    def _fill_live(self, info, ov, lang: str) -> None:
        """Update in place what answers change (who joined, who answered per round) and redraw a reveal only when
        its data changed: the trainer's buttons stay the same objects, so no click is lost to a redraw."""
        people = (f"### {tr('joined', lang)} ({format_number(len(ov.participants))})",
                  render.participant_list([(r.pseudonym, r.role, r.municipality, int(r.n_answers))
                                           for r in ov.participants.itertuples()], lang))
        if len(self._people) != 2:
            self._people.objects = [pn.pane.Markdown(people[0]), pn.pane.HTML(people[1])]
        for pane, text in zip(self._people, people, strict=True):
            if pane.object != text:
                pane.object = text
        rows = [self._round_row(r, row, ov.missing.get(r.round_id, []), lang)
                for r, row in zip(info.rounds, ov.rounds.itertuples(), strict=True)]
        if len(self._rounds_box) != len(rows) + 1:
            self._rounds_box.objects = [pn.pane.Markdown(f"### {tr('rounds', lang)}"), *rows]
        self._deadlines = tuple((r.round_id, r.deadline_at) for r in info.rounds if r.is_open and r.deadline_at)
        current = info.current_round
        if current is not None:
            row = ov.rounds.set_index("round_id").loc[current.round_id]
            text = (f"**{tr('round', lang)} {current.position}: {current.spec.label(lang)}** — "
                    + tr("answers_n", lang, a=format_number(row.n_participants), p=format_number(row.n_joined),
                         n=format_number(row.n_answers)))
            if self._present_status.object != text:
                self._present_status.object = text
        self._update_manage(info, ov, lang)
        sig = tuple((r.round_id, r.status, int(row.n_answers)) for r, row in
                    zip(info.rounds, ov.rounds.itertuples(), strict=True) if r.status == "revealed")
        sig += (tuple(sorted(ov.answer_ids)), self._hidden_sig(info)) if sig else ()
        if sig != self._reveal_sig:
            self._reveal_sig = sig
            self._reveal_box.objects = self._reveals(info, lang)

    def _hidden_sig(self, info) -> tuple:
        df = self.state.service.answers_frame(info.session_id)
        return tuple(sorted(df.loc[df["hidden"], "answer_id"])) if len(df) else ()

    def _update_live(self) -> None:
        if self.state.session_id is None or not hasattr(self, "_people"):
            return self.refresh()
        try:
            info = self.state.info
            ov = self.state.service.overview(info.session_id)
            self.state.version = ov.version
            self._fill_live(info, ov, self.state.language)
        except IntervisionError as err:  # the database failed: say so, keep the console as it is
            self.state._fail(err)

    def _download(self, make) -> io.BytesIO:
        """An export; a database failure becomes the message line (and an empty file), never a traceback."""
        try:
            return io.BytesIO(make(self.state.service, self.state.session_id))
        except IntervisionError as err:
            self.state._fail(err)
            return io.BytesIO(b"")

    def _tick(self) -> None:
        """Once a second while a timer runs: the countdown, and the round closing when the time is up."""
        now = time.time()
        if any(d <= now for _, d in self._deadlines):
            self._update_live()
            return
        lang = self.state.language
        for rid, deadline in self._deadlines:
            w = self._round_widgets.get((rid, lang))
            if w is not None:
                left = tr("time_left", lang, t=_clock(max(0, int(round(deadline - now)))))
                if w[3].object != left:
                    w[3].object = left

    def _round_row(self, r, row, missing: list[str], lang: str) -> pn.Column:
        """One round's status line, who is missing, timer and buttons; created once per round and language."""
        key = (r.round_id, lang)
        if key not in self._round_widgets:
            buttons = {}
            timer = pn.widgets.IntInput(label=tr("timer", lang), value=0, start=0, end=MAX_TIMER_MIN, width=100)
            for action, kind in (("open", "success"), ("close", "warning"), ("reveal", "primary")):
                b = pn.widgets.Button(label=f"{tr(action, lang)} {tr('round', lang).lower()} {r.position}", color=kind,
                                      width=140, align="end")
                b.on_click(lambda e, rid=r.round_id, a=action, t=timer: self._act(rid, a, t.value))
                buttons[action] = b
            md = pn.pane.Markdown("", margin=(0, 5))
            miss = pn.pane.HTML("", css_classes=["iv-missing"], margin=(0, 5), sizing_mode="stretch_width")
            clock = pn.pane.HTML("", css_classes=["iv-timer"], margin=(0, 5))
            col = pn.Column(md, miss, clock, pn.FlexBox(timer, *buttons.values(), flex_wrap="wrap", align_items="flex-end"),
                            sizing_mode="stretch_width")
            self._round_widgets[key] = (md, buttons, col, clock, miss, timer)
        md, buttons, col, clock, miss, timer = self._round_widgets[key]
        text = (f"**{tr('round', lang)} {r.position}: {r.spec.label(lang)}** — {_status(r.status, lang)}"
                + (f" ({tr('time_up', lang)})" if r.timed_out else "") + " · "
                + tr("answers_n", lang, a=format_number(row.n_participants), p=format_number(row.n_joined),
                     n=format_number(row.n_answers)))
        if md.object != text:
            md.object = text
        missing_text = self._missing_text(missing, lang) if r.status == "open" and row.n_joined else ""
        if miss.object != missing_text:
            miss.object = missing_text
        left = r.seconds_left()
        clock_text = tr("time_left", lang, t=_clock(left)) if left is not None else ""
        if clock.object != clock_text:
            clock.object = clock_text
        buttons["open"].disabled = r.status == "open"
        buttons["close"].disabled = r.status != "open"
        return col

    def _act(self, round_id: int, action: str, minutes: int | None) -> None:
        self.state.act(round_id, action, minutes=(minutes or None) if action == "open" else None)
        self._update_live()

    # ------------------------------------------------------------------ moderation
    def _manage_card(self, lang: str, info, ov) -> pn.Card:
        m = self._manage
        m["who"] = pn.widgets.Select(label=tr("participant", lang), options={}, width=320)
        m["remove"] = pn.widgets.Button(label=tr("remove_participant", lang), color="danger", align="end")
        m["remove"].on_click(lambda e: m["who"].value and self.state.remove(m["who"].value) and self._update_live())
        m["why"] = pn.widgets.Select(label=tr("rationale_pick", lang), options={}, sizing_mode="stretch_width")
        m["hide"] = pn.widgets.Button(label=tr("hide_rationale", lang), color="warning", align="end")
        m["show"] = pn.widgets.Button(label=tr("show_rationale", lang), color="light", align="end")
        m["hide"].on_click(lambda e: m["why"].value and self.state.hide(m["why"].value, True) and self._update_live())
        m["show"].on_click(lambda e: m["why"].value and self.state.hide(m["why"].value, False) and self._update_live())
        card = pn.Card(pn.Row(m["who"], m["remove"]), pn.Row(m["why"], m["hide"], m["show"]),
                       title=tr("manage", lang), collapsed=True, sizing_mode="stretch_width")
        self._update_manage(info, ov, lang)
        return card

    def _update_manage(self, info, ov, lang: str) -> None:
        m = self._manage
        if not m:
            return
        who = {f"{int(r.number)} · {r.pseudonym}": int(r.number) for r in ov.participants.itertuples()}
        if m["who"].options != who:
            m["who"].options = who
        df = self.state.service.answers_frame(info.session_id)
        df = df[df["rationale"].astype(str).str.strip() != ""] if len(df) else df
        why = {f"{tr('round', lang)} {int(a.round_position)} · {a.case_id} · {str(a.rationale)[:70]}"
               + (f" {tr('hidden_mark', lang)}" if a.hidden else ""): int(a.answer_id) for a in df.itertuples()}
        if m["why"].options != why:
            m["why"].options = why

    def _reveals(self, info, lang: str) -> list:
        out: list = []
        for r in info.rounds:
            if r.status != "revealed":
                continue
            df = self.state.service.answers_frame(info.session_id, r.round_id)
            out.append(pn.pane.Markdown(f"## {tr('reveal_of', lang)} {tr('round', lang).lower()} {r.position}: "
                                        f"{r.spec.label(lang)}"))
            if df.empty:
                out.append(pn.pane.Markdown(f"*{tr('no_answers', lang)}*"))
                continue
            if r.spec.kind == "indicatie":
                rev = stats.indicatie_reveal(df)
                out += [pn.pane.HTML(render.kappa_badge(rev.summary, tr("kappa_products", lang), lang)
                                     + render.kappa_badge(rev.summary_harmonised, tr("kappa_harmonised", lang), lang)),
                        pn.Row(pn.pane.HoloViews(plots.product_counts(rev, lang), sizing_mode="stretch_width"),
                               pn.pane.HoloViews(plots.cost_spread(rev, lang), sizing_mode="stretch_width")),
                        _chart_text(plots.product_summary(rev, lang), plots.product_table(rev, lang), lang),
                        pn.pane.HTML(self._spread_table(rev, lang))]
            elif r.spec.kind == "mdo":
                rev = stats.mdo_reveal(df, info.cases)
                out += [pn.pane.HoloViews(plots.payer_costs(rev, lang), sizing_mode="stretch_width"),
                        _chart_text(plots.payer_summary(rev, lang), plots.payer_table(rev, lang), lang),
                        pn.pane.HTML(self._wellbeing_table(rev, lang))]
            else:
                rev = stats.arena_reveal(df, info.cases)
                out += [pn.pane.HTML(render.kappa_badge(rev.summary, tr("kappa_arena", lang), lang)),
                        pn.pane.HoloViews(plots.arena_roles(rev, lang), sizing_mode="stretch_width"),
                        _chart_text(plots.arena_summary(rev, lang), plots.arena_table(rev, lang), lang)]
            out += [pn.pane.Markdown(f"### {tr('rationales', lang)}"),
                    pn.pane.HTML(render.rationale_list(stats.anonymous_rationales(df, seed=r.round_id), lang))]
        return out

    @staticmethod
    def _spread_table(rev, lang: str) -> str:
        rows = "".join(
            f"<tr><td>{render.esc(s.case_id)}</td><td>{format_number(s.n)}</td><td>{format_eur(s.min)}</td>"
            f"<td>{format_eur(s.median)}</td><td>{format_eur(s.max)}</td></tr>" for s in rev.cost_spread.itertuples())
        return (f'<table class="zl-table"><caption>{tr("cost_spread", lang)}</caption><tr><th>{tr("case", lang)}</th>'
                f"<th>n</th><th>{tr('min', lang)}</th><th>{tr('median', lang)}</th><th>{tr('max', lang)}</th></tr>"
                f"{rows}</table>")

    @staticmethod
    def _wellbeing_table(rev, lang: str) -> str:
        rows = "".join(f"<tr><td>{render.esc(w.case_id)}</td><td>{format_number(w.before, 1)}</td>"
                       f"<td>{format_number(w.proposed_mean, 1)}</td><td>{format_number(w.case_after, 1)}</td></tr>"
                       for w in rev.wellbeing.itertuples())
        return (f'<table class="zl-table"><caption>{tr("wellbeing_table", lang)}</caption><tr><th>{tr("case", lang)}'
                f"</th><th>{tr('wb_before', lang)}</th><th>{tr('wb_proposed', lang)}</th><th>{tr('wb_case', lang)}</th></tr>"
                f"{rows}</table>")


class ParticipantView(pn.viewable.Viewer):
    """Phone-sized: join, read the case, answer the open round (with its timer), see the room's results after
    the reveal; input stays in the form on any error."""

    state = param.ClassSelector(class_=ParticipantState)
    live = param.ClassSelector(class_=PageSupport, default=None, allow_None=True, doc="the page's aria-live region")

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width", max_width=720)
        self._widgets: dict[tuple, pn.widgets.Widget] = {}
        self._bound: set[int] = set()
        self._case = pn.widgets.Select()
        self._case.param.watch(lambda e: self.refresh(), "value")
        self._signature: tuple = ()
        self._deadline: float | None = None
        self._clock = pn.pane.HTML("", css_classes=["iv-timer"], sizing_mode="stretch_width")
        self._msg = _MessageSlot(self.state)
        self.state.param.watch(lambda e: self.refresh(), ["language", "token"])
        self.refresh()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=POLL_MS)

    def _poll(self) -> None:
        try:
            changed = self.state.poll()
            if changed or (self._deadline is not None and time.time() >= self._deadline):
                sig = tuple((r.round_id, r.status) for r in self.state.info.rounds)
                if sig != self._signature:  # redraw only when a round opens/closes, not on others' answers
                    self.refresh()
                elif self._revealed_case is not None:
                    self.refresh()  # a revealed round's results follow late answers and hidden rationales
            self._tick()
        except IntervisionError as err:
            self.state._fail(err)

    _revealed_case: str | None = None

    def _tick(self) -> None:
        if self._deadline is None:
            text = ""
        else:
            left = max(0, int(round(self._deadline - time.time())))
            text = tr("round_time_left", self.state.language, t=_clock(left))
        if self._clock.object != text:
            self._clock.object = text

    def _bind_once(self, widget: pn.widgets.Widget) -> bool:
        """True the first time a (cached) button is seen, so its click handler is attached once."""
        if id(widget) in self._bound:
            return False
        self._bound.add(id(widget))
        return True

    def _w(self, key: tuple, make) -> pn.widgets.Widget:
        if key not in self._widgets:
            self._widgets[key] = make()
        return self._widgets[key]

    def refresh(self) -> None:
        lang = self.state.language
        head = [_header(tr("app_title", lang), self.state), _notice(lang), self._msg.box]
        try:
            joined = self.state.joined
            if joined:
                info = self.state.info
                me = self.state.service.participant(self.state.token)
        except IntervisionError as err:  # database unavailable: say so, keep the page and what was typed
            self.state._fail(err)
            if not len(self._layout):
                self._layout.objects = head
            return
        if not joined:
            self._deadline = None
            self._layout.objects = head + self._join_form(lang)
            return
        signature = tuple((r.round_id, r.status) for r in info.rounds)
        current = info.current_round
        if signature != self._signature and self.state.message_round is not None and (
                current is None or self.state.message_round != current.round_id or not current.is_open):
            self.state.clear_message()  # a confirmation belongs to its round: round 2 does not show round 1's
        if signature != self._signature and self._signature:
            self._announce_round(current, lang)
        self._signature = signature
        self._case.label = tr("case", lang)
        opts = {f"{c.case_id} · {c.title(lang)}": c.case_id for c in info.cases}
        if self._case.options != opts:
            self._case.options = opts
        if self._case.value not in opts.values():
            self._case.value = info.cases[0].case_id  # triggers one more refresh with the case set
            return
        case = next((c for c in info.cases if c.case_id == self._case.value), info.cases[0])
        card = pn.pane.HTML(render.case_card(case, lang), sizing_mode="stretch_width")
        body = [pn.pane.Markdown(f"## {tr('welcome', lang, name=render.md_esc(me.pseudonym))}"), self._case]
        self._deadline = current.deadline_at if current is not None and current.is_open else None
        self._revealed_case = None
        if current is None or not current.is_open:
            revealed = current is not None and current.status == "revealed"
            body.append(pn.pane.Alert(tr("revealed_note" if revealed else "wait_round", lang), alert_type="info"))
            if revealed:  # the room's results first, the case below
                self._revealed_case = case.case_id
                body += self._results(info, current, case.case_id, me.number, lang)
            body.append(card)
        else:
            body += [card, pn.pane.Markdown(f"### {tr('round', lang)} {current.position}: {current.spec.label(lang)}"),
                     self._clock, *self._form(current, case.case_id, lang)]
        self._tick()
        self._layout.objects = head + body

    def _announce_round(self, current, lang: str) -> None:
        """A screen reader hears that a round opened, closed or was revealed, not only sees the page change."""
        if self.live is None or current is None:
            return
        if current.is_open:
            self.live.announce(tr("round_opened", lang, n=current.position, label=current.spec.label(lang)))
        elif current.status == "revealed":
            self.live.announce(tr("round_revealed", lang, n=current.position))
        else:
            self.live.announce(tr("round_closed", lang, n=current.position))

    # ------------------------------------------------------------------ results on the phone
    def _results(self, info, rnd, case_id: str, me: int, lang: str) -> list:
        df = self.state.service.answers_frame(info.session_id, rnd.round_id)
        title = pn.pane.Markdown(f"### {tr('round_results', lang, n=rnd.position)} · {render.md_esc(case_id)}")
        if df.empty:
            return [title, pn.pane.Markdown(f"*{tr('no_answers', lang)}*")]
        if rnd.spec.kind == "indicatie":
            table = products() if rnd.spec.catalogue == "old" else harmonised_products()
            names = dict(zip(table["code"], table["name_en" if lang == "en" else "name_nl"], strict=True))
            html = render.phone_indicatie(stats.indicatie_reveal(df), case_id, me, names, lang)
        elif rnd.spec.kind == "mdo":
            rev = stats.mdo_reveal(df, info.cases)
            html = render.phone_mdo(rev, case_id, me, {p: payer_label(p, lang) for p in rev.per_payer["payer"]}, lang)
        else:
            html = render.phone_arena(stats.arena_reveal(df, info.cases), case_id, None, lang)
        why = [p for p in stats.anonymous_rationales(df, seed=rnd.round_id) if p[0] == case_id]
        return [title, pn.pane.HTML(html, sizing_mode="stretch_width"),
                pn.pane.Markdown(f"#### {tr('rationales', lang)}"),
                pn.pane.HTML(render.rationale_list(why, lang), sizing_mode="stretch_width")]

    # ------------------------------------------------------------------ join
    def _join_form(self, lang: str) -> list:
        code = self._w(("join", "code"), lambda: pn.widgets.TextInput(value=self.state.code, max_length=12))
        name = self._w(("join", "name"), lambda: pn.widgets.TextInput(max_length=30))
        role = self._w(("join", "role"), lambda: pn.widgets.Select(options=["", *ROLES]))
        muni = self._w(("join", "muni"), lambda: pn.widgets.Select(options=["", *municipalities()]))
        go = self._w(("join", "go"), lambda: pn.widgets.Button(color="primary"))
        if self._bind_once(go):
            go.on_click(lambda e: self.state.join(code.value_input or code.value, name.value_input or name.value,
                                                  role.value, muni.value))
        code.label, name.label, role.label, muni.label, go.label = (tr("code", lang), tr("pseudonym", lang), tr("role", lang),
                                                               tr("municipality_opt", lang), tr("join", lang))
        return [pn.pane.Markdown(f"## {tr('as_participant', lang)}"), code, name, role, muni, go]

    # ------------------------------------------------------------------ answer forms
    def _form(self, rnd, case_id: str, lang: str) -> list:
        key = (rnd.round_id, case_id)
        rationale = self._w((*key, "why"), lambda: pn.widgets.TextInput(max_length=200))
        rationale.label = tr("rationale", lang)
        submit = self._w((*key, "submit"), lambda: pn.widgets.Button(color="primary"))
        submit.label = tr("submit", lang)
        kind = rnd.spec.kind
        if kind == "indicatie":
            table = products() if rnd.spec.catalogue == "old" else harmonised_products()
            names = table["name_en" if lang == "en" else "name_nl"]
            opts = {f"{n} ({format_eur(t)} / {u})": c for c, n, t, u in
                    zip(table["code"], names, table["tariff_eur"], table["unit"], strict=True)}
            product = self._w((*key, "product"), lambda: pn.widgets.Select(options=opts))
            product.options = opts
            upw = self._w((*key, "upw"), lambda: pn.widgets.FloatInput(value=2.0, start=0.5, end=168, step=0.5))
            weeks = self._w((*key, "weeks"), lambda: pn.widgets.IntInput(value=52, start=1, end=52))
            product.label, upw.label, weeks.label = tr("product", lang), tr("units_per_week", lang), tr("weeks", lang)
            fields = [product, upw, weeks]

            def answer() -> dict:
                return {"lines": [{"product": product.value, "units_per_week": upw.value, "weeks": weeks.value}],
                        "rationale": rationale.value}
        elif kind == "mdo":
            pl = price_list()
            names = pl["name_en" if lang == "en" else "name_nl"]
            opts = {tr("none", lang): "", **{f"{n} · {p} ({format_eur(u)})": a for a, n, p, u in
                                            zip(pl["activity"], names, pl["payer"], pl["unit_price_eur"], strict=True)}}
            fields = []
            pairs = []
            for i in range(3):
                act = self._w((*key, f"act{i}"), lambda: pn.widgets.Select(options=opts))
                act.options = opts
                qty = self._w((*key, f"qty{i}"), lambda: pn.widgets.FloatInput(value=10.0, start=0.5, end=10_000))
                act.label, qty.label = f"{tr('support', lang)} {i + 1}", _unit_label(act.value, lang)
                if self._bind_once(act):  # the unit follows the chosen activity (uren, dagdelen, gesprekken ...)
                    act.param.watch(lambda e, q=qty: setattr(q, "label", _unit_label(e.new, self.state.language)),
                                    "value")
                pairs.append((act, qty))
                fields.append(pn.Column(act, qty, sizing_mode="stretch_width"))
            wb = self._w((*key, "wb"), lambda: pn.widgets.IntSlider(value=7, start=1, end=10))
            wb.label = tr("wellbeing_after", lang)
            fields.append(wb)

            def answer() -> dict:
                return {"supports": [{"activity": a.value, "quantity": q.value} for a, q in pairs if a.value],
                        "wellbeing_after": wb.value, "rationale": rationale.value}
        else:
            role_opts = {ARENA_ROLE_LABELS[r][1 if lang == "en" else 0]: r for r in ARENA_ROLES}
            radios = {}
            fields = [pn.pane.Markdown(tr("arena_help", lang))]
            for s in STAKEHOLDERS:
                w = self._w((*key, s), lambda: pn.widgets.RadioButtonGroup(
                    options=role_opts, value="geen", variant="outline", sizing_mode="stretch_width"))
                w.options = role_opts
                radios[s] = w
                fields.append(pn.Column(pn.pane.Markdown(f"**{STAKEHOLDER_LABELS[s][1 if lang == 'en' else 0]}**",
                                                         margin=(0, 5)), w, sizing_mode="stretch_width"))

            def answer() -> dict:
                return {"roles": {s: w.value for s, w in radios.items()}, "rationale": rationale.value}
        submit._answer = answer  # the newest closure (labels may change with the language)
        if self._bind_once(submit):
            submit.on_click(lambda e, b=submit, rid=rnd.round_id, cid=case_id: self.state.submit(rid, cid, b._answer()))
        return [*fields, rationale, submit]


class IntervisionApp(pn.viewable.Viewer):
    """Start page that routes to the participant view (default, or ?code=) or the trainer console.

    The trainer console opens with a one-time ``ticket`` (from the console cookie, ``zorglab.services.intervision.web``),
    or with the trainer ``secret`` of a saved link, which is then exchanged for the cookie. ``link_error``
    shows why a trainer link did not open the console.
    """

    trainer = param.ClassSelector(class_=TrainerState)
    participant = param.ClassSelector(class_=ParticipantState)

    def __init__(self, ticket: str = "", page: str | None = None, link_error: bool = False,
                 retry_console: int = 0, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._view: Any = None
        self._watch: Any = None
        self.live = PageSupport().follow(self.participant)  # <html lang> and the aria-live region of the page
        self.trainer.param.watch(lambda e: setattr(self.participant, "language", e.new), "language")
        self.participant.param.watch(lambda e: setattr(self.trainer, "language", e.new), "language")
        self.participant.param.watch(lambda e: self._watch and self._watch.set_language(e.new), "language")
        if served():
            from zorglab.ui.intervision_connection import ConnectionWatch

            self._watch = ConnectionWatch(pn.state.curdoc, self.participant.language)
        secret = self.trainer.secret
        if ticket and self.trainer.use_ticket(ticket, page):
            self.show_trainer()
        elif retry_console and served():  # a reload of an address whose ticket is used up: fetch a fresh one
            self.trainer.clear_message()
            self._start()
            pn.state.onload(lambda: navigate(CONSOLE_PATH, f"?again={int(retry_console)}"))
        elif secret and self.trainer.resume():
            self.show_trainer()
            ticket = self.trainer.login_ticket()  # the saved link becomes the console cookie
            if ticket:
                pn.state.onload(lambda: navigate(CONSOLE_PATH, f"?ticket={ticket}"))
        elif secret or ticket or link_error:
            self._link_error()
        elif self.participant.code or self.participant.token:
            self.show_participant()
        else:
            self._start()

    def __panel__(self):
        return self._layout

    def _link_error(self) -> None:
        from zorglab.services.intervision.errors import InvalidTrainerLinkError

        self.trainer._fail(InvalidTrainerLinkError())
        self._start()

    def _start(self) -> None:
        lang = self.participant.language
        a = pn.widgets.Button(label=tr("as_participant", lang), color="primary", height=60, width=260)
        b = pn.widgets.Button(label=tr("as_trainer", lang), color="default", height=60, width=260)
        a.on_click(lambda e: self.show_participant())
        b.on_click(lambda e: self.show_trainer())
        msg = _MessageSlot(self.trainer).box  # e.g. why a trainer link did not work
        self._layout.objects = [pn.pane.Markdown(f"# {tr('app_title', lang)}"), _notice(lang), msg,
                                pn.pane.Markdown(tr("intro", lang)), pn.FlexBox(a, b)]  # wraps on a phone

    def show_trainer(self) -> None:
        self._view = TrainerView(state=self.trainer, live=self.live)
        self._layout.objects = [self._view]
        if served():
            self._view.start_polling()

    def show_participant(self) -> None:
        self._view = ParticipantView(state=self.participant, live=self.live)
        self._layout.objects = [self._view]
        if served():
            self._view.start_polling()
