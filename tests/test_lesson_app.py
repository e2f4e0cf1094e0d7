"""Served lessons without a browser: the runner shows what the notebook shows, in the page's language.

The English check walks every Bokeh model a lesson renders (text, labels, options, table cells) — what a student
actually sees — and looks for Dutch that must not be there once the lesson is in English, and the other way round.
"""

from __future__ import annotations

import html
import re

import panel as pn
import pytest

from zorglab.ui.lesson_app import LessonPage, lessons, run_cell, run_lesson
from zorglab.ui.lesson_explorer import EmbeddedExplorer

DUTCH = ("Leerdoelen", "Opdracht", "Bespreken", "Controleer", "Uw antwoord", "Ik wil", "Ik kan", "Ik heb nodig",
         "— kies —", "Gemeente –", "Oude aanpak", "(Nederlands)", "Alle casussen", " uur ", "dagdelen", "Nog niet",
         "Belanghebbende", "Waarde")
ENGLISH = ("Learning goals", "Exercise", "Your answer", "I want", "— choose —", "Municipality –", "Old way",
           "Discussion", "hours")


def shown_text(objects) -> str:
    """Every text a student sees in rendered Panel objects.

    The embedded scenario explorer (another app, with its own translation) is left out."""
    root = pn.Column(*[o for o in objects if not isinstance(o, EmbeddedExplorer)]).get_root()
    out: list[str] = []
    for model in root.references():
        props = model.properties()
        for prop in ("text", "label", "title", "placeholder", "labels", "options"):
            value = getattr(model, prop) if prop in props else None
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list | tuple):
                for item in value:
                    out.extend(str(x) for x in (item if isinstance(item, list | tuple) else [item]))
    return html.unescape("\n".join(out))


@pytest.fixture(scope="module")
def rendered():
    """lesson number -> (shown objects, namespace); each lesson runs once, in Dutch, as a served page does."""
    cache = {}

    def get(number: int):
        if number not in cache:
            info = next(i for i in lessons() if i.number == number)
            cache[number] = run_lesson(info.path, "nl")
        return cache[number]

    return get


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_a_served_lesson_is_all_dutch_and_after_the_switch_all_english(rendered, number):
    shown, ns = rendered(number)
    assert not [o for o in shown if isinstance(o, pn.pane.Alert) and o.alert_type == "danger"]
    dutch = shown_text(shown)
    assert [m for m in ENGLISH if m in dutch] == [] and "Leerdoelen" in dutch and "synthetisch" in dutch
    ns["lesson"].language = "en"  # the lesson's own switch: text, cards, tables, units, widgets and feedback follow
    try:
        text = shown_text(shown)
        leaks = [m for m in DUTCH if m in text]
        assert leaks == [], [(m, text[max(0, text.index(m) - 60):text.index(m) + 30]) for m in leaks]
        assert "Learning goals" in text and "synthetic" in text
    finally:
        ns["lesson"].language = "nl"


def test_notebook_only_cells_are_left_out_but_their_exercise_is_there_as_a_widget(rendered):
    shown, ns = rendered(1)
    assert "my_margin" not in ns and "margin_exercise" in ns  # typed-in-Python answer cell skipped, widget present
    assert "één extra personeelsuur" in ns["margin_exercise"].prompt_pane.object
    _, ns3 = rendered(3)
    assert "my_kappa" not in ns3 and "kappa_exercise" in ns3


def test_a_lesson_can_start_in_english_from_the_page_address():
    info = next(i for i in lessons() if i.number == 5)
    shown, ns = run_lesson(info.path, "en")
    assert ns["lang"] == "en" and ns["lesson"].language == "en"
    text = shown_text(shown)
    assert "Exercise 1 — The work process in order" in text and "Opdracht" not in text


def test_the_runner_returns_a_cells_last_expression_and_skips_extension_calls():
    ns: dict = {}
    assert run_cell("import panel as pn\npn.extension(inline=True)\nx = 2\nx * 21", ns) == 42
    assert run_cell("y = 1", ns) is None and ns["y"] == 1


def test_a_failing_cell_is_reported_in_the_page(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

    path = tmp_path / "09_broken.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Les 9 — Kapot"), new_code_cell("1 / 0"),
                                       new_code_cell("'never shown'")]), path)
    shown, _ = run_lesson(path, "en")
    assert len(shown) == 2 and shown[1].alert_type == "danger" and "ZeroDivisionError" in shown[1].object


@pytest.mark.parametrize(("query", "number", "language"), [
    ({}, 0, "nl"), ({"les": [b"2"], "lang": [b"en"]}, 2, "en"), ({"les": ["x"], "lang": ["de"]}, 0, "nl"),
    ({"les": ["123"]}, 0, "nl"),
])
def test_the_page_reads_its_address_and_never_fails_on_a_bad_one(query, number, language, monkeypatch):
    monkeypatch.setattr("zorglab.ui.lesson_app.run_lesson", lambda path, lang: ([pn.pane.Markdown("lesson")], {}))
    page = LessonPage.from_query(query)
    assert (page.number, page.language) == (number, language)


def test_the_list_names_all_five_lessons_in_both_languages_and_an_unknown_one_says_so():
    page = LessonPage(number=0)
    listing = page.listing.object
    assert [f"?les={n}&lang=nl" in listing for n in range(1, 6)] == [True] * 5
    assert "Les 5 — Resultaatgericht werken" in listing and "geen persoonsgegevens" in listing
    page.language = "en"
    assert "Lesson 2 — From individual to general provision" in page.listing.object
    unknown = LessonPage(number=7, language="en")
    assert "Lesson 7 does not exist" in unknown.body.objects[0].object


def test_the_page_follows_the_lessons_language_switch(monkeypatch):
    lesson_ns = {}

    def fake(path, lang):
        from zorglab.ui.lesson_base import Lesson

        lesson_ns["lesson"] = Lesson(lang)
        return [lesson_ns["lesson"].say("hallo", "hello")], lesson_ns

    monkeypatch.setattr("zorglab.ui.lesson_app.run_lesson", fake)
    page = LessonPage(number=1, language="nl")
    assert "Alle lessen" in page.back_link.object
    lesson_ns["lesson"].language = "en"
    assert page.language == "en" and "All lessons" in page.back_link.object and "lang=en" in page.back_link.object


def test_lesson_titles_come_from_the_notebooks():
    titles = [(i.number, i.title("nl"), i.title("en")) for i in lessons()]
    assert titles[0] == (1, "Les 1 — Van product naar resultaat", "Lesson 1 — From product to result")
    assert all(re.match(r"Lesson \d — ", en) for _, _, en in titles) and len(titles) == 5
    assert all(i.summary("nl") and i.summary("en") for i in lessons())


def test_the_suite_serves_the_lessons_and_the_index_page_links_to_them():
    from zorglab.core.paths import apps_dir
    from zorglab.serve import APPS

    assert "lessons" in APPS and (apps_dir() / "lessons.py").exists()
    index = (apps_dir() / "index.html").read_text(encoding="utf-8")
    assert 'href="./lessons"' in index and "zonder installatie" in index
