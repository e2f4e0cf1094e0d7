"""How a trainer gets into the console and stays there: the trainer secret, one-time login tickets (in a
redirect only), console tokens (the HttpOnly cookie) and resume tokens (the saved link). Only hashes are stored.

A mixin of ``IntervisionService`` (it needs its ``storage`` and ``session``): one job, kept apart from the
session logic.
"""

from __future__ import annotations

import time

from sqlalchemy import and_, delete, select, update

from zorglab.services.intervision import security
from zorglab.services.intervision.errors import InvalidTrainerLinkError, NotAuthorisedError
from zorglab.services.intervision.records import SessionInfo
from zorglab.services.intervision.storage import Storage, sessions, trainer_tokens

TICKET_TTL_S = 120.0  # a one-time login ticket (in a redirect only)
CONSOLE_TTL_S = 24 * 3600.0  # the trainer console cookie
RESUME_TTL_S = 30 * 24 * 3600.0  # the trainer link in the saved file (another computer, a later day)


class TrainerAccess:
    """Trainer credentials: the secret (resume link) or a console token (cookie) open one session."""

    storage: Storage

    def session(self, session_id: int) -> SessionInfo:  # provided by IntervisionService
        raise NotImplementedError

    def _trainer_sid(self, conn, credential: str) -> int | None:
        """The session a trainer credential opens: the trainer secret or a valid console token."""
        h = security.hash_secret(credential or "")
        sid = conn.execute(select(sessions.c.id).where(sessions.c.trainer_hash == h)).scalar()
        if sid is None:
            sid = conn.execute(select(trainer_tokens.c.session_id).where(and_(
                trainer_tokens.c.token_hash == h, trainer_tokens.c.kind == "console",
                trainer_tokens.c.expires_at > time.time()))).scalar()
        return None if sid is None else int(sid)

    def session_for_trainer(self, credential: str) -> SessionInfo:
        """The session for a trainer secret (resume link) or console token (cookie); else NotAuthorisedError."""
        with self.storage.read() as conn:
            sid = self._trainer_sid(conn, credential)
        if sid is None:
            raise NotAuthorisedError()
        return self.session(sid)

    def _authorise(self, conn, session_id: int, credential: str) -> None:
        if self._trainer_sid(conn, credential) != session_id:
            raise NotAuthorisedError()

    # ---- staying signed in (cookie) without the secret in the address bar or on screen
    def login_ticket(self, credential: str) -> str:
        """A one-time ticket (valid ``TICKET_TTL_S``) for the trainer of ``credential``; only its hash is stored."""
        ticket = security.new_secret()
        now = time.time()

        def _mint(conn):
            sid = self._trainer_sid(conn, credential)
            if sid is None:
                raise InvalidTrainerLinkError()
            conn.execute(delete(trainer_tokens).where(trainer_tokens.c.expires_at < now))
            conn.execute(trainer_tokens.insert().values(token_hash=security.hash_secret(ticket), session_id=sid,
                                                        kind="ticket", expires_at=now + TICKET_TTL_S))
        self.storage.transact(_mint)
        return ticket

    def redeem_ticket(self, ticket: str, page: str | None = None) -> tuple[int, str]:
        """Exchange a one-time ticket for (session_id, console token). A ticket works once -- or again for the
        same ``page`` (a served page may be rebuilt in a second server process); an unknown, used or expired
        ticket raises InvalidTrainerLinkError."""
        token = security.new_secret()
        now = time.time()

        def _redeem(conn):
            row = conn.execute(select(trainer_tokens.c.id, trainer_tokens.c.session_id, trainer_tokens.c.used_by)
                               .where(and_(trainer_tokens.c.token_hash == security.hash_secret(ticket or ""),
                                           trainer_tokens.c.kind == "ticket",
                                           trainer_tokens.c.expires_at > now)).with_for_update()).first()
            if row is None or (row.used_by is not None and (page is None or row.used_by != page)):
                raise InvalidTrainerLinkError()
            conn.execute(update(trainer_tokens).where(trainer_tokens.c.id == row.id).values(used_by=page or "-"))
            conn.execute(trainer_tokens.insert().values(token_hash=security.hash_secret(token),
                                                        session_id=row.session_id, kind="console",
                                                        expires_at=now + CONSOLE_TTL_S))
            return int(row.session_id)
        return self.storage.transact(_redeem), token

    def resume_token(self, credential: str, ttl_s: float = RESUME_TTL_S) -> str:
        """A new console token for a saved trainer link (``?trainer=<token>``); the secret itself is never shown."""
        token = security.new_secret()

        def _mint(conn):
            sid = self._trainer_sid(conn, credential)
            if sid is None:
                raise NotAuthorisedError()
            conn.execute(trainer_tokens.insert().values(token_hash=security.hash_secret(token), session_id=sid,
                                                        kind="console", expires_at=time.time() + ttl_s))
        self.storage.transact(_mint)
        return token

    def logout(self, token: str) -> None:
        """End a console token (the cookie's); the trainer secret itself keeps working."""
        self.storage.transact(lambda conn: conn.execute(delete(trainer_tokens).where(and_(
            trainer_tokens.c.token_hash == security.hash_secret(token or ""), trainer_tokens.c.kind == "console"))))
