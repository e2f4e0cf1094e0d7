"""A team member's page of the purchasing game (phones and laptops): join, what the role knows, the decision form,
the debrief at the end.

Widgets are built once (the decision form when the member's team is known, the case choices once per contract
year, since each year brings new cases) and updated in place: a one-integer poll (``version``) reads the game
again, a language switch rewords labels and options and keeps every value. A teammate's save reaches this page
without overwriting what this member is typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import panel as pn
import param

from zorglab.core.formatting import format_eur, format_number
from zorglab.domain import case_text
from zorglab.domain.cases import load_cases
from zorglab.services.game.live import TeamGame
from zorglab.services.game.model import (
    DECISION_TYPES,
    MAX_PROVIDERS,
    RANGES,
    Funding,
    Intake,
    Role,
    decision_dict,
    team_role,
)
from zorglab.services.intervision.render import esc
from zorglab.ui.game_strings import team_label, tr
from zorglab.ui.game_tables import role_view
from zorglab.ui.game_widgets import DebriefPanel, LivePage, MessageSlot, header, notice

# The decision form per role: field -> its choices (label -> value) in a language. Numbers on the allowed grid
# (``RANGES``), shown as a native select: phones, keyboards and screen readers all handle one.
GRID_STEPS = {"price_factor": 0.05, "budget_factor": 0.05, "capacity_pct": 5, "hours_pct": 5, "prevention_eur": 25,
              "mdo_pct": 5, "cofund_eur": 25}
ROLE_FIELDS: dict[Role, tuple[str, ...]] = {
    Role.MUNICIPALITY: ("funding", "price_factor", "budget_factor", "corridor", "pay_on_time"),
    Role.PROVIDER: ("capacity_pct", "intake", "hours_pct", "prevention_eur"),
    Role.AREA_TEAM: ("mdo_pct", "agree_results"),
    Role.INSURER: ("cofund_eur",),
}


def _grid(name: str) -> list[int | float]:
    lo, hi = RANGES[name]
    step = GRID_STEPS[name]
    values = [round(lo + i * step, 2) for i in range(int(round((hi - lo) / step)) + 1)]
    return [int(v) if float(v).is_integer() and isinstance(lo, int) else v for v in values]


def _grid_format(name: str) -> Callable[[Any], str]:
    if name.endswith("_eur"):
        return lambda v: format_eur(v, 0)
    if name.endswith("_pct"):
        return lambda v: f"{format_number(v, 0)}%"
    return lambda v: f"× {format_number(v, 2)}"


def field_options(name: str, language: str) -> dict[str, Any]:
    """The choices of a decision field, worded in ``language`` (the values are the same in every language)."""
    if name == "funding":
        return {tr(f"funding_{f.value}", language): f.value for f in Funding}
    if name == "intake":
        return {tr(f"intake_{i.value}", language): i.value for i in Intake}
    if name in GRID_STEPS:
        fmt = _grid_format(name)
        return {fmt(v): v for v in _grid(name)}
    return {tr("yes", language): True, tr("no", language): False}  # a labelled select: Panel's checkbox has none


class TeamView(LivePage):
    """A team member's page: the join form until the member joined, then the role's figures and decision form."""

    # the annotation types ``self.state`` as never None for the type checker (param would say ``TeamGame | None``)
    state: TeamGame = param.ClassSelector(class_=TeamGame)  # type: ignore[assignment]

    def __init__(self, **params: Any):
        super().__init__(**params)
        st = self.state
        self._msg = MessageSlot(st)
        # join form
        self._join_title = pn.pane.Markdown("")
        self._code = pn.widgets.TextInput(value=st.code, max_length=12)
        self._team = pn.widgets.Select()
        self._name = pn.widgets.TextInput(max_length=30)
        self._join = pn.widgets.Button(color="primary", height=44)
        self._join.on_click(self._on_join)
        self._teams = self._offered_teams()
        self._join_box = pn.Column(self._join_title, self._code, self._team, self._name, self._join,
                                   sizing_mode="stretch_width")
        # the member's page
        self._status = pn.pane.HTML("", sizing_mode="stretch_width")
        self._know_title = pn.pane.Markdown("")
        self._know = pn.pane.HTML("", sizing_mode="stretch_width")
        self._form_title = pn.pane.Markdown("")
        self._cases_title = pn.pane.Markdown("")
        self._cases = pn.Column(sizing_mode="stretch_width")
        self._fields = pn.Column(sizing_mode="stretch_width")
        self._widgets: dict[str, pn.widgets.Select] = {}
        self._case_selects: dict[str, pn.widgets.Select] = {}
        self._case_panes: dict[str, pn.pane.HTML] = {}
        self._save = pn.widgets.Button(color="primary", height=44)
        self._save.on_click(self._on_save)
        self._load = pn.widgets.Button(color="default", height=44, visible=False)
        self._load.on_click(lambda _: self.load_team_decision())
        self._decided = pn.pane.HTML("", sizing_mode="stretch_width")
        self._form = pn.Column(self._form_title, self._cases, self._fields, self._save, self._load, self._decided,
                               sizing_mode="stretch_width")
        self._finished = pn.pane.Alert("", alert_type="info", visible=False, sizing_mode="stretch_width")
        self._debrief = DebriefPanel()
        self._debrief_box = pn.Column(self._debrief, sizing_mode="stretch_width", visible=False)
        self._member_box = pn.Column(self._know_title, self._know, self._form, self._finished, self._debrief_box,
                                     sizing_mode="stretch_width", visible=False)
        self._layout = pn.Column(header(st), notice(st), self._status, self._msg.box, self._join_box,
                                 self._member_box, sizing_mode="stretch_width")
        self._round: int | None = None
        # Mid-round updates (two phones in one team): the team's stored decision this form last took in, the form
        # values it was then filled with (anything else is the member typing), and a teammate's decision on hold.
        self._seen: dict[str, Any] | None = None
        self._shown: dict[str, Any] = {}
        self._pending: dict[str, Any] | None = None
        st.param.watch(self._reword, "language")
        self._reword()
        self._show_member()

    def __panel__(self) -> pn.Column:
        return self._layout

    # ---- words ----------------------------------------------------------------------------------------
    def _reword(self, *_: Any) -> None:
        lang = self.state.language
        self._join_title.object = f"## {tr('as_team', lang)}"
        self._code.label, self._team.label, self._name.label = tr("code", lang), tr("team", lang), tr("pseudonym", lang)
        self._team.options = {team_label(t, lang): t for t in self._teams}
        self._join.label = tr("join", lang)
        self._know_title.object = f"## {tr('what_you_know', lang)}"
        self._form_title.object = f"## {tr('your_decision', lang)}"
        self._save.label = tr("save", lang)
        self._load.label = tr("load_team_decision", lang)
        self._finished.object = tr("finished", lang)
        for name, widget in self._widgets.items():
            widget.label, widget.options = tr(name, lang), field_options(name, lang)
        self._reword_cases(lang)
        self.refresh()

    def _reword_cases(self, lang: str) -> None:
        self._cases_title.object = f"### {tr('cases_this_year', lang)}"
        cases = {c.case_id: c for c in load_cases()}
        for cid, select in self._case_selects.items():
            select.label = f"{tr('assign', lang)} ({cid})"
            select.options = {team_label(f"provider_{i}", lang): i for i in select.options.values()}
            case = cases[cid]
            self._case_panes[cid].object = (f"<div class='pg-case'><h4>{esc(cid)} · {esc(case.title(lang))}</h4>"
                                            f"<p><i>{esc(case_text.ik_wil(case, lang))}</i></p></div>")

    # ---- join -----------------------------------------------------------------------------------------
    def _offered_teams(self) -> list[str]:
        """The link's game: only the teams that play in it; without a (valid) code every team."""
        teams = ["municipality", *[f"provider_{i}" for i in range(1, MAX_PROVIDERS + 1)], "area_team", "insurer"]
        if self.state.code:
            try:
                return self.state.service.game_for_code(self.state.code, self.state.client_key,
                                                        self.state.page_key).config.teams()
            except Exception as err:  # noqa: BLE001 - a wrong code in the link: say so, offer every team
                self.state.fail(err)
        return teams

    def _on_join(self, *_: Any) -> None:
        code = self._code.value_input or self._code.value
        if self.state.join(code or "", self._team.value, self._name.value_input or self._name.value or ""):
            self._show_member()

    # ---- the member's page ----------------------------------------------------------------------------
    def _member(self):
        try:
            return self.state.member()
        except Exception as err:  # noqa: BLE001
            self.state.fail(err)
            return None

    def _show_member(self) -> None:
        me = self._member()
        self._join_box.visible = me is None
        self._member_box.visible = me is not None
        if me is not None and not self._widgets:
            lang = self.state.language
            self._widgets = {name: pn.widgets.Select(label=tr(name, lang), options=field_options(name, lang),
                                                     sizing_mode="stretch_width")
                             for name in ROLE_FIELDS[team_role(me.team)]}
            self._fields.objects = list(self._widgets.values())
            self.refresh()

    def _build_cases(self, info) -> None:
        """This year's cases for the area team: a short card and a provider choice each (spread by default)."""
        self._case_selects = {cid: pn.widgets.Select(options={str(i): i for i in range(1, info.config.n_providers + 1)},
                                                     value=k % info.config.n_providers + 1,
                                                     sizing_mode="stretch_width")
                              for k, cid in enumerate(info.cases.get(info.round, []))}
        self._case_panes = {cid: pn.pane.HTML("", sizing_mode="stretch_width") for cid in self._case_selects}
        self._reword_cases(self.state.language)
        self._cases.objects = [self._cases_title, *[x for cid in self._case_selects
                                        for x in (self._case_panes[cid], self._case_selects[cid])]]

    def _fill(self, values: dict[str, Any]) -> None:
        for k, v in values.items():
            if k == "assignments":
                for cid, provider in v.items():
                    if cid in self._case_selects:
                        self._case_selects[cid].value = provider
            elif k in self._widgets:
                self._widgets[k].value = v

    def _values(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: w.value for k, w in self._widgets.items()}
        if self._case_selects:
            out["assignments"] = {cid: s.value for cid, s in self._case_selects.items()}
        return out

    def _on_save(self, *_: Any) -> None:
        if self.state.submit(self._values()):
            self._mark_clean(self.state.last_saved)  # what the form shows is the team's decision now
            me = self._member()
            if me is not None:
                self._update_decided(me, self.state.service.game(me.game_id))

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
        ok = me.team in self.state.service.decided(info.game_id, info.round)
        cls, key = ("pg-ok", "team_decided") if ok else ("pg-no", "team_not_decided")
        self._decided.object = f"<p class='{cls}'>{esc(tr(key, self.state.language))}</p>"

    def refresh(self) -> None:
        """Read the game again: round, figures, the form for a new contract year, a teammate's save, the debrief."""
        me = self._member() if self._widgets else None
        if me is None:
            self._status.object = ""
            return
        lang, svc = self.state.language, self.state.service
        info = svc.game(me.game_id)
        years = svc.years(me.game_id)
        year = info.config.start_year + info.round
        self._status.object = (
            f"<p class='pg-round'>{esc(tr('round_of', lang, year=year, round=info.round, rounds=info.config.rounds))}"
            f"</p><p>{esc(tr('you_are', lang, team=team_label(me.team, lang), name=me.pseudonym))}</p>")
        stored = svc.decided(info.game_id, info.round)
        contract = stored.get("municipality") or years[-1].decisions.get("municipality")
        self._know.object = role_view(me.team, years, contract, lang)
        self._form.visible = not info.finished
        self._finished.visible = info.finished
        self._debrief_box.visible = info.finished
        if info.finished:
            self._debrief.update(years, lang, team=me.team)
            return
        self._update_decided(me, info)
        if self._round != info.round:  # a new contract year: new cases, the form shows what is in force
            self._round = info.round
            if me.role == Role.AREA_TEAM:
                self._build_cases(info)
            in_force = stored.get(me.team) or years[-1].decisions.get(me.team) or decision_dict(
                DECISION_TYPES[me.role]())
            self._fill({k: v for k, v in in_force.items() if k != "assignments" or me.team in stored})
            self._mark_clean(stored.get(me.team))
        elif stored.get(me.team) is not None and stored[me.team] != self._seen:  # a teammate saved mid-round
            self._take_in(stored[me.team])
