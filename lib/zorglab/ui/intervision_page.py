"""Pieces every intervision page shares: the join link, the header with the one language switch, the
synthetic-data notice and the feedback line (serving, navigation and the QR code: ``zorglab.ui.served``).

Each piece is built once and follows the state's ``language`` (and ``message``) in a watcher, so a change
updates a property instead of redrawing the page. Anything a participant or the address bar supplied is
escaped (``render.esc`` for HTML, ``render.md_esc`` for Markdown).
"""

from __future__ import annotations

import panel as pn
import param

from zorglab.core.i18n import t
from zorglab.services.intervision import render
from zorglab.ui.intervision_strings import tr
from zorglab.ui.language import HasLanguage, language_switch
from zorglab.ui.page import LIVE_CLASS
from zorglab.ui.served import app_url

APP_PATH = "intervision"
CSS = """
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
    return app_url(APP_PATH, f"?code={code}")


class Header(pn.viewable.Viewer):
    """Title and the language switch; on a phone the switch wraps below the title instead of covering it."""

    state = param.Parameter(doc="a live state with a ``language`` parameter")
    title_key = param.String(default="app_title")
    suffix_key = param.String(default="", doc="catalogue key of the text after the title (e.g. ' · trainer')")

    def __init__(self, **params):
        super().__init__(**params)
        self._title = pn.pane.Markdown(self._text(), margin=(0, 10))
        self._box = pn.FlexBox(self._title, language_switch(self.state), flex_wrap="wrap", align_items="center",
                               justify_content="space-between", sizing_mode="stretch_width")
        self.state.param.watch(lambda e: setattr(self._title, "object", self._text()), "language")

    def _text(self) -> str:
        lang = self.state.language
        return f"# {tr(self.title_key, lang)}{tr(self.suffix_key, lang) if self.suffix_key else ''}"

    def __panel__(self):
        return self._box


def notice(state: HasLanguage) -> pn.pane.Alert:
    """The synthetic-data notice, following the state's language."""
    alert = pn.pane.Alert(t("common.synthetic_notice", state.language), alert_type="secondary",
                          sizing_mode="stretch_width")
    state.param.watch(lambda e: setattr(alert, "object", t("common.synthetic_notice", e.new)), "language")
    return alert


class MessageSlot(pn.viewable.Viewer):
    """The feedback line: one alert whose text, kind and visibility follow the state's message (no redraw).

    The box is a polite live region (``zl-live``, see zorglab.ui.page), so screen readers also hear
    "answer saved".
    """

    state = param.Parameter(doc="a live state with ``message`` and ``message_kind``")

    def __init__(self, **params):
        super().__init__(**params)
        self.alert = pn.pane.Alert("", sizing_mode="stretch_width")
        self._box = pn.Column(self.alert, sizing_mode="stretch_width", css_classes=[LIVE_CLASS])
        self.state.param.watch(self._update, ["message", "message_kind"])
        self._update()

    def _update(self, *events) -> None:
        text = self.state.message
        self.alert.param.update(object=render.md_esc(text) if text else "", alert_type=self.state.message_kind,
                                visible=bool(text))

    def __panel__(self):
        return self._box
