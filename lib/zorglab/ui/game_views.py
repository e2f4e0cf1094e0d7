"""Panel views of the purchasing game: start page, team page (phones and laptops) and trainer console.

Views only show ``zorglab.services.game.live`` models and call their actions; every number comes from
``zorglab.services.game.service`` (the world model). Widgets are built once per page and updated in place by a
one-integer poll (``version``). Everything a participant typed (pseudonyms, the game title) is escaped
(``zorglab.services.intervision.render``); codes are worded by ``zorglab.ui.game_strings``.
"""

from __future__ import annotations

import io
import os
from typing import Any

import panel as pn
import param

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain import assumptions
from zorglab.domain.cases import load_cases
from zorglab.domain.regions import get_region, regions
from zorglab.services.game import debrief, export
from zorglab.services.game.live import TeamGame, TrainerGame
from zorglab.services.game.model import DECISION_TYPES as _TYPES
from zorglab.services.game.model import (
    MAX_PROVIDERS,
    MAX_ROUNDS,
    MIN_ROUNDS,
    RANGES,
    Event,
    Funding,
    GameConfig,
    Intake,
    Role,
    decision_dict,
    team_role,
)
from zorglab.services.game.web import CONSOLE_PATH
from zorglab.services.intervision.render import esc, md_esc
from zorglab.ui import game_plots as plots
from zorglab.ui.game_strings import say, team_label, tr
from zorglab.ui.intervision_views import navigate, qr_svg, served

PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"
APP_PATH = "purchasing_game"
POLL_MS = 1000
CSS = """
html, body { overflow-x: hidden; }
.pg-code { font-size: 44px; font-weight: 800; letter-spacing: 6px; color: #12385b; margin: 0; }
.pg-round { font-size: 18px; font-weight: 700; color: #12385b; }
.pg-case h4 { margin: 6px 0 2px 0; color: #12385b; }
.pg-case p { margin: 0 0 4px 0; font-size: 15px; }
.pg-ok { color: #1d6b35; font-weight: 600; }
.pg-no { color: #a4161a; font-weight: 600; }
table.zl-table { max-width: 100%; }
.pg-scroll { overflow-x: auto; max-width: 100%; }
"""


def join_url(code: str) -> str:
    """The link in the QR code: the room address (ZORGLAB_PUBLIC_URL) plus the app and the code."""
    base = os.environ.get(PUBLIC_URL_ENV, "").rstrip("/")
    if not base and served() and pn.state.location is not None and pn.state.location.href:
        href = pn.state.location.href.split("?")[0].rstrip("/")
        base = href.rsplit("/", 1)[0] if href.endswith(APP_PATH) else href
    return f"{base or 'http://localhost:5006'}/{APP_PATH}?code={code}"


def _language_switch(state: param.Parameterized) -> pn.widgets.Select:
    w = pn.widgets.Select(options={"Nederlands": "nl", "English": "en"}, value=state.language, width=160,
                          name="Taal / Language")
    w.link(state, value="language")
    return w


def _header(state: param.Parameterized) -> pn.FlexBox:
    return pn.FlexBox(pn.pane.Markdown(f"# {tr('app_title', state.language)}", margin=(0, 10)),
                      _language_switch(state), flex_wrap="wrap", align_items="center",
                      justify_content="space-between", sizing_mode="stretch_width")


def _notice(language: str) -> pn.pane.HTML:
    text = esc(tr("synthetic_notice", language) + " " + tr("synthetic", language))
    return pn.pane.HTML(f"<p style='color:#1b1f24;background:#eef1f5;padding:8px 12px;border-radius:6px;"
                        f"margin:0;font-size:14px'>{text}</p>", sizing_mode="stretch_width")


class _MessageSlot:
    """The feedback line, updated in place when the state's message changes."""

    def __init__(self, state: Any):
        self.state = state
        self.box = pn.Column(sizing_mode="stretch_width")
        state.param.watch(self._update, ["message", "language"])
        self._update()

    def _update(self, *events) -> None:
        m = self.state.message
        if not m:
            self.box.objects = []
            return
        text = say(m.get("key", ""), self.state.language, **{k: v for k, v in m.items() if k != "key"})
        self.box.objects = [pn.pane.Alert(md_esc(text), alert_type=m.get("kind", "info"), sizing_mode="stretch_width")]


