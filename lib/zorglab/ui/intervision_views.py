"""Panel views of the live intervision exercise: start page, trainer console and participant phone view.

Views only display ``zorglab.intervision.live`` models and call their actions; every answer and
every statistic goes through ``IntervisionService`` / ``zorglab.intervision.stats``. Live updates:
``start_polling`` asks the database for one change counter per second and redraws on change.
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

import panel as pn
import param
import qrcode
import qrcode.image.svg

from zorglab.cases import STAKEHOLDER_LABELS, STAKEHOLDERS, load_cases
from zorglab.catalogue import harmonised_products, price_list, products
from zorglab.formatting import format_eur, format_number
from zorglab.i18n import COMMON
from zorglab.intervision import export, render, stats
from zorglab.intervision.live import ParticipantState, TrainerState
from zorglab.intervision.models import ARENA_ROLE_LABELS, ARENA_ROLES
from zorglab.intervision.service import ROLES, municipalities
from zorglab.ui import intervision_plots as plots
from zorglab.ui.intervision_strings import ROUND_OPTIONS, tr

PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"
APP_PATH = "intervision"
POLL_MS = 1000  # participants: redraw only when a round changes
TRAINER_POLL_MS = 250  # trainer: answers appear within a quarter second
CSS = """
html, body { overflow-x: hidden; }  /* the template's busy indicator sticks out 8 px on a 390 px phone */
.iv-code { font-size: 44px; font-weight: 800; letter-spacing: 6px; color: #12385b; margin: 0; }
.iv-case h3 { color: #12385b; margin-top: 0; }
.iv-case { font-size: 16px; line-height: 1.45; }
.iv-participants li { font-size: 16px; }
.iv-kappa { font-size: 18px; }
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
                  f'aria-label="QR-code: {text}"', svg, count=1)


def _language_switch(state: param.Parameterized) -> pn.widgets.RadioButtonGroup:
    w = pn.widgets.RadioButtonGroup(options={"Nederlands": "nl", "English": "en"}, value=state.language,
                                    color="primary", variant="outline", width=220, label="Taal / Language")
    w.link(state, value="language")
    return w


def _notice(language: str) -> pn.pane.Alert:
    return pn.pane.Alert(COMMON["synthetic_notice"][1 if language == "en" else 0], alert_type="secondary",
                         sizing_mode="stretch_width")


def _message(state: Any) -> pn.viewable.Viewable:
    if not state.message:
        return pn.Spacer(height=0)
    return pn.pane.Alert(render.esc(state.message), alert_type=state.message_kind, sizing_mode="stretch_width")


class _MessageSlot:
    """The feedback line, updated in place when the state's message changes (no redraw of the page)."""

    def __init__(self, state: Any):
        self.state = state
        self.box = pn.Column(_message(state), sizing_mode="stretch_width")
        state.param.watch(self._update, ["message", "message_kind"])

    def _update(self, *events) -> None:
        self.box.objects = [_message(self.state)]


def _status(status: str, language: str) -> str:
    return tr(f"status_{status}", language)


class TrainerView(pn.viewable.Viewer):
    """Create a session, show code + QR, who joined, round controls, reveal and exports."""

    state = param.ClassSelector(class_=TrainerState)

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._cases = {c.case_id: c for c in load_cases()}
        self._form: dict[str, pn.widgets.Widget] = {}
        self._round_widgets: dict[tuple, tuple] = {}
        # A message only fills its slot: a second full redraw right after "start session" would replace the
        # round buttons while the trainer clicks them (a lost click).
        self._msg = _MessageSlot(self.state)
        self.state.param.watch(lambda e: self.refresh(), ["language", "session_id"])
        self.refresh()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=TRAINER_POLL_MS)

    def _poll(self) -> None:
        if self.state.poll():
            self._update_live()

    # ------------------------------------------------------------------ create
    def _create_form(self, lang: str) -> list:
        f = self._form
        if not f:
            f["title"] = pn.widgets.TextInput(value="Intervisie", max_length=80)
            f["cases"] = pn.widgets.MultiChoice(options={f"{k} · {c.title('nl')}": k for k, c in self._cases.items()},
                                                value=list(self._cases)[:2])
            f["rounds"] = pn.widgets.CheckBoxGroup(value=list(ROUND_OPTIONS), inline=False)
            f["create"] = pn.widgets.Button(color="primary")
            f["create"].on_click(lambda e: self._create())
        f["title"].label, f["cases"].label = tr("session_title", lang), tr("cases", lang)
        f["rounds"].options = {v[1 if lang == "en" else 0]: k for k, v in ROUND_OPTIONS.items()}
        f["create"].label = tr("create", lang)
        return [pn.pane.Markdown(f"## {tr('as_trainer', lang)}"), f["title"], f["cases"],
                pn.pane.Markdown(f"**{tr('rounds', lang)}**"), f["rounds"], f["create"]]

    def _create(self) -> None:
        f = self._form
        self.state.create(f["title"].value, list(f["cases"].value), list(f["rounds"].value))

    # ------------------------------------------------------------------ running session
    def refresh(self) -> None:
        lang = self.state.language
        head = [pn.Row(pn.pane.Markdown(f"# {tr('app_title', lang)} · trainer"), _language_switch(self.state)),
                _notice(lang), self._msg.box]
        if self.state.session_id is None:
            self._layout.objects = head + self._create_form(lang)
            return
        info = self.state.info
        ov = self.state.service.overview(info.session_id)
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
        self._reveal_sig = None
        self._fill_live(info, ov, lang)
        exports = pn.Row(
            pn.widgets.FileDownload(callback=lambda: io.BytesIO(export.answers_csv(self.state.service, info.session_id)),
                                    filename=f"intervisie_{info.code}.csv", label=COMMON["download_csv"][lang == "en"],
                                    color="light"),
            pn.widgets.FileDownload(callback=lambda: io.BytesIO(export.excel_bytes(self.state.service, info.session_id)),
                                    filename=f"intervisie_{info.code}.xlsx", label=COMMON["download_excel"][lang == "en"],
                                    color="light"),
            pn.widgets.FileDownload(callback=lambda: io.BytesIO(export.session_json(self.state.service, info.session_id)),
                                    filename=f"intervisie_{info.code}.json", label="Download JSON", color="light"))
        secret_link = pn.pane.HTML(
            f"<details><summary>{tr('trainer_link', lang)}</summary>"
            f"<code>{render.esc(join_url(info.code).split('?')[0])}?trainer={render.esc(self.state.secret)}</code>"
            "</details>")
        self._layout.objects = head + [
            pn.pane.Markdown(f"## {render.esc(info.title)}"),
            pn.Row(join_box, self._people, self._rounds_box),
            pn.pane.Markdown(f"### {tr('export', lang)}"), exports, secret_link, self._reveal_box]

    def _fill_live(self, info, ov, lang: str) -> None:
        """Update in place what answers change (who joined, counts per round) and redraw a reveal only when
        its data changed: the trainer's buttons stay the same objects, so no click is lost to a redraw."""
        people = (f"### {tr('joined', lang)} ({format_number(len(ov.participants))})",
                  render.participant_list([(r.pseudonym, r.role, r.municipality, int(r.n_answers))
                                           for r in ov.participants.itertuples()], lang))
        if len(self._people) != 2:
            self._people.objects = [pn.pane.Markdown(people[0]), pn.pane.HTML(people[1])]
        for pane, text in zip(self._people, people, strict=True):
            if pane.object != text:
                pane.object = text
        rows = [self._round_row(r, row, lang) for r, row in zip(info.rounds, ov.rounds.itertuples(), strict=True)]
        if len(self._rounds_box) != len(rows) + 1:
            self._rounds_box.objects = [pn.pane.Markdown(f"### {tr('rounds', lang)}"), *rows]
        sig = tuple((r.round_id, r.status, int(row.n_answers)) for r, row in
                    zip(info.rounds, ov.rounds.itertuples(), strict=True) if r.status == "revealed")
        if sig != self._reveal_sig:
            self._reveal_sig = sig
            self._reveal_box.objects = self._reveals(info, lang)

    def _update_live(self) -> None:
        if self.state.session_id is None or not hasattr(self, "_people"):
            return self.refresh()
        info = self.state.info
        ov = self.state.service.overview(info.session_id)
        self.state.version = ov.version
        self._fill_live(info, ov, self.state.language)

    def _round_row(self, r, row, lang: str) -> pn.Column:
        """One round's status line and buttons, created once per round and language, then updated in place."""
        key = (r.round_id, lang)
        if key not in self._round_widgets:
            buttons = {}
            for action, kind in (("open", "success"), ("close", "warning"), ("reveal", "primary")):
                b = pn.widgets.Button(label=f"{tr(action, lang)} {tr('round', lang).lower()} {r.position}", color=kind,
                                      width=150)
                b.on_click(lambda e, rid=r.round_id, a=action: self.state.act(rid, a) or self._update_live())
                buttons[action] = b
            md = pn.pane.Markdown("", margin=(0, 5))
            self._round_widgets[key] = (md, buttons, pn.Column(md, pn.Row(*buttons.values()), sizing_mode="stretch_width"))
        md, buttons, col = self._round_widgets[key]
        text = (f"**{tr('round', lang)} {r.position}: {r.spec.label(lang)}** — {_status(r.status, lang)} · "
                + tr("answers_n", lang, n=format_number(row.n_answers), p=format_number(row.n_participants)))
        if md.object != text:
            md.object = text
        buttons["open"].disabled = r.status == "open"
        buttons["close"].disabled = r.status != "open"
        return col

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
                        pn.pane.HTML(self._spread_table(rev, lang))]
            elif r.spec.kind == "mdo":
                rev = stats.mdo_reveal(df, info.cases)
                out += [pn.pane.HoloViews(plots.payer_costs(rev, lang), sizing_mode="stretch_width"),
                        pn.pane.HTML(self._wellbeing_table(rev, lang))]
            else:
                rev = stats.arena_reveal(df, info.cases)
                out += [pn.pane.HTML(render.kappa_badge(rev.summary, tr("kappa_arena", lang), lang)),
                        pn.pane.HoloViews(plots.arena_roles(rev, lang), sizing_mode="stretch_width")]
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
    """Phone-sized: join, read the case, answer the open round; input stays in the form on any error."""

    state = param.ClassSelector(class_=ParticipantState)

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width", max_width=720)
        self._widgets: dict[tuple, pn.widgets.Widget] = {}
        self._bound: set[int] = set()
        self._case = pn.widgets.Select()
        self._case.param.watch(lambda e: self.refresh(), "value")
        self._signature: tuple = ()
        self._msg = _MessageSlot(self.state)
        self.state.param.watch(lambda e: self.refresh(), ["language", "token"])
        self.refresh()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=POLL_MS)

    def _poll(self) -> None:
        if self.state.poll():
            sig = tuple((r.round_id, r.status) for r in self.state.info.rounds)
            if sig != self._signature:  # redraw only when a round opens/closes, not on others' answers
                self.refresh()

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
        head = [pn.Row(pn.pane.Markdown(f"# {tr('app_title', lang)}"), _language_switch(self.state)),
                _notice(lang), self._msg.box]
        if not self.state.joined:
            self._layout.objects = head + self._join_form(lang)
            return
        info = self.state.info
        me = self.state.service.participant(self.state.token)
        self._signature = tuple((r.round_id, r.status) for r in info.rounds)
        self._case.label = tr("case", lang)
        opts = {f"{c.case_id} · {c.title(lang)}": c.case_id for c in info.cases}
        if self._case.options != opts:
            self._case.options = opts
        if self._case.value not in opts.values():
            self._case.value = info.cases[0].case_id  # triggers one more refresh with the case set
            return
        case = next((c for c in info.cases if c.case_id == self._case.value), info.cases[0])
        body = [pn.pane.Markdown(f"## {tr('welcome', lang, name=render.esc(me.pseudonym))}"),
                self._case, pn.pane.HTML(render.case_card(case, lang), sizing_mode="stretch_width")]
        current = info.current_round
        if current is None or not current.is_open:
            body.append(pn.pane.Alert(tr("revealed_note" if current and current.status == "revealed" else "wait_round",
                                         lang), alert_type="info"))
        else:
            body += [pn.pane.Markdown(f"### {tr('round', lang)} {current.position}: {current.spec.label(lang)}"),
                     *self._form(current, case.case_id, lang)]
        self._layout.objects = head + body

    # ------------------------------------------------------------------ join
    def _join_form(self, lang: str) -> list:
        code = self._w(("join", "code"), lambda: pn.widgets.TextInput(value=self.state.code, max_length=12))
        name = self._w(("join", "name"), lambda: pn.widgets.TextInput(max_length=30))
        role = self._w(("join", "role"), lambda: pn.widgets.Select(options=["", *ROLES]))
        muni = self._w(("join", "muni"), lambda: pn.widgets.Select(options=["", *municipalities()]))
        go = self._w(("join", "go"), lambda: pn.widgets.Button(color="primary"))
        if self._bind_once(go):
            go.on_click(lambda e: self.state.join(code.value, name.value, role.value, muni.value))
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
                act.label, qty.label = f"{tr('support', lang)} {i + 1}", tr("quantity", lang)
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
    """Start page that routes to the participant view (default, or ?code=) or the trainer console."""

    trainer = param.ClassSelector(class_=TrainerState)
    participant = param.ClassSelector(class_=ParticipantState)

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._view: Any = None
        self.trainer.param.watch(lambda e: setattr(self.participant, "language", e.new), "language")
        self.participant.param.watch(lambda e: setattr(self.trainer, "language", e.new), "language")
        if self.trainer.secret and self.trainer.resume():
            self.show_trainer()
        elif self.participant.code or self.participant.token:
            self.show_participant()
        else:
            self._start()

    def __panel__(self):
        return self._layout

    def _start(self) -> None:
        lang = self.participant.language
        a = pn.widgets.Button(label=tr("as_participant", lang), color="primary", height=60, width=260)
        b = pn.widgets.Button(label=tr("as_trainer", lang), color="default", height=60, width=260)
        a.on_click(lambda e: self.show_participant())
        b.on_click(lambda e: self.show_trainer())
        self._layout.objects = [pn.pane.Markdown(f"# {tr('app_title', lang)}"), _notice(lang),
                                pn.pane.Markdown(tr("intro", lang)), pn.FlexBox(a, b)]  # wraps on a phone

    def show_trainer(self) -> None:
        self._view = TrainerView(state=self.trainer)
        self._layout.objects = [self._view]
        if pn.state.curdoc is not None and pn.state.curdoc.session_context is not None:
            self._view.start_polling()

    def show_participant(self) -> None:
        self._view = ParticipantView(state=self.participant)
        self._layout.objects = [self._view]
        if pn.state.curdoc is not None and pn.state.curdoc.session_context is not None:
            self._view.start_polling()
