"""Intervision live state and Panel views without a browser: the same calls the buttons make."""

from __future__ import annotations

import panel as pn
import pytest

from zorglab.domain.cases import STAKEHOLDERS
from zorglab.domain.catalogue import price_list
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage
from zorglab.ui.intervision_views import IntervisionApp, ParticipantView, TrainerView, join_url, qr_svg


@pytest.fixture
def svc(tmp_path):
    store = Storage(f"sqlite:///{tmp_path / 'v.sqlite'}")
    yield IntervisionService(store)
    store.dispose()


def _buttons(view) -> dict[str, pn.widgets.Button]:
    return {b.name: b for b in view.__panel__().select(pn.widgets.Button)}


def test_trainer_creates_and_participant_answers_every_round_kind(svc):
    trainer = TrainerState(service=svc)
    tv = TrainerView(state=trainer)
    _buttons(tv)["Sessie starten"].clicks += 1
    assert trainer.session_id is not None and trainer.message == "Sessie aangemaakt."
    code = trainer.info.code
    part = ParticipantState(service=svc, code=code)
    pv = ParticipantView(state=part)
    assert part.join(code, "Anna", "Contractmanager", "Tiel")
    for rnd in trainer.info.rounds:
        _buttons(tv)[f"Open ronde {rnd.position}"].clicks += 1
        assert trainer.info.round(rnd.round_id).status == "open"
        pv.refresh()
        submit = _buttons(pv)["Verstuur antwoord"]
        if rnd.spec.kind == "mdo":
            sel = [w for w in pv.__panel__().select(pn.widgets.Select) if w.name == "Ondersteuning 1"][0]
            sel.value = price_list()["activity"].iloc[0]
        submit.clicks += 1
        assert part.message_kind == "success", part.message
    df = svc.answers_frame(trainer.session_id)
    assert sorted(df["kind"]) == ["arena", "indicatie", "indicatie", "mdo"]
    arena = df[df["kind"] == "arena"].iloc[0]["payload"]["roles"]
    assert set(arena) == set(STAKEHOLDERS)
    for rnd in trainer.info.rounds:
        trainer.act(rnd.round_id, "reveal")
    tv.refresh()
    md = " ".join(str(o.object) for o in tv.__panel__().select(pn.pane.Markdown))
    assert md.count("Resultaten ronde") == 4


def test_mdo_without_support_keeps_the_form_and_explains(svc):
    created = svc.create_session("x", ["RIV-01"], ["mdo"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    part = ParticipantState(service=svc)
    part.join(created.code, "Bob", None, None)
    pv = ParticipantView(state=part)
    rationale = [w for w in pv.__panel__().select(pn.widgets.TextInput) if w.name.startswith("Toelichting")][0]
    rationale.value = "mijn idee"
    _buttons(pv)["Verstuur antwoord"].clicks += 1
    assert part.message_kind == "danger" and "supports" in part.message
    rationale = [w for w in pv.__panel__().select(pn.widgets.TextInput) if w.name.startswith("Toelichting")][0]
    assert rationale.value == "mijn idee"  # nothing the participant typed is lost
    assert svc.answers_frame(created.session_id).empty


def test_language_switch_and_resume(svc):
    trainer = TrainerState(service=svc)
    trainer.create("t", ["RIV-01"], ["indicatie:harmonised"])
    app = IntervisionApp(trainer=TrainerState(service=svc, secret=trainer.secret), participant=ParticipantState(service=svc))
    trainer_view = app._view
    assert isinstance(trainer_view, TrainerView) and trainer_view.state.session_id == trainer.session_id
    app.trainer.language = "en"
    assert app.participant.language == "en"
    names = set(_buttons(trainer_view))
    assert "Open round 1" in names and "Reveal round 1" in names
    bad = IntervisionApp(trainer=TrainerState(service=svc, secret="guess"), participant=ParticipantState(service=svc))
    assert bad._view is None  # a wrong secret never opens the console: the start page shows
    assert "Nieuwe sessie (trainer)" in {b.name for b in bad.__panel__().select(pn.widgets.Button)}


def test_join_url_uses_public_address_and_qr_is_svg(monkeypatch):
    monkeypatch.setenv("ZORGLAB_PUBLIC_URL", "http://192.168.1.20:5006/")
    assert join_url("ABC234") == "http://192.168.1.20:5006/intervision?code=ABC234"
    svg = qr_svg(join_url("ABC234"))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "ABC234" in svg
