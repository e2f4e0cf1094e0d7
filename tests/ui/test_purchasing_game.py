"""The purchasing game in real headless Chromium, one behaviour per test: the trainer signs in by cookie; four
teams (municipality on a 1024x768 projector-size laptop, two providers and the area team on 390 px phones)
decide and see only what their role knows; a server restart keeps every page; a finished game shows dashboard,
debrief and assumptions; a team page switches to English. Figures on screen are those stored by the service;
axe-core finds no serious or critical WCAG A/AA violations on the join page, a team page and the console.
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
from zorglab.services.game.model import GameConfig
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


def start_game_as_trainer(pg, base) -> str:
    """The trainer's clicks: a new game for Tiel with a hostile title; returns its join code once the console
    is back from the cookie route (a hop through /purchasing_game_console)."""
    pg.goto(f"{base}/purchasing_game")
    pg.get_by_role("button", name="Nieuw spel (trainer)").click()
    expect(pg.get_by_role("combobox", name="Gemeente (leeg = hele regio)")).to_have_value(re.compile(".+"))
    pg.get_by_role("textbox", name="Titel van het spel").fill(HOSTILE_TITLE)
    pg.get_by_role("button", name="Spel starten").click()
    deadline = time.monotonic() + T / 1000
    while CONSOLE_COOKIE not in {c["name"] for c in pg.context.cookies()} and time.monotonic() < deadline:
        pg.wait_for_timeout(100)
    expect(pg).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)
    expect(pg.locator(".pg-code")).to_have_text(re.compile(r"^\s*[A-Z2-9]{6}\s*$"), timeout=T)
    return pg.locator(".pg-code").inner_text(timeout=T).strip()


def played_game(rounds_played: int) -> tuple[GameService, object, dict[str, str]]:
    """A game for Tiel played through the service (the server's database): four teams joined, the municipality
    on trajectory prices; ``rounds_played`` years computed. Returns the service, the created game and the tokens."""
    svc = GameService()
    g = svc.create_game(GameConfig(municipality="Tiel", rounds=3, n_providers=2, insurer=False, sample=200))
    code = svc.game(g.game_id).code
    tokens = {team: svc.join(code, team, name)[1] for team, name in
              (("municipality", "Inkoper"), ("provider_1", "Anna"), ("provider_2", "Bram"), ("area_team", "Chris"))}
    svc.submit(tokens["municipality"], {"funding": "output"})
    for _ in range(rounds_played):
        svc.advance(g.trainer_secret)
    return svc, g, tokens


HOSTILE_TITLE = '<script>alert("x")</script>'


def test_the_trainer_stays_signed_in_by_cookie_with_no_secret_on_screen(browser, game_server):
    base = game_server()
    trainer = new_page(browser, 1024, 768)
    code = start_game_as_trainer(trainer, base)
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    expect(trainer.get_by_text(f"{HOSTILE_TITLE} · Tiel")).to_be_visible(timeout=T)  # escaped, shown as text
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
    trainer.reload()  # F5 keeps the console
    expect(trainer.locator(".pg-code")).to_have_text(code, timeout=T)


def test_teams_decide_on_phones_and_a_laptop_and_see_only_what_their_role_knows(browser, game_server):
    base = game_server()
    trainer = new_page(browser, 1024, 768)
    code = start_game_as_trainer(trainer, base)
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
    # trajectory prices, a selective provider, the area team sends all cases to provider 1
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
    print(f"round advance in the browser: {advance(trainer, 2023):.2f} s")
    for pg in (muni, p1, p2, area):
        expect_round(pg, 2024, 2)
    svc = GameService()
    y1 = svc.years(svc.game_for_code(code).game_id)[1]
    assert y1.outcome["events"] == ["demand_rise"] and y1.decisions["municipality"]["funding"] == "output"
    assert set(y1.decisions["area_team"]["assignments"].values()) == {1}
    p1_revenue = format_eur(y1.outcome["providers"][0]["revenue"], 0)
    expect(p1.get_by_text(p1_revenue, exact=True)).to_be_visible(timeout=T)  # what provider 1 earned last year
    expect(p1.get_by_text("Outputgericht (trajectprijs)", exact=True)).to_be_visible()  # this year's contract
    expect(muni.get_by_text(p1_revenue, exact=True)).to_have_count(0)  # the municipality does not see margins


def test_a_server_restart_keeps_the_team_pages_and_the_trainer(browser, game_server):
    base = game_server()
    svc, g, tokens = played_game(rounds_played=1)
    code = svc.game(g.game_id).code
    p1, muni = new_page(browser), new_page(browser, 1024, 768)
    for pg, team in ((p1, "provider_1"), (muni, "municipality")):
        pg.goto(f"{base}/purchasing_game?p={tokens[team]}")
        expect_round(pg, 2024, 2)
    trainer = new_page(browser, 1024, 768)
    trainer.goto(f"{base}/purchasing_game?trainer={g.trainer_secret}")  # the saved trainer link
    expect(trainer.locator(".pg-code")).to_have_text(code, timeout=T)
    expect(trainer).not_to_have_url(re.compile("trainer=|ticket=|hop="), timeout=T)  # the secret leaves the bar
    urls = {pg: pg.url for pg in (p1, muni)}
    assert all("p=" in u for u in urls.values())
    base = game_server()  # the server stops and a new one starts on the same database
    for pg, url in urls.items():
        pg.goto(re.sub(r"^http://[^/]+", base, url))
        expect_round(pg, 2024, 2)
    trainer.goto(f"{base}/purchasing_game")  # the console cookie brings the trainer back after the restart
    expect(trainer.locator(".pg-code")).to_have_text(code, timeout=T)
    # a decision made after the restart is the one the next year is computed with
    p1.get_by_role("combobox", name=re.compile("Uren per cliënt")).select_option(label="85%")
    p1.get_by_role("combobox", name=re.compile("Preventie")).select_option(label="€ 200")
    save(p1)
    advance(trainer, 2024)
    expect_round(muni, 2025, 3)
    decided = svc.years(g.game_id)[2].decisions["provider_1"]
    assert (decided["hours_pct"], decided["prevention_eur"]) == (85, 200)


def test_a_finished_game_shows_dashboard_debrief_and_assumptions(browser, game_server):
    base = game_server()
    svc, g, tokens = played_game(rounds_played=3)
    years = svc.years(g.game_id)
    trainer = new_page(browser, 1024, 768)
    trainer.goto(f"{base}/purchasing_game?trainer={g.trainer_secret}")
    expect(trainer.get_by_text("Het spel is afgelopen: de nabespreking staat hieronder.")).to_be_visible(timeout=T)
    trainer.get_by_role("button", name="Dashboard").click()
    expect(trainer.get_by_text("De wereld over de jaren")).to_be_visible(timeout=T)
    expect(trainer.locator(".bk-Canvas, canvas").first).to_be_attached(timeout=T)
    assert_accessible(trainer, "trainer dashboard")
    trainer.get_by_role("button", name="Nabespreking").click()
    expect(trainer.get_by_text("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?")).to_be_visible()
    last_spend = format_eur(years[3].outcome["municipality"]["total"], 0)
    expect(trainer.get_by_role("cell", name=last_spend, exact=True).first).to_be_visible()
    trainer.get_by_role("button", name="Aannames").click()  # every number of the world model, with its source
    expect(trainer.get_by_text("Aannames van het spel en hun bron")).to_be_visible(timeout=T)
    expect(trainer.get_by_role("cell", name="Autonome groei van de vraag per jaar", exact=True)).to_be_visible()
    assert_accessible(trainer, "trainer assumptions")
    no_horizontal_scroll(trainer)


def test_a_team_page_switches_to_english(browser, game_server):
    base = game_server()
    _, _, tokens = played_game(rounds_played=3)
    p2 = new_page(browser)
    p2.goto(f"{base}/purchasing_game?p={tokens['provider_2']}")
    expect(p2.get_by_text("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?")).to_be_visible(timeout=T)
    no_horizontal_scroll(p2)
    p2.get_by_role("button", name="English").click()  # the suite's language switch
    expect(p2.get_by_text("Debrief: who gained, who paid, what happened to residents?")).to_be_visible(timeout=T)
    expect(p2.get_by_text("The game is over: the debrief is below.")).to_be_visible()
    expect(p2.get_by_text("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?")).to_have_count(0)


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
