"""Intervision storage, service, statistics and exports against a real SQLite database in WAL mode."""

from __future__ import annotations

import multiprocessing as mp
import threading

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zorglab.domain.agreement import agreement_summary
from zorglab.domain.cases import STAKEHOLDERS, get_case
from zorglab.domain.catalogue import harmonise, harmonised_products, price_list, products
from zorglab.domain.vocabulary import ArenaRole
from zorglab.services.intervision import export, render, security, stats
from zorglab.services.intervision.errors import (
    DuplicatePseudonymError,
    InvalidInputError,
    JoinRateLimitedError,
    NotAuthorisedError,
    RoundClosedError,
    UnknownCodeError,
    UnknownParticipantError,
)
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import RATIONALE_MAX, Storage, default_url

CASES = ["RIV-01", "RIV-02"]


@pytest.fixture
def svc(tmp_path):
    store = Storage(f"sqlite:///{tmp_path / 'iv.sqlite'}")
    yield IntervisionService(store)
    store.dispose()


@pytest.fixture
def sess(svc):
    created = svc.create_session("Test", CASES, ["indicatie:old", "indicatie:harmonised", "mdo", "arena"])
    info = svc.session(created.session_id)
    return created, info


def indicatie(product, upw=2.0, rationale=""):
    return {"lines": [{"product": product, "units_per_week": upw, "weeks": 52}], "rationale": rationale}


def test_default_url_under_var_dir_and_env_override(monkeypatch, tmp_path):
    monkeypatch.delenv("ZORGLAB_DB_URL", raising=False)
    monkeypatch.setenv("ZORGLAB_VAR", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path / 'zorglab.sqlite'}"
    monkeypatch.setenv("ZORGLAB_DB_URL", "sqlite:////elsewhere/x.sqlite")
    assert default_url() == "sqlite:////elsewhere/x.sqlite"


def test_wal_mode_and_schema_created(svc):
    assert svc.storage.journal_mode() == "wal"
    with svc.storage.read() as conn:
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"iv_sessions", "iv_participants", "iv_rounds", "iv_answers", "iv_join_attempts",
            "iv_trainer_tokens"} <= names


def test_join_code_entropy_and_alphabet():
    codes = {security.new_join_code() for _ in range(2000)}
    assert len(codes) == 2000  # 31**6 ~ 8.9e8 codes: 2000 draws collide with probability ~0.2 %
    assert all(len(c) == 6 and set(c) <= set(security.CODE_ALPHABET) for c in codes)
    assert security.code_entropy_bits() > 29
    assert security.normalise_code(" abc-12 3") == "ABC123"


def test_full_round_trip_survives_restart(tmp_path):
    url = f"sqlite:///{tmp_path / 'restart.sqlite'}"
    a = IntervisionService(Storage(url))
    created = a.create_session("Restart", CASES, ["indicatie:old"])
    rid = a.session(created.session_id).rounds[0].round_id
    a.set_round(created.trainer_secret, created.session_id, rid, "open")
    tokens = [a.join(created.code, f"p{i}").token for i in range(3)]
    for t in tokens:
        a.submit(t, rid, "RIV-01", indicatie("WMO_BEG_IND"))
    a.storage.dispose()
    b = IntervisionService(Storage(url))  # a new engine, as after a server restart
    assert len(b.answers_frame(created.session_id)) == 3
    assert b.participant(tokens[0]).pseudonym == "p0"
    assert b.session_for_trainer(created.trainer_secret).session_id == created.session_id


def test_trainer_secret_needed_for_round_control(svc, sess):
    created, info = sess
    rid = info.rounds[0].round_id
    with pytest.raises(NotAuthorisedError):
        svc.set_round("wrong", created.session_id, rid, "open")
    other = svc.create_session("Other", CASES, ["mdo"])
    with pytest.raises(NotAuthorisedError):  # another session's secret does not control this one
        svc.set_round(other.trainer_secret, created.session_id, rid, "open")
    assert svc.session(created.session_id).rounds[0].status == "draft"
    assert svc.set_round(created.trainer_secret, created.session_id, rid, "open") == "open"


