"""The Dutch axis formatters render in a real browser the way format_eur writes money."""

from __future__ import annotations

import pytest
from bokeh.embed import file_html
from bokeh.plotting import figure
from bokeh.resources import INLINE

from zorglab.core.axis_format import EUR_AXIS_JS, eur_axis, number_axis


def test_formatters_are_fresh_models_with_dutch_code():
    a, b = eur_axis(), eur_axis()
    assert a is not b  # a Bokeh model may belong to one document only
    assert a.code == EUR_AXIS_JS and "'nl-NL'" in a.code
    assert "'nl-NL'" in number_axis().code


@pytest.mark.ui
def test_eur_ticks_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    fig = figure(width=500, height=300, y_range=(0, 2_500_000))
    fig.vbar(x=[1, 2], top=[1_200_000, 2_400_000], width=0.5)
    fig.yaxis.formatter = eur_axis()
    fig.output_backend = "svg"  # tick labels become DOM text we can read
    page_file = tmp_path / "plot.html"
    page_file.write_text(file_html(fig, INLINE, "ticks"), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--headless=new"])
        page = browser.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelector('.bk-Figure') !== null")
        page.wait_for_timeout(500)
        text = page.evaluate("""() => {
            const host = document.querySelector('.bk-Figure');
            const walk = (root) => [...root.querySelectorAll('*')].flatMap(e => e.shadowRoot ? walk(e.shadowRoot) : [e]);
            return walk(document).filter(e => e.tagName === 'text').map(e => e.textContent).join('|');
        }""")
        browser.close()
    assert "€ 1 mln" in text or "€ 1,5 mln" in text, text
    assert "€ 0" in text, text
