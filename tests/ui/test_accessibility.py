"""WCAG 2.1 AA in real headless Chromium (issue 16): axe-core on every page and state a user reaches, keyboard-only
use of an intervision round and of the scenario explorer, ``<html lang>`` following the language switch, live
announcements, and text at 200 % on a phone.

axe runs the WCAG 2.0/2.1 A and AA rules; any serious or critical violation fails, and so do the moderate
landmark and heading rules the issue asks for (``MODERATE``). No rule is ever disabled here: a widget that lacks
a name gets one (zorglab.ui.page), so the check stays meaningful when Panel or Bokeh change.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.ui.a11y import describe, wcag_and_rule_violations
from tests.ui.conftest import ServedSuite
from zorglab.domain.catalogue import products
from zorglab.services.intervision import storage as iv_storage
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.stats import indicatie_reveal

T = 40_000  # ms; the whole suite runs in one server next to other work on 2 cores
MODERATE = ("region", "landmark-one-main", "page-has-heading-one", "heading-order")
DEEP_ACTIVE = """() => { let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; return a; }"""


@pytest.fixture(scope="module")
def suite(tmp_path_factory):
    """One served suite (index, explorer, intervision, lessons, game) for the whole module, as `make serve` runs it."""
    served = ServedSuite(tmp_path_factory.mktemp("a11y"))
    served.start()
    yield served
    served.kill()


@pytest.fixture
def base(suite):
    return suite.base


def new_page(browser, width=1400, height=1000):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def check(pg, state: str, seen: dict) -> None:
    """axe on the page as it is now: no serious/critical violation and none of the moderate landmark/heading rules."""
    pg.wait_for_timeout(700)  # let Bokeh finish the redraw (and the page support its fixes) before axe looks
    found = wcag_and_rule_violations(pg, MODERATE)
    seen[state] = found
    assert not found, f"{state}:\n{describe(found)}"


def lang_of(pg) -> str:
    return pg.evaluate("document.documentElement.lang")


def live_text(pg) -> str:
    """Everything the page's polite live regions hold now (what a screen reader announces)."""
    return pg.evaluate("""() => {
        const deep = (n) => n.nodeType === 3 ? n.textContent : n.nodeName === 'STYLE' ? '' : [...(n.shadowRoot ? n.shadowRoot.childNodes : []),
                                                                  ...n.childNodes].map(deep).join(' ');
        const out = []; const walk = (r) => { r.querySelectorAll('*').forEach((e) => {
          if (e.getAttribute('aria-live') === 'polite') out.push(deep(e).replace(/\\s+/g, ' ').trim());
          if (e.shadowRoot) walk(e.shadowRoot); }); }; walk(document); return out.join(' | '); }""")


def start_session(browser, base: str):
    trainer = new_page(browser)
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    return trainer, trainer.locator(".iv-code").inner_text().strip()


# ---------------------------------------------------------------------------------------------------- axe


def test_index_and_lessons_pass_axe(browser, base):
    seen: dict = {}
    pg = new_page(browser)
    pg.goto(f"{base}/")
    expect(pg.get_by_role("link", name=re.compile("Toegankelijkheid"))).to_be_visible(timeout=T)
    check(pg, "index", seen)
    for link, words in (("Toegankelijkheidsverklaring", "axe-core **4.12.1**"), ("Accessibility statement", "WCAG 2.1")):
        href = pg.get_by_role("link", name=link).get_attribute("href")
        statement = pg.request.get(f"{base}/{href.removeprefix('./')}")
        assert statement.ok and words in statement.text()  # the statement is served, in both languages
    pg.goto(f"{base}/lessons")
    expect(pg.get_by_role("heading", name="Lessen", exact=True)).to_be_visible(timeout=T)
    check(pg, "lessons list", seen)
    assert lang_of(pg) == "nl"
    for number in (1, 2, 3, 4, 5):
        pg.goto(f"{base}/lessons?les={number}")
        expect(pg.get_by_role("button", name="Controleer").first).to_be_visible(timeout=T)
        check(pg, f"lesson {number}", seen)
    pg.goto(f"{base}/lessons?les=1&lang=en")
    expect(pg.get_by_role("button", name="Check").first).to_be_visible(timeout=T)
    assert lang_of(pg) == "en"
    check(pg, "lesson 1 (en)", seen)
    assert len(seen) == 8


