"""The accessible page frame (zorglab.ui.page) and the reveal charts' text alternatives, without a browser."""

from __future__ import annotations

import pandas as pd
import param

from zorglab.services.intervision.stats import IndicatieReveal
from zorglab.ui import intervision_plots as plots
from zorglab.ui.page import PageSupport, make_page
from zorglab.ui.theme import SAFE_PALETTE


class _App(param.Parameterized):
    language = param.Selector(default="nl", objects=["nl", "en"])


def test_page_language_follows_the_app_switch():
    app = _App()
    support = PageSupport().follow(app)
    assert support.language == "nl"
    app.language = "en"
    assert support.language == "en"


def test_announcements_are_escaped_and_repeat():
    support = PageSupport()
    support.announce('Antwoord <script>alert("x")</script> opgeslagen')
    assert "<script>" not in support.message and "&lt;script&gt;" in support.message
    first = support.message
    support.announce('Antwoord <script>alert("x")</script> opgeslagen')  # the same words again must still change
    assert support.message != first and support.message.strip() == first


def test_template_has_no_theme_switch_and_a_phone_viewport():
    template = make_page("zorglab · test", [], PageSupport())
    assert template.theme_toggle is False
    assert "width=device-width" in template.meta_viewport


def test_reveal_chart_has_key_numbers_in_words_and_an_escaped_table():
    counts = pd.DataFrame({"WMO_HH1": [2, 0], "X<b>": [1, 3]}, index=pd.Index(["RIV-01", "RIV-02"], name="case_id"))
    counts.columns.name = "product"
    rev = IndicatieReveal(ratings=pd.DataFrame(), counts=counts, per_case=pd.DataFrame(), summary=None,
                          summary_harmonised=None, cost_spread=pd.DataFrame())
    text = plots.product_summary(rev, "nl")
    assert "RIV-01: 2 van 3 deelnemers" in text and "RIV-02: 3 van 3 deelnemers kozen X<b>" in text
    table = plots.product_table(rev, "en")
    assert "<td>X&lt;b&gt;</td><td>3</td>" in table and "X<b>" not in table


def test_palette_has_no_red_green_pair_of_the_old_category10():
    assert "#d62728" not in SAFE_PALETTE and "#2ca02c" not in SAFE_PALETTE
    assert len(set(SAFE_PALETTE)) == len(SAFE_PALETTE) == 8
