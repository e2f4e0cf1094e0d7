"""Every number the model rests on that is not a CBS figure: value, unit and source, in one place.

Why one registry: a report's methods section, the explorer's assumptions pane and the docs list the
same assumptions with the same values; a figure can always be traced back to a line here or to CBS.
Behavioural parameters are not outcomes: they say how strongly providers react to what a funding model
pays at the margin; what they deliver, whom they serve and who waits follows from that.

Two groups: ``ASSUMPTIONS`` (group ``model``) are the explorer's and the reports' assumptions;
``GAME_ASSUMPTIONS`` (group ``game``) are the purchasing game's world rules (``zorglab.services.game.world`` reads
them through ``game_values()`` every year it computes, and the trainer console lists them). Reports and
the explorer list only the model group, so their tables do not change with the game.
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
    group: str = "model"  # MODEL or GAME

    def label(self, language: str = "nl") -> str:
        return self.label_en if language == "en" else self.label_nl

    def source(self, language: str = "nl") -> str:
        return self.source_en if language == "en" else self.source_nl


MODEL, GAME = "model", "game"

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


# ---- the purchasing game (zorglab.services.game.world) -----------------------------------------------------------
# Sources: the game's mechanisms come from the source texts named in each line (Rivierenland: providers in
# financial trouble and the contract manager's role; Proeftuin Ruwaard: the MDO at the client's home and the
# effectencalculator over Wmo/Zvw/Wlz). None of the source texts gives these numbers: every value below is an
# illustrative teaching assumption of zorglab (or the explorer's default, named as such), not a measured figure.
_GAME_NL = "Illustratieve lesaanname van het inkoopspel (geen gemeten cijfer)"
_GAME_EN = "Illustrative teaching assumption of the purchasing game (not a measured figure)"
_FUNDING_NL = "Standaardwaarde van de bekostigingsmodellen (zorglab.domain.funding, ook in de scenarioverkenner)"
_FUNDING_EN = "Default of the funding models (zorglab.domain.funding, also used in the scenario explorer)"
_RIVIERENLAND_NL = "; mechanisme: aanbieders die het financieel zwaar hebben (bron: Regio Rivierenland, goed opdrachtgeverschap)"
_RIVIERENLAND_EN = "; mechanism: providers in financial trouble (source: Regio Rivierenland, good commissioning)"
_RUWAARD_NL = "; mechanisme: het MDO bij de cliënt thuis (bron: Proeftuin Ruwaard, Oss)"
_RUWAARD_EN = "; mechanism: the MDO at the client's home (source: Proeftuin Ruwaard, Oss)"


def _game(key: str, value: float, unit: str, label_nl: str, label_en: str, source_nl: str = _GAME_NL,
          source_en: str = _GAME_EN) -> Assumption:
    return Assumption(f"game_{key}", value, unit, label_nl, label_en, source_nl, source_en, GAME)


GAME_ASSUMPTIONS: tuple[Assumption, ...] = (
    # demand and events
    _game("demand_trend", 0.02, "share", "Autonome groei van de vraag per jaar",
          "Autonomous growth of demand per year"),
    _game("demand_rise", 0.10, "share", "Gebeurtenis 'vraag stijgt': extra cliënten dat jaar",
          "Event 'demand rises': extra clients that year"),
    _game("new_law_wmo", 0.08, "share",
          "Gebeurtenis 'nieuwe wet': strengere Wlz-toegang, extra Wmo-cliënten voor de gemeente",
          "Event 'new law': stricter Wlz access, extra Wmo clients for the municipality"),
    _game("wage_rise", 0.05, "share", "Gebeurtenis 'cao': stijging van de kosten per uur van de aanbieder",
          "Event 'wage agreement': rise of the provider's cost per hour"),
    _game("trouble_loss", 0.10, "share",
          "Gebeurtenis 'aanbieder in problemen': aanbieder 1 verliest reserves ter grootte van dit deel van de "
          "omzet van vorig jaar",
          "Event 'provider in trouble': provider 1 loses reserves worth this share of last year's revenue",
          _GAME_NL + _RIVIERENLAND_NL, _GAME_EN + _RIVIERENLAND_EN),
    # clients moving between providers
    _game("new_share", 0.5, "share",
          "Deel van de cliënten van een aanbieder dat elk jaar nieuw is en gaat waar het gebiedsteam het stuurt "
          "(de rest blijft bij de eigen aanbieder)",
          "Share of a provider's clients that is new each year and goes where the area team sends it "
          "(the rest stays with its provider)"),
    _game("continuing_share", 0.4, "share",
          "Deel van de winst in welbevinden van een jaar waarmee de cliënten van het volgende jaar beginnen",
          "Share of a year's wellbeing gain the next year's clients start with"),
    _game("wellbeing_shift_max", 2.0, "points",
          "Grootste verschuiving van het welbevinden bij de start (1-10) die wordt meegenomen",
          "Largest shift of the starting wellbeing (1-10) that is carried over"),
    # the provider's money and status
    _game("cost_per_hour", 55.0, "EUR", "Kosten van de aanbieder per personeelsuur (vóór cao-stijgingen)",
          "Provider cost per staff hour (before wage agreements)", _FUNDING_NL, _FUNDING_EN),
    _game("start_reserves", 0.08, "share", "Reserves van een aanbieder bij de start, als deel van de omzet",
          "A provider's reserves at the start, as a share of revenue"),
    _game("idle_cost_share", 0.25, "share",
          "Kosten van een lege, wel bemenste plek als deel van de gemiddelde kosten per cliënt",
          "Cost of an empty staffed place as a share of the mean cost per client"),
    _game("late_payment_cost", 0.02, "share",
          "Financieringskosten van de aanbieder (deel van de omzet) als de gemeente te laat betaalt",
          "Provider's financing cost (share of revenue) when the municipality pays late",
          _GAME_NL + _RIVIERENLAND_NL, _GAME_EN + _RIVIERENLAND_EN),
    _game("watch_reserves", 0.03, "share",
          "Reserves / omzet onder deze grens: de contractmanager let op",
          "Reserves / revenue below this bound: the contract manager watches",
          _GAME_NL + _RIVIERENLAND_NL, _GAME_EN + _RIVIERENLAND_EN),
    _game("trouble_reserves", 0.0, "share", "Reserves / omzet onder deze grens: de aanbieder is in problemen",
          "Reserves / revenue below this bound: the provider is in trouble",
          _GAME_NL + _RIVIERENLAND_NL, _GAME_EN + _RIVIERENLAND_EN),
    _game("fail_reserves", -0.05, "share",
          "Reserves / omzet onder deze grens: de aanbieder stopt aan het eind van het jaar (failliet)",
          "Reserves / revenue below this bound: the provider stops at the end of the year (bankrupt)",
          _GAME_NL + _RIVIERENLAND_NL, _GAME_EN + _RIVIERENLAND_EN),
    _game("selective_propensity", 1.5, "factor",
          "Selectieve intake: selectieneiging (standaard intake = de selectieneiging van het model, open = 0)",
          "Selective intake: selection propensity (standard intake = the model's selection propensity, open = 0)"),
    # the funding models as the game uses them
    _game("corridor_width", 0.02, "share", "Lumpsum met risicocorridor: breedte van de band (deel van het budget)",
          "Lump sum with a risk corridor: width of the band (share of the budget)", _FUNDING_NL, _FUNDING_EN),
    _game("corridor_share", 0.5, "share",
          "Lumpsum met risicocorridor: deel van verlies en winst buiten de band dat de gemeente draagt",
          "Lump sum with a risk corridor: share of losses and gains beyond the band the municipality carries",
          _FUNDING_NL, _FUNDING_EN),
    _game("wellbeing_gain_max", 2.0, "points",
          "Winst in welbevinden (1-10) bij volledige levering van de behoefte",
          "Wellbeing gain (1-10) when the full need is delivered", _FUNDING_NL, _FUNDING_EN),
    _game("waiting_wellbeing_loss", 0.3, "points",
          "Verlies aan welbevinden (1-10) van een cliënt die een jaar op hulp wacht",
          "Wellbeing (1-10) lost by a client who waits a year for support", _FUNDING_NL, _FUNDING_EN),
    _game("result_agreed_rate", 0.8, "share",
          "Resultaatbekostiging: kans op een behaald resultaat als doelen met de bewoner zijn afgesproken "
          "(standaard van het model: 0,7)",
          "Result-based funding: chance of an achieved result when goals are agreed with the resident "
          "(the model's default: 0.7)"),
    _game("result_agreed_gain", 0.2, "points",
          "Extra welbevinden bij volledige levering als doelen met de bewoner zijn afgesproken",
          "Extra wellbeing at full delivery when goals are agreed with the resident",
          _GAME_NL + "; mechanisme: het resultaat van het gezin staat centraal (bron: K2, resultaatgericht inkopen)",
          _GAME_EN + "; mechanism: the family's result comes first (source: K2, results-oriented purchasing)"),
    # MDO and the insurer
    _game("severe", 2 / 3, "factor", "Ernst (0-1) waarboven een cliënt als zwaar telt (MDO-doelgroep)",
          "Severity (0-1) above which a client counts as severe (MDO target group)",
          "Grens 'zwaar' van de bekostigingsmodellen (zorglab.domain.funding)",
          "The funding models' 'heavy' bound (zorglab.domain.funding)"),
    _game("mdo_hours", 6.0, "hours", "Professionele uren per MDO (bijv. 4 professionals × 1,5 uur)",
          "Professional hours per MDO (e.g. 4 professionals × 1.5 hours)",
          _GAME_NL + _RUWAARD_NL + "; prijs per uur uit de prijslijst",
          _GAME_EN + _RUWAARD_EN + "; price per hour from the price list"),
    _game("mdo_wellbeing_gain", 0.5, "points",
          "Extra welbevinden (1-10) voor een zware cliënt wiens situatie in een MDO is besproken",
          "Extra wellbeing (1-10) for a severe client whose situation was discussed in an MDO",
          _GAME_NL + _RUWAARD_NL + " (Ruwaard meldde 3,5 → 8,5 over het hele traject; dit is een klein deel daarvan)",
          _GAME_EN + _RUWAARD_EN + " (Ruwaard reported 3.5 → 8.5 over the whole trajectory; this is a small part)"),
    _game("zvw_per_client", 2500.0, "EUR",
          "Zvw/Wlz-kosten per jaar van een cliënt van het sociaal domein (zorgverzekeraar/zorgkantoor)",
          "Zvw/Wlz cost per year of a client of the social domain (health insurer/care office)",
          _GAME_NL + "; mechanisme: effecten over Wmo, Zvw en Wlz (bron: Proeftuin Ruwaard, effectencalculator)",
          _GAME_EN + "; mechanism: effects across Wmo, Zvw and Wlz (source: Proeftuin Ruwaard, effects calculator)"),
    _game("zvw_waiting_extra", 0.25, "share",
          "Extra Zvw/Wlz-kosten van een wachtende cliënt (huisarts, spoedzorg), als deel van de kosten per cliënt",
          "Extra Zvw/Wlz cost of a waiting client (GP, emergency care), as a share of the cost per client"),
)
"""The purchasing game's world rules (group ``game``); not in ``ASSUMPTIONS``, so reports do not list them."""

ALL_ASSUMPTIONS: tuple[Assumption, ...] = ASSUMPTIONS + GAME_ASSUMPTIONS


def game_values() -> dict[str, float]:
    """The game's rules as ``{key without 'game_': value}``, read from ``GAME_ASSUMPTIONS`` at call time
    (so a changed registry value changes the next computed year)."""
    return {a.key.removeprefix("game_"): float(a.value) for a in GAME_ASSUMPTIONS}


def by_group(group: str) -> tuple[Assumption, ...]:
    return tuple(a for a in ALL_ASSUMPTIONS if a.group == group)
