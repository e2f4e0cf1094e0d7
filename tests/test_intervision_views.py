"""Intervision live state and Panel views without a browser: the same calls the buttons make."""

from __future__ import annotations

import panel as pn
import pytest

from zorglab.domain.cases import STAKEHOLDERS
from zorglab.domain.catalogue import price_list
from zorglab.services.intervision.live import ParticipantState, TrainerState
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage
from zorglab.ui.intervision_views import IntervisionApp, ParticipantView, TrainerView, join_url
from zorglab.ui.served import qr_svg


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
        pv.poll()
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
    tv.update()
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
    trainer_view = app.view
    assert isinstance(trainer_view, TrainerView) and trainer_view.state.session_id == trainer.session_id
    app.trainer.language = "en"
    assert app.participant.language == "en"
    names = set(_buttons(trainer_view))
    assert "Open round 1" in names and "Reveal round 1" in names
    bad = IntervisionApp(trainer=TrainerState(service=svc, secret="guess"), participant=ParticipantState(service=svc))
    assert bad.view is None  # a wrong secret never opens the console: the start page shows
    assert "Nieuwe sessie (trainer)" in {b.name for b in bad.__panel__().select(pn.widgets.Button)}


def test_join_url_uses_public_address_and_qr_is_svg(monkeypatch):
    monkeypatch.setenv("ZORGLAB_PUBLIC_URL", "http://192.168.1.20:5006/")
    assert join_url("ABC234") == "http://192.168.1.20:5006/intervision?code=ABC234"
    svg = qr_svg(join_url("ABC234"))
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "ABC234" in svg


def _texts(view) -> str:
    """Every word the view shows: pane texts, widget labels, button labels and the options of selects."""
    root = view.__panel__()
    out = [str(p.object) for p in root.select(pn.pane.Markdown) + root.select(pn.pane.HTML) + root.select(pn.pane.Alert)
           if p.object and "iv-case" not in str(p.object)]  # the case card holds the (Dutch) case material itself
    for w in root.select(pn.widgets.Widget):
        out.append(str(getattr(w, "label", "") or w.name))
        options = getattr(w, "options", None)
        if isinstance(options, dict):
            out += [str(k) for k in options]
    return " ".join(out)


# Dutch words that must not appear in the English views (hand-picked from the Dutch catalogue texts)
DUTCH = ("Ronde", "ronde", "Verstuur", "Toelichting", "Deelnemers", "antwoorden", "uren", "investeert", "incasseert",
         "geen rol", "Belanghebbende", "Sessiecode", "Schuilnaam", "Onthul", "Sluit", "Welkom", "Wacht", "Casus",
         "Aantal", "Eenheden", "Ondersteuning", "Verwacht", "Nog niet", "Resultaten", "Gebiedsteam", "Anders")


def test_english_views_show_no_dutch_words(svc):
    created = svc.create_session("t", ["RIV-01"], ["indicatie:old", "mdo", "arena"], language="en")
    info = svc.session(created.session_id)
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id, language="en")
    tv = TrainerView(state=trainer)
    part = ParticipantState(service=svc, language="en")
    join_view = ParticipantView(state=part)
    assert not [w for w in DUTCH if w in _texts(join_view)], _texts(join_view)
    part.join(created.code, "Anna", "Contractmanager", None)
    pv = ParticipantView(state=part)
    for rnd in info.rounds:
        trainer.act(rnd.round_id, "open")
        pv.poll()
        shown = _texts(pv)
        assert "Submit answer" in shown and not [w for w in DUTCH if w in shown], shown
        trainer.act(rnd.round_id, "reveal")
    tv.update()
    shown = _texts(tv)
    assert "Results round 3" in shown and "Contract manager" in shown
    assert not [w for w in DUTCH if w in shown], [w for w in DUTCH if w in shown]