def test_opening_a_round_closes_the_other(svc, sess):
    created, info = sess
    r1, r2 = info.rounds[0].round_id, info.rounds[1].round_id
    svc.set_round(created.trainer_secret, created.session_id, r1, "open")
    svc.set_round(created.trainer_secret, created.session_id, r2, "open")
    statuses = {r.round_id: r.status for r in svc.session(created.session_id).rounds}
    assert statuses[r1] == "closed" and statuses[r2] == "open"


def test_join_errors(svc, sess):
    created, _ = sess
    svc.join(created.code.lower(), "Anna", "Contractmanager", "Tiel")
    with pytest.raises(DuplicatePseudonymError, match="al in gebruik"):
        svc.join(created.code, " anna ")  # case- and space-insensitive
    with pytest.raises(InvalidInputError, match="rol"):
        svc.join(created.code, "Bob", role="Hacker")
    with pytest.raises(InvalidInputError, match="gemeente"):
        svc.join(created.code, "Bob", municipality="Atlantis")
    with pytest.raises(InvalidInputError, match="maximaal 30"):
        svc.join(created.code, "x" * 31)
    with pytest.raises(UnknownCodeError):
        svc.join("ZZZZZZ" if created.code != "ZZZZZZ" else "YYYYYY", "Bob")
    assert len(svc.overview(created.session_id).participants) == 1


def test_wrong_codes_slow_the_guessing_page_but_never_lock_out_the_right_code(svc, sess):
    created, _ = sess
    wrong = "AAAAAA" if created.code != "AAAAAA" else "BBBBBB"
    # A whole room behind one address (NAT, proxy, localhost): 8 wrong codes from one page ...
    for i in range(8):
        try:
            svc.join(wrong, f"x{i}", client_key="10.0.0.1", page_key="page-guesser")
        except JoinRateLimitedError:
            break
        except UnknownCodeError:
            continue
    # ... the guessing page now waits before its next try is even looked at ...
    with pytest.raises(JoinRateLimitedError, match="Wacht"):
        svc.join(wrong, "again", client_key="10.0.0.1", page_key="page-guesser")
    # ... but everybody else behind that address gets in with the right code, at once.
    for i in range(5):
        assert svc.join(created.code, f"room{i}", client_key="10.0.0.1", page_key=f"page-{i}").number == i + 1
    assert svc.join(created.code, "zonder-pagina", client_key="10.0.0.1").number == 6  # service caller, no page


def test_a_guessing_address_makes_pages_wait_from_their_first_wrong_code(svc, sess):
    created, _ = sess
    wrong = "AAAAAA" if created.code != "AAAAAA" else "BBBBBB"
    for i in range(security.ADDRESS_FREE_FAILURES + 1):  # a guesser opening a fresh page per guess
        with pytest.raises(UnknownCodeError):
            svc.session_for_code(wrong, client_key="10.0.0.2", page_key=f"g{i}")
    with pytest.raises(UnknownCodeError):
        svc.session_for_code(wrong, client_key="10.0.0.2", page_key="typo-page")
    with pytest.raises(JoinRateLimitedError):  # one wrong code is enough to wait now ...
        svc.session_for_code(created.code, client_key="10.0.0.2", page_key="typo-page")
    # ... while a page that typed the right code first time gets in, and other addresses are not affected
    assert svc.session_for_code(created.code, client_key="10.0.0.2", page_key="fresh").session_id == created.session_id
    with pytest.raises(UnknownCodeError):
        svc.session_for_code(wrong, client_key="10.0.0.3", page_key="other")


def test_join_wait_grows_and_expires():
    assert security.join_wait(0, 0, 0) == 0
    assert [security.join_wait(n, 0, 0) for n in range(1, 7)] == [0, 0, 2, 4, 8, 16]
    assert security.join_wait(3, 0, 2.0) == 0  # waited long enough
    assert security.join_wait(20, 0, 0) == security.MAX_WAIT_S
    assert security.join_wait(1, security.ADDRESS_FREE_FAILURES + 1, 0) == 2


