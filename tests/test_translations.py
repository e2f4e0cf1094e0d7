"""Translation completeness (issue 12): every view, report and lesson in each language, without a browser.

Two kinds of check:

- the catalogue itself (``zorglab/core/i18n/messages/*.toml``): both languages for every entry, the same
  ``{placeholders}`` in both, ``one``/``other`` for plurals, a translation that differs from the Dutch (bar a short
  list of words that are the same in both), and no word of the other language in a text;
- what a reader sees: each page is built in one language, its text collected from the Bokeh models Panel sends to
  the browser (``get_root``: text, labels, titles, options, tab titles, table headers and cells, axis labels), then
  switched to the other language and collected again. Any word from the other language's list
  (``tests/data/language_words.toml``) fails, with the words around it; a key missing from the catalogue raises
  (``ZORGLAB_STRICT_I18N=1``).

Official terms and names (Wmo, Jeugdwet, gebiedsteam, municipality names, ...) are taken out before matching.
Every page starts in Dutch and switches to English; intervision and the lessons started in English and the finished
game are marked ``slow``: ``pytest -m "not slow" tests/test_translations.py`` takes under a minute on an idle
two-core machine, ``pytest tests/test_translations.py`` runs everything.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import panel as pn
import pytest
import tomllib

from zorglab.core.i18n import LANGUAGES, catalogue

WORDS_FILE = Path(__file__).parent / "data" / "language_words.toml"
OTHER = {"nl": "en", "en": "nl"}
FORBIDDEN_LIST = {"en": "dutch", "nl": "english"}  # output language -> the list of words it must not show
# Bokeh properties that reach the reader as text; tooltips' '@field' parts and object ids are left out.
TEXT_PROPS = ("text", "label", "labels", "title", "placeholder", "options", "axis_label", "factors", "tooltips",
              "major_label_overrides", "value_input_label")
CONTEXT = 50  # characters shown either side of a hit


@pytest.fixture(autouse=True)
def _strict_i18n(monkeypatch):
    monkeypatch.setenv("ZORGLAB_STRICT_I18N", "1")  # a key missing from the catalogue raises, never shows


# ---------------------------------------------------------------------------------------------- word lists
@cache
def word_lists() -> dict[str, Any]:
    return tomllib.loads(WORDS_FILE.read_text("utf-8"))


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Whole words or phrases (any run of spaces between a phrase's words), case-insensitive, longest first."""
    parts = [r"\s+".join(re.escape(w) for w in word.split()) for word in sorted(set(words), key=len, reverse=True)]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


@cache
def forbidden(language: str) -> re.Pattern[str]:
    return _word_pattern(word_lists()[FORBIDDEN_LIST[language]]["words"])


