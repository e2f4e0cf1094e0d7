"""Lesson 4 (Proeftuin Ruwaard): the casuistry form, the step plan, the monthly case rhythm and an
effectenarena with all effects and all stakeholders.

What the sources say, and what zorglab adds:

* The participants of the Ruwaard work conference worked with a *casuïstiek-formulier*, "a tool to reach a
  proeftuin solution"; the sources do not publish the form. ``FORM_FIELDS`` is zorglab's template, built
  from what the sources describe: the resident's own words (ik wil / ik kan / ik heb nodig), the MDO at
  the resident's home, the barriers of rules, protocols and systems that professionals remove, the
  working groups that make the solution possible, the effectenarena and the effectencalculator, and
  learning together.
* "The terms in the step plan are maximum lead times" — the sources name the step plan but give no
  steps or terms. ``STEP_PLAN`` is an illustrative plan; its terms are examples, and say so.
* The agreement: every organisation runs at least one case a month in the pilot, "so at least 6 in
  2016" (agreed at the work conference of May 2016: July to December).
* The effectenarena establishes whether solutions really bring better outcomes for the resident and the
  neighbourhood: it is about *all* effects (also those not in euros) for *all* stakeholders, not only the
  payers. ``arena_cards`` turns a case into effect cards: the non-money effects the case names, the
  money effects per payer from the effectencalculator (the 'other' payer split into housing association,
  police and volunteers), and for the Oss cases effects on family, school and others that the case text
  supports.

All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from zorglab.core.formatting import format_eur, format_number
from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import price_list
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.exercises import Feedback, Line, _feedback, _number

# ---- the casuistry form ---------------------------------------------------------------------------------
PARTICIPANTS: dict[str, tuple[str, str]] = {
    "bewoner": ("De bewoner zelf", "The resident"),
    "netwerk": ("Familie, mantelzorger of buren", "Family, carer or neighbours"),
    "wijkteam": ("Wijkteam / gebiedsteam", "Area team"),
    "huisarts": ("Huisarts of POH", "GP or practice nurse"),
    "wijkverpleging": ("Wijkverpleging", "District nursing"),
    "ggz": ("GGZ", "Mental health care"),
    "jeugdhulp": ("Jeugdhulp", "Youth care"),
    "schuldhulp": ("Schuldhulp", "Debt assistance"),
    "werk_inkomen": ("Werk en inkomen / UWV", "Work and income / UWV"),
    "woningcorporatie": ("Woningcorporatie", "Housing association"),
    "school": ("School", "School"),
    "welzijn": ("Welzijn en vrijwilligers", "Welfare and volunteers"),
}
BARRIERS: dict[str, tuple[str, str]] = {
    "regel": ("Een regel of protocol van een organisatie", "A rule or protocol of an organisation"),
    "schotten": ("Schotten tussen wetten en budgetten (Wmo, Zvw, Wlz, Jeugdwet, ...)",
                 "Walls between laws and budgets (Wmo, Zvw, Wlz, Youth Act, ...)"),
    "indicatie": ("Een indicatie of beschikking die niet past", "An assessment or decision that does not fit"),
    "wachtlijst": ("Een wachtlijst", "A waiting list"),
    "gegevens": ("Gegevens delen tussen organisaties", "Sharing information between organisations"),
    "systeem": ("Een registratie- of declaratiesysteem", "A registration or invoicing system"),
}
ENABLERS: dict[str, tuple[str, str]] = {
    "anders_samenwerken": ("Werkgroep Anders Samenwerken", "Working group 'Working differently together'"),
    "flexibel_financieren": ("Werkgroep Flexibel Financieren", "Working group 'Flexible financing'"),
    "steungroep": ("De steungroep (bestuurders)", "The support group (directors)"),
}
FORM_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("case", "Casus en datum van het MDO", "Case and date of the MDO"),
    ("ik_wil", "Ik wil … (in de woorden van de bewoner)", "I want … (in the resident's words)"),
    ("ik_kan", "Ik kan … (sterke kanten, eigen netwerk)", "I can … (strengths, own network)"),
    ("ik_heb_nodig", "Ik heb nodig …", "I need …"),
    ("participants", "Aan tafel bij het MDO (bij de bewoner thuis)", "At the table in the MDO (at the resident's home)"),
    ("barriers", "Belemmeringen: welke regels, protocollen of systemen staan de oplossing in de weg?",
     "Barriers: which rules, protocols or systems stand in the way of the solution?"),
    ("solution", "De proeftuin-oplossing: wat gaan we doen, zonder belemmeringen?",
     "The pilot solution: what will we do, without barriers?"),
    ("enablers", "Wie maakt de oplossing mogelijk?", "Who makes the solution possible?"),
    ("steps", "Stappenplan (termijnen zijn maximale doorlooptijden)", "Step plan (terms are maximum lead times)"),
    ("effects", "Verwachte effecten voor de bewoner, de wijk en de betalers (effectenarena)",
     "Expected effects for the resident, the neighbourhood and the payers (effects arena)"),
    ("learning", "Wat leren we ervan? (voor de leersessie)", "What do we learn from it? (for the learning session)"),
)


@dataclass(frozen=True)
class Step:
    key: str
    nl: str
    en: str
    max_days: int  # maximum lead time in working days after the case is registered (illustrative)

    def label(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


STEP_PLAN: tuple[Step, ...] = (
    Step("aanmelden", "Casus aanmelden bij de aanjager casuïstiek", "Register the case with the case lead", 0),
    Step("mdo", "MDO bij de bewoner thuis: ik wil, ik kan, ik heb nodig", "MDO at the resident's home: I want, I can, "
         "I need", 10),
    Step("oplossing", "Proeftuin-oplossing vastleggen op het formulier", "Record the pilot solution on the form", 10),
    Step("belemmering", "Belemmering voorleggen aan werkgroep of steungroep", "Put the barrier to a working group or "
         "the support group", 15),
    Step("mogelijk", "Oplossing mogelijk gemaakt (of uitgelegd waarom niet)", "Solution made possible (or explained why "
         "not)", 30),
    Step("effecten", "Effectenarena en effectencalculator invullen", "Fill in the effects arena and the effects "
         "calculator", 60),
    Step("leren", "Bespreken in de tweewekelijkse leersessie", "Discuss in the two-weekly learning session", 70),
)


@dataclass
class CasuistryForm:
    """One filled-in casuistry form (what a table hands in after its MDO); plain data, checked by ``check_form``."""

    case_id: str = ""
    mdo_date: str = ""
    ik_wil: str = ""
    ik_kan: str = ""
    ik_heb_nodig: str = ""
    participants: list[str] = field(default_factory=list)
    barriers: list[str] = field(default_factory=list)
    barrier_text: str = ""
    solution: str = ""
    enablers: list[str] = field(default_factory=list)
    step_days: dict[str, int | None] = field(default_factory=dict)  # step key -> planned working day
    effect_resident: str = ""
    effect_others: str = ""
    learning: str = ""

    def to_markdown(self, language: str = "nl") -> str:
        """The form as a document to print or mail (Markdown)."""
        en = language == "en"
        lab = {key: (en_ if en else nl) for key, nl, en_ in FORM_FIELDS}
        names = lambda keys, table: ", ".join(table[k][int(en)] for k in keys if k in table) or "–"  # noqa: E731
        steps = "\n".join(f"| {s.label(language)} | {self.step_days.get(s.key) if self.step_days.get(s.key) is not None else '–'} "
                          f"| {s.max_days} |" for s in STEP_PLAN)
        day, maxd, step = ("planned day", "max.", "step") if en else ("geplande dag", "max.", "stap")
        title = "Casuistry form — Proeftuin" if en else "Casuïstiekformulier — proeftuin"
        note = ("Synthetic training case; no personal data." if en else
                "Synthetische oefencasus; geen persoonsgegevens.")
        return "\n".join([
            f"# {title}", f"*{note}*", "",
            f"**{lab['case']}:** {self.case_id or '–'} · {self.mdo_date or '–'}", "",
            f"**{lab['ik_wil']}** {self.ik_wil or '–'}", "", f"**{lab['ik_kan']}** {self.ik_kan or '–'}", "",
            f"**{lab['ik_heb_nodig']}** {self.ik_heb_nodig or '–'}", "",
            f"**{lab['participants']}:** {names(self.participants, PARTICIPANTS)}", "",
            f"**{lab['barriers']}** {names(self.barriers, BARRIERS)}. {self.barrier_text}".rstrip(), "",
            f"**{lab['solution']}** {self.solution or '–'}", "",
            f"**{lab['enablers']}** {names(self.enablers, ENABLERS)}", "",
            f"**{lab['steps']}**", "", f"| {step} | {day} | {maxd} |", "|---|---|---|", steps, "",
            f"**{lab['effects']}** {self.effect_resident or '–'} / {self.effect_others or '–'}", "",
            f"**{lab['learning']}** {self.learning or '–'}",
        ])


_FIRST_PERSON = re.compile(r"^\s*(ik|i)\b", re.IGNORECASE)


def check_form(form: CasuistryForm) -> Feedback:
    """Feedback on a casuistry form: is it the resident's story, a solution without barriers, and a plan?

    The form has no single right answer; the check names what is missing and why it matters, from the sources.
    """
    lines: list[Line] = []

    def add(ok: bool, good: tuple[str, str], bad: tuple[str, str]) -> None:
        lines.append(Line(ok, *(good if ok else bad)))

    words = [form.ik_wil, form.ik_kan, form.ik_heb_nodig]
    add(all(w.strip() for w in words),
        ("Ik wil, ik kan en ik heb nodig zijn alle drie ingevuld.", "I want, I can and I need are all filled in."),
        ("Vul ik wil, ik kan én ik heb nodig in: de bewoner geeft zelf aan wat hij wil, kan en nodig heeft.",
         "Fill in I want, I can and I need: the resident says what he wants, can do and needs."))
    if any(w.strip() for w in words):
        add(all(_FIRST_PERSON.match(w) for w in words if w.strip()),
        ("In de ik-vorm: het blijft het verhaal van de bewoner.", "In the first person: it stays the resident's story."),
        ("Schrijf in de woorden van de bewoner ('Ik wil …'), niet over de bewoner ('Cliënt heeft …'): de oplossing komt "
         "van de bewoner en de professionals, niet van achter een bureau.",
         "Write in the resident's words ('I want …'), not about the resident ('Client has …'): the solution comes from "
         "the resident and the professionals, not from behind a desk."))
    add("bewoner" in form.participants,
        ("De bewoner zit zelf aan tafel: het MDO is bij de bewoner thuis.", "The resident is at the table: the MDO is at "
         "the resident's home."),
        ("Zet de bewoner zelf aan tafel: het MDO vindt plaats bij de bewoner thuis.",
         "Put the resident at the table: the MDO takes place at the resident's home."))
    add(len([p for p in form.participants if p != "bewoner"]) >= 2,
        ("Meerdere organisaties aan tafel: over de grenzen van de eigen organisatie heen.",
         "Several organisations at the table: across the boundaries of one's own organisation."),
        ("Nodig minstens twee andere partijen uit: de hulp voor één bewoner is vaak versnipperd over wetten en "
         "organisaties.", "Invite at least two other parties: support for one resident is often spread over laws and "
                          "organisations."))
    add(bool(form.barriers) or bool(form.barrier_text.strip()),
        ("Belemmering benoemd: die kan nu worden weggenomen.", "Barrier named: it can now be removed."),
        ("Benoem welke regel, welk protocol of systeem in de weg staat; professionals nemen die belemmeringen weg.",
         "Name which rule, protocol or system is in the way; professionals remove those barriers."))
    add(bool(form.solution.strip()),
        ("De proeftuin-oplossing staat op papier.", "The pilot solution is written down."),
        ("Beschrijf de proeftuin-oplossing: wat de bewoner en de professionals gaan doen, zonder belemmeringen.",
         "Describe the pilot solution: what the resident and the professionals will do, without barriers."))
    if form.barriers or form.barrier_text.strip():
        add(bool(form.enablers),
        ("Er is iemand die de oplossing mogelijk maakt.", "Somebody makes the solution possible."),
        ("Wie neemt de belemmering weg? De werkgroepen Anders Samenwerken en Flexibel Financieren en de steungroep "
         "zorgen dat de oplossing mogelijk wordt.", "Who removes the barrier? The working groups and the support group "
                                                   "make the solution possible."))
    planned = [(s, form.step_days.get(s.key)) for s in STEP_PLAN]
    filled = [(s, d) for s, d in planned if d is not None]
    late = [s for s, d in filled if d > s.max_days]
    order = [d for _, d in filled]
    if not filled:
        lines.append(Line(False, "Plan de stappen: vul per stap de geplande werkdag in.",
                          "Plan the steps: enter the planned working day for each step."))
    elif late or order != sorted(order):
        what_nl = "; ".join(f"'{s.nl}' op dag {form.step_days[s.key]}, maximaal {s.max_days}" for s in late)
        what_en = "; ".join(f"'{s.en}' on day {form.step_days[s.key]}, at most {s.max_days}" for s in late)
        lines.append(Line(False,
            "De termijnen in het stappenplan zijn maximale doorlooptijden: 'dit doen we zo snel als het kan'. "
            + (f"Te laat: {what_nl}." if late else "De stappen staan niet in volgorde."),
            "The terms in the step plan are maximum lead times: 'we do this as fast as we can'. "
            + (f"Too late: {what_en}." if late else "The steps are not in order.")))
    else:
        lines.append(Line(True, "Het stappenplan blijft binnen de maximale doorlooptijden.",
                          "The step plan stays within the maximum lead times."))
    add(bool(form.effect_resident.strip()) and bool(form.effect_others.strip()),
        ("Effecten voor de bewoner én voor anderen benoemd: dat is de start van de effectenarena.",
         "Effects for the resident and for others named: that is where the effects arena starts."),
        ("Benoem de verwachte effecten voor de bewoner en voor anderen (wijk, familie, betalers); ook effecten die niet "
         "in euro's zijn.", "Name the expected effects for the resident and for others (neighbourhood, family, payers); "
                            "also effects that are not in euros."))
    return _feedback(lines)


def example_form(case: Case, language: str = "nl") -> CasuistryForm:
    """A filled-in example for the trainer's answer key: the case's own words and its intervention scenario."""
    names = price_list().set_index("activity")["name_en" if language == "en" else "name_nl"]
    solution = ", ".join(dict.fromkeys(str(names[e.activity]) for e in case.scenarios.intervention))
    effects = ct.arena_effects(case, language)
    return CasuistryForm(
        case_id=case.case_id, ik_wil=ct.ik_wil(case, language), ik_kan=ct.ik_kan(case, language),
        ik_heb_nodig=ct.ik_heb_nodig(case, language), participants=["bewoner", "wijkteam", "huisarts"],
        barriers=["schotten"], solution=solution, enablers=["flexibel_financieren"],
        step_days={s.key: s.max_days for s in STEP_PLAN},
        effect_resident="; ".join(e for s, _, e in effects if s == "bewoner") or "–",
        effect_others="; ".join(e for s, _, e in effects if s != "bewoner") or "–")


# ---- the monthly case rhythm --------------------------------------------------------------------------------
RHYTHM_MONTHS_2016 = 6  # "every organisation runs at least one case a month ... so at least 6 in 2016"


def check_monthly_cases(answer: object, organisations: int, months: int = RHYTHM_MONTHS_2016) -> Feedback:
    """Lesson 4: minimum number of pilot cases = organisations x months x 1 case a month."""
    value, problem = _number(answer, "het aantal casussen", "the number of cases")
    if problem:
        return _feedback([problem])
    expected = organisations * months
    calc_nl = f"{organisations} organisaties × {months} maanden × minimaal 1 casus = {expected}"
    calc_en = f"{organisations} organisations × {months} months × at least 1 case = {expected}"
    if abs(value - expected) < 0.5:
        return _feedback([Line(True, f"Goed: {calc_nl}. Zo ontstaat een vast ritme van casussen om van te leren.",
                               f"Right: {calc_en}. That gives a steady rhythm of cases to learn from.")])
    if abs(value - months) < 0.5:
        hint = ("dat is per organisatie; tel alle organisaties mee.", "that is per organisation; count every organisation.")
    elif abs(value - organisations) < 0.5:
        hint = ("dat is één maand; de afspraak geldt iedere maand.", "that is one month; the agreement holds every month.")
    elif abs(value - organisations * 12) < 0.5:
        hint = ("de afspraak liep vanaf de werkconferentie in mei: zes maanden in 2016, niet twaalf.",
                "the agreement ran from the work conference in May: six months in 2016, not twelve.")
    else:
        hint = ("reken het minimum uit.", "compute the minimum.")
    return _feedback([Line(False, f"{format_number(value)}: {hint[0]} Reken: {calc_nl}.",
                           f"{format_number(value)}: {hint[1]} Compute: {calc_en}.")])


# ---- the effectenarena with all effects and all stakeholders ---------------------------------------------------
ARENA_STAKEHOLDERS: dict[str, tuple[str, str]] = {
    "bewoner": ("Bewoner", "Resident"),
    "familie": ("Familie / mantelzorger", "Family / carer"),
    "buurt": ("Buurt en vrijwilligers", "Neighbourhood and volunteers"),
    "werkgever": ("Werkgever / UWV", "Employer / UWV"),
    "woningcorporatie": ("Woningcorporatie", "Housing association"),
    "politie": ("Politie", "Police"),
    "school": ("School / onderwijs", "School / education"),
    "gemeente": ("Gemeente (Wmo, Jeugdwet, Participatiewet, Wgs)", "Municipality (Wmo, Youth Act, Participation Act, Wgs)"),
    "zorgverzekeraar": ("Zorgverzekeraar (Zvw)", "Health insurer (Zvw)"),
    "zorgkantoor": ("Zorgkantoor (Wlz)", "Care office (Wlz)"),
    "aanbieder": ("Zorgaanbieder / professionals", "Provider / professionals"),
}
_FROM_CASE = {"bewoner": "bewoner", "gemeente": "gemeente", "zorgverzekeraar": "zorgverzekeraar",
              "zorgkantoor": "zorgkantoor", "aanbieder": "aanbieder", "werkgever_uwv": "werkgever", "buurt": "buurt",
              "overig": "buurt"}
_PAYER_HOLDER = {"Wmo": "gemeente", "Jeugdwet": "gemeente", "Participatiewet": "gemeente", "Wgs": "gemeente",
                 "Zvw": "zorgverzekeraar", "Wlz": "zorgkantoor"}
_OTHER_ACTIVITY_HOLDER = {"HUISUITZETTING": "woningcorporatie", "POLITIE_INZET": "politie", "VRIJWILLIGERSINZET": "buurt"}
# Effects on stakeholders the case data has no key for (family, school, ...), written from the case text.
# (case_id, stakeholder, role, nl, en)
EXTRA_EFFECTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("OSS-01", "familie", "incasseerder", "Zoon in het buitenland weet dat zijn vader niet meer de hele dag alleen is",
     "Son abroad knows his father is no longer alone all day"),
    ("OSS-02", "school", "incasseerder", "De oudste zoon komt uitgerust en op tijd op school",
     "The eldest son arrives at school rested and on time"),
    ("OSS-04", "woningcorporatie", "investeerder", "Corporatie schort de ontruiming op en doet mee in één plan",
     "Housing association suspends the eviction and joins one plan"),
    ("OSS-05", "familie", "incasseerder", "De oudste dochter hoeft minder zorgtaken over te nemen",
     "The eldest daughter has to take on fewer care tasks"),
    ("OSS-05", "school", "incasseerder", "De zoon van elf is rustiger in de klas", "The eleven-year-old son is calmer in class"),
    ("OSS-06", "familie", "incasseerder", "De vrouw hoeft haar man niet meer de trap op te helpen en valt niet meer",
     "The wife no longer has to help her husband up the stairs and stops falling"),
    ("OSS-07", "school", "incasseerder", "De leerplichtambtenaar hoeft niet meer te handhaven: de jongen leert weer",
     "The school attendance officer no longer has to enforce: the boy is learning again"),
    ("OSS-09", "school", "incasseerder", "School ziet de kinderen verzorgd en op tijd", "School sees the children cared for "
     "and on time"),
    ("OSS-11", "familie", "incasseerder", "Ouders hoeven niet meer de hele dag voor hun zoon te zorgen",
     "Parents no longer have to look after their son all day"),
    ("OSS-12", "familie", "incasseerder", "De kinderen kunnen om het weekend bij hun vader logeren",
     "The children can stay with their father every other weekend"),
    ("OSS-12", "woningcorporatie", "investeerder", "Corporatie zet een woning in via maatwerk in de urgentieregeling",
     "Housing association provides a home through tailoring of the urgency scheme"),
    ("WES-08", "familie", "investeerder", "Een oom biedt tijdelijk een logeerplek", "An uncle offers a temporary place to stay"),
)
# Case effects whose stakeholder key ('buurt', 'overig') also stands for someone more specific.
_ALSO = (("politie", "politie"), ("police", "politie"), ("oom", "familie"), ("corporatie", "woningcorporatie"))


@dataclass(frozen=True)
class EffectCard:
    """One effect in the arena: who it concerns (one or more acceptable stakeholders), which way, in euros or not."""

    key: str
    nl: str
    en: str
    stakeholders: tuple[str, ...]
    role: str  # 'investeerder' (invests, bears the effect) or 'incasseerder' (benefits)
    money: bool
    amount_eur: float | None = None

    def text(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


def _lower_first(text: str) -> str:
    """'Bezoek spoedeisende hulp' -> 'bezoek spoedeisende hulp'; abbreviations ('GGZ-behandeling', 'MDO') stay."""
    return text[0].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def _money_cards(case: Case, calculator: EffectCalculator) -> list[EffectCard]:
    priced = calculator.priced([case])
    names = price_list().set_index("activity")
    cards: list[EffectCard] = []
    groups: dict[str, list[str]] = {}
    for payer in priced["payer"].unique():
        if payer == "Overig":
            for act in priced.loc[priced["payer"] == "Overig", "activity"].unique():
                groups.setdefault(f"Overig:{act}", [act])
        else:
            groups[payer] = list(priced.loc[priced["payer"] == payer, "activity"].unique())
    for key, acts in groups.items():
        rows = priced[priced["activity"].isin(acts) & (priced["payer"] == key.split(":")[0])]
        saving = float(rows.loc[rows["scenario"] == "reference", "cost_eur"].sum()
                       - rows.loc[rows["scenario"] == "intervention", "cost_eur"].sum())
        if abs(saving) < 0.5:
            continue
        holder = _OTHER_ACTIVITY_HOLDER.get(acts[0], "buurt") if key.startswith("Overig") else _PAYER_HOLDER[key]
        by_act = rows.assign(sign=rows["scenario"].map({"reference": 1.0, "intervention": -1.0}))
        change = (by_act["cost_eur"] * by_act["sign"]).groupby(by_act["activity"]).sum()
        changed = [a for a in acts if abs(float(change.get(a, 0.0))) >= 0.5][:4]
        what_nl = ", ".join(_lower_first(str(names.loc[a, "name_nl"])) for a in changed)
        what_en = ", ".join(_lower_first(str(names.loc[a, "name_en"])) for a in changed)
        amount = format_eur(abs(saving), 0)
        nl = f"Per saldo {amount} {'minder' if saving > 0 else 'meer'} kosten ({what_nl})"
        en = f"On balance {amount} {'less' if saving > 0 else 'more'} cost ({what_en})"
        cards.append(EffectCard(f"geld:{key}", nl, en, (holder,), "incasseerder" if saving > 0 else "investeerder",
                                True, abs(saving)))
    return cards


def arena_cards(case: Case, calculator: EffectCalculator | None = None) -> list[EffectCard]:
    """Every effect of a case as a card: non-money effects first (case, then extra), then the money per payer."""
    calc = calculator or EffectCalculator()
    cards: list[EffectCard] = []
    en_effects = ct.arena_effects(case, "en")
    for i, (holder, role, nl) in enumerate(ct.arena_effects(case, "nl")):
        main = _FROM_CASE[holder]
        also = {who for word, who in _ALSO if word in nl.lower() or word in en_effects[i][2].lower()}
        cards.append(EffectCard(f"effect:{i}", nl, en_effects[i][2], tuple(dict.fromkeys([main, *sorted(also)])), role,
                                False))
    for j, (_cid, holder, role, nl, en) in enumerate(e for e in EXTRA_EFFECTS if e[0] == case.case_id):
        cards.append(EffectCard(f"extra:{j}", nl, en, (holder,), role, False))
    return cards + _money_cards(case, calc)


def arena_stakeholders(cards: Sequence[EffectCard]) -> set[str]:
    """The stakeholders the case's effects concern (the first acceptable one of every card)."""
    return {c.stakeholders[0] for c in cards}


