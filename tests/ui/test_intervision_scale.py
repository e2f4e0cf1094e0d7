"""A served room on PostgreSQL with two server processes (`python -m zorglab.serve --procs 2`), killed with
kill -9 mid-round and started again: the trainer console (cookie, one-time tickets across processes), open
pages that show the lost connection and recover by themselves with what was typed, and a database that holds
exactly what was acknowledged. Without a PostgreSQL server (no Debian package) it runs on SQLite instead."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.test_postgres import postgres_server
from zorglab.domain.catalogue import products
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage

pytestmark = pytest.mark.xdist_group("postgres")
T = 30_000


def _database_url() -> str | None:
    try:
        return postgres_server().new_database()
    except pytest.skip.Exception:  # no PostgreSQL here: the same room on SQLite still tests the rest
        return None


def test_two_processes_one_database_kill_minus_nine_mid_round(browser, served_suite):
    suite = served_suite(_database_url())
    base = suite.start(procs=2)
    trainer = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    trainer.set_default_timeout(T)
    trainer.goto(f"{base}/intervision")
    trainer.get_by_role("button", name="Nieuwe sessie (trainer)").click()
    trainer.get_by_role("button", name="Sessie starten").click()
    expect(trainer.get_by_text("Deelnemers (0)")).to_be_visible(timeout=T)
    code = trainer.locator(".iv-code").inner_text().strip()
    trainer.get_by_role("button", name="Open ronde 1").click()
    expect(trainer.get_by_text(re.compile("Ronde 1: .* — open"))).to_be_visible(timeout=T)

    pages = {}
    for name in ("Anna", "Bram", "Chris"):
        pg = browser.new_context(viewport={"width": 420, "height": 900}).new_page()
        pg.set_default_timeout(T)
        pg.goto(f"{base}/intervision?code={code}")
        pg.get_by_role("textbox", name="Schuilnaam").fill(name)
        pg.get_by_role("button", name="Doe mee").click()
        expect(pg.get_by_text(f"Welkom, {name}")).to_be_visible(timeout=T)
        pg.get_by_role("button", name="Verstuur antwoord").click()
        expect(pg.get_by_text("Antwoord voor RIV-01 opgeslagen")).to_be_visible(timeout=T)
        pages[name] = pg
    expect(trainer.get_by_text("3 van 3 deelnemers hebben geantwoord (3 antwoorden)")).to_be_visible(timeout=T)
    for _ in range(2):  # whichever process serves the reload, the console comes back
        trainer.reload()
        expect(trainer.locator(".iv-code")).to_have_text(code, timeout=T)

    anna = pages["Anna"]
    why = anna.get_by_role("textbox", name="Toelichting")
    why.fill("voor de storing")
    suite.kill()  # kill -9 of both server processes, pages open
    for pg in (anna, trainer):
        expect(pg.get_by_role("alert").filter(has_text="Verbinding met de server verbroken")).to_be_visible(timeout=T)
    why.fill("voor de storing, en tijdens")  # typing goes on while it is down
    anna.get_by_role("combobox", name="Product").select_option(index=2)

    suite.start(procs=2)  # back on the same address: the pages reconnect by themselves
    expect(anna.locator("#zorglab-connection")).to_have_count(0, timeout=60_000)
    expect(anna.get_by_text("Welkom, Anna")).to_be_visible(timeout=T)
    expect(anna.get_by_role("textbox", name="Toelichting")).to_have_value("voor de storing, en tijdens", timeout=T)
    expect(trainer.locator(".iv-code")).to_have_text(code, timeout=60_000)  # the console too (cookie)
    anna.get_by_role("button", name="Verstuur antwoord").click()
    expect(anna.get_by_text("Antwoord voor RIV-01 bijgewerkt (versie 2)")).to_be_visible(timeout=T)
    expect(trainer.get_by_text("3 van 3 deelnemers hebben geantwoord (3 antwoorden)")).to_be_visible(timeout=T)

    svc = IntervisionService(Storage(suite.db_url))
    df = svc.answers_frame(svc.session_for_code(code).session_id).set_index("participant")
    assert sorted(df.index) == [1, 2, 3]  # acknowledged = stored: nothing lost, nothing doubled
    assert df.loc[1, "revision"] == 2 and df.loc[1, "rationale"] == "voor de storing, en tijdens"
    assert df.loc[1, "payload"]["lines"][0]["product"] == products()["code"].iloc[2]  # old catalogue, 3rd option
    assert svc.storage.engine.dialect.name == ("postgresql" if suite.db_url.startswith("postgres") else "sqlite")
