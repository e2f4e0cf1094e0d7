"""Every number the model rests on that is not a CBS figure: value, unit and source, in one place.

Why one registry: a report's methods section, the explorer's assumptions pane and the docs list the
same assumptions with the same values; a figure can always be traced back to a line here or to CBS.
Behavioural parameters are not outcomes: they say how strongly providers react to what a funding model
pays at the margin; what they deliver, whom they serve and who waits follows from that.
"""

from __future__ import annotations

from dataclasses import dataclass

# ---- caseload sizing ----------------------------------------------------------------------------------
WMO_COVERED_SHARE = 0.6
# ---- provider behaviour (defaults of the funding models) ------------------------------------------------
PROFESSIONAL_NORM = 8.0
MARGINAL_COST_SHARE = 0.8
SELECTION_PROPENSITY = 0.5
UPCODING_ROOM = 0.1
TOLERATED_LOSS = 0.05
# ---- general provision (algemene voorziening) -------------------------------------------------------------
AV_EXTRA_UPTAKE = 0.2
AV_COST_PER_PARTICIPANT = 2500.0
AV_WELLBEING_GAIN = 1.0


@dataclass(frozen=True)
class Assumption:
    key: str
    value: float
    unit: str
    label_nl: str
    label_en: str
    source_nl: str
    source_en: str

    def label(self, language: str = "nl") -> str:
        return self.label_en if language == "en" else self.label_nl

    def source(self, language: str = "nl") -> str:
        return self.source_en if language == "en" else self.source_nl


_ASSUMPTION = "Aanname zorglab (illustratief, instelbaar)"
_ASSUMPTION_EN = "zorglab assumption (illustrative, adjustable)"

ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("jeugdwet_rate", float("nan"), "share",
               "Jeugdwet-cliënten per inwoner = aandeel 0-17 jaar × aandeel jongeren met jeugdhulp",
               "Youth Act clients per inhabitant = share aged 0-17 × share of young people with youth care",
               "CBS: Kerncijfers wijken en buurten 2021 (0-15 jaar + 3/10 van 15-25 jaar) en Indicatoren jeugdzorg "
               "2022* (CC BY 4.0)",
               "CBS: Key figures districts and neighbourhoods 2021 (0-15 + 3/10 of 15-25) and Youth care indicators "
               "2022* (CC BY 4.0)"),
    Assumption("wmo_rate", float("nan"), "share",
               "Wmo-cliënten per inwoner = Wmo-cliënten per 1.000 inwoners / 1.000 × aandeel in de productcatalogus",
               "Wmo clients per inhabitant = Wmo clients per 1,000 inhabitants / 1,000 × share in the product catalogue",
               "CBS: Kerncijfers wijken en buurten 2021 (CC BY 4.0)",
               "CBS: Key figures districts and neighbourhoods 2021 (CC BY 4.0)"),
    Assumption("wmo_covered_share", WMO_COVERED_SHARE, "share",
               "Aandeel Wmo-cliënten met begeleiding, dagbesteding, huishoudelijke hulp, kortdurend verblijf of "
               "beschermd wonen (niet: hulpmiddelen, woningaanpassing, vervoer)",
               "Share of Wmo clients with support, day activities, household help, short stay or sheltered housing "
               "(not: aids, home adaptations, transport)",
               _ASSUMPTION + "; orde van grootte", _ASSUMPTION_EN + "; order of magnitude"),
    Assumption("professional_norm", PROFESSIONAL_NORM, "factor",
               "Professionele norm κ: hoe sterk een aanbieder vasthoudt aan de behoefte. Geleverd deel van de "
               "behoefte f = 1 + (marginale opbrengst − marginale kosten) / (κ × marginale kosten)",
               "Professional norm κ: how firmly a provider holds on to the need. Delivered share of need "
               "f = 1 + (marginal revenue − marginal cost) / (κ × marginal cost)",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("marginal_cost_share", MARGINAL_COST_SHARE, "share",
               "Deel van de integrale uurkostprijs dat meebeweegt met één uur meer of minder (rest is overhead)",
               "Share of the full hourly cost that moves with one hour more or less (the rest is overhead)",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("selection_propensity", SELECTION_PROPENSITY, "factor",
               "Selectie: kans dat een aanbieder een cliënt weigert = dit getal × verlies op die cliënt / opbrengst",
               "Selection: chance that a provider turns a client away = this number × loss on that client / revenue",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("upcoding_room", UPCODING_ROOM, "factor",
               "Opwaarderen: kans op een zwaarder arrangement = dit getal × relatief prijsverschil met de zwaardere klasse",
               "Upcoding: chance of a heavier arrangement = this number × relative price gap to the heavier class",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("tolerated_loss", TOLERATED_LOSS, "share",
               "Verlies (deel van het budget) dat een aanbieder onder lumpsum accepteert voordat cliënten moeten wachten",
               "Loss (share of the budget) a provider accepts under a lump sum before clients have to wait",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("av_extra_uptake", AV_EXTRA_UPTAKE, "share",
               "Extra deelnemers in de algemene voorziening (geen indicatie nodig: nieuwe vraag)",
               "Extra participants in the general provision (no assessment needed: new demand)",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("av_cost_per_participant", AV_COST_PER_PARTICIPANT, "EUR",
               "Kosten van de aanbieder per deelnemer per jaar in de algemene voorziening (groepsgewijs)",
               "Provider cost per participant per year in the general provision (group-based)",
               _ASSUMPTION, _ASSUMPTION_EN),
    Assumption("av_wellbeing_gain", AV_WELLBEING_GAIN, "points",
               "Welbevinden (1-10) dat een deelnemer wint in een volledig bekostigde algemene voorziening",
               "Wellbeing (1-10) a participant gains in a fully funded general provision",
               _ASSUMPTION, _ASSUMPTION_EN),
)
