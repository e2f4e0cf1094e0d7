"""Lesson notebooks run top to bottom (papermill, real kernels); lesson widgets behave without a browser."""

from __future__ import annotations

import json

import nbformat
import panel as pn
import papermill as pm
import pytest

from zorglab import (
    EffectCalculator,
    format_eur,
    format_number,
    format_pct,
    generate_caseload,
    get_case,
    make_model,
)
from zorglab.core.paths import notebooks_dir
from zorglab.domain import exercises as ex
from zorglab.domain.begeleiding import lindendaal_scenario
from zorglab.domain.scenario import Scenario
from zorglab.ui import lessons as L

LESSONS = sorted((notebooks_dir() / "lessons").glob("[0-9][0-9]_*.ipynb"))


def _run(path, tmp_path, **params) -> nbformat.NotebookNode:
    out = tmp_path / path.name
    pm.execute_notebook(str(path), str(out), parameters=params, cwd=str(tmp_path), kernel_name="python3",
                        progress_bar=False, start_timeout=180, log_output=False)
    return nbformat.read(out, as_version=4)


def _outputs(nb) -> str:
    """Everything the notebook showed, as one string (Panel outputs embed their text in the HTML/JSON)."""
    return json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)


def _shows(text: str, shown: str) -> bool:
    """Text as the lesson shows it; inside Panel's embedded JSON every non-ASCII character is escaped."""
    escaped = "".join(c if ord(c) < 128 else f"\\\\u{ord(c):04x}" for c in shown)
    return shown in text or escaped in text


def _shows_amount(text: str, value: float) -> bool:
    """A money amount as the lesson shows it (the euro sign escaped inside Panel's embedded JSON)."""
    return _shows(text, format_eur(value, 0))


def _say_calls(nb) -> list[tuple[str, str]]:
    """(nl, en) of every narrative cell: lesson.say(<Dutch text>, <English text>)."""
    import ast

    out = []
    for cell in nb.cells:
        if cell.cell_type != "code" or not cell.source.startswith("lesson.say("):
            continue
        call = ast.parse(cell.source).body[0].value
        out.append((ast.literal_eval(call.args[0]), ast.literal_eval(call.args[1])))
    return out


def test_five_lessons_with_titles_goals_and_a_lang_parameter():
    assert [p.name[:2] for p in LESSONS] == ["01", "02", "03", "04", "05"]
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        assert nb.cells[0].source.startswith("# Les ") and "*Lesson " in nb.cells[0].source
        says = _say_calls(nb)
        assert any(nl.lstrip().startswith("## Leerdoelen") and en.lstrip().startswith("## Learning goals")
                   for nl, en in says), path.name
        params = pm.inspect_notebook(str(path))
        assert params["lang"]["default"] == '"nl"' and params["lang"]["inferred_type_name"] == "str"
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "pn.extension(inline=True)" in code and "lesson.header()" in code  # widgets render; synthetic notice shown


def test_every_text_of_a_lesson_follows_the_language_switch():
    # The English switch must translate the narrative too: apart from the bilingual title, no markdown cell (it could
    # not follow the switch); every narrative cell gives a Dutch and a different English text.
    for path in LESSONS:
        nb = nbformat.read(path, as_version=4)
        assert [c for c in nb.cells[1:] if c.cell_type == "markdown"] == [], path.name
        for nl, en in _say_calls(nb):
            assert nl.strip() and en.strip() and nl != en, (path.name, nl[:60])


def test_the_lessons_say_three_istandaarden_variants_not_four():
    text = " ".join(nl + en for p in LESSONS for nl, en in _say_calls(nbformat.read(p, as_version=4)))
    assert "vier uitvoeringsvarianten" not in text and "four funding variants" not in text
    assert "**drie uitvoeringsvarianten**" in text and "géén vierde variant" in text and "not a fourth variant" in text


