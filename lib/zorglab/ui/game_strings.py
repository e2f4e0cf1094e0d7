"""Dutch/English words of the purchasing game: every code the game model returns is worded here."""

from __future__ import annotations

from typing import Any

from zorglab.formatting import format_eur, format_number, format_pct
from zorglab.i18n import Translator

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Inkoopspel", "Purchasing game"),
    "intro": ("Een rollenspel over contractjaren: de gemeente koopt in, aanbieders leveren, het gebiedsteam wijst "
              "casussen toe en de zorgverzekeraar betaalt mee. Het model speelt de wereld met dezelfde rekenregels "
              "als de scenarioverkenner. Trainer: open je spel weer met de bewaarde trainerlink (bestand).",
              "A role-play of contract years: the municipality buys, providers deliver, the area team assigns cases "
              "and the health insurer pays along. The model plays the world with the same rules as the scenario "
              "explorer. Trainer: reopen your game with the saved trainer link (file)."),
    "as_team": ("Meedoen met een team", "Join a team"),
    "as_trainer": ("Nieuw spel (trainer)", "New game (trainer)"),
    "code": ("Spelcode", "Game code"),
    "team": ("Team", "Team"),
    "pseudonym": ("Schuilnaam", "Pseudonym"),
    "join": ("Doe mee", "Join"),
    "title": ("Titel van het spel", "Game title"),
    "region": ("Regio", "Region"),
    "municipality_opt": ("Gemeente (leeg = hele regio)", "Municipality (empty = whole region)"),
    "rounds": ("Contractjaren (rondes)", "Contract years (rounds)"),
    "n_providers": ("Aantal aanbieders", "Number of providers"),
    "with_insurer": ("Zorgverzekeraar/zorgkantoor speelt mee (Zvw/Wlz)", "Health insurer/care office plays (Zvw/Wlz)"),
    "create": ("Spel starten", "Start game"),
    "join_here": ("Doe mee via", "Join at"),
    "round_of": ("Contractjaar {year} · ronde {round} van {rounds}", "Contract year {year} · round {round} of {rounds}"),
    "finished": ("Het spel is afgelopen: de nabespreking staat hieronder.", "The game is over: the debrief is below."),
    "you_are": ("Je speelt in team {team} als {name}.", "You play in team {team} as {name}."),
    "what_you_know": ("Wat jouw rol weet", "What your role knows"),
    "your_decision": ("Jullie besluit voor dit contractjaar", "Your decision for this contract year"),
    "save": ("Besluit opslaan", "Save decision"),
    "team_decided": ("Je team heeft een besluit opgeslagen; opnieuw opslaan vervangt het.",
                     "Your team saved a decision; saving again replaces it."),
    "team_not_decided": ("Je team heeft nog geen besluit opgeslagen (dan geldt dat van vorig jaar).",
                         "Your team has not saved a decision yet (last year's then stays in force)."),
    "last_year": ("Vorig jaar ({year})", "Last year ({year})"),
    "no_year_yet": ("Nog geen jaar gespeeld.", "No year played yet."),
    "synthetic": ("Synthetische gegevens: geen echte cliënten of aanbieders.",
                  "Synthetic data: no real clients or providers."),
    # teams and roles
    "team_municipality": ("Gemeente (inkoop en contractmanagement)", "Municipality (purchasing and contracts)"),
    "team_provider": ("Aanbieder {n}", "Provider {n}"),
    "team_area_team": ("Gebiedsteam", "Area team"),
    "team_insurer": ("Zorgverzekeraar / zorgkantoor", "Health insurer / care office"),
    "team_residents": ("Inwoners", "Residents"),
    # decision fields
    "funding": ("Bekostigingsmodel", "Funding model"),
    "funding_pxq": ("Inspanningsgericht (P x Q)", "Effort-based (P x Q)"),
    "funding_output": ("Outputgericht (trajectprijs)", "Output-based (price per trajectory)"),
    "funding_result": ("Resultaatgericht (betalen voor resultaat)", "Results-oriented (pay for results)"),
    "funding_lumpsum": ("Taakgericht (lumpsum)", "Task-based (lump sum)"),
    "price_factor": ("Tarief of trajectprijs (× huidig)", "Tariff or trajectory price (× current)"),
    "budget_factor": ("Lumpsum (× uitgaven vorig jaar)", "Lump sum (× last year's spend)"),
    "corridor": ("Risicocorridor bij lumpsum (delen boven 2%)", "Risk corridor with a lump sum (share beyond 2%)"),
    "pay_on_time": ("Op tijd betalen", "Pay on time"),
    "capacity_pct": ("Capaciteit (% van de cliënten van vorig jaar)", "Capacity (% of last year's clients)"),
    "intake": ("Intakebeleid", "Intake policy"),
    "intake_open": ("Iedereen aannemen", "Take everyone"),
    "intake_standard": ("Gewoon", "Standard"),
    "intake_selective": ("Selectief (verlieslatende cliënten weigeren)", "Selective (refuse loss-making clients)"),
    "hours_pct": ("Uren per cliënt (% van wat de prikkel geeft)", "Hours per client (% of what the incentive gives)"),
    "prevention_eur": ("Preventie (EUR per cliënt per jaar)", "Prevention (EUR per client per year)"),
    "mdo_pct": ("MDO voor zware casussen (%)", "MDO for severe cases (%)"),
    "agree_results": ("Resultaten afspreken met de inwoner", "Agree results with the resident"),
    "assign": ("Naar welke aanbieder?", "To which provider?"),
    "cases_this_year": ("Casussen van dit jaar: wijs ze toe", "This year's cases: assign them"),
    "cofund_eur": ("Meebetalen aan preventie (EUR per cliënt)", "Co-fund prevention (EUR per client)"),
    "yes": ("Ja", "Yes"),
    "decision": ("Besluit", "Decision"),
    "no": ("Nee", "No"),
    "field_rounds": ("rondes", "rounds"),
    "field_n_providers": ("aantal aanbieders", "number of providers"),
    "field_provider": ("aanbieder", "provider"),
    "field_case": ("casus", "case"),
    # events
    "events": ("Gebeurtenissen (gelden voor dit contractjaar)", "Events (apply to this contract year)"),
    "event_provider_trouble": ("Aanbieder 1 in financiële problemen", "Provider 1 in financial trouble"),
    "event_demand_rise": ("Vraag stijgt 10%", "Demand rises 10%"),
    "event_new_law": ("Nieuwe wet: strengere Wlz-toegang, 8% meer Wmo-cliënten",
                      "New law: stricter Wlz access, 8% more Wmo clients"),
    "event_wage_rise": ("Nieuwe cao: uurkosten +5%", "New wage agreement: hourly cost +5%"),
    "no_events": ("Geen gebeurtenissen dit jaar.", "No events this year."),
    # status
    "status_healthy": ("gezond", "healthy"),
    "status_watch": ("onder toezicht", "being watched"),
    "status_trouble": ("in problemen", "in trouble"),
    "status_failed": ("failliet", "bankrupt"),
    # trainer
    "teams": ("Teams", "Teams"),
    "decided": ("besluit binnen", "decided"),
    "not_decided": ("nog geen besluit", "no decision yet"),
    "nobody": ("nog niemand", "nobody yet"),
    "advance": ("Reken contractjaar {year} door", "Compute contract year {year}"),
    "download_json": ("Download JSON (onderzoek)", "Download JSON (research)"),
    "download_csv": ("Download CSV", "Download CSV"),
    "trainer_link": ("Bewaar trainerlink (bestand)", "Save trainer link (file)"),
    "trainer_link_note": ("Met de trainerlink open je dit spel later of op een andere computer weer. Bewaar hem "
                          "goed: wie hem heeft, bestuurt het spel.",
                          "The trainer link reopens this game later or on another computer. Keep it safe: whoever "
                          "has it runs the game."),
    "tab_console": ("Console", "Console"),
    "tab_dashboard": ("Dashboard", "Dashboard"),
    "tab_debrief": ("Nabespreking", "Debrief"),
    "tab_assumptions": ("Aannames", "Assumptions"),
    "assumptions_title": ("Aannames van het spel en hun bron", "The game's assumptions and their sources"),
    "assumptions_intro": ("Met deze getallen rekent het model elk contractjaar door; ze staan in het aannameregister "
                          "van zorglab (zorglab.assumptions). Waar een bron het mechanisme beschrijft, staat die erbij. "
                          "De getallen zelf zijn illustratieve lesaannames, geen gemeten cijfers: bespreek ze gerust "
                          "met de groep. De zorgvraag van de gekozen gemeente komt van het CBS.",
                          "The model computes every contract year with these numbers; they are in zorglab's "
                          "assumption register (zorglab.assumptions). Where a source describes the mechanism, it is "
                          "named. The numbers themselves are illustrative teaching assumptions, not measured "
                          "figures: feel free to discuss them with the group. The chosen municipality's caseload "
                          "comes from CBS."),
    "col_assumption": ("Aanname", "Assumption"),
    "col_value": ("Waarde", "Value"),
    "col_source": ("Bron", "Source"),
    "unit_hours": ("uur", "hours"),
    "unit_points": ("punten", "points"),
    "dashboard_title": ("De wereld over de jaren", "The world over the years"),
    "debrief_title": ("Nabespreking: wie won, wie betaalde, wat gebeurde er met inwoners?",
                      "Debrief: who gained, who paid, what happened to residents?"),
    "path_title": ("Het pad dat de keuzes in gang zetten, per rol", "The path the choices set in motion, by role"),
    "balance_title": ("De balans: het jaar vóór het spel tegen het laatste jaar",
                      "The balance: the year before the game against the last year"),
    # measures
    "year": ("Jaar", "Year"),
    "spend": ("Uitgaven gemeente", "Municipal spend"),
    "insurer_spend": ("Uitgaven Zvw/Wlz", "Zvw/Wlz spend"),
    "reserves": ("Reserves", "Reserves"),
    "margin": ("Marge", "Margin"),
    "margin_total": ("Marge over de gespeelde jaren", "Margin over the years played"),
    "revenue": ("Omzet", "Revenue"),
    "clients": ("Cliënten", "Clients"),
    "served": ("Geholpen", "Served"),
    "waiting": ("Wachtlijst", "Waiting list"),
    "wellbeing": ("Welbevinden (1-10)", "Wellbeing (1-10)"),
    "status": ("Financiële positie", "Financial position"),
    "per_inhabitant": ("per inwoner", "per inhabitant"),
    "delivered": ("Geleverd van de behoefte", "Delivered of the need"),
    "extra_hour": ("Marge op een extra uur", "Margin on one extra hour"),
    "turned_away": ("Geweigerd", "Turned away"),
    "mdo_count": ("MDO's", "MDOs"),
    "start": ("Vóór het spel", "Before the game"),
    "end": ("Laatste jaar", "Last year"),
    "change": ("Verschil", "Change"),
    "total": ("Totaal gespeelde jaren (uitgaven, marge)", "Total over the years played (spend, margin)"),
    "party": ("Partij", "Party"),
    "measure": ("Maat", "Measure"),
    "providers_status": ("Aanbieders (zoals de contractmanager ze ziet)", "Providers (as the contract manager sees them)"),
    "contract": ("Contract van dit jaar", "This year's contract"),
    # findings (debrief path)
    "finding_funding": ("Uitgaven {spend_eur} ({change_eur} t.o.v. het jaar ervoor).",
                        "Spend {spend_eur} ({change_eur} on the year before)."),
    "finding_margin": ("Marge {margin_eur}; reserves nu {reserves_eur}.", "Margin {margin_eur}; reserves now {reserves_eur}."),
    "finding_insurer": ("Uitgaven Zvw/Wlz {spend_eur} ({change_eur} t.o.v. het jaar ervoor).",
                        "Zvw/Wlz spend {spend_eur} ({change_eur} on the year before)."),
    "finding_event": ("Gebeurtenis: {event}.", "Event: {event}."),
    "finding_overdelivery": ("{team} leverde {share_pct} méér uren dan nodig: elk extra uur verdiende geld.",
                             "{team} delivered {share_pct} more hours than needed: every extra hour paid."),
    "finding_underdelivery": ("{team} leverde {share_pct} minder dan nodig: een extra uur leverde niets op.",
                              "{team} delivered {share_pct} less than needed: an extra hour earned nothing."),
    "finding_turned_away": ("{team} weigerde {clients} cliënten waarop het verlies leed.",
                            "{team} turned away {clients} clients it lost money on."),
    "finding_capacity_short": ("{team} had te weinig capaciteit: {clients} cliënten wachtten.",
                               "{team} had too little capacity: {clients} clients waited."),
    "finding_status_watch": ("{team} staat onder toezicht (reserves {reserves_eur}).",
                             "{team} is being watched (reserves {reserves_eur})."),
    "finding_status_trouble": ("{team} is in financiële problemen (reserves {reserves_eur}, marge {margin_eur}).",
                               "{team} is in financial trouble (reserves {reserves_eur}, margin {margin_eur})."),
    "finding_status_failed": ("{team} is failliet: zijn cliënten moeten naar anderen (continuïteit van zorg!).",
                              "{team} went bankrupt: its clients must go elsewhere (continuity of care!)."),
    "finding_waiting_up": ("De wachtlijst groeide met {change} tot {clients} inwoners.",
                           "The waiting list grew by {change} to {clients} residents."),
    "finding_waiting_down": ("De wachtlijst kromp met {change} tot {clients} inwoners.",
                             "The waiting list shrank by {change} to {clients} residents."),
    "finding_wrong_pocket": ("Wrong pocket: de gemeente betaalde {cost_eur} aan MDO's, de zorgverzekeraar en het "
                             "zorgkantoor bespaarden {saving_eur}.",
                             "Wrong pocket: the municipality paid {cost_eur} for MDOs, the insurer and the care "
                             "office saved {saving_eur}."),
    "finding_prevention": ("Preventie van vorig jaar: {share_pct} minder nieuwe cliënten.",
                           "Last year's prevention: {share_pct} fewer new clients."),
    # messages
    "msg_created": ("Spel aangemaakt. Deel de code; bewaar de trainerlink.", "Game created. Share the code; save the trainer link."),
    "msg_event": ("Gebeurtenis toegevoegd: {event}.", "Event added: {event}."),
    "msg_advanced": ("Contractjaar {round} is doorgerekend.", "Contract year {round} has been computed."),
    "msg_joined": ("Je doet mee in team {team}.", "You joined team {team}."),
    "msg_saved": ("Besluit opgeslagen.", "Decision saved."),
    "msg_team_updated": ("Een teamgenoot heeft het besluit opgeslagen: het formulier toont nu dat besluit.",
                         "A teammate saved the decision: the form now shows it."),
    "msg_team_changed": ("Een teamgenoot heeft intussen een ander besluit opgeslagen. Jouw wijzigingen staan nog "
                         "in het formulier; opslaan vervangt het besluit van je team.",
                         "A teammate has saved a different decision meanwhile. Your changes are still in the form; "
                         "saving replaces your team's decision."),
    "load_team_decision": ("Toon het besluit van mijn team", "Show my team's decision"),
    "bad_trainer_link": ("Deze trainerlink is ongeldig.", "This trainer link is not valid."),
    # errors (codes from zorglab.game.errors)
    "err_out_of_range": ("{field}: {value} valt buiten het toegestane bereik {low} tot en met {high}.",
                         "{field}: {value} is outside the allowed range {low} to {high}."),
    "err_unknown_choice": ("{field}: '{value}' bestaat niet; kies uit {allowed}.",
                           "{field}: '{value}' does not exist; choose from {allowed}."),
    "err_unknown_field": ("'{field}' hoort niet bij jullie rol; toegestaan: {allowed}.",
                          "'{field}' is not part of your role; allowed: {allowed}."),
    "err_not_yes_no": ("{field} is ja of nee.", "{field} is yes or no."),
    "err_unknown_code": ("Onbekende spelcode '{value}'. Controleer de code op het scherm van de trainer.",
                         "Unknown game code '{value}'. Check the code on the trainer's screen."),
    "err_unknown_team": ("Dit team speelt niet mee in dit spel; kies uit: {allowed}.",
                         "This team does not play in this game; choose from: {allowed}."),
    "err_unknown_region": ("Onbekende regio '{value}'; kies uit {allowed}.", "Unknown region '{value}'; choose from {allowed}."),
    "err_unknown_municipality": ("'{value}' ligt niet in deze regio; kies uit {allowed}.",
                                 "'{value}' is not in this region; choose from {allowed}."),
    "err_unknown_event": ("Onbekende gebeurtenis '{value}'.", "Unknown event '{value}'."),
    "err_name_empty": ("Vul een schuilnaam in met letters of cijfers.", "Please enter a pseudonym with letters or digits."),
    "err_name_too_long": ("Een schuilnaam is hoogstens {high} tekens.", "A pseudonym has at most {high} characters."),
    "err_name_taken": ("Die schuilnaam (of een die erop lijkt) doet al mee. Kies een andere.",
                       "That pseudonym (or one like it) already plays. Choose another one."),
    "err_team_full": ("Dit team is vol ({high} spelers). Kies een ander team.", "This team is full ({high} players). Choose another team."),
    "err_not_authorised": ("Geen toegang: deze link of sleutel hoort niet bij een spel.",
                           "Not authorised: this link or key does not belong to a game."),
    "err_game_finished": ("Dit contractjaar is al doorgerekend (of het spel is afgelopen); je besluit is niet "
                          "opgeslagen. Je keuzes staan nog in het formulier.",
                          "This contract year has already been computed (or the game is over); your decision was "
                          "not saved. Your choices are still in the form."),
    "err_bad_export": ("Dit is geen export van het inkoopspel.", "This is not a purchasing game export."),
}

