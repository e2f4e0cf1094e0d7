"""The purchasing game's words and views without a browser: every code worded in both languages, participant
text escaped, the language switch, the suite's index and server list, the shipped example reproducible."""

from __future__ import annotations

import json

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


@pytest.fixture
def svc(tmp_path):
    store = Storage(f"sqlite:///{tmp_path / 'g.sqlite'}")
    yield GameService(store)
    store.dispose()


def test_participant_text_is_escaped_on_the_console_and_the_team_page(svc):
    trainer = TrainerGame(svc)
    view = TrainerView(state=trainer)
    assert trainer.create(GameConfig(municipality="Tiel", sample=120), title=HOSTILE)
    team = TeamGame(svc)
    assert team.join(trainer.info.code, "provider_1", HOSTILE[:30])
    view.refresh()
    assert "<img" not in view._head.object and "&lt;img" in view._head.object
    assert "<img" not in view._teams.object and "&lt;img" in view._teams.object
    page = TeamView(state=team)
    assert "&lt;img" in page._status.object and "<img" not in page._status.object


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


def test_language_switch_rewords_the_team_page(svc):
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120))
    team = TeamGame(svc)
    assert team.join(svc.game(g.game_id).code, "municipality", "Inkoop")
    page = TeamView(state=team)
    assert page._save.label == "Besluit opslaan"
    team.language = "en"
    assert page._save.label == "Save decision"
    assert page._widgets["funding"].name == "Funding model"


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
    html = view._assumptions.object
    assert len(A.GAME_ASSUMPTIONS) == html.count("<tr>") - 1  # one row per registry line (plus the header)
    # a few lines worked out: 2% trend, EUR 2,500 per client, 6 hours per MDO, -5% bankrupt, 0.67 severe
    for text in ("Autonome groei van de vraag per jaar</td><td>2%", "€ 2.500", "6 uur", "-5%", "0,67",
                 "Proeftuin Ruwaard", "Regio Rivierenland", "Illustratieve lesaanname"):
        assert text in html, text
    trainer.language = "en"
    html = view._assumptions.object
    assert "Autonomous growth of demand per year</td><td>2%" in html and "6 hours" in html
    assert "Illustrative teaching assumption" in html
    # what the console shows is the registry: a changed line shows its new value
    monkeypatch.setattr(A, "GAME_ASSUMPTIONS", tuple(
        dataclasses.replace(a, value=0.03) if a.key == "game_demand_trend" else a for a in A.GAME_ASSUMPTIONS))
    trainer.language = "nl"
    assert "Autonome groei van de vraag per jaar</td><td>3%" in view._assumptions.object


def test_a_teammates_saved_decision_reaches_the_other_phone_without_overwriting_typing(svc):
    """Two phones in team provider_1 (Anna, Bram) and two in the area team, driven like the served page:
    a save, then each page's one-integer poll (``_poll``, every second when served)."""
    g = svc.create_game(GameConfig(municipality="Tiel", sample=120, n_providers=2))
    code = svc.game(g.game_id).code
    anna, bram = TeamGame(svc), TeamGame(svc)
    assert anna.join(code, "provider_1", "Anna") and bram.join(code, "provider_1", "Bram")
    pa, pb = TeamView(state=anna), TeamView(state=bram)
    assert pb._widgets["capacity_pct"].value == 100  # nothing saved yet: the default is in force

    pa._widgets["capacity_pct"].value = 120
    pa._widgets["intake"].value = "selective"
    pa._save.clicks += 1  # Anna saves
    assert anna.message["key"] == "msg_saved"
    pb._poll()  # Bram's page: the version moved, the team's decision is read and shown (Bram typed nothing)
    assert (pb._widgets["capacity_pct"].value, pb._widgets["intake"].value) == (120, "selective")
    assert bram.message["key"] == "msg_team_updated" and not pb._load.visible
    pa._poll()  # Anna's own save is no news to Anna
    assert anna.message["key"] == "msg_saved" and pa._widgets["capacity_pct"].value == 120

    pb._widgets["hours_pct"].value = 90  # Bram is typing ...
    pa._widgets["capacity_pct"].value = 80
    pa._save.clicks += 1  # ... while Anna saves again
    pb._poll()
    assert (pb._widgets["hours_pct"].value, pb._widgets["capacity_pct"].value) == (90, 120)  # Bram's typing stays
    assert bram.message["key"] == "msg_team_changed" and pb._load.visible
    bram.message = {}
    pb._poll()  # no further change: no second warning
    assert bram.message == {}
    pb.load_team_decision()  # Bram chooses the team's decision: Anna's 80%, the default 100% hours
    assert (pb._widgets["capacity_pct"].value, pb._widgets["hours_pct"].value) == (80, 100)
    assert not pb._load.visible

    pb._widgets["hours_pct"].value = 110
    pb._save.clicks += 1  # Bram saves: Anna (who typed nothing since her save) sees it
    pa._poll()
    assert (pa._widgets["hours_pct"].value, pa._widgets["capacity_pct"].value) == (110, 80)
    assert svc.decided(g.game_id, 1)["provider_1"]["hours_pct"] == 110

    # the area team's case assignments travel the same way
    wijk1, wijk2 = TeamGame(svc), TeamGame(svc)
    assert wijk1.join(code, "area_team", "Wijk een") and wijk2.join(code, "area_team", "Wijk twee")
    w1, w2 = TeamView(state=wijk1), TeamView(state=wijk2)
    case = svc.game(g.game_id).cases[1][0]
    w1._widgets["cases"][case].value = 2
    w1._widgets["mdo_pct"].value = 30
    w1._save.clicks += 1
    w2._poll()
    assert (w2._widgets["cases"][case].value, w2._widgets["mdo_pct"].value) == (2, 30)
