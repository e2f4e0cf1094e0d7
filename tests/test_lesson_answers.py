"""The lessons' answer keys, worked out by hand from each exercise's own wording and from the source texts.

Every expected value here is computed in the test (or typed, with the sum in a comment) from what the student is
shown — never the checker's own answer fed back to it — so prompt, answer key and checker have to agree.
"""

from __future__ import annotations

import csv
import json
import re

import pytest

from zorglab.core.paths import data_dir
from zorglab.domain import casuistry as cz
from zorglab.domain import exercises as ex
from zorglab.domain import results_process as rp
from zorglab.domain.begeleiding import GENERAL_PROVISION_PRODUCTS, lindendaal_scenario, spend_sources
from zorglab.domain.cases import get_case
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.scenario import Scenario


def _dutch(text: str) -> float:
    """'4.940,00' -> 4940.0, '1,25' -> 1.25 (as the prompt prints it)."""
    return float(text.replace(".", "").replace(",", "."))


# ---- lesson 1, exercise 2: the margin on one extra staff hour ---------------------------------------------------
@pytest.fixture(scope="module")
def margin():
    facts = ex.extra_hour_facts("JW_AMB_BASIS")

    def check(answer):
        return ex.check_extra_hour_margin(answer, facts["tariff_eur"], facts["cost_per_hour"],
                                          facts["staff_hours_per_unit"], facts["marginal_cost_share"])

    return facts, check


def _prompt_numbers(prompt: str) -> tuple[float, float, float, float]:
    tariff = _dutch(re.search(r"€ ([\d.,]+) per uur hulp", prompt).group(1))
    hours = _dutch(re.search(r"\*\*([\d,]+) personeelsuren\*\* nodig", prompt).group(1))
    cost = _dutch(re.search(r"integraal \*\*€ ([\d.,]+)\*\*", prompt).group(1))
    share = _dutch(re.search(r"\*\*([\d,]+)%\*\* mee met één personeelsuur meer", prompt).group(1)) / 100
    return tariff, hours, cost, share


def test_margin_prompt_asks_per_staff_hour_and_states_every_number(margin):
    facts, _ = margin
    prompt = ex.extra_hour_prompt(facts, "nl")
    assert "hoeveel marge" in prompt and "**één extra personeelsuur**?" in prompt
    assert _prompt_numbers(prompt) == (75.0, 1.25, 55.0, 0.8)
    en = ex.extra_hour_prompt(facts, "en")
    assert "€ 75,00 per hour of help" in en and "1,25 staff hours" in en and "**one extra staff hour**?" in en


def test_margin_key_is_computed_from_the_prompts_wording(margin):
    facts, check = margin
    tariff, hours, cost, share = _prompt_numbers(ex.extra_hour_prompt(facts, "nl"))
    # The wording: the tariff is per hour of help; one hour of help takes 1.25 staff hours, so one staff hour earns
    # 75 / 1.25 = 60. One more staff hour costs only the share that moves: 80% x 55 = 44. Margin 60 - 44 = 16.
    by_hand = tariff / hours - share * cost
    assert by_hand == pytest.approx(16.0)
    assert check(f"{by_hand:.2f}".replace(".", ",")).correct and check("16").correct
    assert not check("5,00").correct  # the old key (75 / 1.25 - 55) subtracted the full cost


@pytest.mark.parametrize(("answer", "nl", "en"), [
    ("20", "tarief per eenheid (per uur hulp)", "per unit (per hour of help)"),  # 75 - 1.25 x 44 (= 75 - 55)
    ("6,25", "tarief per eenheid (per uur hulp)", "per unit (per hour of help)"),  # 75 - 1.25 x 55: per hour of help, full cost
    ("5", "overhead", "Overhead"),  # 75 / 1.25 - 55: the full cost per staff hour
    ("60", "opbrengst, niet de marge", "revenue, not the margin"),  # 75 / 1.25: revenue only
    ("-16", "teken is omgedraaid", "sign is flipped"),
])
def test_margin_misreadings_are_named(margin, answer, nl, en):
    _, check = margin
    fb = check(answer)
    assert not fb and nl in fb.text("nl") and en in fb.text("en")
    assert "€ 16,00" in fb.text("nl")  # and the right sum is shown


