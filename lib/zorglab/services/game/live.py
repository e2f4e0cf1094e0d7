"""Per-browser state of the purchasing game (trainer console or team member) as ``param`` models.

Why in lib: the Panel views only show these and call their actions; tests drive them without a browser.
An action never raises: it puts a message *code* and its values in ``message`` (the view words it), so a
phone never shows a traceback and the form keeps what the team chose.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

import param

from zorglab.core.i18n import LANGUAGES
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.model import Event, GameConfig
from zorglab.services.game.service import GameInfo, GameService, Member
from zorglab.services.intervision.errors import IntervisionError, StorageError

log = logging.getLogger(__name__)


class LiveGame(param.Parameterized):
    """What a trainer's and a team's page share: language, the feedback line, the change counter."""

    language: param.Selector[str] = param.Selector(default="nl", objects=list(LANGUAGES))
    message = param.Dict(default={}, doc="{'key': message code, 'kind': info|success|danger, **values}")
    version = param.Integer(default=-1)
    db_ok = param.Boolean(default=True)

    def __init__(self, service: GameService | None = None, **params):
        super().__init__(**params)
        self._service = service

    @property
    def service(self) -> GameService:
        if self._service is None:
            self._service = GameService()
        return self._service

    def say(self, key: str, kind: str = "info", **values: Any) -> None:
        self.message = {"key": key, "kind": kind, **values}

    def fail(self, err: Exception) -> None:
        if isinstance(err, GameError):
            self.message = {"key": f"err_{err.code.value}", "kind": "danger", **err.params}
        elif isinstance(err, IntervisionError):  # storage trouble, join throttling: already bilingual
            self.message = {"key": "", "kind": "danger", "nl": err.nl, "en": err.en}
        else:
            log.exception("purchasing game action failed")
            err = StorageError()
            self.message = {"key": "", "kind": "danger", "nl": err.nl, "en": err.en}

    def poll(self) -> bool:
        """True when the game changed since the last look."""
        raise NotImplementedError

    def _poll(self, game_id: int | None) -> bool:
        if game_id is None:
            return False
        try:
            v = self.service.version(game_id)
        except IntervisionError as err:
            if self.db_ok:
                self.db_ok = False
                self.fail(err)
            return False
        if not self.db_ok:
            self.db_ok = True
            self.message = {}
        changed, self.version = v != self.version, v
        return changed


class TrainerGame(LiveGame):
    """The trainer's game: created here or resumed with the trainer secret (saved trainer link)."""

    secret = param.String(default="", doc="never sent to the browser; only its hash is stored")
    game_id = param.Integer(default=None, allow_None=True)

    def create(self, config: GameConfig, title: str = "") -> bool:
        try:
            created = self.service.create_game(config, title=title, language=self.language)
        except Exception as err:  # noqa: BLE001 - every failure becomes a message
            self.fail(err)
            return False
        self.secret, self.game_id = created.trainer_secret, created.game_id
        self.say("msg_created", "success")
        return True

    def create_ticket(self, config: GameConfig, title: str = "") -> str | None:
        """Create a game and return a one-time login ticket for it (the served console goes through the cookie
        route with it, so a reload keeps the console from the start); None on failure, with the reason."""
        if not self.create(config, title):
            return None
        return self.ticket()

    def ticket(self) -> str | None:
        """A one-time login ticket for this console (for the cookie route)."""
        try:
            return self.service.login_ticket(self.secret)
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return None

    def use_ticket(self, ticket: str) -> bool:
        """Sign in with a one-time ticket (from the cookie route); the console token is kept server-side."""
        try:
            gid, token = self.service.redeem_ticket(ticket)
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return False
        self.secret, self.game_id = token, gid
        return True

    def resume(self) -> bool:
        if not self.secret:
            return False
        try:
            self.game_id = self.service.game_for_trainer(self.secret).game_id
        except Exception as err:  # noqa: BLE001
            self.secret = ""
            self.fail(err)
            return False
        return True

    @property
    def info(self) -> GameInfo:
        if self.game_id is None:
            raise GameError(ErrorCode.NOT_AUTHORISED)
        return self.service.game(self.game_id)

    def trigger(self, event: Event | str) -> bool:
        try:
            self.service.trigger_event(self.secret, event)
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return False
        self.say("msg_event", "success", event=str(event))
        return True

    def advance(self) -> bool:
        try:
            year = self.service.advance(self.secret)
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return False
        self.say("msg_advanced", "success", round=year.round)
        return True

    def poll(self) -> bool:
        return self._poll(self.game_id)


class TeamGame(LiveGame):
    """A team member on a phone or laptop: join code in the link, member token after joining (resume)."""

    code = param.String(default="")
    token = param.String(default="")
    client_key = param.String(default="anonymous")
    page_key = param.String(default="")

    def __init__(self, service: GameService | None = None, **params):
        super().__init__(service, **params)
        if not self.page_key:
            self.page_key = secrets.token_hex(8)
        self.last_saved: dict[str, Any] | None = None  # the decision as stored by this member's last save

    def join(self, code: str, team: str, pseudonym: str) -> bool:
        try:
            member, token = self.service.join(code, team, pseudonym, client_key=self.client_key,
                                              page_key=self.page_key)
            self.code = self.service.game(member.game_id).code
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return False
        self.token = token
        self.say("msg_joined", "success", team=team)
        return True

    def member(self) -> Member | None:
        """The member this token belongs to; None when there is none (a database failure raises)."""
        if not self.token:
            return None
        try:
            return self.service.member(self.token)
        except GameError:
            return None

    def submit(self, raw: dict[str, Any]) -> bool:
        try:
            self.last_saved = self.service.submit(self.token, raw)
        except Exception as err:  # noqa: BLE001
            self.fail(err)
            return False
        self.say("msg_saved", "success")
        return True

    def poll(self) -> bool:
        try:
            me = self.member()
        except IntervisionError as err:
            if self.db_ok:
                self.db_ok = False
                self.fail(err)
            return False
        return self._poll(me.game_id if me else None)
