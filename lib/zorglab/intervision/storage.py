"""The one place intervision data is stored: SQLAlchemy 2 Core tables on SQLite (default) or PostgreSQL.

Why Core and one module: every other part (service, app, benchmark) goes through ``Storage``, so the
database can be swapped by URL (``ZORGLAB_DB_URL``) without touching them. SQLite runs in WAL mode
with a busy timeout so many phones can submit while the trainer's view keeps reading; writes take the
lock up front (``BEGIN IMMEDIATE``) so a read-then-write never fails half-way under contention.
Unique constraints make a double submission an update, never a second row.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.pool import NullPool

from ..paths import var_dir

DB_URL_ENV = "ZORGLAB_DB_URL"
BUSY_TIMEOUT_MS = 10_000
PSEUDONYM_MAX = 30
ROLE_MAX = 40
MUNICIPALITY_MAX = 60
TITLE_MAX = 80
RATIONALE_MAX = 200

metadata = MetaData()

sessions = Table(
    "iv_sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("trainer_hash", String(64), nullable=False, unique=True),
    Column("title", String(TITLE_MAX), nullable=False),
    Column("language", String(2), nullable=False, default="nl"),
    Column("cases_json", Text, nullable=False),  # snapshot: a session stays readable if the library changes
    Column("version", Integer, nullable=False, default=0),  # bumped on every change: cheap live polling
    Column("created_at", Float, nullable=False),
)

participants = Table(
    "iv_participants", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("iv_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),  # 1, 2, ... in join order: the anonymous label in exports
    Column("pseudonym", String(PSEUDONYM_MAX), nullable=False),
    Column("pseudonym_key", String(PSEUDONYM_MAX), nullable=False),
    Column("role", String(ROLE_MAX)),
    Column("municipality", String(MUNICIPALITY_MAX)),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("joined_at", Float, nullable=False),
    UniqueConstraint("session_id", "pseudonym_key", name="uq_participant_pseudonym"),
    UniqueConstraint("session_id", "number", name="uq_participant_number"),
)

rounds = Table(
    "iv_rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("session_id", Integer, ForeignKey("iv_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),  # indicatie | mdo | arena
    Column("catalogue", String(12)),  # indicatie: old | harmonised
    Column("status", String(10), nullable=False, default="draft"),  # draft | open | closed | revealed
    Column("opened_at", Float),
    Column("closed_at", Float),
    UniqueConstraint("session_id", "position", name="uq_round_position"),
)

answers = Table(
    "iv_answers", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("iv_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", Integer, ForeignKey("iv_participants.id", ondelete="CASCADE"), nullable=False),
    Column("case_id", String(16), nullable=False),
    Column("payload", Text, nullable=False),  # validated JSON (see service.py answer models)
    Column("rationale", String(RATIONALE_MAX), nullable=False, default=""),
    Column("revision", Integer, nullable=False, default=1),  # 2+ = the participant changed the answer
    Column("submitted_at", Float, nullable=False),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("round_id", "participant_id", "case_id", name="uq_answer_once"),
)
Index("ix_answers_round", answers.c.round_id)

join_failures = Table(
    "iv_join_failures", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_key", String(64), nullable=False),
    Column("at", Float, nullable=False),
)
Index("ix_join_failures_client", join_failures.c.client_key, join_failures.c.at)


def default_url() -> str:
    """``ZORGLAB_DB_URL`` if set, else a SQLite file in the runtime folder (no server needed)."""
    env = os.environ.get(DB_URL_ENV)
    if env:
        return env
    return f"sqlite:///{Path(var_dir()) / 'zorglab.sqlite'}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # WAL + busy timeout on every new connection
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode; a crash loses no committed data
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        write = conn.get_execution_options().get("zorglab_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


class Storage:
    """Engine + schema for one database URL. Use ``get_storage()`` to share one per process."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        if self.url.startswith("sqlite"):
            path = self.url.split("///", 1)[-1]
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            # NullPool: a fresh connection per use is cheap for SQLite and safe across threads/processes.
            self.engine = create_engine(self.url, poolclass=NullPool,
                                        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(self.engine)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True)
        metadata.create_all(self.engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that holds the write lock from its first statement (SQLite: BEGIN IMMEDIATE)."""
        with self.engine.connect().execution_options(zorglab_write=True) as conn, conn.begin():
            yield conn

    def journal_mode(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()) if self.is_sqlite else "n/a"

    def dispose(self) -> None:
        self.engine.dispose()


_STORES: dict[str, Storage] = {}
_LOCK = threading.Lock()


def get_storage(url: str | None = None) -> Storage:
    """One Storage per URL per process (all Panel sessions of a server share it)."""
    key = url or default_url()
    with _LOCK:
        if key not in _STORES:
            _STORES[key] = Storage(key)
        return _STORES[key]


def upsert(conn: Connection, table: Table, values: dict, conflict: list[str], set_: Callable[[object], dict],
           returning: list | None = None):
    """INSERT ... ON CONFLICT DO UPDATE for SQLite and PostgreSQL (the two supported backends).

    ``set_(excluded)`` returns the columns to update when the row exists (``excluded`` = the new values).
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    stmt = insert(table).values(**values)
    stmt = stmt.on_conflict_do_update(index_elements=conflict, set_=set_(stmt.excluded))
    if returning:
        stmt = stmt.returning(*returning)
    return conn.execute(stmt)
