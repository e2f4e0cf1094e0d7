"""The purchasing game's tables and actions on a real PostgreSQL server (the server of tests/test_postgres.py).

Set up, join, decide (two members of one team at the same time), trigger events, advance a year, read it
back through a fresh engine (a restarted server), and the same year as on SQLite.
"""

from __future__ import annotations

import threading

import pytest

from tests.test_postgres import postgres_server
from zorglab.services.game.errors import ErrorCode, GameError
from zorglab.services.game.model import Event, GameConfig, GameStatus
from zorglab.services.game.service import GameService
from zorglab.services.intervision.storage import Storage

pytestmark = pytest.mark.xdist_group("postgres")  # the one server of tests/test_postgres.py
CONFIG = GameConfig(region="Rivierenland", municipality="Tiel", rounds=3, n_providers=2, insurer=True, sample=120)


@pytest.fixture
def pg_url():
    return postgres_server().new_database()


def _play_one_year(svc: GameService):
    """Create, join every team, decide, trigger an event and advance: the same calls on any database."""
    g = svc.create_game(CONFIG, title="PG")
    code = svc.game(g.game_id).code
    tokens = {team: svc.join(code, team, f"speler {team}")[1] for team in CONFIG.teams()}
    svc.submit(tokens["municipality"], {"funding": "output", "price_factor": 0.9})
    svc.submit(tokens["provider_1"], {"capacity_pct": 110, "intake": "selective"})
    svc.submit(tokens["provider_1"], {"capacity_pct": 120, "intake": "selective"})  # replaces the first
    cases = svc.game(g.game_id).cases[1]
    svc.submit(tokens["area_team"], {"assignments": {c: 1 for c in cases}, "mdo_pct": 20})
    svc.trigger_event(g.trainer_secret, Event.DEMAND_RISE)
    svc.trigger_event(g.trainer_secret, "demand_rise")  # twice is once
    return g, tokens, svc.advance(g.trainer_secret)


def test_a_game_year_on_postgres_is_stored_and_read_back_by_a_new_engine(pg_url, tmp_path):
    store = Storage(pg_url)
    try:
        svc = GameService(store)
        assert store.engine.dialect.name == "postgresql"
        g, tokens, y1 = _play_one_year(svc)
        code = svc.game(g.game_id).code
        with pytest.raises(GameError) as e:  # 'Speler  MUNICIPALITY' is the same name (case, spaces)
            svc.join(code, "insurer", "Speler  MUNICIPALITY")
        assert e.value.code == ErrorCode.NAME_TAKEN
        assert y1.decisions["provider_1"]["capacity_pct"] == 120
        assert y1.outcome["events"] == ["demand_rise"]
        # half stay with last year's provider (1/2), half follow the 3 cases: (1 + 3) / (4 + 1) = 0.8
        # -> 0.5 x 0.5 + 0.5 x 0.8 = 0.65 (as on SQLite, tests/test_game_service.py)
        assert y1.outcome["providers"][0]["share"] == pytest.approx(0.65)
    finally:
        store.dispose()

    store2 = Storage(pg_url)  # a restarted server: everything comes back from PostgreSQL
    try:
        svc2 = GameService(store2)
        info = svc2.game_for_trainer(g.trainer_secret)
        assert (info.round, info.status) == (2, GameStatus.DECIDING)
        assert svc2.member(tokens["provider_1"]).team == "provider_1"
        assert svc2.events(g.game_id) == [(1, "demand_rise")]
        ys = svc2.years(g.game_id)
        assert [y.round for y in ys] == [0, 1]
        assert ys[1].outcome["clients"] == pytest.approx(y1.outcome["clients"])
        assert ys[1].state.providers[0].reserves == pytest.approx(y1.outcome["providers"][0]["reserves"])
        assert svc2.decided(g.game_id, 1)["provider_1"]["capacity_pct"] == 120
        svc2.submit(tokens["municipality"], {"funding": "lumpsum", "corridor": True})
        y2 = svc2.advance(g.trainer_secret)
        assert y2.decisions["municipality"]["funding"] == "lumpsum"
        assert y2.decisions["provider_1"]["capacity_pct"] == 120  # last year's stays in force
        assert y2.decisions["area_team"]["assignments"] == {}  # new cases: assignments never carry over
        version = svc2.version(g.game_id)
        svc2.advance(g.trainer_secret)
        assert svc2.game(g.game_id).status == GameStatus.FINISHED and svc2.version(g.game_id) == version + 1
    finally:
        store2.dispose()

    sqlite = Storage(f"sqlite:///{tmp_path / 'game.sqlite'}")  # the same calls on SQLite: the same year
    try:
        _, _, y1_sqlite = _play_one_year(GameService(sqlite))
    finally:
        sqlite.dispose()
    assert y1_sqlite.outcome["clients"] == pytest.approx(y1.outcome["clients"])
    assert y1_sqlite.outcome["municipality"]["total"] == pytest.approx(y1.outcome["municipality"]["total"])


def test_simultaneous_first_decisions_of_one_team_and_events_do_not_clash_on_postgres(pg_url):
    """Two phones of one team save the round's first decision at the same moment (and the trainer clicks an
    event twice): PostgreSQL does not serialise writers like SQLite, so without a lock on the game row both
    would insert and one would hit the unique constraint."""
    store = Storage(pg_url)
    try:
        svc = GameService(store)
        for trial in range(5):  # a race: five tries make a missing lock fail (it did: UniqueViolation)
            g = svc.create_game(CONFIG)
            code = svc.game(g.game_id).code
            phones = [svc.join(code, "provider_1", f"telefoon {i}")[1] for i in range(5)]
            start, errors = threading.Barrier(7), []

            def decide(i, phones=phones, start=start, errors=errors):
                start.wait()
                try:
                    svc.submit(phones[i], {"capacity_pct": 100 + 10 * i})
                except Exception as err:  # noqa: BLE001 - collected and reported below
                    errors.append(err)

            def click(g=g, start=start, errors=errors):
                start.wait()
                try:
                    svc.trigger_event(g.trainer_secret, Event.WAGE_RISE)
                except Exception as err:  # noqa: BLE001
                    errors.append(err)
            threads = [threading.Thread(target=decide, args=(i,)) for i in range(5)]
            threads += [threading.Thread(target=click) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert errors == [], f"try {trial}"
            stored = svc.decided(g.game_id, 1)["provider_1"]["capacity_pct"]
            assert stored in (100, 110, 120, 130, 140)  # one of the five, whichever came last
            assert svc.events(g.game_id) == [(1, "wage_rise")]
            # create (version 0), then 5 joins + 5 decisions + 1 event (the second click adds nothing) = 11
            assert svc.version(g.game_id) == 11
    finally:
        store.dispose()


def test_simultaneous_joins_respect_the_team_cap_on_postgres(pg_url):
    """Eight phones join one team at the same moment: MEMBERS_PER_TEAM (5) get in, three hear the team is full."""
    store = Storage(pg_url)
    try:
        svc = GameService(store)
        g = svc.create_game(CONFIG)
        code = svc.game(g.game_id).code
        start, results = threading.Barrier(8), []

        def join(i):
            start.wait()
            try:
                svc.join(code, "area_team", f"wijk {i}")
                results.append("in")
            except GameError as err:
                results.append(err.code)
        threads = [threading.Thread(target=join, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(results, key=str) == sorted(["in"] * 5 + [ErrorCode.TEAM_FULL] * 3, key=str)
        assert len(svc.members(g.game_id)) == 5
    finally:
        store.dispose()
