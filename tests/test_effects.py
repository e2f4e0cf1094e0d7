from __future__ import annotations

import pytest

from zorglab.domain.cases import parse_cases
from zorglab.domain.effects import EffectCalculator, effectenarena, wrong_pocket_summary

from .case_factory import record


@pytest.fixture
def case():
    return parse_cases([record()])[0]


def test_cost_per_payer_by_hand(case):
    table = EffectCalculator().per_payer([case]).set_index("payer")
    # Wmo: reference 104*62.5 = 6500; intervention 8*95 + 52*62.5 = 760 + 3250 = 4010
    assert table.loc["Wmo", ["reference", "intervention", "saving"]].tolist() == pytest.approx([6500, 4010, 2490])
    # Wgs (Wet gemeentelijke schuldhulpverlening) invests 2500 in debt help; Zvw saves 2*300; Overig (eviction) saves 6000
    assert table.loc["Wgs", "saving"] == pytest.approx(-2500)
    assert table.loc["Zvw", "saving"] == pytest.approx(600)
    assert table.loc["Overig", "saving"] == pytest.approx(6000)
    assert table.loc["Wgs", "role"] == "investeerder"
    assert table.loc["Overig", "role"] == "incasseerder"
    assert table.loc["Wlz", "role"] == "neutraal"
    assert table["saving"].sum() == pytest.approx(2490 - 2500 + 600 + 6000)


def test_horizon_and_discount(case):
    one_year = EffectCalculator(horizon_years=1).per_payer([case]).set_index("payer")
    assert one_year.loc["Overig", "saving"] == 0  # the eviction happens in year 2
    discounted = EffectCalculator(discount_rate=0.04).per_payer([case]).set_index("payer")
    assert discounted.loc["Overig", "saving"] == pytest.approx(6000 / 1.04)


def test_per_case_flags_wrong_pocket(case):
    row = EffectCalculator().per_case([case]).iloc[0]
    assert row["saving"] == pytest.approx(6590)
    assert row["investors"] == "Wgs"
    assert set(row["beneficiaries"].split(", ")) == {"Overig", "Wmo", "Zvw"}
    assert bool(row["wrong_pocket"])


def test_wrong_pocket_sentence_names_both_sides(case):
    text = wrong_pocket_summary(EffectCalculator().per_payer([case]))
    assert "goedkoper" in text and "€ 6.590" in text and "Wgs (€ 2.500)" in text
    assert "wrong-pocket" in wrong_pocket_summary(EffectCalculator().per_payer([case]), "en")


def test_effectenarena_chain(case):
    arena = effectenarena(case)
    assert list(arena["step"].unique()) == ["activiteit", "output", "outcome", "effect"]
    money = arena[(arena["step"] == "effect") & (arena["kind"] == "geld")].set_index("description")
    assert money.loc["Netto besparing Overig", "amount_eur"] == pytest.approx(6000)
    assert money.loc["Netto meerkosten Wgs", "role"] == "investeerder"
    assert "Minder overlast" in set(arena["description"])
    outcome = arena[arena["step"] == "outcome"].iloc[0]
    assert outcome["description"] == "Welbevinden 3 → 8" and outcome["role"] == "incasseerder"
    assert "Resident" in set(effectenarena(case, language="en")["stakeholder"])


def test_calculator_bounds():
    with pytest.raises(ValueError, match="horizon_years"):
        EffectCalculator(horizon_years=5)