def test_a_submit_changes_the_confirmation_and_nothing_else_on_the_phone(svc):
    created = svc.create_session("t", ["RIV-01"], ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    part = ParticipantState(service=svc)
    part.join(created.code, "Anna", None, None)
    pv = ParticipantView(state=part)
    before = list(pv.__panel__().select(pn.viewable.Viewable))
    submit = [b for b in before if isinstance(b, pn.widgets.Button) and b.label == "Verstuur antwoord"][0]
    submit.clicks += 1
    svc.submit(svc.join(created.code, "Bram").token, rid, "RIV-01",  # someone else answers meanwhile
               {"lines": [{"product": "WMO_HH1", "units_per_week": 1.0, "weeks": 52}]})
    pv.poll()
    after = list(pv.__panel__().select(pn.viewable.Viewable))
    assert [id(o) for o in after] == [id(o) for o in before]  # the same widgets and panes: nothing was rebuilt
    alerts = [a.object for a in after if isinstance(a, pn.pane.Alert) and a.visible and a.object]
    assert "Antwoord voor RIV\\-01 opgeslagen\\." in alerts  # the confirmation (Markdown-escaped) ...
    assert not [a for a in alerts if "Wacht" in a]  # ... and the open round's form, not the waiting note


def test_the_console_counts_a_new_answer_in_place(svc):
    created = svc.create_session("t", ["RIV-01"], ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    trainer = TrainerState(service=svc, secret=created.trainer_secret, session_id=created.session_id)
    tv = TrainerView(state=trainer)
    tokens = [svc.join(created.code, n).token for n in ("Anna", "Bram")]
    tv.poll()
    before = list(tv.__panel__().select(pn.viewable.Viewable))
    status = [p for p in before if isinstance(p, pn.pane.Markdown) and "deelnemers hebben" in str(p.object)]
    assert [p.object for p in status] == ["**Ronde 1: Indicatie – oude productcatalogus** — open · "
                                          "0 van 2 deelnemers hebben geantwoord (0 antwoorden)"]
    svc.submit(tokens[1], rid, "RIV-01", {"lines": [{"product": "WMO_HH1", "units_per_week": 1.0, "weeks": 52}]})
    tv.poll()
    assert [id(o) for o in tv.__panel__().select(pn.viewable.Viewable)] == [id(o) for o in before]
    assert status[0].object.endswith("1 van 2 deelnemers hebben geantwoord (1 antwoorden)")
    missing = [p.object for p in before if isinstance(p, pn.pane.HTML) and "Nog niet geantwoord" in str(p.object)]
    assert missing == ["Nog niet geantwoord: Anna"]


def test_every_round_kind_has_a_form_whose_bounds_are_the_services():
    from zorglab.services.intervision.errors import InvalidInputError, Term
    from zorglab.services.intervision.models import RoundKind, RoundSpec
    from zorglab.ui.intervision_forms import FORMS, IndicatieForm, MdoForm, form_for

    assert set(FORMS) == set(RoundKind)
    sent: list[dict] = []
    ind = form_for(RoundSpec.parse("indicatie:harmonised"), "nl", sent.append)
    assert isinstance(ind, IndicatieForm)
    assert (ind.units.end, ind.weeks.end, ind.rationale.max_length) == (168, 52, 200)  # a week's hours, a year, 200
    ind.submit.clicks += 1
    assert sent[0]["lines"][0]["weeks"] == 52 and sent[0]["rationale"] == ""
    mdo = form_for(RoundSpec.parse("mdo"), "en", sent.append)
    assert isinstance(mdo, MdoForm) and len(mdo.lines) == 3 and mdo.lines[0][1].end == 10_000
    assert (mdo.wellbeing.start, mdo.wellbeing.end) == (1, 10)
    # an error is a catalogue key with fields, worded per language; a field name is itself a word
    err = InvalidInputError("text_too_long", field=Term("pseudonym"), n=31, max=30)
    assert err.text("nl") == "Schuilnaam is te lang (31 tekens); maximaal 30."
    assert err.text("en") == "Pseudonym is too long (31 characters); at most 30."
