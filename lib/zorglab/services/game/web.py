"""The trainer stays in the game console across reloads and restarts: an HttpOnly, SameSite=Strict cookie.

The same design as ``zorglab.services.intervision.web`` (read its docstring for the why), for the game's own tables:

1. After "Spel starten", or when a saved trainer link is opened, the app sends the browser to
   ``/purchasing_game_console?ticket=T`` (a one-time ticket, 2 minutes, only its hash stored).
2. This handler redeems it, sets the console cookie (a separate random token, 24 hours, HttpOnly,
   SameSite=Strict) and a harmless hint cookie, puts a second one-time ticket in a short-lived cookie and
   sends the browser on to ``/purchasing_game?hop=1``; the app redeems that ticket while it builds the page
   and clears the address bar.
3. On a reload or after a restart the app sees the hint cookie and sends the browser through this handler,
   which turns the cookie into a fresh ticket. An unknown or expired cookie is cleared and the app says so.

The console cookie is excluded from the Bokeh session token (``SERVER_KWARGS``), so page scripts never see it.
Served by ``zorglab.serve`` as a Panel plugin (``--plugins zorglab.services.game.web``) and by the tests through
``pn.serve(..., extra_patterns=ROUTES, **SERVER_KWARGS)``.
"""

from __future__ import annotations

from zorglab.services.game.errors import GameError
from zorglab.services.intervision.web import ConsoleHandler

CONSOLE_PATH = "/purchasing_game_console"
APP_PATH = "/purchasing_game"
CONSOLE_COOKIE = "zorglab_pg_console"  # HttpOnly: the credential
HINT_COOKIE = "zorglab_pg_trainer"  # "1": this browser has a console cookie (no secret in it)
TICKET_COOKIE = "zorglab_pg_ticket"  # the one-time ticket for the next page load
SERVER_KWARGS = {"exclude_cookies": [CONSOLE_COOKIE], "exclude_headers": ["Cookie"]}


class GameConsoleHandler(ConsoleHandler):
    """Intervision's cookie route with the game's paths, cookies, service and errors."""

    app_path = APP_PATH
    console_path = CONSOLE_PATH
    console_cookie = CONSOLE_COOKIE
    hint_cookie = HINT_COOKIE
    ticket_cookie = TICKET_COOKIE
    refused = GameError

    def service(self):
        from zorglab.services.game.service import GameService

        return GameService()


ROUTES: list[tuple[str, type, dict]] = [(CONSOLE_PATH, GameConsoleHandler, {})]
