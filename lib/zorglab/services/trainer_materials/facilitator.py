"""Facilitator notes per intervision round: aim, how to run it, expected answers per recommended case, typical
misconceptions, how to read a kappa, debrief questions.

The notes are trainer content written in Dutch (the sessions are Dutch); the expected answers are computed from
the cases, the catalogue and the effectencalculator, so they never disagree with the apps.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from zorglab.core.formatting import format_eur
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case, get_case, support_frame
from zorglab.domain.catalogue import harmonise, product_name
from zorglab.services.labels import payer_label
from zorglab.services.trainer_materials.html_page import _e, _md_html, page, table_html

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
    from zorglab.services.lesson_tables import arena_key

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
