"""The scenario explorer view without a browser: widgets drive the library, panes show its numbers."""

from __future__ import annotations

import io
import urllib.parse

import pandas as pd
import panel as pn
import pytest
from panel.io.location import Location

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.regions import get_region
from zorglab.domain.scenario import MODEL_KNOBS, Scenario
from zorglab.services.equation_words import reference_markdown
from zorglab.services.scenario_tables import param_label
from zorglab.ui.scenario_controls import EUR_PARAMS, PLAIN_INT_PARAMS, SHARE_PARAMS, slider_format
from zorglab.ui.scenario_explorer import ScenarioExplorer, katex_safe
from zorglab.ui.scenario_link import share_query, sync_with_url, url_values
from zorglab.ui.scenario_panes import PairedBars, chart_text, kpi_html, signed, spend_display
from zorglab.ui.scenario_state import ExplorerState, SavedScenarioError

N = 1000


@pytest.fixture
def explorer():
    view = ScenarioExplorer(state=ExplorerState(scenario=Scenario(n_clients=N)))
    view.__panel__()
    yield view
    pn.state.reset()


def spend_of(**params) -> float:
    return Scenario(n_clients=N, **params).evaluate().municipal_spend


def control(view: ScenarioExplorer, name: str) -> pn.widgets.Widget:
    """A scenario control found the way a reader finds it: by its label in the page's current language."""
    wanted = param_label(name, view.state.language)
    found = [w for w in view.__panel__().select(pn.widgets.Widget) if getattr(w, "label", None) == wanted]
    assert len(found) == 1, (name, wanted, len(found))
    return found[0]


def kpis(view: ScenarioExplorer) -> pn.pane.HTML:
    """The headline cards, found by their content in the page."""
    found = [p for p in view.__panel__().select(pn.pane.HTML) if "zl-kpis" in str(p.object)]
    assert len(found) == 1
    return found[0]


def test_slider_changes_the_shown_spend_to_the_library_value(explorer):
    control(explorer, "tariff_factor").value = 1.2
    assert explorer.state.scenario.tariff_factor == 1.2
    spend, base = spend_of(tariff_factor=1.2), spend_of()
    cards = kpis(explorer).object
    assert format_eur(spend, 0) in cards
    assert signed(spend - base, lambda v: format_eur(v, 0)) in cards
    # Every hour pays 20% more and the provider delivers more hours: spend rises by more than 20%.
    assert spend > 1.2 * base and signed((spend - base) / base, format_pct) in cards


def test_spend_per_inhabitant_is_shown(explorer):
    population = get_region("Rivierenland").population
    assert format_eur(spend_of() / population, 0) in kpis(explorer).object
    assert 'aria-label="Uitgaven per inwoner"' in kpis(explorer).object
    explorer.state.language = "en"
    assert 'aria-label="Spend per inhabitant"' in kpis(explorer).object


def test_population_note_says_whose_money_and_that_the_sample_is_precision_only(explorer):
    res = explorer.state.scenario.evaluate()
    note = explorer._population.object
    assert format_number(get_region("Rivierenland").population) in note and "inwoners" in note
    assert format_number(res.baseline.clients) in note
    assert "steekproef van 1.000 synthetische cliënten bepaalt alleen de precisie" in note
    control(explorer, "n_clients").value = 2000
    assert "steekproef van 2.000" in explorer._population.object
    explorer.state.language = "en"
    assert "sample of 2.000 synthetic clients only sets the precision" in explorer._population.object
    assert "inhabitants" in explorer._population.object


def test_region_choice_offers_every_cbs_municipality(explorer):
    region = control(explorer, "region")
    groups = region.groups
    regs, munis = "Regio's / Regions", "Gemeenten (CBS) / Municipalities (CBS)"  # both languages: never re-sent
    assert list(groups) == [regs, munis]
    assert groups[regs] == ["Lindendaal", "Oss", "Rivierenland", "Westkust"]
    assert "Tiel" in groups[munis] and "Oss" not in groups[munis]  # Oss is a region already
    region.value = "Tiel"
    assert explorer.state.scenario.region == "Tiel"
    assert format_number(42_277) in explorer._population.object  # CBS inhabitants on 1 January 2022
    explorer.state.scenario.region = "Oss"
    assert region.value == "Oss"
    explorer.state.language = "en"
    assert list(region.groups) == [regs, munis] and region.value == "Oss"
    assert region.label == "Region"