@pytest.mark.notebook
@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_executes_top_to_bottom(path, tmp_path):
    nb = _run(path, tmp_path)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    text = _outputs(nb)
    assert "synthetisch" in text  # the synthetic-data notice is shown
    assert not _shows(text, "geen getal") and not _shows(text, "Nog geen antwoord")  # no red error before answering
    if path.name.startswith("01"):
        assert _shows(text, "per uur hulp") and _shows(text, "1,25 personeelsuren")  # exercise 2 states its numbers
        assert _shows(text, "Vul eerst uw antwoord in bij")  # the code cell invites, no red error
    if path.name.startswith("02"):
        sc = lindendaal_scenario(900, 1)
        gp = sc.evaluate().general
        assert _shows(text, "P x Q-uitgaven vorig jaar aan de cliënten die overgaan")
        assert _shows_amount(text, L.av_last_year_spend(sc)) and _shows_amount(text, gp.budget)
        assert _shows(text, "steekproef van 900 synthetische cliënten bepaalt alleen de precisie")
    if path.name.startswith("03"):
        assert "Rivierenland (2016)&lt;/strong&gt;: 10 gemeenten" in text and "Bron: CBS" in text
    if path.name.startswith("04"):
        per_payer = EffectCalculator().per_payer([get_case("OSS-03")]).set_index("payer")
        assert _shows_amount(text, per_payer.loc["Zvw", "intervention"])
        assert _shows_amount(text, per_payer["saving"].sum())  # the wrong-pocket sentence
    if path.name.startswith("05"):
        assert _shows(text, "Trajectprijs € 4.940,00")  # WES-01: 2 h/week x 26 weeks x EUR 95


@pytest.mark.notebook
def test_lesson_in_english_with_other_parameters(tmp_path):
    path = next(p for p in LESSONS if p.name.startswith("04"))
    nb = _run(path, tmp_path, lang="en", case_id="OSS-06", horizon_years=2)
    text = _outputs(nb)
    assert "All cases and client data are synthetic" in text and "Deelnemers" not in text
    assert "Learning goals" in text and "Leerdoelen" not in text
    assert _shows(text, "I want to stay at home with my wife")  # the case card in English
    per_payer = EffectCalculator(horizon_years=2).per_payer([get_case("OSS-06")]).set_index("payer")
    assert _shows_amount(text, per_payer.loc["Wlz", "reference"])  # old-way Wlz cost over two years


# ---- widgets, without a browser ------------------------------------------------------------------------------
def widget_named(view, name: str) -> pn.widgets.Widget:
    """The widget a student finds by its label (public Panel API: select over the rendered layout)."""
    found = [w for w in pn.panel(view).select(pn.widgets.Widget) if w.name == name]
    assert found, f"no widget labelled {name!r}"
    return found[0]


@pytest.fixture(scope="module")
def caseload():
    return generate_caseload("Westkust", 500, seed=3)


def test_lesson_switch_reaches_every_shown_component(caseload):
    lesson = L.Lesson("nl")
    said = lesson.say("hallo", "hello")
    a, b = lesson.show(L.PredictionExercise(caseload)), lesson.show(L.ChoiceExercise("continuity"))
    pn.panel(lesson.header()).get_root()
    lesson.language = "en"
    assert a.language == b.language == "en" and said.object == "hello"
    assert "Deliver more hours than needed (every hour pays)" in a.selects["pxq"].options
    shown = lesson.feedback(ex.check_choice(b.question, []))
    assert shown.object.startswith("**Not right yet.**") and shown.alert_type == "danger"
    lesson.language = "nl"
    assert shown.object.startswith("**Nog niet goed.**")  # feedback follows the switch too


def test_prediction_exercise_click_gives_the_library_feedback(caseload):
    w = L.PredictionExercise(caseload)
    pn.panel(w).get_root()
    w.selects["pxq"].value = "meer_uren"
    w.selects["lumpsum"].value = "meer_uren"
    w.button.clicks += 1  # what a click in the browser does
    # By hand: under P x Q an extra hour pays, so 'meer_uren' is right there; under a lump sum it is not, and the
    # two models left unpredicted count as wrong: 1 right out of 4.
    assert w.feedback.score == 0.25 and not w.feedback.correct
    assert w.feedback_alert.alert_type == "warning" and "Gedeeltelijk goed" in w.feedback_alert.object
    w.language = "en"  # the choice survives the language switch
    assert w.selects["pxq"].value == "meer_uren"


