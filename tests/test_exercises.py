"""Exercise checks: right answers pass, wrong answers fail with feedback that names the mistake (nl and en)."""

from __future__ import annotations

import pandas as pd
import pytest

from zorglab import EffectCalculator, agreement_summary, get_case, make_model
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain import exercises as ex
from zorglab.domain.funding import MODELS
from zorglab.domain.scenario import Scenario

EXPECTED_BEHAVIOUR = {"pxq": "meer_uren", "output": "opwaarderen", "result": "resultaat", "lumpsum": "minder_leveren"}


@pytest.fixture(scope="module")
def caseload(small_caseload):
    return small_caseload.head(600)


# ---- Feedback object --------------------------------------------------------------------------------------
def test_feedback_is_falsy_when_wrong_but_always_explains():
    fb = ex.check_extra_hour_margin(3, tariff_eur=62.5, cost_per_hour=55.0)
    assert not fb and fb.score == 0
    assert fb.mistakes("nl") and fb.mistakes("en")
    assert fb.text("nl").startswith("**Nog niet goed.**") and fb.text("en").startswith("**Not right yet.**")
    assert "✘" in fb.text("nl")


def test_feedback_text_rejects_unknown_language():
    with pytest.raises(ValueError, match="language"):
        ex.check_extra_hour_margin(7.5, 62.5, 55.0).text("de")


# ---- lesson 1 ----------------------------------------------------------------------------------------------
def test_observed_behaviour_follows_the_incentive_of_each_model(caseload):
    for key, behaviour in EXPECTED_BEHAVIOUR.items():
        got, why = ex.observed_behaviour(make_model(key).evaluate(caseload))
        assert got == behaviour, key
        assert why.text("nl") and why.text("en")


def test_the_expected_answers_are_what_the_providers_do(caseload):
    # The right answers are not typed in: they are the behaviour that emerges from each model's prices.
    r = {key: make_model(key).evaluate(caseload) for key in MODELS}
    assert r["pxq"].behaviour["delivered_share"] > 1  # an extra hour pays above its marginal cost: more hours
    assert r["output"].behaviour["delivered_share"] < 1 and r["lumpsum"].behaviour["delivered_share"] < 1
    assert r["output"].behaviour["upcoded_share"] > 0 and r["output"].behaviour["turned_away"] > 0
    assert r["output"].incentive.margin_light_minus_heavy > 0  # light clients pay better under a trajectory price
    assert r["lumpsum"].incentive.extra_client_revenue == 0 and r["lumpsum"].incentive.margin_light_minus_heavy >= 0
    assert r["result"].incentive.extra_result_revenue > 0


def test_observed_behaviour_of_pxq_quotes_the_library_figures(caseload):
    res = make_model("pxq").evaluate(caseload)
    _, why = ex.observed_behaviour(res)
    assert format_eur(res.incentive.extra_hour_revenue) in why.text("nl")
    assert format_pct(res.behaviour["delivered_share"]) in why.text("nl") and "more than needed" in why.text("en")


def test_observed_behaviour_is_read_from_the_outcome_not_the_model_name(caseload):
    # A trajectory price with no room to upcode and no selection: the provider only delivers less.
    plain = make_model("output", upcoding_room=0.0, selection_propensity=0.0).evaluate(caseload)
    assert plain.behaviour["upcoded_share"] == 0 and plain.behaviour["turned_away"] == 0
    got, why = ex.observed_behaviour(plain)
    assert got == "minder_leveren" and "87,5%" in why.text("nl")  # 1 - 1/8 of the need, nothing paid for an extra hour
    # A lump sum too small for the need: clients wait, and the reason says how many.
    lumpsum = make_model("lumpsum", budget_factor=0.5).evaluate(caseload)
    got, why = ex.observed_behaviour(lumpsum)
    assert got == "minder_leveren" and lumpsum.clients_waiting > 0
    assert f"{format_number(lumpsum.clients_waiting)} cliënten wachten" in why.text("nl")


