"""Dutch-first UI text with an English switch. Apps register their own strings with ``Translator``."""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

COMMON: dict[str, tuple[str, str]] = {
    "synthetic_notice": (
        "Alle casussen en cliëntgegevens zijn synthetisch en bevatten geen persoonsgegevens. "
        "Tarieven en prijzen zijn illustratieve schattingen. CBS-cijfers: Bron: CBS.",
        "All cases and client data are synthetic and contain no personal data. "
        "Tariffs and prices are illustrative estimates. CBS figures: Source: CBS (Statistics Netherlands).",
    ),
    "language": ("Taal", "Language"),
    "region": ("Regio", "Region"),
    "municipality": ("Gemeente", "Municipality"),
    "year": ("Jaar", "Year"),
    "funding_model": ("Bekostigingsmodel", "Funding model"),
    "baseline": ("Basislijn (P x Q)", "Baseline (P x Q)"),
    "spend": ("Uitgaven gemeente", "Municipal spend"),
    "provider_revenue": ("Omzet aanbieder", "Provider revenue"),
    "provider_margin": ("Marge aanbieder", "Provider margin"),
    "clients_served": ("Cliënten geholpen", "Clients served"),
    "clients_waiting": ("Cliënten op wachtlijst", "Clients waiting"),
    "wellbeing": ("Welbevinden", "Wellbeing"),
    "download_csv": ("Download CSV", "Download CSV"),
    "download_excel": ("Download Excel", "Download Excel"),
    "no_data": ("Nog geen gegevens.", "No data yet."),
}


class Translator:
    """Looks up ``key`` in the app's strings, then in COMMON; a missing key shows itself, never crashes."""

    def __init__(self, strings: Mapping[str, tuple[str, str]] | None = None):
        self.strings = {**COMMON, **(strings or {})}

    def __call__(self, key: str, language: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
        pair = self.strings.get(key)
        if pair is None:
            return key
        text = pair[1] if language == "en" else pair[0]
        return text.format(**fmt) if fmt else text


t = Translator()


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        from .errors import ParameterRangeError

        raise ParameterRangeError("language", language, " or ".join(LANGUAGES))
    return language
