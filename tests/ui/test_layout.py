"""Layout at a 1024x768 projector and a 390 px phone: the index, the scenario explorer and intervision (join page
and a participant's view) keep everything inside the viewport's width and nothing overlaps.

Measured in the served suite (`python -m zorglab.serve`, real processes) in headless Chromium:

- the page never scrolls sideways (``scrollWidth <= clientWidth``);
- every visible card, table box, button, input, select, slider and plot (its figure) lies within the viewport's width;
- no two of them overlap (one inside the other is fine: a button in a card). Wide tables scroll inside their own
  box (``.zl-scroll``), so the box is measured, not the table; a spinner's arrows belong to its input.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

T = 30_000  # ms; a served suite next to other work on 2 cores
SIZES = {"projector": {"width": 1024, "height": 768}, "phone": {"width": 390, "height": 844}}

# Every element a user reads or touches, across shadow roots; for each: its box, whether it is visible, and
# its composed ancestry (so that a button inside a card is not counted as an overlap).
_MEASURE = r"""
() => {
  const SELECTOR = '.zl-kpi, .zl-scroll, a.card, button:not(.bk-spin-btn), select, textarea, input:not([type=hidden]), '
                 + '.noUi-target, .bk-Figure, .iv-code';
  const boxes = [];
  const visible = (el, r) => {
    if (r.width < 1 || r.height < 1) return false;
    for (let e = el; e; e = e.parentNode || e.host) {
      if (e.nodeType !== 1) continue;
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false;
    }
    return true;
  };
  const inScrollBox = (el) => {
    for (let e = el.parentNode || el.host; e; e = e.parentNode || e.host) {
      if (e.nodeType === 1 && e.classList.contains('zl-scroll')) return true;
    }
    return false;
  };
  const walk = (root) => {
    root.querySelectorAll('*').forEach((el) => {
      if (el.matches(SELECTOR) && !inScrollBox(el)) {
        const r = el.getBoundingClientRect();
        if (visible(el, r)) {
          boxes.push({el, left: r.left, right: r.right, top: r.top + window.scrollY, bottom: r.bottom + window.scrollY,
                      label: (el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0] + ' "'
                              + (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40) + '"')});
        }
      }
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  };
  walk(document);
  const contains = (a, b) => { for (let e = b; e; e = e.parentNode || e.host) { if (e === a) return true; } return false; };
  const vw = document.documentElement.clientWidth;
  const outside = boxes.filter((b) => b.right > vw + 1 || b.left < -1)
                       .map((b) => `${b.label} at x ${Math.round(b.left)}..${Math.round(b.right)}`);
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2 && !contains(a.el, b.el) && !contains(b.el, a.el)) {
        overlaps.push(`${a.label} / ${b.label} (${Math.round(w)}x${Math.round(h)} px)`);
      }
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: vw, count: boxes.length, outside, overlaps};
}
"""


def measure(page) -> dict:
    page.wait_for_timeout(600)  # let Bokeh finish its layout pass
    return page.evaluate(_MEASURE)


def assert_fits(page, what: str, min_boxes: int) -> dict:
    m = measure(page)
    assert m["count"] >= min_boxes, f"{what}: only {m['count']} elements measured (page not drawn?)"
    assert m["scrollWidth"] <= m["clientWidth"], f"{what}: page is {m['scrollWidth']} px wide in {m['clientWidth']}"
    assert not m["outside"], f"{what}: past the right edge: {m['outside']}"
    assert not m["overlaps"], f"{what}: overlapping: {m['overlaps']}"
    return m


@pytest.fixture(scope="module")
def suite_url(tmp_path_factory):
    from tests.ui.conftest import ServedSuite

    suite = ServedSuite(tmp_path_factory.mktemp("layout"))
    try:
        yield suite.start()
    finally:
        suite.kill()


def new_page(browser, size: str):
    ctx = browser.new_context(viewport=SIZES[size], locale="nl-NL", is_mobile=size == "phone",
                              has_touch=size == "phone")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def test_the_measurement_sees_overflow_and_overlap(browser):
    """The check itself can fail: a too-wide box and two boxes on top of each other are reported."""
    pg = new_page(browser, "phone")
    pg.set_content('<html><head><meta name="viewport" content="width=device-width"></head><body style="margin:0">'
                   '<button style="width:500px">breed</button>'
                   '<div class="zl-kpi" style="position:absolute;top:100px;left:0;width:100px;height:50px">a</div>'
                   '<div class="zl-kpi" style="position:absolute;top:120px;left:50px;width:100px;height:50px">b</div>'
                   "</body></html>")
    m = measure(pg)
    assert m["scrollWidth"] == 500 and m["clientWidth"] == 390
    assert len(m["outside"]) == 1 and "breed" in m["outside"][0]
    assert m["overlaps"] == ['div.zl-kpi "a" / div.zl-kpi "b" (50x30 px)']
    pg.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_index_fits(browser, suite_url, size):
    pg = new_page(browser, size)
    pg.goto(f"{suite_url}/")
    expect(pg.locator("a.card").first).to_be_visible(timeout=T)
    assert_fits(pg, f"index at {size}", min_boxes=3)
    pg.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_scenario_explorer_fits_and_large_numbers_enlarge_the_cards(browser, suite_url, size):
    pg = new_page(browser, size)
    pg.goto(f"{suite_url}/scenario_explorer?n_clients=1000")
    value = pg.get_by_role("status", name="Uitgaven gemeente").locator(".zl-value")
    expect(value).to_be_visible(timeout=T)
    # On the projector the predict button and the spend/incentive tables were the ones past the edge / overlapping.
    expect(pg.get_by_text("Prikkel voor de aanbieder").first).to_be_attached(timeout=T)
    assert_fits(pg, f"explorer at {size}", min_boxes=30)
    normal = float(value.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))

    pg.get_by_role("button", name="Grote cijfers").click()
    expect(pg).to_have_url(re.compile(r"large_numbers=true"), timeout=T)
    pg.wait_for_function(f"""() => {{
        const find = (root) => {{ for (const el of root.querySelectorAll('*')) {{
            if (el.matches('.zl-value')) return el; if (el.shadowRoot) {{ const f = find(el.shadowRoot); if (f) return f; }} }}
            return null; }};
        const v = find(document); return v && parseFloat(getComputedStyle(v).fontSize) >= {normal} * 1.5; }}""",
                         timeout=T)
    assert_fits(pg, f"explorer with large numbers at {size}", min_boxes=30)

    # The shared link keeps the large numbers; the reveal button of predict mode still fits.
    shared = pg.context.new_page()
    shared.goto(pg.url)
    big = shared.get_by_role("status", name="Uitgaven gemeente").locator(".zl-value")
    expect(big).to_be_visible(timeout=T)
    expect(shared.get_by_role("button", name="Grote cijfers")).to_have_attribute("aria-pressed", "true", timeout=T)
    assert float(big.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 1.5 * normal
    shared.get_by_role("button", name="Voorspel-modus").click()
    shared.locator(".bk-input-group", has_text="Tarieven").get_by_role("slider").focus()
    shared.keyboard.press("ArrowRight")
    expect(shared.get_by_role("button", name="Onthul het effect")).to_be_visible(timeout=T)
    assert_fits(shared, f"explorer in predict mode at {size}", min_boxes=30)
    pg.context.close()


def test_scenario_explorer_other_tabs_fit_a_phone(browser, suite_url):
    pg = new_page(browser, "phone")
    pg.goto(f"{suite_url}/scenario_explorer?n_clients=1000")
    expect(pg.get_by_role("status", name="Uitgaven gemeente")).to_be_visible(timeout=T)
    for tab, shown in (("Aannames", pg.locator("td", has_text="Bonus per behaald resultaat")),
                       ("Effectencalculator", pg.get_by_role("heading", name=re.compile("^Effectenarena"))),
                       ("Vergelijken", pg.get_by_text(re.compile("^Nog geen bewaarde scenario")))):
        pg.get_by_role("button", name=tab, exact=True).click()
        expect(shown.first).to_be_visible(timeout=T)
        assert_fits(pg, f"explorer tab {tab} on a phone", min_boxes=10)
    pg.context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_intervision_join_page_and_participant_view_fit(browser, suite_url, size):
    pg = new_page(browser, size)
    pg.goto(f"{suite_url}/intervision")
    expect(pg.get_by_role("button", name="Nieuwe sessie (trainer)")).to_be_visible(timeout=T)
    assert_fits(pg, f"intervision join page at {size}", min_boxes=2)

    trainer = new_page(browser, "projector")
    trainer.goto(f"{suite_url}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.locator(".iv-code")).to_be_visible(timeout=T)
    code = trainer.locator(".iv-code").inner_text().strip()
    trainer.get_by_role("button", name="Open ronde 1").click()
    expect(trainer.get_by_text(re.compile("Ronde 1: .* — open"))).to_be_visible(timeout=T)
    if size == "projector":
        assert_fits(trainer, "intervision trainer console at 1024x768", min_boxes=5)

    pg.goto(f"{suite_url}/intervision?code={code}")
    pg.get_by_role("textbox", name="Schuilnaam").fill("Anna")
    pg.get_by_role("button", name="Doe mee").click()
    expect(pg.get_by_text("Welkom, Anna")).to_be_visible(timeout=T)
    expect(pg.get_by_role("button", name="Verstuur antwoord")).to_be_visible(timeout=T)
    assert_fits(pg, f"intervision participant at {size}", min_boxes=3)
    trainer.context.close()
    pg.context.close()
