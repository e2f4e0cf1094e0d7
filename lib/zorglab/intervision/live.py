"""Per-browser state of the live exercise (trainer or participant) as ``param`` models.

Why in lib: the Panel views only display these models; tests drive them without a browser. Every
action returns nothing and puts a bilingual, actionable message in ``message`` instead of raising, so
a phone never shows a traceback and the form keeps what the participant typed.
"""

from __future__ import annotations

import param

from ..i18n import LANGUAGES
from .errors import IntervisionError
from .models import RoundSpec
from .service import IntervisionService, SessionInfo


def _text(err: Exception, language: str) -> str:
    if isinstance(err, IntervisionError):
        return err.text(language)
    return str(err)


class _LiveBase(param.Parameterized):
    language = param.Selector(default="nl", objects=list(LANGUAGES))
    message = param.String(default="", doc="last feedback for the user (already in the chosen language)")
    message_kind = param.Selector(default="info", objects=["info", "success", "danger"])
    version = param.Integer(default=-1, doc="the session's change counter last seen")

    def __init__(self, service: IntervisionService | None = None, **params):
        super().__init__(**params)
        self.service = service or IntervisionService()

    def _say(self, text: str, kind: str = "info") -> None:
        self.param.update(message_kind=kind, message=text)  # one event batch: the message slot redraws once

    def _fail(self, err: Exception) -> None:
        self._say(_text(err, self.language), "danger")


class TrainerState(_LiveBase):
    """A trainer's session: created here or resumed with the secret (kept in the trainer's link)."""

    secret = param.String(default="", doc="trainer secret; only its hash is stored")
    session_id = param.Integer(default=None, allow_None=True)

    def create(self, title: str, case_ids: list[str], rounds: list[str]) -> bool:
        try:
            created = self.service.create_session(title, case_ids, [RoundSpec.parse(r) for r in rounds],
                                                  language=self.language)
        except (IntervisionError, ValueError) as err:
            self._fail(err)
            return False
        self.secret, self.session_id = created.trainer_secret, created.session_id
        self._say("Sessie aangemaakt." if self.language == "nl" else "Session created.", "success")
        return True

    def resume(self) -> bool:
        if not self.secret:
            return False
        try:
            self.session_id = self.service.session_for_trainer(self.secret).session_id
        except IntervisionError as err:
            self.secret = ""
            self._fail(err)
            return False
        return True

    @property
    def info(self) -> SessionInfo:
        return self.service.session(self.session_id)

    def act(self, round_id: int, action: str) -> None:
        try:
            self.service.set_round(self.secret, self.session_id, round_id, action)
        except IntervisionError as err:
            self._fail(err)

    def poll(self) -> bool:
        """True when something changed since the last look (one indexed read)."""
        if self.session_id is None:
            return False
        v = self.service.version(self.session_id)
        changed = v != self.version
        self.version = v
        return changed


class ParticipantState(_LiveBase):
    """A participant on a phone: join code in the link (QR), token after joining (resume on reload)."""

    code = param.String(default="")
    token = param.String(default="")
    client_key = param.String(default="anonymous", doc="who counts for the wrong-code limit (IP address)")

    def join(self, code: str, pseudonym: str, role: str | None, municipality: str | None) -> bool:
        try:
            joined = self.service.join(code, pseudonym, role or None, municipality or None, client_key=self.client_key)
        except (IntervisionError, ValueError) as err:
            self._fail(err)
            return False
        self.code = self.service.session(joined.session_id).code
        self.token = joined.token
        self._say(("Je doet mee als deelnemer {n}." if self.language == "nl" else "You joined as participant {n}.")
                  .format(n=joined.number), "success")
        return True

    @property
    def joined(self) -> bool:
        if not self.token:
            return False
        try:
            self.service.participant(self.token)
        except IntervisionError:
            return False
        return True

    @property
    def info(self) -> SessionInfo:
        return self.service.session(self.service.participant(self.token).session_id)

    def submit(self, round_id: int, case_id: str, answer: dict) -> bool:
        try:
            res = self.service.submit(self.token, round_id, case_id, answer)
        except (IntervisionError, ValueError) as err:
            self._fail(err)
            return False
        if res.created:
            self._say(f"Antwoord voor {case_id} opgeslagen." if self.language == "nl" else f"Answer for {case_id} saved.",
                      "success")
        else:
            self._say(f"Antwoord voor {case_id} bijgewerkt (versie {res.revision}); het telt één keer."
                      if self.language == "nl" else
                      f"Answer for {case_id} updated (version {res.revision}); it counts once.", "success")
        return True

    def poll(self) -> bool:
        if not self.token:
            return False
        try:
            sid = self.service.participant(self.token).session_id
        except IntervisionError:
            return False
        v = self.service.version(sid)
        changed = v != self.version
        self.version = v
        return changed
