"""Live intervision exercise: `panel serve panel_apps/intervision.py` (or `make serve` for the whole suite).

Participants open the link or QR code (``?code=...``) on their phone; the trainer starts a session
from the same page. All state lives in the database (SQLite WAL by default, ZORGLAB_DB_URL to
override), so several browser sessions and server processes share it and a restart loses nothing.
"""

import panel as pn

from zorglab.intervision.live import ParticipantState, TrainerState
from zorglab.ui.intervision_views import CSS, IntervisionApp
from zorglab.ui.theme import CSS as THEME_CSS

pn.extension(sizing_mode="stretch_width", notifications=False, raw_css=[THEME_CSS, CSS])


def _client_key() -> str:
    """The requester's address: wrong join codes are limited per address."""
    try:
        return str(pn.state.curdoc.session_context.request.remote_ip or "anonymous")
    except AttributeError:
        return "anonymous"


def create_app() -> IntervisionApp:
    """One app per browser session; code, participant token and trainer secret live in the link."""
    trainer, participant = TrainerState(), ParticipantState(client_key=_client_key())
    loc = pn.state.location
    if loc is not None:
        q = loc.query_params
        participant.code = str(q.get("code", ""))
        participant.token = str(q.get("p", ""))
        trainer.secret = str(q.get("trainer", ""))
        if q.get("language") in ("nl", "en"):
            participant.language = trainer.language = q["language"]
        loc.sync(participant, {"token": "p", "language": "language"})
        if trainer.secret:  # the projected address bar must not show the secret: drop it once loaded
            pn.state.onload(lambda: setattr(loc, "search", ""))
    return IntervisionApp(trainer=trainer, participant=participant)


if pn.state.served:
    pn.template.FastListTemplate(
        title="zorglab · Intervisie",
        main=[create_app()],
        header_background="#12385b",
        accent="#b35900",
        main_max_width="1400px",
        meta_viewport="width=device-width, initial-scale=1",  # phones: readable without zooming
    ).servable(title="Intervisie live · zorglab")
