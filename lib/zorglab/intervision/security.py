"""Join codes, secrets and join throttling.

Why: participants type the join code on a phone, so it is short, but it must not be guessable by
enumeration: 6 characters from a 31-character alphabet (no 0/O, 1/I/L) give 31**6 ~ 8.9e8 codes,
and a client gets at most ``MAX_FAILED_JOINS`` wrong tries per ``FAILED_JOIN_WINDOW_S``. Trainer and
participant secrets are long random tokens; the database stores only their SHA-256 hash.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_FAILED_JOINS = 8
FAILED_JOIN_WINDOW_S = 300.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_entropy_bits() -> float:
    return CODE_LENGTH * math.log2(len(CODE_ALPHABET))


def normalise_code(code: str) -> str:
    """What people type ('abc 123', 'abc-123') -> 'ABC123'."""
    return re.sub(r"[\s\-]", "", str(code or "")).upper()[:32]


def new_secret() -> str:
    return secrets.token_urlsafe(24)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(str(secret).encode("utf-8")).hexdigest()


def clean_text(text: str | None) -> str:
    """One line, no control characters, outer whitespace removed (length is checked by the caller)."""
    return _CONTROL.sub(" ", str(text or "")).strip()
