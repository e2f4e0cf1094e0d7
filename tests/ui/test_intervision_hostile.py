"""Hostile input in real headless Chromium: a shared link or a participant's text never runs as script.

A dialog listener catches any ``alert`` the page would run; the payloads are shown as plain text.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

from zorglab.core.paths import apps_dir

T = 20_000
PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', 'zie [klik](javascript:alert(3))']


@pytest.fixture
def explorer_url(serve):
    return serve({"scenario_explorer": str(apps_dir() / "scenario_explorer.py")}) + "/scenario_explorer"


@pytest.mark.parametrize(("parameter", "payloads"), [("funding_model", PAYLOADS), ("region", PAYLOADS[:1])])
def test_tampered_link_shows_the_value_as_text_and_runs_nothing(page, explorer_url, parameter, payloads):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for payload in payloads:
        page.goto(f"{explorer_url}?n_clients=2000&{parameter}={urllib.parse.quote(payload)}")
        notice = page.locator(".alert", has_text="in de link was")
        expect(notice).to_be_visible(timeout=T)
        expect(notice).to_contain_text(payload[:40])  # the raw value, shown as text ...
        assert notice.locator("img, script, a").count() == 0  # ... never as an element
        page.wait_for_timeout(300)
    assert dialogs == []


def test_participant_text_is_shown_not_run_and_the_phone_header_fits(browser, iv_server):
    from zorglab.services.intervision.service import IntervisionService

    base = iv_server()
    svc = IntervisionService()
    created = svc.create_session("<img src=x onerror=alert(9)> [sessie](javascript:alert(8))", ["RIV-01"],
                                 ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    for i, payload in enumerate(PAYLOADS[1:]):  # an earlier participant, joined through the service
        svc.submit(svc.join(created.code, f"x{i}{payload}"[:30]).token, rid, "RIV-01",
                   {"lines": [{"product": "WMO_HH1", "units_per_week": 2, "weeks": 52}], "rationale": payload})
    dialogs: list[str] = []
    phone = browser.new_context(viewport={"width": 390, "height": 800}).new_page()
    phone.set_default_timeout(T)
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    phone.goto(f"{base}/intervision?code={created.code}")
    phone.get_by_role("textbox", name="Schuilnaam").fill("<img src=x onerror=alert(5)>"[:30])
    phone.get_by_role("button", name="Doe mee").click()
    expect(phone.get_by_text("Welkom, <img src=x onerror=alert(5)>")).to_be_visible(timeout=T)
    phone.get_by_role("textbox", name="Toelichting").fill(PAYLOADS[0])
    phone.get_by_role("button", name="Verstuur antwoord").click()
    expect(phone.get_by_text("opgeslagen")).to_be_visible(timeout=T)

    # point 10: on a 390 px phone the language buttons sit beside or below the title, never on it
    title = phone.get_by_role("heading", name="Intervisie live").bounding_box()
    for label in ("Nederlands", "English"):
        b = phone.get_by_role("button", name=label).bounding_box()
        overlap_x = min(title["x"] + title["width"], b["x"] + b["width"]) - max(title["x"], b["x"])
        overlap_y = min(title["y"] + title["height"], b["y"] + b["height"]) - max(title["y"], b["y"])
        assert overlap_x <= 0 or overlap_y <= 0, f"'{label}' covers the title"
        assert b["x"] + b["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    svc.set_round(created.trainer_secret, created.session_id, rid, "reveal")
    trainer = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    trainer.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    trainer.goto(f"{base}/intervision?trainer={created.trainer_secret}")
    # the saved link is exchanged for the console cookie (a hop through /intervision_console): wait for the end
    expect(trainer).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)
    expect(trainer.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)
    for payload in PAYLOADS:
        expect(trainer.locator(".iv-rationales").get_by_text(payload, exact=True)).to_be_visible(timeout=T)
    expect(phone.get_by_text("Resultaten ronde 1")).to_be_visible(timeout=T)  # results on the phone too
    expect(phone.locator(".iv-rationales").get_by_text(PAYLOADS[1], exact=True)).to_be_visible()
    trainer.wait_for_timeout(500)
    assert dialogs == []
    assert trainer.locator(".iv-rationales img, .iv-participants img, .iv-rationales a").count() == 0
