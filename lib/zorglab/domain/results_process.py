"""Lesson 5: the results-oriented work process of the K2 source, practised with the Westkust (WES) cases.

What the source says: cooperating municipalities in the west no longer buy supply or products for family
and youth support, but only fund results-oriented work; the result for the family or child is central, not
the supply. K2 first laid down the new way of working with the commissioner in a *schematic work process*,
then designed simulation exercises and used them in three learning-and-work meetings over eighteen months
to run through, improve and understand the process, with existing anonymised cases, in game form.

The source does not publish the schematic itself. ``STEPS`` is zorglab's six-step version of such a
process (request, agreed result, assignment, delivery, evaluation, payment) and the lesson says so.
What makes a result agreement *measurable* is checked by ``check_result_agreement``: an outcome for the
family (not hours or contacts), an observable indicator with a baseline and a target in the right
direction, a term, and someone other than the paid provider who establishes the result.
The indicators offered per case (``RESULT_CARDS``) are zorglab's; the agreed result named in each WES
case text is the case's own.

All cases are synthetic and contain no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.cases import Case, get_case, support_frame
from zorglab.domain.feedback import Content, Feedback, Line, Term, close, feedback_of, line, read_number
from zorglab.domain.funding import ResultaatModel


# ---- the work process ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProcessStep:
    key: str
    nl: str
    en: str
    who_nl: str
    who_en: str
    why_nl: str
    why_en: str

    def label(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl

    def who(self, language: str = "nl") -> str:
        return self.who_en if language == "en" else self.who_nl


STEPS: tuple[ProcessStep, ...] = (
    ProcessStep("vraag", "Hulpvraag verhelderen: wat wil het gezin, wat kan het, wat heeft het nodig",
                "Clarify the request: what the family wants, can do and needs",
                "gezin en lokaal team", "family and local team",
                "zonder de vraag van het gezin is er geen resultaat om af te spreken.",
                "without the family's request there is no result to agree on."),
    ProcessStep("resultaat", "Resultaat afspreken: meetbaar, met het gezin", "Agree the result: measurable, with the family",
                "gezin en lokaal team", "family and local team",
                "het resultaat komt vóór de opdracht: de gemeente koopt een resultaat, geen aanbod.",
                "the result comes before the assignment: the municipality buys a result, not supply."),
    ProcessStep("opdracht", "Opdracht aan de aanbieder: het resultaat, de termijn en de prijs — niet het aantal uren",
                "Assign the provider: the result, the term and the price — not the number of hours",
                "lokaal team / gemeente", "local team / municipality",
                "pas met een afgesproken resultaat weet de aanbieder waarvoor hij betaald wordt.",
                "only with an agreed result does the provider know what it is paid for."),
    ProcessStep("uitvoering", "Uitvoering: de aanbieder bepaalt met het gezin hoe", "Delivery: the provider decides with "
                "the family how", "aanbieder en gezin", "provider and family",
                "de professional krijgt ruimte voor het 'hoe' nadat het 'wat' is afgesproken.",
                "the professional gets room for the 'how' once the 'what' is agreed."),
    ProcessStep("evaluatie", "Evaluatie: is het resultaat behaald? Met gegevens van buiten de aanbieder",
                "Evaluation: was the result achieved? With data from outside the provider",
                "gezin en lokaal team", "family and local team",
                "betalen op resultaat kan pas als vaststaat of het resultaat er is.",
                "paying for results is only possible once it is established whether the result is there."),
    ProcessStep("betaling", "Betaling: basisbedrag, plus bonus bij resultaat of min malus zonder",
                "Payment: base amount, plus a bonus for a result or minus a malus without",
                "gemeente", "municipality",
                "de betaling volgt de evaluatie, niet de geleverde uren.",
                "payment follows the evaluation, not the hours delivered."),
)
SHUFFLED = ("uitvoering", "betaling", "vraag", "evaluatie", "opdracht", "resultaat")  # the order students get the cards in


def check_step_order(order: Mapping[str, int | None]) -> Feedback:
    """``order`` maps a step key to the position (1-6) the student gave it; every misplaced step says why."""
    lines = []
    positions = [p for p in order.values() if p]
    if len(set(positions)) != len(positions):
        lines.append(line(False, "steps_shared_position"))
    for i, step in enumerate(STEPS, start=1):
        given = order.get(step.key)
        name = Content(step.nl, step.en)
        if given == i:
            lines.append(line(True, "step_right", i=i, step=name, who=Content(step.who_nl, step.who_en)))
        elif not given:
            lines.append(line(False, "step_missing", step=name))
        else:
            lines.append(line(False, "step_wrong", step=name, i=i, given=given, why=Content(step.why_nl, step.why_en)))
    return feedback_of(lines)


# ---- a measurable result agreement -------------------------------------------------------------------------------
# Kinds of indicator and whether they make a result agreement measurable (why: feedback.indicator_kind_<kind>).
INDICATOR_KINDS: dict[str, bool] = {"meetbaar": True, "vaag": False, "inspanning": False, "output": False,
                                   "aanbieder": False}


@dataclass(frozen=True)
class Indicator:
    key: str
    nl: str
    en: str
    kind: str
    higher_is_better: bool = True

    def label(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class ResultCard:
    """Per WES case: the result its contract names, and indicators to choose from (measurable and not)."""

    case_id: str
    result_nl: str
    result_en: str
    indicators: tuple[Indicator, ...]

    def result(self, language: str = "nl") -> str:
        return self.result_en if language == "en" else self.result_nl

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)


def _uren(what_nl: str, what_en: str) -> Indicator:
    return Indicator("uren", f"Aantal geleverde uren {what_nl}", f"Number of hours of {what_en} delivered", "inspanning")


RESULT_CARDS: dict[str, ResultCard] = {c.case_id: c for c in (
    ResultCard("WES-01", "Weer naar school en geen politiecontact", "Back at school and no police contact", (
        Indicator("school", "Aanwezigheid op school of in een praktijkopleiding (% van de lesuren, schooladministratie)",
                  "Attendance at school or a practical training (% of lessons, school records)", "meetbaar"),
        Indicator("politie", "Aantal politiecontacten per kwartaal (politieregistratie)",
                  "Number of police contacts per quarter (police records)", "meetbaar", higher_is_better=False),
        _uren("jeugdhulp", "youth care"),
        Indicator("gesprekken", "Aantal gesprekken met moeder en zoon", "Number of conversations with mother and son", "output"),
        Indicator("beter", "De zoon zit beter in zijn vel", "The son feels better about himself", "vaag"),
    )),
    ResultCard("WES-02", "Eén gezinsplan; de moeder zorgt weer met plezier zelf voor haar zoon",
               "One family plan; the mother enjoys caring for her son herself again", (
        Indicator("epds", "Score op de Edinburgh-depressieschaal (EPDS), afgenomen door de huisarts",
                  "Score on the Edinburgh depression scale (EPDS), taken by the GP", "meetbaar", higher_is_better=False),
        Indicator("alleen", "Dagen per week dat de moeder zonder hulp alleen met de baby is",
                  "Days a week the mother is alone with the baby without help", "meetbaar"),
        Indicator("bezoeken", "Aantal huisbezoeken van de jeugdverpleegkundige", "Number of home visits by the youth nurse",
                  "output"),
        _uren("GGZ", "mental health care"),
        Indicator("beter", "Het gaat beter met de moeder", "The mother is doing better", "vaag"),
    )),
    ResultCard("WES-03", "Stabiel gewicht en terug op school", "Stable weight and back at school", (
        Indicator("gewicht", "Gewicht binnen de afgesproken marge, gewogen door de arts (kg)",
                  "Weight within the agreed range, weighed by the doctor (kg)", "meetbaar"),
        Indicator("school", "Aanwezigheid op school (% van de lesuren, schooladministratie)",
                  "School attendance (% of lessons, school records)", "meetbaar"),
        Indicator("sessies", "Aantal behandelsessies thuis", "Number of treatment sessions at home", "output"),
        _uren("behandeling", "treatment"),
        Indicator("zelfbeeld", "Ze heeft een positiever zelfbeeld", "She has a more positive self-image", "vaag"),
    )),
    ResultCard("WES-04", "Veiligheid hersteld", "Safety restored", (
        Indicator("meldingen", "Aantal meldingen bij Veilig Thuis of de politie per half jaar",
                  "Number of reports to Veilig Thuis or the police per half year", "meetbaar", higher_is_better=False),
        Indicator("veilig", "Cijfer dat ouders en kinderen zelf geven voor de veiligheid thuis (1-10)",
                  "Mark parents and children themselves give for safety at home (1-10)", "meetbaar"),
        _uren("gezinsbehandeling", "family treatment"),
        Indicator("balans", "Het gezin is weer in balans", "The family is back in balance", "vaag"),
        Indicator("voogd", "Tevredenheid van de gezinsvoogd over de samenwerking",
                  "The family guardian's satisfaction with the cooperation", "aanbieder"),
    )),
    ResultCard("WES-05", "Blijft op zijn eigen school", "Stays at his own school", (
        Indicator("aanwezig", "Aanwezig op de eigen basisschool (% van de schooldagen)",
                  "Present at his own primary school (% of school days)", "meetbaar"),
        Indicator("timeout", "Aantal keer per week dat hij de klas uit moet (volgens de leerkracht)",
                  "Times a week he has to leave the classroom (according to the teacher)", "meetbaar",
                  higher_is_better=False),
        _uren("ambulante begeleiding in de klas", "outpatient support in class"),
        Indicator("gedrag", "Hij gedraagt zich beter", "He behaves better", "vaag"),
        Indicator("overleg", "Aantal overleggen tussen begeleider en leerkracht", "Number of meetings between support "
                  "worker and teacher", "output"),
    )),
    ResultCard("WES-06", "Het gezin krijgt waar het recht op heeft en de kinderen doen mee",
               "The family gets what it is entitled to and the children take part", (
        Indicator("meedoen", "Aantal kinderen dat elke week sport of een club bezoekt",
                  "Number of children who do a sport or attend a club every week", "meetbaar"),
        Indicator("regeling", "Maanden zonder nieuwe betalingsachterstand", "Months without new payment arrears", "meetbaar"),
        _uren("wijkteam", "area-team work"),
        Indicator("aanvragen", "Aantal ingediende aanvragen voor regelingen", "Number of applications submitted for "
                  "schemes", "output"),
        Indicator("zorgen", "Het gezin heeft minder zorgen", "The family worries less", "vaag"),
    )),
    ResultCard("WES-07", "Weer onderwijs volgen", "Back in education", (
        Indicator("onderwijs", "Uren onderwijs per week (volgens de school)", "Hours of education a week (according to "
                  "the school)", "meetbaar"),
        Indicator("thuis", "Weken achter elkaar thuis zonder onderwijs", "Consecutive weeks at home without education",
                  "meetbaar", higher_is_better=False),
        _uren("begeleiding", "support"),
        Indicator("overleg", "Aantal overleggen tussen school en jeugdhulp", "Number of meetings between school and youth "
                  "care", "output"),
        Indicator("zin", "Ze heeft weer zin in leren", "She wants to learn again", "vaag"),
    )),
    ResultCard("WES-08", "De zoon blijft thuis wonen en de ruzies nemen af", "The son keeps living at home and the rows "
               "decrease", (
        Indicator("weglopen", "Aantal keer weggelopen per kwartaal", "Times run away per quarter", "meetbaar",
                  higher_is_better=False),
        Indicator("nachten", "Nachten per maand thuis geslapen", "Nights a month slept at home", "meetbaar"),
        Indicator("sessies", "Aantal sessies systeemtherapie", "Number of family therapy sessions", "output"),
        Indicator("sfeer", "De sfeer in huis is beter", "The atmosphere at home is better", "vaag"),
        Indicator("therapeut", "Tevredenheid van de therapeut over de behandeling", "The therapist's satisfaction with "
                  "the treatment", "aanbieder"),
    )),
    ResultCard("WES-09", "Schulden geregeld, vader aan het werk, rust in huis", "Debts sorted, father at work, calm at home", (
        Indicator("werk", "Uren betaald werk per week", "Hours of paid work a week", "meetbaar"),
        Indicator("rust", "Cijfer dat de ouders zelf geven voor de rust in huis (1-10)",
                  "Mark the parents themselves give for calm at home (1-10)", "meetbaar"),
        _uren("gezinsondersteuning", "family support"),
        Indicator("verwijzingen", "Aantal verwijzingen naar het werkplein", "Number of referrals to the employment service",
                  "output"),
        Indicator("spanning", "Vader is minder gespannen", "The father is less tense", "vaag"),
    )),
)}
JUDGES: dict[str, tuple[bool, str, str, str, str]] = {
    "gezin_team": (True, "Het gezin en het lokale team samen", "The family and the local team together",
                   "wie het resultaat afspreekt, stelt het ook vast.", "those who agree the result also establish it."),
    "aanbieder": (False, "De aanbieder", "The provider",
                  "de aanbieder wordt op dit resultaat betaald; alleen zijn eigen oordeel is niet onafhankelijk.",
                  "the provider is paid on this result; its own judgement alone is not independent."),
    "inkoop": (False, "De inkoopafdeling, op basis van facturen", "Purchasing, from the invoices",
               "facturen tonen wat er geleverd is, niet wat het gezin bereikte.",
               "invoices show what was delivered, not what the family achieved."),
}
TERM_WEEKS = (8, 52)


@dataclass(frozen=True)
class ResultAgreement:
    case_id: str
    indicator: str | None
    baseline: object
    target: object
    weeks: object
    judge: str | None


def _values_line(agreement: ResultAgreement, ind: Indicator | None) -> Line | None:
    base = read_number(agreement.baseline, Term("feedback.what_baseline"))
    target = read_number(agreement.target, Term("feedback.what_target"))
    if isinstance(base, Line) or isinstance(target, Line):
        return line(False, "agreement_values_missing")
    if ind is None or ind.kind not in ("meetbaar", "inspanning", "output"):
        return None
    better = target > base if ind.higher_is_better else target < base
    verdict = (Term("feedback.agreement_better") if better else
               Term("feedback.agreement_not_better_higher" if ind.higher_is_better else "feedback.agreement_not_better_lower"))
    return line(better, "agreement_values", base=format_number(base, 1), target=format_number(target, 1), verdict=verdict)


def _term_line(agreement: ResultAgreement) -> Line:
    weeks = read_number(agreement.weeks, Term("feedback.what_term"))
    lo, hi = TERM_WEEKS
    if isinstance(weeks, Line):
        return line(False, "agreement_term_missing")
    if not lo <= weeks <= hi:
        key = "agreement_term_short" if weeks < lo else "agreement_term_long"
        return line(False, key, weeks=format_number(weeks), lo=lo, hi=hi)
    return line(True, "agreement_term_ok", weeks=format_number(weeks))


def check_result_agreement(agreement: ResultAgreement) -> Feedback:
    """Lesson 5: is the result agreement measurable? One line per criterion, each with why."""
    from zorglab.domain.case_text import ik_wil

    card = RESULT_CARDS[agreement.case_id]
    case = get_case(agreement.case_id)
    lines: list[Line] = []
    ind = None if agreement.indicator is None else card.indicator(agreement.indicator)
    if ind is None:
        lines.append(line(False, "agreement_indicator_missing"))
    else:
        lines.append(line(INDICATOR_KINDS[ind.kind], "agreement_indicator", indicator=Content(ind.nl, ind.en),
                          why=Term(f"feedback.indicator_kind_{ind.kind}")))
    values = _values_line(agreement, ind)
    if values is not None:
        lines.append(values)
    lines.append(_term_line(agreement))
    if agreement.judge is None:
        lines.append(line(False, "agreement_judge_missing"))
    else:
        ok, nl, en, why_nl, why_en = JUDGES[agreement.judge]
        lines.append(line(ok, "agreement_judge", judge=Content(nl, en), why=Content(why_nl, why_en)))
    lines.append(line(True, "agreement_family", wants=Content(ik_wil(case, "nl"), ik_wil(case, "en")),
                      result=Content(card.result_nl, card.result_en)))
    return feedback_of(lines)


def measurable_indicators(case_id: str) -> list[Indicator]:
    """The indicators of a case that make a result agreement measurable (the answer key)."""
    return [i for i in RESULT_CARDS[case_id].indicators if INDICATOR_KINDS[i.kind]]


# ---- payment -----------------------------------------------------------------------------------------------------
def trajectory_price(case: Case) -> float:
    """The case's trajectory price in the exercise: what its current support costs per year at catalogue tariffs."""
    return float(support_frame([case])["cost_eur"].sum())


