"""Errors participants and trainers can act on, in Dutch and English (the UI shows the chosen language)."""

from __future__ import annotations

from zorglab.core.errors import ZorglabError


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
        self.wait_s = wait_s
        super().__init__(f"Te veel onjuiste codes geprobeerd. Wacht {wait_s} seconden en probeer het opnieuw.",
                         f"Too many wrong codes tried. Wait {wait_s} seconds and try again.")


class SessionFullError(IntervisionError):
    def __init__(self, cap: int):
        super().__init__(f"Deze sessie is vol ({cap} deelnemers). Vraag de trainer om ruimte te maken.",
                         f"This session is full ({cap} participants). Ask the trainer to make room.")


class LookAlikePseudonymError(IntervisionError):
    def __init__(self, pseudonym: str, taken: str):
        super().__init__(f"De schuilnaam '{pseudonym}' lijkt te veel op '{taken}', die al meedoet. Kies een andere.",
                         f"The pseudonym '{pseudonym}' looks too much like '{taken}', who already joined. "
                         "Choose another one.")


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


class InvalidTrainerLinkError(IntervisionError):
    def __init__(self):
        super().__init__("Deze trainerlink is ongeldig of verlopen. Gebruik de link uit het bestand dat je bij het "
                         "starten hebt bewaard, of start een nieuwe sessie.",
                         "This trainer link is invalid or has expired. Use the link from the file you saved when "
                         "starting, or start a new session.")


class StorageError(IntervisionError):
    """The database could not be read or written: nothing was (half-)saved, the input stays in the form."""

    retryable = False

    def __init__(self, nl: str | None = None, en: str | None = None):
        super().__init__(
            nl or "De database is niet bereikbaar: er is niets opgeslagen. Je invoer staat nog in het formulier; "
                  "probeer het zo opnieuw of waarschuw de trainer.",
            en or "The database cannot be reached: nothing was saved. Your input is still in the form; try again "
                  "in a moment or tell the trainer.")


class StorageBusyError(StorageError):
    retryable = True

    def __init__(self):
        super().__init__("Het is te druk op de database: je invoer is niet opgeslagen maar staat nog in het formulier. "
                         "Probeer het over een paar seconden opnieuw.",
                         "The database is too busy: your input was not saved but is still in the form. "
                         "Try again in a few seconds.")


class StorageFullError(StorageError):
    def __init__(self):
        super().__init__("De server kan niet naar de database schrijven (schijf vol of schrijffout): er is niets "
                         "opgeslagen. Je invoer staat nog in het formulier; waarschuw de trainer.",
                         "The server cannot write to the database (disk full or write error): nothing was saved. "
                         "Your input is still in the form; tell the trainer.")


class StorageMissingError(StorageError):
    def __init__(self):
        super().__init__("Het databasebestand is verdwenen (verwijderd of verplaatst): er is niets opgeslagen en er "
                         "wordt geen lege database voor in de plaats gemaakt. Je invoer staat nog in het formulier; "
                         "waarschuw de trainer (herstel het bestand of herstart de server).",
                         "The database file has disappeared (deleted or moved): nothing was saved and no empty "
                         "database is put in its place. Your input is still in the form; tell the trainer "
                         "(restore the file or restart the server).")
