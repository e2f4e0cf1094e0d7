"""Join codes, secrets, join throttling and the cleaning of names and free text.

Why: participants type the join code on a phone, so it is short, but it must not be guessable by
enumeration: 6 characters from a 31-character alphabet (no 0/O, 1/I/L) give 31**6 ~ 8.9e8 codes.
Trainer and participant secrets are long random tokens; the database stores only their SHA-256 hash.

Throttling (``join_wait``) slows guessing without locking a room out. The right code is never refused
because of someone else's wrong codes: a whole class behind one address (NAT, proxy, localhost) shares
that address. Wrong codes are counted per open page and per address. A page that typed
``PAGE_FREE_FAILURES`` wrong codes waits before its next try is even looked at (2, 4, 8 ... up to
``MAX_WAIT_S`` seconds); when an address as a whole typed more than ``ADDRESS_FREE_FAILURES`` wrong
codes in ``FAILED_JOIN_WINDOW_S`` (far more than a room's typos), every page at that address that typed
a wrong code waits from its first one. A page that has not typed a wrong code is never held up, so a
guesser needs a new page per guess, and a participant who types the right code gets in.

Names: a pseudonym is NFKC-normalised, loses control and format characters (zero-width, right-to-left
override) and is compared by its *skeleton* (case-folded, look-alike letters from other scripts mapped to
Latin, 0/o and 1/l/I treated alike), so "р1" (Cyrillic) cannot sit beside "p1".
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
import unicodedata

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PAGE_FREE_FAILURES = 3  # wrong codes a page may type before it has to wait
ADDRESS_FREE_FAILURES = 60  # wrong codes from one address (a whole room) per window before pages there wait
FAILED_JOIN_WINDOW_S = 300.0
MAX_WAIT_S = 60
MAX_FAILED_JOINS = PAGE_FREE_FAILURES  # kept for older callers
_STRIP = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}  # control, format (ZWSP, RLO ...), private, unassigned, separators
_SPACE = re.compile(r"\s+")
# Letters from other scripts that look like a Latin letter (Unicode confusables, the common ones), after casefold.
_CONFUSABLE = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "з": "3", "і": "l", "ї": "l", "ј": "j", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "ь": "b", "ꙇ": "l", "ѵ": "v", "ү": "y", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "l", "κ": "k", "μ": "m", "ν": "v", "ο": "o",
    "ρ": "p", "σ": "o", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Armenian and Latin look-alikes
    "օ": "o", "ս": "u", "ց": "g", "հ": "h", "ո": "n", "ı": "l", "ǀ": "l", "ɩ": "l",
    # digits and letters that read alike
    "0": "o", "1": "l", "i": "l", "|": "l", "!": "l",
})


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


def clean_text(text: object) -> str:
    """One line of text: NFC, control and format characters (zero-width, bidi overrides) removed, line breaks
    and runs of whitespace made one space, outer whitespace removed (length is checked by the caller)."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = "".join(" " if ch in "\t\n\r\v\f\u2028\u2029\x85" else ch for ch in text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in _STRIP)
    return _SPACE.sub(" ", text).strip()


def clean_name(text: str | None) -> str:
    """A pseudonym as shown: NFKC (fullwidth, ligatures, compatibility forms folded), cleaned as ``clean_text``,
    at most two combining marks on a letter (no towers of accents)."""
    text = unicodedata.normalize("NFD", clean_text(unicodedata.normalize("NFKC", str(text or ""))))
    out, marks = [], 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            marks += 1
            if marks > 2:
                continue
        else:
            marks = 0
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def name_skeleton(text: str) -> str:
    """What a name looks like: two names with the same skeleton are refused as look-alikes in one session."""
    key = unicodedata.normalize("NFKD", clean_name(text).casefold())
    key = "".join(ch for ch in key if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn")
    key = key.translate(_CONFUSABLE)
    key = re.sub(r"[\s_\-.·'’`]+", "", key)
    return key.replace("rn", "m").replace("vv", "w")


def join_wait(page_failures: int, address_failures: int, since_last_s: float) -> int:
    """Seconds a page must still wait before its next join attempt is looked at (0: go ahead).

    ``page_failures``: wrong codes this page typed in the window; ``address_failures``: wrong codes from its
    address; ``since_last_s``: seconds since this page's last wrong code.
    """
    free = 1 if address_failures > ADDRESS_FREE_FAILURES else PAGE_FREE_FAILURES
    over = page_failures - free
    if page_failures <= 0 or over < 0:
        return 0
    left = min(MAX_WAIT_S, 2 ** (over + 1)) - since_last_s
    return max(0, math.ceil(left))