ROLE_WORDS = {"investeerder": ("investeert / levert in", "invests / bears it"),
              "incasseerder": ("heeft baat bij", "benefits")}


def check_arena(chosen_stakeholders: Sequence[str], answers: Mapping[str, tuple[str | None, str | None]],
                cards: Sequence[EffectCard]) -> Feedback:
    """Lesson 4: who are the stakeholders, and per effect card who it concerns and which way it goes.

    ``answers`` maps a card key to (stakeholder, role). Feedback names missed stakeholders and every card that is
    wrong, and ends with how many effects are not in euros (the arena is about all effects, not only money).
    """
    lines: list[Line] = []
    needed = arena_stakeholders(cards)
    chosen = set(chosen_stakeholders or ())
    missed = sorted(needed - chosen, key=list(ARENA_STAKEHOLDERS).index)
    lab = lambda k, lang: ARENA_STAKEHOLDERS[k][int(lang == "en")]  # noqa: E731
    if missed:
        lines.append(Line(False, "Belanghebbenden die u miste: " + ", ".join(lab(k, "nl") for k in missed) + ".",
                          "Stakeholders you missed: " + ", ".join(lab(k, "en") for k in missed) + "."))
    else:
        lines.append(Line(True, "U noemde alle belanghebbenden uit deze casus.",
                          "You named every stakeholder in this case."))
    for card in cards:
        who, role = answers.get(card.key, (None, None))
        right_who = ", ".join(lab(k, "nl") for k in card.stakeholders)
        right_who_en = ", ".join(lab(k, "en") for k in card.stakeholders)
        if who is None or role is None:
            lines.append(Line(False, f"'{card.nl}': nog niet ingevuld ({right_who}, {ROLE_WORDS[card.role][0]}).",
                              f"'{card.en}': not filled in yet ({right_who_en}, {ROLE_WORDS[card.role][1]})."))
        elif who in card.stakeholders and role == card.role:
            lines.append(Line(True, f"'{card.nl}': {lab(who, 'nl')}, {ROLE_WORDS[role][0]}.",
                              f"'{card.en}': {lab(who, 'en')}, {ROLE_WORDS[role][1]}."))
        else:
            why_nl = [] if who in card.stakeholders else [f"het gaat om {right_who}, niet om {lab(who, 'nl')}"]
            why_en = [] if who in card.stakeholders else [f"it concerns {right_who_en}, not {lab(who, 'en')}"]
            if role != card.role:
                why_nl.append(f"die {ROLE_WORDS[card.role][0]}" + (" (een besparing)" if card.money and
                                                                    card.role == "incasseerder" else ""))
                why_en.append(f"who {ROLE_WORDS[card.role][1]}" + (" (a saving)" if card.money and
                                                                   card.role == "incasseerder" else ""))
            lines.append(Line(False, f"'{card.nl}': " + "; ".join(why_nl) + ".", f"'{card.en}': " + "; ".join(why_en) + "."))
    non_money = sum(not c.money for c in cards)
    lines.append(Line(True, f"{non_money} van de {len(cards)} effecten zijn niet in euro's uit te drukken; de effectencalculator "
                      "telt alleen het geld, de effectenarena alle effecten.",
                      f"{non_money} of the {len(cards)} effects cannot be put in euros; the effects calculator counts only "
                      "the money, the effects arena all effects."))
    return _feedback(lines)


