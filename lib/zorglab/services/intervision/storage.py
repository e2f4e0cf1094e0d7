"""The one place intervision data is stored: SQLAlchemy 2 Core tables on SQLite (default) or PostgreSQL.

Why Core and one module: every other part (service, app, benchmark) goes through ``Storage``, so the
database can be swapped by URL (``ZORGLAB_DB_URL``) without touching them. SQLite runs in WAL mode
with a busy timeout so many phones can submit while the trainer's view keeps reading; writes take the
lock up front (``BEGIN IMMEDIATE``) so a read-then-write never fails half-way under contention.
Unique constraints make a double submission an update, never a second row.

Failures are never silent: a database error becomes a ``StorageError`` the views show (busy/locked is
retried first, a full disk or a deleted database file is reported as such); a transaction is all or
nothing. A SQLite file that disappears while the server runs is not recreated empty (``mode=rw``).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DefaultClause,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TextClause,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    text,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.dml import Insert

from zorglab.core.paths import var_dir
from zorglab.services.intervision.errors import (
    StorageBusyError,
    StorageError,
    StorageFullError,
    StorageMissingError,
)

DB_URL_ENV = "ZORGLAB_DB_URL"
BUSY_TIMEOUT_MS = 10_000
WRITE_RETRIES = 2  # a write that found the database locked past the busy timeout is tried this many times more
MAX_PARTICIPANTS = 400  # default cap per session: a large lecture hall
CODE_MAX = 12  # a join code as typed (normalised codes are 6 characters)
PSEUDONYM_MAX = 30
ROLE_MAX = 40
MUNICIPALITY_MAX = 60
TITLE_MAX = 80
RATIONALE_MAX = 200

metadata = MetaData()

sessions = Table(
    "iv_sessions", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(CODE_MAX), nullable=False, unique=True),
    Column("trainer_hash", String(64), nullable=False, unique=True),
    Column("title", String(TITLE_MAX), nullable=False),
    Column("language", String(2), nullable=False, default="nl"),
    Column("cases_json", Text, nullable=False),  # snapshot: a session stays readable if the library changes
    Column("version", Integer, nullable=False, default=0),  # bumped on every change: cheap live polling
    Column("created_at", Float, nullable=False),
    Column("max_participants", Integer),  # None: MAX_PARTICIPANTS
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
    Column("deadline_at", Float),  # optional round timer: the round counts as closed from then on
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
    Column("hidden", Boolean, server_default=text("false")),  # trainer hid the rationale before the reveal
    UniqueConstraint("round_id", "participant_id", "case_id", name="uq_answer_once"),
)
Index("ix_answers_round", answers.c.round_id)

join_failures = Table(  # wrong join codes, per address (client_key) and per open page (page_key)
    "iv_join_attempts", metadata,
    Column("id", Integer, primary_key=True),
    Column("client_key", String(64), nullable=False),
    Column("page_key", String(64)),
    Column("at", Float, nullable=False),
)
Index("ix_join_attempts_client", join_failures.c.client_key, join_failures.c.at)
Index("ix_join_attempts_page", join_failures.c.page_key, join_failures.c.at)

trainer_tokens = Table(  # one-time login tickets and console tokens (cookie): only hashes are stored
    "iv_trainer_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("session_id", Integer, ForeignKey("iv_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # ticket | console
    Column("expires_at", Float, nullable=False),
    Column("used_by", String(64)),  # a ticket: the page that redeemed it (may redeem again in another process)
)


def default_url() -> str:
    """``ZORGLAB_DB_URL`` if set, else a SQLite file in the runtime folder (no server needed)."""
    env = os.environ.get(DB_URL_ENV)
    if env:
        return env
    return f"sqlite:///{Path(var_dir()) / 'zorglab.sqlite'}"


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # WAL + busy timeout on every new connection
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")  # safe in WAL mode; a crash loses no committed data
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection):
        write = conn.get_execution_options().get("zorglab_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def storage_error(err: Exception) -> StorageError:
    """The user-facing error for a database exception: busy (retryable), full/write error, missing file, other."""
    orig = getattr(err, "orig", err)
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    msg = str(orig).lower()
    pgcode = str(getattr(orig, "sqlstate", "") or getattr(getattr(orig, "diag", None), "sqlstate", "") or "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in msg or "is busy" in msg:
        return StorageBusyError()
    if pgcode in ("40001", "40P01", "55P03"):  # serialization failure, deadlock, lock not available
        return StorageBusyError()
    if name.startswith(("SQLITE_FULL", "SQLITE_IOERR")) or "disk is full" in msg or "disk i/o" in msg \
            or pgcode in ("53100", "53200"):
        return StorageFullError()
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in msg or "no such table" in msg \
            or "readonly database" in msg:
        return StorageMissingError()
    return StorageError()


def _sqlite_path(url: str) -> str | None:
    path = url.split("///", 1)[-1] if "///" in url else ""
    path = path.split("?", 1)[0]
    return None if not path or path == ":memory:" else path


class Storage:
    """Engine + schema for one database URL. Use ``get_storage()`` to share one per process.

    ``read()`` and ``write()`` turn database failures into ``StorageError``; ``transact(fn)`` runs a write
    and retries it when the database stayed locked (nothing of a failed attempt is kept).
    """

    def __init__(self, url: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 write_retries: int = WRITE_RETRIES):
        self.url = url or default_url()
        self.busy_timeout_ms = busy_timeout_ms
        self.write_retries = write_retries
        self.path = _sqlite_path(self.url) if self.url.startswith("sqlite") else None
        if self.url.startswith("sqlite"):
            if self.path:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                if not Path(self.path).exists():
                    print(f"zorglab: new intervision database {self.path}", file=sys.stderr)
                    sqlite3.connect(self.path).close()  # the only place a database file is created
            # NullPool: a fresh connection per use is cheap for SQLite and safe across threads/processes.
            # mode=rw: a database file deleted while the server runs is an error, never silently recreated.
            path = self.path

            def _connect():
                target = f"file:{urllib.parse.quote(path)}?mode=rw" if path else "file::memory:"
                return sqlite3.connect(target, uri=True, check_same_thread=False, timeout=busy_timeout_ms / 1000)

            self.engine = create_engine("sqlite://", poolclass=NullPool, creator=_connect)
            _configure_sqlite(self.engine, busy_timeout_ms)
        else:
            self.engine = create_engine(self.url, pool_pre_ping=True, pool_size=5, max_overflow=10)
        try:
            metadata.create_all(self.engine)
            _add_missing_columns(self.engine)
        except OperationalError as err:
            raise storage_error(err) from err

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except (OperationalError, InterfaceError) as err:
            raise storage_error(err) from err
        except DBAPIError as err:
            if isinstance(err, IntegrityError):
                raise
            raise storage_error(err) from err

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that holds the write lock from its first statement (SQLite: BEGIN IMMEDIATE)."""
        try:
            with self.engine.connect().execution_options(zorglab_write=True) as conn, conn.begin():
                yield conn
        except (OperationalError, InterfaceError) as err:
            raise storage_error(err) from err
        except DBAPIError as err:
            if isinstance(err, IntegrityError):
                raise
            raise storage_error(err) from err

    def transact(self, fn: Callable[[Connection], object]):
        """``fn(conn)`` in one write transaction; retried (with a short pause) while the database is busy."""
        for attempt in range(self.write_retries + 1):
            try:
                with self.write() as conn:
                    return fn(conn)
            except StorageBusyError:
                if attempt >= self.write_retries:
                    raise
                time.sleep(0.1 * 3 ** attempt)
        raise AssertionError("unreachable")

    def scalar(self, stmt):
        """One value outside an explicit transaction (the cheap live poll)."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(stmt).scalar()
        except (OperationalError, InterfaceError) as err:
            raise storage_error(err) from err

    def journal_mode(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()) if self.is_sqlite else "n/a"

    def dispose(self) -> None:
        self.engine.dispose()


def _add_missing_columns(engine: Engine) -> None:
    """A database made by an older zorglab gets the newer (nullable) columns; nothing is dropped or changed."""
    insp = inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            have = {c["name"] for c in insp.get_columns(table.name)}
            for col in table.columns:
                if col.name in have:
                    continue
                ddl = f"ALTER TABLE {table.name} ADD COLUMN {col.name} {col.type.compile(dialect=engine.dialect)}"
                default = col.server_default
                if default is not None:
                    if not (isinstance(default, DefaultClause) and isinstance(default.arg, TextClause)):
                        raise TypeError(f"{table.name}.{col.name}: write a server_default as text(...)")
                    ddl += f" DEFAULT {default.arg.text}"
                conn.exec_driver_sql(ddl)


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
    stmt: Insert
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        pg = postgresql_insert(table).values(**values)
        stmt = pg.on_conflict_do_update(index_elements=conflict, set_=set_(pg.excluded))
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        lite = sqlite_insert(table).values(**values)
        stmt = lite.on_conflict_do_update(index_elements=conflict, set_=set_(lite.excluded))
    return conn.execute(stmt.returning(*returning) if returning else stmt)