def payment_facts(case_id: str = "WES-01", model: ResultaatModel | None = None) -> dict[str, float | str]:
    """The numbers of the payment exercise: trajectory price (current support of the case) and the results model's
    base share, bonus and malus (``zorglab.domain.funding`` defaults)."""
    from zorglab.domain.funding import make_model

    m = model or make_model("result")
    assert isinstance(m, ResultaatModel)
    return {"case_id": case_id, "price": trajectory_price(get_case(case_id)), "base_share": float(m.base_share),
            "bonus": float(m.bonus), "malus": float(m.malus)}


def payment(price: float, base_share: float, bonus: float, malus: float, achieved: bool) -> float:
    """What the provider receives for one trajectory: base share up front, then the rest plus a bonus when the result
    is achieved, or a malus deducted when it is not (as ``funding.ResultaatModel`` pays)."""
    base = base_share * price
    return base + (1.0 - base_share) * price + bonus if achieved else base - malus


def payment_question(facts: Mapping[str, float | str], achieved: bool) -> Term:
    """The payment exercise's wording with its numbers."""
    return Term("feedback.payment_question", {
        "price": format_eur(float(facts["price"]), 2), "share": format_pct(float(facts["base_share"])),
        "bonus": format_eur(float(facts["bonus"]), 2), "malus": format_eur(float(facts["malus"]), 2),
        "outcome": Term("feedback.outcome_achieved" if achieved else "feedback.outcome_not_achieved")})


