"""Live intervision exercise: sessions, rounds, answers (SQLite WAL by default) and reveal statistics."""

from zorglab.services.intervision.errors import IntervisionError
from zorglab.services.intervision.models import RoundSpec
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage, get_storage

__all__ = ["IntervisionError", "IntervisionService", "RoundSpec", "Storage", "get_storage"]
