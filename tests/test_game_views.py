"""The purchasing game's words and views without a browser: every code worded in both languages, participant
text escaped, the language switch, the suite's index and server list, the shipped example reproducible."""

from __future__ import annotations

import json

import panel as pn
import pytest

from zorglab.core.i18n import catalogue
from zorglab.core.paths import REPO_ROOT, apps_dir
from zorglab.serve import APPS
from zorglab.services.game import debrief, export
from zorglab.services.game.errors import ErrorCode
from zorglab.services.game.live import TeamGame, TrainerGame
from zorglab.services.game.model import RANGES, Event, Funding, GameConfig, Intake, Role, Status
from zorglab.services.game.service import GameService
from zorglab.services.intervision.storage import Storage
from zorglab.ui.game_strings import say, team_label
from zorglab.ui.game_views import TeamView, TrainerView, role_view

HOSTILE = "<img src=x onerror=alert(1)>"


def test_every_code_has_dutch_and_english_words():
    keys = ([f"funding_{f.value}" for f in Funding] + [f"intake_{i.value}" for i in Intake]
            + [f"event_{e.value}" for e in Event] + [f"status_{s.value}" for s in Status]
            + [f"err_{c.value}" for c in ErrorCode] + [f"finding_{c}" for c in debrief.FINDING_CODES]
            + [f"team_{r.value}" for r in Role if r != Role.PROVIDER] + list(RANGES) + list(debrief.MEASURES))
    words = {k.removeprefix("game."): (v["nl"], v["en"]) for k, v in catalogue().items() if k.startswith("game.")}
    missing = [k for k in keys if k not in words]
    assert missing == []
    same = [k for k in keys if words[k][0] == words[k][1] and k not in ("reserves",)]  # the same word in both
    assert same == [], "untranslated (Dutch = English)"


def test_an_error_names_the_field_and_the_allowed_range_in_both_languages():
    assert say("err_out_of_range", "nl", field="capacity_pct", value="400", low=50, high=150) == (
        "Capaciteit (% van de cliënten van vorig jaar): 400 valt buiten het toegestane bereik 50 tot en met 150.")
    assert "outside the allowed range 50 to 150" in say("err_out_of_range", "en", field="capacity_pct", value="400",
                                                        low=50, high=150)
    assert say("finding_wrong_pocket", "nl", cost_eur=1234.5, saving_eur=2e6).count("€") == 2
    assert team_label("provider_2", "en") == "Provider 2"
    # a field the client made up is named as sent (it has no words), never a missing key
    assert say("err_unknown_field", "en", field="bonus_eur", allowed="cofund_eur") == (
        "'bonus_eur' is not part of your role; allowed: cofund_eur.")


@pytest.fixture
def svc(tmp_path):
    store = Storage(f"sqlite:///{tmp_path / 'g.sqlite'}")
    yield GameService(store)
    store.dispose()


def _select(view, label: str) -> pn.widgets.Select:
    """The one select with this label on a page, as a reader (or a screen reader) finds it."""
    found = [w for w in pn.panel(view).select(pn.widgets.Select) if w.label == label]
    assert len(found) == 1, (label, [w.label for w in pn.panel(view).select(pn.widgets.Select)])
    return found[0]


def _button(view, label: str) -> pn.widgets.Button:
    found = [b for b in pn.panel(view).select(pn.widgets.Button) if b.label == label and b.visible]
    assert len(found) == 1, (label, [b.label for b in pn.panel(view).select(pn.widgets.Button)])
    return found[0]


def _html(view) -> str:
    """Every HTML and Markdown pane's text on a page that is shown (a hidden part of the page does not count)."""
    def shown(obj, path):
        return all(getattr(o, "visible", True) for o in path)
    root = pn.panel(view)
    out, stack = [], [(root, [root])]
    while stack:
        obj, path = stack.pop()
        if not shown(obj, path):
            continue
        if isinstance(obj, pn.pane.HTML | pn.pane.Markdown):
            out.append(str(obj.object))
        for child in getattr(obj, "objects", []):
            child = pn.panel(child)
            stack.append((child, [*path, child]))
    return "\n".join(out)


def _poll(view) -> None:
    """What the served page does every second: read the version, refresh when it moved."""
    if view.state.poll():
        view.refresh()


def test_participant_text_is_escaped_on_the_console_and_the_team_page(svc):
    trainer = TrainerGame(svc)
    view = TrainerView(state=trainer)
    assert trainer.create(GameConfig(municipality="Tiel", sample=120), title=HOSTILE)
    team = TeamGame(svc)
    assert team.join(trainer.info.code, "provider_1", HOSTILE[:30])
    view.refresh()
    console = _html(view)
    assert "<img" not in console and console.count("&lt;img") == 2  # the title in the head, the name in the teams
    page = TeamView(state=team)
    assert "&lt;img" in _html(page) and "<img" not in _html(page)


