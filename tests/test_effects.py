from __future__ import annotations

import pytest

from zorglab.domain.cases import parse_cases
from zorglab.domain.effects import EffectCalculator, effectenarena
from zorglab.domain.vocabulary import ArenaRole, Payer, RiskLevel, risk_level
from zorglab.services.effect_tables import arena_display
from zorglab.services.narrative import wrong_pocket_summary

from .case_factory import record


@pytest.fixture
def case():
    return parse_cases([record()])[0]


def test_cost_per_payer_by_hand(case):
    table = EffectCalculator().per_payer([case]).set_index("payer")
    # Wmo: reference 104*62.5 = 6500; intervention 8*95 + 52*62.5 = 760 + 3250 = 4010
    assert table.loc["Wmo", ["reference", "intervention", "saving"]].tolist() == pytest.approx([6500, 4010, 2490])
    # Wgs (Wet gemeentelijke schuldhulpverlening) invests 2500 in debt help; Zvw saves 2*300; other (eviction) saves 6000
    assert table.loc["Wgs", "saving"] == pytest.approx(-2500)
    assert table.loc["Zvw", "saving"] == pytest.approx(600)
    assert table.loc["other", "saving"] == pytest.approx(6000)
    assert table.loc["Wgs", "role"] == ArenaRole.INVESTOR
    assert table.loc["other", "role"] == ArenaRole.BENEFICIARY
    assert table.loc["Wlz", "role"] == ArenaRole.NEUTRAL
    assert table["saving"].sum() == pytest.approx(2490 - 2500 + 600 + 6000)


def test_horizon_and_discount(case):
    one_year = EffectCalculator(horizon_years=1).per_payer([case]).set_index("payer")
    assert one_year.loc["other", "saving"] == 0  # the eviction happens in year 2
    discounted = EffectCalculator(discount_rate=0.04).per_payer([case]).set_index("payer")
    assert discounted.loc["other", "saving"] == pytest.approx(6000 / 1.04)


def test_per_case_flags_wrong_pocket(case):
    row = EffectCalculator().per_case([case]).iloc[0]
    assert row["saving"] == pytest.approx(6590)
    assert row["investors"] == "Wgs"
    assert set(row["beneficiaries"].split(", ")) == {"other", "Wmo", "Zvw"}
    assert bool(row["wrong_pocket"])


def test_wrong_pocket_sentence_names_both_sides(case):
    text = wrong_pocket_summary(EffectCalculator().per_payer([case]))
    # by hand: net 2490 - 2500 + 600 + 6000 = 6590 cheaper; Wgs invests 2500; the eviction saving is 'corporatie/politie'
    assert "goedkoper" in text and "€ 6.590" in text and "Wgs (€ 2.500)" in text
    assert "corporatie/politie (€ 6.000)" in text
    english = wrong_pocket_summary(EffectCalculator().per_payer([case]), "en")
    assert "wrong-pocket" in english and "housing/police (€ 6.000)" in english and "Overig" not in english


def test_effectenarena_chain(case):
    arena = effectenarena(case)
    assert list(arena["step"].unique()) == ["activity", "output", "outcome", "effect"]
    money = arena[(arena["step"] == "effect") & (arena["kind"] == "money")].set_index("subject")
    assert money.loc["other", "amount_eur"] == pytest.approx(6000)
    assert money.loc["Wgs", "role"] == ArenaRole.INVESTOR and money.loc["other", "role"] == ArenaRole.BENEFICIARY
    assert "Minder overlast" in set(arena["text_nl"])
    outcome = arena[arena["step"] == "outcome"].iloc[0]
    assert (outcome["before"], outcome["after"], outcome["role"]) == (3, 8, ArenaRole.BENEFICIARY)
    # the view words the codes in either language, with no word of the other
    nl, en = arena_display(arena, "nl"), arena_display(arena, "en")
    assert "Netto besparing corporatie/politie" in set(nl["omschrijving"])
    assert "Welbevinden 3 → 8" in set(nl["omschrijving"]) and "Wellbeing 3 → 8" in set(en["description"])
    assert "Resident" in set(en["stakeholder"]) and "Bewoner" in set(nl["belanghebbende"])
    assert {"activity", "output", "outcome", "effect"} == set(en["step"]) and "activiteit" in set(nl["stap"])
    assert not any(" uur " in d or d.endswith(" uur") for d in en["description"])


def test_calculator_bounds():
    with pytest.raises(ValueError, match="horizon_years"):
        EffectCalculator(horizon_years=5)


def test_payer_codes_know_their_stakeholder_and_parse_the_old_code():
    assert Payer.WMO.stakeholder == "gemeente" and Payer.ZVW.stakeholder == "zorgverzekeraar"
    assert Payer.WLZ.stakeholder == "zorgkantoor" and Payer.parse("Overig") is Payer.OTHER
    assert ArenaRole.parse("incasseerder") is ArenaRole.BENEFICIARY and ArenaRole.parse("geen") is ArenaRole.NEUTRAL


@pytest.mark.parametrize(("margin", "level"), [
    (0.10, RiskLevel.LOW), (0.0, RiskLevel.LOW), (-0.01, RiskLevel.MEDIUM), (-0.05, RiskLevel.MEDIUM),
    (-0.0501, RiskLevel.HIGH),  # a loss of more than 5% of revenue is high (boundary worked out by hand)
])
def test_risk_level_boundaries(margin, level):
    assert risk_level(margin) is level


@pytest.mark.parametrize(("saving", "role"), [(-0.01, ArenaRole.INVESTOR), (0.0, ArenaRole.NEUTRAL),
                                              (0.004, ArenaRole.NEUTRAL), (12.0, ArenaRole.BENEFICIARY)])
def test_arena_role_of_a_saving(saving, role):
    assert ArenaRole.of_saving(saving) is role
