"""Text a spreadsheet cannot run as a formula (CSV/Excel injection guard), for every export in every layer."""

from __future__ import annotations

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(text: str) -> str:
    """Text a spreadsheet shows as text: a leading ``=``, ``+``, ``-``, ``@``, tab or CR gets a ``'``."""
    return "'" + text if text.startswith(FORMULA_START) else text


def formula_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy a spreadsheet cannot run: text cells and headers get ``safe_text``; numbers (negative ones
    included) stay numbers."""
    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]):  # object or (pandas 3) str columns
            out[col] = out[col].map(lambda v: safe_text(v) if isinstance(v, str) else v)
    out.columns = [safe_text(c) if isinstance(c, str) else c for c in out.columns]
    return out