def test_roles_see_only_what_they_would_know(svc):
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120))
    svc.advance(g.trainer_secret)
    years = svc.years(g.game_id)
    revenue = years[-1].outcome["providers"][0]["revenue"]
    from zorglab.core.formatting import format_eur

    shown = format_eur(revenue, 0)
    assert shown in role_view("provider_1", years, None, "nl")
    assert shown not in role_view("municipality", years, None, "nl")  # margins are the provider's business
    assert "gezond" in role_view("municipality", years, None, "nl")  # ... but the contract manager sees the status


def test_language_switch_rewords_the_team_page_and_keeps_its_values(svc):
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120))
    team = TeamGame(svc)
    assert team.join(svc.game(g.game_id).code, "municipality", "Inkoop")
    page = TeamView(state=team)
    _select(page, "Bekostigingsmodel").value = "lumpsum"
    assert _button(page, "Besluit opslaan")
    team.language = "en"
    assert _button(page, "Save decision")
    funding = _select(page, "Funding model")
    assert funding.value == "lumpsum" and "Task-based (lump sum)" in funding.options  # the choice stays, reworded


def test_a_refused_decision_keeps_the_form_and_says_why(svc):
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120))
    team = TeamGame(svc)
    team.join(svc.game(g.game_id).code, "provider_1", "A")
    assert not team.submit({"capacity_pct": 999})
    assert team.message["key"] == "err_out_of_range" and team.message["high"] == 150


def test_the_game_is_served_and_linked_from_the_index():
    assert "purchasing_game" in APPS and (apps_dir() / "purchasing_game.py").exists()
    index = (apps_dir() / "index.html").read_text(encoding="utf-8")
    assert 'href="./purchasing_game"' in index


def test_shipped_examples_are_reproducible():
    for key, rel in export.EXAMPLES.items():
        shipped = json.loads((REPO_ROOT / rel).read_text(encoding="utf-8"))
        # the same numbers (to 1e-9: floating-point sums may differ in the last digits between machines)
        assert _differences(export.play_example(key), shipped) == [], \
            f"{rel}: regenerate with python -m zorglab.services.game.export"


def _differences(a, b, path="") -> list[str]:
    """Paths where two JSON documents differ (floats compared to a relative 1e-9)."""
    import math

    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return [f"{path}: keys {sorted(set(a) ^ set(b))}"]
        return [d for k in a for d in _differences(a[k], b[k], f"{path}/{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: length {len(a)} != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    if isinstance(a, float) or isinstance(b, float):
        ok = isinstance(a, int | float) and isinstance(b, int | float) and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
        return [] if ok else [f"{path}: {a} != {b}"]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_the_console_lists_the_game_assumptions_from_the_registry(svc, monkeypatch):
    import dataclasses

    from zorglab.domain import assumptions as A

    trainer = TrainerGame(svc)
    assert trainer.create(GameConfig(municipality="Tiel", sample=120))
    view = TrainerView(state=trainer)
    view.open_tab("tab_assumptions")
    html = _html(view)
    assert len(A.GAME_ASSUMPTIONS) == html.count("<tr>") - 1  # one row per registry line (plus the header)
    # a few lines worked out: 2% trend, EUR 2,500 per client, 6 hours per MDO, -5% bankrupt, 0.67 severe
    for text in ("Autonome groei van de vraag per jaar</td><td>2%", "€ 2.500", "6 uur", "-5%", "0,67",
                 "Proeftuin Ruwaard", "Regio Rivierenland", "Illustratieve lesaanname"):
        assert text in html, text
    trainer.language = "en"
    html = _html(view)
    assert "Autonomous growth of demand per year</td><td>2%" in html and "6 hours" in html
    assert "Illustrative teaching assumption" in html
    # what the console shows is the registry: a changed line shows its new value
    monkeypatch.setattr(A, "GAME_ASSUMPTIONS", tuple(
        dataclasses.replace(a, value=0.03) if a.key == "game_demand_trend" else a for a in A.GAME_ASSUMPTIONS))
    trainer.language = "nl"
    assert "Autonome groei van de vraag per jaar</td><td>3%" in _html(view)


def test_the_console_tab_bar_keeps_the_open_tab_across_a_language_switch(svc):
    trainer = TrainerGame(svc)
    assert trainer.create(GameConfig(municipality="Tiel", sample=120))
    view = TrainerView(state=trainer)
    bar = [w for w in pn.panel(view).select(pn.widgets.RadioButtonGroup) if "Dashboard" in w.options][0]
    assert list(bar.options) == ["Console", "Dashboard", "Nabespreking", "Aannames"]
    bar.value = "tab_debrief"
    trainer.language = "en"
    assert list(bar.options) == ["Console", "Dashboard", "Debrief", "Assumptions"] and bar.value == "tab_debrief"
    shown = _html(view)
    assert "No year played yet." in shown and "The world over the years" not in shown  # the dashboard stays hidden


@pytest.fixture
def provider_phones(svc):
    """Two phones in team provider_1 (Anna, Bram), as served pages: a save, then each page's poll."""
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120, n_providers=2))
    code = svc.game(g.game_id).code
    anna, bram = TeamGame(svc), TeamGame(svc)
    assert anna.join(code, "provider_1", "Anna") and bram.join(code, "provider_1", "Bram")
    return g, TeamView(state=anna), TeamView(state=bram)