def test_amount_exercise_checks_typed_text():
    w = L.AmountExercise(lambda a: ex.check_extra_hour_margin(a, 62.5, 55.0), prompt_nl="marge", prompt_en="margin")
    w.answer.value = "7,50"  # 62.50 - 55.00
    assert w.check().correct
    w.answer.value = "62,50"
    assert "opbrengst, niet de marge" in w.check().text()
    w.language = "en"
    assert w.prompt_pane.object == "margin" and w.answer.placeholder == "e.g. 7.50"


def test_amount_exercise_prompt_follows_the_scenario_it_asks_about():
    sc = lindendaal_scenario(300, 1)
    w = L.AmountExercise(lambda a: L.check_gp_budget(a, sc), prompt=lambda lang: L.gp_budget_prompt(sc, lang), follow=sc)
    assert "0,60" in w.prompt_pane.object
    sc.av_budget_factor = 0.5
    assert "0,50" in w.prompt_pane.object  # the question shows the number the check uses
    w.answer.value = format_eur(0.5 * L.av_last_year_spend(sc), 0).replace("€ ", "")
    assert w.check().correct


def test_a_code_cell_check_invites_until_answered_and_follows_the_language():
    lesson = L.Lesson("nl")
    waiting = lesson.check(None, lambda a: ex.check_extra_hour_margin(a, 75.0, 55.0, 1.25, 0.8), "my_margin")
    assert "Vul eerst uw antwoord in bij `my_margin`" in waiting.object
    lesson.language = "en"
    assert "First fill in your answer at `my_margin`" in waiting.object
    done = lesson.check(16, lambda a: ex.check_extra_hour_margin(a, 75.0, 55.0, 1.25, 0.8))  # 75/1.25 - 0.8*55 = 16
    assert done.object.startswith("**Correct!**")


def test_indication_and_choice_keep_answers_across_languages():
    ind = L.IndicationExercise(["WMO_BEG_GRP", "WMO_BEG_IND", "WMO_HH1"])
    pn.panel(ind).get_root()
    for code, label in (("WMO_BEG_GRP", "nee"), ("WMO_BEG_IND", "nee"), ("WMO_HH1", "ja")):
        ind.selects[code].value = ind.selects[code].options[label]  # chosen by the label the student sees
    ind.language = "en"
    assert list(ind.selects["WMO_HH1"].options) == ["— choose —", "yes", "no"]
    assert ind.answers == {"WMO_BEG_GRP": False, "WMO_BEG_IND": False, "WMO_HH1": True} and ind.check().correct
    ch = L.ChoiceExercise("continuity")
    pn.panel(ch).get_root()
    ch.choices.value = ["gesprek", "continuiteit", "werkgelegenheid", "tijdig_betalen"]
    ch.language = "en"
    assert ch.check().correct


def test_funding_model_lab_follows_model_and_parameters(caseload):
    lab = L.FundingModelLab(caseload)
    pn.panel(lab).get_root()
    lab.model_key = "lumpsum"
    lab.models["lumpsum"].budget_factor = 0.8
    expected = make_model("lumpsum", budget_factor=0.8).evaluate(caseload).total_spend
    assert lab.result().total_spend == pytest.approx(expected)
    shown = lab.summary.object.set_index("Indicator")["Waarde"]  # the table the student sees
    assert shown["Uitgaven gemeente"] == format_eur(expected, 0)
    basis = widget_named(lab, "Grondslag lumpsum")
    assert basis.options == {"Norm per inwoner (landelijk gemiddelde)": "norm", "Uitgaven vorig jaar (P x Q)": "history"}
    lab.language = "en"
    basis = widget_named(lab, "Basis of the lump sum")
    assert basis.options == {"Norm per inhabitant (national average)": "norm", "Last year's spend (P x Q)": "history"}
    assert lab.summary.object.set_index("Indicator")["Value"]["Municipal spend"] == format_eur(expected, 0)


def test_funding_summary_shows_what_the_provider_does(caseload):
    res = make_model("pxq").evaluate(caseload)
    table = L.funding_summary(res, "en").set_index("Indicator")["Value"]
    assert table["Share of need delivered"] == format_pct(res.behaviour["delivered_share"])
    assert table["Clients needing support (inhabitants, estimated)"] == format_number(res.clients)
    assert table["Continuity risk"] == "low"
    assert table["Revenue / margin of one extra staff hour"].endswith(format_eur(res.incentive.extra_hour_margin))