def _table(header: list[str], rows: list[list[str]], text: bool = False) -> str:
    """An HTML table; cells are escaped here. ``text``: cells of running text wrap (left-aligned, zl-text)."""
    head = "".join(f"<th scope='col'>{esc(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    cls = "zl-table zl-text" if text else "zl-table"
    return f"<div class='pg-scroll'><table class='{cls}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"


def _eur(v: float) -> str:
    return format_eur(v, 0)


# ---------------------------------------------------------------------------------------------- what a role knows
def role_view(team: str, years: list, contract: dict | None, language: str) -> str:
    """The figures a team's role would know after the last computed year (HTML, escaped)."""
    t = lambda k: tr(k, language)  # noqa: E731
    if not years:
        return esc(t("no_year_yet"))
    last = years[-1].outcome
    role = team_role(team)
    rows: list[list[str]] = []
    head = [t("last_year").format(year=last["calendar_year"]), ""]
    if role == Role.MUNICIPALITY:
        rows += [[t("spend"), _eur(last["municipality"]["total"])],
                 [t("spend") + " " + t("per_inhabitant"), format_eur(last["municipality"]["per_inhabitant"], 2)],
                 [t("clients"), format_number(last["clients"])], [t("waiting"), format_number(last["waiting"])],
                 [t("wellbeing"), format_number(last["wellbeing"], 2)],
                 [t("mdo_count"), format_number(last["municipality"]["mdo_count"])]]
        rows += [[team_label(f"provider_{p['provider']}", language) + ": " + t("status").lower(),
                  t(f"status_{p['status']}")] for p in last["providers"]]
    elif role == Role.PROVIDER:
        n = int(team.split("_", 1)[1])
        p = last["providers"][n - 1]
        rows += [[t("clients"), format_number(p["allocated"])], [t("served"), format_number(p["served"])],
                 [t("waiting"), format_number(p["waiting"])], [t("revenue"), _eur(p["revenue"])],
                 [t("margin"), _eur(p["margin"])], [t("reserves"), _eur(p["reserves"])],
                 [t("status"), t(f"status_{p['status']}")],
                 [t("delivered"), format_pct(p["delivered_share"], 0)],
                 [t("extra_hour"), format_eur(p["extra_hour_margin"], 2)],
                 [t("turned_away"), format_number(p["turned_away"])]]
    elif role == Role.AREA_TEAM:
        rows += [[t("clients"), format_number(last["clients"])], [t("served"), format_number(last["served"])],
                 [t("waiting"), format_number(last["waiting"])], [t("wellbeing"), format_number(last["wellbeing"], 2)],
                 [t("mdo_count"), format_number(last["municipality"]["mdo_count"])]]
        rows += [[team_label(f"provider_{p['provider']}", language) + ": " + t("clients").lower(),
                  format_number(p["allocated"])] for p in last["providers"]]
    else:
        rows += [[t("insurer_spend"), _eur(last["insurer"]["total"])], [t("waiting"), format_number(last["waiting"])],
                 [t("wellbeing"), format_number(last["wellbeing"], 2)],
                 [t("mdo_count"), format_number(last["municipality"]["mdo_count"])]]
    html = _table(head, rows)
    if contract and role == Role.PROVIDER:
        f = contract.get("funding", "pxq")
        terms = [[t("funding"), t(f"funding_{f}")]]
        if f == Funding.LUMPSUM.value:
            terms.append([t("budget_factor"), format_number(contract.get("budget_factor", 1.0), 2)])
            terms.append([t("corridor"), "✓" if contract.get("corridor") else "–"])
        else:
            terms.append([t("price_factor"), format_number(contract.get("price_factor", 1.0), 2)])
        terms.append([t("pay_on_time"), "✓" if contract.get("pay_on_time", True) else "–"])
        html += f"<h3>{esc(t('contract'))}</h3>" + _table(["", ""], terms)
    return html


# ---------------------------------------------------------------------------------------------- assumptions
def assumption_value(a: assumptions.Assumption, language: str) -> str:
    """A registry value as a reader expects it: shares as percentages, money in euros, hours and points worded."""
    if a.unit == "share":
        return format_pct(a.value, 0 if float(a.value * 100).is_integer() else 1)
    if a.unit == "EUR":
        return format_eur(a.value, 0)
    number = format_number(a.value, 0 if float(a.value).is_integer() else 2)
    if a.unit in ("hours", "points"):
        return f"{number} {tr('unit_' + a.unit, language)}"
    return number


def assumptions_html(language: str) -> str:
    """The game's assumptions (``zorglab.domain.assumptions.GAME_ASSUMPTIONS``, read now): name, value, source (escaped)."""
    rows = [[a.label(language), assumption_value(a, language), a.source(language)]
            for a in assumptions.GAME_ASSUMPTIONS]
    return (f"<p>{esc(tr('assumptions_intro', language))}</p>"
            + _table([tr("col_assumption", language), tr("col_value", language), tr("col_source", language)], rows,
                     text=True))


# ---------------------------------------------------------------------------------------------- team page
class TeamView(pn.viewable.Viewer):
    """A team member's page: what the role knows, the decision form (built once), the debrief at the end."""

    state = param.ClassSelector(class_=TeamGame)

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._msg = _MessageSlot(self.state)
        self._status = pn.pane.HTML(sizing_mode="stretch_width")
        self._know = pn.pane.HTML(sizing_mode="stretch_width")
        self._decided = pn.pane.HTML(sizing_mode="stretch_width")
        self._debrief = pn.Column(sizing_mode="stretch_width")
        self._widgets: dict[str, Any] = {}
        self._form = pn.Column(sizing_mode="stretch_width")
        self._round: int | None = None
        # Mid-round updates (two phones in one team): the team's stored decision this form last took in, the form
        # values it was then filled with (anything else is the member typing), and a teammate's decision on hold.
        self._seen: dict[str, Any] | None = None
        self._shown: dict[str, Any] = {}
        self._pending: dict[str, Any] | None = None
        self.state.param.watch(lambda e: self._build(), "language")
        self._build()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=POLL_MS)

    def _poll(self) -> None:
        try:
            if self.state.poll():
                self.refresh()
        except Exception as err:  # noqa: BLE001 - the database went away between poll and read
            self.state.fail(err)

    # ------------------------------------------------------------------ join form
    def _join_form(self, lang: str) -> list:
        code = pn.widgets.TextInput(name=tr("code", lang), value=self.state.code, max_length=12)
        teams = ["municipality", *[f"provider_{i}" for i in range(1, MAX_PROVIDERS + 1)], "area_team", "insurer"]
        if self.state.code:  # the link's game: offer only the teams that play in it
            try:
                teams = self.state.service.game_for_code(self.state.code, self.state.client_key,
                                                         self.state.page_key).config.teams()
            except Exception as err:  # noqa: BLE001 - a wrong code in the link: say so, offer every team
                self.state.fail(err)
        team = pn.widgets.Select(name=tr("team", lang), options={team_label(t, lang): t for t in teams})
        name = pn.widgets.TextInput(name=tr("pseudonym", lang), max_length=30)
        go = pn.widgets.Button(label=tr("join", lang), color="primary", height=44)

        def _join(event=None):
            if self.state.join(code.value_input or code.value, team.value, name.value_input or name.value):
                self._build()
        go.on_click(_join)
        return [pn.pane.Markdown(f"## {tr('as_team', lang)}"), code, team, name, go]

    # ------------------------------------------------------------------ decision form
    def _make_widgets(self, team: str, info, lang: str) -> None:
        role = team_role(team)
        w: dict[str, Any] = {}
        t = lambda k: tr(k, lang)  # noqa: E731

        def num(name, step, fmt):
            """A choice list on the allowed grid: a native select (phones, keyboards, screen readers)."""
            lo, hi = RANGES[name]
            n = int(round((hi - lo) / step))
            values = [round(lo + i * step, 2) for i in range(n + 1)]
            values = [int(v) if float(v).is_integer() and isinstance(lo, int) else v for v in values]
            return pn.widgets.Select(name=t(name), options={fmt(v): v for v in values}, sizing_mode="stretch_width")
        pct = lambda v: f"{format_number(v, 0)}%"  # noqa: E731
        factor = lambda v: f"× {format_number(v, 2)}"  # noqa: E731
        eur = lambda v: format_eur(v, 0)  # noqa: E731

        def yes_no(name):  # a labelled select: Panel's checkbox input has no programmatic label (axe 'label')
            return pn.widgets.Select(name=t(name), options={t("yes"): True, t("no"): False}, sizing_mode="stretch_width")
        if role == Role.MUNICIPALITY:
            w["funding"] = pn.widgets.Select(name=t("funding"), options={t(f"funding_{f.value}"): f.value for f in Funding})
            w["price_factor"] = num("price_factor", 0.05, factor)
            w["budget_factor"] = num("budget_factor", 0.05, factor)
            w["corridor"] = yes_no("corridor")
            w["pay_on_time"] = yes_no("pay_on_time")
        elif role == Role.PROVIDER:
            w["capacity_pct"] = num("capacity_pct", 5, pct)
            w["intake"] = pn.widgets.Select(name=t("intake"), options={t(f"intake_{i.value}"): i.value for i in Intake})
            w["hours_pct"] = num("hours_pct", 5, pct)
            w["prevention_eur"] = num("prevention_eur", 25, eur)
        elif role == Role.AREA_TEAM:
            w["cases"] = {}
            w["mdo_pct"] = num("mdo_pct", 5, pct)
            w["agree_results"] = yes_no("agree_results")
        else:
            w["cofund_eur"] = num("cofund_eur", 25, eur)
        self._widgets = w

    def _case_widgets(self, info, lang: str) -> list:
        cases = {c.case_id: c for c in load_cases()}
        opts = {team_label(f"provider_{i}", lang): i for i in range(1, info.config.n_providers + 1)}
        out, sel = [pn.pane.Markdown(f"### {tr('cases_this_year', lang)}")], {}
        for k, cid in enumerate(info.cases.get(info.round, [])):
            c = cases[cid]
            out.append(pn.pane.HTML(f"<div class='pg-case'><h4>{esc(cid)} · {esc(c.title(lang))}</h4>"
                                    f"<p><i>{esc(c.ik_wil)}</i></p></div>", sizing_mode="stretch_width"))
            s = pn.widgets.Select(name=f"{tr('assign', lang)} ({cid})", options=opts, sizing_mode="stretch_width",
                                  value=k % info.config.n_providers + 1)  # spread by default
            sel[cid] = s
            out.append(s)
        self._widgets["cases"] = sel
        return out

    def _fill(self, values: dict[str, Any]) -> None:
        for k, v in values.items():
            if k == "assignments":
                for cid, prov in v.items():
                    if cid in self._widgets.get("cases", {}):
                        self._widgets["cases"][cid].value = prov
            elif k in self._widgets:
                self._widgets[k].value = v

    def _values(self) -> dict[str, Any]:
        out = {}
        for k, w in self._widgets.items():
            if k == "cases":
                out["assignments"] = {cid: s.value for cid, s in w.items()}
            else:
                out[k] = w.value
        return out

    def _build(self) -> None:
        lang = self.state.language
        try:
            me = self.state.member()
        except Exception as err:  # noqa: BLE001
            self.state.fail(err)
            me = None
        if me is None:
            self._layout.objects = [_header(self.state), _notice(lang), self._msg.box, *self._join_form(lang)]
            return
        info = self.state.service.game(me.game_id)
        self._make_widgets(me.team, info, lang)
        save = pn.widgets.Button(label=tr("save", lang), color="primary", height=44)
        save.on_click(lambda e: self.state.submit(self._values()) and self._saved(me, info))
        self._save = save
        self._load = pn.widgets.Button(label=tr("load_team_decision", lang), color="default", height=44, visible=False)
        self._load.on_click(lambda e: self.load_team_decision())
        self._round = None
        self._layout.objects = [
            _header(self.state), _notice(lang), self._status, self._msg.box,
            pn.pane.Markdown(f"## {tr('what_you_know', lang)}"), self._know,
            self._form, self._debrief]
        self.refresh()

    def _saved(self, me, info) -> None:
        """This member saved: what the form shows is the team's decision now."""
        self._mark_clean(self.state.last_saved)
        self._update_decided(me, info)

    def _mark_clean(self, saved: dict[str, Any] | None) -> None:
        self._seen, self._shown, self._pending = saved, self._values(), None
        self._load.visible = False

    def _take_in(self, saved: dict[str, Any]) -> None:
        """A teammate saved ``saved`` mid-round: show it, unless this member has typed since the form was
        filled (then keep the typing, say so and offer the team's decision with a button)."""
        if self._values() == self._shown:
            self._fill(saved)
            self._mark_clean(saved)
            self.state.say("msg_team_updated", "info")
        else:
            self._seen, self._pending = saved, saved
            self._load.visible = True
            self.state.say("msg_team_changed", "warning")

    def load_team_decision(self) -> None:
        """Replace what this member typed by the team's stored decision (the button after a teammate saved)."""
        if self._pending is not None:
            self._fill(self._pending)
            self._mark_clean(self._pending)
            self.state.message = {}

    def _update_decided(self, me, info) -> None:
        stored = self.state.service.decided(info.game_id, info.round)
        ok = me.team in stored
        cls, key = ("pg-ok", "team_decided") if ok else ("pg-no", "team_not_decided")
        self._decided.object = f"<p class='{cls}'>{esc(tr(key, self.state.language))}</p>"

    def refresh(self) -> None:
        me = self.state.member()
        if me is None:
            return
        lang = self.state.language
        svc = self.state.service
        info = svc.game(me.game_id)
        years = svc.years(me.game_id)
        year = info.config.start_year + info.round
        self._status.object = (f"<p class='pg-round'>{esc(tr('round_of', lang, year=year, round=info.round, rounds=info.config.rounds))}</p>"
                               f"<p>{esc(tr('you_are', lang, team=team_label(me.team, lang), name=me.pseudonym))}</p>")
        stored = svc.decided(info.game_id, info.round)
        contract = stored.get("municipality") or years[-1].decisions.get("municipality")
        self._know.object = role_view(me.team, years, contract, lang)
        if info.finished:
            self._form.objects = [pn.pane.Alert(tr("finished", lang), alert_type="info")]
            self._debrief.objects = debrief_panes(years, lang, team=me.team)
            return
        self._update_decided(me, info)
        if self._round != info.round:  # a new contract year: new cases, the form shows what is in force
            self._round = info.round
            head = [pn.pane.Markdown(f"## {tr('your_decision', lang)}")]
            cases = self._case_widgets(info, lang) if me.role == Role.AREA_TEAM else []
            fields = [w for k, w in self._widgets.items() if k != "cases"]
            in_force = stored.get(me.team) or years[-1].decisions.get(me.team) or decision_dict(_TYPES[me.role]())
            self._fill({k: v for k, v in in_force.items() if k != "assignments" or me.team in stored})
            self._form.objects = [*head, *cases, *fields, self._save, self._load, self._decided]
            self._mark_clean(stored.get(me.team))
        elif stored.get(me.team) is not None and stored[me.team] != self._seen:  # a teammate saved mid-round
            self._take_in(stored[me.team])