def test_all_right_predictions_pass(caseload):
    fb = ex.check_predictions(EXPECTED_BEHAVIOUR, caseload)
    assert fb.correct and fb.score == 1.0 and len(fb.lines) == len(MODELS)


def test_wrong_prediction_names_the_model_the_guess_and_the_right_behaviour(caseload):
    fb = ex.check_predictions({**EXPECTED_BEHAVIOUR, "lumpsum": "meer_uren"}, caseload)
    assert not fb and fb.score == 0.75
    (mistake,) = fb.mistakes("nl")
    assert "Taakgericht" in mistake and ex.behaviour_text("meer_uren") in mistake
    assert ex.behaviour_text("minder_leveren") in mistake
    assert "lump sum" in fb.mistakes("en")[0]


def test_missing_and_unknown_predictions_are_named(caseload):
    fb = ex.check_predictions({"pxq": "meer_uren", "output": "verzonnen"}, caseload)
    text = fb.text("en")
    assert "'verzonnen' is not an option" in text and "no prediction chosen yet" in text


def test_predictions_use_configured_models(caseload):
    # At half the tariff an hour earns less than its marginal cost: the provider delivers less than the need.
    cheap = make_model("pxq", tariff_factor=0.5)
    assert cheap.evaluate(caseload).behaviour["delivered_share"] < 1
    fb = ex.check_predictions({"pxq": "meer_uren"}, caseload, models={"pxq": cheap})
    assert "Inspanningsgericht" in fb.mistakes()[0]
    assert ex.check_predictions({"pxq": "minder_leveren"}, caseload, models={"pxq": cheap}).lines[0].ok


def test_extra_hour_margin_right_answer_in_dutch_notation():
    # 75.00 / 1.25 h - 55.00 = 60.00 - 55.00 = 5.00
    fb = ex.check_extra_hour_margin("5,00", tariff_eur=75.0, cost_per_hour=55.0, staff_hours_per_unit=1.25)
    assert fb.correct and "€ 5,00" in fb.text()


def test_extra_hour_margin_uses_the_marginal_cost():
    # Only 80% of the EUR 55 moves with one more hour: 75.00 / 1.25 h - 0.8 x 55.00 = 60.00 - 44.00 = 16.00
    assert ex.check_extra_hour_margin("16", 75.0, 55.0, 1.25, marginal_cost_share=0.8).correct
    full = ex.check_extra_hour_margin("5,00", 75.0, 55.0, 1.25, marginal_cost_share=0.8)  # subtracted all of the 55
    assert not full and "overhead" in full.text("en").lower() and "€ 44,00" in full.text("nl")
    # The lesson's figure is the incentive the library shows for one extra hour of a one-product caseload.
    cl = pd.DataFrame({"case_id": ["J"], "region": "Oss", "municipality": "Oss", "law": "Jeugdwet", "law_code": 1,
                       "product": "JW_AMB_BASIS", "intensity": 1, "severity": 0.5, "needed_units": 60.0,
                       "tariff_eur": 75.0, "staff_hours_per_unit": 1.25, "wellbeing_before": 6.0})
    inc = make_model("pxq").evaluate(cl).incentive
    assert inc.extra_hour_margin == pytest.approx(16.0)


@pytest.mark.parametrize(("answer", "mistake_nl", "mistake_en"), [
    (60.0, "opbrengst, niet de marge", "revenue, not the margin"),  # forgot the cost
    (-5.0, "teken is omgedraaid", "sign is flipped"),  # cost - revenue
    (20.0, "tarief per eenheid", "tariff per unit"),  # 75 - 55, ignoring 1.25 staff hours per unit
    (12.0, "klopt niet", "is not right"),
    ("veel", "geen getal", "not a number"),
])
def test_extra_hour_margin_wrong_answers_name_the_mistake(answer, mistake_nl, mistake_en):
    fb = ex.check_extra_hour_margin(answer, tariff_eur=75.0, cost_per_hour=55.0, staff_hours_per_unit=1.25)
    assert not fb
    assert mistake_nl in fb.text("nl") and mistake_en in fb.text("en")