# ---- lesson 2: true to the Lindendaal source ----------------------------------------------------------------------
def test_the_general_provision_takes_group_and_individual_begeleiding_and_nothing_else():
    sc = lindendaal_scenario(600, 3)
    cl = sc.evaluate().baseline.caseload
    moved = set(cl.loc[sc.general_provision_mask(cl), "product"])
    assert moved == {"WMO_BEG_GRP", "WMO_BEG_IND"} == set(GENERAL_PROVISION_PRODUCTS)  # the source's two products
    # The general scenario follows the source too: basic household help stays an individual provision.
    general = Scenario(region="Lindendaal", n_clients=600, seed=3, general_provision_share=1.0)
    assert set(cl.loc[general.general_provision_mask(cl), "product"]) == {"WMO_BEG_GRP", "WMO_BEG_IND"}


def test_with_the_rest_on_pxq_all_of_the_difference_is_the_general_provisions():
    sc = lindendaal_scenario(600, 3)
    res = sc.evaluate()
    base = res.baseline
    # By hand: the baseline's spend on the begeleiding rows (selected by product, not by the lesson's mask) ...
    rows = base.caseload["product"].isin(["WMO_BEG_GRP", "WMO_BEG_IND"]).to_numpy()
    moved_pxq = float((base.revenue * base.served_weight)[rows].sum())
    # ... is replaced by the fixed budget; the other provisions stay P x Q, so they cost what they cost.
    assert res.spend_difference == pytest.approx(res.general.budget - moved_pxq, rel=1e-9)
    parts = spend_sources(sc)
    assert parts.other_individual == pytest.approx(0.0, abs=1e-6)
    assert parts.general_provision == pytest.approx(res.general.budget - moved_pxq, rel=1e-9)
    # A lump sum on the rest is then shown as its own part, not credited to the general provision.
    sc.funding_model = "lumpsum"
    assert spend_sources(sc).general_provision == pytest.approx(parts.general_provision, rel=1e-9)


def test_lesson_2_governance_questions_follow_the_source():
    conditions = {o.key for o in ex.QUESTIONS["gp_conditions"].options if o.correct}
    assert conditions == {"bestaande_av", "behoefte_centraal", "initiatief_aanbieders"}  # the source's three bullets
    director = {o.key for o in ex.QUESTIONS["gp_director"].options if o.correct}
    assert director == {"stip", "convenant", "actief", "welzijn"}  # incl. large providers funding welfare work


# ---- lesson 3: good commissioning, as in Rivierenland -----------------------------------------------------------------
def test_a_good_commissioner_also_pays_on_time_and_weighs_regional_employment():
    right = {o.key for o in ex.QUESTIONS["continuity"].options if o.correct}
    assert right == {"gesprek", "continuiteit", "werkgelegenheid", "tijdig_betalen"}
    assert ex.check_choice(ex.QUESTIONS["continuity"], right).correct
    directing = {o.key for o in ex.QUESTIONS["directing_commissioner"].options if o.correct}
    assert directing == {"verbindingen", "eenzelfde_wijze", "intervisie_rechten", "integraal"}


# ---- lesson 4: debt help under the Wgs; who pays, by hand from the raw data ------------------------------------------
def test_debt_help_is_booked_under_the_wgs_and_paid_by_the_municipality():
    with open(data_dir() / "price_list.csv", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["activity"] == "SCHULDHULP")
    assert row["payer"] == "Wgs"
    from zorglab.services.labels import payer_label

    assert payer_label("Wgs").startswith("Gemeente") and "Wgs" in ex.MUNICIPAL_PAYERS


def _savings_by_hand(case_id: str) -> tuple[float, float]:
    """(total, municipal) saving over three years, from cases.json and the two price CSVs (no zorglab code)."""
    prices = {}
    with open(data_dir() / "price_list.csv", encoding="utf-8") as f:
        prices.update({r["activity"]: (r["payer"], float(r["unit_price_eur"])) for r in csv.DictReader(f)})
    with open(data_dir() / "products.csv", encoding="utf-8") as f:
        prices.update({r["code"]: (r["law"], float(r["tariff_eur"])) for r in csv.DictReader(f)})
    case = next(c for c in json.loads((data_dir() / "cases.json").read_text(encoding="utf-8")) if c["case_id"] == case_id)
    total = municipal = 0.0
    for scenario, sign in (("reference", 1.0), ("intervention", -1.0)):
        for e in case["scenarios"][scenario]:
            payer, price = prices[e["activity"]]
            amount = sign * e["quantity"] * price
            total += amount
            municipal += amount if payer in ("Wmo", "Jeugdwet", "Participatiewet", "Wgs") else 0.0
    return total, municipal


