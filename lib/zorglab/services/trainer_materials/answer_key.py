"""The answer key: every exercise of every lesson with the expected answer and how it is computed, at the lessons'
default parameters (read from the notebooks' parameters cells). Trainer content in Dutch.
"""

from __future__ import annotations

import ast
from typing import Any

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.paths import notebooks_dir
from zorglab.domain.cases import get_case
from zorglab.domain.catalogue import product_name
from zorglab.services.lesson_tables import steps_table
from zorglab.services.scenario_tables import model_label
from zorglab.services.trainer_materials.facilitator import _indicatie_table
from zorglab.services.trainer_materials.html_page import _e, _md_html, page, table_html


def lesson_parameters(number: int) -> dict[str, Any]:
    """The defaults in a lesson's parameters cell (read from the notebook, so the key uses what students get)."""
    import nbformat

    path = next((notebooks_dir() / "lessons").glob(f"{number:02d}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", []))
    out: dict[str, Any] = {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            out[node.target.id] = ast.literal_eval(node.value)
    return out


def _question_html(question) -> str:
    items = "".join(f"<li class='{'right' if o.correct else 'wrong'}'>{'✔' if o.correct else '✘'} <strong>{_e(o.nl)}</strong>"
                    f" — {_e(o.why_nl)}</li>" for o in question.options)
    return f"<p><em>{_e(question.prompt_nl)}</em></p><ul>{items}</ul>"


def _feedback_html(fb) -> str:
    return _md_html(fb.text("nl"))


def _lesson1() -> str:
    from zorglab.domain import exercises as ex
    from zorglab.domain.funding import MODELS, make_model
    from zorglab.domain.generator import generate_caseload

    p = lesson_parameters(1)
    caseload = generate_caseload(str(p["region"]), int(p["n_clients"]), seed=int(p["seed"]))
    rows = []
    for key in MODELS:
        behaviour, why = ex.observed_behaviour(make_model(key).evaluate(caseload))
        rows.append((model_label(key), ex.behaviour_text(behaviour), why.text()))
    facts = ex.extra_hour_facts("JW_AMB_BASIS")
    tariff, hours = float(facts["tariff_eur"]), float(facts["staff_hours_per_unit"])
    cost, share = float(facts["cost_per_hour"]), float(facts["marginal_cost_share"])
    margin = tariff / hours - share * cost
    return (f"<h2>Les 1 — Van product naar resultaat</h2><p class='meta'>Parameters: {_e(p)}</p>"
            "<h3>Opdracht 1 — Voorspellen</h3><p>Het verwachte antwoord is het gedrag dat het rekenmodel laat zien "
            "(niet een vaste sleutel):</p>"
            + table_html(pd.DataFrame(rows, columns=["Model", "Gedrag", "Waarom (uit het model)"]))
            + "<h3>Opdracht 2 — Marge op één extra personeelsuur</h3>"
            + _md_html(ex.extra_hour_prompt(facts, "nl"))
            + f"<p><strong>Antwoord: {_e(format_eur(margin))}</strong> = {_e(format_eur(tariff))} / "
              f"{_e(format_number(hours, 2))} − {_e(format_pct(share))} × {_e(format_eur(cost))}. Veelgemaakte fouten: "
              f"{_e(format_eur(tariff - hours * share * cost))} of {_e(format_eur(tariff - hours * cost))} (per uur hulp "
              f"gerekend), {_e(format_eur(tariff / hours - cost))} (volledige kostprijs), {_e(format_eur(tariff / hours))} "
              "(opbrengst, geen marge).</p>")


def _lesson2() -> str:
    from zorglab.domain import exercises as ex
    from zorglab.domain.begeleiding import last_year_spend, lindendaal_scenario, spend_sources

    p = lesson_parameters(2)
    sc = lindendaal_scenario(int(p["n_clients"]), int(p["seed"]))
    gp = sc.evaluate().general
    last = last_year_spend(sc)
    codes = ["WMO_BEG_GRP", "WMO_BEG_IND", "WMO_HH1", "WMO_BESCHERMD_WONEN", "JW_AMB_BASIS"]
    ind = [(product_name(c), "nee" if not ex.needs_indication(c)[0] else "ja", ex.needs_indication(c)[1].text()) for c in codes]
    src = spend_sources(sc)
    return (f"<h2>Les 2 — Van maatwerk naar algemene voorziening</h2><p class='meta'>Parameters: {_e(p)}; lab met de "
            "standaardknoppen (begeleiding groep en individueel naar de algemene voorziening, overig maatwerk P x Q).</p>"
            "<h3>Opdracht 1 — De rol van de gemeente</h3>" + _question_html(ex.QUESTIONS["gp_conditions"])
            + _question_html(ex.QUESTIONS["gp_director"])
            + "<h3>Opdracht 2 — Het budget van het consortium</h3>"
            + f"<p><strong>{_e(format_eur(gp.budget, 0))}</strong> = {_e(format_number(sc.av_budget_factor, 2))} × "
              f"{_e(format_eur(last, 0))} (P x Q-kosten vorig jaar van de cliënten die overgaan). Verschil met de oude "
              f"aanpak: {_e(format_eur(src.general_provision, 0))}, helemaal uit de algemene voorziening (overig maatwerk: "
              f"{_e(format_eur(src.other_individual, 0))}). Verschuiven studenten de knoppen, dan rekent de controle mee.</p>"
            + "<h3>Opdracht 3 — Budget per deelnemer</h3>"
            + f"<p><strong>{_e(format_eur(gp.budget / gp.participants, 0))}</strong> = {_e(format_eur(gp.budget, 0))} / "
              f"({_e(format_number(gp.moved_clients))} + {_e(format_number(gp.new_participants))}). Kosten per deelnemer "
              f"{_e(format_eur(sc.av_cost_per_participant, 0))}.</p>"
            + _question_html(ex.QUESTIONS["av_more_participants"])
            + "<h3>Opdracht 4 — Wie heeft nog een indicatie nodig?</h3>"
            + table_html(pd.DataFrame(ind, columns=["Product", "Indicatie nodig?", "Waarom"]))
            + "<h3>Opdracht 5 — Risico's</h3>" + _question_html(ex.QUESTIONS["av_risks"]))


def _lesson3() -> str:
    from zorglab.domain import exercises as ex
    from zorglab.domain.agreement import agreement_summary
    from zorglab.domain.generator import generate_caseload
    from zorglab.services.lesson_ratings import ratings_with_student

    p = lesson_parameters(3)
    teams = ratings_with_student({})
    old = agreement_summary(teams, category_col="product")
    new = agreement_summary(teams, category_col="harmonised_product")
    caseload = generate_caseload("Rivierenland", int(p["n_clients"]), seed=int(p["seed"]), year=int(p["year"]))
    factor = ex.break_even_tariff_factor(caseload)
    return (f"<h2>Les 3 — Goed opdrachtgeverschap in de regio</h2><p class='meta'>Parameters: {_e(p)}</p>"
            "<h3>Opdracht 1 — Casussen beoordelen</h3><p>Geen enkel goed product; de huidige ondersteuning van de casus is "
            "het ijkpunt (zie de facilitatornotities, ronde indicatie).</p>"
            + table_html(_indicatie_table(("RIV-01", "RIV-03", "RIV-06", "RIV-10")))
            + "<h3>Opdracht 2 — Overeenstemming</h3><p>Hangt af van de keuzes van de student (die telt als achtste team). "
              "Zonder eigen keuzes, alleen de zeven gesimuleerde gebiedsteams: percentage overeenstemming "
              f"<strong>{_e(format_number(old['pct_agreement'], 2))}</strong>, Fleiss' kappa "
              f"<strong>{_e(format_number(old['fleiss_kappa'], 2))}</strong> (oude catalogus); geharmoniseerd "
              f"{_e(format_number(new['pct_agreement'], 2))} en {_e(format_number(new['fleiss_kappa'], 2))}. Methode: per "
              "casus het aandeel dat het meest gekozen product koos, gemiddeld; kappa = (P̄ − Pe) / (1 − Pe).</p>"
            + "<h3>Opdracht 3 — Break-evenpunt</h3>"
            + f"<p><strong>{_e(format_number(factor, 2))}</strong> (kostprijs € 55 per uur). Niet kosten/opbrengst bij de "
              "huidige tarieven: bij een lager tarief levert de aanbieder minder uren en weigert hij verliesgevende cliënten.</p>"
            + "<h3>Opdracht 4 — Wat doet een goede opdrachtgever?</h3>" + _question_html(ex.QUESTIONS["continuity"])
            + "<h3>Regisserend opdrachtgeverschap</h3>" + _question_html(ex.QUESTIONS["directing_commissioner"]))


def _lesson4() -> str:
    from zorglab.domain import casuistry as cz
    from zorglab.domain import exercises as ex
    from zorglab.domain.effects import EffectCalculator
    from zorglab.services.lesson_tables import arena_key

    p = lesson_parameters(4)
    case = get_case(str(p["case_id"]))
    calc = EffectCalculator(horizon_years=int(p["horizon_years"]), discount_rate=float(p["discount_rate"]))
    per_payer = calc.per_payer([case])
    saving = float(per_payer["saving"].sum())
    levels = "".join(f"<li><strong>{_e(cz.choice_label('levels', k))}:</strong> {_e(' / '.join(v[0]))}</li>"
                     for k, v in cz.LEVEL_EXAMPLES.items())
    return (f"<h2>Les 4 — Proeftuin: de bewoner centraal</h2><p class='meta'>Parameters: {_e(p)}</p>"
            "<h3>Opdracht 1 — Casuïstiekformulier</h3><p>Geen vaste uitkomst; de controle kijkt of het formulier het verhaal "
            "van de bewoner is (ik-vorm, alle drie ingevuld), de bewoner en minstens twee andere partijen aan tafel zitten, "
            "een belemmering én wie die wegneemt benoemd zijn, de oplossing er staat, de stappen binnen de maximale "
            "doorlooptijden vallen en effecten voor de bewoner én anderen benoemd zijn. Voorbeeld voor "
            f"{_e(case.case_id)}:</p><pre>{_e(cz.example_form(case).to_markdown())}</pre>"
            "<h3>Opdracht 2 — Maandritme</h3>"
            f"<p><strong>{9 * cz.RHYTHM_MONTHS_2016}</strong> = 9 organisaties × {cz.RHYTHM_MONTHS_2016} maanden × 1 casus "
            "(juli–december 2016).</p>"
            f"<h3>Opdracht 3 — Effectenarena ({_e(case.case_id)})</h3>" + table_html(arena_key(case, calc))
            + "<h3>Opdracht 4 — De maatschappelijke som</h3>"
            + f"<p><strong>{_e(format_eur(saving, 0))}</strong> = "
              + _e(" + ".join(f"{p_} {format_eur(s, 0)}" for p_, s in zip(per_payer['payer'], per_payer['saving'],
                                                                        strict=True) if abs(s) > 0.005))
            + " (besparing = oude − nieuwe aanpak, over alle betalers). Andere casussen: zie de calculator.</p>"
            "<h3>Opdracht 5 — Wie betaalt de oplossing?</h3>" + _question_html(ex.who_funds_question(calculator=calc))
            + f"<h3>Opdracht 6 — Vier niveaus</h3><p>Open; voorbeelden:</p><ul>{levels}</ul>")


def _lesson5() -> str:
    from zorglab.domain import exercises as ex
    from zorglab.domain import results_process as rp

    p = lesson_parameters(5)
    facts = rp.payment_facts(str(p["case_id"]))
    price, share, bonus, malus = (float(facts[k]) for k in ("price", "base_share", "bonus", "malus"))
    rows = [(cid, card.result_nl, "; ".join(i.nl for i in rp.measurable_indicators(cid)),
             "; ".join(f"{i.nl} ({i.kind})" for i in card.indicators if not rp.INDICATOR_KINDS[i.kind]))
            for cid, card in rp.RESULT_CARDS.items()]
    return (f"<h2>Les 5 — Resultaatgericht werken</h2><p class='meta'>Parameters: {_e(p)}</p>"
            "<h3>Opdracht 1 — Het werkproces op volgorde</h3>" + table_html(steps_table("nl"))
            + "<h3>Opdracht 2 — Een meetbaar resultaat (per WES-casus)</h3><p>Goed: een meetbare indicator, beginwaarde en "
              f"een streefwaarde die een verbetering is, een termijn van {rp.TERM_WEEKS[0]}–{rp.TERM_WEEKS[1]} weken, en "
              "'het gezin en het lokale team samen' stellen het resultaat vast.</p>"
            + table_html(pd.DataFrame(rows, columns=["Casus", "Resultaat in het contract", "Meetbare indicatoren",
                                                     "Niet meetbaar (soort)"]))
            + "<h3>Opdracht 3 — Variant</h3>" + _question_html(ex.QUESTIONS["result_variant"])
            + "<h3>Opdracht 4 — Evaluatie</h3>" + _question_html(ex.QUESTIONS["result_evaluation"])
            + f"<h3>Opdracht 5 — Betaling ({_e(facts['case_id'])})</h3>"
            + f"<p>Niet behaald: <strong>{_e(format_eur(rp.payment(price, share, bonus, malus, False)))}</strong> = "
              f"{_e(format_pct(share))} × {_e(format_eur(price))} − {_e(format_eur(malus))}. Behaald: "
              f"<strong>{_e(format_eur(rp.payment(price, share, bonus, malus, True)))}</strong> = {_e(format_eur(price))} + "
              f"{_e(format_eur(bonus))}.</p>"
            + "<h3>Opdracht 6 — Risico's</h3>" + _question_html(ex.QUESTIONS["result_risks"]))


def answer_key() -> str:
    intro = ("<p>Per les en opdracht: het verwachte antwoord en hoe het berekend wordt, bij de standaardparameters van de "
             "lessen. Rekenopdrachten geven in de les zelf feedback op typische fouten; meerkeuzevragen tonen bij elke "
             "optie waarom die (niet) klopt — dezelfde tekst staat hier.</p>")
    return page("Antwoordsleutel voor de trainer", intro + _lesson1() + _lesson2() + _lesson3() + _lesson4() + _lesson5())
