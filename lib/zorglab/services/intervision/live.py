"""Per-browser state of the live exercise (trainer or participant) as ``param`` models.

Why in lib: the Panel views only display these models; tests drive them without a browser. Every
action returns nothing and puts an actionable message in ``message`` (worded again when the language
changes) instead of raising, so a phone never shows a traceback and the form keeps what the participant typed. A database failure is a
message too (``StorageError``): the action tells the user it did not happen, and nothing is half-saved.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

import param

from zorglab.core.errors import UnknownNameError
from zorglab.core.i18n import LANGUAGES, Translator
from zorglab.services.intervision.errors import IntervisionError, StorageError
from zorglab.services.intervision.models import RoundSpec
from zorglab.services.intervision.records import SessionInfo
from zorglab.services.intervision.service import IntervisionService

log = logging.getLogger(__name__)
tr = Translator("intervision")


def _words(err: Exception) -> Callable[[str], str]:
    """The error's message in any language (an IntervisionError is worded from the catalogue)."""
    if isinstance(err, IntervisionError):
        return err.text
    return lambda language: str(err)


class _LiveBase(param.Parameterized):
    language: param.Selector[str] = param.Selector(default="nl", objects=list(LANGUAGES))
    message = param.String(default="", doc="last feedback for the user (already in the chosen language)")
    message_kind: param.Selector[str] = param.Selector(default="info", objects=["info", "success", "danger"])
    message_round = param.Integer(default=None, allow_None=True, doc="the round a confirmation belongs to")
    version = param.Integer(default=-1, doc="the session's change counter last seen")
    db_ok = param.Boolean(default=True, doc="False while the database cannot be read (the live poll failed)")

    def __init__(self, service: IntervisionService | None = None, **params):
        super().__init__(**params)
        self.service = service or IntervisionService()
        self._words: Callable[[str], str] | None = None  # the message in any language: it follows the switch

    def _say(self, words: Callable[[str], str] | None, kind: str = "info", round_id: int | None = None) -> None:
        self._words = words
        # one event batch: the message slot redraws once
        self.param.update(message_kind=kind, message=words(self.language) if words else "", message_round=round_id)

    def _tell(self, key: str, kind: str = "success", round_id: int | None = None, **fields: Any) -> None:
        """A message from the ``intervision`` catalogue namespace."""
        self._say(lambda language: tr(key, language, **fields), kind, round_id)

    @param.depends("language", watch=True)
    def _reword(self) -> None:
        if self._words is not None:
            self.message = self._words(self.language)

    def _fail(self, err: Exception) -> None:
        if not isinstance(err, IntervisionError | ValueError):
            log.exception("intervision action failed")
            err = StorageError()
        self._say(_words(err), "danger")

    def clear_message(self) -> None:
        self._say(None, "info", None)

    def _poll_version(self, session_id: int | None) -> bool:
        if session_id is None:
            return False
        try:
            v = self.service.version(session_id)
        except IntervisionError as err:
            if self.db_ok:  # say it once, not four times a second
                self.db_ok = False
                self._fail(err)
            return False
        if not self.db_ok:
            self.db_ok = True
            self.clear_message()
        changed = v != self.version
        self.version = v
        return changed