# ---------------------------------------------------------------------------------------------- debrief
def debrief_panes(years: list, language: str, team: str | None = None) -> list:
    """The balance (who gained, who paid, residents) and, per role, the path: each year's decision in force and
    what followed from it; ``team`` shows only that team (and the residents)."""
    t = lambda k: tr(k, language)  # noqa: E731
    rows = []
    for b in debrief.balance(years):
        money = b.measure in ("spend", "insurer_spend", "reserves")
        fmt = _eur if money else (lambda v: format_number(v, 2)) if b.measure == "wellbeing" else format_number
        rows.append([team_label(b.team, language), t(b.measure), fmt(b.start), fmt(b.end), fmt(b.change),
                     _eur(b.total) if b.total is not None else ""])
    header = [t("party"), t("measure"), t("start"), t("end"), t("change"), t("total")]
    found: dict[tuple[str, int], list[str]] = {}
    for f in debrief.findings(years):
        found.setdefault((f.team, f.round), []).append(say(f"finding_{f.code}", language, team=f.team, **f.params))
    teams = [k for k in (years[-1].decisions if len(years) > 1 else {})] + ["residents"]
    if team is not None:
        teams = [x for x in teams if x in (team, "residents")]
    start = years[0].outcome["calendar_year"]
    parts = []
    for who in teams:
        items = []
        for y in years[1:]:
            lines = found.get((who, y.round), [])
            choice = decision_words(who, y.decisions.get(who, {}), language) if who != "residents" else ""
            if not (choice or lines):
                continue
            body = (f"<b>{esc(t('decision'))}:</b> {esc(choice)}" if choice else "") + (
                "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>" if lines else "")
            items.append(f"<li><b>{esc(t('year'))} {start + y.round}</b> — {body}</li>")
        if items:
            parts.append(f"<h4>{esc(team_label(who, language))}</h4><ul>{''.join(items)}</ul>")
    return [pn.pane.Markdown(f"## {t('debrief_title')}"), pn.pane.Markdown(f"### {t('balance_title')}"),
            pn.pane.HTML(_table(header, rows), sizing_mode="stretch_width"),
            pn.pane.Markdown(f"### {t('path_title')}"), pn.pane.HTML("".join(parts), sizing_mode="stretch_width")]


