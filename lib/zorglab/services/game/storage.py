"""The purchasing game's tables, in the same database as the intervision sessions.

Why here and not in intervision: the game has its own rows (games, team members, decisions per round,
computed years, events) but shares the engine, the database URL (``ZORGLAB_DB_URL``, SQLite WAL by
default), the write lock, busy retries and the error translation of ``zorglab.services.intervision.storage``.
Everything is written in one transaction per action; the computed years store the full state as JSON,
so a restarted server continues exactly where it stopped.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table, Text, UniqueConstraint
from sqlalchemy.exc import OperationalError

from zorglab.services.intervision.storage import PSEUDONYM_MAX, Storage, get_storage, storage_error

metadata = MetaData()
TITLE_MAX = 80
MEMBERS_PER_TEAM = 5

games = Table(
    "gm_games", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("trainer_hash", String(64), nullable=False, unique=True),
    Column("title", String(TITLE_MAX), nullable=False),
    Column("language", String(2), nullable=False, default="nl"),
    Column("config_json", Text, nullable=False),
    Column("cases_json", Text, nullable=False),  # per round the anonymised cases the area team assigns
    Column("round", Integer, nullable=False, default=1),  # the contract year being decided (1..rounds)
    Column("status", String(10), nullable=False, default="deciding"),
    Column("version", Integer, nullable=False, default=0),  # bumped on every change: cheap live polling
    Column("created_at", Float, nullable=False),
)

members = Table(
    "gm_members", metadata,
    Column("id", Integer, primary_key=True),
    Column("game_id", Integer, ForeignKey("gm_games.id", ondelete="CASCADE"), nullable=False),
    Column("team", String(20), nullable=False),
    Column("pseudonym", String(PSEUDONYM_MAX), nullable=False),
    Column("pseudonym_key", String(PSEUDONYM_MAX), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("joined_at", Float, nullable=False),
    UniqueConstraint("game_id", "pseudonym_key", name="uq_gm_member_name"),
)

decisions = Table(
    "gm_decisions", metadata,
    Column("id", Integer, primary_key=True),
    Column("game_id", Integer, ForeignKey("gm_games.id", ondelete="CASCADE"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("team", String(20), nullable=False),
    Column("payload", Text, nullable=False),  # validated JSON (zorglab.services.game.model.decision_dict)
    Column("member_id", Integer, ForeignKey("gm_members.id", ondelete="SET NULL")),
    Column("revision", Integer, nullable=False, default=1),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("game_id", "round", "team", name="uq_gm_decision"),
)

years = Table(
    "gm_years", metadata,
    Column("id", Integer, primary_key=True),
    Column("game_id", Integer, ForeignKey("gm_games.id", ondelete="CASCADE"), nullable=False),
    Column("round", Integer, nullable=False),  # 0 = the year before the game (baseline)
    Column("state_json", Text, nullable=False),
    Column("outcome_json", Text, nullable=False),
    Column("decisions_json", Text, nullable=False),  # the decisions in force (defaults filled in)
    Column("computed_at", Float, nullable=False),
    UniqueConstraint("game_id", "round", name="uq_gm_year"),
)

events = Table(
    "gm_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("game_id", Integer, ForeignKey("gm_games.id", ondelete="CASCADE"), nullable=False),
    Column("round", Integer, nullable=False),
    Column("event", String(24), nullable=False),
    Column("created_at", Float, nullable=False),
    UniqueConstraint("game_id", "round", "event", name="uq_gm_event"),
)


trainer_tokens = Table(  # one-time login tickets and console tokens (the trainer's cookie): only hashes
    "gm_trainer_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("game_id", Integer, ForeignKey("gm_games.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # ticket | console
    Column("expires_at", Float, nullable=False),
    Column("used", Integer, nullable=False, default=0),
)


_READY: set[str] = set()


def game_storage(url: str | None = None) -> Storage:
    """The shared intervision ``Storage`` for this URL, with the game's tables created (once per process)."""
    return ensure_tables(get_storage(url))


def ensure_tables(store: Storage) -> Storage:
    """Create the game's tables in ``store``'s database if they are missing (nothing is dropped)."""
    if store.url not in _READY:
        try:
            metadata.create_all(store.engine)
        except OperationalError as err:
            raise storage_error(err) from err
        _READY.add(store.url)
    return store
