"""Session logic for the live intervision exercise: create, join, rounds, submit, read back.

Why a service layer: the Panel app, the tests and the load benchmark all use exactly these calls, so
what is measured and tested is what participants use. Every change bumps ``iv_sessions.version`` in
the same transaction, so a live view only has to poll one integer to know it must refresh.
Trainer actions need the trainer secret (or a console token, ``trainer_access``); participant actions need
the participant token. The records it returns are in ``records``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import cache
from typing import Literal, overload

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from zorglab.core.errors import UnknownNameError
from zorglab.domain.cases import Case, load_cases
from zorglab.services.intervision import security
from zorglab.services.intervision.errors import (
    DuplicatePseudonymError,
    InvalidInputError,
    JoinRateLimitedError,
    LookAlikePseudonymError,
    NotAuthorisedError,
    RoundClosedError,
    SessionFullError,
    Term,
    UnknownCodeError,
    UnknownParticipantError,
)
from zorglab.services.intervision.models import RoundSpec, stored_payload, validate_answer
from zorglab.services.intervision.reads import SessionReads
from zorglab.services.intervision.records import (
    CreatedSession,
    Joined,
    ParticipantInfo,
    RoundInfo,
    SessionInfo,
    SubmitResult,
    effective_status,
)
from zorglab.services.intervision.storage import (
    MAX_PARTICIPANTS,
    MUNICIPALITY_MAX,
    PSEUDONYM_MAX,
    ROLE_MAX,
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
from zorglab.services.intervision.trainer_access import TrainerAccess

ROLES = ("Gebiedsteam / wijkteam", "Contractmanager", "Beleidsmedewerker", "Zorgaanbieder",
         "Consulent / klantmanager", "Anders")
ROUND_ACTIONS = ("open", "close", "reveal")
MAX_CASES = 12
PARTICIPANT_CAP_MAX = 2000  # the highest participant cap a trainer may set
MAX_TIMER_MIN = 120


@cache
def municipalities() -> tuple[str, ...]:
    """Municipalities participants can pick: every municipality of the shipped regions (latest year)."""
    from zorglab.domain.regions import YEAR_RANGE, get_region, regions

    names = {m.name for r in regions() for m in get_region(r, YEAR_RANGE[1]).municipalities}
    return tuple(sorted(names))


def _cases_json(cases: list[Case]) -> str:
    return json.dumps([c.model_dump(mode="json") for c in cases], ensure_ascii=False)


@cache
def _parse_cases(text: str) -> tuple[Case, ...]:
    return tuple(Case.model_validate(rec) for rec in json.loads(text))


@overload
def _check_text(value: str | None, field: str, max_len: int, required: Literal[True],
                clean: Callable[[str | None], str] = ...) -> str: ...
@overload
def _check_text(value: str | None, field: str, max_len: int, required: Literal[False],
                clean: Callable[[str | None], str] = ...) -> str | None: ...
def _check_text(value: str | None, field: str, max_len: int, required: bool,
                clean: Callable[[str | None], str] = security.clean_text) -> str | None:
    """The cleaned text; None for an empty optional field (a required one raises)."""
    text = clean(value)
    if not text:
        if required:
            raise InvalidInputError("text_required", field=Term(field))
        return None
    if len(text) > max_len:
        raise InvalidInputError("text_too_long", field=Term(field), n=len(text), max=max_len)
    return text


class IntervisionService(TrainerAccess, SessionReads):
    """All reads and writes of the exercise; thread- and process-safe through the database.

    Every write is one transaction (all or nothing) run through ``Storage.transact``, which retries a
    locked database and turns any database failure into a ``StorageError`` the views show.
    """

    def __init__(self, storage: Storage | None = None):
        self.storage = storage or get_storage()

    # ---------------------------------------------------------------- trainer
    def create_session(self, title: str, case_ids: list[str], rounds_: list[RoundSpec | str],
                       language: str = "nl", cases: list[Case] | None = None,
                       max_participants: int | None = None) -> CreatedSession:
        """New session with a fresh random join code and trainer secret (hash stored, secret returned)."""
        title = _check_text(title, "title", TITLE_MAX, required=False) or "Intervisie"
        pool = cases if cases is not None else load_cases()
        if not case_ids:
            raise InvalidInputError("choose_a_case")
        if len(case_ids) > MAX_CASES:
            raise InvalidInputError("too_many_cases", max=MAX_CASES)
        cap = MAX_PARTICIPANTS if max_participants is None else int(max_participants)
        if not 1 <= cap <= PARTICIPANT_CAP_MAX:
            raise InvalidInputError("participant_cap_range", max=PARTICIPANT_CAP_MAX)
        by_id = {c.case_id: c for c in pool}
        unknown = [c for c in case_ids if c not in by_id]
        if unknown:
            raise UnknownNameError("case", unknown[0], by_id)
        specs = [r if isinstance(r, RoundSpec) else RoundSpec.parse(r) for r in rounds_]
        if not specs:
            raise InvalidInputError("choose_a_round")
        chosen = [by_id[c] for c in dict.fromkeys(case_ids)]
        secret = security.new_secret()
        for _attempt in range(20):  # a code collision is astronomically rare; retry with a new code
            code = security.new_join_code()

            def _create(conn, code=code):
                sid = conn.execute(sessions.insert().values(
                    code=code, trainer_hash=security.hash_secret(secret), title=title, language=language,
                    cases_json=_cases_json(chosen), version=0, created_at=time.time(),
                    max_participants=cap)).inserted_primary_key[0]
                conn.execute(rounds.insert(), [
                    {"session_id": sid, "position": i + 1, "kind": s.kind, "catalogue": s.catalogue,
                     "status": "draft"} for i, s in enumerate(specs)])
                return sid
            try:
                sid = self.storage.transact(_create)
                return CreatedSession(int(sid), code, secret)
            except IntegrityError:
                continue
        raise RuntimeError("could not allocate a unique join code")

    def set_round(self, secret: str, session_id: int, round_id: int, action: str,
                  minutes: float | None = None) -> str:
        """open (closes any other open round; ``minutes`` starts a timer) | close | reveal (closes first).
        Returns the new status."""
        if action not in ROUND_ACTIONS:
            raise InvalidInputError("unknown_action", action=action)
        if minutes is not None and minutes and not 0 < float(minutes) <= MAX_TIMER_MIN:
            raise InvalidInputError("timer_range", max=MAX_TIMER_MIN)

        def _set(conn):
            now = time.time()
            self._authorise(conn, session_id, secret)
            row = conn.execute(select(rounds.c.status, rounds.c.deadline_at).where(
                and_(rounds.c.id == round_id, rounds.c.session_id == session_id))).first()
            if row is None:
                raise NotAuthorisedError()
            status = effective_status(row.status, row.deadline_at, now)[0]
            if action == "open":
                conn.execute(update(rounds).where(and_(rounds.c.session_id == session_id, rounds.c.status == "open",
                                                       rounds.c.id != round_id)).values(status="closed", closed_at=now))
                values = {"status": "open", "opened_at": now, "closed_at": None,
                          "deadline_at": now + float(minutes) * 60 if minutes else None}
            elif action == "close":
                values = {"status": "closed" if status in ("open", "closed") else status, "closed_at": now}
            else:
                values = {"status": "revealed", "closed_at": now}
            conn.execute(update(rounds).where(rounds.c.id == round_id).values(**values))
            self._bump(conn, session_id)
            return values["status"]
        return self.storage.transact(_set)

    def remove_participant(self, secret: str, session_id: int, number: int) -> None:
        """The trainer removes a participant (e.g. a joke name): the name, the link and the answers are gone."""
        def _remove(conn):
            self._authorise(conn, session_id, secret)
            pid = conn.execute(select(participants.c.id).where(and_(
                participants.c.session_id == session_id, participants.c.number == int(number)))).scalar()
            if pid is None:
                raise InvalidInputError("no_such_participant", number=number)
            conn.execute(delete(answers).where(answers.c.participant_id == pid))
            conn.execute(delete(participants).where(participants.c.id == pid))
            self._bump(conn, session_id)
        self.storage.transact(_remove)

    def hide_rationale(self, secret: str, session_id: int, answer_id: int, hidden: bool = True) -> None:
        """Hide (or show again) one rationale: a hidden rationale is never shown in a reveal or on phones."""
        def _hide(conn):
            self._authorise(conn, session_id, secret)
            ok = conn.execute(select(answers.c.id).join(rounds, rounds.c.id == answers.c.round_id).where(and_(
                answers.c.id == int(answer_id), rounds.c.session_id == session_id))).scalar()
            if ok is None:
                raise NotAuthorisedError()
            conn.execute(update(answers).where(answers.c.id == int(answer_id)).values(hidden=bool(hidden)))
            self._bump(conn, session_id)
        self.storage.transact(_hide)

    # ---------------------------------------------------------------- reading
    def session(self, session_id: int) -> SessionInfo:
        with self.storage.read() as conn:
            s = conn.execute(select(sessions).where(sessions.c.id == session_id)).first()
            if s is None:
                raise UnknownNameError("session", str(session_id), [])
            rs = conn.execute(select(rounds).where(rounds.c.session_id == session_id)
                              .order_by(rounds.c.position)).all()
        now = time.time()
        infos = []
        for r in rs:
            status, timed_out = effective_status(r.status, r.deadline_at, now)
            infos.append(RoundInfo(r.id, r.position, RoundSpec(r.kind, r.catalogue), status, r.deadline_at, timed_out))
        return SessionInfo(
            session_id=s.id, code=s.code, title=s.title, language=s.language, cases=_parse_cases(s.cases_json),
            rounds=tuple(infos), version=s.version, max_participants=s.max_participants or MAX_PARTICIPANTS)

    def round_states(self, session_id: int) -> tuple[tuple[int, str], ...]:
        """(round id, status) per round, a timer that ran out read as closed: what a phone polls for."""
        with self.storage.read() as conn:
            rows = conn.execute(select(rounds.c.id, rounds.c.status, rounds.c.deadline_at)
                                .where(rounds.c.session_id == session_id).order_by(rounds.c.position)).all()
        now = time.time()
        return tuple((int(r.id), effective_status(r.status, r.deadline_at, now)[0]) for r in rows)

    def version(self, session_id: int) -> int:
        """The change counter: one indexed read, cheap enough to poll several times a second."""
        return int(self.storage.scalar(select(sessions.c.version).where(sessions.c.id == session_id)) or 0)

    # ---------------------------------------------------------------- participants
    def _join_wait(self, client_key: str, page_key: str | None) -> int:
        if not page_key:
            return 0
        since = time.time() - security.FAILED_JOIN_WINDOW_S
        with self.storage.read() as conn:
            addr = conn.execute(select(func.count()).where(and_(
                join_failures.c.client_key == client_key[:64], join_failures.c.at >= since))).scalar() or 0
            page, last = conn.execute(select(func.count(), func.max(join_failures.c.at)).where(and_(
                join_failures.c.page_key == page_key[:64], join_failures.c.at >= since))).one()  # an aggregate
        return security.join_wait(int(page or 0), int(addr), time.time() - (last or 0))

    def _failed_join(self, client_key: str, page_key: str | None) -> None:
        now = time.time()

        def _record(conn):
            conn.execute(join_failures.delete().where(join_failures.c.at < now - 24 * 3600))
            conn.execute(join_failures.insert().values(client_key=client_key[:64],
                                                       page_key=(page_key or None) and page_key[:64], at=now))
        self.storage.transact(_record)

    def session_for_code(self, code: str, client_key: str = "anonymous", page_key: str | None = None) -> SessionInfo:
        """Look up a join code. A page that typed several wrong codes waits before its next try is looked at
        (``security.join_wait``); the right code from any other page always works."""
        wait = self._join_wait(client_key, page_key)
        if wait > 0:
            raise JoinRateLimitedError(wait)
        norm = security.normalise_code(code)
        with self.storage.read() as conn:
            sid = conn.execute(select(sessions.c.id).where(sessions.c.code == norm)).scalar() if norm else None
        if sid is None:
            self._failed_join(client_key, page_key)
            raise UnknownCodeError(norm or str(code)[:12])
        return self.session(int(sid))

    def join(self, code: str, pseudonym: str, role: str | None = None, municipality: str | None = None,
             client_key: str = "anonymous", page_key: str | None = None) -> Joined:
        pseudonym = _check_text(pseudonym, "pseudonym", PSEUDONYM_MAX, required=True,
                                clean=security.clean_name)
        key = security.name_skeleton(pseudonym)
        if not key:
            raise InvalidInputError("pseudonym_needs_letters")
        role = _check_text(role, "role", ROLE_MAX, required=False)
        municipality = _check_text(municipality, "municipality", MUNICIPALITY_MAX, required=False)
        if role is not None and role not in ROLES:
            raise InvalidInputError("role_from_list", roles=", ".join(ROLES))
        if municipality is not None and municipality not in municipalities():
            raise InvalidInputError("municipality_from_list")
        info = self.session_for_code(code, client_key, page_key)
        token = security.new_secret()

        def _join(conn):
            # the session row lock (PostgreSQL) serialises joins of one session: cap and numbers stay exact
            cap = conn.execute(select(sessions.c.max_participants).where(sessions.c.id == info.session_id)
                               .with_for_update()).scalar() or MAX_PARTICIPANTS
            rows = conn.execute(select(participants.c.number, participants.c.pseudonym, participants.c.pseudonym_key)
                                .where(participants.c.session_id == info.session_id)).all()
            same = [r for r in rows if r.pseudonym_key == key]
            if same:
                if security.clean_text(same[0].pseudonym).casefold() == pseudonym.casefold():
                    raise DuplicatePseudonymError(pseudonym)
                raise LookAlikePseudonymError(pseudonym, same[0].pseudonym)
            if len(rows) >= cap:
                raise SessionFullError(int(cap))
            number = max((r.number for r in rows), default=0) + 1
            pid = conn.execute(participants.insert().values(
                session_id=info.session_id, number=number, pseudonym=pseudonym, pseudonym_key=key, role=role,
                municipality=municipality, token_hash=security.hash_secret(token),
                joined_at=time.time())).inserted_primary_key[0]
            self._bump(conn, info.session_id)
            return int(pid), int(number)
        try:
            pid, number = self.storage.transact(_join)
        except IntegrityError:  # a simultaneous join with the same name (other process) won the race
            raise DuplicatePseudonymError(pseudonym) from None
        return Joined(pid, info.session_id, number, token)

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
        return {r.case_id: {**stored_payload(r.payload), "rationale": r.rationale} for r in rows}

    def submit(self, token: str, round_id: int, case_id: str, answer: dict) -> SubmitResult:
        """Store or update this participant's answer (one per round and case); closed round -> error.

        Validation (catalogue look-ups) happens before the write lock is taken; the round status (and its
        timer) is checked again inside the write transaction, so a round closed in between still refuses it.
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
        if effective_status(r.status, r.deadline_at, time.time())[0] != "open":
            raise RoundClosedError()
        valid_ids = [c.case_id for c in _parse_cases(cases_json)]
        if case_id not in valid_ids:
            raise UnknownNameError("case in this session", case_id, valid_ids)
        parsed = validate_answer(RoundSpec(r.kind, r.catalogue), answer)
        payload = json.dumps(parsed.model_dump(mode="json", exclude={"rationale"}), ensure_ascii=False)

        def _store(conn):
            now = time.time()
            row = conn.execute(select(rounds.c.status, rounds.c.deadline_at).where(rounds.c.id == round_id)
                               .with_for_update(read=True)).first()
            if row is None or effective_status(row.status, row.deadline_at, now)[0] != "open":
                raise RoundClosedError()
            if conn.execute(select(participants.c.id).where(participants.c.id == p.id)).scalar() is None:
                raise UnknownParticipantError()  # removed by the trainer meanwhile
            res = upsert(conn, answers,
                         {"round_id": round_id, "participant_id": p.id, "case_id": case_id, "payload": payload,
                          "rationale": parsed.rationale, "revision": 1, "submitted_at": now, "updated_at": now},
                         ["round_id", "participant_id", "case_id"],
                         lambda ex: {"payload": ex.payload, "rationale": ex.rationale, "updated_at": ex.updated_at,
                                     "revision": answers.c.revision + 1},
                         returning=[answers.c.id, answers.c.revision]).first()
            self._bump(conn, p.session_id)
            return SubmitResult(int(res.id), int(res.revision), now)
        return self.storage.transact(_store)

    @staticmethod
    def _bump(conn, session_id: int) -> None:
        conn.execute(update(sessions).where(sessions.c.id == session_id).values(version=sessions.c.version + 1))