def decision_words(team: str, d: dict, language: str) -> str:
    """A team's decision in words, e.g. 'Aanbieder 1: capaciteit 110%, intake selectief, ...'."""
    if not d:
        return ""
    t = lambda k: tr(k, language)  # noqa: E731
    yes = lambda v: t("yes") if v else t("no")  # noqa: E731
    role = team_role(team)
    if role == Role.MUNICIPALITY:
        money = (f"{t('budget_factor')} × {format_number(d.get('budget_factor', 1.0), 2)}, {t('corridor')}: "
                 f"{yes(d.get('corridor'))}" if d.get("funding") == Funding.LUMPSUM.value else
                 f"{t('price_factor')} × {format_number(d.get('price_factor', 1.0), 2)}")
        return f"{t('funding_' + d.get('funding', 'pxq'))}; {money}; {t('pay_on_time')}: {yes(d.get('pay_on_time', True))}"
    if role == Role.PROVIDER:
        return (f"{t('capacity_pct')}: {d.get('capacity_pct', 100)}%; {t('intake')}: "
                f"{t('intake_' + d.get('intake', 'standard'))}; {t('hours_pct')}: {d.get('hours_pct', 100)}%; "
                f"{t('prevention_eur')}: {format_eur(d.get('prevention_eur', 0), 0)}")
    if role == Role.AREA_TEAM:
        sent: dict[int, int] = {}
        for p in d.get("assignments", {}).values():
            sent[p] = sent.get(p, 0) + 1
        cases = ", ".join(f"{team_label(f'provider_{p}', language)} ({n})" for p, n in sorted(sent.items()))
        return (f"{t('assign')} {cases or '–'}; {t('mdo_pct')}: {d.get('mdo_pct', 0)}%; "
                f"{t('agree_results')}: {yes(d.get('agree_results'))}")
    return f"{t('cofund_eur')}: {format_eur(d.get('cofund_eur', 0), 0)}"