def test_budget_basis_choice_is_translated_and_drives_the_scenario(explorer):
    control(explorer, "funding_model").value = "lumpsum"
    basis = control(explorer, "budget_basis")
    assert basis.visible
    assert basis.options == {"Norm per inwoner (landelijk gemiddelde)": "norm", "Uitgaven vorig jaar (P x Q)": "history"}
    basis.value = "history"
    assert explorer.state.scenario.budget_basis == "history"
    # A lump sum of factor 1 on last year's spend pays what P x Q paid.
    assert format_eur(spend_of(), 0) in kpis(explorer).object
    explorer.state.language = "en"
    assert "Last year's spend (P x Q)" in basis.options and basis.value == "history"
    table = explorer.assumptions_display().set_index("parameter")
    assert table.loc["Basis of the lump sum", "value"] == "Last year's spend (P x Q)"


def test_slider_formats_name_only_scenario_parameters():
    names = set(Scenario.query_names())
    assert names >= SHARE_PARAMS | EUR_PARAMS | PLAIN_INT_PARAMS
    assert "%" in slider_format("av_extra_uptake").code and "%" in slider_format("tolerated_loss").code
    assert "€" in slider_format("av_cost_per_participant").code
    assert "%" not in getattr(slider_format("professional_norm"), "code", "")  # a factor, not a share


def test_model_choice_shows_only_its_knobs(explorer):
    for key, knobs in MODEL_KNOBS.items():
        control(explorer, "funding_model").value = key
        visible = {n for ks in MODEL_KNOBS.values() for n in ks if control(explorer, n).visible}
        assert visible == set(knobs)
    assert "lumpsum" in explorer._explain.object or "Lumpsum" in explorer._explain.object


def test_every_control_sits_in_the_layout_once(explorer):
    # upcoding_room belongs to two models; Bokeh refuses a model that appears twice (REPEATED_LAYOUT_CHILD)
    ids = [id(obj) for obj in explorer.controls().objects]
    assert len(ids) == len(set(ids))
    assert control(explorer, "upcoding_room") in explorer.controls().objects


def test_language_switch_relabels_everything(explorer):
    assert control(explorer, "tariff_factor").label.startswith("Tarieven")
    assert "Uitgaven gemeente" in kpis(explorer).object
    explorer.state.language = "en"
    assert control(explorer, "tariff_factor").label.startswith("Tariffs")
    assert "Municipal spend" in kpis(explorer).object
    assert list(explorer._tab_bar.options) == ["Scenario", "Compare", "Effect calculator", "Assumptions",
                                               "Model reference"]
    assert explorer._tab_bar.value == "tab_scenario"  # renaming the tabs keeps the open one open
    assert "synthetic" in explorer._synthetic.object
    assert "Effort-based (P x Q)" in control(explorer, "funding_model").options
    assert katex_safe(reference_markdown("en")) in explorer._reference.object
    explorer._language.value = "nl"
    assert explorer.state.language == "nl" and katex_safe(reference_markdown("nl")) in explorer._reference.object


def test_predict_mode_hides_then_reveals(explorer):
    explorer.state.predict_mode = True
    control(explorer, "tariff_factor").value = 1.3
    shown = format_eur(spend_of(tariff_factor=1.3), 0)
    assert shown not in kpis(explorer).object and "? ? ?" in kpis(explorer).object
    assert explorer._reveal.visible and explorer._prompt.visible
    assert shown not in explorer._tables.object and "?" in explorer._tables.object
    explorer._reveal.clicks += 1
    assert shown in kpis(explorer).object and not explorer._reveal.visible
    assert shown in explorer._tables.object  # the spend table's total


def test_predict_mode_hides_the_answer_in_downloads_and_comparisons(explorer):
    explorer.state.predict_mode = True
    control(explorer, "tariff_factor").value = 1.3
    hidden_total = format_number(spend_of(tariff_factor=1.3), 0)
    assert explorer._csv.disabled and explorer._xlsx.disabled and explorer.compare._save.disabled
    # Even a scripted click gets no answer: the CSV says it is hidden, the workbook is not made.
    text = explorer._export_csv().getvalue()
    assert "Verborgen" in text and hidden_total.replace(".", "") not in text.replace(".", "")
    assert explorer._export_excel() is None and explorer.compare.excel() is None
    with pytest.raises(SavedScenarioError, match="reveal"):
        explorer.state.save("stiekem")
    explorer._reveal.clicks += 1
    assert not explorer._csv.disabled and "Verborgen" not in explorer._export_csv().getvalue()


def test_exports_hold_the_library_tables(explorer):
    control(explorer, "general_provision_share").value = 0.5
    csv = pd.read_csv(io.StringIO(explorer._export_csv().getvalue()))
    total = csv[(csv["table"] == "spend") & (csv["line"] == "totaal")]["scenario_eur"].item()
    assert total == pytest.approx(spend_of(general_provision_share=0.5))
    sheets = pd.read_excel(explorer._export_excel(), sheet_name=None)
    assert set(sheets) == {"summary", "spend", "incentive", "parameters"}