def test_general_provision_lab_shows_a_fixed_budget():
    sc = lindendaal_scenario(400, 1, av_budget_factor=0.5)
    lab = L.GeneralProvisionLab(scenario=sc)
    pn.panel(lab).get_root()
    gp = sc.evaluate().general
    # The budget is half of what the moved clients cost under P x Q; the spend table and the lab show it.
    assert gp.budget == pytest.approx(0.5 * L.av_last_year_spend(sc))
    assert format_eur(gp.budget, 0) in L.spend_display(sc).to_string()
    table = L.general_provision_display(sc).set_index("Indicator")["Waarde"]
    assert table["Budget consortium (vast)"] == format_eur(gp.budget, 0)
    assert table["Deelnemers totaal"] == format_number(gp.participants)
    # More participants: the budget row does not move, the budget per participant falls.
    sc.av_extra_uptake = 0.9
    more = L.general_provision_display(sc).set_index("Indicator")["Waarde"]
    assert more["Budget consortium (vast)"] == table["Budget consortium (vast)"]
    assert more["Budget per deelnemer"] != table["Budget per deelnemer"]
    assert "alleen de precisie" in lab.population.object
    shown = lab.provision.object.set_index("Indicator")["Waarde"]  # the lab's table follows the scenario
    assert shown["Budget per deelnemer"] == more["Budget per deelnemer"]


def test_general_provision_lab_starts_with_the_other_provisions_on_pxq():
    # The issue: a lab that put the remaining individual provisions on a lump sum credited the general provision
    # with the lump sum's saving. By default the rest stays P x Q, so all of the difference is the general provision's.
    lab = L.GeneralProvisionLab()
    assert lab.scenario.funding_model == "pxq" and lab.scenario.general_provision_share == 1.0
    pn.panel(lab).get_root()
    sources = lab.sources.object.set_index("Waar komt het verschil vandaan")["Euro per jaar"]
    assert sources.iloc[1] == format_eur(0, 0)  # other individual provisions: nothing changes
    assert sources.iloc[0] == sources.iloc[3]  # general provision = total


def test_rating_exercise_adds_the_student_as_one_more_team():
    w = L.RatingExercise()
    pn.panel(w).get_root()
    w.selects["RIV-01"].value = "WMO_BEG_IND"
    ratings = w.compare()
    mine = ratings[ratings["team"] == "U"]  # the lesson says 'u' throughout
    assert list(mine["case_id"]) == ["RIV-01"] and list(mine["harmonised_product"]) == ["WMO_ONDERSTEUNING_THUIS"]
    assert ratings["team"].nunique() == 8  # seven simulated area teams plus the student
    # Counted from the table the student sees: per case the share of the 8 teams that chose the most chosen product.
    table = L.ratings_display(ratings, "nl").drop(columns="Team")
    answered = {c: table[c][table[c] != "–"] for c in table.columns}
    by_hand = sum(col.value_counts().iloc[0] / len(col) for col in answered.values()) / len(answered)
    assert ex.check_agreement(round(by_hand, 2), ratings, "pct_agreement").correct


def test_continuity_lab_warns_below_break_even(caseload):
    lab = L.ContinuityLab(caseload)
    factor = ex.break_even_tariff_factor(caseload)
    lab.tariff_factor = round(factor + 0.05, 2)
    assert lab.result().continuity_risk == "low" and lab.verdict.alert_type == "success"
    lab.tariff_factor = round(factor - 0.1, 2)
    assert lab.result().continuity_risk == "high"  # loss of more than 5% of revenue
    assert lab.verdict.alert_type == "warning" and "risico continuïteit: **hoog**" in lab.verdict.object


