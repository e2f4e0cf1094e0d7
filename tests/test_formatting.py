from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zorglab.core.formatting import format_eur, format_number, format_pct


@pytest.mark.parametrize(("value", "expected"), [
    (1234.56, "€ 1.234,56"), (0, "€ 0,00"), (-50, "€ -50,00"), (1_000_000, "€ 1.000.000,00"), (0.005, "€ 0,01"),
    (-0.001, "€ 0,00"), (math.nan, "–"),
])
def test_format_eur(value, expected):
    assert format_eur(value) == expected


def test_format_number_and_pct():
    assert format_number(1234567.8) == "1.234.568"
    assert format_number(3.14159, 2) == "3,14"
    assert format_pct(0.123) == "12,3%"


@given(st.floats(-1e9, 1e9, allow_nan=False))
def test_eur_parses_back(value):
    text = format_eur(value).removeprefix("€ ")
    assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(round(value, 2), abs=0.006)
