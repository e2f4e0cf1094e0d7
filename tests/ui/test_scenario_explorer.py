"""The served scenario explorer in real headless Chromium: load, slider -> library value, shared link,
language switch, tampered link. Elements are found by role and visible text.

Set ZORGLAB_UPDATE_SCREENSHOTS=1 to refresh docs/scenario_explorer.png (the README picture).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from zorglab.core.formatting import format_eur
from zorglab.core.paths import apps_dir
from zorglab.domain.scenario import Scenario

APP = apps_dir() / "scenario_explorer.py"
DOCS = Path(__file__).resolve().parents[2] / "docs"
N = 2000
T = 20_000  # ms; generous because CI runs browsers next to other work on 2 cores


@pytest.fixture
def app_url(serve):
    return serve({"scenario_explorer": str(APP)}) + "/scenario_explorer"


def kpi_value(page, label: str):
    return page.get_by_role("status", name=label).locator(".zl-value")


def spend(**params) -> str:
    return format_eur(Scenario(**params).evaluate().municipal_spend, 0)


def test_slider_moves_spend_to_the_library_value_and_the_link_restores_it(page, app_url, tmp_path):
    page.goto(f"{app_url}?n_clients={N}")
    value = kpi_value(page, "Uitgaven gemeente")
    expect(value).to_have_text(spend(n_clients=N), timeout=T)
    expect(page.get_by_text("zijn synthetisch en bevatten geen persoonsgegevens")).to_be_visible(timeout=T)

    slider = page.locator(".bk-input-group", has_text="Tarieven").get_by_role("slider")
    slider.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")  # step 0.01: 1.00 -> 1.05
    expect(slider).to_have_attribute("aria-valuetext", re.compile(r"^1[.,]05"), timeout=T)  # shown value: 1,05
    expected = spend(n_clients=N, tariff_factor=1.05)
    expect(value).to_have_text(expected, timeout=T)
    expect(page.get_by_text("meer uit dan onder de oude P x Q-aanpak")).to_be_visible(timeout=T)

    shot = DOCS / "scenario_explorer.png" if os.environ.get("ZORGLAB_UPDATE_SCREENSHOTS") else tmp_path / "shot.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    expect(page).to_have_url(re.compile(r"tariff_factor=1\.05"), timeout=T)
    shared = page.context.new_page()
    shared.goto(page.url)
    expect(kpi_value(shared, "Uitgaven gemeente")).to_have_text(expected, timeout=T)


def test_a_municipality_shows_its_own_inhabitants_and_spend_per_inhabitant(page, app_url):
    page.goto(f"{app_url}?n_clients={N}")
    expect(kpi_value(page, "Uitgaven gemeente")).to_have_text(spend(n_clients=N), timeout=T)
    expect(page.get_by_text("bepaalt alleen de precisie")).to_be_visible(timeout=T)
    page.locator(".bk-input-group", has_text="Regio").locator("select").select_option("Tiel")
    res = Scenario(n_clients=N, region="Tiel").evaluate()
    expect(kpi_value(page, "Uitgaven gemeente")).to_have_text(format_eur(res.municipal_spend, 0), timeout=T)
    # 42,277 inhabitants on 1 January 2022 (CBS): the money is theirs, the 2,000 synthetic clients only precision.
    expect(page.get_by_text(re.compile(r"42\.277 inwoners"))).to_be_visible(timeout=T)
    expect(page.get_by_text("steekproef van 2.000 synthetische cliënten bepaalt alleen de precisie")).to_be_visible(
        timeout=T)
    expect(kpi_value(page, "Uitgaven per inwoner")).to_have_text(format_eur(res.municipal_spend / 42_277, 0), timeout=T)
    expect(page).to_have_url(re.compile(r"region=Tiel"), timeout=T)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_text("only sets the precision")).to_be_visible(timeout=3 * T)  # a relabel of every pane
    expect(kpi_value(page, "Spend per inhabitant")).to_be_visible(timeout=T)


def test_shared_english_link_and_language_switch(page, app_url):
    page.goto(f"{app_url}?n_clients={N}&funding_model=lumpsum&budget_factor=0.8&language=en")
    expected = spend(n_clients=N, funding_model="lumpsum", budget_factor=0.8)
    expect(kpi_value(page, "Municipal spend")).to_have_text(expected, timeout=T)
    expect(page.get_by_text("Under a lump sum the provider earns on cheaper arrangements")).to_be_visible(timeout=T)
    page.get_by_role("button", name="Nederlands").click()
    expect(kpi_value(page, "Uitgaven gemeente")).to_have_text(expected, timeout=T)
    expect(page.get_by_text("Onder lumpsum verdient de aanbieder aan goedkopere arrangementen")).to_be_visible(timeout=T)
    expect(page).to_have_url(re.compile(r"language=nl"), timeout=T)


def test_tampered_link_loads_nearest_values_with_a_notice(page, app_url):
    page.goto(f"{app_url}?n_clients={N}&tariff_factor=9&region=Atlantis&demand_growth=abc")
    expect(page.get_by_text("De link bevatte ongeldige waarden")).to_be_visible(timeout=T)
    expect(page.get_by_text("toegestaan: 0,5 – 1,5")).to_be_visible(timeout=T)
    expect(page.get_by_text("toegestaan: Lindendaal, Oss, Rivierenland, Westkust")).to_be_visible(timeout=T)
    expect(kpi_value(page, "Uitgaven gemeente")).to_have_text(spend(n_clients=N, tariff_factor=1.5), timeout=T)
    expect(page).to_have_url(re.compile(r"(?=.*tariff_factor=1\.5(&|$))(?=.*region=Rivierenland)"), timeout=T)
    assert "Traceback" not in page.content()


def test_predict_then_reveal_and_save_for_comparison(page, app_url):
    page.goto(f"{app_url}?n_clients={N}")
    value = kpi_value(page, "Uitgaven gemeente")
    expect(value).to_have_text(spend(n_clients=N), timeout=T)
    page.get_by_role("button", name="Voorspel-modus").click()
    slider = page.locator(".bk-input-group", has_text="Tarieven").get_by_role("slider")
    slider.focus()
    page.keyboard.press("ArrowLeft")  # 1.00 -> 0.99, hidden until the trainer reveals it
    expect(value).to_have_text("? ? ?", timeout=T)
    page.get_by_role("button", name="Onthul het effect").click()
    expected = spend(n_clients=N, tariff_factor=0.99)
    expect(value).to_have_text(expected, timeout=T)

    page.get_by_text("Vergelijken", exact=True).click()
    page.get_by_role("textbox", name="Naam van het scenario").fill("Iets goedkoper")
    page.get_by_role("button", name="Bewaar scenario").click()
    expect(page.get_by_text("Bewaard als 'Iets goedkoper'.")).to_be_visible(timeout=T)
    # The comparison row: indicator, baseline, the saved scenario (the scenario tab's row has a 4th cell).
    row = f"Uitgaven gemeente {spend(n_clients=N)} {expected}"
    expect(page.get_by_role("row", name=row, exact=True)).to_be_visible(timeout=T)
