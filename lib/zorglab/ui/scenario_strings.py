"""UI text of the scenario explorer (Dutch, English); parameter labels live with the model in lib."""

from __future__ import annotations

from zorglab.i18n import Translator

STRINGS: dict[str, tuple[str, str]] = {
    "title": ("Scenarioverkenner bekostiging", "Funding scenario explorer"),
    "subtitle": ("Schuif aan de knoppen en zie direct wat een bekostigingskeuze doet, vergeleken met de oude "
                 "P x Q-aanpak.",
                 "Move the levers and see at once what a funding choice does, compared with the old P x Q way."),
    "tab_scenario": ("Scenario", "Scenario"),
    "tab_compare": ("Vergelijken", "Compare"),
    "tab_effects": ("Effectencalculator", "Effect calculator"),
    "tab_assumptions": ("Aannames", "Assumptions"),
    "tab_reference": ("Modelreferentie", "Model reference"),
    "conditions": ("Situatie (geldt ook voor de basislijn)", "Conditions (also apply to the baseline)"),
    "levers": ("Beleidsknoppen", "Policy levers"),
    "model_knobs": ("Gedrag onder dit model", "Behaviour under this model"),
    "predict_mode": ("Voorspel-modus", "Predict mode"),
    "reveal": ("Onthul het effect", "Reveal the effect"),
    "large_numbers": ("Grote cijfers", "Large numbers"),
    "hidden_value": ("? ? ?", "? ? ?"),
    "hidden_note": ("Verborgen: voorspel eerst wat er verandert.", "Hidden: predict first what changes."),
    "predict_prompt": ("Voorspel-modus: wat gebeurt er met de uitgaven, de marge van aanbieders, de wachtlijst en "
                       "het welbevinden? Schrijf je voorspelling op; de trainer onthult het effect.",
                       "Predict mode: what happens to spend, provider margin, the waiting list and wellbeing? "
                       "Write down your prediction; the trainer reveals the effect."),
    "baseline_short": ("basislijn", "baseline"),
    "difference": ("verschil", "difference"),
    "explanation": ("Wat betekent dit?", "What does this mean?"),
    "spend_plot": ("Uitgaven gemeente per wet en voorziening", "Municipal spend per law and provision"),
    "incentives": ("Prikkel voor de aanbieder", "Incentive for the provider"),
    "summary": ("Alle indicatoren", "All indicators"),
    "spend_per_law": ("Uitgaven per wet / betaler", "Spend per law / payer"),
    "scenario": ("Scenario", "Scenario"),
    "baseline": ("Basislijn (P x Q)", "Baseline (P x Q)"),
    "line": ("Post", "Line"),
    "indicator": ("Indicator", "Indicator"),
    "download_csv": ("Download tabellen (CSV)", "Download tables (CSV)"),
    "download_excel": ("Download tabellen (Excel)", "Download tables (Excel)"),
    "save_name": ("Naam van het scenario", "Scenario name"),
    "save": ("Bewaar scenario", "Save scenario"),
    "remove": ("Verwijder", "Remove"),
    "load": ("Laad in de knoppen", "Load into the levers"),
    "saved_as": ("Bewaard als '{name}'.", "Saved as '{name}'."),
    "saved_full": ("Er kunnen maximaal {n} scenario's naast elkaar; verwijder er eerst één.",
                   "At most {n} scenarios fit side by side; remove one first."),
    "compare_empty": ("Nog geen bewaarde scenario's. Geef het huidige scenario een naam en klik op "
                      "'Bewaar scenario' (maximaal {n}).",
                      "No saved scenarios yet. Name the current scenario and click 'Save scenario' (at most {n})."),
    "compare_links": ("Deelbare links", "Shareable links"),
    "compare_csv": ("Download vergelijking (CSV)", "Download comparison (CSV)"),
    "compare_excel": ("Download vergelijking (Excel)", "Download comparison (Excel)"),
    "share": ("Deel dit scenario: de link in de adresbalk bevat alle instellingen.",
              "Share this scenario: the link in the address bar holds every setting."),
    "url_notice": ("De link bevatte ongeldige waarden; we hebben de dichtstbijzijnde geldige waarde gebruikt:",
                   "The link contained invalid values; the nearest valid value is used:"),
    "case": ("Casus", "Case"),
    "horizon": ("Horizon (jaren)", "Horizon (years)"),
    "per_payer": ("Kosten per betaler: oude aanpak vs nieuwe aanpak", "Cost per payer: old way vs new way"),
    "old_way": ("Oude aanpak", "Old way"),
    "new_way": ("Nieuwe aanpak", "New way"),
    "saving": ("Besparing", "Saving"),
    "payer": ("Betaler", "Payer"),
    "role": ("Rol", "Role"),
    "arena": ("Effectenarena: wie investeert, wie profiteert", "Effect arena: who invests, who benefits"),
    "case_words": ("Ik wil: {wil} · Ik kan: {kan} · Ik heb nodig: {nodig}",
                   "I want: {wil} · I can: {kan} · I need: {nodig}"),
    "assumptions_intro": ("Elke parameter met zijn waarde, toegestane bereik, betekenis en bron. Alle getallen zijn "
                          "illustratief.",
                          "Every parameter with its value, allowed range, meaning and source. All figures are "
                          "illustrative."),
    "reference_intro": ("De vergelijkingen die de app gebruikt, rechtstreeks uit de bibliotheek (zorglab.equations).",
                        "The equations the app uses, taken straight from the library (zorglab.equations)."),
    "population_note": ("**{region}**: {population} inwoners, ongeveer {clients} cliënten met Wmo- of "
                        "Jeugdwet-ondersteuning (geschat op CBS-cijfers). Alle bedragen en aantallen gelden voor deze "
                        "inwoners; de steekproef van {n} synthetische cliënten bepaalt alleen de precisie.",
                        "**{region}**: {population} inhabitants, about {clients} clients with Wmo or Youth Act support "
                        "(estimated from CBS figures). All money and numbers are those of these inhabitants; the sample "
                        "of {n} synthetic clients only sets the precision."),
    "regions_group": ("Regio's", "Regions"),
    "municipalities_group": ("Gemeenten (CBS)", "Municipalities (CBS)"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
}

tr = Translator(STRINGS)