def test_ratings_are_shown_with_product_names_not_codes():
    w = L.RatingExercise()
    w.selects["RIV-01"].value = "WMO_BEG_IND"
    w.compare()
    table = L.ratings_display(w.ratings, "en")
    assert list(table.columns) == ["Team", "RIV-01", "RIV-03", "RIV-06", "RIV-10"]
    assert table.set_index("Team").loc["You", "RIV-01"] == "Individual support"
    cells = table.drop(columns="Team").to_numpy().ravel().tolist()
    assert not [c for c in cells if "_" in c]  # no raw codes such as WMO_BEG_IND
    assert table["Team"].iloc[0] == "Area team 1"


def test_effect_calculator_view_follows_its_calculator_and_shows_the_whole_arena():
    calc = EffectCalculator()
    view = L.EffectCalculatorView(case_id="OSS-06", calculator=calc)
    pn.panel(view).get_root()
    three_years = view.payers.object.copy()
    calc.horizon_years = 1
    one_year = EffectCalculator(horizon_years=1).per_payer([get_case("OSS-06")])
    assert view.per_payer().equals(one_year)
    assert not view.payers.object.equals(three_years)  # the shown table followed the calculator's slider
    view.language = "en"
    assert view.horizon.name == "Horizon (years)" and "Across all payers" in view.wrong_pocket.object
    arena = view.arena.object
    assert "Family / carer" in set(arena["Stakeholder"])  # not only the payers
    assert "no" in set(arena["In euros"])  # and not only money


def test_case_cards_and_tables_are_translated_with_their_units():
    card = L.case_card(get_case("OSS-03"), "en").object
    assert "I want to stay in my own flat" in card or "I don't want to keep leaving in an ambulance" in card
    assert "2 hours a week for 52 weeks" in card and "Ik wil" not in card and "uur" not in card
    events = L.events_display(get_case("OSS-03"), language="en")
    assert set(events["Quantity"].str.split(" ", n=1).str[1]) <= {"hour", "hours", "visit", "visits", "day", "days",
                                                                   "programme", "programmes"}
    assert "/ hour" in L.catalogue_display("en")["Tariff"].iloc[0]


def test_parameter_sliders_are_labelled_in_the_lesson_language(caseload):
    lab = L.FundingModelLab(caseload)
    labels_nl = L.param_labels(lab.models["pxq"], ["tariff_factor", "admin_cost_per_declaration"], "nl")
    assert labels_nl["tariff_factor"]["label"].startswith("Tarieven")
    labels_en = L.param_labels(lab.models["pxq"], ["tariff_factor", "admin_cost_per_declaration"], "en")
    assert labels_en["admin_cost_per_declaration"]["label"] == "Admin cost per invoice (€)"
    gp_lab = L.GeneralProvisionLab(language="en")
    labels = [w.name for w in pn.panel(gp_lab).select(pn.widgets.Widget)]
    assert "Share of begeleiding moved" in labels and "Funding of the other provisions" in labels
    assert "Budget (factor on last year)" in labels and "New participants (share)" in labels
    assert set(L.GP_LEVERS) <= set(Scenario.param)


def test_region_profile_lists_the_clients_each_municipality_stands_for():
    from zorglab.domain.regions import get_region
    from zorglab.domain.sizing import caseload_size

    table = L.region_profile("Rivierenland", 2016, "en").set_index("Municipality")
    clients = caseload_size(get_region("Rivierenland", 2016)).groupby("municipality")["clients"].sum()
    assert table.loc["Tiel", "Clients Wmo + Youth Act (estimate)"] == format_number(clients["Tiel"])
    assert len(table) == 11  # ten municipalities in 2016 and the national row


# ---- a live session's export back into lesson 3 --------------------------------------------------------------
@pytest.fixture
def session_export(tmp_path):
    """A real intervision session on SQLite: three participants assess two cases in an old-catalogue round."""
    from zorglab.services.intervision.export import session_json
    from zorglab.services.intervision.service import IntervisionService
    from zorglab.services.intervision.storage import Storage

    service = IntervisionService(Storage(f"sqlite:///{tmp_path / 'room.sqlite'}"))
    created = service.create_session("Les 3", ["RIV-01", "RIV-03"], ["indicatie:old"])
    round_id = service.session(created.session_id).rounds[0].round_id
    service.set_round(created.trainer_secret, created.session_id, round_id, "open")
    choices = {"Ans": ("WMO_BEG_IND", "WMO_HH1"), "Bo": ("WMO_BEG_IND", "WMO_HH2"), "Cem": ("WMO_BEG_IND_SPEC", "WMO_HH1")}
    for name, (p1, p3) in choices.items():
        token = service.join(created.code, name).token
        service.submit(token, round_id, "RIV-01", {"lines": [{"product": p1, "units_per_week": 2, "weeks": 26}]})
        service.submit(token, round_id, "RIV-03", {"lines": [{"product": p3, "units_per_week": 2, "weeks": 52}]})
    path = tmp_path / "sessie.json"
    path.write_bytes(session_json(service, created.session_id))
    return path


