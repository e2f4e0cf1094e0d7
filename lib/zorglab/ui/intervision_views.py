"""The live intervision app: a start page that routes to the participant view (default, or ``?code=``) or the
trainer console, and the names other modules import from here.

Views only display ``zorglab.services.intervision.live`` models and call their actions; every answer and
every statistic goes through ``IntervisionService`` / ``zorglab.services.intervision.stats``. The parts:

- ``intervision_page``: join link, QR code, navigation, header with the language switch, feedback line;
- ``intervision_participant``: the phone view; ``intervision_forms``: one answer form per round kind;
- ``intervision_trainer``: the console; ``intervision_rounds``: its live parts; ``intervision_reveal``: reveals;
- ``intervision_connection``: a lost server connection is shown and repaired.
"""

from __future__ import annotations

import panel as pn
import param
from param.parameters import NoNone

from zorglab.services.intervision.errors import InvalidTrainerLinkError
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.web import CONSOLE_PATH
from zorglab.ui.intervision_page import CSS, MessageSlot, join_url, notice
from zorglab.ui.intervision_participant import ParticipantView
from zorglab.ui.intervision_strings import tr
from zorglab.ui.intervision_trainer import TrainerView
from zorglab.ui.page import PageSupport
from zorglab.ui.served import navigate, served

__all__ = ["CSS", "IntervisionApp", "ParticipantView", "TrainerView", "join_url"]


class IntervisionApp(pn.viewable.Viewer):
    """Start page that routes to the participant view (default, or ?code=) or the trainer console.

    The trainer console opens with a one-time ``ticket`` (from the console cookie, ``zorglab.services.intervision.web``),
    or with the trainer ``secret`` of a saved link, which is then exchanged for the cookie. ``link_error``
    shows why a trainer link did not open the console.
    """

    trainer = param.ClassSelector(class_=TrainerState, allow_None=NoNone)
    participant = param.ClassSelector(class_=ParticipantState, allow_None=NoNone)
    view = param.Parameter(default=None, doc="the trainer or participant view once chosen (None: the start page)")

    def __init__(self, ticket: str = "", page: str | None = None, link_error: bool = False,
                 retry_console: int = 0, **params):
        super().__init__(**params)
        self.live = PageSupport().follow(self.participant)  # <html lang> and the aria-live region of the page
        self._watch = None
        self.trainer.param.watch(lambda e: setattr(self.participant, "language", e.new), "language")
        self.participant.param.watch(lambda e: setattr(self.trainer, "language", e.new), "language")
        if served():
            from zorglab.ui.intervision_connection import ConnectionWatch

            watch = ConnectionWatch(pn.state.curdoc, self.participant.language)
            self._watch = watch
            self.participant.param.watch(lambda e: watch.set_language(e.new), "language")
        self._intro = pn.pane.Markdown("")
        self._title = pn.pane.Markdown("")
        self._as_participant = pn.widgets.Button(color="primary", height=60, width=260)
        self._as_trainer = pn.widgets.Button(color="default", height=60, width=260)
        self._as_participant.on_click(lambda e: self.show_participant())
        self._as_trainer.on_click(lambda e: self.show_trainer())
        self._start = pn.Column(self._title, notice(self.participant), MessageSlot(state=self.trainer),  # e.g. a bad link
                                self._intro, pn.FlexBox(self._as_participant, self._as_trainer),  # wraps on a phone
                                sizing_mode="stretch_width")
        self._layout = pn.Column(self._start, sizing_mode="stretch_width")
        self.participant.param.watch(lambda e: self._relabel(), "language")
        self._relabel()
        self._route(ticket, page, link_error, retry_console)

    def __panel__(self):
        return self._layout

    def _relabel(self) -> None:
        lang = self.participant.language
        self._title.object, self._intro.object = f"# {tr('app_title', lang)}", tr("intro", lang)
        self._as_participant.label, self._as_trainer.label = tr("as_participant", lang), tr("as_trainer", lang)

    def _route(self, ticket: str, page: str | None, link_error: bool, retry_console: int) -> None:
        secret = self.trainer.secret

        def go_to_console(query: str) -> None:  # once the page has loaded
            def load() -> None:
                navigate(CONSOLE_PATH, query)

            pn.state.onload(load)

        if ticket and self.trainer.use_ticket(ticket, page):
            self.show_trainer()
        elif retry_console and served():  # a reload of an address whose ticket is used up: fetch a fresh one
            self.trainer.clear_message()
            go_to_console(f"?again={int(retry_console)}")
        elif secret and self.trainer.resume():
            self.show_trainer()
            fresh = self.trainer.login_ticket()  # the saved link becomes the console cookie
            if fresh:
                go_to_console(f"?ticket={fresh}")
        elif secret or ticket or link_error:
            self.trainer._fail(InvalidTrainerLinkError())
        elif self.participant.code or self.participant.token:
            self.show_participant()

    def _open(self, view) -> None:
        self.view = view
        self._layout.objects = [view]  # once: from the start page to the chosen role
        if served():
            view.start_polling()

    def show_trainer(self) -> None:
        self._open(TrainerView(state=self.trainer, live=self.live))

    def show_participant(self) -> None:
        self._open(ParticipantView(state=self.participant, live=self.live))