def test_who_pays_groups_match_a_hand_count_over_the_raw_data():
    groups = {"municipality_invests": [], "municipality_saves_too": [], "costs_more": []}
    for n in range(1, 13):
        cid = f"OSS-{n:02d}"
        total, municipal = _savings_by_hand(cid)
        groups["costs_more" if total < 0 else "municipality_saves_too" if municipal >= 0 else "municipality_invests"].append(cid)
    assert groups == ex.who_pays_groups()
    # 'The municipality pays more' is not true everywhere: it saves too in five cases; three cost more overall.
    assert groups["costs_more"] == ["OSS-05", "OSS-08", "OSS-11"]
    assert len(groups["municipality_invests"]) == 4 and len(groups["municipality_saves_too"]) == 5
    q = ex.who_funds_question()
    assert "in 4 over alle betalers goedkoper terwijl de gemeente meer betaalt" in q.prompt_nl
    assert "in 3 is hij over alle betalers duurder (OSS-05, OSS-08, OSS-11)" in q.prompt_nl


def test_oss_03_saving_by_hand():
    total, municipal = _savings_by_hand("OSS-03")
    # Wmo: -(6 MDO x 95 + 20 h x 70) = -1,970; Wgs: -2,500 (debt help); Zvw: +15,300 -> 10,830 in total
    assert (total, municipal) == (pytest.approx(10_830), pytest.approx(-4_470))
    assert ex.check_net_saving("10.830", get_case("OSS-03")).correct
    assert "only the municipality" in ex.check_net_saving("-4.470", get_case("OSS-03")).text("en")


def test_monthly_rhythm_by_hand():
    # "at least one case every month, so at least 6 in 2016" (July-December); 9 organisations: 9 x 6 = 54
    from zorglab.core.paths import notebooks_dir

    lesson4 = next((notebooks_dir() / "lessons").glob("04_*.ipynb")).read_text(encoding="utf-8")
    assert "organisations = 9" in lesson4 and cz.RHYTHM_MONTHS_2016 == 6  # what the prompt states
    assert cz.check_monthly_cases("54", 9).correct
    assert "per organisatie" in cz.check_monthly_cases("6", 9).text("nl")
    assert "six months in 2016, not twelve" in cz.check_monthly_cases(108, 9).text("en")  # 9 x 12


def test_the_arena_has_effects_beyond_money_and_payers():
    case = get_case("OSS-06")
    cards = cz.arena_cards(case)
    family = next(c for c in cards if c.stakeholders == ("familie",))
    assert not family.money and family.role == "beneficiary"  # the wife no longer helps her husband up the stairs
    wlz = next(c for c in cards if c.key == "geld:Wlz")
    # Nursing home 150 + 365 + 365 = 880 nights old way, 90 new way; (880 - 90) x EUR 260 = EUR 205,400 saved
    assert wlz.amount_eur == pytest.approx(790 * 260) and "€ 205.400 minder" in wlz.text("nl") and wlz.stakeholders == ("zorgkantoor",)
    right = {c.key: (c.stakeholders[0], c.role) for c in cards}
    assert cz.check_arena(sorted(cz.arena_stakeholders(cards)), right, cards).correct
    # A lesson answer with the old Dutch role code still reads ('incasseerder' = beneficiary): only 'who' is wrong.
    wrong = cz.check_arena(["zorgkantoor", "gemeente"], {**right, family.key: ("gemeente", "incasseerder")}, cards)
    text = wrong.text("en")
    assert not wrong and "Stakeholders you missed: Resident, Family / carer" in text
    assert "it concerns Family / carer, not Municipality" in text
    assert "effects cannot be put in euros" in text


def test_a_casuistry_form_is_checked_on_the_residents_words_and_the_step_plan():
    form = cz.example_form(get_case("OSS-03"))
    assert cz.check_form(form).correct
    about = cz.CasuistryForm(**{**form.__dict__, "ik_wil": "Cliënt wil thuis blijven wonen."})
    assert "in the resident's words" in cz.check_form(about).text("en")
    late = cz.CasuistryForm(**{**form.__dict__, "step_days": {**form.step_days, "mdo": 25}})  # MDO at most 10 days
    assert "maximale doorlooptijden" in cz.check_form(late).text("nl") and not cz.check_form(late)


