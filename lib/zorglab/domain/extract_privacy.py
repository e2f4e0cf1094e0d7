"""Refuse personal data in a caseload extract: BSNs (elfproef), e-mail addresses, dates of birth, names.

Split from ``caseload_extract`` because detecting personal data is its own job with its own patterns; values
that look personal are never shown in full (``mask``), only their last two characters.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

# Column names that hold personal data (matched on the lower-cased name without separators).
PII_NAMES = ("voornaam", "achternaam", "naam", "name", "geboortedatum", "geboorte", "dateofbirth", "dob",
             "birth", "adres", "address", "postcode", "bsn", "telefoon", "phone", "email")
# Names of harmless things that contain "naam"/"name" (municipality name, product name ...).
_NOT_PII_PREFIXES = ("gemeente", "municipality", "product", "team", "gebied", "regio", "region", "wijk",
                     "aanbieder", "provider", "file")

BSN_WEIGHTS = np.array([9, 8, 7, 6, 5, 4, 3, 2, -1])
# Nine digits, optionally grouped by one dot, space or dash; not part of a longer number (1.123.456.782).
_BSN_RE = r"(?<!\d)(?<!\d[.,-])(?P<all>\d(?:[ .-]?\d){8})(?![.,-]?\d)"
_BSN_CANDIDATE = r"\d(?:[ .-]?\d){8}"
_DATE_CANDIDATE = r"\d[-/.]\d{1,2}[-/.]\d{4}|\d{4}[-/]\d{1,2}[-/]\d"
_DATE_RE = (r"(?<!\d)(?P<all>(?P<d1>\d{1,2})(?P<s1>[-/.])(?P<m1>\d{1,2})(?P=s1)(?P<y1>\d{4})"
            r"|(?P<y2>\d{4})(?P<s2>[-/])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?!\d)")
DOB_YEARS = (1900, 2025)
_EMAIL_RE = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
# A capitalised first and last name, with optional lower-case tussenvoegsels: "Jan Jansen", "Anna de Vries".
_NAME_RE = rf"(?<![{_UP}{_LO}])[{_UP}][{_LO}]+(?: [{_LO}']+)* [{_UP}][{_LO}]+"

Problem = tuple[object, str, str]


def mask(value: str, keep: int = 2) -> str:
    """``value`` with all but its last ``keep`` characters replaced by '*': '111222333' -> '*******33'."""
    text = str(value)
    return "*" * max(len(text) - keep, 0) + text[-keep:] if len(text) > keep else "*" * len(text)


def elfproef(digits: str) -> bool:
    """True when nine digits pass the BSN eleven test (9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11)."""
    arr = np.frombuffer(re.sub(r"\D", "", digits).encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    return len(arr) == 9 and bool(arr.any()) and int(arr @ BSN_WEIGHTS) % 11 == 0


def _elfproef_many(numbers: pd.Series) -> np.ndarray:
    """Vectorised elfproef over strings of nine digits (separators allowed)."""
    digits = numbers.str.replace(r"\D", "", regex=True)
    if digits.empty:
        return np.zeros(0, dtype=bool)
    arr = np.frombuffer("".join(digits).encode("ascii"), dtype=np.uint8).astype(np.int64).reshape(-1, 9) - 48
    return ((arr @ BSN_WEIGHTS) % 11 == 0) & arr.any(axis=1)


def show_value(value: str, limit: int = 30) -> str:
    """A cell value for an error message: names/e-mails masked, long values cut."""
    text = str(value)
    if re.search(_NAME_RE, text) or re.search(_EMAIL_RE, text):
        return repr(mask(text))
    return repr(text if len(text) <= limit else text[:limit] + "...")


def pii_column(name: str) -> str | None:
    squashed = re.sub(r"[^a-z0-9]", "", name.lower())
    if not squashed or squashed.startswith(_NOT_PII_PREFIXES):
        return None
    return next((word for word in PII_NAMES if word in squashed), None)


def refuse_personal_data(raw: pd.DataFrame, mapping: dict[str, str], problems: list[Problem]) -> pd.DataFrame:
    """Refuse cells that look like personal data; returns which cells were refused (never shown in full)."""
    flagged = pd.DataFrame(False, index=raw.index, columns=raw.columns)
    period_label = mapping.get("period")
    key_label = mapping.get("client_key")
    for label in raw.columns:
        if pii_column(label):  # the whole column is refused already
            continue
        cells = raw[label][raw[label].ne("")]
        if cells.empty:
            continue
        found: list[tuple[pd.Series, str]] = []
        # A cheap filter first (no lookarounds: fast on arrow strings), then the exact pattern on candidates.
        bsn = cells[cells.str.contains(_BSN_CANDIDATE)].str.extractall(_BSN_RE)["all"]
        bsn = bsn[_elfproef_many(bsn)].groupby(level=0).first()
        found.append((bsn, "holds a number that looks like a BSN (passes the elfproef: {}); remove it: the extract "
                           "must be anonymised (use a pseudonymous client_key)"))
        found.append((cells[cells.str.contains(_EMAIL_RE)], "holds an e-mail address ({}); remove it: the extract "
                                                             "must be anonymised"))
        if label != period_label:
            dates = cells[cells.str.contains(_DATE_CANDIDATE)].str.extractall(_DATE_RE)
            year = pd.to_numeric(dates["y1"].fillna(dates["y2"]))
            month = pd.to_numeric(dates["m1"].fillna(dates["m2"]))
            day = pd.to_numeric(dates["d1"].fillna(dates["d2"]))
            dob = year.between(*DOB_YEARS) & month.between(1, 12) & day.between(1, 31)
            dates = dates.loc[dob, "all"].groupby(level=0).first()
            found.append((dates, "holds a date that looks like a date of birth ({}); remove it: only 'period' "
                                 "may hold a date (YYYY or YYYY-MM)"))
        if label == key_label:
            spaced = cells[cells.str.contains(" ", regex=False)]
            names = spaced.str.extract(f"(?P<all>{_NAME_RE})")["all"].dropna()
            found.append((names, "client_key looks like a person's name ({}); replace it by a pseudonymous key"))
        for hits, reason in found:
            for line, value in hits.items():  # building the error list
                problems.append((int(line), label, reason.format(mask(value))))
            flagged.loc[hits.index, label] = True
    return flagged
