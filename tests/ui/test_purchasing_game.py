"""The purchasing game in real headless Chromium: a trainer and four teams (municipality on a 1024x768
projector-size laptop, two providers and the area team on 390 px phones) play three contract years with a
server restart after the first; figures on screen are those stored by the service; axe-core finds no
serious or critical WCAG A/AA violations on the join page, a team page and the trainer dashboard.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import panel as pn
import pytest
from playwright.sync_api import expect

from tests.net import free_port, wait_for_port
from zorglab.core.formatting import format_eur
from zorglab.core.paths import apps_dir
from zorglab.services.game.service import GameService
from zorglab.services.game.web import CONSOLE_COOKIE, ROUTES, SERVER_KWARGS

from .a11y import axe_violations, describe

T = 30_000


@pytest.fixture
def game_server(tmp_path, monkeypatch):
    """start() -> base URL of a fresh game server (threaded, this process) on one SQLite file; the previous
    server is stopped first and no engine survives, as in a restart."""
    from zorglab.services.game import storage as game_storage
    from zorglab.services.intervision import storage as iv_storage

    monkeypatch.setenv("ZORGLAB_DB_URL", f"sqlite:///{tmp_path / 'game.sqlite'}")
    running: list = []

    def stop() -> None:
        while running:
            thread = running.pop()
            thread.stop()
            thread.join(15)

    def start() -> str:
        stop()
        iv_storage._STORES.clear()
        game_storage._READY.clear()
        port = free_port()
        running.append(pn.serve({"purchasing_game": str(apps_dir() / "purchasing_game.py")}, port=port,
                                address="127.0.0.1", threaded=True, show=False, websocket_origin=[f"127.0.0.1:{port}"],
                                extra_patterns=list(ROUTES), **SERVER_KWARGS))
        wait_for_port(port)
        return f"http://127.0.0.1:{port}"

    yield start
    stop()
    iv_storage._STORES.clear()


def new_page(browser, width=390, height=844):
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
    pg = ctx.new_page()
    pg.set_default_timeout(T)
    return pg


def no_horizontal_scroll(pg) -> None:
    width = pg.evaluate("document.scrollingElement.scrollWidth")
    assert width <= pg.viewport_size["width"] + 1, f"page is {width}px wide on a {pg.viewport_size['width']}px screen"


def assert_accessible(pg, where: str) -> None:
    found = axe_violations(pg)
    assert not found, f"{where}: {describe(found)}"


def join(pg, base, code, team_label, name, check_axe=False):
    pg.goto(f"{base}/purchasing_game?code={code}")
    expect(pg.get_by_role("textbox", name="Schuilnaam")).to_be_visible(timeout=T)
    if check_axe:
        assert_accessible(pg, "join page")
    pg.get_by_role("combobox", name="Team").select_option(label=team_label)
    pg.get_by_role("textbox", name="Schuilnaam").fill(name)
    pg.get_by_role("button", name="Doe mee").click()
    expect(pg.get_by_text(f"als {name}.")).to_be_visible(timeout=T)


def save(pg):
    pg.get_by_role("button", name="Besluit opslaan").click()
    expect(pg.get_by_text("Besluit opgeslagen.")).to_be_visible(timeout=T)


def expect_round(pg, year, rnd):
    expect(pg.get_by_text(f"Contractjaar {year} · ronde {rnd} van 3")).to_be_visible(timeout=T)


def advance(trainer, year):
    t0 = time.monotonic()
    trainer.get_by_role("button", name=f"Reken contractjaar {year} door").click()
    expect(trainer.get_by_text(f"Contractjaar {year - 2022} is doorgerekend.")).to_be_visible(timeout=T)
    return time.monotonic() - t0


def test_trainer_and_four_teams_play_three_years_with_a_restart(browser, game_server, tmp_path):
    base = game_server()
    trainer = new_page(browser, 1024, 768)
    trainer.goto(f"{base}/purchasing_game")
    trainer.get_by_role("button", name="Nieuw spel (trainer)").click()
    expect(trainer.get_by_role("combobox", name="Gemeente (leeg = hele regio)")).to_have_value(re.compile(".+"))
    trainer.get_by_role("textbox", name="Titel van het spel").fill('<script>alert("x")</script>')
    trainer.get_by_role("button", name="Spel starten").click()
    # the console comes back from the cookie route (a hop through /purchasing_game_console): wait until the
    # cookie is set and the page has settled on the console with its join code
    deadline = time.monotonic() + T / 1000
    while CONSOLE_COOKIE not in {c["name"] for c in trainer.context.cookies()} and time.monotonic() < deadline:
        trainer.wait_for_timeout(100)
    expect(trainer).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)
    expect(trainer.locator(".pg-code")).to_have_text(re.compile(r"^\s*[A-Z2-9]{6}\s*$"), timeout=T)
    code = trainer.locator(".pg-code").inner_text(timeout=T).strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    expect(trainer.get_by_text('<script>alert("x")</script> · Tiel')).to_be_visible(timeout=T)  # escaped, as text
    with trainer.expect_download() as dl:
        trainer.get_by_role("button", name="Bewaar trainerlink (bestand)").click()
    trainer_link = Path(dl.value.path()).read_text(encoding="utf-8").strip()
    assert "?trainer=" in trainer_link
    secret = trainer_link.split("trainer=")[1]
    # signed in by an HttpOnly cookie: nothing secret in the address bar, the page or page scripts
    cookie = {c["name"]: c for c in trainer.context.cookies()}[CONSOLE_COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert cookie["value"] not in trainer.evaluate("document.cookie") and cookie["value"] not in trainer.content()
    assert secret not in trainer.content()
    expect(trainer).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)
    trainer.reload()  # F5 keeps the console
    expect(trainer.locator(".pg-code")).to_have_text(code, timeout=T)

    muni = new_page(browser, 1024, 768)
    join(muni, base, code, "Gemeente (inkoop en contractmanagement)", "Inkoper", check_axe=True)
    p1, p2, area = new_page(browser), new_page(browser), new_page(browser)
    join(p1, base, code, "Aanbieder 1", "Anna")
    join(p2, base, code, "Aanbieder 2", "Bram")
    join(area, base, code, "Gebiedsteam", "Chris")
    expect_round(p1, 2023, 1)
    assert_accessible(p1, "team page (provider, phone)")
    no_horizontal_scroll(p1)
    no_horizontal_scroll(area)

    # ---- year 1: trajectory prices, a selective provider, the area team sends all cases to provider 1
    muni.get_by_role("combobox", name="Bekostigingsmodel").select_option(label="Outputgericht (trajectprijs)")
    save(muni)
    p1.get_by_role("combobox", name="Intakebeleid").select_option(label="Selectief (verlieslatende cliënten weigeren)")
    save(p1)
    for select in area.get_by_role("combobox", name=re.compile("Naar welke aanbieder")).all():
        select.select_option(label="Aanbieder 1")
    save(area)
    expect(trainer.get_by_text("✓ besluit binnen")).to_have_count(3, timeout=T)
    trainer.get_by_role("button", name="Vraag stijgt 10%").click()
    expect(trainer.get_by_text("Gebeurtenis toegevoegd: Vraag stijgt 10%.")).to_be_visible(timeout=T)
    times = [advance(trainer, 2023)]
    for pg in (muni, p1, p2, area):
        expect_round(pg, 2024, 2)

    svc = GameService()
    gid = svc.game_for_trainer(secret).game_id
    y1 = svc.years(gid)[1]
    assert y1.outcome["events"] == ["demand_rise"] and y1.decisions["municipality"]["funding"] == "output"
    p1_revenue = format_eur(y1.outcome["providers"][0]["revenue"], 0)
    expect(p1.get_by_text(p1_revenue, exact=True)).to_be_visible(timeout=T)  # what provider 1 earned last year
    expect(p1.get_by_text("Outputgericht (trajectprijs)", exact=True)).to_be_visible()  # this year's contract
    expect(muni.get_by_text(p1_revenue, exact=True)).to_have_count(0)  # the municipality does not see margins

    # ---- a server restart: teams reload their own links, the trainer opens the saved trainer link
    urls = {pg: pg.url for pg in (muni, p1, p2, area)}
    assert all("p=" in u for u in urls.values())
    base = game_server()
    for pg, url in urls.items():
        pg.goto(re.sub(r"^http://[^/]+", base, url))
        expect_round(pg, 2024, 2)
    trainer.goto(f"{base}/purchasing_game")  # the console cookie brings the trainer back after the restart
    expect(trainer.locator(".pg-code")).to_have_text(code, timeout=T)
    other = new_page(browser, 1024, 768)  # another computer: the saved trainer link
    other.goto(re.sub(r"^http://[^/]+", base, trainer_link))
    expect(other.locator(".pg-code")).to_have_text(code, timeout=T)
    expect(other).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)  # the secret leaves the bar
    other.context.close()

    # ---- year 2: provider 1 plans fewer hours and invests in prevention; nobody else decides
    p1.get_by_role("combobox", name=re.compile("Uren per cliënt")).select_option(label="85%")
    p1.get_by_role("combobox", name=re.compile("Preventie")).select_option(label="€ 200")
    save(p1)
    times.append(advance(trainer, 2024))
    expect_round(muni, 2025, 3)

    # ---- year 3: a lump sum with a risk corridor
    muni.get_by_role("combobox", name="Bekostigingsmodel").select_option(label="Taakgericht (lumpsum)")
    muni.get_by_role("combobox", name="Risicocorridor bij lumpsum (delen boven 2%)").select_option(label="Ja")
    save(muni)
    times.append(advance(trainer, 2025))
    expect(trainer.get_by_text("Het spel is afgelopen: de nabespreking staat hieronder.")).to_be_visible(timeout=T)

    years = svc.years(gid)
    assert [y.round for y in years] == [0, 1, 2, 3]
    assert years[2].decisions["provider_1"]["hours_pct"] == 85 and years[2].decisions["provider_1"]["prevention_eur"] == 200
    assert years[3].decisions["municipality"] == {**years[3].decisions["municipality"], "funding": "lumpsum",
                                                  "corridor": True}

    # ---- dashboard and debrief
    trainer.get_by_role("tab", name="Dashboard").click()
    expect(trainer.get_by_text("De wereld over de jaren")).to_be_visible(timeout=T)
    expect(trainer.locator(".bk-Canvas, canvas").first).to_be_attached(timeout=T)
    assert_accessible(trainer, "trainer dashboard")
    trainer.get_by_role("tab", name="Nabespreking").click()
    expect(trainer.get_by_text("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?")).to_be_visible()
    last_spend = format_eur(years[3].outcome["municipality"]["total"], 0)
    expect(trainer.get_by_role("cell", name=last_spend, exact=True).first).to_be_visible()
    expect(p1.get_by_text("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?")).to_be_visible(timeout=T)
    trainer.get_by_role("tab", name="Aannames").click()  # every number of the world model, with its source
    expect(trainer.get_by_text("Aannames van het spel en hun bron")).to_be_visible(timeout=T)
    expect(trainer.get_by_role("cell", name="Autonome groei van de vraag per jaar", exact=True)).to_be_visible()
    assert_accessible(trainer, "trainer assumptions")
    no_horizontal_scroll(p1)
    no_horizontal_scroll(trainer)
    p2.get_by_role("combobox", name="Taal / Language").select_option(label="English")  # the English switch
    expect(p2.get_by_text("Debrief: who gained, who paid, what happened to residents?")).to_be_visible(timeout=T)
    expect(p2.get_by_text("The game is over: the debrief is below.")).to_be_visible()
    print(f"round advances in the browser: {', '.join(f'{t:.2f} s' for t in times)}")


def test_served_with_the_suite_and_linked_from_the_index(browser, served_suite):
    """`python -m zorglab.serve` as a real process: the index card opens the game; a wrong code says so."""
    suite = served_suite()
    base = suite.start()
    pg = new_page(browser, 1024, 768)
    pg.goto(f"{base}/")
    pg.get_by_role("link", name=re.compile("Inkoopspel")).click()
    expect(pg.get_by_role("button", name="Meedoen met een team")).to_be_visible(timeout=T)
    pg.goto(f"{base}/purchasing_game?code=ZZZZZZ")
    expect(pg.get_by_text("Onbekende spelcode 'ZZZZZZ'")).to_be_visible(timeout=T)