def test_submit_closed_round_double_submission_and_bad_input(svc, sess):
    created, info = sess
    rid = info.rounds[0].round_id
    token = svc.join(created.code, "Anna").token
    with pytest.raises(RoundClosedError):
        svc.submit(token, rid, "RIV-01", indicatie("WMO_BEG_IND"))
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    first = svc.submit(token, rid, "RIV-01", indicatie("WMO_BEG_IND"))
    second = svc.submit(token, rid, "RIV-01", indicatie("WMO_HH1", rationale="toch huishouden"))
    assert first.created and not second.created and second.revision == 2 and second.answer_id == first.answer_id
    df = svc.answers_frame(created.session_id)
    assert len(df) == 1 and df.iloc[0]["payload"]["lines"][0]["product"] == "WMO_HH1"
    with pytest.raises(InvalidInputError, match="JW_AMBULANT"):  # harmonised code in an old-catalogue round
        svc.submit(token, rid, "RIV-02", indicatie("JW_AMBULANT"))
    with pytest.raises(InvalidInputError, match="units_per_week"):
        svc.submit(token, rid, "RIV-02", indicatie("WMO_BEG_IND", upw=-1))
    with pytest.raises(InvalidInputError, match=str(RATIONALE_MAX)):
        svc.submit(token, rid, "RIV-02", indicatie("WMO_BEG_IND", rationale="x" * (RATIONALE_MAX + 1)))
    with pytest.raises(UnknownParticipantError):
        svc.submit("not-a-token", rid, "RIV-02", indicatie("WMO_BEG_IND"))
    with pytest.raises(Exception, match="RIV-01"):  # case not in this session: lists the valid ones
        svc.submit(token, rid, "OSS-01", indicatie("WMO_BEG_IND"))
    svc.set_round(created.trainer_secret, created.session_id, rid, "close")
    with pytest.raises(RoundClosedError):
        svc.submit(token, rid, "RIV-01", indicatie("WMO_BEG_IND"))
    assert svc.answers_frame(created.session_id).iloc[0]["payload"]["lines"][0]["product"] == "WMO_HH1"


def test_participant_cannot_submit_into_another_session(svc, sess):
    created, info = sess
    other = svc.create_session("Other", CASES, ["indicatie:old"])
    orid = svc.session(other.session_id).rounds[0].round_id
    svc.set_round(other.trainer_secret, other.session_id, orid, "open")
    token = svc.join(created.code, "Anna").token
    with pytest.raises(NotAuthorisedError):
        svc.submit(token, orid, "RIV-01", indicatie("WMO_BEG_IND"))


def test_answers_frame_is_anonymous(svc, sess):
    created, info = sess
    rid = info.rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    svc.submit(svc.join(created.code, "GeheimeNaam").token, rid, "RIV-01", indicatie("WMO_BEG_IND"))
    df = svc.answers_frame(created.session_id)
    assert "GeheimeNaam" not in df.to_csv()
    assert b"GeheimeNaam" not in export.answers_csv(svc, created.session_id)
    assert b"GeheimeNaam" not in export.session_json(svc, created.session_id)


def _worker(url, token, rid, n):
    s = IntervisionService(Storage(url))
    for i in range(n):
        s.submit(token, rid, "RIV-01" if i % 2 == 0 else "RIV-02", indicatie("WMO_BEG_IND", upw=1 + i))