def test_compare_tab_saves_at_most_four_and_exports(explorer):
    assert "Nog geen bewaarde scenario's" in explorer.compare._compare.object
    for i, factor in enumerate((1.0, 1.1, 1.2, 1.3)):
        control(explorer, "tariff_factor").value = factor
        explorer.compare._save_name.value = f"s{i}"
        explorer.compare._save.clicks += 1
    assert list(explorer.state.saved) == ["s0", "s1", "s2", "s3"]
    assert format_eur(spend_of(tariff_factor=1.3), 0) in explorer.compare._compare.object
    explorer.compare._save_name.value = "s4"
    explorer.compare._save.clicks += 1
    assert explorer.compare._save_msg.alert_type == "warning" and "maximaal 4" in explorer.compare._save_msg.object
    assert "s4" not in explorer.state.saved
    explorer.compare._saved_select.value = "s1"
    explorer.compare._load.clicks += 1
    assert explorer.state.scenario.tariff_factor == 1.1
    explorer.compare._remove.clicks += 1
    assert list(explorer.state.saved) == ["s0", "s2", "s3"]
    table = pd.read_csv(io.StringIO(explorer.compare.csv().getvalue()))
    assert list(table.columns) == ["indicator", "label", "Basislijn (P x Q)", "s0", "s2", "s3"]
    link = explorer.compare._links.object.split("(?", 1)[1].split(")", 1)[0]
    assert dict(urllib.parse.parse_qsl(link))["tariff_factor"] == "1.0"


def test_share_query_round_trips():
    values = Scenario(funding_model="result", bonus=750.0).values()
    query = dict(urllib.parse.parse_qsl(share_query(values, "en")[1:]))
    st = ExplorerState()
    assert st.apply_query(query) == []
    assert st.scenario.values() == values and st.language == "en"


def test_url_sync_repairs_a_tampered_link_and_follows_changes():
    location = Location(search="?tariff_factor=9&region=Atlantis&funding_model=lumpsum")
    st = ExplorerState(scenario=Scenario(n_clients=N))
    notices = sync_with_url(st, location)
    assert {n.parameter for n in notices} == {"tariff_factor", "region"}
    assert st.scenario.tariff_factor == 1.5 and st.scenario.funding_model == "lumpsum"
    query = location.query_params
    assert query["tariff_factor"] == 1.5 and query["region"] == "Rivierenland"
    st.scenario.budget_factor = 0.8
    assert location.query_params["budget_factor"] == 0.8
    assert set(url_values(st)) <= set(location.query_params)
    view = ScenarioExplorer(state=st)
    assert view._notices.visible and "0,5 – 1,5" in view._notices.object


def test_kpi_and_tables_are_dutch_formatted():
    res = Scenario(n_clients=N, tariff_factor=0.9).evaluate()
    html = kpi_html(res)
    assert format_eur(res.municipal_spend, 0) in html and "− " in html  # spend goes down by 10%
    spend = spend_display(res)
    assert spend.iloc[-1, 2] == format_eur(res.municipal_spend, 0)
    assert signed(-1234.6, lambda v: format_eur(v, 0)) == "− € 1.235"


def test_equation_page_survives_markdown_escapes():
    assert katex_safe(r"d_i = q_i\,(1 + s)\!") == r"d_i = q_i\ (1 + s)"


def test_effects_tab_follows_the_case_choice(explorer):
    from zorglab.domain.cases import load_cases
    from zorglab.domain.effects import EffectCalculator
    from zorglab.services.narrative import wrong_pocket_summary

    case = load_cases()[5]
    explorer.state.case_id = case.case_id
    explorer.open_tab("tab_effects")
    assert explorer.effects._case.value == case.case_id
    expected = wrong_pocket_summary(EffectCalculator().per_payer([case]), "nl")
    assert explorer.effects._summary.object == expected
    assert case.case_id in explorer.effects._arena.object or case.ik_wil[:20] in explorer.effects._words.object


def test_assumptions_pane_lists_every_parameter_with_value_range_and_source(explorer):
    control(explorer, "bonus").value = 800.0
    table = explorer.assumptions_display().set_index("parameter")
    assert len(table) == len(Scenario.query_names())
    assert table["bron"].str.len().min() > 10
    assert table.loc["Jaar", "toegestaan"] == "2015 – 2025"
    assert table.loc["Bonus per behaald resultaat (€)", "waarde"] == "800,00"
    # any CBS municipality is a valid region: the pane says so instead of listing all of them
    assert table.loc["Regio", "toegestaan"] == "Lindendaal, Oss, Rivierenland, Westkust of een CBS-gemeente (naam of GM-code)"
    explorer.open_tab("tab_assumptions")  # the pane is filled when its tab is open
    assert "Bonus per behaald resultaat" in explorer._assumptions.object and "800,00" in explorer._assumptions.object
    control(explorer, "bonus").value = 900.0  # ... and follows the sliders while it is open
    assert "900,00" in explorer._assumptions.object and "800,00" not in explorer._assumptions.object