def test_scenario_explorer_every_tab_both_languages_and_predict_mode_pass_axe(browser, base):
    seen: dict = {}
    pg = new_page(browser)
    pg.goto(f"{base}/scenario_explorer?n_clients=2000")
    expect(pg.get_by_role("button", name="Vergelijken")).to_be_visible(timeout=T)
    assert lang_of(pg) == "nl"
    check(pg, "explorer: scenario", seen)
    for tab in ("Vergelijken", "Effectencalculator", "Aannames", "Modelreferentie", "Scenario"):
        pg.get_by_role("button", name=tab, exact=True).click()
        expect(pg.get_by_role("button", name=tab, exact=True)).to_have_attribute("aria-pressed", "true", timeout=T)
        check(pg, f"explorer: {tab}", seen)
    pg.get_by_role("button", name="Voorspel-modus").click()
    pg.get_by_role("slider", name=re.compile(r"^Tarieven")).focus()
    pg.keyboard.press("ArrowLeft")  # a change in predict mode: hidden until the trainer reveals it
    expect(pg.get_by_role("button", name="Onthul het effect")).to_be_visible(timeout=T)
    check(pg, "explorer: predict mode", seen)
    pg.get_by_role("button", name="Onthul het effect").click()
    expect(pg.get_by_role("button", name="Onthul het effect")).to_be_hidden(timeout=T)
    check(pg, "explorer: revealed", seen)

    pg.get_by_role("button", name="English").click()
    expect(pg.get_by_role("button", name="Compare")).to_be_visible(timeout=2 * T)
    expect(pg.locator("html")).to_have_attribute("lang", "en", timeout=T)  # a screen reader now speaks English
    check(pg, "explorer (en): scenario", seen)
    for tab in ("Compare", "Effect calculator", "Assumptions", "Model reference"):
        pg.get_by_role("button", name=tab, exact=True).click()
        expect(pg.get_by_role("button", name=tab, exact=True)).to_have_attribute("aria-pressed", "true", timeout=T)
        check(pg, f"explorer (en): {tab}", seen)
    pg.get_by_role("button", name="Nederlands").click()
    expect(pg.locator("html")).to_have_attribute("lang", "nl", timeout=2 * T)
    assert len(seen) == 13


def test_intervision_every_state_passes_axe(browser, base):
    seen: dict = {}
    start = new_page(browser, 420, 900)
    start.goto(f"{base}/intervision")
    expect(start.get_by_role("button", name="Meedoen als deelnemer")).to_be_visible(timeout=T)
    check(start, "start page", seen)
    start.get_by_role("button", name="Meedoen als deelnemer").click()
    expect(start.get_by_role("textbox", name="Schuilnaam")).to_be_visible(timeout=T)
    check(start, "join form", seen)

    trainer = new_page(browser)
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    expect(trainer.get_by_role("button", name="Sessie starten")).to_be_visible(timeout=T)
    check(trainer, "trainer: new session form", seen)
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    code = trainer.locator(".iv-code").inner_text().strip()
    check(trainer, "trainer console", seen)

    pa = new_page(browser, 420, 900)
    pa.goto(f"{base}/intervision?code={code}")
    pa.get_by_role("textbox", name="Schuilnaam").fill("Anna")
    pa.get_by_role("button", name="Doe mee").click()
    expect(pa.get_by_text("Welkom, Anna")).to_be_visible(timeout=T)
    check(pa, "participant: waiting", seen)
    rounds = trainer.get_by_role("button", name=re.compile(r"^Open ronde \d$")).count()
    assert rounds == 4  # indicatie (old and harmonised catalogue), MDO, effectenarena
    for i in range(1, rounds + 1):
        trainer.get_by_role("button", name=f"Open ronde {i}").click()
        submit = pa.get_by_role("button", name="Verstuur antwoord")
        expect(submit).to_be_visible(timeout=T)
        kind = pa.get_by_text(re.compile(rf"^Ronde {i}: ")).first.inner_text()
        check(pa, f"participant: {kind}", seen)
        submit.click()
        expect(pa.get_by_text("opgeslagen", exact=False).first).to_be_visible(timeout=T)
        check(pa, f"participant: round {i} answer saved", seen)
        trainer.get_by_role("button", name=f"Onthul ronde {i}").click()
        expect(pa.get_by_text(re.compile(r"^De trainer heeft de resultaten onthuld"))).to_be_visible(timeout=T)
        check(pa, f"participant: round {i} revealed", seen)
        expect(trainer.get_by_text(f"Resultaten ronde {i}").first).to_be_visible(timeout=T)
    check(trainer, "trainer console with all reveals", seen)
    trainer.get_by_role("button", name="Presentatie (volledig scherm)").click()
    expect(trainer.get_by_role("button", name="Terug naar de console")).to_be_visible(timeout=T)
    check(trainer, "trainer presenter view", seen)
    trainer.get_by_role("button", name="Terug naar de console").click()
    trainer.get_by_role("button", name="English").click()
    expect(trainer.get_by_text("Results round 1").first).to_be_visible(timeout=T)
    expect(trainer.locator("html")).to_have_attribute("lang", "en", timeout=T)
    check(trainer, "trainer console (en)", seen)
    assert len(seen) == 20


