"""The purchasing game's service and storage on a real SQLite file: validation, rounds, restart, exports."""

from __future__ import annotations

import csv
import io
import json

import pytest

from zorglab.services.game import export
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.model import RANGES, Event, GameConfig, GameStatus, Role, parse_decision
from zorglab.services.game.service import GameService
from zorglab.services.intervision.storage import Storage

CONFIG = GameConfig(region="Rivierenland", municipality="Tiel", rounds=3, n_providers=2, insurer=True, sample=120)


@pytest.fixture
def db(tmp_path):
    return f"sqlite:///{tmp_path / 'game.sqlite'}"


@pytest.fixture
def svc(db):
    store = Storage(db)
    yield GameService(store)
    store.dispose()


@pytest.fixture
def game(svc):
    g = svc.create_game(CONFIG, title="Test")
    code = svc.game(g.game_id).code
    tokens = {team: svc.join(code, team, f"speler {team}")[1] for team in CONFIG.teams()}
    return g, code, tokens


def err(excinfo) -> GameError:
    return excinfo.value


def test_out_of_range_names_the_allowed_range(svc, game):
    _, _, tokens = game
    with pytest.raises(GameError) as e:
        svc.submit(tokens["provider_1"], {"capacity_pct": 400})
    assert err(e).code == ErrorCode.OUT_OF_RANGE
    assert (err(e).params["low"], err(e).params["high"]) == RANGES["capacity_pct"] == (50, 150)
    with pytest.raises(GameError) as e:
        svc.submit(tokens["municipality"], {"price_factor": float("nan")})
    assert err(e).code == ErrorCode.OUT_OF_RANGE and err(e).params["field"] == "price_factor"


def test_unknown_choices_fields_and_wrong_types_are_refused(svc, game):
    _, _, tokens = game
    cases = [({"funding": "gratis"}, ErrorCode.UNKNOWN_CHOICE), ({"corridor": "ja"}, ErrorCode.NOT_YES_NO),
             ({"budget": 3}, ErrorCode.UNKNOWN_FIELD), ({"price_factor": True}, ErrorCode.OUT_OF_RANGE)]
    for raw, code in cases:
        with pytest.raises(GameError) as e:
            svc.submit(tokens["municipality"], raw)
        assert err(e).code == code, raw
    with pytest.raises(GameError) as e:  # a provider cannot send the municipality's decision
        svc.submit(tokens["provider_1"], {"funding": "lumpsum"})
    assert err(e).code == ErrorCode.UNKNOWN_FIELD
    with pytest.raises(GameError) as e:  # the area team assigns only this round's cases, to existing providers
        svc.submit(tokens["area_team"], {"assignments": {"XXX-99": 1}})
    assert err(e).code == ErrorCode.UNKNOWN_CHOICE
    case = svc.game(game[0].game_id).cases[1][0]
    with pytest.raises(GameError) as e:
        svc.submit(tokens["area_team"], {"assignments": {case: 3}})
    assert err(e).code == ErrorCode.OUT_OF_RANGE and err(e).params["high"] == 2


def test_set_up_is_validated():
    for cfg, code in [(GameConfig(region="Atlantis"), ErrorCode.UNKNOWN_REGION),
                      (GameConfig(municipality="Oss"), ErrorCode.UNKNOWN_MUNICIPALITY),
                      (GameConfig(rounds=9), ErrorCode.OUT_OF_RANGE), (GameConfig(n_providers=0), ErrorCode.OUT_OF_RANGE)]:
        with pytest.raises(GameError) as e:
            GameService.__new__(GameService).create_game(cfg)
        assert err(e).code == code


def test_join_rules(svc, game):
    _, code, _ = game
    with pytest.raises(GameError) as e:
        svc.join(code, "provider_9", "x")
    assert err(e).code == ErrorCode.UNKNOWN_TEAM
    with pytest.raises(GameError) as e:
        svc.join(code, "provider_1", "Speler MUNICIPALITY")  # same name, other case
    assert err(e).code == ErrorCode.NAME_TAKEN
    with pytest.raises(GameError) as e:
        svc.join(code, "provider_1", "\u200b ")
    assert err(e).code == ErrorCode.NAME_EMPTY
    with pytest.raises(GameError) as e:
        svc.join("ZZZZZZ", "provider_1", "nieuw")
    assert err(e).code == ErrorCode.UNKNOWN_CODE
    for i in range(4):  # a team holds five people
        svc.join(code, "provider_2", f"lid {i}")
    with pytest.raises(GameError) as e:
        svc.join(code, "provider_2", "lid zes")
    assert err(e).code == ErrorCode.TEAM_FULL


def test_trainer_actions_need_the_secret(svc, game):
    with pytest.raises(GameError) as e:
        svc.advance("not-the-secret")
    assert err(e).code == ErrorCode.NOT_AUTHORISED
    with pytest.raises(GameError) as e:
        svc.trigger_event(game[0].trainer_secret, "meteor")
    assert err(e).code == ErrorCode.UNKNOWN_EVENT


