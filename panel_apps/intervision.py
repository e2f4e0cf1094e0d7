"""Live intervision exercise: `python -m zorglab.serve` (or `make serve`) serves it with the rest of the suite.

Participants open the link or QR code (``?code=...``) on their phone; the trainer starts a session
from the same page. All state lives in the database (SQLite WAL by default, ZORGLAB_DB_URL for
PostgreSQL), so several browser sessions and server processes share it and a restart loses nothing.
The trainer stays signed in through an HttpOnly cookie (``zorglab.services.intervision.web``): the secret is
never in the address bar or on screen.
"""

import panel as pn

from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.web import CONSOLE_PATH, HINT_COOKIE, MAX_HOPS, TICKET_COOKIE, hop_count
from zorglab.ui.intervision_strings import tr
from zorglab.ui.intervision_views import CSS, IntervisionApp
from zorglab.ui.page import make_page
from zorglab.ui.served import client_key, navigate
from zorglab.ui.theme import CSS as THEME_CSS

pn.extension(sizing_mode="stretch_width", notifications=False, raw_css=[THEME_CSS, CSS])


def _page_id() -> str | None:
    """This page's Bokeh session id: the same in every server process that builds this page."""
    try:
        return str(pn.state.curdoc.session_context.id)
    except AttributeError:
        return None


def create_app() -> IntervisionApp:
    """One app per browser session; code and participant token live in the link, the trainer in a cookie."""
    trainer, participant = TrainerState(), ParticipantState(client_key=client_key())
    loc = pn.state.location
    ticket, link_error, hop, retry, q, cookies = "", False, 0, 0, {}, {}
    if loc is not None:
        q = loc.query_params
        participant.code = str(q.get("code", ""))
        participant.token = str(q.get("p", ""))
        trainer.secret = str(q.get("trainer", ""))
        cookies = pn.state.cookies or {}
        hop = hop_count(q.get("hop"))  # just back from the console route: its one-time ticket is in a cookie
        ticket = str(cookies.get(TICKET_COOKIE, "")) if hop else ""
        # a reload of a ?hop= address (ticket used up or expired) fetches a fresh one, a few times at most
        retry = hop if 0 < hop < MAX_HOPS and cookies.get(HINT_COOKIE) else 0
        link_error = bool(q.get("console_error")) or (bool(hop) and not ticket and not retry)
        if q.get("language") in ("nl", "en"):
            participant.language = trainer.language = q["language"]
        loc.sync(participant, {"token": "p", "language": "language"})
        if trainer.secret or hop or link_error:  # never leave a secret in the projected address bar
            pn.state.onload(lambda: loc.param.update(search=""))
        elif cookies.get(HINT_COOKIE) and not (participant.code or participant.token):
            pn.state.onload(lambda: navigate(CONSOLE_PATH))  # reload/restart: the cookie brings the console back
    return IntervisionApp(trainer=trainer, participant=participant, ticket=ticket, page=_page_id(),
                          link_error=link_error, retry_console=retry)


if pn.state.served:
    app = create_app()
    lang = app.participant.language  # the language of the link (?language=en), else Dutch
    make_page(f"zorglab · {tr('app_short', lang)}", [app], app.live).servable(title=f"{tr('app_title', lang)} · zorglab")
