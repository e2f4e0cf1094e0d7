"""Live intervision exercise: sessions, rounds, answers (SQLite WAL by default) and reveal statistics."""

from .errors import IntervisionError
from .models import RoundSpec
from .service import IntervisionService
from .storage import Storage, get_storage

__all__ = ["IntervisionError", "IntervisionService", "RoundSpec", "Storage", "get_storage"]