class TrainerState(_LiveBase):
    """A trainer's session: created here, or resumed with the secret (resume link) or a console token (cookie).

    ``secret`` holds whichever credential opened the console; it never goes to the browser.
    """

    secret = param.String(default="", doc="trainer secret or console token; only hashes are stored")
    session_id = param.Integer(default=None, allow_None=True)

    def create(self, title: str, case_ids: list[str], rounds: list[str], max_participants: int | None = None,
               activate: bool = True) -> str | None:
        """Create a session; returns a one-time login ticket for it (None on failure, with the reason in
        ``message``). ``activate=False`` leaves this page as it is: a served console goes through the cookie
        route with the ticket first (``zorglab.services.intervision.web``), so F5 keeps the console from the start."""
        try:
            created = self.service.create_session(title, case_ids, [RoundSpec.parse(r) for r in rounds],
                                                  language=self.language, max_participants=max_participants)
            ticket = self.service.login_ticket(created.trainer_secret)
        except Exception as err:  # noqa: BLE001 - every failure becomes a message
            self._fail(err)
            return None
        if activate:
            self.secret, self.session_id = created.trainer_secret, created.session_id
            self._tell("session_created")
        else:
            self._tell("session_created_opening")
        return ticket

    def resume(self) -> bool:
        if not self.secret:
            return False
        try:
            self.session_id = self.service.session_for_trainer(self.secret).session_id
        except IntervisionError as err:
            self.secret = ""
            self._fail(err)
            return False
        return True

    def use_ticket(self, ticket: str, page: str | None = None) -> bool:
        """Sign in with a one-time ticket (from the console cookie's redirect); a console token is kept here."""
        try:
            sid, token = self.service.redeem_ticket(ticket, page)
        except IntervisionError as err:
            self._fail(err)
            return False
        self.secret, self.session_id = token, sid
        return True

    def login_ticket(self) -> str | None:
        try:
            return self.service.login_ticket(self.secret)
        except IntervisionError as err:
            self._fail(err)
            return None

    def _open_session(self) -> int:
        """The session this console manages; none yet is an unknown session (as the service says for one)."""
        if self.session_id is None:
            raise UnknownNameError("session", "-", [])
        return self.session_id

    @property
    def info(self) -> SessionInfo:
        return self.service.session(self._open_session())

    def act(self, round_id: int, action: str, minutes: float | None = None) -> bool:
        try:
            self.service.set_round(self.secret, self._open_session(), round_id, action, minutes=minutes)
        except Exception as err:  # noqa: BLE001
            self._fail(err)
            return False
        return True

    def remove(self, number: int) -> bool:
        try:
            self.service.remove_participant(self.secret, self._open_session(), number)
        except Exception as err:  # noqa: BLE001
            self._fail(err)
            return False
        self._tell("participant_removed", number=number)
        return True

    def hide(self, answer_id: int, hidden: bool = True) -> bool:
        try:
            self.service.hide_rationale(self.secret, self._open_session(), answer_id, hidden)
        except Exception as err:  # noqa: BLE001
            self._fail(err)
            return False
        return True

    def poll(self) -> bool:
        """True when something changed since the last look (one indexed read)."""
        return self._poll_version(self.session_id)


class ParticipantState(_LiveBase):
    """A participant on a phone: join code in the link (QR), token after joining (resume on reload)."""

    code = param.String(default="")
    token = param.String(default="")
    session_id = param.Integer(default=None, allow_None=True, doc="the joined session (known after the first look)")
    client_key = param.String(default="anonymous", doc="the requester's address (wrong-code throttling)")
    page_key = param.String(default="", doc="this open page (wrong-code throttling per page)")

    def __init__(self, service: IntervisionService | None = None, **params):
        super().__init__(service, **params)
        if not self.page_key:
            self.page_key = secrets.token_hex(8)

    @param.depends("token", watch=True)
    def _forget_session(self) -> None:
        self.session_id = None  # another token: look its session up again

    def join(self, code: str, pseudonym: str, role: str | None, municipality: str | None) -> bool:
        try:
            joined = self.service.join(code, pseudonym, role or None, municipality or None, client_key=self.client_key,
                                       page_key=self.page_key)
            self.code = self.service.session(joined.session_id).code
        except Exception as err:  # noqa: BLE001
            self._fail(err)
            return False
        self.token = joined.token
        self.session_id = joined.session_id
        self._tell("joined_as", n=joined.number)
        return True

    @property
    def joined(self) -> bool:
        """True when the token belongs to a participant; a database failure raises StorageError (we do not know)."""
        if not self.token:
            return False
        try:
            self.service.participant(self.token)
        except StorageError:
            raise
        except IntervisionError:
            return False
        return True

    @property
    def info(self) -> SessionInfo:
        return self.service.session(self.service.participant(self.token).session_id)

    def submit(self, round_id: int, case_id: str, answer: dict) -> bool:
        try:
            res = self.service.submit(self.token, round_id, case_id, answer)
        except Exception as err:  # noqa: BLE001
            self._fail(err)
            return False
        if res.created:
            self._tell("answer_saved", round_id=round_id, case=case_id)
        else:
            self._tell("answer_updated", round_id=round_id, case=case_id, n=res.revision)
        return True

    def poll(self) -> bool:
        """True when the session changed since the last look: one indexed read once the session is known."""
        if not self.token:
            return False
        if self.session_id is None:
            try:
                self.session_id = self.service.participant(self.token).session_id
            except StorageError as err:
                if self.db_ok:
                    self.db_ok = False
                    self._fail(err)
                return False
            except IntervisionError:
                return False
        return self._poll_version(self.session_id)

    def round_signature(self) -> tuple[tuple[int, str], ...]:
        """(round id, status) per round of the joined session."""
        if self.session_id is None:
            self.session_id = self.service.participant(self.token).session_id
        return self.service.round_states(self.session_id)
