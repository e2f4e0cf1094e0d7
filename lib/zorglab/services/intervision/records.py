"""What the intervision service hands back: plain frozen records of a session, its rounds, a participant, a
submission, and the trainer's live overview (no database handles, safe to keep in a view)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pandas as pd

from zorglab.core.errors import UnknownNameError
from zorglab.domain.cases import Case
from zorglab.services.intervision.models import RoundSpec
from zorglab.services.intervision.storage import MAX_PARTICIPANTS


@dataclass(frozen=True)
class CreatedSession:
    session_id: int
    code: str
    trainer_secret: str  # shown once to the trainer; only its hash is stored


@dataclass(frozen=True)
class RoundInfo:
    round_id: int
    position: int
    spec: RoundSpec
    status: str  # draft | open | closed | revealed (an open round whose timer ran out reads as closed)
    deadline_at: float | None = None  # optional timer (Unix time)
    timed_out: bool = False

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def seconds_left(self, now: float | None = None) -> int | None:
        if self.deadline_at is None or self.status != "open":
            return None
        return max(0, int(round(self.deadline_at - (time.time() if now is None else now))))


def effective_status(status: str, deadline_at: float | None, now: float) -> tuple[str, bool]:
    if status == "open" and deadline_at is not None and now >= deadline_at:
        return "closed", True
    return status, False


@dataclass(frozen=True)
class SessionInfo:
    session_id: int
    code: str
    title: str
    language: str
    cases: tuple[Case, ...]
    rounds: tuple[RoundInfo, ...]
    version: int
    max_participants: int = MAX_PARTICIPANTS

    @property
    def case_ids(self) -> list[str]:
        return [c.case_id for c in self.cases]

    def round(self, round_id: int) -> RoundInfo:
        for r in self.rounds:
            if r.round_id == round_id:
                return r
        raise UnknownNameError("round", str(round_id), [str(r.round_id) for r in self.rounds])

    @property
    def current_round(self) -> RoundInfo | None:
        """The open round, else the most recently revealed/closed one, else None."""
        opened = [r for r in self.rounds if r.status == "open"]
        if opened:
            return opened[0]
        done = [r for r in self.rounds if r.status in ("closed", "revealed")]
        return done[-1] if done else None


@dataclass(frozen=True)
class Joined:
    participant_id: int
    session_id: int
    number: int
    token: str  # lets the participant's browser resume after a reload; only its hash is stored


@dataclass(frozen=True)
class ParticipantInfo:
    participant_id: int
    session_id: int
    number: int
    pseudonym: str


@dataclass(frozen=True)
class SubmitResult:
    answer_id: int
    revision: int
    submitted_at: float

    @property
    def created(self) -> bool:
        return self.revision == 1


@dataclass
class Overview:
    """What the trainer sees live: who joined and, per round, who answered and who is still missing."""

    version: int
    participants: pd.DataFrame  # number, pseudonym, role, municipality (None when not given), joined_at, n_answers
    rounds: pd.DataFrame  # round_id, position, kind, catalogue, status, n_answers, n_participants, n_joined
    answer_ids: set[int] = field(default_factory=set)
    missing: dict[int, list[str]] = field(default_factory=dict)  # round_id -> pseudonyms without an answer yet