def arena_key(case: Case, calculator: EffectCalculator | None = None, language: str = "nl") -> pd.DataFrame:
    """The answer key of the arena for a case: effect, stakeholder(s), direction, money or not."""
    en = int(language == "en")
    cards = arena_cards(case, calculator)
    return pd.DataFrame({
        ("Effect" if en else "Effect"): [c.text(language) for c in cards],
        ("Stakeholder" if en else "Belanghebbende"): [" / ".join(ARENA_STAKEHOLDERS[k][en] for k in c.stakeholders)
                                                      for c in cards],
        ("Direction" if en else "Richting"): [ROLE_WORDS[c.role][en] for c in cards],
        ("In euros" if en else "In euro's"): [("yes" if en else "ja") if c.money else ("no" if en else "nee") for c in cards],
    })


# ---- "ik wil / ik kan / ik heb nodig" on every level ------------------------------------------------------------
LEVELS: dict[str, tuple[str, str]] = {
    "professional": ("Professional", "Professional"),
    "manager": ("Manager", "Manager"),
    "bestuurder": ("Bestuurder", "Director"),
    "financier": ("Financier (gemeente, zorgverzekeraar, zorgkantoor)", "Funder (municipality, insurer, care office)"),
}


def check_levels(answers: Mapping[str, Mapping[str, str]]) -> Feedback:
    """Lesson 4: 'not only for the resident: the other levels work this way too' — each level's ik wil/kan/heb nodig.

    ``answers`` maps a level to {'wil': ..., 'kan': ..., 'nodig': ...}. Complete levels are confirmed; a level with
    an empty part is named, with what that part is for.
    """
    lines = []
    for level, (nl, en) in LEVELS.items():
        parts = answers.get(level, {})
        empty = [p for p in ("wil", "kan", "nodig") if not str(parts.get(p, "")).strip()]
        if not empty:
            lines.append(Line(True, f"{nl}: ik wil, ik kan en ik heb nodig ingevuld.", f"{en}: I want, I can and I need "
                              "filled in."))
        else:
            words_nl = {"wil": "ik wil (het doel)", "kan": "ik kan (wat u zelf inbrengt)",
                        "nodig": "ik heb nodig (van wie, om het waar te maken)"}
            words_en = {"wil": "I want (the aim)", "kan": "I can (what you contribute yourself)",
                        "nodig": "I need (from whom, to make it happen)"}
            lines.append(Line(False, f"{nl}: vul nog in: " + ", ".join(words_nl[p] for p in empty) + ".",
                              f"{en}: still to fill in: " + ", ".join(words_en[p] for p in empty) + "."))
    return _feedback(lines)