@cache
def allowed_terms() -> re.Pattern[str]:
    """Official terms, the suite's places (regions, every CBS municipality) and each catalogue entry written in
    both languages at once ('Regio's / Regions'): taken out of a text before the other language's words are sought."""
    from zorglab.domain.cbs import municipality_table
    from zorglab.domain.regions import get_region, regions

    terms = set(word_lists()["official"]["terms"]) | set(regions())
    terms |= {str(n) for n in municipality_table()["name"]}
    for region in regions():
        for year in (2021, 2022):
            try:
                terms |= {m.name for m in get_region(region, year).municipalities}
            except Exception:  # noqa: BLE001, S112 - a region without that year: its other years count
                continue
    for entry in catalogue().values():
        if isinstance(entry.get("nl"), str) and isinstance(entry.get("en"), str) and "{" not in entry["nl"]:
            terms.add(f"{entry['nl']} / {entry['en']}")
    parts = [re.escape(term) for term in sorted(terms, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


_CODE = re.compile(r"https?://\S+|\b\w+(?:\.\w+)+\b")  # a link or a dotted name (zorglab.domain.assumptions)


def without_allowed(text: str) -> str:
    return allowed_terms().sub(" ", _CODE.sub(" ", text))


def leaks(text: str, language: str) -> list[str]:
    """Each word of the other language in ``text`` (shown in ``language``), with the words around it."""
    clean = without_allowed(text)
    return [f"{m.group(0)!r} in …{clean[max(0, m.start() - CONTEXT):m.end() + CONTEXT]}…".replace("\n", " ")
            for m in forbidden(language).finditer(clean)]


# ---------------------------------------------------------------------------------------------- visible text
_SCRIPT = re.compile(r"<(script|style|svg)\b.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DOCS_JSON = re.compile(r"const docs_json = '(.*?)';\n", re.DOTALL)


def html_text(markup: str) -> str:
    """The words of an HTML fragment: scripts, styles and drawings out, tags out, entities decoded."""
    return html.unescape(_TAG.sub(" ", _SCRIPT.sub(" ", html.unescape(markup))))


def _strings(value: Any) -> Iterator[str]:
    """Every string in a property value: lists, tuples, dicts (keys and values), Bokeh ``value(...)`` specs."""
    if isinstance(value, str):
        if not value.startswith(("@", "$")):  # a data field in a tooltip, not a word
            yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("type", "id", "name"):
                yield from _strings(k)
                yield from _strings(v)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        yield value.value


def bokeh_json_text(doc: Any) -> Iterator[str]:
    """Text properties in an embedded Bokeh document (a report's figures)."""
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k in TEXT_PROPS:
                yield from _strings(v)
            elif k not in ("tags", "data"):
                yield from bokeh_json_text(v)
    elif isinstance(doc, list):
        for item in doc:
            yield from bokeh_json_text(item)


def report_text(markup: str) -> str:
    """A report section as a reader sees it: its HTML words plus the titles and labels of its figures."""
    parts = [html_text(markup)]
    for raw in _DOCS_JSON.findall(markup):
        parts.extend(bokeh_json_text(json.loads(raw.replace("\\'", "'").replace("\\\\", "\\"))))
    return "\n".join(parts)


def shown_text(view: Any) -> str:
    """What a browser receives for a Panel object: every text property of every Bokeh model of the page,
    table headers and cells included. Every tab is rendered (``dynamic`` off), not only the open one."""
    root_view = pn.panel(view)
    for tabs in root_view.select(pn.Tabs):
        tabs.dynamic = False
    root = root_view.get_root()
    out: list[str] = []
    for model in root.references():
        props = model.properties()
        for prop in TEXT_PROPS:
            if prop in props:
                value = getattr(model, prop)
                if prop == "options" and isinstance(value, list):  # (value, label): the value is not shown
                    value = [o[1] if isinstance(o, list | tuple) and len(o) == 2 else o for o in value]
                out.extend(_strings(value))
        if "columns" in props and "source" in props and getattr(model, "source", None) is not None:
            for column in model.source.data.values():  # a table's cells
                out.extend(v for v in column if isinstance(v, str))
    return html_text("\n".join(out))


# ---------------------------------------------------------------------------------------------- the catalogue
def _entries() -> list[tuple[str, dict[str, Any]]]:
    return sorted(catalogue().items())


_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)(?:[!:][^{}]*)?\}")  # {name}, {n:.0f}; not {{literal}} or LaTeX


def _fields(text: str) -> set[str]:
    return set(_FIELD.findall(text))


def _forms(entry: dict[str, Any], language: str) -> dict[str, str]:
    text = entry.get(language)
    return dict(text) if isinstance(text, dict) else {"": text} if isinstance(text, str) else {}


def test_every_catalogue_entry_has_dutch_and_english():
    missing = [f"{key}: {lang}" for key, entry in _entries() for lang in LANGUAGES
               if not _forms(entry, lang) or not all(_forms(entry, lang).values())]
    assert missing == [], "\n".join(missing)


def test_both_languages_fill_the_same_placeholders():
    differ = []
    for key, entry in _entries():
        nl, en = _forms(entry, "nl"), _forms(entry, "en")
        fields_nl = set().union(*(_fields(v) for v in nl.values())) if nl else set()
        fields_en = set().union(*(_fields(v) for v in en.values())) if en else set()
        if fields_nl != fields_en:
            differ.append(f"{key}: nl {sorted(fields_nl)} en {sorted(fields_en)}")
    assert differ == [], "\n".join(differ)


def test_plural_entries_have_one_and_other_in_both_languages():
    wrong = [f"{key}[{lang}]: {sorted(_forms(entry, lang))}" for key, entry in _entries() for lang in LANGUAGES
             if isinstance(entry.get(lang), dict) and set(_forms(entry, lang)) != {"one", "other"}]
    plural_in_one = [key for key, entry in _entries()
                     if isinstance(entry.get("nl"), dict) != isinstance(entry.get("en"), dict)]
    assert wrong + plural_in_one == [], "\n".join(wrong + plural_in_one)


def test_english_differs_from_dutch_except_words_that_are_the_same():

    def only_symbols(text: str) -> bool:  # '{n}', '€ {eur}', '–', 'Jeugdwet': nothing to translate
        return not re.search(r"[^\W\d_]", without_allowed(re.sub(r"\{[^}]*\}", "", text)))

    def core(text: str) -> str:  # ' · trainer' -> 'trainer', 'Scenario (EUR)' -> 'scenario'
        words = without_allowed(re.sub(r"\{[^}]*\}", " ", text))
        return " ".join(re.sub(r"[^\w?' ]+|\d+", " ", words).split()).lower()

    same = {core(w) for w in word_lists()["same"]["texts"]}
    untranslated = [f"{key}: {entry['nl']!r}" for key, entry in _entries()
                    if isinstance(entry.get("nl"), str) and entry.get("nl") == entry.get("en")
                    and core(entry["nl"]) not in same and not only_symbols(entry["nl"])]
    assert untranslated == [], "\n".join(untranslated)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalogue_text_holds_a_word_of_the_other_language(language):
    found = [f"{key}: {hit}" for key, entry in _entries() for text in _forms(entry, language).values()
             for hit in leaks(re.sub(r"\{[^}]*\}", " ", html_text(text)), language)]
    assert found == [], "\n".join(found)


# ---------------------------------------------------------------------------------------------- the pages
def _check_both(build: Callable[[str], Any], switch: Callable[[Any, str], None], start: str,
                text: Callable[[Any], str] = shown_text) -> list[str]:
    """Build a page in ``start``, read it; switch it to the other language, read it again: every leak, by language."""
    page = build(start)
    found = [f"[{start}] {hit}" for hit in leaks(text(page), start)]
    switch(page, OTHER[start])
    found += [f"[{start}->{OTHER[start]}] {hit}" for hit in leaks(text(page), OTHER[start])]
    switch(page, start)  # back: the next page may share this one's state
    return found


# ---- scenario explorer: every tab, every funding model, a saved scenario for the comparison
@pytest.mark.parametrize("start", LANGUAGES)
def test_scenario_explorer_speaks_one_language(start):
    try:
        from zorglab.ui.scenario_state import ExplorerState
    except ImportError:  # before the explorer's state moved to the UI package (issue 12, point 3)
        from zorglab.domain.scenario import ExplorerState
    from zorglab.ui.scenario_explorer import TAB_KEYS, ScenarioExplorer

    def build(lang: str) -> ScenarioExplorer:
        view = ScenarioExplorer(state=ExplorerState(language=lang))
        view.state.save("A")
        for key in TAB_KEYS:
            view.open_tab(key)
        return view

    def text(view: ScenarioExplorer) -> str:
        for key in TAB_KEYS:  # as a reader does after a switch: a tab is filled when it is opened
            view.open_tab(key)
        parts = [shown_text(view)]
        scenario = view.state.scenario
        first = scenario.funding_model
        for model in scenario.param["funding_model"].objects:  # each model's explanation and knobs
            if model != first:
                scenario.funding_model = model
                parts.append(shown_text(pn.Column(*view.controls(), view._explain, view._tables)))
        scenario.funding_model = first
        return "\n".join(parts)

    found = _check_both(build, lambda v, lang: setattr(v.state, "language", lang), start, text)
    assert found == [], "\n".join(found)


# ---- intervision: start page, trainer and participant in every round kind, open and revealed
@pytest.fixture
def intervision_service(tmp_path):
    from zorglab.services.intervision.service import IntervisionService
    from zorglab.services.intervision.storage import Storage

    store = Storage(f"sqlite:///{tmp_path / 'iv.sqlite'}")
    yield IntervisionService(store)
    store.dispose()


def _intervision_answers(svc, created, info) -> None:
    """Three participants answer every round (the reveal needs answers); codes as tests/test_intervision.py."""
    from zorglab.domain.cases import STAKEHOLDERS
    from zorglab.domain.catalogue import harmonised_products, price_list, products
    from zorglab.services.intervision.models import ARENA_ROLES

    activities = list(price_list()["activity"].iloc[:2])
    tokens = [svc.join(created.code, name).token for name in ("Anna", "Bram", "Cas")]

    for rnd in info.rounds:
        svc.set_round(created.trainer_secret, created.session_id, rnd.round_id, "open")
        for i, token in enumerate(tokens):
            for case_id in info.case_ids:
                if rnd.spec.kind == "mdo":
                    answer = {"supports": [{"activity": activities[i % 2], "quantity": 2 + i}], "wellbeing_after": 7,
                              "rationale": "ok"}
                elif rnd.spec.kind == "arena":
                    answer = {"roles": {s: list(ARENA_ROLES)[(i + k) % len(ARENA_ROLES)]
                                        for k, s in enumerate(STAKEHOLDERS)}}
                else:
                    codes = (products() if rnd.spec.catalogue == "old" else harmonised_products())["code"]
                    answer = {"lines": [{"product": codes.iloc[i % 2], "units_per_week": 2.0, "weeks": 52}],
                              "rationale": "ok"}
                svc.submit(token, rnd.round_id, case_id, answer)


@pytest.mark.parametrize("start", ["nl", pytest.param("en", marks=pytest.mark.slow)])
def test_intervision_pages_speak_one_language(intervision_service, start):
    from zorglab.services.intervision.live import ParticipantState, TrainerState
    from zorglab.ui.intervision_views import IntervisionApp, ParticipantView, TrainerView

    svc = intervision_service
    switch = lambda page, lang: setattr(page.state if hasattr(page, "state") else page.trainer, "language", lang)  # noqa: E731
    found = _check_both(lambda lang: IntervisionApp(trainer=TrainerState(service=svc, language=lang),
                                                    participant=ParticipantState(service=svc, language=lang)),
                        switch, start)
    found += _check_both(lambda lang: TrainerView(state=TrainerState(service=svc, language=lang)), switch, start)
    found += _check_both(lambda lang: ParticipantView(state=ParticipantState(service=svc, language=lang)), switch, start)

    trainer = TrainerState(service=svc, language=start)
    trainer.create("Intervisie", ["RIV-01", "RIV-02"], ["indicatie:old", "indicatie:harmonised", "mdo", "arena"])
    info = trainer.info
    part = ParticipantState(service=svc, language=start)
    assert part.join(info.code, "Dirk", None, None)
    for rnd in info.rounds:  # each round open: the participant's form (one kind each); the console once
        trainer.act(rnd.round_id, "open")
        found += _check_both(lambda lang: ParticipantView(state=part), switch, start)
        if rnd == info.rounds[0]:
            found += _check_both(lambda lang: TrainerView(state=trainer), switch, start)
        trainer.act(rnd.round_id, "close")
    created = svc.create_session("Onthulling", ["RIV-01", "RIV-02"],
                                 ["indicatie:old", "indicatie:harmonised", "mdo", "arena"])
    revealed = svc.session(created.session_id)
    _intervision_answers(svc, created, revealed)
    for rnd in revealed.rounds:
        svc.set_round(created.trainer_secret, created.session_id, rnd.round_id, "reveal")
    console = TrainerState(service=svc, secret=created.trainer_secret, language=start)
    found += _check_both(lambda lang: IntervisionApp(trainer=console, participant=ParticipantState(service=svc)),
                         switch, start)
    phone = ParticipantState(service=svc, language=start)
    assert phone.join(created.code, "Eva", None, None)
    found += _check_both(lambda lang: ParticipantView(state=phone), switch, start)
    assert found == [], "\n".join(found)


# ---- purchasing game: start page, join and setup forms, every team's page, console, a refused decision, debrief
@pytest.fixture
def game_service(tmp_path):
    from zorglab.services.game.service import GameService
    from zorglab.services.intervision.storage import Storage

    store = Storage(f"sqlite:///{tmp_path / 'g.sqlite'}")
    yield GameService(store)
    store.dispose()


def _game_pages(svc, start: str, finished: bool) -> list[str]:
    from zorglab.services.game.live import TeamGame, TrainerGame
    from zorglab.services.game.model import Event, GameConfig
    from zorglab.ui.game_views import GameApp, TeamView, TrainerView

    switch = lambda page, lang: setattr(page.state if hasattr(page, "state") else page.team, "language", lang)  # noqa: E731
    trainer = TrainerGame(svc, language=start)
    assert trainer.create(GameConfig(municipality="Tiel", sample=120, rounds=3), title="Spel")
    code = trainer.info.code
    teams = {team: TeamGame(svc, language=start) for team in trainer.info.config.teams()}
    for (team, state), name in zip(teams.items(), ("Ilse", "Anna", "Bram", "Chris", "Dewi"), strict=False):
        assert state.join(code, team, name)
    for event in Event:
        trainer.trigger(event)
    assert trainer.advance()
    if finished:
        while not trainer.info.finished:
            assert trainer.advance()
    else:
        teams["provider_1"].submit({"capacity_pct": 999})  # refused: the message names field and range
    found = _check_both(lambda lang: TrainerView(state=trainer), switch, start)
    for state in teams.values():
        found += _check_both(lambda lang, state=state: TeamView(state=state), switch, start)
    if not finished:
        found += _check_both(lambda lang: GameApp(trainer=TrainerGame(svc, language=lang),
                                                  team=TeamGame(svc, language=lang)), switch, start)
        found += _check_both(lambda lang: TrainerView(state=TrainerGame(svc, language=lang)), switch, start)
        found += _check_both(lambda lang: TeamView(state=TeamGame(svc, language=lang, code=code)), switch, start)
    return found


@pytest.mark.parametrize("finished", [False, pytest.param(True, marks=pytest.mark.slow)], ids=["playing", "finished"])
@pytest.mark.parametrize("start", LANGUAGES)
def test_purchasing_game_pages_speak_one_language(game_service, start, finished):
    found = _game_pages(game_service, start, finished)
    assert found == [], "\n".join(found)


# ---- lessons: the list and every served lesson (the embedded explorer is checked above)
@pytest.mark.parametrize("number", [0, 1, 2, 3, 4, 5])
@pytest.mark.parametrize("start", ["nl", pytest.param("en", marks=pytest.mark.slow)])
def test_lesson_pages_speak_one_language(start, number):
    from zorglab.ui.lesson_app import LessonPage

    def build(lang: str) -> pn.Column:
        page = LessonPage(language=lang, number=number)
        shown = [o for o in pn.panel(page).objects if type(o).__name__ != "EmbeddedExplorer"]
        return page, pn.Column(*shown)

    def switch(built: Any, lang: str) -> None:
        page, _ = built
        lesson = page.namespace.get("lesson")
        if lesson is not None and "language" in getattr(lesson, "param", {}):
            lesson.language = lang  # the lesson's own switch, as a student uses it
        else:
            page.language = lang

    def text(built: Any) -> str:
        failed = [a.object for a in built[1].select(pn.pane.Alert) if a.alert_type == "danger" and a.visible]
        assert failed == [], failed  # a lesson that could not load (a missing key is caught and shown there)
        return shown_text(built[1])

    found = _check_both(build, switch, start, text=text)
    assert found == [], "\n".join(found)


# ---- region report: every section of one small region, with a scenario
@pytest.mark.parametrize("language", LANGUAGES)
def test_region_report_speaks_one_language(language):
    from zorglab.services.reports import RegionalReport
    from zorglab.services.reports.sections import SECTIONS

    report = RegionalReport(region="Rivierenland", municipality="Tiel", n_cases=120, seed=2, scenario="preventie",
                            language=language)
    found = [f"[{name}] {hit}" for name in SECTIONS for hit in leaks(report_text(report.section_html(name)), language)]
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_report_index_speaks_one_language(language, tmp_path):
    """``reports_out/index.html``: key figures and risk per report, a failed report with its reason."""
    from zorglab.services.reports import RegionalReport, check_params
    from zorglab.services.reports.export import json_safe
    from zorglab.services.reports.index_page import write_index
    from zorglab.services.reports.runner import ReportResult

    report = RegionalReport(region="Rivierenland", n_cases=120, seed=2, language=language)
    ok = ReportResult(report.params, True, 1.0, {"html": "a.html", "csv": "a.csv"}, json_safe(report.key_figures))
    bad = ReportResult(check_params(region="Oss"), False, 0.5, {}, error="ValueError: x")
    index = write_index([ok, bad], tmp_path, language=language).read_text(encoding="utf-8")
    found = leaks(html_text(index), language)
    assert found == [], "\n".join(found)


# ---- trainer materials: the printed case cards (the rest is written for Dutch trainers only)
@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_case_cards_speak_one_language(language):
    from zorglab.services.trainer_materials.cards import case_cards

    found = leaks(html_text(case_cards(language)), language)
    assert found == [], "\n".join(found)