# ---- lesson 2 ----------------------------------------------------------------------------------------------
def test_indications_follow_the_lindendaal_source():
    # The source: from 2017 no indication for 'begeleiding groep' and 'begeleiding individueel'; nothing else moves.
    right = {"WMO_BEG_GRP": False, "WMO_BEG_IND": False, "WMO_HH1": True, "WMO_BESCHERMD_WONEN": True,
             "JW_AMB_BASIS": True}
    assert ex.check_indications(right).correct


def test_individual_begeleiding_keeping_an_indication_is_wrong_and_household_help_does_not_move():
    fb = ex.check_indications({"WMO_BEG_IND": True, "WMO_HH1": False})
    assert not fb and fb.score == 0
    nl = fb.text("nl")
    assert "U zei 'indicatie nodig', maar: Begeleiding individueel: vanaf 2017 geen maatwerkvoorziening meer" in nl
    assert "U zei 'geen indicatie', maar: Huishoudelijke ondersteuning basis: blijft maatwerk" in nl


def test_wrong_indication_says_what_was_said_and_why():
    fb = ex.check_indications({"WMO_BEG_GRP": True, "JW_AMB_BASIS": False, "WMO_HH1": None})
    assert not fb and fb.score == 0
    nl = fb.text("nl")
    assert "U zei 'indicatie nodig'" in nl and "algemene voorziening" in nl
    assert "U zei 'geen indicatie'" in nl and "Jeugdwet" in nl
    assert "nog niet beantwoord" in nl


def test_indication_unknown_product_lists_valid_codes():
    with pytest.raises(ValueError, match="WMO_BEG_IND"):
        ex.check_indications({"WMO_XYZ": True})


def test_av_budget_right_and_typical_mistakes():
    # Last year's P x Q spend EUR 1,000,000 x budget factor 0.6 = EUR 600,000, fixed before the year.
    def check(answer):
        return ex.check_av_budget(answer, 1_000_000.0, 0.6, participants=213, cost_per_participant=2500.0)

    assert check("600.000").correct and check(600_000).correct
    assert "factor" in check(1_000_000).text("nl")  # last year's spend itself
    assert "monthly" in check(50_000).text("en")
    # 213 participants x EUR 2,500 = 532,500 is the consortium's cost, not its budget
    assert "not its budget" in check(532_500).text("en")
    assert "te hoog" in check(750_000).text("nl")


def test_av_budget_per_participant_right_and_typical_mistakes():
    # EUR 600,000 shared by 200 clients from individual support + 40 new participants = EUR 2,500 each.
    def check(answer, cost=3000.0):
        return ex.check_av_budget_per_participant(answer, 600_000.0, 200.0, 40.0, cost)

    right = check("2.500")
    assert right.correct and "welbevinden wordt kleiner" in right.text("nl")  # 2,500 < 3,000 per participant
    assert "surplus" in check(2500, cost=2000.0).text("en")
    forgot = check(3000)  # 600,000 / 200: the new participants forgotten
    assert not forgot and "no more money" in forgot.text("en")
    assert "hele budget" in check(600_000).text("nl")


def test_more_participants_question_agrees_with_the_scenario():
    q = ex.QUESTIONS["av_more_participants"]
    right = {o.key for o in q.options if o.correct}
    assert right == {"zelfde_uitgaven", "minder_per_deelnemer", "minder_welbevinden"}
    assert ex.check_choice(q, right).correct
    assert "P x Q" in ex.check_choice(q, ["meer_geld"]).text("nl")
    # What the right options claim is what the library does.
    sc = Scenario(region="Lindendaal", n_clients=400, general_provision_share=0.5, av_extra_uptake=0.0,
                  av_cost_per_participant=4000.0)
    before = sc.evaluate().general
    sc.av_extra_uptake = 1.0
    after = sc.evaluate().general
    assert after.budget == before.budget
    assert after.budget / after.participants < before.budget / before.participants
    gain = [(g.wellbeing_after_sum - g.wellbeing_before_sum) / g.participants for g in (before, after)]
    assert gain[1] < gain[0]


