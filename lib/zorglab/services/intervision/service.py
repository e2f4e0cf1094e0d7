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
from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from zorglab.core.errors import UnknownNameError
from zorglab.domain.cases import Case, load_cases
from zorglab.services.intervision import security
from zorglab.services.intervision.errors import (
    DuplicatePseudonymError,
    InvalidInputError,
    InvalidTrainerLinkError,
    JoinRateLimitedError,
    LookAlikePseudonymError,
    NotAuthorisedError,
    RoundClosedError,
    SessionFullError,
    UnknownCodeError,
    UnknownParticipantError,
)
from zorglab.services.intervision.models import RoundSpec, validate_answer
from zorglab.services.intervision.storage import (
    MAX_PARTICIPANTS,
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
    trainer_tokens,
    upsert,
)

ROLES = ("Gebiedsteam / wijkteam", "Contractmanager", "Beleidsmedewerker", "Zorgaanbieder",
         "Consulent / klantmanager", "Anders")
ROUND_ACTIONS = ("open", "close", "reveal")
MAX_CASES = 12
MAX_TIMER_MIN = 120
TICKET_TTL_S = 120.0  # a one-time login ticket (in a redirect only)
CONSOLE_TTL_S = 24 * 3600.0  # the trainer console cookie
RESUME_TTL_S = 30 * 24 * 3600.0  # the trainer link in the saved file (another computer, a later day)


@cache
def municipalities() -> tuple[str, ...]:
    """Municipalities participants can pick: every municipality of the shipped regions (latest year)."""
    from zorglab.domain.regions import YEAR_RANGE, get_region, regions

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


def _effective_status(status: str, deadline_at: float | None, now: float) -> tuple[str, bool]:
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


def _cases_json(cases: list[Case]) -> str:
    return json.dumps([c.model_dump(mode="json") for c in cases], ensure_ascii=False)


@cache
def _parse_cases(text: str) -> tuple[Case, ...]:
    return tuple(Case.model_validate(rec) for rec in json.loads(text))


def _check_text(value: str | None, name_nl: str, name_en: str, max_len: int, required: bool,
                clean=security.clean_text) -> str | None:
    text = clean(value)
    if not text:
        if required:
            raise InvalidInputError(f"Vul een {name_nl} in.", f"Please enter a {name_en}.")
        return None
    if len(text) > max_len:
        raise InvalidInputError(f"{name_nl.capitalize()} is te lang ({len(text)} tekens); maximaal {max_len}.",
                                f"{name_en.capitalize()} is too long ({len(text)} characters); at most {max_len}.")
    return text


