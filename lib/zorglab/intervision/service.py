"""Session logic for the live intervision exercise: create, join, rounds, submit, read back.

Why a service layer: the Panel app, the tests and the load benchmark all use exactly these calls, so
what is measured and tested is what participants use. Every change bumps ``iv_sessions.version`` in
the same transaction, so a live view only has to poll one integer to know it must refresh.
Trainer actions need the trainer secret; participant actions need the participant token.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError

from ..cases import Case, load_cases
from ..errors import UnknownNameError
from . import security
from .errors import (
    DuplicatePseudonymError,
    InvalidInputError,
    JoinRateLimitedError,
    NotAuthorisedError,
    RoundClosedError,
    UnknownCodeError,
    UnknownParticipantError,
)
from .models import RoundSpec, validate_answer
from .storage import (
    MUNICIPALITY_MAX,
    PSEUDONYM_MAX,
    TITLE_MAX,
    Storage,
    answers,
    get_storage,
    join_failures,
    participants,
    rounds,
    sessions,
    upsert,
)

ROLES = ("Gebiedsteam / wijkteam", "Contractmanager", "Beleidsmedewerker", "Zorgaanbieder",
         "Consulent / klantmanager", "Anders")
ROUND_ACTIONS = ("open", "close", "reveal")
MAX_CASES = 12


@cache
def municipalities() -> tuple[str, ...]:
    """Municipalities participants can pick: every municipality of the shipped regions (latest year)."""
    from ..regions import YEAR_RANGE, get_region, regions

    names = {m.name for r in regions() for m in get_region(r, YEAR_RANGE[1]).municipalities}
    return tuple(sorted(names))


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
    status: str

    @property
    def is_open(self) -> bool:
        return self.status == "open"


@dataclass(frozen=True)
class SessionInfo:
    session_id: int
    code: str
    title: str
    language: str
    cases: tuple[Case, ...]
    rounds: tuple[RoundInfo, ...]
    version: int

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
    """What the trainer sees live: who joined and how many answered per round."""

    version: int
    participants: pd.DataFrame  # number, pseudonym, role, municipality, joined_at, n_answers
    rounds: pd.DataFrame  # round_id, position, kind, catalogue, status, n_answers, n_participants
    answer_ids: set[int] = field(default_factory=set)


def _cases_json(cases: list[Case]) -> str:
    return json.dumps([c.model_dump(mode="json") for c in cases], ensure_ascii=False)


@cache
def _parse_cases(text: str) -> tuple[Case, ...]:
    return tuple(Case.model_validate(rec) for rec in json.loads(text))


def _check_text(value: str | None, name_nl: str, name_en: str, max_len: int, required: bool) -> str | None:
    text = security.clean_text(value)
    if not text:
        if required:
            raise InvalidInputError(f"Vul een {name_nl} in.", f"Please enter a {name_en}.")
        return None
    if len(text) > max_len:
        raise InvalidInputError(f"{name_nl.capitalize()} is te lang ({len(text)} tekens); maximaal {max_len}.",
                                f"{name_en.capitalize()} is too long ({len(text)} characters); at most {max_len}.")
    return text


class IntervisionService:
    """All reads and writes of the exercise; thread- and process-safe through the database."""

    def __init__(self, storage: Storage | None = None):
        self.storage = storage or get_storage()

    # ---------------------------------------------------------------- trainer
    def create_session(self, title: str, case_ids: list[str], rounds_: list[RoundSpec | str],
                       language: str = "nl", cases: list[Case] | None = None) -> CreatedSession:
        """New session with a fresh random join code and trainer secret (hash stored, secret returned)."""
        title = _check_text(title, "titel", "title", TITLE_MAX, required=False) or "Intervisie"
        pool = cases if cases is not None else load_cases()
        if not case_ids:
            raise InvalidInputError("Kies minstens één casus.", "Choose at least one case.")
        if len(case_ids) > MAX_CASES:
            raise InvalidInputError(f"Kies maximaal {MAX_CASES} casussen.", f"Choose at most {MAX_CASES} cases.")
        by_id = {c.case_id: c for c in pool}
        unknown = [c for c in case_ids if c not in by_id]
        if unknown:
            raise UnknownNameError("case", unknown[0], by_id)
        specs = [r if isinstance(r, RoundSpec) else RoundSpec.parse(r) for r in rounds_]
        if not specs:
            raise InvalidInputError("Kies minstens één ronde.", "Choose at least one round.")
        chosen = [by_id[c] for c in dict.fromkeys(case_ids)]
        secret = security.new_secret()
        for _attempt in range(20):  # a code collision is astronomically rare; retry with a new code
            code = security.new_join_code()
            try:
                with self.storage.write() as conn:
                    sid = conn.execute(sessions.insert().values(
                        code=code, trainer_hash=security.hash_secret(secret), title=title, language=language,
                        cases_json=_cases_json(chosen), version=0, created_at=time.time())).inserted_primary_key[0]
                    conn.execute(rounds.insert(), [
                        {"session_id": sid, "position": i + 1, "kind": s.kind, "catalogue": s.catalogue,
                         "status": "draft"} for i, s in enumerate(specs)])
                return CreatedSession(int(sid), code, secret)
            except IntegrityError:
                continue
        raise RuntimeError("could not allocate a unique join code")

    def session_for_trainer(self, secret: str) -> SessionInfo:
        with self.storage.read() as conn:
            sid = conn.execute(select(sessions.c.id).where(
                sessions.c.trainer_hash == security.hash_secret(secret))).scalar()
        if sid is None:
            raise NotAuthorisedError()
        return self.session(int(sid))

    def _authorise(self, conn, session_id: int, secret: str) -> None:
        stored = conn.execute(select(sessions.c.trainer_hash).where(sessions.c.id == session_id)).scalar()
        if stored is None or stored != security.hash_secret(secret):
            raise NotAuthorisedError()

    def set_round(self, secret: str, session_id: int, round_id: int, action: str) -> str:
        """open (closes any other open round) | close | reveal (closes first). Returns the new status."""
        if action not in ROUND_ACTIONS:
            raise InvalidInputError(f"Onbekende actie '{action}'.", f"Unknown action '{action}'.")
        now = time.time()
        with self.storage.write() as conn:
            self._authorise(conn, session_id, secret)
            row = conn.execute(select(rounds.c.status).where(
                and_(rounds.c.id == round_id, rounds.c.session_id == session_id))).first()
            if row is None:
                raise NotAuthorisedError()
            if action == "open":
                conn.execute(update(rounds).where(and_(rounds.c.session_id == session_id, rounds.c.status == "open",
                                                       rounds.c.id != round_id)).values(status="closed", closed_at=now))
                values = {"status": "open", "opened_at": now, "closed_at": None}
            elif action == "close":
                values = {"status": "closed" if row.status == "open" else row.status, "closed_at": now}
            else:
                values = {"status": "revealed", "closed_at": now}
            conn.execute(update(rounds).where(rounds.c.id == round_id).values(**values))
            self._bump(conn, session_id)
        return values["status"]

    # ---------------------------------------------------------------- reading
    def session(self, session_id: int) -> SessionInfo:
        with self.storage.read() as conn:
            s = conn.execute(select(sessions).where(sessions.c.id == session_id)).first()
            if s is None:
                raise UnknownNameError("session", str(session_id), [])
            rs = conn.execute(select(rounds).where(rounds.c.session_id == session_id)
                              .order_by(rounds.c.position)).all()
        return SessionInfo(
            session_id=s.id, code=s.code, title=s.title, language=s.language, cases=_parse_cases(s.cases_json),
            rounds=tuple(RoundInfo(r.id, r.position, RoundSpec(r.kind, r.catalogue), r.status) for r in rs),
            version=s.version)

    def version(self, session_id: int) -> int:
        """The change counter: one indexed read, cheap enough to poll several times a second."""
        with self.storage.engine.connect() as conn:
            return int(conn.execute(select(sessions.c.version).where(sessions.c.id == session_id)).scalar() or 0)

    def overview(self, session_id: int) -> Overview:
        with self.storage.read() as conn:
            version = conn.execute(select(sessions.c.version).where(sessions.c.id == session_id)).scalar() or 0
            ps = pd.DataFrame(conn.execute(
                select(participants.c.id, participants.c.number, participants.c.pseudonym, participants.c.role,
                       participants.c.municipality, participants.c.joined_at)
                .where(participants.c.session_id == session_id).order_by(participants.c.number)).mappings().all(),
                columns=["id", "number", "pseudonym", "role", "municipality", "joined_at"])
            ans = pd.DataFrame(conn.execute(
                select(answers.c.id, answers.c.round_id, answers.c.participant_id)
                .join(rounds, rounds.c.id == answers.c.round_id)
                .where(rounds.c.session_id == session_id)).mappings().all(),
                columns=["id", "round_id", "participant_id"])
            rs = pd.DataFrame(conn.execute(
                select(rounds.c.id.label("round_id"), rounds.c.position, rounds.c.kind, rounds.c.catalogue,
                       rounds.c.status).where(rounds.c.session_id == session_id)
                .order_by(rounds.c.position)).mappings().all(),
                columns=["round_id", "position", "kind", "catalogue", "status"])
        per_p = ans.groupby("participant_id").size()
        ps["n_answers"] = ps["id"].map(per_p).fillna(0).astype(int)
        rs["n_answers"] = rs["round_id"].map(ans.groupby("round_id").size()).fillna(0).astype(int)
        rs["n_participants"] = rs["round_id"].map(ans.groupby("round_id")["participant_id"].nunique()).fillna(0).astype(int)
        return Overview(int(version), ps.drop(columns="id"), rs, set(ans["id"].astype(int)))

    def answers_frame(self, session_id: int, round_id: int | None = None) -> pd.DataFrame:
        """Anonymous answers: participant number (never the pseudonym), role, municipality, payload."""
        q = (select(answers.c.id.label("answer_id"), answers.c.round_id, rounds.c.position.label("round_position"),
                    rounds.c.kind, rounds.c.catalogue, participants.c.number.label("participant"),
                    participants.c.role, participants.c.municipality, answers.c.case_id, answers.c.payload,
                    answers.c.rationale, answers.c.revision, answers.c.submitted_at, answers.c.updated_at)
             .join(rounds, rounds.c.id == answers.c.round_id)
             .join(participants, participants.c.id == answers.c.participant_id)
             .where(rounds.c.session_id == session_id))
        if round_id is not None:
            q = q.where(answers.c.round_id == round_id)
        with self.storage.read() as conn:
            rows = conn.execute(q.order_by(answers.c.id)).mappings().all()
        df = pd.DataFrame(rows, columns=["answer_id", "round_id", "round_position", "kind", "catalogue",
                                         "participant", "role", "municipality", "case_id", "payload", "rationale",
                                         "revision", "submitted_at", "updated_at"])
        df["payload"] = df["payload"].map(json.loads)
        return df

    # ---------------------------------------------------------------- participants
    def _failed_join(self, client_key: str) -> None:
        with self.storage.write() as conn:
            now = time.time()
            conn.execute(join_failures.delete().where(join_failures.c.at < now - 24 * 3600))
            conn.execute(join_failures.insert().values(client_key=client_key[:64], at=now))

    def _check_rate(self, client_key: str) -> None:
        since = time.time() - security.FAILED_JOIN_WINDOW_S
        with self.storage.read() as conn:
            rows = conn.execute(select(func.count(), func.min(join_failures.c.at)).where(
                and_(join_failures.c.client_key == client_key[:64], join_failures.c.at >= since))).first()
        if rows[0] >= security.MAX_FAILED_JOINS:
            raise JoinRateLimitedError(max(1, int(rows[1] + security.FAILED_JOIN_WINDOW_S - time.time()) + 1))

    def session_for_code(self, code: str, client_key: str = "anonymous") -> SessionInfo:
        """Look up a join code; wrong codes count towards this client's limit."""
        self._check_rate(client_key)
        norm = security.normalise_code(code)
        with self.storage.read() as conn:
            sid = conn.execute(select(sessions.c.id).where(sessions.c.code == norm)).scalar() if norm else None
        if sid is None:
            self._failed_join(client_key)
            raise UnknownCodeError(norm or str(code)[:12])
        return self.session(int(sid))

    def join(self, code: str, pseudonym: str, role: str | None = None, municipality: str | None = None,
             client_key: str = "anonymous") -> Joined:
        pseudonym = _check_text(pseudonym, "schuilnaam", "pseudonym", PSEUDONYM_MAX, required=True)
        role = _check_text(role, "rol", "role", 40, required=False)
        municipality = _check_text(municipality, "gemeente", "municipality", MUNICIPALITY_MAX, required=False)
        if role is not None and role not in ROLES:
            raise InvalidInputError(f"Kies een rol uit de lijst: {', '.join(ROLES)}.",
                                    f"Choose a role from the list: {', '.join(ROLES)}.")
        if municipality is not None and municipality not in municipalities():
            raise InvalidInputError("Kies een gemeente uit de lijst (of laat leeg).",
                                    "Choose a municipality from the list (or leave it empty).")
        info = self.session_for_code(code, client_key)
        token = security.new_secret()
        key = pseudonym.casefold()
        try:
            with self.storage.write() as conn:
                number = (conn.execute(select(func.max(participants.c.number)).where(
                    participants.c.session_id == info.session_id)).scalar() or 0) + 1
                pid = conn.execute(participants.insert().values(
                    session_id=info.session_id, number=number, pseudonym=pseudonym, pseudonym_key=key, role=role,
                    municipality=municipality, token_hash=security.hash_secret(token),
                    joined_at=time.time())).inserted_primary_key[0]
                self._bump(conn, info.session_id)
        except IntegrityError:
            with self.storage.read() as conn:
                taken = conn.execute(select(participants.c.id).where(and_(
                    participants.c.session_id == info.session_id, participants.c.pseudonym_key == key))).first()
            if taken is not None:
                raise DuplicatePseudonymError(pseudonym) from None
            raise
        return Joined(int(pid), info.session_id, int(number), token)

    def participant(self, token: str) -> ParticipantInfo:
        with self.storage.read() as conn:
            row = conn.execute(select(participants).where(
                participants.c.token_hash == security.hash_secret(token))).first()
        if row is None:
            raise UnknownParticipantError()
        return ParticipantInfo(row.id, row.session_id, row.number, row.pseudonym)

    def own_answers(self, token: str, round_id: int) -> dict[str, dict]:
        """This participant's answers in a round, by case id (payload incl. rationale)."""
        p = self.participant(token)
        with self.storage.read() as conn:
            rows = conn.execute(select(answers.c.case_id, answers.c.payload, answers.c.rationale).where(and_(
                answers.c.round_id == round_id, answers.c.participant_id == p.participant_id))).all()
        return {r.case_id: {**json.loads(r.payload), "rationale": r.rationale} for r in rows}

    def submit(self, token: str, round_id: int, case_id: str, answer: dict) -> SubmitResult:
        """Store or update this participant's answer (one per round and case); closed round -> error.

        Validation (catalogue look-ups) happens before the write lock is taken; the round status is
        checked again inside the write transaction, so a round closed in between still refuses it.
        """
        th = security.hash_secret(token)
        with self.storage.read() as conn:
            p = conn.execute(select(participants.c.id, participants.c.session_id).where(
                participants.c.token_hash == th)).first()
            if p is None:
                raise UnknownParticipantError()
            r = conn.execute(select(rounds).where(and_(rounds.c.id == round_id,
                                                       rounds.c.session_id == p.session_id))).first()
            if r is None:
                raise NotAuthorisedError()
            cases_json = conn.execute(select(sessions.c.cases_json).where(sessions.c.id == p.session_id)).scalar()
        if r.status != "open":
            raise RoundClosedError()
        valid_ids = [c.case_id for c in _parse_cases(cases_json)]
        if case_id not in valid_ids:
            raise UnknownNameError("case in this session", case_id, valid_ids)
        parsed = validate_answer(RoundSpec(r.kind, r.catalogue), answer)
        payload = json.dumps(parsed.model_dump(mode="json", exclude={"rationale"}), ensure_ascii=False)
        now = time.time()
        with self.storage.write() as conn:
            status = conn.execute(select(rounds.c.status).where(rounds.c.id == round_id)).scalar()
            if status != "open":
                raise RoundClosedError()
            res = upsert(conn, answers,
                         {"round_id": round_id, "participant_id": p.id, "case_id": case_id, "payload": payload,
                          "rationale": parsed.rationale, "revision": 1, "submitted_at": now, "updated_at": now},
                         ["round_id", "participant_id", "case_id"],
                         lambda ex: {"payload": ex.payload, "rationale": ex.rationale, "updated_at": ex.updated_at,
                                     "revision": answers.c.revision + 1},
                         returning=[answers.c.id, answers.c.revision]).first()
            self._bump(conn, p.session_id)
        return SubmitResult(int(res.id), int(res.revision), now)

    @staticmethod
    def _bump(conn, session_id: int) -> None:
        conn.execute(update(sessions).where(sessions.c.id == session_id).values(version=sessions.c.version + 1))