def test_choice_names_wrong_choice_and_missed_right_options():
    q = ex.QUESTIONS["av_risks"]
    right = [o.key for o in q.options if o.correct]
    assert ex.check_choice(q, right).correct
    fb = ex.check_choice(q, ["onderbehandeling", "aanbodgestuurd"])
    assert not fb and 0 < fb.score < 1
    nl = fb.text("nl")
    assert "niet juist" in nl and "prikkel van P x Q" in nl  # the wrong choice, with the reason
    assert "U miste 'Wachtlijsten" in nl  # a missed right option
    assert "Choose at least one" in ex.check_choice(q, []).text("en")


@pytest.mark.parametrize("key", list(ex.QUESTIONS))
def test_every_question_has_a_right_and_a_wrong_option_with_reasons(key):
    q = ex.QUESTIONS[key]
    assert any(o.correct for o in q.options) and any(not o.correct for o in q.options)
    assert all(o.why_nl and o.why_en for o in q.options)


# ---- lesson 3 ----------------------------------------------------------------------------------------------
@pytest.fixture
def ratings():
    # 3 raters x 2 cases. Case A: a, a, b; case B: b, b, b.
    return pd.DataFrame({"case_id": ["A", "A", "A", "B", "B", "B"], "product": ["a", "a", "b", "b", "b", "b"]})


def test_agreement_by_hand(ratings):
    # pct agreement: (2/3 + 3/3) / 2 = 0.8333; pairwise: (1/3 + 1) / 2 = 0.6667
    # p_a = 2/6, p_b = 4/6 -> Pe = 1/9 + 4/9 = 5/9; kappa = (2/3 - 5/9) / (1 - 5/9) = (1/9) / (4/9) = 0.25
    assert ex.check_agreement(0.83, ratings, "pct_agreement").correct
    assert ex.check_agreement("83,3", ratings, "pct_agreement").correct  # as a percentage
    assert ex.check_agreement(0.25, ratings, "fleiss_kappa").correct
    assert agreement_summary(ratings)["fleiss_kappa"] == pytest.approx(0.25)


def test_agreement_mixing_up_measures_is_named(ratings):
    fb = ex.check_agreement(0.8333, ratings, "fleiss_kappa")
    assert not fb and "percentage overeenstemming, niet de Fleiss' kappa" in fb.text("nl")
    fb = ex.check_agreement(0.6667, ratings, "pct_agreement")
    assert "pairwise agreement, not the percentage agreement" in fb.text("en")


def test_agreement_impossible_kappa_and_plain_wrong(ratings):
    assert "tussen −1 en 1" in ex.check_agreement(3, ratings, "fleiss_kappa").text("nl")
    fb = ex.check_agreement(0.1, ratings, "fleiss_kappa")
    assert not fb and "corrected for chance" in fb.text("en")


def test_break_even_factor_is_where_the_margin_turns_positive(caseload):
    factor = ex.break_even_tariff_factor(caseload)
    margin = {f: make_model("pxq", tariff_factor=f).evaluate(caseload) for f in (factor - 0.01, factor, factor + 0.01)}
    assert margin[factor - 0.01].provider_margin < 0 < margin[factor + 0.01].provider_margin
    assert abs(margin[factor].margin_pct) < 1e-3


def test_break_even_is_not_found_by_serving_nobody(caseload):
    # Readily turning away loss-making clients: at very low tariffs the provider serves nobody and has no margin at
    # all. That is not breaking even; the break-even factor is where serving clients starts to pay.
    factor = ex.break_even_tariff_factor(caseload, selection_propensity=2.0)
    assert factor > 0.6
    low = make_model("pxq", tariff_factor=0.5, selection_propensity=2.0).evaluate(caseload)
    assert low.clients_served == 0
    above = make_model("pxq", tariff_factor=factor + 0.01, selection_propensity=2.0).evaluate(caseload)
    assert above.provider_margin > 0 and above.clients_served > 0


