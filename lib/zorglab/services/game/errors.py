"""Game errors carry a code and its values; the UI words them (``zorglab.ui.game_strings``)."""

from __future__ import annotations

from enum import Enum
from typing import Any

from zorglab.core.errors import ZorglabError


class ErrorCode(str, Enum):
    OUT_OF_RANGE = "out_of_range"
    UNKNOWN_CHOICE = "unknown_choice"
    UNKNOWN_FIELD = "unknown_field"
    NOT_YES_NO = "not_yes_no"
    UNKNOWN_CODE = "unknown_code"
    UNKNOWN_TEAM = "unknown_team"
    UNKNOWN_REGION = "unknown_region"
    UNKNOWN_MUNICIPALITY = "unknown_municipality"
    UNKNOWN_EVENT = "unknown_event"
    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"
    TEAM_FULL = "team_full"
    NOT_AUTHORISED = "not_authorised"
    GAME_FINISHED = "game_finished"
    BAD_EXPORT = "bad_export"


class GameError(ZorglabError):
    """A refused action: ``code`` and ``params`` (field, value, allowed range ...); ``str()`` is for logs."""

    def __init__(self, code: ErrorCode, **params: Any):
        self.code, self.params = code, params
        super().__init__(f"{code.value}: " + ", ".join(f"{k}={v}" for k, v in params.items()))
