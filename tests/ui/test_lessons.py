"""The served lessons (/lessons) in real headless Chromium: a student with only a browser opens every lesson, answers
an exercise, gets the feedback, switches to English, and the page is never wider than the screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from zorglab.core.paths import apps_dir
from zorglab.ui.lesson_app import lessons

APP = apps_dir() / "lessons.py"
T = 30_000  # ms; a lesson runs its cells on the server when the page opens (2 cores shared in CI)


@pytest.fixture
def url(serve):
    return serve({"lessons": str(APP)}) + "/lessons"


def test_every_lesson_opens_from_the_list(page, url):
    page.goto(url)
    expect(page.get_by_role("heading", name="Lessen", exact=True)).to_be_visible(timeout=T)
    links = {info.number: page.get_by_role("link", name=info.title("nl")) for info in lessons()}
    for link in links.values():
        expect(link).to_be_visible(timeout=T)
    links[1].click()
    for info in lessons():
        if info.number > 1:
            page.goto(f"{url}?les={info.number}")
        expect(page).to_have_url(re.compile(rf"les={info.number}"), timeout=T)
        expect(page.get_by_role("heading", name=info.title("nl"))).to_be_visible(timeout=T)
        expect(page.get_by_text("zijn synthetisch en bevatten geen persoonsgegevens").first).to_be_visible(timeout=T)
        expect(page.get_by_role("button", name="Controleer").first).to_be_visible(timeout=T)
        expect(page.get_by_role("link", name="← Alle lessen")).to_be_visible(timeout=T)


def test_a_student_answers_lesson_1_switches_to_english_and_the_page_fits(page, url):
    page.set_viewport_size({"width": 1000, "height": 900})
    page.goto(f"{url}?les=1")
    answer = page.get_by_role("textbox", name="Uw antwoord")
    expect(answer).to_be_visible(timeout=T)
    expect(page.get_by_text("één extra personeelsuur").first).to_be_visible(timeout=T)
    answer.fill("16")  # 75 / 1.25 - 80% x 55 = 60 - 44 = 16, as the prompt states it
    answer.press("Enter")
    checks = page.get_by_role("button", name="Controleer")
    expect(checks).to_have_count(2, timeout=T)  # prediction (exercise 1) and margin (exercise 2): all rendered
    checks.nth(1).click()
    expect(page.get_by_text("De marge per extra personeelsuur is").first).to_be_visible(timeout=T)
    expect(page.get_by_text("Goed!").first).to_be_visible(timeout=T)

    page.get_by_role("button", name="English").first.click()
    # The switch re-renders the whole lesson on the server: slow when the 2 cores are busy with other tests.
    expect(page.get_by_role("heading", name="Learning goals")).to_be_visible(timeout=3 * T)
    expect(page.get_by_text("The margin per extra staff hour is").first).to_be_visible(timeout=T)  # feedback too
    expect(page.get_by_role("button", name="Check").first).to_be_visible(timeout=T)
    expect(page.get_by_role("link", name="← All lessons")).to_be_visible(timeout=T)
    # The embedded scenario explorer used to be wider than the lesson; the page must not scroll sideways.
    page.wait_for_timeout(1000)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_lesson_4_in_english_from_the_address(page, url):
    page.goto(f"{url}?les=4&lang=en")
    expect(page.get_by_role("heading", name="Exercise 3 — The effects arena: all effects, all stakeholders")).to_be_visible(
        timeout=T)
    expect(page.get_by_text("I don't want to keep leaving in an ambulance").first).to_be_visible(timeout=T)
    expect(page.get_by_text("Family / carer").first).to_be_visible(timeout=T)
