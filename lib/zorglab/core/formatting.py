"""Numbers and money as Dutch readers expect them (EUR 1.234,56)."""

from __future__ import annotations

import math


def _group(value: float, decimals: int) -> str:
    text = f"{abs(value):,.{decimals}f}"  # 1,234.56
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def format_number(value: float, decimals: int = 0) -> str:
    """1234567.8 -> '1.234.568'; NaN -> '–' (a dash reads better than 'nan' in a report)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "-" if value < 0 and round(abs(value), decimals) != 0 else ""
    return sign + _group(value, decimals)


def format_eur(value: float, decimals: int = 2, symbol: str = "€") -> str:
    """1234.56 -> '€ 1.234,56'; -50 -> '€ -50,00'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{symbol} {format_number(value, decimals)}"


def format_pct(fraction: float, decimals: int = 1) -> str:
    """0.123 -> '12,3%'."""
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    return format_number(fraction * 100, decimals) + "%"
