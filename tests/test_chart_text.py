"""Every explorer chart has a text alternative with its key numbers, hidden in predict mode like the chart."""

from __future__ import annotations

import panel as pn
import pytest

from zorglab.scenario import ExplorerState, Scenario
from zorglab.ui.scenario_explorer import ScenarioExplorer
from zorglab.ui.scenario_panes import PairedBars, chart_text

N = 1000


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


@pytest.fixture
def explorer():
    view = ScenarioExplorer(state=ExplorerState(scenario=Scenario(n_clients=N)))
    view.__panel__()
    yield view
    pn.state.reset()


def test_the_spend_chart_text_follows_the_slider_and_predict_mode(explorer):
    alt = explorer._plot.alt
    before = alt.object
    explorer._widgets["tariff_factor"].value = 1.3
    assert alt.object != before and "Scenario" in alt.object  # new numbers, Dutch series names
    explorer.state.predict_mode = True
    explorer._widgets["tariff_factor"].value = 1.4
    assert "Scenario (?)" not in alt.object and "Scenario ?" in alt.object  # the answer stays hidden
    explorer._reveal.clicks += 1
    assert "Scenario ?" not in alt.object
