"""What a trainer needs on paper, generated from the case data and the lessons: ``python -m zorglab.services.trainer_materials``.

Why generated and not written by hand: the case cards, the expected answers and the answer key come from the same
library the lessons and the apps use (cases, catalogue, funding models, effectencalculator, exercises), so the
paper never disagrees with the screen. ``tests/test_lesson_materials.py`` fails when the files in ``docs/trainer/``
are out of date.

Writes print-ready HTML (A4, one case card per page; the browser's *Print → Save as PDF* makes a PDF):

* ``case_cards.html`` / ``case_cards_en.html`` — one card per case (all shipped cases), Dutch / English;
* ``casuistry_form.html`` — the blank casuistry form (lesson 4), to fill in by hand after an MDO;
* ``facilitator_notes.html`` — per intervision round: aim, how to run it, expected answers per recommended case,
  typical misconceptions, how to read a kappa, debrief questions;
* ``answer_key.html`` — every exercise of every lesson with the expected answer and how it is computed (at the
  lessons' default parameters);
* ``learning_goals.html`` — workshop and lesson learning goals;
* ``evaluation_form.html`` — the participants' evaluation form;
* ``index.html`` — the list, plus the route for participants without Python (the served lessons).

Everything is synthetic and free of personal data, and says so on every page.
"""

from __future__ import annotations

import argparse
import ast
import html
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from markdown_it import MarkdownIt

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.paths import REPO_ROOT, notebooks_dir
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case, get_case, load_cases, support_frame
from zorglab.domain.catalogue import harmonise, payer_label, product_name

OUT_DIR = REPO_ROOT / "docs" / "trainer"
_md = MarkdownIt("commonmark", {"html": False}).enable("table")
NOTICE = ("Alle casussen en cliëntgegevens zijn synthetisch en bevatten geen persoonsgegevens. Tarieven en prijzen zijn "
          "illustratieve schattingen.",
          "All cases and client data are synthetic and contain no personal data. Tariffs and prices are illustrative "
          "estimates.")
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto;
       max-width: 900px; padding: 0 1rem; line-height: 1.45; }
