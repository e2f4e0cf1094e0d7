"""The trainer's console of the purchasing game: set up a game, show its code and QR code, the teams and who
decided, trigger events, compute each contract year, the dashboard, the debrief and the game's assumptions.

Built once: the set-up form until a game exists, then the console's four tabs (a tab bar as in the scenario
explorer; the tab titles change words with the language, the open tab stays open). A poll of one integer
(``version``) or an action refreshes the panes' contents in place.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Any

import panel as pn
import param

from zorglab.domain.regions import get_region, regions
from zorglab.services.game import export
from zorglab.services.game.live import TrainerGame
from zorglab.services.game.model import MAX_PROVIDERS, MAX_ROUNDS, MIN_ROUNDS, Event, GameConfig
from zorglab.services.game.web import CONSOLE_PATH
from zorglab.services.intervision.render import esc
from zorglab.ui import game_plots as plots
from zorglab.ui.game_strings import team_label, tr
from zorglab.ui.game_tables import assumptions_html, html_table, years_html
from zorglab.ui.game_widgets import DebriefPanel, LivePage, MessageSlot, header, join_url, notice, tab_bar
from zorglab.ui.served import navigate, qr_svg, served

TAB_KEYS = ("tab_console", "tab_dashboard", "tab_debrief", "tab_assumptions")
DEFAULT_REGION, DEFAULT_MUNICIPALITY = "Rivierenland", "Tiel"


class TrainerView(LivePage):
    """Set up a game, then run it: code + QR, teams, events, advance the years, dashboard, debrief, assumptions."""

    state: TrainerGame = param.ClassSelector(class_=TrainerGame)  # type: ignore[assignment]  # never None

    def __init__(self, **params: Any):
        super().__init__(**params)
        st = self.state
        self._msg = MessageSlot(st)
        self._setup = self._setup_form()
        # the console tab
        self._head = pn.pane.HTML("", sizing_mode="stretch_width")
        self._advance = pn.widgets.Button(label="…", color="primary", height=48)
        self._advance.on_click(self._on_advance)
        self._teams_title, self._events_title = pn.pane.Markdown(""), pn.pane.Markdown("")
        self._teams = pn.pane.HTML("", sizing_mode="stretch_width")
        self._event_buttons = {e: pn.widgets.Button(color="default") for e in Event}
        for event, button in self._event_buttons.items():
            button.on_click(partial(self._on_event, event))
        self._events = pn.pane.HTML("", sizing_mode="stretch_width")
        self._files = {
            key: pn.widgets.FileDownload(callback=make, filename=name, label=key, embed=False)
            for key, make, name in (("download_json", self._json, "game.json"), ("download_csv", self._csv, "game.csv"),
                                    ("trainer_link", self._link, "trainer_link.txt"))}  # words: _reword
        self._link_note = pn.pane.Markdown("")
        console = pn.Column(self._head, self._advance, self._teams_title, self._teams,
                            self._events_title, pn.FlexBox(*self._event_buttons.values()), self._events,
                            pn.FlexBox(*self._files.values()), self._link_note, sizing_mode="stretch_width")
        # the other tabs
        self._dash_title = pn.pane.Markdown("")
        self._plots = [pn.pane.HoloViews(sizing_mode="stretch_width", min_height=260) for _ in range(4)]
        self._table = pn.pane.HTML("", sizing_mode="stretch_width")
        self._drawn: tuple[int, str] | None = None  # (computed years, language) the dashboard and debrief show
        dashboard = pn.Column(self._dash_title, pn.GridBox(*self._plots, ncols=2, sizing_mode="stretch_width"),
                              self._table, sizing_mode="stretch_width")
        self._debrief = DebriefPanel()
        self._assumptions_title = pn.pane.Markdown("")
        self._assumptions = pn.pane.HTML("", sizing_mode="stretch_width")
        rules = pn.Column(self._assumptions_title, self._assumptions, sizing_mode="stretch_width")
        self._tabs = dict(zip(TAB_KEYS, (console, dashboard, pn.Column(self._debrief, sizing_mode="stretch_width"),
                                         rules), strict=True))
        self._tab_bar = tab_bar(TAB_KEYS, st.language)
        self._tab_bar.param.watch(lambda e: self.open_tab(e.new), "value")
        self._console = pn.Column(self._tab_bar, *self._tabs.values(), sizing_mode="stretch_width")
        # one feedback line for the set-up form and the console (a message shown twice confuses screen readers)
        self._layout = pn.Column(header(st), notice(st), self._msg.box, self._setup, self._console,
                                 sizing_mode="stretch_width")
        st.param.watch(self._reword, "language")
        st.param.watch(self._new_game, "game_id")
        self.open_tab(TAB_KEYS[0])
        self._show()
        self._reword()  # words in the page's language, then the game's figures (once)

    def __panel__(self) -> pn.Column:
        return self._layout

    def open_tab(self, key: str) -> None:
        for k, tab in self._tabs.items():
            tab.visible = k == key
        self._tab_bar.value = key

    # ---- set-up ---------------------------------------------------------------------------------------
    def _setup_form(self) -> pn.Column:
        self._region = pn.widgets.Select(options=regions(), value=DEFAULT_REGION)
        self._municipality = pn.widgets.Select()
        self._region.param.watch(self._municipalities, "value")
        self._municipalities()
        self._rounds = pn.widgets.Select(options=list(range(MIN_ROUNDS, MAX_ROUNDS + 1)), value=3)
        self._n_providers = pn.widgets.Select(options=list(range(1, MAX_PROVIDERS + 1)), value=2)
        self._insurer = pn.widgets.Select(value=True, options=[True, False])
        self._title = pn.widgets.TextInput(max_length=80)
        self._create = pn.widgets.Button(color="primary", height=48)
        self._create.on_click(self._on_create)
        self._setup_title = pn.pane.Markdown("")
        return pn.Column(self._setup_title, self._region, self._municipality, self._rounds,
                         self._n_providers, self._insurer, self._title, self._create, sizing_mode="stretch_width")

    def _municipalities(self, *_: Any) -> None:
        names = [m.name for m in get_region(self._region.value, 2022).municipalities]
        self._municipality.options = {"–": "", **{n: n for n in names}}
        self._municipality.value = DEFAULT_MUNICIPALITY if DEFAULT_MUNICIPALITY in names else ""

    def _on_create(self, *_: Any) -> None:
        config = GameConfig(region=self._region.value, municipality=self._municipality.value,
                            rounds=int(self._rounds.value), n_providers=int(self._n_providers.value),
                            insurer=bool(self._insurer.value))
        title = self._title.value_input or self._title.value or ""
        if not served():
            self.state.create(config, title)
            return
        ticket = self.state.create_ticket(config, title)
        if ticket:  # through the cookie route: a reload (F5) keeps the console from the start
            navigate(CONSOLE_PATH, f"?ticket={ticket}")

    # ---- words and pages ------------------------------------------------------------------------------
    def _reword(self, *_: Any) -> None:
        lang = self.state.language

        def w(k: str) -> str:
            return tr(k, lang)
        self._setup_title.object = f"## {w('as_trainer')}"
        for widget, key in ((self._region, "region"), (self._municipality, "municipality_opt"),
                            (self._rounds, "rounds"), (self._n_providers, "n_providers"),
                            (self._insurer, "with_insurer"), (self._title, "title")):
            widget.label = w(key)
        self._insurer.options = {w("yes"): True, w("no"): False}
        self._create.label = w("create")
        self._teams_title.object, self._events_title.object = f"### {w('teams')}", f"### {w('events')}"
        for event, button in self._event_buttons.items():
            button.label = w(f"event_{event.value}")
        for key, download in self._files.items():
            download.label = w(key)
        self._files["download_json"].filename = f"{w('file_game')}.json"
        self._files["download_csv"].filename = f"{w('file_game')}.csv"
        self._files["trainer_link"].filename = f"{w('file_trainer_link')}.txt"
        self._link_note.object = w("trainer_link_note")
        self._dash_title.object = f"## {w('dashboard_title')}"
        self._assumptions_title.object = f"## {w('assumptions_title')}"
        self._assumptions.object = assumptions_html(lang)
        self._tab_bar.options = {w(k): k for k in TAB_KEYS}  # same values: the open tab stays open
        self.refresh()

    def _show(self) -> None:
        """The set-up form until there is a game, then the console."""
        self._setup.visible = self.state.game_id is None
        self._console.visible = self.state.game_id is not None

    def _new_game(self, *_: Any) -> None:
        self._drawn = None  # another game: draw its years
        self._show()
        self.refresh()

    def refresh(self) -> None:
        """Read the game again and update every pane: head, teams, events, dashboard, debrief."""
        if self.state.game_id is None:
            return
        lang = self.state.language

        def w(k: str) -> str:
            return tr(k, lang)
        svc = self.state.service
        info = svc.game(self.state.game_id)
        years = svc.years(info.game_id)
        link = join_url(info.code)
        round_line = w("finished") if info.finished else tr(
            "round_of", lang, year=info.config.start_year + info.round, round=info.round, rounds=info.config.rounds)
        place = info.config.municipality or info.config.region
        self._head.object = (
            f"<h2>{esc(info.title)} · {esc(place)}</h2><p>{esc(w('code'))}:</p><p class='pg-code'>{esc(info.code)}</p>"
            f"<p>{esc(w('join_here'))} <a style='color:#12385b' href='{esc(link)}'>{esc(link)}</a></p>"
            f"{qr_svg(link, 200)}<p class='pg-round'>{esc(round_line)}</p>")
        self._advance.label = tr("advance", lang, year=info.config.start_year + info.round)
        self._advance.disabled, self._advance.visible = info.finished, not info.finished
        decided = svc.decided(info.game_id, info.round) if not info.finished else {}
        by_team: dict[str, list[str]] = {}
        for m in svc.members(info.game_id):
            by_team.setdefault(m.team, []).append(m.pseudonym)
        rows = [[team_label(team, lang), ", ".join(by_team.get(team, [])) or w("nobody"),
                 "" if info.finished else ("✓ " + w("decided") if team in decided else "– " + w("not_decided"))]
                for team in info.config.teams()]
        self._teams.object = html_table([w("team"), w("pseudonym"), ""], rows)
        events = [w(f"event_{e}") for _, e in svc.events(info.game_id, info.round)] if not info.finished else []
        self._events.object = ("<ul>" + "".join(f"<li>{esc(e)}</li>" for e in events) + "</ul>" if events
                               else f"<p>{esc(w('no_events'))}</p>")
        for button in self._event_buttons.values():
            button.disabled = info.finished
        if self._drawn != (len(years), lang):  # a team's save or an event leaves the computed years as they are
            self._drawn = (len(years), lang)
            df = plots.year_table(years)
            for pane, make in zip(self._plots, (plots.money_plot, plots.reserves_plot, plots.residents_plot,
                                                plots.wellbeing_plot), strict=True):
                pane.object = make(df, lang)
            self._table.object = years_html(df, lang)
            self._debrief.update(years, lang)

    def _on_advance(self, *_: Any) -> None:
        if self.state.advance():
            self.refresh()

    def _on_event(self, event: Event, *_: Any) -> None:
        if self.state.trigger(event):
            self.refresh()

    # ---- downloads ------------------------------------------------------------------------------------
    def _json(self) -> io.BytesIO:
        if self.state.game_id is None:  # no game yet: nothing to download
            return io.BytesIO(b"")
        return io.BytesIO(export.game_json(self.state.service, self.state.game_id).encode("utf-8"))

    def _csv(self) -> io.BytesIO:
        if self.state.game_id is None:
            return io.BytesIO(b"")
        doc = export.game_document(self.state.service, self.state.game_id)
        return io.BytesIO(export.years_csv(doc).encode("utf-8"))

    def _link(self) -> io.BytesIO:
        base = join_url("").split("?")[0]
        return io.BytesIO(f"{base}?trainer={self.state.secret}\n".encode())
