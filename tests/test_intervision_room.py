"""Issue 10 without a browser: staying signed in as trainer, the round timer, who is missing, results on the
phone after the reveal, confirmations that belong to their round, the unit on the MDO quantity, presenter view."""

from __future__ import annotations

import re
import time

import panel as pn
import pytest

from zorglab.domain.catalogue import price_list, products
from zorglab.services.intervision.errors import InvalidTrainerLinkError, NotAuthorisedError, RoundClosedError
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage, trainer_tokens
from zorglab.ui.intervision_views import IntervisionApp, ParticipantView, TrainerView

CASES = ["RIV-01", "RIV-02"]


@pytest.fixture
def svc(tmp_path):
    store = Storage(f"sqlite:///{tmp_path / 'room.sqlite'}")
    yield IntervisionService(store)
    store.dispose()


def indicatie(product="WMO_BEG_IND", rationale=""):
    return {"lines": [{"product": product, "units_per_week": 2.0, "weeks": 52}], "rationale": rationale}


def _shown(obj, kind) -> list:
    """The ``kind`` objects a user can see: the layout tree without the hidden (``visible=False``) branches."""
    if isinstance(obj, pn.viewable.Viewer):
        obj = obj.__panel__()
    if not getattr(obj, "visible", True):
        return []
    found = [obj] if isinstance(obj, kind) else []
    for child in getattr(obj, "objects", None) or []:
        found += _shown(child, kind)
    return found


def _md(view) -> str:
    return " ".join(str(p.object) for p in _shown(view, pn.pane.Markdown) if p.object)


def _html(view) -> str:
    return " ".join(str(p.object) for p in _shown(view, pn.pane.HTML) if p.object)


def _button(view, label) -> pn.widgets.Button:
    return [b for b in _shown(view, pn.widgets.Button) if b.label == label][0]


# ---------------------------------------------------------------- 6: trainer console tickets and tokens
def test_one_time_ticket_becomes_a_console_token_and_never_the_secret(svc):
    created = svc.create_session("T", CASES, ["mdo"])
    rid = svc.session(created.session_id).rounds[0].round_id
    ticket = svc.login_ticket(created.trainer_secret)
    sid, token = svc.redeem_ticket(ticket)
    assert sid == created.session_id and token not in (ticket, created.trainer_secret)
    with pytest.raises(InvalidTrainerLinkError):  # one time only
        svc.redeem_ticket(ticket)
    assert svc.set_round(token, sid, rid, "open") == "open"  # the console token controls the session ...
    other = svc.create_session("O", CASES, ["mdo"])
    with pytest.raises(NotAuthorisedError):  # ... and only that one
        svc.set_round(token, other.session_id, svc.session(other.session_id).rounds[0].round_id, "open")
    # the same page may redeem its ticket again (a second server process rebuilding it), nobody else
    t2 = svc.login_ticket(token)
    svc.redeem_ticket(t2, page="page-1")
    svc.redeem_ticket(t2, page="page-1")
    with pytest.raises(InvalidTrainerLinkError):
        svc.redeem_ticket(t2, page="page-2")
    with svc.storage.read() as conn:  # only hashes are stored
        stored = {r.token_hash for r in conn.execute(trainer_tokens.select())}
    assert not {ticket, token, t2, created.trainer_secret} & stored
    svc.logout(token)
    with pytest.raises(NotAuthorisedError):
        svc.session_for_trainer(token)
    with pytest.raises(InvalidTrainerLinkError):
        svc.login_ticket("made-up")


def test_expired_ticket_and_invalid_trainer_link_get_a_clear_message(svc, monkeypatch):
    created = svc.create_session("T", CASES, ["mdo"])
    ticket = svc.login_ticket(created.trainer_secret)
    real = time.time
    monkeypatch.setattr("zorglab.services.intervision.service.time.time", lambda: real() + 3600)
    with pytest.raises(InvalidTrainerLinkError):
        svc.redeem_ticket(ticket)
    monkeypatch.undo()
    app = IntervisionApp(trainer=TrainerState(service=svc, secret="geraden-geheim"),
                         participant=ParticipantState(service=svc))
    assert app.view is None and "trainerlink is ongeldig of verlopen" in _md(app)
    app = IntervisionApp(trainer=TrainerState(service=svc), participant=ParticipantState(service=svc),
                         ticket="oud-ticket", page="p")
    assert app.view is None and "ongeldig of verlopen" in _md(app)
    ok = IntervisionApp(trainer=TrainerState(service=svc), participant=ParticipantState(service=svc),
                        ticket=svc.login_ticket(created.trainer_secret), page="p")
    assert isinstance(ok.view, TrainerView) and ok.trainer.session_id == created.session_id
    assert ok.trainer.secret != created.trainer_secret  # the console works with its own token
    # "Bewaar trainerlink (bestand)": a link with its own token (never the secret) that opens the console elsewhere
    html = ok.view.resume_file().getvalue().decode()
    token = re.search(r"\?trainer=([\w-]+)", html).group(1)
    assert created.trainer_secret not in html and token != ok.trainer.secret
    other = IntervisionApp(trainer=TrainerState(service=svc, secret=token), participant=ParticipantState(service=svc))
    assert isinstance(other.view, TrainerView) and other.trainer.session_id == created.session_id


