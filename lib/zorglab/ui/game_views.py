"""The purchasing game's app: the start page, or the team page (code/token in the link), or the trainer console.

The pages live in their own modules: ``game_team`` (a team member on a phone or laptop), ``game_console`` (the
trainer), ``game_widgets`` (header, notice, messages, debrief), ``game_tables`` (figures as HTML). Views only show
``zorglab.services.game.live`` models and call their actions; every number comes from
``zorglab.services.game.service``; codes are worded by ``zorglab.ui.game_strings``.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param

from zorglab.services.game.live import TeamGame, TrainerGame
from zorglab.services.game.web import CONSOLE_PATH
from zorglab.ui.game_console import TrainerView
from zorglab.ui.game_strings import tr
from zorglab.ui.game_tables import assumptions_html, role_view
from zorglab.ui.game_team import TeamView
from zorglab.ui.game_widgets import CSS, MessageSlot, header, join_url, notice
from zorglab.ui.served import navigate, served


class GameApp(pn.viewable.Viewer):
    """Start page, or the team page (code/token in the link), or the trainer console (secret from a saved link)."""

    trainer: TrainerGame = param.ClassSelector(class_=TrainerGame)  # type: ignore[assignment]  # never None
    team: TeamGame = param.ClassSelector(class_=TeamGame)  # type: ignore[assignment]

    def __init__(self, link_error: bool = False, ticket: str = "", **params: Any):
        super().__init__(**params)
        self._layout = pn.Column(sizing_mode="stretch_width")
        self._view: TrainerView | TeamView | None = None
        # one language for the page, whichever state the switch on screen is bound to
        self.trainer.param.watch(lambda e: setattr(self.team, "language", e.new), "language")
        self.team.param.watch(lambda e: setattr(self.trainer, "language", e.new), "language")
        self._intro = pn.pane.Markdown("")
        self._as_team = pn.widgets.Button(color="primary", height=60, width=260)
        self._as_trainer = pn.widgets.Button(color="default", height=60, width=260)
        self._as_team.on_click(lambda _: self.show_team())
        self._as_trainer.on_click(lambda _: self.show_trainer())
        self._start = pn.Column(header(self.team), notice(self.team), MessageSlot(self.team).box, self._intro,
                                pn.FlexBox(self._as_team, self._as_trainer), sizing_mode="stretch_width")
        self.team.param.watch(self._reword, "language")
        self._reword()
        if ticket and self.trainer.use_ticket(ticket):
            self.show_trainer()
        elif self.trainer.secret and self.trainer.resume():
            self.show_trainer()
            again = self.trainer.ticket() if served() else None  # the saved link becomes the console cookie
            if again:
                def _to_console(ticket: str = again) -> None:
                    navigate(CONSOLE_PATH, f"?ticket={ticket}")
                pn.state.onload(_to_console)
        elif self.team.code or self.team.token:
            self.show_team()
        else:
            if link_error or ticket or self.trainer.message:
                self.team.message = self.trainer.message or {"key": "bad_trainer_link", "kind": "danger"}
            self._layout.objects = [self._start]

    def __panel__(self) -> pn.Column:
        return self._layout

    def _reword(self, *_: Any) -> None:
        lang = self.team.language
        self._intro.object = tr("intro", lang)
        self._as_team.label, self._as_trainer.label = tr("as_team", lang), tr("as_trainer", lang)

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


__all__ = ["CSS", "GameApp", "TeamView", "TrainerView", "assumptions_html", "join_url", "role_view"]