LEVEL_EXAMPLES: dict[str, tuple[tuple[str, str, str], tuple[str, str, str]]] = {
    "professional": (("Ik wil doen wat de bewoner nodig heeft, ook buiten mijn eigen product.",
                      "Ik kan de bewoner goed lezen en weet wie ik moet bellen.",
                      "Ik heb nodig dat ik zonder toestemming vooraf uren mag inzetten."),
                     ("I want to do what the resident needs, also outside my own product.",
                      "I can read the resident well and know whom to call.",
                      "I need to be allowed to use hours without asking permission first.")),
    "manager": (("Ik wil dat mijn team over de grenzen van de organisatie heen werkt.",
                 "Ik kan roosters en budgetten vrijmaken voor MDO's.",
                 "Ik heb nodig dat mijn directie afwijken van het protocol dekt."),
                ("I want my team to work across the organisation's boundaries.",
                 "I can free up rosters and budgets for MDOs.",
                 "I need my board to cover departures from the protocol.")),
    "bestuurder": (("Ik wil dat de proeftuin-oplossing de normale werkwijze wordt.",
                    "Ik kan afspraken maken met de andere bestuurders in de steungroep.",
                    "Ik heb nodig dat de financiers de besparing met ons delen."),
                   ("I want the pilot solution to become the normal way of working.",
                    "I can make agreements with the other directors in the support group.",
                    "I need the funders to share the saving with us.")),
    "financier": (("Ik wil betalen voor wat werkt voor de bewoner, niet voor producten.",
                   "Ik kan een gezamenlijk budget met andere financiers afspreken.",
                   "Ik heb nodig dat de effectencalculator laat zien waar de besparing valt."),
                  ("I want to pay for what works for the resident, not for products.",
                   "I can agree a pooled budget with other funders.",
                   "I need the effects calculator to show where the saving lands.")),
}
