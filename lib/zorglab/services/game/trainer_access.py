"""The trainer's way into a game: the trainer secret (the saved trainer link), a one-time login ticket and the
console token the cookie holds. Only hashes are stored (``zorglab.services.intervision.security``).

Why a module of its own: signing in is one job with its own rules (lifetimes, one use per ticket), apart from
playing the game; ``GameService`` inherits it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import and_, select, update

from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.records import GameInfo
from zorglab.services.game.storage import games, trainer_tokens
from zorglab.services.intervision import security
from zorglab.services.intervision.storage import Storage

TICKET_TTL_S = 120.0  # a one-time login ticket (only ever in a redirect or a short-lived cookie)
CONSOLE_TTL_S = 24 * 3600.0  # the trainer console cookie


class TrainerAccess:
    """Trainer sign-in for a service with ``storage`` and ``game(game_id)``."""

    storage: Storage
    game: Callable[[int], GameInfo]  # GameReads.game (an annotation only: it must not shadow it)

    @staticmethod
    def _trainer_gid(conn, credential: str) -> int | None:
        """The game a trainer credential opens: the trainer secret or a valid console token."""
        if not credential:
            return None
        h = security.hash_secret(credential)
        gid = conn.execute(select(games.c.id).where(games.c.trainer_hash == h)).scalar()
        if gid is None:
            gid = conn.execute(select(trainer_tokens.c.game_id).where(and_(
                trainer_tokens.c.token_hash == h, trainer_tokens.c.kind == "console",
                trainer_tokens.c.expires_at > time.time()))).scalar()
        return None if gid is None else int(gid)

    def game_for_trainer(self, secret: str) -> GameInfo:
        """The trainer's game, for the trainer secret (saved link) or a console token (cookie)."""
        with self.storage.read() as conn:
            gid = self._trainer_gid(conn, secret)
        if gid is None:
            raise GameError(ErrorCode.NOT_AUTHORISED)
        return self.game(int(gid))

    def login_ticket(self, credential: str) -> str:
        """A one-time ticket (``TICKET_TTL_S``) for the trainer of ``credential``; only its hash is stored."""
        ticket, now = security.new_secret(), time.time()

        def _mint(conn):
            gid = self._trainer_gid(conn, credential)
            if gid is None:
                raise GameError(ErrorCode.NOT_AUTHORISED)
            conn.execute(trainer_tokens.delete().where(trainer_tokens.c.expires_at < now))
            conn.execute(trainer_tokens.insert().values(token_hash=security.hash_secret(ticket), game_id=gid,
                                                        kind="ticket", expires_at=now + TICKET_TTL_S, used=0))
        self.storage.transact(_mint)
        return ticket

    def redeem_ticket(self, ticket: str) -> tuple[int, str]:
        """Exchange a one-time ticket for (game_id, console token); a used, unknown or expired ticket is refused."""
        token, now = security.new_secret(), time.time()

        def _redeem(conn):
            row = conn.execute(select(trainer_tokens.c.id, trainer_tokens.c.game_id).where(and_(
                trainer_tokens.c.token_hash == security.hash_secret(ticket or ""), trainer_tokens.c.kind == "ticket",
                trainer_tokens.c.used == 0, trainer_tokens.c.expires_at > now)).with_for_update()).first()
            if row is None:
                raise GameError(ErrorCode.NOT_AUTHORISED)
            conn.execute(update(trainer_tokens).where(trainer_tokens.c.id == row.id).values(used=1))
            conn.execute(trainer_tokens.insert().values(token_hash=security.hash_secret(token), game_id=row.game_id,
                                                        kind="console", expires_at=now + CONSOLE_TTL_S, used=0))
            return int(row.game_id)
        return self.storage.transact(_redeem), token

    def logout(self, token: str) -> None:
        """End a console token (the cookie's); the trainer secret of the saved link keeps working."""
        self.storage.transact(lambda conn: conn.execute(trainer_tokens.delete().where(
            and_(trainer_tokens.c.token_hash == security.hash_secret(token or ""), trainer_tokens.c.kind == "console"))))
