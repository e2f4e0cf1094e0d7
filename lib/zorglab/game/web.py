"""The trainer stays in the game console across reloads and restarts: an HttpOnly, SameSite=Strict cookie.

The same design as ``zorglab.intervision.web`` (read its docstring for the why), for the game's own tables:

1. After "Spel starten", or when a saved trainer link is opened, the app sends the browser to
   ``/purchasing_game_console?ticket=T`` (a one-time ticket, 2 minutes, only its hash stored).
2. This handler redeems it, sets the console cookie (a separate random token, 24 hours, HttpOnly,
   SameSite=Strict) and a harmless hint cookie, puts a second one-time ticket in a short-lived cookie and
   sends the browser on to ``/purchasing_game?hop=1``; the app redeems that ticket while it builds the page
   and clears the address bar.
3. On a reload or after a restart the app sees the hint cookie and sends the browser through this handler,
   which turns the cookie into a fresh ticket. An unknown or expired cookie is cleared and the app says so.

The console cookie is excluded from the Bokeh session token (``SERVER_KWARGS``), so page scripts never see it.
Served by ``zorglab.serve`` as a Panel plugin (``--plugins zorglab.game.web``) and by the tests through
``pn.serve(..., extra_patterns=ROUTES, **SERVER_KWARGS)``.
"""

from __future__ import annotations

import urllib.parse

from tornado.web import RequestHandler

from ..intervision.errors import StorageError
from .errors import GameError

CONSOLE_PATH = "/purchasing_game_console"
APP_PATH = "/purchasing_game"
CONSOLE_COOKIE = "zorglab_pg_console"  # HttpOnly: the credential
HINT_COOKIE = "zorglab_pg_trainer"  # "1": this browser has a console cookie (no secret in it)
TICKET_COOKIE = "zorglab_pg_ticket"  # the one-time ticket for the next page load
SERVER_KWARGS = {"exclude_cookies": [CONSOLE_COOKIE], "exclude_headers": ["Cookie"]}
CONSOLE_DAYS = 1.0


class GameConsoleHandler(RequestHandler):
    def _app(self, **query: str) -> str:
        return APP_PATH + ("?" + urllib.parse.urlencode(query) if query else "")

    def _cookie(self, name: str, value: str, path: str = "/", days: float = CONSOLE_DAYS) -> None:
        self.set_cookie(name, value, path=path, expires_days=days, httponly=True, samesite="Strict",
                        secure=self.request.protocol == "https")

    def _clear(self) -> None:
        self.clear_cookie(CONSOLE_COOKIE, path="/")
        self.clear_cookie(HINT_COOKIE, path="/")

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        if self.get_argument("ping", None):
            self.set_status(204)
            return
        from .service import GameService

        service = GameService()
        try:
            if self.get_argument("logout", None):
                token = self.get_cookie(CONSOLE_COOKIE)
                if token:
                    service.logout(token)
                self._clear()
                self.redirect(self._app(), status=303)
                return
            ticket = self.get_argument("ticket", None)
            token = self.get_cookie(CONSOLE_COOKIE)
            if ticket:
                _gid, token = service.redeem_ticket(ticket)
                self._cookie(CONSOLE_COOKIE, token)
                self._cookie(HINT_COOKIE, "1")
            if not token:
                self._clear()
                self.redirect(self._app(console_error="1"), status=303)
                return
            page_ticket = service.login_ticket(token)
        except StorageError as err:
            self.set_status(503)
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Retry-After", "5")
            self.finish(f"<!doctype html><meta charset=utf-8><p>{err.nl}</p><p>{err.en}</p>"
                        f'<p><a href="{CONSOLE_PATH}">Opnieuw proberen / Try again</a></p>')
            return
        except GameError:
            self._clear()
            self.redirect(self._app(console_error="1"), status=303)
            return
        self._cookie(TICKET_COOKIE, page_ticket, path=APP_PATH, days=2 / 1440)
        self.redirect(self._app(hop="1"), status=303)


ROUTES = [(CONSOLE_PATH, GameConsoleHandler, {})]
