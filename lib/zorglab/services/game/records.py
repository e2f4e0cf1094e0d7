"""What the purchasing game's service hands out: a new game, a game's set-up and progress, a team member, a
computed contract year. Plain data, so views, exports and tests read them without a database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from zorglab.services.game import world
from zorglab.services.game.model import GameConfig, GameStatus, Role, team_role


@dataclass(frozen=True)
class CreatedGame:
    game_id: int
    code: str
    trainer_secret: str  # shown once (saved as a trainer link); only its hash is stored


@dataclass(frozen=True)
class GameInfo:
    game_id: int
    code: str
    title: str
    language: str
    config: GameConfig
    cases: dict[int, list[str]]  # round -> case ids the area team assigns
    round: int
    status: GameStatus
    version: int

    @property
    def finished(self) -> bool:
        return self.status == GameStatus.FINISHED


@dataclass(frozen=True)
class Member:
    member_id: int
    game_id: int
    team: str
    pseudonym: str

    @property
    def role(self) -> Role:
        return team_role(self.team)


@dataclass
class Year:
    round: int
    state: world.WorldState
    outcome: dict[str, Any]
    decisions: dict[str, dict[str, Any]] = field(default_factory=dict)
