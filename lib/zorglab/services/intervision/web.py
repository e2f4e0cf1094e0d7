"""The trainer stays signed in across reloads and restarts: an HttpOnly, SameSite=Strict cookie.

Why a Tornado route next to the Panel app: only an HTTP response can set an HttpOnly cookie. The
secret never appears in the address bar or on screen:

1. The console (after "Sessie starten", or opened with a saved trainer link) sends the browser to
   ``/intervision_console?ticket=T``: ``T`` is a one-time ticket (2 minutes, only its hash stored).
2. This handler redeems it, sets the console cookie (a separate random token, 24 hours, HttpOnly,
   SameSite=Strict) and a harmless hint cookie, puts a second one-time ticket ``T2`` in a short-lived
   cookie and sends the browser on to ``/intervision?hop=1``.
3. The app redeems ``T2`` while it builds the page (before any of it reaches the browser), so the
   address bar never holds more than ``?hop=1`` -- which the app drops as well. A reload of that address
   (the ticket is used up, e.g. the reconnect script reloading twice while a restarted server settles)
   goes through this handler once more (``?again=N`` -> ``?hop=N+1``), at most ``MAX_HOPS`` times.
4. On a reload or after a server restart the app sees the hint cookie and sends the browser through
   this handler again, which turns the cookie into a fresh ticket. An expired or unknown cookie is
   cleared and the app says so.

The console cookie is excluded from the Bokeh session token (``exclude_cookies``; the ``Cookie`` header
too), so page scripts cannot read it. ``?ping=1`` answers 204: the reconnect script waits for it after a
server restart. Served by ``zorglab.serve`` as a Panel plugin (``--plugins zorglab.services.intervision.web``) and
by tests through ``pn.serve(..., extra_patterns=ROUTES, **SERVER_KWARGS)``.
"""

from __future__ import annotations

import urllib.parse

from tornado.web import RequestHandler

from zorglab.services.intervision.errors import IntervisionError, StorageError

CONSOLE_PATH = "/intervision_console"
APP_PATH = "/intervision"
CONSOLE_COOKIE = "zorglab_iv_console"  # HttpOnly: the credential
HINT_COOKIE = "zorglab_iv_trainer"  # "1": this browser has a console cookie (no secret in it)
TICKET_COOKIE = "zorglab_iv_ticket"  # the one-time ticket for the next page load (redeemed while it is built)
SERVER_KWARGS = {"exclude_cookies": [CONSOLE_COOKIE], "exclude_headers": ["Cookie"]}
CONSOLE_DAYS = 1.0  # the cookie's life; the console token in the database lives as long (service.CONSOLE_TTL_S)


MAX_HOPS = 4  # page loads that may find their ticket used up (reloads while a restarted server settles)


def hop_count(value: object) -> int:
    """How many times this page load went through the console route (``?hop=N``); 0 when absent or junk."""
    try:
        return max(0, min(int(str(value)), MAX_HOPS))
    except ValueError:
        return 0


class ConsoleHandler(RequestHandler):
    """The cookie route of one app; the purchasing game subclasses it with its own paths, cookies and service."""

    app_path = APP_PATH
    console_path = CONSOLE_PATH
    console_cookie = CONSOLE_COOKIE
    hint_cookie = HINT_COOKIE
    ticket_cookie = TICKET_COOKIE
    refused: type[Exception] = IntervisionError  # the app's "no" (unknown ticket or token): back with a message

    def service(self):
        from zorglab.services.intervision.service import IntervisionService

        return IntervisionService()

    def _app(self, **query: str) -> str:
        return self.app_path + ("?" + urllib.parse.urlencode(query) if query else "")

    def _cookie(self, name: str, value: str, path: str = "/", days: float = CONSOLE_DAYS) -> None:
        self.set_cookie(name, value, path=path, expires_days=days, httponly=True, samesite="Strict",
                        secure=self.request.protocol == "https")

    def _clear(self) -> None:
        self.clear_cookie(self.console_cookie, path="/")
        self.clear_cookie(self.hint_cookie, path="/")

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        if self.get_argument("ping", None):
            self.set_status(204)
            return
        service = self.service()
        try:
            if self.get_argument("logout", None):
                token = self.get_cookie(self.console_cookie)
                if token:
                    service.logout(token)
                self._clear()
                self.redirect(self._app(), status=303)
                return
            ticket = self.get_argument("ticket", None)
            token = self.get_cookie(self.console_cookie)
            if ticket:
                _owner, token = service.redeem_ticket(ticket)
                self._cookie(self.console_cookie, token)
                self._cookie(self.hint_cookie, "1")
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
                        f'<p><a href="{self.console_path}">Opnieuw proberen / Try again</a></p>')
            return
        except self.refused:
            self._clear()
            self.redirect(self._app(console_error="1"), status=303)
            return
        self._cookie(self.ticket_cookie, page_ticket, path=self.app_path, days=2 / 1440)
        self.redirect(self._app(hop=str(hop_count(self.get_argument("again", "0")) + 1)), status=303)


ROUTES: list[tuple[str, type, dict]] = [(CONSOLE_PATH, ConsoleHandler, {})]
