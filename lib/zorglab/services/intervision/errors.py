"""Errors participants and trainers can act on. Each carries a key of the ``intervision_errors`` namespace
(lib/zorglab/core/i18n/messages/intervision_errors.toml) and its fields; the UI words it in the chosen
language with ``text(language)``, and ``str()`` shows Dutch and English (logs, tests)."""

from __future__ import annotations

from typing import Any

from zorglab.core.errors import ZorglabError
from zorglab.core.i18n import t

NAMESPACE = "intervision_errors"


class Term(str):
    """A field value that is itself a word of the catalogue (``field_<code>``), e.g. which input was too long;
    ``{name}`` shows it in the message's language and ``{name_cap}`` capitalised."""


class IntervisionError(ZorglabError):
    """An intervision error: a catalogue key plus the values its message names."""

    key = "storage"

    def __init__(self, key: str | None = None, **fields: Any):
        self.key = key or type(self).key
        self.fields = fields
        super().__init__(f"{self.text('nl')} / {self.text('en')}")

    def text(self, language: str = "nl") -> str:
        fields: dict[str, Any] = dict(self.fields)
        for name, value in self.fields.items():
            if isinstance(value, Term):
                word = t(f"{NAMESPACE}.field_{value}", language)
                fields[name], fields[f"{name}_cap"] = word, word[:1].upper() + word[1:]
        return t(f"{NAMESPACE}.{self.key}", language, **fields)

    @property
    def nl(self) -> str:
        return self.text("nl")

    @property
    def en(self) -> str:
        return self.text("en")


class UnknownCodeError(IntervisionError):
    def __init__(self, code: str):
        super().__init__("unknown_code", code=code)


class JoinRateLimitedError(IntervisionError):
    def __init__(self, wait_s: int):
        self.wait_s = wait_s
        super().__init__("join_rate_limited", wait=wait_s)


class SessionFullError(IntervisionError):
    def __init__(self, cap: int):
        super().__init__("session_full", cap=cap)


class LookAlikePseudonymError(IntervisionError):
    def __init__(self, pseudonym: str, taken: str):
        super().__init__("look_alike_pseudonym", pseudonym=pseudonym, taken=taken)


class DuplicatePseudonymError(IntervisionError):
    def __init__(self, pseudonym: str):
        super().__init__("duplicate_pseudonym", pseudonym=pseudonym)


class RoundClosedError(IntervisionError):
    key = "round_closed"


class NotAuthorisedError(IntervisionError):
    key = "not_authorised"


class UnknownParticipantError(IntervisionError):
    key = "unknown_participant"


class InvalidInputError(IntervisionError):
    """A field that is missing, too long or not in the allowed list: ``InvalidInputError(key, **fields)``."""


class InvalidTrainerLinkError(IntervisionError):
    key = "invalid_trainer_link"


class StorageError(IntervisionError):
    """The database could not be read or written: nothing was (half-)saved, the input stays in the form."""

    key = "storage"
    retryable = False


class StorageBusyError(StorageError):
    key = "storage_busy"
    retryable = True


class StorageFullError(StorageError):
    key = "storage_full"


class StorageMissingError(StorageError):
    key = "storage_missing"
