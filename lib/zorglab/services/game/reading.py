"""Reading a purchasing game back: its set-up and progress, the computed years, the members, the decisions and
events of a round. Every read is one short transaction; pages poll ``version`` and read the rest on a change.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import and_, select

from zorglab.services.game import world
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.model import GameConfig, GameStatus
from zorglab.services.game.records import GameInfo, Member, Year
from zorglab.services.game.storage import decisions, events, games, members, years
from zorglab.services.intervision.storage import Storage


class GameReads:
    """Read access for a service with ``storage``."""

    storage: Storage

    def game(self, game_id: int) -> GameInfo:
        with self.storage.read() as conn:
            row = conn.execute(select(games).where(games.c.id == game_id)).first()
        if row is None:
            raise GameError(ErrorCode.UNKNOWN_CODE, value=str(game_id))
        cases = {int(k): v for k, v in json.loads(row.cases_json).items()}
        return GameInfo(int(row.id), row.code, row.title, row.language, GameConfig(**json.loads(row.config_json)),
                        cases, int(row.round), GameStatus(row.status), int(row.version))

    def version(self, game_id: int) -> int:
        return int(self.storage.scalar(select(games.c.version).where(games.c.id == game_id)) or 0)

    def years(self, game_id: int) -> list[Year]:
        with self.storage.read() as conn:
            rows = conn.execute(select(years).where(years.c.game_id == game_id).order_by(years.c.round)).all()
        return [Year(int(r.round), world.WorldState.from_dict(json.loads(r.state_json)), json.loads(r.outcome_json),
                     json.loads(r.decisions_json)) for r in rows]

    def members(self, game_id: int) -> list[Member]:
        with self.storage.read() as conn:
            rows = conn.execute(select(members).where(members.c.game_id == game_id).order_by(members.c.id)).all()
        return [Member(int(r.id), game_id, r.team, r.pseudonym) for r in rows]

    def decided(self, game_id: int, rnd: int) -> dict[str, dict[str, Any]]:
        """The decisions teams stored for a round (team -> payload)."""
        with self.storage.read() as conn:
            return self._decisions(conn, game_id, rnd)

    def events(self, game_id: int, rnd: int | None = None) -> list[tuple[int, str]]:
        stmt = select(events.c.round, events.c.event).where(events.c.game_id == game_id)
        if rnd is not None:
            stmt = stmt.where(events.c.round == rnd)
        with self.storage.read() as conn:
            return [(int(r), str(e)) for r, e in conn.execute(stmt.order_by(events.c.round, events.c.id)).all()]

    @staticmethod
    def _decisions(conn, game_id: int, rnd: int) -> dict[str, dict[str, Any]]:
        rows = conn.execute(select(decisions.c.team, decisions.c.payload).where(and_(
            decisions.c.game_id == game_id, decisions.c.round == rnd))).all()
        return {r.team: json.loads(r.payload) for r in rows}
