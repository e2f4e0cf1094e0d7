"""Issue 10 in real headless Chromium: the trainer console survives a reload and a restart (HttpOnly cookie,
no secret in the address bar, on screen or readable by page scripts). A lost connection (kill -9) is tested
in test_intervision_scale.py, the phone header with hostile text in test_intervision_hostile.py."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from zorglab.services.intervision.web import CONSOLE_COOKIE

T = 20_000


def new_page(browser, width=420, height=900):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def start_session(trainer, base) -> str:
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    return trainer.locator(".iv-code").inner_text().strip()


def test_trainer_console_survives_reload_and_restart_without_showing_the_secret(browser, iv_server):
    base = iv_server()
    trainer = new_page(browser, 1400, 1000)
    code = start_session(trainer, base)
    cookie = {c["name"]: c for c in trainer.context.cookies()}[CONSOLE_COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    token = cookie["value"]
    assert token not in trainer.evaluate("document.cookie")  # page scripts cannot read it ...
    assert token not in trainer.content()  # ... nor find it in the page (session token, HTML)
    expect(trainer).not_to_have_url(re.compile("console=|ticket=|trainer=|hop="), timeout=T)
    assert "trainer=" not in trainer.locator("body").inner_text()  # no resume link on the projected screen

    trainer.reload()  # F5
    expect(trainer.locator(".iv-code")).to_have_text(code, timeout=T)
    expect(trainer.get_by_role("button", name="Open ronde 1")).to_be_visible()
    expect(trainer).not_to_have_url(re.compile("console=|ticket=|trainer=|hop="), timeout=T)

    base = iv_server()  # a restart (new process state, same database)
    trainer.goto(f"{base}/intervision")
    expect(trainer.locator(".iv-code")).to_have_text(code, timeout=T)

    bad = new_page(browser)
    bad.goto(f"{base}/intervision?trainer=dit-is-geen-geheim")
    expect(bad.get_by_text("Deze trainerlink is ongeldig of verlopen")).to_be_visible(timeout=T)
    expect(bad).not_to_have_url(re.compile("trainer="), timeout=T)

    trainer.get_by_role("button", name="Afmelden als trainer").click()
    expect(trainer.get_by_role("button", name="Nieuwe sessie (trainer)")).to_be_visible(timeout=T)
    assert CONSOLE_COOKIE not in {c["name"] for c in trainer.context.cookies()}
