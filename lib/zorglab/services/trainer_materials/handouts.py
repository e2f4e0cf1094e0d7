"""Handouts: the learning goals (workshop, half-day, per lesson), the participants' evaluation form and the index
page. Trainer content in Dutch; the lesson goals are read from the lesson notebooks.
"""

from __future__ import annotations

import ast

from zorglab.core.paths import notebooks_dir
from zorglab.services.trainer_materials.html_page import _e, _md_html, page

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
