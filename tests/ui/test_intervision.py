"""The served intervision app in real headless Chromium: a trainer and three participants in separate
browser contexts; join, submit, a server restart in the middle, reveal with counts and kappa computed by
the library, escaped free text, duplicate pseudonym and double submission. Found by role and text.

Set ZORGLAB_UPDATE_SCREENSHOTS=1 to refresh docs/intervision.png (the README picture).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.paths import apps_dir
from zorglab.domain.catalogue import products
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.stats import indicatie_reveal

APP = apps_dir() / "intervision.py"
DOCS = Path(__file__).resolve().parents[2] / "docs"
T = 20_000
SCRIPT = '<script>alert("x")</script>'


@pytest.fixture
def server(iv_server):
    return iv_server


def new_page(browser, width=420, height=900):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def join(pg, base, code, name, product_label=None, rationale=""):
    pg.goto(f"{base}/intervision?code={code}")
    pg.get_by_role("textbox", name="Schuilnaam").fill(name)
    pg.get_by_role("button", name="Doe mee").click()
    expect(pg.get_by_text(f"Welkom, {name}")).to_be_visible(timeout=T)


def answer(pg, product_label=None, rationale=""):
    expect(pg.get_by_text("Ronde 1: Indicatie")).to_be_visible(timeout=T)
    if product_label:
        pg.get_by_role("combobox", name="Product").select_option(label=product_label)
    if rationale:
        pg.get_by_role("textbox", name="Toelichting").fill(rationale)
        pg.get_by_role("textbox", name="Toelichting").press("Enter")
    pg.get_by_role("button", name="Verstuur antwoord").click()


def test_trainer_three_participants_restart_and_reveal(browser, server, tmp_path):
    base = server()
    trainer = new_page(browser, 1400, 1000)
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    code = trainer.locator(".iv-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    expect(trainer.get_by_text(f"intervision?code={code}")).to_be_visible()
    expect(trainer.locator("svg path").first).to_be_attached()  # the QR code
    trainer.get_by_role("button", name="Open ronde 1").click()
    expect(trainer.get_by_text(re.compile("Ronde 1: .* — open"))).to_be_visible(timeout=T)

    p1, p2, p3 = (new_page(browser) for _ in range(3))
    join(p1, base, code, "Anna")
    join(p2, base, code, "Bram")
    answer(p1)
    expect(p1.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    answer(p2, rationale=SCRIPT)
    expect(p2.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    answer(p2, rationale=SCRIPT)  # double submission: updated, counted once
    expect(p2.get_by_text("bijgewerkt (versie 2)")).to_be_visible(timeout=T)

    # duplicate pseudonym: clear message, the form keeps the input
    p3.goto(f"{base}/intervision?code={code}")
    p3.get_by_role("textbox", name="Schuilnaam").fill("anna")
    p3.get_by_role("button", name="Doe mee").click()
    expect(p3.get_by_text("is al in gebruik")).to_be_visible(timeout=T)
    expect(p3.get_by_role("textbox", name="Schuilnaam")).to_have_value("anna")

    # server restart in the middle: a new server on the same database, participants reload their links
    expect(trainer).not_to_have_url(re.compile("trainer=|console=|ticket="), timeout=T)  # no secret in the bar
    p1_url = p1.url
    base = server()
    p3.get_by_role("textbox", name="Schuilnaam")  # p3 still has the old page; it rejoins on the new server
    join(p3, base, code, "Chris")
    hh1 = products().set_index("code").loc["WMO_HH1"]
    answer(p3, product_label=f"{hh1['name_nl']} ({format_eur(hh1['tariff_eur'])} / {hh1['unit']})")
    expect(p3.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    p1.goto(re.sub(r"^http://[^/]+", base, p1_url))  # resume with the token in the link
    expect(p1.get_by_text("Welkom, Anna")).to_be_visible(timeout=T)
    trainer.goto(f"{base}/intervision")  # the console cookie brings the trainer back after the restart
    expect(trainer.get_by_text("Deelnemers (3)")).to_be_visible(timeout=T)
    expect(trainer.get_by_text("3 van 3 deelnemers hebben geantwoord (3 antwoorden)")).to_be_visible(timeout=T)

    trainer.get_by_role("button", name="Onthul ronde 1").click()
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    expect(p1.get_by_text("heeft de resultaten onthuld")).to_be_visible(timeout=T)
    svc = IntervisionService()
    expect(trainer).not_to_have_url(re.compile("trainer=|console="), timeout=T)  # nothing secret in the bar
    info = svc.session_for_code(code)
    df = svc.answers_frame(info.session_id)
    assert len(df) == 3 and sorted(df["participant"]) == [1, 2, 3]  # nothing lost, nothing doubled
    rev = indicatie_reveal(df)
    kappa = trainer.locator(".iv-kappa").first
    expect(kappa).to_contain_text(format_pct(rev.summary["pct_agreement"]))
    expect(kappa).to_contain_text(f"Fleiss' kappa {format_number(rev.summary['fleiss_kappa'], 2)}")
    expect(trainer.get_by_text(SCRIPT, exact=True)).to_be_visible()  # shown as text, never run
    assert trainer.locator("script", has_text='alert("x")').count() == 0
    expect(trainer.get_by_text("Bram", exact=True)).to_be_visible()  # pseudonym in the list ...
    expect(trainer.locator(".iv-rationales")).not_to_contain_text("Bram")  # ... never next to an answer

    answer_closed = p3.get_by_role("button", name="Verstuur antwoord")
    expect(answer_closed).to_have_count(0, timeout=T)  # the round is closed for participants

    trainer.get_by_role("button", name="English").click()
    expect(trainer.get_by_text("Results round 1")).to_be_visible(timeout=T)
    shot = DOCS / "intervision.png" if os.environ.get("ZORGLAB_UPDATE_SCREENSHOTS") else tmp_path / "shot.png"
    trainer.get_by_role("button", name="Nederlands").click()
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    trainer.set_viewport_size({"width": 1400, "height": 1850})  # code, QR, participants and the reveal at once
    expect(trainer.locator(".iv-kappa").first).to_be_in_viewport(timeout=T)
    trainer.wait_for_timeout(500)  # let the plots finish drawing
    trainer.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_wrong_code_is_refused_with_a_clear_message(browser, server):
    base = server()
    pg = new_page(browser)
    pg.goto(f"{base}/intervision?code=AAAAAA")
    pg.get_by_role("textbox", name="Schuilnaam").fill("Dirk")
    pg.get_by_role("button", name="Doe mee").click()
    expect(pg.get_by_text("Onbekende sessiecode 'AAAAAA'")).to_be_visible(timeout=T)


def test_start_page_fits_a_phone(browser, server):
    base = server()
    pg = new_page(browser, 390, 700)
    pg.goto(f"{base}/intervision")
    join, host = pg.get_by_role("button", name="Meedoen als deelnemer"), pg.get_by_role("button", name="Nieuwe sessie (trainer)")
    expect(join).to_be_visible(timeout=T)
    for button in (join, host):
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # both choices fully on screen (they wrap)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
