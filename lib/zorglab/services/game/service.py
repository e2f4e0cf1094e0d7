"""The purchasing game's actions: set up, join a team, decide, trigger events, advance a contract year, read back.

Why a service: the Panel app, the tests and the notebook's example export use exactly these calls. Every
input is validated here (``model.parse_decision`` names the allowed range); every change bumps the game's
``version`` in the same transaction, so a live page only polls one integer. Trainer actions need the
trainer secret, team actions a member token (only hashes are stored; ``zorglab.services.intervision.security``).
Computing a year reads the stored state and decisions and writes the new year in one transaction: a
restart between rounds loses nothing, and advancing twice cannot compute one year twice. Trainer sign-in
lives in ``trainer_access``, reading back in ``reading``, the records handed out in ``records``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError

from zorglab.core.errors import UnknownNameError
from zorglab.domain.cases import load_cases
from zorglab.domain.regions import get_region, regions
from zorglab.services.game import world
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.model import (
    CASES_PER_ROUND,
    DECISION_TYPES,
    MAX_PROVIDERS,
    MAX_ROUNDS,
    MIN_PROVIDERS,
    MIN_ROUNDS,
    Event,
    GameConfig,
    GameStatus,
    Role,
    decision_dict,
    parse_decision,
    team_role,
)
from zorglab.services.game.reading import GameReads
from zorglab.services.game.records import CreatedGame, GameInfo, Member, Year
from zorglab.services.game.storage import (
    MEMBERS_PER_TEAM,
    TITLE_MAX,
    decisions,
    ensure_tables,
    events,
    game_storage,
    games,
    members,
    years,
)
from zorglab.services.game.trainer_access import CONSOLE_TTL_S, TICKET_TTL_S, TrainerAccess
from zorglab.services.intervision import security
from zorglab.services.intervision.errors import JoinRateLimitedError
from zorglab.services.intervision.storage import PSEUDONYM_MAX, Storage, join_failures

__all__ = ["CONSOLE_TTL_S", "TICKET_TTL_S", "CreatedGame", "GameInfo", "GameService", "Member", "Year",
           "check_config", "round_cases"]


def round_cases(config: GameConfig) -> dict[int, list[str]]:
    """Per round the anonymised cases (``zorglab.domain.cases``) the area team assigns: the region's own first,
    then the others, in a fixed order so every game of the same set-up gets the same cases."""
    cases = load_cases()
    own = [c.case_id for c in cases if c.region == config.region]
    pool = own + [c.case_id for c in cases if c.region != config.region]
    return {r: [pool[((r - 1) * CASES_PER_ROUND + k) % len(pool)] for k in range(CASES_PER_ROUND)]
            for r in range(1, config.rounds + 1)}


def check_config(config: GameConfig) -> GameConfig:
    if config.region not in regions():
        raise GameError(ErrorCode.UNKNOWN_REGION, value=config.region, allowed=", ".join(regions()))
    if config.municipality:
        try:
            get_region(config.region, config.start_year).municipality(config.municipality)
        except (UnknownNameError, KeyError):
            names = [m.name for m in get_region(config.region, config.start_year).municipalities]
            raise GameError(ErrorCode.UNKNOWN_MUNICIPALITY, value=config.municipality,
                            allowed=", ".join(names)) from None
    if not isinstance(config.rounds, int) or not MIN_ROUNDS <= config.rounds <= MAX_ROUNDS:
        raise GameError(ErrorCode.OUT_OF_RANGE, field="rounds", value=str(config.rounds), low=MIN_ROUNDS,
                        high=MAX_ROUNDS)
    if not isinstance(config.n_providers, int) or not MIN_PROVIDERS <= config.n_providers <= MAX_PROVIDERS:
        raise GameError(ErrorCode.OUT_OF_RANGE, field="n_providers", value=str(config.n_providers),
                        low=MIN_PROVIDERS, high=MAX_PROVIDERS)
    return config


class GameService(TrainerAccess, GameReads):
    """Set up, join, decide, trigger events and advance; sign-in (``TrainerAccess``) and reads (``GameReads``)."""

    def __init__(self, storage: Storage | None = None):
        self.storage = ensure_tables(storage) if storage is not None else game_storage()

    # ---------------------------------------------------------------- trainer
    def create_game(self, config: GameConfig, title: str = "", language: str = "nl") -> CreatedGame:
        config = check_config(config)
        title = security.clean_text(title)[:TITLE_MAX] or f"{config.municipality or config.region}"
        state, outcome = world.initial_state(config)
        secret = security.new_secret()
        cases = round_cases(config)
        for _ in range(10):
            code = security.new_join_code()

            def _create(conn, code=code):
                gid = conn.execute(games.insert().values(
                    code=code, trainer_hash=security.hash_secret(secret), title=title,
                    language=language if language in ("nl", "en") else "nl",
                    config_json=json.dumps(config.__dict__), cases_json=json.dumps(cases), round=1,
                    status=GameStatus.DECIDING.value, version=0, created_at=time.time())).inserted_primary_key[0]
                conn.execute(years.insert().values(game_id=gid, round=0, state_json=json.dumps(state.to_dict()),
                                                   outcome_json=json.dumps(outcome), decisions_json="{}",
                                                   computed_at=time.time()))
                return int(gid)
            try:
                gid = self.storage.transact(_create)
            except IntegrityError:  # the code was taken: draw another
                continue
            return CreatedGame(gid, code, secret)
        raise RuntimeError("no free join code after 10 tries")

    def trigger_event(self, secret: str, event: Event | str) -> None:
        """An event for the contract year being decided (applied when it is computed); twice is once."""
        try:
            event = Event(event)
        except ValueError:
            raise GameError(ErrorCode.UNKNOWN_EVENT, value=str(event), allowed=", ".join(e.value for e in Event)) \
                from None
        info = self.game_for_trainer(secret)
        if info.finished:
            raise GameError(ErrorCode.GAME_FINISHED)

        def _add(conn):
            self._lock_game(conn, info.game_id)  # two clicks at once: one row (PostgreSQL does not serialise)
            have = conn.execute(select(events.c.id).where(and_(
                events.c.game_id == info.game_id, events.c.round == info.round, events.c.event == event.value))).first()
            if have is None:
                conn.execute(events.insert().values(game_id=info.game_id, round=info.round, event=event.value,
                                                    created_at=time.time()))
                self._bump(conn, info.game_id)
        self.storage.transact(_add)

    def advance(self, secret: str) -> Year:
        """Compute the contract year being decided from the stored state, decisions and events; open the next."""
        info = self.game_for_trainer(secret)
        if info.finished:
            raise GameError(ErrorCode.GAME_FINISHED)
        config = info.config

        def _advance(conn):
            row = conn.execute(select(games.c.round, games.c.status).where(games.c.id == info.game_id)
                               .with_for_update()).first()
            if row.status == GameStatus.FINISHED.value or row.round != info.round:
                raise GameError(ErrorCode.GAME_FINISHED)  # another click (or process) was first
            rnd = int(row.round)
            prev = conn.execute(select(years.c.state_json).where(and_(
                years.c.game_id == info.game_id, years.c.round == rnd - 1))).scalar()
            state = world.WorldState.from_dict(json.loads(prev))
            chosen = self._decisions(conn, info.game_id, rnd)
            in_force = self._in_force(conn, info.game_id, rnd, config, chosen)
            evs = tuple(Event(e) for e in conn.execute(select(events.c.event).where(and_(
                events.c.game_id == info.game_id, events.c.round == rnd)).order_by(events.c.id)).scalars())
            new_state, outcome = world.advance(config, state, self._decisions_object(config, in_force), evs)
            outcome["decided_by"] = sorted(chosen)  # teams that decided themselves (others kept last year's)
            conn.execute(years.insert().values(game_id=info.game_id, round=rnd,
                                               state_json=json.dumps(new_state.to_dict()),
                                               outcome_json=json.dumps(outcome), decisions_json=json.dumps(in_force),
                                               computed_at=time.time()))
            done = rnd >= config.rounds
            conn.execute(update(games).where(games.c.id == info.game_id).values(
                round=rnd if done else rnd + 1,
                status=(GameStatus.FINISHED if done else GameStatus.DECIDING).value, version=games.c.version + 1))
            return Year(rnd, new_state, outcome, in_force)
        return self.storage.transact(_advance)

    # ---------------------------------------------------------------- teams
    def _join_wait(self, client_key: str, page_key: str | None) -> int:
        if not page_key:
            return 0
        since = time.time() - security.FAILED_JOIN_WINDOW_S
        with self.storage.read() as conn:
            addr = conn.execute(select(func.count()).where(and_(
                join_failures.c.client_key == client_key[:64], join_failures.c.at >= since))).scalar() or 0
            row = conn.execute(select(func.count(), func.max(join_failures.c.at)).where(and_(
                join_failures.c.page_key == page_key[:64], join_failures.c.at >= since))).first()
        page, last = row if row is not None else (0, None)
        return security.join_wait(int(page or 0), int(addr), time.time() - (last or 0))

    def game_for_code(self, code: str, client_key: str = "anonymous", page_key: str | None = None) -> GameInfo:
        """A join code's game; wrong codes are throttled per page and address like intervision's."""
        wait = self._join_wait(client_key, page_key)
        if wait > 0:
            raise JoinRateLimitedError(wait)
        norm = security.normalise_code(code)
        with self.storage.read() as conn:
            gid = conn.execute(select(games.c.id).where(games.c.code == norm)).scalar() if norm else None
        if gid is None:
            now = time.time()
            self.storage.transact(lambda conn: conn.execute(join_failures.insert().values(
                client_key=client_key[:64], page_key=(page_key or None) and page_key[:64], at=now)))
            raise GameError(ErrorCode.UNKNOWN_CODE, value=norm or str(code)[:12])
        return self.game(int(gid))

    def join(self, code: str, team: str, pseudonym: str, client_key: str = "anonymous",
             page_key: str | None = None) -> tuple[Member, str]:
        """Join a team (up to MEMBERS_PER_TEAM people); returns the member and its secret token."""
        name = security.clean_name(pseudonym)
        if len(name) > PSEUDONYM_MAX:
            raise GameError(ErrorCode.NAME_TOO_LONG, high=PSEUDONYM_MAX)
        key = security.name_skeleton(name)
        if not key:
            raise GameError(ErrorCode.NAME_EMPTY)
        info = self.game_for_code(code, client_key, page_key)
        if team not in info.config.teams():
            raise GameError(ErrorCode.UNKNOWN_TEAM, team=str(team)[:20], allowed=", ".join(info.config.teams()))
        token = security.new_secret()

        def _join(conn):
            self._lock_game(conn, info.game_id)  # the team cap holds for simultaneous joins on PostgreSQL too
            rows = conn.execute(select(members.c.team, members.c.pseudonym_key, members.c.pseudonym)
                                .where(members.c.game_id == info.game_id)).all()
            same = [r for r in rows if r.pseudonym_key == key]
            if same:
                raise GameError(ErrorCode.NAME_TAKEN, value=name, taken=same[0].pseudonym)
            if sum(1 for r in rows if r.team == team) >= MEMBERS_PER_TEAM:
                raise GameError(ErrorCode.TEAM_FULL, team=team, high=MEMBERS_PER_TEAM)
            mid = conn.execute(members.insert().values(game_id=info.game_id, team=team, pseudonym=name,
                                                       pseudonym_key=key, token_hash=security.hash_secret(token),
                                                       joined_at=time.time())).inserted_primary_key[0]
            self._bump(conn, info.game_id)
            return int(mid)
        try:
            mid = self.storage.transact(_join)
        except IntegrityError:
            raise GameError(ErrorCode.NAME_TAKEN, value=name, taken=name) from None
        return Member(mid, info.game_id, team, name), token

    def member(self, token: str) -> Member:
        with self.storage.read() as conn:
            row = conn.execute(select(members).where(members.c.token_hash == security.hash_secret(token or ""))
                               ).first() if token else None
        if row is None:
            raise GameError(ErrorCode.NOT_AUTHORISED)
        return Member(int(row.id), int(row.game_id), row.team, row.pseudonym)

    def submit(self, token: str, raw: dict[str, Any]) -> dict[str, Any]:
        """Store the team's decision for the open contract year (a later submit by any member replaces it)."""
        me = self.member(token)
        info = self.game(me.game_id)
        if info.finished:
            raise GameError(ErrorCode.GAME_FINISHED)
        decision = parse_decision(me.role, raw, info.config.n_providers, tuple(info.cases.get(info.round, ())))
        payload = decision_dict(decision)
        rnd = info.round

        def _store(conn):
            # the game row is locked first: on PostgreSQL two phones of one team saving the round's first
            # decision at once would otherwise both insert (SQLite's BEGIN IMMEDIATE serialises them anyway)
            status = conn.execute(select(games.c.status, games.c.round).where(games.c.id == me.game_id)
                                  .with_for_update()).first()
            if status.status == GameStatus.FINISHED.value or status.round != rnd:
                raise GameError(ErrorCode.GAME_FINISHED)
            old = conn.execute(select(decisions.c.id, decisions.c.revision).where(and_(
                decisions.c.game_id == me.game_id, decisions.c.round == rnd, decisions.c.team == me.team))).first()
            now = time.time()
            if old is None:
                conn.execute(decisions.insert().values(game_id=me.game_id, round=rnd, team=me.team,
                                                       payload=json.dumps(payload), member_id=me.member_id,
                                                       revision=1, updated_at=now))
            else:
                conn.execute(update(decisions).where(decisions.c.id == old.id).values(
                    payload=json.dumps(payload), member_id=me.member_id, revision=old.revision + 1, updated_at=now))
            self._bump(conn, me.game_id)
        self.storage.transact(_store)
        return payload

    # ---------------------------------------------------------------- helpers
    @staticmethod
    def _in_force(conn, game_id: int, rnd: int, config: GameConfig, chosen: dict) -> dict[str, dict[str, Any]]:
        """Every team's decision for the year: its own, else last year's in force, else the default
        (the area team's case assignments never carry over: each year has new cases)."""
        last = conn.execute(select(years.c.decisions_json).where(and_(
            years.c.game_id == game_id, years.c.round == rnd - 1))).scalar()
        last = json.loads(last) if last else {}
        out = {}
        for team in config.teams():
            if team in chosen:
                out[team] = chosen[team]
            elif team in last:
                out[team] = {**last[team], **({"assignments": {}} if team == Role.AREA_TEAM.value else {})}
            else:
                out[team] = decision_dict(DECISION_TYPES[team_role(team)]())
        return out

    @staticmethod
    def _decisions_object(config: GameConfig, in_force: dict[str, dict[str, Any]]) -> world.Decisions:
        def parse(team):
            return parse_decision(team_role(team), in_force[team], config.n_providers)
        return world.Decisions(
            municipality=parse(Role.MUNICIPALITY.value),
            providers=[parse(f"provider_{i}") for i in range(1, config.n_providers + 1)],
            area_team=parse(Role.AREA_TEAM.value),
            insurer=parse(Role.INSURER.value) if Role.INSURER.value in in_force else world.InsurerDecision())

    @staticmethod
    def _lock_game(conn, game_id: int) -> None:
        """Hold the game's row until the transaction ends (SELECT ... FOR UPDATE; a no-op on SQLite, whose
        write transactions are serialised by BEGIN IMMEDIATE)."""
        conn.execute(select(games.c.id).where(games.c.id == game_id).with_for_update()).first()

    @staticmethod
    def _bump(conn, game_id: int) -> None:
        conn.execute(update(games).where(games.c.id == game_id).values(version=games.c.version + 1))