# ---------------------------------------------------------------------------------------------- trainer console
class TrainerView(pn.viewable.Viewer):
    """Set up a game, show code + QR, teams and who decided, trigger events, advance years, dashboard, debrief."""

    state = param.ClassSelector(class_=TrainerGame)

    def __init__(self, **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._msg = _MessageSlot(self.state)
        self._head = pn.pane.HTML(sizing_mode="stretch_width")
        self._teams = pn.pane.HTML(sizing_mode="stretch_width")
        self._events = pn.pane.HTML(sizing_mode="stretch_width")
        self._table = pn.pane.HTML(sizing_mode="stretch_width")
        self._plots = [pn.pane.HoloViews(sizing_mode="stretch_width", min_height=260) for _ in range(4)]
        self._debrief = pn.Column(sizing_mode="stretch_width")
        self._advance = pn.widgets.Button(label="…", color="primary", height=48)
        self._advance.on_click(lambda e: self.state.advance() and self.refresh())
        self.state.param.watch(lambda e: self._build(), ["language", "game_id"])
        self._build()

    def __panel__(self):
        return self._layout

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=POLL_MS)

    def _poll(self) -> None:
        try:
            if self.state.poll():
                self.refresh()
        except Exception as err:  # noqa: BLE001
            self.state.fail(err)

    def _setup_form(self, lang: str) -> list:
        t = lambda k: tr(k, lang)  # noqa: E731
        region = pn.widgets.Select(name=t("region"), options=regions(), value="Rivierenland")
        muni = pn.widgets.Select(name=t("municipality_opt"))

        def _munis(*_):
            names = [m.name for m in get_region(region.value, 2022).municipalities]
            muni.options = {"–": "", **{n: n for n in names}}
            muni.value = "Tiel" if "Tiel" in names else ""
        region.param.watch(_munis, "value")
        _munis()
        rounds = pn.widgets.Select(name=t("rounds"), options=list(range(MIN_ROUNDS, MAX_ROUNDS + 1)), value=3)
        n_prov = pn.widgets.Select(name=t("n_providers"), options=list(range(1, MAX_PROVIDERS + 1)), value=2)
        insurer = pn.widgets.Select(name=t("with_insurer"), options={t("yes"): True, t("no"): False}, value=True)
        title = pn.widgets.TextInput(name=t("title"), max_length=80)
        go = pn.widgets.Button(label=t("create"), color="primary", height=48)
        def _create(event=None):
            config = GameConfig(region=region.value, municipality=muni.value, rounds=int(rounds.value),
                                n_providers=int(n_prov.value), insurer=bool(insurer.value))
            title_text = title.value_input or title.value
            if not served():
                self.state.create(config, title_text)
                return
            ticket = self.state.create_ticket(config, title_text)
            if ticket:  # through the cookie route: a reload (F5) keeps the console from the start
                navigate(CONSOLE_PATH, f"?ticket={ticket}")
        go.on_click(_create)
        return [pn.pane.Markdown(f"## {t('as_trainer')}"), region, muni, rounds, n_prov, insurer, title, go]

    def _build(self) -> None:
        lang = self.state.language
        t = lambda k: tr(k, lang)  # noqa: E731
        if self.state.game_id is None:
            self._layout.objects = [_header(self.state), _notice(lang), self._msg.box, *self._setup_form(lang)]
            return
        buttons = []
        for e in Event:
            b = pn.widgets.Button(label=t(f"event_{e.value}"), color="default")
            b.on_click(lambda ev, e=e: self.state.trigger(e) and self.refresh())
            buttons.append(b)
        files = [pn.widgets.FileDownload(callback=self._json, filename="inkoopspel.json", label=t("download_json"),
                                         color="default", embed=False),
                 pn.widgets.FileDownload(callback=self._csv, filename="inkoopspel.csv", label=t("download_csv"),
                                         color="default", embed=False),
                 pn.widgets.FileDownload(callback=self._link, filename="inkoopspel-trainerlink.txt",
                                         label=t("trainer_link"), color="default", embed=False)]
        console = pn.Column(self._head, self._msg.box, self._advance, pn.pane.Markdown(f"### {t('teams')}"),
                            self._teams, pn.pane.Markdown(f"### {t('events')}"), pn.FlexBox(*buttons), self._events,
                            pn.FlexBox(*files), pn.pane.Markdown(t("trainer_link_note")),
                            name=t("tab_console"), sizing_mode="stretch_width")
        dash = pn.Column(pn.pane.Markdown(f"## {t('dashboard_title')}"),
                         pn.GridBox(*self._plots, ncols=2, sizing_mode="stretch_width"), self._table,
                         name=t("tab_dashboard"), sizing_mode="stretch_width")
        deb = pn.Column(self._debrief, name=t("tab_debrief"), sizing_mode="stretch_width")
        self._assumptions = pn.pane.HTML(assumptions_html(lang), sizing_mode="stretch_width")
        rules = pn.Column(pn.pane.Markdown(f"## {t('assumptions_title')}"), self._assumptions,
                          name=t("tab_assumptions"), sizing_mode="stretch_width")
        self._layout.objects = [_header(self.state), _notice(lang), pn.Tabs(console, dash, deb, rules, dynamic=True,
                                                                            sizing_mode="stretch_width")]
        self.refresh()

    def refresh(self) -> None:
        if self.state.game_id is None:
            return
        lang = self.state.language
        t = lambda k: tr(k, lang)  # noqa: E731
        svc = self.state.service
        info = svc.game(self.state.game_id)
        years = svc.years(info.game_id)
        link = join_url(info.code)
        round_line = t("finished") if info.finished else tr(
            "round_of", lang, year=info.config.start_year + info.round, round=info.round, rounds=info.config.rounds)
        place = info.config.municipality or info.config.region
        self._head.object = (
            f"<h2>{esc(info.title)} · {esc(place)}</h2><p>{esc(t('code'))}:</p><p class='pg-code'>{esc(info.code)}</p>"
            f"<p>{esc(t('join_here'))} <a style='color:#12385b' href='{esc(link)}'>{esc(link)}</a></p>{qr_svg(link, 200)}"
            f"<p class='pg-round'>{esc(round_line)}</p>")
        self._advance.label = tr("advance", lang, year=info.config.start_year + info.round)
        self._advance.disabled = info.finished
        self._advance.visible = not info.finished
        decided = svc.decided(info.game_id, info.round) if not info.finished else {}
        by_team: dict[str, list[str]] = {}
        for m in svc.members(info.game_id):
            by_team.setdefault(m.team, []).append(m.pseudonym)
        rows = []
        for team in info.config.teams():
            names = ", ".join(by_team.get(team, [])) or t("nobody")
            rows.append([team_label(team, lang), names, "" if info.finished else
                         ("✓ " + t("decided") if team in decided else "– " + t("not_decided"))])
        self._teams.object = _table([t("team"), t("pseudonym"), ""], rows)
        evs = [tr(f"event_{e}", lang) for r, e in svc.events(info.game_id, info.round)] if not info.finished else []
        self._events.object = "<ul>" + "".join(f"<li>{esc(e)}</li>" for e in evs) + "</ul>" if evs else \
            f"<p>{esc(t('no_events'))}</p>"
        df = plots.year_table(years)
        for pane, make in zip(self._plots, (plots.money_plot, plots.reserves_plot, plots.residents_plot,
                                            plots.wellbeing_plot), strict=True):
            pane.object = make(df, lang)
        cols = [("year", t("year"), str), ("spend", t("spend"), _eur), ("insurer", t("insurer_spend"), _eur),
                ("clients", t("clients"), format_number), ("waiting", t("waiting"), format_number),
                ("wellbeing", t("wellbeing"), lambda v: format_number(v, 2))]
        cols += [(c, team_label(f"provider_{c.split('_')[1]}", lang) + ": " + t("reserves").lower(), _eur)
                 for c in df.columns if c.startswith("reserves_")]
        self._table.object = _table([c[1] for c in cols], [[f(r[k]) for k, _, f in cols] for r in df.to_dict("records")])
        self._debrief.objects = debrief_panes(years, lang) if len(years) > 1 else [pn.pane.Markdown(t("no_year_yet"))]

    def _json(self) -> io.BytesIO:
        return io.BytesIO(export.game_json(self.state.service, self.state.game_id).encode("utf-8"))

    def _csv(self) -> io.BytesIO:
        doc = export.game_document(self.state.service, self.state.game_id)
        return io.BytesIO(export.years_csv(doc).encode("utf-8"))

    def _link(self) -> io.BytesIO:
        base = join_url("").split("?")[0]
        return io.BytesIO(f"{base}?trainer={self.state.secret}\n".encode())