def test_break_even_shortcut_of_cost_over_revenue_is_explained(caseload):
    # A loose professional norm (kappa 1) makes hours follow the tariff strongly, so the shortcut is off.
    today = make_model("pxq", professional_norm=1.0).evaluate(caseload)
    shortcut = today.provider_cost / today.provider_revenue
    factor = ex.break_even_tariff_factor(caseload, professional_norm=1.0)
    assert abs(shortcut - factor) > 4e-4
    fb = ex.check_break_even(shortcut, caseload, tolerance=3e-4, professional_norm=1.0)
    assert not fb and "kosten gedeeld door opbrengst" in fb.text("nl") and "fewer hours" in fb.text("en")


def _first_profitable_factor(caseload, step: float = 0.01) -> float:
    """What a student does with the lab: try tariff factors from 0.50 upwards until the margin is positive."""
    factors = [round(0.5 + step * i, 2) for i in range(int(1.0 / step) + 1)]
    return next(f for f in factors if make_model("pxq", tariff_factor=f).evaluate(caseload).provider_margin > 0)


def test_break_even_right_too_high_too_low(caseload):
    # The answer is found the student's way (the first factor on a 0.01 grid with a profit), not by the library's
    # own search: the check must accept it within its 0.01 tolerance, also typed as a percentage.
    found = _first_profitable_factor(caseload)
    assert ex.check_break_even(found, caseload).correct
    assert ex.check_break_even(f"{round(found * 100)}", caseload).correct  # typed as a percentage
    factor = found
    high = ex.check_break_even(factor + 0.1, caseload)
    assert not high and "nog winst" in high.text("nl")
    low = ex.check_break_even(factor - 0.1, caseload)
    assert not low and "loses money" in low.text("en")


# ---- lesson 4 ----------------------------------------------------------------------------------------------
def test_net_saving_right_and_typical_mistakes():
    case = get_case("OSS-03")
    saving = EffectCalculator().per_payer([case])["saving"]
    total = float(saving.sum())  # -1,970 (Wmo) + 15,300 (Zvw) - 2,500 (Wgs, debt help) = 10,830
    assert total == pytest.approx(-1970 + 15300 - 2500)
    assert ex.check_net_saving(total, case).correct
    assert "teken is omgedraaid" in ex.check_net_saving(-total, case).text("nl")
    assert "only the municipality" in ex.check_net_saving(-1970 - 2500, case).text("en")  # Wmo + Wgs: both municipal
    assert "alleen de besparing van Zvw" in ex.check_net_saving(15300, case).text("nl")


def test_net_saving_respects_the_calculator_horizon():
    case = get_case("OSS-06")
    calc = EffectCalculator(horizon_years=1)
    one_year = float(calc.per_payer([case])["saving"].sum())
    assert ex.check_net_saving(one_year, case, calc).correct
    assert not ex.check_net_saving(float(EffectCalculator().per_payer([case])["saving"].sum()), case, calc)


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_a_missing_answer_invites_instead_of_calling_it_not_a_number(blank):
    fb = ex.check_extra_hour_margin(blank, 75.0, 55.0, 1.25, 0.8)
    assert not fb and "Nog geen antwoord" in fb.text("nl") and "No answer yet" in fb.text("en")
    assert "geen getal" not in fb.text("nl") and "None" not in fb.text("nl")


@pytest.mark.parametrize(("typed", "value"), [
    ("196.200", 196_200.0), ("1.234,50", 1234.5), ("7,5", 7.5), ("7.5", 7.5), ("0.945", 0.945), ("€ 5,00", 5.0),
    ("-1.970", -1970.0), (12, 12.0),
])
def test_numbers_are_read_as_a_dutch_student_types_them(typed, value):
    # check_amount accepts the answer exactly when it reads `typed` as `value`
    assert ex.check_amount(typed, value, "x", "x", tolerance=1e-9).correct