tr = Translator(STRINGS)


def team_label(team: str, language: str = "nl") -> str:
    if team.startswith("provider_"):
        return tr("team_provider", language, n=team.split("_", 1)[1])
    return tr(f"team_{team}", language)


def _value(key: str, value: Any, language: str) -> str:
    """A message or finding value as a reader expects it: money, percentages, clients, codes worded."""
    if key.endswith("_eur") and isinstance(value, int | float):
        return format_eur(value, 0)
    if key.endswith("_pct") and isinstance(value, int | float):
        return format_pct(value, 1)
    if key in ("clients", "change") and isinstance(value, int | float):
        return format_number(value, 0)
    if key == "team":
        return team_label(str(value), language)
    if key == "funding":
        return tr(f"funding_{value}", language)
    if key == "event":
        return tr(f"event_{value}", language)
    if key == "field":
        word = tr(str(value), language)
        return word if word != value else tr(f"field_{value}", language)
    return str(value)


def say(key: str, language: str = "nl", **values: Any) -> str:
    """The words for a code with its values (``{field}``, ``{low}`` ... filled in the reader's format)."""
    if not key:  # already bilingual (storage errors)
        return str(values.get("en" if language == "en" else "nl", ""))
    words = {k: _value(k, v, language) for k, v in values.items() if k not in ("kind",)}
    try:
        return tr(key, language, **words)
    except (KeyError, IndexError):
        return tr(key, language)