h1 { color: #12385b; border-bottom: 3px solid #e07b00; padding-bottom: .3rem; }
h2 { color: #12385b; margin-top: 2rem; } h3 { color: #12385b; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid #c9d1d9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.notice { font-size: .85rem; color: #3a4350; border-top: 1px solid #c9d1d9; margin-top: 2rem; padding-top: .5rem; }
.card { border: 2px solid #12385b; border-radius: 10px; padding: 1rem 1.25rem; margin: 1rem 0; page-break-after: always;
        break-after: page; }
.card h2 { margin-top: 0; } .meta { color: #3a4350; }
.words li { margin: .3rem 0; } .right { color: #1a7f37; } .wrong { color: #b42318; }
.line { border-bottom: 1px solid #8b949e; height: 1.8rem; } .box { border: 1px solid #8b949e; min-height: 4rem; margin: .3rem 0 1rem; }
.scale td { text-align: center; width: 8%; } .scale td:first-child { text-align: left; width: 60%; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; }
               h2 { page-break-after: avoid; } .no-print { display: none; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _md_html(text: str) -> str:
    return _md.render(text)


def page(title: str, body: str, language: str = "nl") -> str:
    notice = NOTICE[int(language == "en")]
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)} · zorglab</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<h1>{_e(title)}</h1>\n{body}\n"
            f'<p class="notice">{_e(notice)} zorglab.</p>\n</body>\n</html>\n')


def table_html(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


# ---- case cards ------------------------------------------------------------------------------------------------
def case_card_html(case: Case, language: str = "nl") -> str:
    en = language == "en"
    lab = (("I want", "I can", "I need", "Needs per life domain (0-3)", "Current support", "Wellbeing (own mark)",
            "Region") if en else
           ("Ik wil", "Ik kan", "Ik heb nodig", "Zorgen per levensdomein (0-3)", "Huidige ondersteuning",
            "Welbevinden (eigen cijfer)", "Regio"))
    where = f"{case.municipality}" + (f", {case.neighbourhood}" if case.neighbourhood else "")
    return (f'<section class="card" id="{_e(case.case_id)}">\n<h2>{_e(case.case_id)} — {_e(case.title(language))}</h2>\n'
            f'<p class="meta"><em>{_e(ct.household(case, language))}</em> · {_e(where)} · {lab[6]} {_e(case.region)}</p>\n'
            f'<ul class="words"><li><strong>{lab[0]}:</strong> {_e(ct.ik_wil(case, language))}</li>'
            f"<li><strong>{lab[1]}:</strong> {_e(ct.ik_kan(case, language))}</li>"
            f"<li><strong>{lab[2]}:</strong> {_e(ct.ik_heb_nodig(case, language))}</li></ul>\n"
            f"<p>{_e(ct.context(case, language))}</p>\n"
            f"<p><strong>{lab[3]}:</strong> {_e(ct.needs_text(case, language))}<br>\n"
            f"<strong>{lab[4]}:</strong> {_e(ct.support_text(case, language))}<br>\n"
            f"<strong>{lab[5]}:</strong> {case.wellbeing_before}</p>\n"
            f'<p class="notice">{_e(NOTICE[int(en)])}</p>\n</section>')


def case_cards(language: str = "nl", cases: Iterable[Case] | None = None) -> str:
    pool = list(cases) if cases is not None else load_cases()
    en = language == "en"
    intro = ("<p class='no-print'>One card per case, one case per page: print, cut and hand out per table. The cards show "
             "what an area team knows at the start (the resident's words, needs, current support, context); the "
             "expected answers are in the facilitator notes and the answer key.</p>" if en else
             "<p class='no-print'>Eén kaart per casus, één casus per pagina: print en deel per tafel uit. De kaarten tonen "
             "wat een gebiedsteam bij de start weet (de woorden van de bewoner, zorgen, huidige ondersteuning, context); "
             "de verwachte antwoorden staan in de facilitatornotities en de antwoordsleutel.</p>")
    body = intro + "\n".join(case_card_html(c, language) for c in pool)
    return page("Case cards" if en else "Casuskaarten", body, language)


# ---- the casuistry form -----------------------------------------------------------------------------------------
def casuistry_form() -> str:
    from zorglab.domain.casuistry import BARRIERS, ENABLERS, FORM_FIELDS, PARTICIPANTS, STEP_PLAN

    labels = {k: nl for k, nl, _ in FORM_FIELDS}
    ticks = lambda table: " ".join(f"☐ {_e(nl)}" for nl, _ in table.values())  # noqa: E731
    steps = "".join(f"<tr><td>{_e(s.nl)}</td><td>{s.max_days}</td><td></td></tr>" for s in STEP_PLAN)
    body = (
        "<p>zorglab-sjabloon naar de bronnen over proeftuin Ruwaard (de bronnen publiceren het formulier zelf niet). "
        "Vul het in na het MDO bij de bewoner thuis, in de woorden van de bewoner. De termijnen zijn voorbeelden; "
        "de bron zegt alleen: <em>de termijnen in het stappenplan zijn maximale doorlooptijden</em>.</p>"
        f"<h3>{_e(labels['case'])}</h3><div class='line'></div>"
        + "".join(f"<h3>{_e(labels[k])}</h3><div class='box'></div>" for k in ("ik_wil", "ik_kan", "ik_heb_nodig"))
        + f"<h3>{_e(labels['participants'])}</h3><p>{ticks(PARTICIPANTS)}</p>"
        f"<h3>{_e(labels['barriers'])}</h3><p>{ticks(BARRIERS)}</p><div class='box'></div>"
        f"<h3>{_e(labels['solution'])}</h3><div class='box'></div>"
        f"<h3>{_e(labels['enablers'])}</h3><p>{ticks(ENABLERS)}</p>"
        f"<h3>{_e(labels['steps'])}</h3><table><thead><tr><th>stap</th><th>max. werkdagen</th><th>gepland (datum)</th>"
        f"</tr></thead><tbody>{steps}</tbody></table>"
        f"<h3>{_e(labels['effects'])}</h3><p>Bewoner:</p><div class='box'></div><p>Anderen (familie, buurt, werkgever, "
        "corporatie, politie, school, gemeente, zorgverzekeraar, zorgkantoor):</p><div class='box'></div>"
        f"<h3>{_e(labels['learning'])}</h3><div class='box'></div>")
    return page("Casuïstiekformulier — proeftuin", body)


# ---- facilitator notes --------------------------------------------------------------------------------------------
RECOMMENDED = {"indicatie": ("RIV-01", "RIV-03", "RIV-06", "RIV-10"), "mdo": ("OSS-03", "OSS-06", "OSS-01"),
               "arena": ("OSS-03", "OSS-06")}


def _unit(code: str) -> str:
    from zorglab.domain.catalogue import product

    return str(product(code)["unit"])


def _indicatie_table(case_ids: Iterable[str]) -> pd.DataFrame:
    support = support_frame([get_case(c) for c in case_ids])
    rows = []
    for cid, grp in support.groupby("case_id", sort=False):
        main = grp.sort_values("cost_eur", ascending=False).iloc[0]
        rows.append((cid, get_case(cid).title_nl, product_name(main["product"]),
                     product_name(harmonise([main["product"]]).iloc[0]),
                     f"{ct.quantity_text(main['units_per_week'], _unit(main['product']))} per week, {int(main['weeks'])} weken",
                     format_eur(float(grp["cost_eur"].sum()), 0)))
    return pd.DataFrame(rows, columns=["Casus", "Titel", "Huidig hoofdproduct (oude catalogus)",
                                       "Geharmoniseerd product", "Volume", "Kosten per jaar"])


def _mdo_table(case_id: str) -> pd.DataFrame:
    from zorglab.domain.effects import EffectCalculator

    per_payer = EffectCalculator().per_payer([get_case(case_id)])
    per_payer = per_payer[(per_payer["reference"] != 0) | (per_payer["intervention"] != 0)]
    return pd.DataFrame({"Betaler": [payer_label(p) for p in per_payer["payer"]],
                         "Oude aanpak": per_payer["reference"].map(lambda v: format_eur(v, 0)),
                         "Nieuwe aanpak": per_payer["intervention"].map(lambda v: format_eur(v, 0)),
                         "Besparing": per_payer["saving"].map(lambda v: format_eur(v, 0))})


def _intervention_text(case: Case) -> str:
    from zorglab.domain.catalogue import price_list

    names = price_list().set_index("activity")
    unit = lambda a: str(names.loc[a, "unit"])  # noqa: E731
    parts = [f"jaar {e.year}: {names.loc[e.activity, 'name_nl']} ({ct.quantity_text(e.quantity, unit(e.activity))})"
             for e in case.scenarios.intervention]
    return "; ".join(parts)


KAPPA_NOTES = """
**Zo leest u een kappa.** Het percentage overeenstemming zegt hoe vaak beoordelaars hetzelfde kozen; Fleiss' kappa
corrigeert dat voor toeval: kappa = (P̄ − Pe) / (1 − Pe), met P̄ de gemiddelde overeenstemming tussen paren
beoordelaars en Pe de kans dat twee willekeurige beoordelingen toevallig hetzelfde product hebben.

| kappa | gangbare lezing (Landis & Koch) |
|---|---|
| < 0 | minder dan toeval |
| 0,00–0,20 | nauwelijks |
| 0,21–0,40 | matig (fair) |
| 0,41–0,60 | redelijk (moderate) |
| 0,61–0,80 | goed (substantial) |
| 0,81–1,00 | (bijna) volledig |

Kanttekeningen voor de nabespreking:

- Met minder, bredere producten (de geharmoniseerde catalogus) stijgt het **percentage** bijna altijd; **kappa** niet per
  se, want bij minder keuzes is ook toevallige overeenstemming groter. Een gelijke of lagere kappa is dus geen falen.
- Bij weinig casussen (4) of weinig deelnemers springt kappa sterk heen en weer; bespreek vooral de casussen met de
  meeste spreiding.
- Hetzelfde product is niet dezelfde indicatie: bekijk ook de spreiding in volume en kosten per casus.
- Kappa meet overeenstemming, geen juistheid: een zaal kan het eens zijn over een product dat niet past.
"""

ROUND_NOTES = {
    "indicatie": ("Indicatie — oude en geharmoniseerde catalogus", """
**Doel.** Laten zien dat dezelfde hulpvraag in verschillende producten vertaald wordt (de interpretatieverschillen uit
Rivierenland), en wat minder, bredere producten daaraan doen.

**Verloop.** Open de ronde met de oude catalogus (8–10 min): iedere deelnemer kiest per casus een product, volume en
één regel onderbouwing. Sluit, onthul: spreiding van producten en kosten, percentage en kappa. Herhaal met de
geharmoniseerde catalogus op dezelfde casussen (6–8 min) en vergelijk.

**Verwachte antwoorden.** Er is geen enkel goed product; de huidige ondersteuning van de casus is het ijkpunt:
""", [
        "Producten kiezen op wat de aanbieder levert in plaats van op de vraag van de bewoner ('ik heb nodig').",
        "Denken dat een hogere overeenstemming met de geharmoniseerde catalogus betekent dat de indicaties nu gelijk zijn: "
        "binnen één breed product lopen volume en kosten nog ver uiteen.",
        "Kappa lezen als cijfer voor kwaliteit; het meet alleen hoe eensgezind de zaal is.",
        "Alleen een Wmo- of Jeugdwet-product kiezen waar schuldhulp, werk of de woningcorporatie de echte sleutel is "
        "(RIV-01: integrale benadering).",
    ], [
        "Dezelfde bewoner, dezelfde omschrijving — waarom zulke verschillende producten?",
        "Wat lost de geharmoniseerde catalogus op, en wat niet?",
        "Wat zou u nodig hebben om een indicatie beter te onderbouwen (denk aan de integrale benadering met werk)?",
    ]),
    "mdo": ("MDO — integrale oplossing", """
**Doel.** Vanuit 'ik wil, ik kan, ik heb nodig' een oplossing bedenken over de schotten heen, en zien bij welke
betaler de kosten en baten landen.

**Verloop.** Deelnemers stellen per casus een pakket activiteiten samen (maximaal zes) en een verwacht welbevinden
(1–10). Onthul de kosten per betaler van de voorstellen naast de oude aanpak.

**Verwachte antwoorden.** De referentie-oplossing uit de casus (de 'nieuwe aanpak' van de effectencalculator):
""", [
        "Alleen meer van hetzelfde product voorstellen (meer uren begeleiding) in plaats van de belemmering weg te nemen.",
        "Vergeten dat een oplossing ook kosten verschuift naar een andere betaler (zorgverzekeraar, zorgkantoor, Wgs).",
        "Het welbevinden als doel uit het oog verliezen: een goedkopere oplossing die de bewoner niet helpt, is geen "
        "proeftuin-oplossing.",
    ], [
        "Welke regel of welk systeem moest weg om deze oplossing mogelijk te maken, en wie kan dat?",
        "Wie betaalt, wie bespaart — en is dat eerlijk?",
    ]),
    "arena": ("Effectenarena — wie investeert, wie incasseert", """
**Doel.** Alle effecten van de oplossing in beeld, ook die niet in euro's zijn, voor alle belanghebbenden — niet alleen
de betalers.

**Verloop.** Deelnemers geven per belanghebbende aan of die investeert, incasseert of geen rol heeft. Onthul, en laat
daarna in de scenarioverkenner (tab effectencalculator) het geld per betaler zien.

**Verwachte antwoorden.** De effecten uit de casus en de geldstromen uit de effectencalculator (een belanghebbende kan
zowel investeren als incasseren):
""", [
        "De arena alleen met geld invullen: het welbevinden van de bewoner, de ontlaste mantelzorger of de rustiger buurt "
        "tellen ook.",
        "De gemeente als één geheel zien: Wmo, Jeugdwet, Participatiewet en schuldhulp (Wgs) zijn aparte budgetten.",
        "Denken dat de gemeente altijd meer betaalt: in 5 van de 12 Oss-casussen bespaart de gemeente zelf ook, en in 3 "
        "is de nieuwe aanpak over alle betalers duurder.",
    ], [
        "Wie heeft er baat bij maar zit niet aan tafel?",
        "Welke afspraak tussen gemeente, zorgverzekeraar en zorgkantoor maakt de oplossing blijvend?",
    ]),
}


def facilitator_notes() -> str:
    from zorglab.domain.casuistry import arena_key

    parts = ["<p>Per ronde van de intervisie-app (<code>/intervision</code>): doel, verloop, verwachte antwoorden, "
             "typische misvattingen en nabespreking. Aanbevolen casussen zoals in de trainershandleiding.</p>"]
    for kind, (title, intro, misconceptions, debrief) in ROUND_NOTES.items():
        parts.append(f"<h2>{_e(title)}</h2>{_md_html(intro)}")
        if kind == "indicatie":
            parts.append(table_html(_indicatie_table(RECOMMENDED["indicatie"])))
            parts.append(_md_html(KAPPA_NOTES))
        elif kind == "mdo":
            for cid in RECOMMENDED["mdo"]:
                case = get_case(cid)
                parts.append(f"<h3>{_e(cid)} — {_e(case.title_nl)}</h3><p><strong>Referentie-oplossing:</strong> "
                             f"{_e(_intervention_text(case))}. Welbevinden {case.wellbeing_before} → "
                             f"{case.wellbeing_after}.</p>{table_html(_mdo_table(cid))}")
        else:
            for cid in RECOMMENDED["arena"]:
                case = get_case(cid)
                parts.append(f"<h3>{_e(cid)} — {_e(case.title_nl)}</h3>{table_html(arena_key(case))}")
        parts.append("<p><strong>Typische misvattingen</strong></p><ul>"
                     + "".join(f"<li>{_e(m)}</li>" for m in misconceptions) + "</ul>")
        parts.append("<p><strong>Nabespreken</strong></p><ul>" + "".join(f"<li>{_e(q)}</li>" for q in debrief) + "</ul>")
    return page("Facilitatornotities per ronde", "\n".join(parts))


# ---- answer key ------------------------------------------------------------------------------------------------
def lesson_parameters(number: int) -> dict[str, object]:
    """The defaults in a lesson's parameters cell (read from the notebook, so the key uses what students get)."""
    import nbformat

    path = next((notebooks_dir() / "lessons").glob(f"{number:02d}_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", []))
    out: dict[str, object] = {}
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
    for key, cls in MODELS.items():
        behaviour, why = ex.observed_behaviour(make_model(key).evaluate(caseload))
        rows.append((cls.label_nl, ex.BEHAVIOURS[behaviour][0], why.nl))
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
    ind = [(product_name(c), "nee" if not ex.needs_indication(c)[0] else "ja", ex.needs_indication(c)[1].nl) for c in codes]
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
    from zorglab.services.lessons import ratings_with_student

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

    p = lesson_parameters(4)
    case = get_case(str(p["case_id"]))
    calc = EffectCalculator(horizon_years=int(p["horizon_years"]), discount_rate=float(p["discount_rate"]))
    per_payer = calc.per_payer([case])
    saving = float(per_payer["saving"].sum())
    levels = "".join(f"<li><strong>{_e(cz.LEVELS[k][0])}:</strong> {_e(' / '.join(v[0]))}</li>"
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
            f"<h3>Opdracht 3 — Effectenarena ({_e(case.case_id)})</h3>" + table_html(cz.arena_key(case, calc))
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
             "; ".join(f"{i.nl} ({i.kind})" for i in card.indicators if not rp.INDICATOR_KINDS[i.kind][0]))
            for cid, card in rp.RESULT_CARDS.items()]
    return (f"<h2>Les 5 — Resultaatgericht werken</h2><p class='meta'>Parameters: {_e(p)}</p>"
            "<h3>Opdracht 1 — Het werkproces op volgorde</h3>" + table_html(rp.steps_table("nl"))
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


# ---- learning goals and evaluation ----------------------------------------------------------------------------------
WORKSHOP_GOALS = {
    "Workshop 90 minuten — Wie betaalt, wie bespaart?": [
        "U kunt uitleggen welke prikkel een aanbieder krijgt onder P x Q, een trajectprijs, een budget en betalen op "
        "resultaat — en dat de iStandaarden drie uitvoeringsvarianten kennen.",
        "U kunt met de effectenarena alle effecten van een oplossing benoemen, ook die niet in euro's zijn, voor alle "
        "belanghebbenden.",
        "U kunt met de effectencalculator zien bij welke betaler kosten en baten landen, en het wrong-pocket-probleem "
        "per casus nuanceren.",
        "U kunt één afspraak formuleren die het wrong-pocket-probleem in uw eigen situatie kleiner maakt.",
    ],
    "Dagdeel 3,5 uur — Van product naar resultaat, van systeem naar bewoner": [
        "Alle doelen van de workshop, plus:",
        "U kunt uitleggen wat er verandert als begeleiding een algemene voorziening wordt, en wat 'van zorgen voor naar "
        "zorgen dat' vraagt van de gemeente.",
        "U kunt interpretatieverschillen tussen gebiedsteams meten (percentage, kappa) en bespreken.",
        "U kunt benoemen wat een goede opdrachtgever doet voor aanbieders in de problemen: in gesprek, continuïteit, "
        "werkgelegenheid, zelf op tijd betalen.",
        "U kunt een casus vastleggen met het casuïstiekformulier en een meetbaar resultaat afspreken.",
    ],
}


def _lesson_goals() -> list[tuple[str, str]]:
    import nbformat

    out = []
    for path in sorted((notebooks_dir() / "lessons").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        title = nb.cells[0].source.splitlines()[0].lstrip("# ")
        goals = next(c.source for c in nb.cells if "## Leerdoelen" in c.source)
        nl = ast.literal_eval(ast.parse(goals).body[0].value.args[0])  # lesson.say("""nl""", """en""")
        out.append((title, nl.split("## Leerdoelen", 1)[1]))
    return out


def learning_goals() -> str:
    body = "".join(f"<h2>{_e(name)}</h2><ul>" + "".join(f"<li>{_e(g)}</li>" for g in goals) + "</ul>"
                   for name, goals in WORKSHOP_GOALS.items())
    body += "<h2>Per les</h2>" + "".join(f"<h3>{_e(title)}</h3>{_md_html(text)}" for title, text in _lesson_goals())
    return page("Leerdoelen", body)


EVALUATION_ITEMS = (
    "Ik kan uitleggen welke prikkel elk bekostigingsmodel een aanbieder geeft.",
    "Ik weet dat de iStandaarden drie uitvoeringsvarianten kennen en waar resultaatgericht inkopen past.",
    "Ik kan met de effectenarena effecten benoemen die niet in euro's zijn.",
    "Ik begrijp bij welke betaler kosten en baten landen (wrong pocket), en dat dat per casus verschilt.",
    "De casussen waren herkenbaar voor mijn werk.",
    "De live-oefeningen (telefoon, onthullen) hielpen mij om van anderen te leren.",
    "Ik ga iets van vandaag toepassen in mijn werk.",
)


def evaluation_form() -> str:
    scale = "".join(f"<th>{i}</th>" for i in range(1, 6))
    rows = "".join(f"<tr><td>{_e(item)}</td>" + "<td>☐</td>" * 5 + "</tr>" for item in EVALUATION_ITEMS)
    open_q = ("Wat neemt u mee naar uw werk?", "Wat zou u anders doen als u deze sessie gaf?",
              "Welke casus of oefening wilt u een volgende keer (meer)?")
    body = (
        "<p>Anoniem: schrijf geen naam en geen gegevens over cliënten op dit formulier. 1 = helemaal oneens, "
        "5 = helemaal eens.</p><p>Rol: ☐ gebiedsteam/wijkteam ☐ contractmanagement/inkoop ☐ beleid ☐ zorgaanbieder "
        "☐ student ☐ anders</p>"
        f"<table class='scale'><thead><tr><th>Stelling</th>{scale}</tr></thead><tbody>{rows}</tbody></table>"
        "<p>Welk cijfer (1–10) geeft u deze sessie? <span class='line' style='display:inline-block;width:4rem'></span></p>"
        + "".join(f"<h3>{_e(q)}</h3><div class='box'></div>" for q in open_q))
    return page("Evaluatieformulier", body)


def index(base_url: str = "http://localhost:5006") -> str:
    files = (("case_cards.html", "Casuskaarten (één per casus, Nederlands)"),
             ("case_cards_en.html", "Case cards (one per case, English)"),
             ("casuistry_form.html", "Casuïstiekformulier (leeg, les 4)"),
             ("facilitator_notes.html", "Facilitatornotities per ronde, met verwachte antwoorden en hoe u een kappa leest"),
             ("answer_key.html", "Antwoordsleutel voor elke opdracht van les 1–5"),
             ("learning_goals.html", "Leerdoelen van de workshop, het dagdeel en de lessen"),
             ("evaluation_form.html", "Evaluatieformulier voor deelnemers"))
    items = "".join(f"<li><a href='{f}'>{_e(label)}</a></li>" for f, label in files)
    route = (f"<h2>Deelnemers zonder Python</h2><p>Start <code>make serve ROOM=1</code>; deelnemers openen de lessen in "
             f"hun browser op <code>{_e(base_url)}/lessons</code> (het adres dat <code>make serve</code> toont, met "
             "<code>/lessons</code> erachter): dezelfde opdrachten, feedback en taalknop als in JupyterLab, zonder "
             "installatie. <code>/lessons?les=2&amp;lang=en</code> opent les 2 in het Engels.</p>")
    body = (f"<p>Print vanuit de browser (<em>Afdrukken → Opslaan als PDF</em> voor een PDF). Opnieuw maken na een "
            f"wijziging in casussen of lessen: <code>.venv/bin/python -m zorglab.services.trainer_materials</code>.</p><ul>{items}</ul>"
            + route)
    return page("Trainersmateriaal", body)


def materials() -> dict[str, str]:
    """File name -> HTML text of every printable."""
    return {"index.html": index(), "case_cards.html": case_cards("nl"), "case_cards_en.html": case_cards("en"),
            "casuistry_form.html": casuistry_form(), "facilitator_notes.html": facilitator_notes(),
            "answer_key.html": answer_key(), "learning_goals.html": learning_goals(),
            "evaluation_form.html": evaluation_form()}


def write(out_dir: Path = OUT_DIR, texts: dict[str, str] | None = None) -> list[Path]:
    """Write the printables (``texts`` as made by ``materials()``, made now when not given) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (texts or materials()).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"folder to write to (default {OUT_DIR})")
    args = parser.parse_args(argv)
    for path in write(args.out):
        print(path)


if __name__ == "__main__":
    main()

