"""Pieces every purchasing-game page shares: the header with the language switch, the synthetic-data notice, the
feedback line, the debrief, the tab bar and the join link.

Each piece is built once and rewords itself in a watcher when its state's ``language`` changes (the HoloViz
pattern of ``zorglab.ui.scenario_explorer``): a language switch sends new words, never a new layout.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param

from zorglab.core.i18n import t
from zorglab.services.game.live import LiveGame
from zorglab.services.intervision.render import esc, md_esc
from zorglab.ui.game_strings import say, tr
from zorglab.ui.game_tables import balance_html, path_html
from zorglab.ui.language import HasLanguage, language_switch
from zorglab.ui.page import LIVE_CLASS
from zorglab.ui.served import app_url

APP_PATH = "purchasing_game"
POLL_MS = 1000
CSS = """
.pg-code { font-size: 44px; font-weight: 800; letter-spacing: 6px; color: #12385b; margin: 0; }
.pg-round { font-size: 18px; font-weight: 700; color: #12385b; }
.pg-case h4 { margin: 6px 0 2px 0; color: #12385b; }
.pg-case p { margin: 0 0 4px 0; font-size: 15px; }
.pg-ok { color: #1d6b35; font-weight: 600; }
.pg-no { color: #a4161a; font-weight: 600; }
table.zl-table { max-width: 100%; }
.pg-scroll { overflow-x: auto; max-width: 100%; }
"""


class LivePage(pn.viewable.Viewer):
    """A game page that follows the database: every ``POLL_MS`` one look at the game's change counter, and a
    ``refresh`` only when it moved; a database failure becomes the feedback line, never a traceback."""

    state: LiveGame = param.ClassSelector(class_=LiveGame)  # type: ignore[assignment]  # never None

    def start_polling(self) -> None:
        pn.state.add_periodic_callback(self._poll, period=POLL_MS)

    def _poll(self) -> None:
        try:
            if self.state.poll():
                self.refresh()
        except Exception as err:  # noqa: BLE001 - the database went away between poll and read
            self.state.fail(err)

    def refresh(self) -> None:
        raise NotImplementedError


def join_url(code: str) -> str:
    """The link in the QR code: the room address (ZORGLAB_PUBLIC_URL) plus the app and the code."""
    return app_url(APP_PATH, f"?code={code}")


def reword(state: HasLanguage, update: Any) -> None:
    """Call ``update(language)`` now and whenever ``state.language`` changes."""
    state.param.watch(lambda event: update(event.new), "language")
    update(state.language)


def header(state: HasLanguage) -> pn.FlexBox:
    """The game's title and the suite's language switch; on a phone the switch wraps below the title."""
    title = pn.pane.Markdown("", margin=(0, 10))
    reword(state, lambda lang: setattr(title, "object", f"# {tr('app_title', lang)}"))
    return pn.FlexBox(title, language_switch(state), flex_wrap="wrap", align_items="center",
                      justify_content="space-between", sizing_mode="stretch_width")


def notice(state: HasLanguage) -> pn.pane.HTML:
    """Synthetic data, no real clients: on every page."""
    pane = pn.pane.HTML("", sizing_mode="stretch_width")

    def update(lang: str) -> None:
        text = esc(t("common.synthetic_notice", lang) + " " + tr("synthetic", lang))
        pane.object = (f"<p style='color:#1b1f24;background:#eef1f5;padding:8px 12px;border-radius:6px;"
                       f"margin:0;font-size:14px'>{text}</p>")
    reword(state, update)
    return pane


class MessageSlot:
    """The feedback line: one alert, worded from the state's message code, hidden when there is none. A polite
    live region (``zl-live``), so screen readers hear "decision saved" too."""

    def __init__(self, state: Any):
        self.state = state
        self.alert = pn.pane.Alert("", alert_type="info", visible=False, sizing_mode="stretch_width")
        self.box = pn.Column(self.alert, sizing_mode="stretch_width", css_classes=[LIVE_CLASS])
        state.param.watch(self._update, ["message", "language"])
        self._update()

    def _update(self, *_: Any) -> None:
        message = self.state.message
        if message:
            values = {k: v for k, v in message.items() if k != "key"}
            self.alert.object = md_esc(say(message.get("key", ""), self.state.language, **values))
            self.alert.alert_type = message.get("kind", "info")
        self.alert.visible = bool(message)


class DebriefPanel(pn.viewable.Viewer):
    """The debrief: the balance (who gained, who paid, residents) and each role's path; filled by ``update``."""

    def __init__(self, **params: Any):
        super().__init__(**params)
        self._title = pn.pane.Markdown("")
        self._balance_title = pn.pane.Markdown("")
        self._balance = pn.pane.HTML("", sizing_mode="stretch_width")
        self._path_title = pn.pane.Markdown("")
        self._path = pn.pane.HTML("", sizing_mode="stretch_width")
        self._empty = pn.pane.Markdown("")
        self._layout = pn.Column(self._title, self._balance_title, self._balance, self._path_title, self._path,
                                 self._empty, sizing_mode="stretch_width")

    def __panel__(self) -> pn.Column:
        return self._layout

    def update(self, years: list, language: str, team: str | None = None) -> None:
        ready = len(years) > 1
        for pane in (self._title, self._balance_title, self._balance, self._path_title, self._path):
            pane.visible = ready
        self._empty.visible = not ready
        self._empty.object = tr("no_year_yet", language)
        if ready:
            self._title.object = f"## {tr('debrief_title', language)}"
            self._balance_title.object = f"### {tr('balance_title', language)}"
            self._balance.object = balance_html(years, language)
            self._path_title.object = f"### {tr('path_title', language)}"
            self._path.object = path_html(years, language, team)


def tab_bar(keys: tuple[str, ...], language: str) -> pn.widgets.RadioButtonGroup:
    """A row of tab buttons (the explorer's tab bar): same values in every language, new words on a switch."""
    return pn.widgets.RadioButtonGroup(options={tr(k, language): k for k in keys}, value=keys[0], color="primary",
                                       variant="outline", sizing_mode="stretch_width", margin=(5, 5, 10, 5),
                                       stylesheets=[".bk-btn-group { flex-wrap: wrap; row-gap: 4px; }"])