# ---------------------------------------------------------------- 10: room features
def test_round_timer_closes_the_round_and_shows_the_time_left(svc):
    created = svc.create_session("T", CASES, ["indicatie:old", "mdo"])
    info = svc.session(created.session_id)
    rid = info.rounds[0].round_id
    token = svc.join(created.code, "Anna").token
    with pytest.raises(Exception, match="tussen 0 en 120 minuten"):
        svc.set_round(created.trainer_secret, created.session_id, rid, "open", minutes=500)
    svc.set_round(created.trainer_secret, created.session_id, rid, "open", minutes=2)
    r = svc.session(created.session_id).rounds[0]
    assert r.status == "open" and 119 <= r.seconds_left() <= 120
    part = ParticipantState(service=svc, token=token)
    pv = ParticipantView(state=part)
    assert "Nog 2:00 voor deze ronde." in _html(pv) or "Nog 1:59 voor deze ronde." in _html(pv)
    svc.set_round(created.trainer_secret, created.session_id, rid, "open", minutes=0.5 / 60)  # half a second
    svc.submit(token, rid, "RIV-01", indicatie())
    time.sleep(0.6)
    with pytest.raises(RoundClosedError):
        svc.submit(token, rid, "RIV-02", indicatie())
    r = svc.session(created.session_id).rounds[0]
    assert r.status == "closed" and r.timed_out
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    assert "gesloten (tijd is om)" in _md(TrainerView(state=trainer))


def test_confirmation_belongs_to_its_round(svc):
    created = svc.create_session("T", CASES, ["indicatie:old", "indicatie:harmonised"])
    r1, r2 = (r.round_id for r in svc.session(created.session_id).rounds)
    svc.set_round(created.trainer_secret, created.session_id, r1, "open")
    part = ParticipantState(service=svc)
    part.join(created.code, "Anna", None, None)
    pv = ParticipantView(state=part)
    _button(pv, "Verstuur antwoord").clicks += 1
    _button(pv, "Verstuur antwoord").clicks += 1
    assert "bijgewerkt (versie 2)" in part.message
    svc.set_round(created.trainer_secret, created.session_id, r2, "open")
    pv.poll()
    assert "Ronde 2" in _md(pv) and "bijgewerkt" not in part.message and part.message == ""


def test_results_reach_the_phones_after_the_reveal(svc):
    created = svc.create_session("T", CASES, ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    parts = []
    for name, prod, why in (("a", "WMO_BEG_IND", "eerst"), ("b", "WMO_BEG_IND", "tweede"), ("c", "WMO_HH1", "")):
        p = ParticipantState(service=svc)
        p.join(created.code, name, None, None)
        svc.submit(p.token, rid, "RIV-01", indicatie(prod, rationale=why))
        parts.append(p)
    pv = ParticipantView(state=parts[2])
    assert "jouw keuze" not in _html(pv)
    svc.set_round(created.trainer_secret, created.session_id, rid, "reveal")
    pv.poll()
    html = _html(pv)
    names = products().set_index("code")["name_nl"]
    assert names["WMO_BEG_IND"] in html and names["WMO_HH1"] in html
    # c chose WMO_HH1: its bar is the one marked as theirs
    assert html.index(names["WMO_HH1"]) < html.index("jouw keuze") < html.index(names["WMO_HH1"]) + 200
    assert "eerst" in html and "tweede" in html and "Resultaten ronde 1" in _md(pv)


def test_mdo_quantity_names_its_unit(svc):
    created = svc.create_session("T", CASES, ["mdo"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    part = ParticipantState(service=svc)
    part.join(created.code, "Anna", None, None)
    pv = ParticipantView(state=part)
    pl = price_list().set_index("activity")
    hour, part_day = pl.index[pl["unit"] == "uur"][0], pl.index[pl["unit"] == "dagdeel"][0]
    select = [w for w in pv.__panel__().select(pn.widgets.Select) if w.label == "Ondersteuning 1"][0]
    qty = [w for w in pv.__panel__().select(pn.widgets.FloatInput)][0]
    select.value = hour
    assert qty.label == "Aantal uur per jaar"  # the one set of unit words (domain.unit_uur), as counted
    select.value = part_day
    assert qty.label == "Aantal dagdelen per jaar"
    part.language = "en"
    qty = [w for w in pv.__panel__().select(pn.widgets.FloatInput)][0]
    assert qty.label == "Number of day parts per year"


def test_presenter_view_shows_the_reveal_without_the_console(svc):
    created = svc.create_session("Zaal 3", CASES, ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    for n in ("a", "b"):
        svc.submit(svc.join(created.code, n).token, rid, "RIV-01", indicatie())
    svc.set_round(created.trainer_secret, created.session_id, rid, "reveal")
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    tv = TrainerView(state=trainer)
    _button(tv, "Presentatie (volledig scherm)").clicks += 1
    assert tv.presenting and "Resultaten ronde 1" in _md(tv) and "Zaal 3" in _md(tv)
    assert "iv-code" not in _html(tv) and "Sessie" not in " ".join(b.label for b in _shown(tv, pn.widgets.Button))
    assert "2 van 2 deelnemers hebben geantwoord" in _md(tv)
    _button(tv, "Terug naar de console").clicks += 1
    assert not tv.presenting and "iv-code" in _html(tv)


def test_a_reloaded_console_address_may_fetch_a_fresh_ticket_a_few_times_only():
    """``?hop=N`` counts trips through the console route; junk reads as 0 and the count is capped (no loop)."""
    from zorglab.services.intervision.web import MAX_HOPS, hop_count

    assert [hop_count(v) for v in ("1", "2", None, "", "x", "-3")] == [1, 2, 0, 0, 0, 0]
    assert hop_count("999") == MAX_HOPS == 4  # the app stops retrying at MAX_HOPS and says the link is invalid