class IntervisionService:
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
        title = _check_text(title, "titel", "title", TITLE_MAX, required=False) or "Intervisie"
        pool = cases if cases is not None else load_cases()
        if not case_ids:
            raise InvalidInputError("Kies minstens één casus.", "Choose at least one case.")
        if len(case_ids) > MAX_CASES:
            raise InvalidInputError(f"Kies maximaal {MAX_CASES} casussen.", f"Choose at most {MAX_CASES} cases.")
        cap = MAX_PARTICIPANTS if max_participants is None else int(max_participants)
        if not 1 <= cap <= 2000:
            raise InvalidInputError("Het maximum aantal deelnemers moet tussen 1 en 2000 liggen.",
                                    "The maximum number of participants must be between 1 and 2000.")
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

    def set_round(self, secret: str, session_id: int, round_id: int, action: str,
                  minutes: float | None = None) -> str:
        """open (closes any other open round; ``minutes`` starts a timer) | close | reveal (closes first).
        Returns the new status."""
        if action not in ROUND_ACTIONS:
            raise InvalidInputError(f"Onbekende actie '{action}'.", f"Unknown action '{action}'.")
        if minutes is not None and minutes and not 0 < float(minutes) <= MAX_TIMER_MIN:
            raise InvalidInputError(f"De timer moet tussen 0 en {MAX_TIMER_MIN} minuten liggen (0 = geen timer).",
                                    f"The timer must be between 0 and {MAX_TIMER_MIN} minutes (0 = no timer).")

        def _set(conn):
            now = time.time()
            self._authorise(conn, session_id, secret)
            row = conn.execute(select(rounds.c.status, rounds.c.deadline_at).where(
                and_(rounds.c.id == round_id, rounds.c.session_id == session_id))).first()
            if row is None:
                raise NotAuthorisedError()
            status = _effective_status(row.status, row.deadline_at, now)[0]
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
                raise InvalidInputError(f"Deelnemer {number} bestaat niet (meer).",
                                        f"Participant {number} does not exist (any more).")
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
            status, timed_out = _effective_status(r.status, r.deadline_at, now)
            infos.append(RoundInfo(r.id, r.position, RoundSpec(r.kind, r.catalogue), status, r.deadline_at, timed_out))
        return SessionInfo(
            session_id=s.id, code=s.code, title=s.title, language=s.language, cases=_parse_cases(s.cases_json),
            rounds=tuple(infos), version=s.version, max_participants=s.max_participants or MAX_PARTICIPANTS)

    def version(self, session_id: int) -> int:
        """The change counter: one indexed read, cheap enough to poll several times a second."""
        return int(self.storage.scalar(select(sessions.c.version).where(sessions.c.id == session_id)) or 0)

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
                       rounds.c.status, rounds.c.deadline_at).where(rounds.c.session_id == session_id)
                .order_by(rounds.c.position)).mappings().all(),
                columns=["round_id", "position", "kind", "catalogue", "status", "deadline_at"])
        ps = ps.astype({"role": object, "municipality": object})
        ps[["role", "municipality"]] = ps[["role", "municipality"]].where(ps[["role", "municipality"]].notna(), None)
        per_p = ans.groupby("participant_id").size()
        ps["n_answers"] = ps["id"].map(per_p).fillna(0).astype(int)
        now = time.time()
        rs["status"] = [_effective_status(st, None if pd.isna(d) else d, now)[0]
                        for st, d in zip(rs["status"], rs["deadline_at"], strict=True)]
        rs["n_answers"] = rs["round_id"].map(ans.groupby("round_id").size()).fillna(0).astype(int)
        rs["n_participants"] = rs["round_id"].map(ans.groupby("round_id")["participant_id"].nunique()).fillna(0).astype(int)
        rs["n_joined"] = len(ps)
        answered = ans.groupby("round_id")["participant_id"].agg(set).to_dict()
        missing = {int(rid): [p for i, p in zip(ps["id"], ps["pseudonym"], strict=True)
                              if i not in answered.get(rid, set())] for rid in rs["round_id"]}
        return Overview(int(version), ps.drop(columns="id"), rs.drop(columns="deadline_at"),
                        set(ans["id"].astype(int)), missing)

    def answers_frame(self, session_id: int, round_id: int | None = None) -> pd.DataFrame:
        """Anonymous answers: participant number (never the pseudonym), role, municipality, payload, and whether
        the trainer hid the rationale."""
        q = (select(answers.c.id.label("answer_id"), answers.c.round_id, rounds.c.position.label("round_position"),
                    rounds.c.kind, rounds.c.catalogue, participants.c.number.label("participant"),
                    participants.c.role, participants.c.municipality, answers.c.case_id, answers.c.payload,
                    answers.c.rationale, answers.c.hidden, answers.c.revision, answers.c.submitted_at,
                    answers.c.updated_at)
             .join(rounds, rounds.c.id == answers.c.round_id)
             .join(participants, participants.c.id == answers.c.participant_id)
             .where(rounds.c.session_id == session_id))
        if round_id is not None:
            q = q.where(answers.c.round_id == round_id)
        with self.storage.read() as conn:
            rows = conn.execute(q.order_by(answers.c.id)).mappings().all()
        df = pd.DataFrame(rows, columns=["answer_id", "round_id", "round_position", "kind", "catalogue",
                                         "participant", "role", "municipality", "case_id", "payload", "rationale",
                                         "hidden", "revision", "submitted_at", "updated_at"])
        df["payload"] = df["payload"].map(json.loads)
        df["hidden"] = df["hidden"].fillna(False).astype(bool)
        return df

    # ---------------------------------------------------------------- participants
    def _join_wait(self, client_key: str, page_key: str | None) -> int:
        if not page_key:
            return 0
        since = time.time() - security.FAILED_JOIN_WINDOW_S
        with self.storage.read() as conn:
            addr = conn.execute(select(func.count()).where(and_(
                join_failures.c.client_key == client_key[:64], join_failures.c.at >= since))).scalar() or 0
            page, last = conn.execute(select(func.count(), func.max(join_failures.c.at)).where(and_(
                join_failures.c.page_key == page_key[:64], join_failures.c.at >= since))).first()
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
        pseudonym = _check_text(pseudonym, "schuilnaam", "pseudonym", PSEUDONYM_MAX, required=True,
                                clean=security.clean_name)
        key = security.name_skeleton(pseudonym)
        if not key:
            raise InvalidInputError("Vul een schuilnaam in met letters of cijfers.",
                                    "Please enter a pseudonym with letters or digits.")
        role = _check_text(role, "rol", "role", 40, required=False)
        municipality = _check_text(municipality, "gemeente", "municipality", MUNICIPALITY_MAX, required=False)
        if role is not None and role not in ROLES:
            raise InvalidInputError(f"Kies een rol uit de lijst: {', '.join(ROLES)}.",
                                    f"Choose a role from the list: {', '.join(ROLES)}.")
        if municipality is not None and municipality not in municipalities():
            raise InvalidInputError("Kies een gemeente uit de lijst (of laat leeg).",
                                    "Choose a municipality from the list (or leave it empty).")
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
        return {r.case_id: {**json.loads(r.payload), "rationale": r.rationale} for r in rows}

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
        if _effective_status(r.status, r.deadline_at, time.time())[0] != "open":
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
            if row is None or _effective_status(row.status, row.deadline_at, now)[0] != "open":
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