# ---------------------------------------------------------------------------------------------- the app
class GameApp(pn.viewable.Viewer):
    """Start page, or the team page (code/token in the link), or the trainer console (secret from a saved link)."""

    trainer = param.ClassSelector(class_=TrainerGame)
    team = param.ClassSelector(class_=TeamGame)

    def __init__(self, link_error: bool = False, ticket: str = "", **params):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._view: Any = None
        self.trainer.param.watch(lambda e: setattr(self.team, "language", e.new), "language")
        self.team.param.watch(lambda e: setattr(self.trainer, "language", e.new), "language")
        if ticket and self.trainer.use_ticket(ticket):
            self.show_trainer()
        elif self.trainer.secret and self.trainer.resume():
            self.show_trainer()
            again = self.trainer.ticket() if served() else None  # the saved link becomes the console cookie
            if again:
                pn.state.onload(lambda: navigate(CONSOLE_PATH, f"?ticket={again}"))
        elif self.team.code or self.team.token:
            self.show_team()
        else:
            if link_error or ticket or self.trainer.message:
                self.team.message = self.trainer.message or {"key": "bad_trainer_link", "kind": "danger"}
            self._start()
        self.team.param.watch(lambda e: self._start() if self._view is None else None, "language")

    def __panel__(self):
        return self._layout

    def _start(self) -> None:
        self._view = None
        lang = self.team.language
        a = pn.widgets.Button(label=tr("as_team", lang), color="primary", height=60, width=260)
        b = pn.widgets.Button(label=tr("as_trainer", lang), color="default", height=60, width=260)
        a.on_click(lambda e: self.show_team())
        b.on_click(lambda e: self.show_trainer())
        self._layout.objects = [_header(self.team), _notice(lang), _MessageSlot(self.team).box,
                                pn.pane.Markdown(tr("intro", lang)), pn.FlexBox(a, b)]

    def show_trainer(self) -> None:
        self._view = TrainerView(state=self.trainer)
        self._layout.objects = [self._view]
        if served():
            self._view.start_polling()

    def show_team(self) -> None:
        self._view = TeamView(state=self.team)
        self._layout.objects = [self._view]
        if served():
            self._view.start_polling()


__all__ = ["CSS", "GameApp", "TeamView", "TrainerView", "assumptions_html", "debrief_panes", "join_url", "role_view"]