def test_open_pages_stay_still_while_the_room_polls(browser, base):
    """Nothing moves on an open page while nothing happens (WCAG 2.2.2: no motion the user did not ask for): not on
    the trainer's console, which looks at the database every second while the room joins, and not on a waiting
    phone. The template's busy spinner followed every poll (Panel keeps one busy flag per server process), so each
    look re-styled the page: an idle console cost Chromium 9 % of a core (holoviz/panel#6481)."""
    trainer, code = start_session(browser, base)
    phones = []
    for name in ("Stil", "Wacht"):
        pg = new_page(browser, 420, 900)
        pg.goto(f"{base}/intervision?code={code}")
        pg.get_by_role("textbox", name="Schuilnaam").fill(name)
        pg.get_by_role("button", name="Doe mee").click()
        expect(pg.get_by_text(f"Welkom, {name}")).to_be_visible(timeout=T)
        phones.append(pg)
    expect(trainer.get_by_text("Deelnemers (2)")).to_be_visible(timeout=T)
    record = ("() => { window.__zlChanges = []; for (const d of Bokeh.documents) d.on_change((e) => "
              "window.__zlChanges.push(`${e.model ? e.model.type : '?'}.${e.attr || ''}`)); }")
    for pg in (trainer, *phones):
        pg.evaluate(record)  # BokehJS's public document API: every model change the server sends to the page
    trainer.wait_for_timeout(3000)  # 3 looks of the console, 1-2 of each phone
    for who, pg in (("trainer", trainer), ("phone", phones[0])):
        changes = pg.evaluate("window.__zlChanges")
        assert changes == [], f"{who}: {len(changes)} changes in 3 s on an idle page, e.g. {changes[:3]}"


# ---------------------------------------------------------------------------------------------------- keyboard


def focused_is(pg, locator) -> bool:
    return locator.evaluate(f"(el) => el === ({DEEP_ACTIVE})()")


def focus_ring(pg) -> str:
    """The focused element's outline (or 'none'): focus must always be visible."""
    return pg.evaluate(f"""() => {{ const a = ({DEEP_ACTIVE})(); if (!a || a === document.body) return 'body';
        const s = getComputedStyle(a); return s.outlineStyle === 'none' || parseFloat(s.outlineWidth) < 2
        ? 'none' : s.outlineStyle + ' ' + s.outlineWidth; }}""")


def tab_to(pg, locator, key: str = "Tab", limit: int = 80) -> int:
    """Press Tab (or Shift+Tab) until ``locator`` has the focus; every stop on the way shows a focus ring."""
    for step in range(1, limit + 1):
        pg.keyboard.press(key)
        ring = focus_ring(pg)
        assert ring != "none", f"focus not visible at {key} step {step}"
        if focused_is(pg, locator):
            return step
    raise AssertionError(f"{locator} not reached with {limit} x {key}: a keyboard trap or a missing tab stop")