def test_reference_page_is_generated_from_the_equation_registry(explorer):
    from zorglab.domain.equations import EQUATIONS
    from zorglab.services.equation_words import equation_text, equation_title

    for eq in EQUATIONS:
        assert equation_title(eq, "nl") in explorer._reference.object
        assert equation_text(eq, "nl") in explorer._reference.object
    # Dutch mode shows Dutch meanings and formula words (no English parameter docs)
    assert "high if" not in explorer._reference.object and "hoog als" in explorer._reference.object
    assert "Provider's full cost" not in explorer._reference.object


def test_tabs_are_built_when_first_opened_and_keep_their_content(explorer):
    assert list(explorer._built_tabs) == ["tab_scenario"] and explorer._effects is None  # page load: one tab
    assert len(explorer._tab_body.objects) == 1
    explorer._tab_bar.value = "tab_effects"  # a click on the tab bar
    assert list(explorer._built_tabs) == ["tab_scenario", "tab_effects"] and explorer._effects is not None
    assert [t.visible for t in explorer._tab_body.objects] == [False, True]
    explorer.open_tab("tab_scenario")
    assert [t.visible for t in explorer._tab_body.objects] == [True, False]  # opened once, kept
    assert explorer._tab_bar.value == "tab_scenario"


def test_large_numbers_toggle_marks_the_cards_and_goes_into_the_link(explorer):
    assert kpis(explorer).css_classes == [] and url_values(explorer.state)["large_numbers"] == "false"
    explorer._large.value = True
    assert explorer.state.large_numbers is True and kpis(explorer).css_classes == ["zl-large"]
    assert url_values(explorer.state)["large_numbers"] == "true"
    explorer._large.value = False
    assert kpis(explorer).css_classes == []


def test_tables_block_escapes_text_and_holds_the_three_tables():
    from zorglab.ui.scenario_panes import html_table, tables_html

    cell = '<script>alert("x")</script> & co'
    out = html_table(pd.DataFrame({"a <b>": [cell], "n": ["€ 1.234"]}))
    assert "<script>" not in out and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in out
    assert "<th>a &lt;b&gt;</th>" in out and "<td>€ 1.234</td>" in out and out.startswith('<div class="zl-scroll">')
    res = Scenario(n_clients=N).evaluate()
    block = tables_html(res, "en")
    assert block.count("<table") == 3 and block.count("<h3>") == 3
    assert "Spend per law / payer" in block and "Incentive for the provider" in block and "All indicators" in block
    assert format_eur(res.municipal_spend, 0) in block


# ---- every chart has a text alternative with its key numbers, hidden in predict mode like the chart

def test_chart_text_reads_the_bars_in_order_with_dutch_money_and_escapes_names():
    text = chart_text("Uitgaven", ["Wmo", "<b>Jeugd</b>"], [1234.4, 2000.0], [1500.0, 0.0], ("Basislijn", "Scenario"))
    # by hand: 1234.4 rounds to EUR 1.234 (Dutch thousands dot), names typed by users are shown, not run
    assert ("Uitgaven — Wmo: Basislijn € 1.234, Scenario € 1.500; "
            "&lt;b&gt;Jeugd&lt;/b&gt;: Basislijn € 2.000, Scenario € 0.") in text
    assert "<b>" not in text


def test_hidden_second_series_is_a_question_mark_in_the_text_too():
    text = chart_text("U", ["Wmo"], [100.0], [987654.0], ("a", "b"), hide_b=True)
    assert "b ?" in text and "987" not in text


def test_paired_bars_keeps_its_text_in_step_with_the_data():
    bars = PairedBars()
    bars.update(["Wmo", "Jeugdwet"], [10.0, 20.0], [30.0, 40.0], ("oud", "nieuw"), "Per wet")
    # the chart draws the first category on top; the text reads top to bottom in the same order
    assert "Per wet — Wmo: oud € 10, nieuw € 30; Jeugdwet: oud € 20, nieuw € 40." in bars.alt.object


def test_the_spend_chart_text_follows_the_slider_and_predict_mode(explorer):
    alt = explorer._plot.alt
    before = alt.object
    control(explorer, "tariff_factor").value = 1.3
    assert alt.object != before and "Scenario" in alt.object  # new numbers, Dutch series names
    explorer.state.predict_mode = True
    control(explorer, "tariff_factor").value = 1.4
    assert "Scenario (?)" not in alt.object and "Scenario ?" in alt.object  # the answer stays hidden
    explorer._reveal.clicks += 1
    assert "Scenario ?" not in alt.object
