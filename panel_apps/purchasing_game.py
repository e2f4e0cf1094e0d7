"""The purchasing game: `python -m zorglab.serve` (or `make serve`) serves it with the rest of the suite.

Teams open the link or QR code (``?code=...``) on a phone or laptop and join a role; their member token
goes into the link (``?p=...``) so a reload or a server restart resumes their page. The trainer starts a
game here and stays signed in through an HttpOnly cookie (``zorglab.services.game.web``; F5 and a restart keep the
console); the saved trainer link (a file) opens it on another computer, and its secret leaves the address
bar at once. All state lives in the database (SQLite WAL by default, ZORGLAB_DB_URL),
shared with the intervision sessions.
"""

import panel as pn

from zorglab.services.game.live import TeamGame, TrainerGame
from zorglab.services.game.web import CONSOLE_PATH, HINT_COOKIE, TICKET_COOKIE
from zorglab.ui.game_views import CSS, GameApp
from zorglab.ui.page import PageSupport, make_page
from zorglab.ui.served import client_key, navigate
from zorglab.ui.theme import CSS as THEME_CSS

pn.extension(sizing_mode="stretch_width", notifications=False, raw_css=[THEME_CSS, CSS])


def create_app() -> GameApp:
    """One app per browser session; join code and member token live in the link, the trainer in a cookie."""
    trainer, team = TrainerGame(), TeamGame(client_key=client_key())
    loc = pn.state.location
    ticket, link_error = "", False
    if loc is not None:
        q = loc.query_params
        cookies = pn.state.cookies or {}
        team.code = str(q.get("code", ""))
        team.token = str(q.get("p", ""))
        trainer.secret = str(q.get("trainer", ""))
        hop = bool(q.get("hop"))  # back from the console route: its one-time ticket is in a cookie
        ticket = str(cookies.get(TICKET_COOKIE, "")) if hop else ""
        link_error = bool(q.get("console_error")) or bool(trainer.secret) or (hop and not ticket)
        if q.get("language") in ("nl", "en"):
            team.language = trainer.language = q["language"]
        loc.sync(team, {"token": "p", "language": "language"})
        if trainer.secret or hop or q.get("console_error"):  # never leave a secret in the projected address bar
            pn.state.onload(lambda: loc.param.update(search=""))
        elif cookies.get(HINT_COOKIE) and not (team.code or team.token):
            pn.state.onload(lambda: navigate(CONSOLE_PATH))  # reload/restart: the cookie brings the console back
    return GameApp(trainer=trainer, team=team, link_error=link_error, ticket=ticket)


if pn.state.served:
    app = create_app()
    support = PageSupport().follow(app.team)  # <html lang>, landmarks and widget names (zorglab.ui.page)
    make_page("zorglab · Inkoopspel", [app], support).servable(title="Inkoopspel · zorglab")