def test_three_rounds_end_to_end_with_restart(db, game, svc):
    g, code, tokens = game
    svc.submit(tokens["municipality"], {"funding": "output", "price_factor": 0.9})
    svc.submit(tokens["provider_1"], {"capacity_pct": 110, "intake": "selective"})
    svc.submit(tokens["provider_1"], {"capacity_pct": 120, "intake": "selective"})  # a later submit replaces it
    cases = svc.game(g.game_id).cases[1]
    svc.submit(tokens["area_team"], {"assignments": {c: 1 for c in cases}, "mdo_pct": 20})
    svc.trigger_event(g.trainer_secret, Event.DEMAND_RISE)
    svc.trigger_event(g.trainer_secret, "demand_rise")  # twice is once
    y1 = svc.advance(g.trainer_secret)
    assert y1.decisions["provider_1"]["capacity_pct"] == 120
    assert y1.decisions["provider_2"]["capacity_pct"] == 100  # did not decide: the default
    assert y1.outcome["events"] == ["demand_rise"] and y1.outcome["funding"] == "output"
    # half stay with last year's provider (1/2), half follow the cases: (1 + 3) / (4 + 1) -> 0.5 x 0.5 + 0.5 x 0.8
    assert y1.outcome["providers"][0]["share"] == pytest.approx(0.65)
    svc.storage.dispose()  # the server stops ...

    store = Storage(db)  # ... and a new process opens the same database
    try:
        svc2 = GameService(store)
        info = svc2.game_for_trainer(g.trainer_secret)
        assert info.round == 2 and info.status == GameStatus.DECIDING
        assert svc2.member(tokens["provider_1"]).team == "provider_1"
        y2 = svc2.advance(g.trainer_secret)
        # nobody decided in round 2: last year's decisions stay in force, the case assignments do not
        assert y2.decisions["municipality"]["funding"] == "output"
        assert y2.decisions["area_team"]["assignments"] == {}
        svc2.submit(tokens["municipality"], {"funding": "lumpsum", "corridor": True})
        svc2.advance(g.trainer_secret)
        assert svc2.game(g.game_id).status == GameStatus.FINISHED
        with pytest.raises(GameError) as e:
            svc2.advance(g.trainer_secret)
        assert err(e).code == ErrorCode.GAME_FINISHED
        with pytest.raises(GameError) as e:
            svc2.submit(tokens["municipality"], {"funding": "pxq"})
        assert err(e).code == ErrorCode.GAME_FINISHED
        ys = svc2.years(g.game_id)
        assert [y.round for y in ys] == [0, 1, 2, 3]
        # the stored state is the state the next year started from
        assert ys[2].state.providers[0].reserves == pytest.approx(ys[2].outcome["providers"][0]["reserves"])
    finally:
        store.dispose()


def test_exports_are_strict_json_and_dutch_csv(svc):
    g = svc.create_game(CONFIG, title="=HYPERLINK(\"http://x\")")
    code = svc.game(g.game_id).code
    _, tok = svc.join(code, "municipality", "inkoop")
    svc.submit(tok, {"funding": "pxq", "price_factor": 1.1})
    svc.advance(g.trainer_secret)
    text = export.game_json(svc, g.game_id)
    doc = json.loads(text, parse_constant=lambda c: pytest.fail(f"non-strict JSON constant {c}"))
    assert doc["game"]["teams"]["municipality"] == 1 and "inkoop" not in text  # counts, never pseudonyms
    assert export.read_game_json(text)["years"][1]["decisions"]["municipality"]["price_factor"] == 1.1
    csv_text = export.years_csv(doc)
    assert csv_text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(csv_text[1:]), delimiter=";"))
    assert rows[0][:3] == ["game", "title", "region"]
    assert all(r[1].startswith("'=") for r in rows[1:])  # formula neutralised
    spend = rows[1][rows[0].index("spend")]
    assert "," in spend and "." not in spend  # decimal comma
    with pytest.raises(GameError):
        export.read_game_json('{"kind": "something else"}')


def test_parse_decision_defaults_and_roles():
    d = parse_decision(Role.PROVIDER, {"hours_pct": "85"})
    assert d.hours_pct == 85 and d.capacity_pct == 100


def test_trainer_tickets_are_one_time_and_console_tokens_open_the_game(svc):
    g = svc.create_game(CONFIG)
    ticket = svc.login_ticket(g.trainer_secret)
    gid, token = svc.redeem_ticket(ticket)
    assert gid == g.game_id and svc.game_for_trainer(token).game_id == g.game_id  # the cookie's token works
    with pytest.raises(GameError) as e:  # a ticket works once
        svc.redeem_ticket(ticket)
    assert err(e).code == ErrorCode.NOT_AUTHORISED
    assert svc.redeem_ticket(svc.login_ticket(token))[0] == g.game_id  # the cookie turns into a fresh ticket
    svc.logout(token)
    with pytest.raises(GameError):
        svc.game_for_trainer(token)
    assert svc.game_for_trainer(g.trainer_secret).game_id == g.game_id  # the saved link keeps working
    with pytest.raises(GameError):
        svc.login_ticket("made-up")
