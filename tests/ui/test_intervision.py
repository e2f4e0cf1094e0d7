"""The served intervision app in real headless Chromium, one behaviour per test: starting a session,
answering (and changing an answer), a duplicate pseudonym, a server restart in the middle, the reveal (counts
and kappa computed by the library, escaped free text) and the language switch. Pages are found by role, label
and text; what a test does not look at is set up through the service, on the served database.

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
NO_SECRET = re.compile("trainer=|console=|ticket=|hop=")


@pytest.fixture
def server(iv_server):
    return iv_server


def new_page(browser, width=420, height=900):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def join(pg, base, code, name):
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


def open_session(title="Intervisie"):
    """A session with one open indicatie round (old catalogue), made through the service on the served database."""
    svc = IntervisionService()
    created = svc.create_session(title, ["RIV-01", "RIV-02"], ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    return svc, created, rid


def console(browser, base, secret):
    """The trainer console opened with a saved trainer link (exchanged for the console cookie)."""
    trainer = new_page(browser, 1400, 1000)
    trainer.goto(f"{base}/intervision?trainer={secret}")
    expect(trainer).not_to_have_url(NO_SECRET, timeout=T)
    expect(trainer.get_by_role("button", name="Onthul ronde 1")).to_be_visible(timeout=T)
    return trainer


def indicatie(product="WMO_BEG_IND", rationale=""):
    return {"lines": [{"product": product, "units_per_week": 2.0, "weeks": 52}], "rationale": rationale}


def test_trainer_starts_a_session_with_code_link_and_qr_code(browser, server):
    base = server()
    trainer = new_page(browser, 1400, 1000)
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    code = trainer.get_by_label("Sessiecode").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    expect(trainer.get_by_text(f"intervision?code={code}")).to_be_visible()
    expect(trainer.get_by_role("img", name=re.compile(f"QR-code: .*code={code}"))).to_be_attached()
    expect(trainer).not_to_have_url(NO_SECRET, timeout=T)  # no secret in the projected address bar
    trainer.get_by_role("button", name="Open ronde 1").click()
    expect(trainer.get_by_text(re.compile("Ronde 1: .* — open"))).to_be_visible(timeout=T)


def test_an_answer_is_confirmed_and_a_second_one_updates_it(browser, server):
    base = server()
    svc, created, rid = open_session()
    trainer = console(browser, base, created.trainer_secret)
    p1, p2 = new_page(browser), new_page(browser)
    join(p1, base, created.code, "Anna")
    join(p2, base, created.code, "Bram")
    answer(p1)
    expect(p1.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    answer(p2, rationale="eerste gedachte")
    expect(p2.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    answer(p2, rationale="beter idee")  # a change of mind: updated, counted once
    expect(p2.get_by_text("bijgewerkt (versie 2)")).to_be_visible(timeout=T)
    expect(trainer.get_by_text("2 van 2 deelnemers hebben geantwoord (2 antwoorden)")).to_be_visible(timeout=T)
    df = svc.answers_frame(created.session_id)
    assert sorted(df["participant"]) == [1, 2] and list(df["rationale"]) == ["", "beter idee"]


def test_a_duplicate_pseudonym_is_refused_and_the_form_keeps_the_input(browser, server):
    base = server()
    svc, created, _ = open_session()
    svc.join(created.code, "Anna")
    pg = new_page(browser)
    pg.goto(f"{base}/intervision?code={created.code}")
    pg.get_by_role("textbox", name="Schuilnaam").fill("anna")
    pg.get_by_role("button", name="Doe mee").click()
    expect(pg.get_by_text("is al in gebruik")).to_be_visible(timeout=T)
    expect(pg.get_by_role("textbox", name="Schuilnaam")).to_have_value("anna")


def test_after_a_server_restart_pages_resume_and_nothing_is_lost(browser, server):
    base = server()
    svc, created, rid = open_session()
    trainer = console(browser, base, created.trainer_secret)
    anna = new_page(browser)
    join(anna, base, created.code, "Anna")
    answer(anna)
    expect(anna.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    anna_url = anna.url

    base = server()  # a new server on the same database; participants reload their links
    chris = new_page(browser)
    join(chris, base, created.code, "Chris")
    hh1 = products().set_index("code").loc["WMO_HH1"]
    answer(chris, product_label=f"{hh1['name_nl']} ({format_eur(hh1['tariff_eur'])} / {hh1['unit']})")
    expect(chris.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
    anna.goto(re.sub(r"^http://[^/]+", base, anna_url))  # resume with the token in the link
    expect(anna.get_by_text("Welkom, Anna")).to_be_visible(timeout=T)
    trainer.goto(f"{base}/intervision")  # the console cookie brings the trainer back after the restart
    expect(trainer.get_by_text("Deelnemers (2)")).to_be_visible(timeout=T)
    expect(trainer.get_by_text("2 van 2 deelnemers hebben geantwoord (2 antwoorden)")).to_be_visible(timeout=T)
    expect(trainer).not_to_have_url(NO_SECRET, timeout=T)
    df = IntervisionService().answers_frame(created.session_id).set_index("participant")
    assert sorted(df.index) == [1, 2] and df.loc[2, "payload"]["lines"][0]["product"] == "WMO_HH1"


def test_the_reveal_shows_agreement_and_rationales_as_text_never_beside_a_name(browser, server):
    base = server()
    svc, created, rid = open_session()
    for name, product, why in (("Anna", "WMO_BEG_IND", ""), ("Bram", "WMO_BEG_IND", SCRIPT), ("Chris", "WMO_HH1", "")):
        svc.submit(svc.join(created.code, name).token, rid, "RIV-01", indicatie(product, why))
    phone = new_page(browser)
    join(phone, base, created.code, "Dirk")
    expect(phone.get_by_role("button", name="Verstuur antwoord")).to_be_visible(timeout=T)
    trainer = console(browser, base, created.trainer_secret)
    trainer.get_by_role("button", name="Onthul ronde 1").click()
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    # hand-checkable: 2 of 3 chose WMO_BEG_IND for the one case; the figures are the library's on the same answers
    rev = indicatie_reveal(svc.answers_frame(created.session_id))
    assert rev.counts.loc["RIV-01"].max() == 2
    kappa = trainer.get_by_text(re.compile("Gekozen producten: overeenstemming"))
    expect(kappa).to_contain_text(format_pct(rev.summary["pct_agreement"]))
    expect(kappa).to_contain_text(f"Fleiss' kappa {format_number(rev.summary['fleiss_kappa'], 2)}")
    rationale = trainer.get_by_role("listitem").filter(has_text=SCRIPT)
    expect(rationale).to_have_text(SCRIPT)  # shown as text, never run, and no name beside it
    assert trainer.locator("script", has_text='alert("x")').count() == 0
    expect(trainer.get_by_role("listitem").filter(has_text="Bram")).to_contain_text("(1)")  # in the list of names
    expect(phone.get_by_text("heeft de resultaten onthuld")).to_be_visible(timeout=T)
    expect(phone.get_by_role("button", name="Verstuur antwoord")).to_have_count(0, timeout=T)  # closed for them


def test_the_console_switches_language_and_back(browser, server, tmp_path):
    base = server()
    svc, created, rid = open_session("Zaal 3")
    for name, product in (("Anna", "WMO_BEG_IND"), ("Bram", "WMO_BEG_IND"), ("Chris", "WMO_HH1")):
        svc.submit(svc.join(created.code, name).token, rid, "RIV-01", indicatie(product, f"{name} koos dit"))
    svc.set_round(created.trainer_secret, created.session_id, rid, "reveal")
    trainer = console(browser, base, created.trainer_secret)
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    trainer.get_by_role("button", name="English").click()
    expect(trainer.get_by_text("Results round 1")).to_be_visible(timeout=T)
    expect(trainer.get_by_role("button", name="Reveal round 1")).to_be_visible()
    expect(trainer.get_by_text("3 of 3 participants answered (3 answers)")).to_be_visible()
    trainer.get_by_role("button", name="Nederlands").click()
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    shot = DOCS / "intervision.png" if os.environ.get("ZORGLAB_UPDATE_SCREENSHOTS") else tmp_path / "shot.png"
    trainer.set_viewport_size({"width": 1400, "height": 1850})  # code, QR, participants and the reveal at once
    expect(trainer.get_by_text(re.compile("Gekozen producten: overeenstemming"))).to_be_in_viewport(timeout=T)
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