def payment_prompt(facts: Mapping[str, float | str], achieved: bool, language: str = "nl") -> str:
    return payment_question(facts, achieved).text(language)


def check_payment(answer: object, price: float, base_share: float, bonus: float, malus: float,
                  achieved: bool) -> Feedback:
    """Lesson 5: the provider's payment for one trajectory after the evaluation; typical slips are named."""
    value = read_number(answer, Term("feedback.what_amount"))
    if isinstance(value, Line):
        return feedback_of([value])
    expected = payment(price, base_share, bonus, malus, achieved)
    base = base_share * price
    if achieved:
        calc = f"{format_eur(base)} + {format_eur(price - base)} + {format_eur(bonus)} = {format_eur(expected)}"
        traps = {price: "pay_forgot_bonus", base + bonus: "pay_forgot_rest", base: "pay_only_base"}
    else:
        calc = f"{format_eur(base)} − {format_eur(malus)} = {format_eur(expected)}"
        traps = {base: "pay_forgot_malus", price - malus: "pay_whole_price", base + malus: "pay_malus_added"}
    traps.pop(expected, None)
    if close(value, expected, 0.5):
        return feedback_of([line(True, "pay_right", calc=calc)])
    for trap, why in traps.items():
        if close(value, trap, 0.5):
            return feedback_of([line(False, "pay_trap", value=format_eur(value), why=Term(f"feedback.{why}"), calc=calc)])
    return feedback_of([line(False, "pay_wrong", value=format_eur(value), calc=calc)])


def card_options(case_id: str, language: str = "nl") -> dict[str, str]:
    """Indicator label -> key for a selection widget."""
    return {i.label(language): i.key for i in RESULT_CARDS[case_id].indicators}


def judge_options(language: str = "nl") -> dict[str, str]:
    """Who establishes the result: label -> key for a selection widget."""
    return {(en if language == "en" else nl): key for key, (_ok, nl, en, _why_nl, _why_en) in JUDGES.items()}


def wes_case_ids() -> Sequence[str]:
    return tuple(RESULT_CARDS)
