"""Errors participants and trainers can act on, in Dutch and English (the UI shows the chosen language)."""

from __future__ import annotations

from ..errors import ZorglabError


class IntervisionError(ZorglabError):
    """An intervision input error with a Dutch and an English message; ``str()`` shows both."""

    def __init__(self, nl: str, en: str):
        self.nl, self.en = nl, en
        super().__init__(f"{nl} / {en}")

    def text(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


class UnknownCodeError(IntervisionError):
    def __init__(self, code: str):
        super().__init__(f"Onbekende sessiecode '{code}'. Controleer de code op het scherm van de trainer.",
                         f"Unknown session code '{code}'. Check the code on the trainer's screen.")


class JoinRateLimitedError(IntervisionError):
    def __init__(self, wait_s: int):
        super().__init__(f"Te veel onjuiste codes geprobeerd. Wacht {wait_s} seconden en probeer het opnieuw.",
                         f"Too many wrong codes tried. Wait {wait_s} seconds and try again.")


class DuplicatePseudonymError(IntervisionError):
    def __init__(self, pseudonym: str):
        super().__init__(f"De schuilnaam '{pseudonym}' is al in gebruik in deze sessie. Kies een andere.",
                         f"The pseudonym '{pseudonym}' is already taken in this session. Choose another one.")


class RoundClosedError(IntervisionError):
    def __init__(self):
        super().__init__("Deze ronde is gesloten; je antwoord is niet opgeslagen. Je invoer staat nog in het formulier.",
                         "This round is closed; your answer was not saved. Your input is still in the form.")


class NotAuthorisedError(IntervisionError):
    def __init__(self):
        super().__init__("Geen toegang: deze link of sleutel hoort niet bij deze sessie.",
                         "Not authorised: this link or key does not belong to this session.")


class UnknownParticipantError(IntervisionError):
    def __init__(self):
        super().__init__("Je deelname is niet (meer) bekend. Doe opnieuw mee met de sessiecode.",
                         "Your participation is not known (any more). Join again with the session code.")


class InvalidInputError(IntervisionError):
    """A field that is missing, too long or not in the allowed list."""