def test_keyboard_only_intervision_round_with_live_announcements(browser, base, suite, monkeypatch):
    trainer, code = start_session(browser, base)
    pg = new_page(browser, 420, 900)
    pg.goto(f"{base}/intervision?code={code}")
    name = pg.get_by_role("textbox", name="Schuilnaam")
    expect(name).to_be_visible(timeout=T)
    tab_to(pg, name)
    pg.keyboard.type("Toetsenbord")
    join = pg.get_by_role("button", name="Doe mee")
    tab_to(pg, join)
    tab_to(pg, name, key="Shift+Tab")  # back and forth: no trap
    tab_to(pg, join)
    pg.keyboard.press("Enter")
    expect(pg.get_by_text("Welkom, Toetsenbord")).to_be_visible(timeout=T)

    trainer.get_by_role("button", name="Open ronde 1").click()
    submit = pg.get_by_role("button", name="Verstuur antwoord")
    expect(submit).to_be_visible(timeout=T)
    _wait_for_live(pg, "Nieuwe ronde geopend: ronde 1")
    product = pg.get_by_role("combobox", name="Product")
    tab_to(pg, product)
    before = product.input_value()
    pg.keyboard.press("ArrowDown")  # the first product -> the second
    expect(product).not_to_have_value(before, timeout=T)
    tab_to(pg, submit)
    pg.keyboard.press("Space")
    expect(pg.get_by_text("Antwoord voor RIV-01 opgeslagen").first).to_be_visible(timeout=T)
    _wait_for_live(pg, "opgeslagen")

    trainer.get_by_role("button", name="Onthul ronde 1").click()
    _wait_for_live(pg, "De resultaten van ronde 1 zijn bekend")
    expect(pg.get_by_text(re.compile(r"^De trainer heeft de resultaten onthuld"))).to_be_visible(timeout=T)
    english = pg.get_by_role("button", name="English")
    tab_to(pg, english, key="Shift+Tab")
    pg.keyboard.press("Enter")
    expect(pg.locator("html")).to_have_attribute("lang", "en", timeout=T)
    expect(pg.get_by_text(re.compile(r"^The trainer revealed the results"))).to_be_visible(timeout=T)
    monkeypatch.setenv("ZORGLAB_DB_URL", suite.db_url)  # read what the served suite stored
    iv_storage._STORES.clear()
    try:
        svc = IntervisionService()
        rev = indicatie_reveal(svc.answers_frame(svc.session_for_code(code).session_id))
        assert list(rev.ratings["product"]) == [products()["code"].iloc[1]]  # the arrow key's choice was stored
    finally:
        iv_storage._STORES.clear()


def _wait_for_live(pg, words: str) -> None:
    """Wait until a polite live region says ``words`` (what a screen reader would announce)."""
    for _ in range(int(T / 250)):
        if words in live_text(pg):
            return
        pg.wait_for_timeout(250)
    raise AssertionError(f"not announced: {words!r}; live regions hold {live_text(pg)!r}")


def test_keyboard_only_scenario_change_in_the_explorer(browser, base):
    pg = new_page(browser)
    pg.goto(f"{base}/scenario_explorer?n_clients=2000")
    slider = pg.get_by_role("slider", name=re.compile(r"^Tarieven"))
    expect(slider).to_be_visible(timeout=T)
    tab_to(pg, slider)
    before = slider.get_attribute("aria-valuetext")
    for _ in range(3):
        pg.keyboard.press("ArrowRight")
    expect(slider).not_to_have_attribute("aria-valuetext", before, timeout=T)  # the value a screen reader hears
    expect(pg).to_have_url(re.compile(r"tariff_factor="), timeout=T)  # the scenario changed (and the link holds it)
    compare = pg.get_by_role("button", name="Vergelijken")
    tab_to(pg, compare)
    pg.keyboard.press("Enter")
    expect(compare).to_have_attribute("aria-pressed", "true", timeout=T)
    tab_to(pg, pg.get_by_role("button", name="Scenario", exact=True), key="Shift+Tab")  # and back: no trap


# ---------------------------------------------------------------------------------------------------- phones


@pytest.mark.parametrize("path", ["/intervision", "/lessons", "/", "/scenario_explorer"])
def test_text_at_200_percent_on_a_390px_phone_needs_no_sideways_scrolling(browser, base, path):
    """200 % text on a 390 px phone lays the page out at 195 CSS pixels: nothing may stick out to the right."""
    ctx = browser.new_context(viewport={"width": 195, "height": 422}, device_scale_factor=4, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    pg.goto(f"{base}{path}")
    expect(pg.locator("h1").first).to_be_visible(timeout=T)
    pg.wait_for_timeout(1500)
    overflow = pg.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path}: {overflow}px sideways scroll at 200 % text"
    ctx.close()


def test_purchasing_game_start_join_and_new_game_pages_pass_axe(browser, base):
    seen: dict = {}
    pg = new_page(browser, 420, 900)
    pg.goto(f"{base}/purchasing_game")
    expect(pg.get_by_role("button", name="Meedoen met een team")).to_be_visible(timeout=T)
    check(pg, "game: start page", seen)
    pg.get_by_role("button", name="Meedoen met een team").click()
    pg.wait_for_timeout(1500)
    check(pg, "game: join form", seen)
    trainer = new_page(browser)
    trainer.goto(f"{base}/purchasing_game")
    trainer.get_by_role("button", name="Nieuw spel (trainer)").click()
    trainer.wait_for_timeout(1500)
    check(trainer, "game: new game form", seen)
    assert len(seen) == 3