def test_concurrent_threads_and_processes_lose_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'conc.sqlite'}"
    svc = IntervisionService(Storage(url))
    created = svc.create_session("Load", CASES, ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    tokens = [svc.join(created.code, f"p{i}").token for i in range(12)]
    threads = [threading.Thread(target=_worker, args=(url, t, rid, 4)) for t in tokens[:8]]
    procs = [mp.get_context("spawn").Process(target=_worker, args=(url, t, rid, 4)) for t in tokens[8:]]
    for w in threads + procs:
        w.start()
    for w in threads + procs:
        w.join(60)
    assert all(p.exitcode == 0 for p in procs)
    df = svc.answers_frame(created.session_id)
    # 12 participants x 2 cases = 24 unique answers; each submitted twice -> revision 2, no duplicates
    assert len(df) == 24 and set(df["revision"]) == {2}
    assert svc.overview(created.session_id).rounds.iloc[0]["n_participants"] == 12


def test_indicatie_reveal_matches_library(svc, sess):
    created, info = sess
    rid = info.rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    picks = {"a": ("WMO_BEG_IND", "WMO_HH1"), "b": ("WMO_BEG_IND", "WMO_HH1"), "c": ("WMO_BEG_GRP", "WMO_HH2")}
    for name, (p1, p2) in picks.items():
        t = svc.join(created.code, name).token
        svc.submit(t, rid, "RIV-01", indicatie(p1, upw=2))
        svc.submit(t, rid, "RIV-02", indicatie(p2, upw=3))
    rev = stats.indicatie_reveal(svc.answers_frame(created.session_id, rid))
    assert rev.counts.loc["RIV-01", "WMO_BEG_IND"] == 2 and rev.counts.loc["RIV-01", "WMO_BEG_GRP"] == 1
    # per case 2 of 3 agree: pct = 2/3 for both cases
    assert rev.summary["pct_agreement"] == pytest.approx(2 / 3)
    ratings = pd.DataFrame({"case_id": ["RIV-01"] * 3 + ["RIV-02"] * 3,
                            "product": ["WMO_BEG_IND", "WMO_BEG_IND", "WMO_BEG_GRP", "WMO_HH1", "WMO_HH1", "WMO_HH2"]})
    assert rev.summary["fleiss_kappa"] == pytest.approx(agreement_summary(ratings)["fleiss_kappa"])
    tariff = products().set_index("code")["tariff_eur"]
    cost = rev.ratings.set_index(["participant", "case_id"])["cost_eur"]
    assert cost.iloc[0] == pytest.approx(2 * 52 * tariff["WMO_BEG_IND"])
    # harmonised view: old products mapped through the library's harmonise()
    mapped = ratings.assign(product=harmonise(ratings["product"]).to_numpy())
    assert rev.summary_harmonised["fleiss_kappa"] == pytest.approx(agreement_summary(mapped)["fleiss_kappa"])


def test_mdo_reveal_costs_per_payer(svc, sess):
    created, info = sess
    rid = info.rounds[2].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    pl = price_list().set_index("activity")
    acts = list(pl.index[:2])
    for name, q in (("a", 10), ("b", 30)):
        svc.submit(svc.join(created.code, name).token, rid, "RIV-01",
                   {"supports": [{"activity": acts[0], "quantity": q}, {"activity": acts[1], "quantity": 1}],
                    "wellbeing_after": 7})
    rev = stats.mdo_reveal(svc.answers_frame(created.session_id, rid), [get_case("RIV-01")])
    row = rev.per_payer[(rev.per_payer["case_id"] == "RIV-01") & (rev.per_payer["payer"] == pl.loc[acts[0], "payer"])]
    expected = ((10 + 30) * pl.loc[acts[0], "unit_price_eur"]
                + (2 if pl.loc[acts[1], "payer"] == pl.loc[acts[0], "payer"] else 0) * pl.loc[acts[1], "unit_price_eur"]) / 2
    assert row["mean_cost_eur"].iloc[0] == pytest.approx(expected)
    assert rev.wellbeing["proposed_mean"].iloc[0] == 7


def test_arena_reveal_counts(svc, sess):
    created, info = sess
    rid = info.rounds[3].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    for name, role in (("a", ArenaRole.INVESTOR), ("b", ArenaRole.INVESTOR), ("c", ArenaRole.BENEFICIARY)):
        roles = dict.fromkeys(STAKEHOLDERS, ArenaRole.NEUTRAL.value) | {"gemeente": role.value}
        svc.submit(svc.join(created.code, name).token, rid, "RIV-01", {"roles": roles})
    with pytest.raises(InvalidInputError, match="missing"):
        svc.submit(svc.join(created.code, "d").token, rid, "RIV-01", {"roles": {"gemeente": "neutral"}})
    rev = stats.arena_reveal(svc.answers_frame(created.session_id, rid), [get_case("RIV-01")])
    g = rev.counts.set_index("stakeholder").loc["gemeente"]
    assert (g["investor"], g["beneficiary"], g["neutral"]) == (2, 1, 0)  # two chose 'invests', one 'benefits'
    assert rev.summary["cases"] == len(STAKEHOLDERS)


def test_arena_answers_stored_with_the_old_dutch_codes_are_still_read(svc, sess):
    """Databases of older versions hold investeerder / incasseerder / geen; they must read as today's codes."""
    import json

    from sqlalchemy import update

    from zorglab.services.intervision.storage import answers

    created, info = sess
    rid = info.rounds[3].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    old = dict.fromkeys(STAKEHOLDERS, "geen") | {"gemeente": "investeerder", "buurt": "incasseerder"}
    me = svc.join(created.code, "a")
    svc.submit(me.token, rid, "RIV-01", {"roles": dict.fromkeys(STAKEHOLDERS, "neutral")})
    svc.storage.transact(lambda conn: conn.execute(update(answers).values(payload=json.dumps({"roles": old}))))
    expected = dict.fromkeys(STAKEHOLDERS, "neutral") | {"gemeente": "investor", "buurt": "beneficiary"}
    assert svc.answers_frame(created.session_id, rid)["payload"].iloc[0]["roles"] == expected
    assert svc.own_answers(me.token, rid)["RIV-01"]["roles"] == expected
    rev = stats.arena_reveal(svc.answers_frame(created.session_id, rid), [get_case("RIV-01")])
    counts = rev.counts.set_index("stakeholder")
    assert (counts.loc["gemeente", "investor"], counts.loc["buurt", "beneficiary"],
            counts.loc["bewoner", "neutral"]) == (1, 1, 1)
    # An old JSON export (payload as objects) reads the same way.
    raw = pd.DataFrame({"participant": [1], "case_id": ["RIV-01"], "payload": [{"roles": old}]})
    assert dict(zip(*stats.arena_ratings(raw)[["stakeholder", "role"]].T.values, strict=True)) == expected
    # The old codes are still accepted on submit, and stored as the English ones.
    svc.submit(me.token, rid, "RIV-01", {"roles": old})
    assert svc.own_answers(me.token, rid)["RIV-01"]["roles"] == expected


def test_exports_round_trip(svc, sess):
    created, info = sess
    rid = info.rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    for n in ("a", "b"):
        svc.submit(svc.join(created.code, n).token, rid, "RIV-01", indicatie("WMO_BEG_IND", rationale="omdat"))
    back = export.read_session_json(export.session_json(svc, created.session_id))
    rev_a = stats.indicatie_reveal(svc.answers_frame(created.session_id))
    rev_b = stats.indicatie_reveal(back)
    assert rev_a.summary == rev_b.summary
    xl = pd.read_excel(__import__("io").BytesIO(export.excel_bytes(svc, created.session_id)), sheet_name=None)
    assert {"info", "answers", "indicatie", "mdo", "arena"} <= set(xl) and len(xl["answers"]) == 2
    csv = pd.read_csv(__import__("io").BytesIO(export.answers_csv(svc, created.session_id)), **export.CSV_OPTIONS)
    assert csv["product_1"].iloc[0] == "WMO_BEG_IND" and csv["units_per_week_1"].iloc[0] == 2.0


def test_free_text_is_escaped():
    payload = '<script>alert("x")</script>'
    html = render.rationale_list([("RIV-01", payload)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    html = render.participant_list([(payload, None, None, 0)])
    assert "<script>" not in html


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 4), st.sampled_from(["RIV-01", "RIV-02"]),
                          st.sampled_from(list(harmonised_products()["code"]))), min_size=1, max_size=15))
def test_property_last_answer_wins_and_counts_match(tmp_path_factory, subs):
    """Any sequence of (participant, case, product) submissions stores exactly one answer per pair: the last."""
    store = Storage(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'p.sqlite'}")
    svc = IntervisionService(store)
    created = svc.create_session("P", CASES, ["indicatie:harmonised"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    tokens = [svc.join(created.code, f"p{i}") for i in range(5)]
    last = {}
    for who, case, prod in subs:
        svc.submit(tokens[who].token, rid, case, indicatie(prod))
        last[(tokens[who].number, case)] = prod
    df = svc.answers_frame(created.session_id)
    got = {(int(r.participant), r.case_id): r.payload["lines"][0]["product"] for r in df.itertuples()}
    assert got == last
    rev = stats.indicatie_reveal(df)
    assert int(rev.counts.to_numpy().sum()) == len(last)
    store.dispose()