CAPACITY, INTAKE, HOURS = ("Capaciteit (% van de cliënten van vorig jaar)", "Intakebeleid",
                            "Uren per cliënt (% van wat de prikkel geeft)")


def test_a_teammates_save_reaches_a_phone_where_nothing_was_typed(svc, provider_phones):
    g, pa, pb = provider_phones
    assert _select(pb, CAPACITY).value == 100  # nothing saved yet: the default is in force
    _select(pa, CAPACITY).value = 120
    _select(pa, INTAKE).value = "selective"
    _button(pa, "Besluit opslaan").clicks += 1  # Anna saves
    assert pa.state.message["key"] == "msg_saved"
    _poll(pb)  # Bram's page: the version moved, the team's decision is read and shown (Bram typed nothing)
    assert (_select(pb, CAPACITY).value, _select(pb, INTAKE).value) == (120, "selective")
    assert pb.state.message["key"] == "msg_team_updated"
    _poll(pa)  # Anna's own save is no news to Anna
    assert pa.state.message["key"] == "msg_saved" and _select(pa, CAPACITY).value == 120


def test_a_teammates_save_never_overwrites_typing_and_can_be_loaded(svc, provider_phones):
    g, pa, pb = provider_phones
    _select(pb, HOURS).value = 90  # Bram is typing ...
    _select(pa, CAPACITY).value = 80
    _button(pa, "Besluit opslaan").clicks += 1  # ... while Anna saves
    _poll(pb)
    assert (_select(pb, HOURS).value, _select(pb, CAPACITY).value) == (90, 100)  # Bram's typing stays
    assert pb.state.message["key"] == "msg_team_changed"
    pb.state.message = {}
    _poll(pb)  # no further change: no second warning
    assert pb.state.message == {}
    _button(pb, "Toon het besluit van mijn team").clicks += 1  # Bram chooses the team's decision: Anna's 80%, default hours
    assert (_select(pb, CAPACITY).value, _select(pb, HOURS).value) == (80, 100)
    assert [b for b in pn.panel(pb).select(pn.widgets.Button) if b.label == "Toon het besluit van mijn team" and b.visible] == []
    _select(pb, HOURS).value = 110
    _button(pb, "Besluit opslaan").clicks += 1  # Bram saves: Anna (who typed nothing since her save) sees it
    _poll(pa)
    assert (_select(pa, HOURS).value, _select(pa, CAPACITY).value) == (110, 80)
    assert svc.decided(g.game_id, 1)["provider_1"]["hours_pct"] == 110


def test_the_area_teams_case_assignments_reach_the_other_phone(svc):
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120, n_providers=2))
    code = svc.game(g.game_id).code
    wijk1, wijk2 = TeamGame(svc), TeamGame(svc)
    assert wijk1.join(code, "area_team", "Wijk een") and wijk2.join(code, "area_team", "Wijk twee")
    w1, w2 = TeamView(state=wijk1), TeamView(state=wijk2)
    case = svc.game(g.game_id).cases[1][0]
    assign, mdo = f"Naar welke aanbieder? ({case})", "MDO voor zware casussen (%)"
    assert _select(w1, assign).options == {"Aanbieder 1": 1, "Aanbieder 2": 2}
    _select(w1, assign).value = 2
    _select(w1, mdo).value = 30
    _button(w1, "Besluit opslaan").clicks += 1
    _poll(w2)
    assert (_select(w2, assign).value, _select(w2, mdo).value) == (2, 30)


def test_every_game_page_has_the_suites_language_switch(svc):
    from zorglab.ui.game_views import GameApp
    from zorglab.ui.language import SWITCH_LABEL

    app = GameApp(trainer=TrainerGame(svc), team=TeamGame(svc))
    switch = [w for w in pn.panel(app).select(pn.widgets.RadioButtonGroup) if w.label == SWITCH_LABEL]
    assert len(switch) == 1 and list(switch[0].options) == ["Nederlands", "English"]
    switch[0].value = "en"
    assert (app.team.language, app.trainer.language) == ("en", "en")  # one language for the whole page
    assert _button(app, "Join a team") and _button(app, "New game (trainer)")
    app.show_trainer()
    switch = [w for w in pn.panel(app).select(pn.widgets.RadioButtonGroup) if w.label == SWITCH_LABEL]
    assert switch[0].value == "en" and _button(app, "Start game")