def test_room_ratings_from_an_intervision_export(session_export):
    ratings = L.room_ratings(session_export)
    assert len(ratings) == 6 and ratings["team"].nunique() == 3
    assert "Ans" not in ratings["team"].to_string()  # pseudonyms never leave the app
    # RIV-01: 2 of 3 chose WMO_BEG_IND; RIV-03: 2 of 3 chose WMO_HH1 -> percentage agreement 2/3.
    assert ex.agreement_summary(ratings)["pct_agreement"] == pytest.approx(2 / 3)
    # Harmonised: all three RIV-01 choices become "Ondersteuning thuis", RIV-03 all "Huishouden" -> 1.0.
    assert ex.agreement_summary(ratings, category_col="harmonised_product")["pct_agreement"] == pytest.approx(1.0)
    view = L.room_agreement(session_export, "en")
    assert "Room: 3 participants" in view[1].object


def test_room_agreement_without_export_explains_what_to_do(tmp_path):
    assert "session_export" in L.room_agreement("", "nl")[0].object
    missing = L.room_agreement(tmp_path / "nope.json", "en")[0]
    assert missing.alert_type == "danger" and "Check the path" in missing.object
    other = tmp_path / "other.json"
    other.write_text('{"format": "something else"}')
    assert "not a zorglab intervision export" in L.room_agreement(other, "en")[0].object


@pytest.mark.notebook
def test_lesson_3_shows_the_rooms_agreement_from_an_export(session_export, tmp_path):
    path = next(p for p in LESSONS if p.name.startswith("03"))
    nb = _run(path, tmp_path, session_export=str(session_export), n_clients=500)
    text = _outputs(nb)
    kappa = ex.agreement_summary(L.room_ratings(session_export))["fleiss_kappa"]
    assert "Zaal: 3 deelnemers" in text and f"kappa {format_number(kappa, 2)} " in text


def test_trainer_guide_refers_to_things_that_exist():
    import re

    from zorglab.core.paths import data_dir

    root = data_dir().parent
    guide = (root / "docs" / "trainer_guide.md").read_text(encoding="utf-8")
    for rel in set(re.findall(r"notebooks/lessons/[\w.]+\.ipynb", guide)):
        assert (root / rel).exists(), rel
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    for target in set(re.findall(r"`make (\w+)", guide)):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not a Makefile target"
    for case_id in set(re.findall(r"`((?:RIV|OSS|LIN|WES)-\d+)`", guide)):
        assert get_case(case_id).case_id == case_id
    params = {name for p in LESSONS for name in pm.inspect_notebook(str(p))}
    for name in ("session_export", "case_id", "horizon_years", "lang"):
        assert name in params and f"`{name}`" in guide
    assert "make serve ROOM=1" in guide and "90 minutes" in guide and "Half-day" in guide
    for printable in set(re.findall(r"`(\w+\.html)`", guide)):
        assert (root / "docs" / "trainer" / printable).exists(), printable
    assert "/lessons" in guide  # the route for participants without Python


def test_scenario_explorer_embeds_with_the_lessons_region_and_language():
    embedded = L.scenario_explorer("Westkust", 300, seed=2, language="en")
    pn.panel(embedded).get_root()
    state = embedded.explorer.state
    assert state.scenario.region == "Westkust" and state.language == "en"
    lesson = L.Lesson("en")
    lesson.show(embedded)
    lesson.language = "nl"
    assert state.language == "nl"  # follows the lesson's switch
    assert embedded.__panel__().styles["overflow-x"] == "auto"  # never wider than the lesson