# ---- lesson 5: the results-oriented work process ------------------------------------------------------------------
def test_payment_key_is_computed_from_the_prompts_wording():
    facts = rp.payment_facts("WES-01")
    prompt = rp.payment_prompt(facts, achieved=False, language="nl")
    price = _dutch(re.search(r"Trajectprijs € ([\d.,]+)\.", prompt).group(1))
    share = _dutch(re.search(r"vooraf ([\d,]+)%", prompt).group(1)) / 100
    bonus = _dutch(re.search(r"bonus van € ([\d.,]+)", prompt).group(1))
    malus = _dutch(re.search(r"malus van € ([\d.,]+)", prompt).group(1))
    # WES-01's current support: youth care outpatient (specialist), 2 h a week x 26 weeks x EUR 95 = EUR 4,940
    assert (price, share, bonus, malus) == (4940.0, 0.6, 500.0, 250.0)
    not_achieved = share * price - malus  # 0.6 x 4,940 - 250 = 2,714
    achieved = share * price + (1 - share) * price + bonus  # 4,940 + 500 = 5,440
    assert (not_achieved, achieved) == (pytest.approx(2714.0), pytest.approx(5440.0))
    check = lambda answer, ok: rp.check_payment(answer, price, share, bonus, malus, ok)  # noqa: E731
    assert check("2.714", False).correct and check("5440", True).correct
    assert "forgot the malus" in check(2964, False).text("en")  # 0.6 x 4,940 without the malus
    assert "alleen het deel vooraf" in check(4690, False).text("nl")  # the whole price minus the malus
    assert "vergat de bonus" in check(4940, True).text("nl")
    assert "**niet behaald**" in prompt and "**behaald**" in rp.payment_prompt(facts, True, "nl")


def test_the_work_process_runs_from_request_to_payment():
    assert [s.key for s in rp.STEPS] == ["vraag", "resultaat", "opdracht", "uitvoering", "evaluatie", "betaling"]
    right = {"vraag": 1, "resultaat": 2, "opdracht": 3, "uitvoering": 4, "evaluatie": 5, "betaling": 6}
    assert rp.check_step_order(right).correct
    swapped = rp.check_step_order({**right, "opdracht": 2, "resultaat": 3})
    assert not swapped and "is stap 2, niet 3" in swapped.text("nl") and "same position" not in swapped.text("en")


def test_a_result_agreement_is_measurable_only_as_an_outcome_with_numbers_a_term_and_an_independent_judge():
    ok = rp.ResultAgreement("WES-07", "onderwijs", "0", "12", "20", "gezin_team")  # 0 -> 12 hours of school a week
    assert rp.check_result_agreement(ok).correct
    hours = rp.check_result_agreement(rp.ResultAgreement("WES-07", "uren", "0", "60", "20", "gezin_team"))
    assert not hours and "effort (hours of help), not a result" in hours.text("en")
    vague = rp.check_result_agreement(rp.ResultAgreement("WES-07", "zin", "", "", "20", "gezin_team"))
    assert "niet meetbaar" in vague.text("nl") and "beginwaarde" in vague.text("nl")
    worse = rp.check_result_agreement(rp.ResultAgreement("WES-08", "weglopen", "3", "5", "26", "gezin_team"))
    assert "lower is better" in worse.text("en")  # running away: fewer is better
    judge = rp.check_result_agreement(rp.ResultAgreement("WES-01", "school", "40", "90", "26", "aanbieder"))
    assert not judge and "not independent" in judge.text("en")
    late = rp.check_result_agreement(rp.ResultAgreement("WES-01", "school", "40", "90", "104", "gezin_team"))
    assert "meer dan een jaar" in late.text("nl")


def test_every_wes_case_has_a_measurable_and_an_unmeasurable_indicator():
    assert set(rp.RESULT_CARDS) == {f"WES-{n:02d}" for n in range(1, 10)}  # all nine WES cases are played
    for cid, card in rp.RESULT_CARDS.items():
        kinds = {i.kind for i in card.indicators}
        assert rp.measurable_indicators(cid) and kinds - {"meetbaar"}, cid
        assert card.result_nl and get_case(cid).region == "Westkust"


def test_the_results_contract_is_invoiced_through_an_existing_variant():
    right = {o.key for o in ex.QUESTIONS["result_variant"].options if o.correct}
    assert right == {"output", "taak"}  # not a fourth 'resultaatgericht' variant


def test_the_effect_calculator_horizon_reaches_the_who_pays_question():
    one_year = ex.who_pays_groups(calculator=EffectCalculator(horizon_years=1))
    assert sum(len(v) for v in one_year.values()) == 12 and one_year != ex.who_pays_groups()
