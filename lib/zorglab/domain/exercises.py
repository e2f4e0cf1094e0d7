"""Check functions for the lesson exercises: every check says what is right, what is wrong and why.

Why a module of its own: the expected answers are computed by the domain library (funding models,
agreement statistics, effectencalculator), never typed into a notebook, so the feedback stays true when
tariffs or cases change. Each check returns a ``Feedback`` in Dutch and English; it is falsy when the
answer is wrong, but it always carries the reasons.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import check_language
from zorglab.domain.agreement import agreement_summary
from zorglab.domain.cases import Case
from zorglab.domain.catalogue import product_name, products
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.funding import MODELS, FundingResult, InspanningsModel, make_model


@dataclass(frozen=True)
class Line:
    """One observation about an answer: right or wrong, with the reason in both languages."""

    ok: bool
    nl: str
    en: str

    def text(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Feedback:
    """The outcome of a check: overall verdict, score 0-1 and one line per point that was checked."""

    correct: bool
    lines: tuple[Line, ...]
    score: float = field(default=-1.0)

    def __post_init__(self) -> None:
        if self.score < 0:
            share = sum(ln.ok for ln in self.lines) / len(self.lines) if self.lines else float(self.correct)
            object.__setattr__(self, "score", share)

    def __bool__(self) -> bool:
        return self.correct

    def mistakes(self, language: str = "nl") -> list[str]:
        return [ln.text(language) for ln in self.lines if not ln.ok]

    def headline(self, language: str = "nl") -> str:
        if self.correct:
            return "Correct!" if language == "en" else "Goed!"
        if self.score > 0:
            return "Partly right." if language == "en" else "Gedeeltelijk goed."
        return "Not right yet." if language == "en" else "Nog niet goed."

    def text(self, language: str = "nl") -> str:
        """Markdown: the headline, then a bullet per checked point (✔ right, ✘ wrong)."""
        check_language(language)
        bullets = "\n".join(f"- {'✔' if ln.ok else '✘'} {ln.text(language)}" for ln in self.lines)
        return f"**{self.headline(language)}**\n\n{bullets}" if bullets else f"**{self.headline(language)}**"

    def _repr_markdown_(self) -> str:
        return self.text("nl")

    def __str__(self) -> str:
        return self.text("nl")


def _feedback(lines: list[Line]) -> Feedback:
    return Feedback(all(ln.ok for ln in lines) and bool(lines), tuple(lines))


_DUTCH_THOUSANDS = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")  # '196.200' is 196200 to a Dutch reader


def _number(answer: object, nl_name: str, en_name: str) -> tuple[float | None, Line | None]:
    """Read a number a student typed ('1.234,50', '7,5', 7.5); explain what was wrong if unreadable."""
    if answer is None or (isinstance(answer, str) and not answer.strip()):
        return None, Line(False, f"Nog geen antwoord: vul bij {nl_name} een getal in, bijv. 7,50.",
                          f"No answer yet: enter a number for {en_name}, e.g. 7.50.")
    if isinstance(answer, bool):
        value = math.nan
    elif isinstance(answer, int | float | np.number):
        value = float(answer)
    else:
        text = str(answer).strip().replace("€", "").replace("%", "").replace(" ", "")
        if "," in text or _DUTCH_THOUSANDS.match(text):  # Dutch: dots group thousands, the comma is the decimal sign
            text = text.replace(".", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            value = math.nan
    if not math.isfinite(value):
        return None, Line(False, f"'{answer}' is geen getal; vul bij {nl_name} een bedrag of getal in, bijv. 7,50.",
                          f"'{answer}' is not a number; enter an amount or number for {en_name}, e.g. 7.50.")
    return value, None


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


# ---- lesson 1: van product naar resultaat ------------------------------------------------------------------
BEHAVIOURS: dict[str, tuple[str, str]] = {
    "meer_uren": ("Meer uren leveren dan nodig (elk uur levert geld op)",
                  "Deliver more hours than needed (every hour pays)"),
    "opwaarderen": ("Zwaarder registreren en vooral lichte cliënten aannemen",
                    "Register clients as heavier and prefer light clients"),
    "resultaat": ("Sturen op het afgesproken doel; cliënten met weinig kans op succes mijden",
                  "Steer on the agreed goal; avoid clients with little chance of success"),
    "minder_leveren": ("Minder leveren per cliënt en een wachtlijst laten ontstaan",
                       "Deliver less per client and let a waiting list grow"),
}


def observed_behaviour(result: FundingResult) -> tuple[str, Line]:
    """The behaviour a model's prices bring about, read from what the provider did (``result.behaviour``).

    Provider behaviour is an outcome of the funding model (``zorglab.domain.funding``), so the answer is read off
    the outcome, in this order: a model that pays for an achieved result steers on the result; a provider
    that delivers more than the need (``delivered_share`` > 1) does so because an extra hour pays more
    than it costs; a provider paid per client but not per hour that registers clients heavier or turns
    loss-making clients away upcodes and selects; any other provider delivers less than the need (and, on
    a budget, lets clients wait). The reason quotes the library's figures.
    """
    inc, beh = result.incentive, result.behaviour
    eur = lambda v: format_eur(v, 2)  # noqa: E731
    f = float(beh.get("delivered_share", 1.0))
    upcoded = float(beh.get("upcoded_share", 0.0))
    away = float(beh.get("turned_away", 0.0))
    share, n_away, n_wait = format_pct(f), format_number(away), format_number(result.clients_waiting)
    marginal_cost = inc.extra_hour_revenue - inc.extra_hour_margin
    if inc.extra_result_revenue > 0:
        return "resultaat", Line(True,
            f"Een behaald resultaat is {eur(inc.extra_result_revenue)} waard, een extra personeelsuur maar {eur(inc.extra_hour_revenue)}: "
            f"de aanbieder levert {share} van de behoefte (waar het de kans op resultaat vergroot) en weigert "
            f"{n_away} cliënten op wie hij verlies lijdt, vooral zware met weinig kans op succes.",
            f"An achieved result is worth {eur(inc.extra_result_revenue)}, an extra staff hour only {eur(inc.extra_hour_revenue)}: "
            f"the provider delivers {share} of the need (where it raises the chance of a result) and turns away "
            f"{n_away} clients it loses money on, mostly severe ones with little chance of success.")
    if f > 1.0:
        return "meer_uren", Line(True,
            f"Eén extra personeelsuur levert {eur(inc.extra_hour_revenue)} op en kost {eur(marginal_cost)} (marge "
            f"{eur(inc.extra_hour_margin)}): de aanbieder levert {share} van de behoefte — meer dan nodig.",
            f"One extra staff hour earns {eur(inc.extra_hour_revenue)} and costs {eur(marginal_cost)} (margin "
            f"{eur(inc.extra_hour_margin)}): the provider delivers {share} of the need — more than needed.")
    if inc.extra_hour_revenue <= 0 < inc.extra_client_revenue and (upcoded > 0 or away > 0):
        return "opwaarderen", Line(True,
            f"Een extra personeelsuur levert niets op, een cliënt wel ({eur(inc.extra_client_revenue)} per traject): de aanbieder "
            f"registreert {format_pct(upcoded)} van de cliënten een klasse zwaarder, levert {share} van de behoefte en "
            f"weigert {n_away} verliesgevende cliënten; een lichte cliënt levert {eur(inc.margin_light_minus_heavy)} "
            "meer marge op dan een zware.",
            f"An extra staff hour earns nothing, a client does ({eur(inc.extra_client_revenue)} per trajectory): the provider "
            f"registers {format_pct(upcoded)} of clients one class heavier, delivers {share} of the need and turns "
            f"away {n_away} loss-making clients; a light client yields {eur(inc.margin_light_minus_heavy)} more "
            "margin than a heavy one.")
    if inc.extra_client_revenue <= 0:
        wait_nl = f"{n_wait} cliënten wachten" if result.clients_waiting else "het budget is toereikend, niemand wacht"
        wait_en = f"{n_wait} clients wait" if result.clients_waiting else "the budget suffices, nobody waits"
        return "minder_leveren", Line(True,
            f"Het budget ligt vast: een extra cliënt levert niets op en kost {eur(-inc.extra_client_margin)}, elk uur "
            f"dat niet geleverd wordt scheelt {eur(marginal_cost)}. De aanbieder levert {share} van de behoefte; {wait_nl}.",
            f"The budget is fixed: an extra client earns nothing and costs {eur(-inc.extra_client_margin)}, every hour "
            f"not delivered saves {eur(marginal_cost)}. The provider delivers {share} of the need; {wait_en}.")
    earns_nl = f"levert {eur(inc.extra_hour_revenue)} op maar" if inc.extra_hour_revenue > 0 else "levert niets op en"
    earns_en = f"earns {eur(inc.extra_hour_revenue)} but" if inc.extra_hour_revenue > 0 else "earns nothing and"
    return "minder_leveren", Line(True,
        f"Eén extra personeelsuur {earns_nl} kost {eur(marginal_cost)}: de aanbieder levert maar {share} van de behoefte"
        + (f" en weigert {n_away} cliënten op wie hij verlies lijdt." if away > 0 else "."),
        f"One extra staff hour {earns_en} costs {eur(marginal_cost)}: the provider delivers only {share} of the need"
        + (f" and turns away {n_away} clients it loses money on." if away > 0 else "."))


def check_predictions(predictions: Mapping[str, str | None], caseload: pd.DataFrame,
                      models: Mapping[str, object] | None = None) -> Feedback:
    """Lesson 1: compare a student's predicted provider behaviour per funding model with what the provider does.

    The expected answer is the behaviour that emerges in the library (``observed_behaviour``), not a fixed key.

    ``predictions`` maps model key ('pxq', 'output', 'result', 'lumpsum') to a key of ``BEHAVIOURS``.
    ``models`` may hold configured models (key -> FundingModel); default parameters otherwise.
    """
    lines: list[Line] = []
    for key, cls in MODELS.items():
        model = (models or {}).get(key) or make_model(key)
        guess = predictions.get(key)
        name_nl, name_en = cls.label_nl, cls.label_en
        expected, why = observed_behaviour(model.evaluate(caseload))
        if not guess:
            lines.append(Line(False, f"{name_nl}: nog geen voorspelling gekozen.", f"{name_en}: no prediction chosen yet."))
        elif guess not in BEHAVIOURS:
            lines.append(Line(False, f"{name_nl}: '{guess}' is geen keuze; kies uit {', '.join(BEHAVIOURS)}.",
                              f"{name_en}: '{guess}' is not an option; choose from {', '.join(BEHAVIOURS)}."))
        elif guess == expected:
            lines.append(Line(True, f"{name_nl}: juist — {why.nl}", f"{name_en}: right — {why.en}"))
        else:
            lines.append(Line(False,
                f"{name_nl}: u voorspelde '{BEHAVIOURS[guess][0]}', maar het model beloont "
                f"'{BEHAVIOURS[expected][0]}'. Waarom: {why.nl}",
                f"{name_en}: you predicted '{BEHAVIOURS[guess][1]}', but the model rewards "
                f"'{BEHAVIOURS[expected][1]}'. Why: {why.en}"))
    return _feedback(lines)


def extra_hour_facts(code: str = "JW_AMB_BASIS", model: InspanningsModel | None = None) -> dict[str, float | str]:
    """The numbers lesson 1's exercise 2 gives the student: a product's tariff and staff hours per unit (catalogue),
    the provider's full cost per staff hour and the share of it that moves with one more hour (P x Q model)."""
    from zorglab.domain.catalogue import product

    row = product(code)
    pxq = model or make_model("pxq")
    return {"code": code, "unit": str(row["unit"]), "tariff_eur": float(row["tariff_eur"]),
            "staff_hours_per_unit": float(row["staff_hours_per_unit"]), "cost_per_hour": float(pxq.provider_cost_per_hour),
            "marginal_cost_share": float(pxq.marginal_cost_share)}


def extra_hour_prompt(facts: Mapping[str, float | str], language: str = "nl") -> str:
    """The exercise's wording (Markdown) with its numbers; the answer key follows this wording exactly:
    margin on one extra *staff* hour = tariff / staff hours per unit - marginal share x full cost per staff hour."""
    from zorglab.domain.case_text import unit_label

    unit = str(facts["unit"])
    tariff, hours = format_eur(float(facts["tariff_eur"])), format_number(float(facts["staff_hours_per_unit"]), 2)
    cost, share = format_eur(float(facts["cost_per_hour"])), format_pct(float(facts["marginal_cost_share"]))
    name = product_name(str(facts["code"]), language)
    if language == "en":
        per = "hour of help" if unit == "uur" else unit_label(unit, 1, "en")
        return (f"**{name}** under P x Q: the provider receives **{tariff} per {per}**. One {per} takes "
                f"**{hours} staff hours**. A staff hour costs the provider **{cost}** in full; **{share}** of that moves "
                "with one more staff hour (the rest is overhead that is there anyway). **Question:** what margin "
                "(extra revenue − extra cost) does the provider make on **one extra staff hour**?")
    per = "uur hulp" if unit == "uur" else unit_label(unit, 1, "nl")
    return (f"**{name}** onder P x Q: de aanbieder krijgt **{tariff} per {per}**. Voor één {per} zijn "
            f"**{hours} personeelsuren** nodig. Een personeelsuur kost de aanbieder integraal **{cost}**; daarvan "
            f"beweegt **{share}** mee met één personeelsuur meer (de rest is overhead die er toch al is). **Vraag:** "
            "hoeveel marge (extra opbrengst − extra kosten) maakt de aanbieder op **één extra personeelsuur**?")


def check_extra_hour_margin(answer: object, tariff_eur: float, cost_per_hour: float,
                            staff_hours_per_unit: float = 1.0, marginal_cost_share: float = 1.0) -> Feedback:
    """Lesson 1: margin on one extra staff hour under P x Q = tariff per staff hour - marginal cost of a staff hour.

    The tariff is per unit of help (e.g. per hour of help); one unit takes ``staff_hours_per_unit`` staff hours,
    so one staff hour earns tariff / staff hours per unit. The marginal cost is the share of the full hourly cost
    that moves with one hour more (``marginal_cost_share``; the rest is overhead), as in
    ``Incentive.extra_hour_margin``. Answers computed per unit of help, with the full cost, or without the cost
    are recognised and explained.
    """
    value, problem = _number(answer, "de marge", "the margin")
    if problem:
        return _feedback([problem])
    revenue = tariff_eur / staff_hours_per_unit
    marginal = cost_per_hour * marginal_cost_share
    expected = revenue - marginal
    partial = marginal_cost_share != 1.0
    cost_nl = f"{format_pct(marginal_cost_share)} × {format_eur(cost_per_hour)}" if partial else format_eur(cost_per_hour)
    sum_nl = f"{format_eur(tariff_eur)} / {format_number(staff_hours_per_unit, 2)} uur − {cost_nl} = {format_eur(expected)}"
    sum_en = f"{format_eur(tariff_eur)} / {format_number(staff_hours_per_unit, 2)} h − {cost_nl} = {format_eur(expected)}"
    per_unit = {tariff_eur - staff_hours_per_unit * marginal, tariff_eur - staff_hours_per_unit * cost_per_hour,
                tariff_eur - marginal, tariff_eur - cost_per_hour}
    if _close(value, expected, 0.01):
        return _feedback([Line(True, f"De marge per extra personeelsuur is {sum_nl}.",
                               f"The margin per extra staff hour is {sum_en}.")])
    if _close(value, revenue, 0.01):
        hint = Line(False, f"{format_eur(value)} is de opbrengst, niet de marge: trek de kosten van een extra uur eraf ({sum_nl}).",
                    f"{format_eur(value)} is the revenue, not the margin: subtract the cost of an extra hour ({sum_en}).")
    elif _close(value, -expected, 0.01) and expected != 0:
        hint = Line(False, f"Het teken is omgedraaid: marge = opbrengst − kosten ({sum_nl}).",
                    f"The sign is flipped: margin = revenue − cost ({sum_en}).")
    elif partial and _close(value, revenue - cost_per_hour, 0.01):
        hint = Line(False, f"U trok de volledige kostprijs per uur af. De overhead verandert niet met één uur meer; alleen "
                    f"{format_pct(marginal_cost_share)} ({format_eur(marginal)}) beweegt mee: {sum_nl}.",
                    f"You subtracted the full cost per hour. Overhead does not change with one more hour; only "
                    f"{format_pct(marginal_cost_share)} ({format_eur(marginal)}) moves with it: {sum_en}.")
    elif staff_hours_per_unit != 1.0 and any(_close(value, v, 0.01) for v in per_unit):
        hint = Line(False, f"U rekende met het tarief per eenheid (per uur hulp); de vraag gaat over één extra personeelsuur. "
                    f"Eén eenheid kost {format_number(staff_hours_per_unit, 2)} personeelsuur, dus een personeelsuur levert "
                    f"{format_eur(tariff_eur)} / {format_number(staff_hours_per_unit, 2)} = {format_eur(revenue)} op: {sum_nl}.",
                    f"You used the tariff per unit (per hour of help); the question is about one extra staff hour. One "
                    f"unit takes {format_number(staff_hours_per_unit, 2)} staff hours, so a staff hour earns "
                    f"{format_eur(tariff_eur)} / {format_number(staff_hours_per_unit, 2)} = {format_eur(revenue)}: {sum_en}.")
    else:
        hint = Line(False, f"{format_eur(value)} klopt niet. Reken: tarief per personeelsuur − kosten van een extra uur = {sum_nl}.",
                    f"{format_eur(value)} is not right. Compute: tariff per staff hour − cost of an extra hour = {sum_en}.")
    return _feedback([hint])


# ---- lesson 2: van maatwerk naar algemene voorziening ------------------------------------------------------
def needs_indication(code: str) -> tuple[bool, Line]:
    """Lesson 2: does a resident still need an indication once Lindendaal's general provision exists?

    As the source says: from 2017 no individual provision, and so no indication, is needed for the products
    begeleiding groep and begeleiding individueel (``begeleiding.GENERAL_PROVISION_PRODUCTS``). The source
    moves nothing else: every other Wmo product (household support, sheltered housing, ...) stays an individual
    provision with an indication, and Youth Act care is outside this Wmo provision altogether.
    """
    from zorglab.domain.begeleiding import GENERAL_PROVISION_PRODUCTS

    table = products().set_index("code")
    if code not in table.index:
        from zorglab.core.errors import UnknownNameError

        raise UnknownNameError("product code", code, table.index)
    row = table.loc[code]
    name_nl, name_en = product_name(code, "nl"), product_name(code, "en")
    if code in GENERAL_PROVISION_PRODUCTS:
        return False, Line(True, f"{name_nl}: vanaf 2017 geen maatwerkvoorziening meer en dus geen indicatie — de "
                           "aanbieders bieden begeleiding groep én individueel samen aan in de algemene voorziening, "
                           "met arrangementen op maat.",
                           f"{name_en}: from 2017 no individual provision any more and so no assessment — the providers "
                           "offer group and individual begeleiding together in the general provision, with tailored "
                           "arrangements.")
    if row["law"] == "Wmo":
        return True, Line(True, f"{name_nl}: blijft maatwerk met een indicatie (beschikking). De omvorming gaat alleen over "
                          "begeleiding groep en begeleiding individueel; de bron zegt niets over andere producten.",
                          f"{name_en}: stays an individual provision with an assessment. The change is only about group "
                          "and individual begeleiding; the source says nothing about other products.")
    return True, Line(True, f"{name_nl}: Jeugdwet-hulp valt buiten deze Wmo-voorziening; de toegang blijft via verwijzing "
                      "of beschikking.", f"{name_en}: Youth Act care is outside this Wmo provision; access stays by "
                      "referral or decision.")


def check_indications(answers: Mapping[str, bool | None]) -> Feedback:
    """Lesson 2: for each product, does a client still need an indication after the change? (True = yes)."""
    if not answers:
        return _feedback([Line(False, "Geef per product aan of er nog een indicatie nodig is.",
                               "Say for each product whether an assessment is still needed.")])
    lines = []
    for code, said in answers.items():
        expected, why = needs_indication(code)
        if said is None:
            lines.append(Line(False, f"{product_name(code)}: nog niet beantwoord.",
                              f"{product_name(code, 'en')}: not answered yet."))
        elif bool(said) == expected:
            lines.append(why)
        else:
            lines.append(Line(False, ("U zei 'indicatie nodig', maar: " if said else "U zei 'geen indicatie', maar: ") + why.nl,
                              ("You said 'assessment needed', but: " if said else "You said 'no assessment', but: ") + why.en))
    return _feedback(lines)


def check_amount(answer: object, expected: float, calculation_nl: str, calculation_en: str,
                 traps: Mapping[float, tuple[str, str]] | None = None, tolerance: float = 0.5) -> Feedback:
    """A money answer against the library's figure; known wrong results get their own explanation."""
    value, problem = _number(answer, "het bedrag", "the amount")
    if problem:
        return _feedback([problem])
    if _close(value, expected, tolerance):
        return _feedback([Line(True, f"{format_eur(expected, 0)}: {calculation_nl}.", f"{format_eur(expected, 0)}: {calculation_en}.")])
    for trap, (nl, en) in (traps or {}).items():
        if _close(value, trap, tolerance):
            return _feedback([Line(False, f"{format_eur(value, 0)}: {nl} Juist is {calculation_nl} = {format_eur(expected, 0)}.",
                                   f"{format_eur(value, 0)}: {en} The right figure is {calculation_en} = {format_eur(expected, 0)}.")])
    direction = ("te hoog", "too high") if value > expected else ("te laag", "too low")
    return _feedback([Line(False, f"{format_eur(value, 0)} is {direction[0]}. Reken: {calculation_nl} = {format_eur(expected, 0)}.",
                           f"{format_eur(value, 0)} is {direction[1]}. Compute: {calculation_en} = {format_eur(expected, 0)}.")])


def check_av_budget(answer: object, last_year_spend: float, budget_factor: float, participants: float | None = None,
                    cost_per_participant: float | None = None) -> Feedback:
    """Lesson 2: the consortium's budget = budget factor x what its clients cost under P x Q last year.

    The budget is fixed before the year; ``participants`` and ``cost_per_participant`` (optional) only name
    the mistake of answering with the consortium's cost instead of its budget.
    """
    expected = budget_factor * last_year_spend
    calc = f"{format_number(budget_factor, 2)} × {format_eur(last_year_spend, 0)}"
    traps: dict[float, tuple[str, str]] = {
        expected / 12: ("dat is een maandbedrag; het budget is per jaar.", "that is a monthly figure; the budget is per year."),
    }
    if participants is not None and cost_per_participant is not None:
        traps[participants * cost_per_participant] = (
            "dat zijn de kosten van het consortium (deelnemers × kosten per deelnemer), niet het budget: het budget "
            "ligt vooraf vast, hoeveel deelnemers er ook komen.",
            "that is the consortium's cost (participants × cost per participant), not its budget: the budget is "
            "fixed beforehand, however many participants come.")
    if budget_factor != 1.0:
        traps[last_year_spend] = ("dat zijn de P x Q-uitgaven van vorig jaar; het budget is een factor daarop.",
                                  "that is last year's P x Q spend; the budget is a factor on it.")
    traps.pop(expected, None)
    return check_amount(answer, expected, calc, calc, traps=traps, tolerance=max(1.0, 1e-3 * abs(expected)))


def check_av_budget_per_participant(answer: object, budget: float, moved_clients: float, new_participants: float,
                                    cost_per_participant: float | None = None) -> Feedback:
    """Lesson 2: budget per participant = fixed budget / (clients moved from maatwerk + new participants).

    More participants bring no more money, so the amount per participant falls as open access draws people
    in; when it drops below the provider's cost per participant the consortium can do less for each.
    """
    participants = moved_clients + new_participants
    expected = budget / participants if participants > 0 else 0.0
    calc_nl = f"{format_eur(budget, 0)} / ({format_number(moved_clients)} + {format_number(new_participants)})"
    calc_en = calc_nl
    traps: dict[float, tuple[str, str]] = {
        budget: ("dat is het hele budget; deel het door het aantal deelnemers.",
                 "that is the whole budget; divide it by the number of participants."),
    }
    if moved_clients > 0 and new_participants > 0:
        traps[budget / moved_clients] = (
            "u deelde alleen door de cliënten die uit maatwerk overkwamen. De nieuwe deelnemers delen in hetzelfde "
            "budget: meer deelnemers brengen geen extra geld mee.",
            "you divided only by the clients who came over from individual support. The new participants share the "
            "same budget: more participants bring no more money.")
    traps.pop(expected, None)
    fb = check_amount(answer, expected, calc_nl, calc_en, traps=traps, tolerance=max(0.5, 5e-3 * abs(expected)))
    if not fb or cost_per_participant is None:
        return fb
    if expected < cost_per_participant:
        extra = Line(True, f"Dat is minder dan de {format_eur(cost_per_participant, 0)} die een deelnemer kost: het "
                     "consortium kan per deelnemer minder doen en de winst in welbevinden wordt kleiner.",
                     f"That is less than the {format_eur(cost_per_participant, 0)} a participant costs: the consortium "
                     "can do less per participant and the wellbeing gain shrinks.")
    else:
        extra = Line(True, f"Dat dekt de {format_eur(cost_per_participant, 0)} die een deelnemer kost; het consortium "
                     "houdt geld over.",
                     f"That covers the {format_eur(cost_per_participant, 0)} a participant costs; the consortium keeps "
                     "a surplus.")
    return _feedback([*fb.lines, extra])


# ---- multiple choice (lessons 2-4) -------------------------------------------------------------------------
@dataclass(frozen=True)
class Option:
    key: str
    nl: str
    en: str
    correct: bool
    why_nl: str
    why_en: str

    def label(self, language: str = "nl") -> str:
        return self.en if language == "en" else self.nl


@dataclass(frozen=True)
class Question:
    """A question with one or more right options; every option explains why it is (not) right."""

    key: str
    prompt_nl: str
    prompt_en: str
    options: tuple[Option, ...]

    def prompt(self, language: str = "nl") -> str:
        return self.prompt_en if language == "en" else self.prompt_nl

    def choices(self, language: str = "nl") -> dict[str, str]:
        """Label -> option key, as Panel selection widgets want it."""
        return {o.label(language): o.key for o in self.options}


def check_choice(question: Question, selected: Iterable[str]) -> Feedback:
    """Every chosen wrong option and every missed right option is named, with the reason."""
    chosen = set(selected or ())
    keys = {o.key for o in question.options}
    lines = [Line(False, f"'{k}' is geen optie bij deze vraag.", f"'{k}' is not an option for this question.")
             for k in sorted(chosen - keys)]
    if not chosen:
        return _feedback([Line(False, "Kies minstens één antwoord.", "Choose at least one answer.")])
    for o in question.options:
        if o.key in chosen and o.correct:
            lines.append(Line(True, f"'{o.nl}' — juist: {o.why_nl}", f"'{o.en}' — right: {o.why_en}"))
        elif o.key in chosen:
            lines.append(Line(False, f"'{o.nl}' — niet juist: {o.why_nl}", f"'{o.en}' — not right: {o.why_en}"))
        elif o.correct:
            lines.append(Line(False, f"U miste '{o.nl}': {o.why_nl}", f"You missed '{o.en}': {o.why_en}"))
    return _feedback(lines)


QUESTIONS: dict[str, Question] = {q.key: q for q in (
    Question("av_risks",
             "Welke risico's horen bij een algemene voorziening die als lumpsum aan een consortium wordt betaald?",
             "Which risks come with a general provision paid to a consortium as a lump sum?", (
        Option("onderbehandeling", "Onderbehandeling: te weinig hulp per deelnemer", "Under-treatment: too little help per participant",
               True, "elk uur dat niet geleverd wordt is marge voor het consortium.",
               "every hour not delivered is margin for the consortium."),
        Option("wachtlijst", "Wachtlijsten of een vol inloophuis", "Waiting lists or a full drop-in centre", True,
               "een extra deelnemer levert onder een vast budget niets op.", "under a fixed budget an extra participant earns nothing."),
        Option("aanbodgestuurd", "Aanbodgestuurde zorg: meer uren dan nodig", "Supply-induced demand: more hours than needed", False,
               "dat is de prikkel van P x Q; onder een lumpsum kosten extra uren alleen geld.",
               "that is the P x Q incentive; under a lump sum extra hours only cost money."),
        Option("zwaardere_vraag", "Cliënten die meer nodig hebben vallen tussen wal en schip",
               "Clients who need more fall through the cracks", True,
               "zonder indicatie ziet niemand dat iemand meer nodig heeft; regel een route naar maatwerk.",
               "without an assessment nobody notices that someone needs more; arrange a route to individual support."),
        Option("meer_administratie", "Meer declaraties per cliënt", "More invoices per client", False,
               "een lumpsum vraagt een paar verantwoordingsrapportages per jaar, geen declaratie per cliënt.",
               "a lump sum needs a few accountability reports a year, not an invoice per client."),
    )),
    Question("av_more_participants",
             "Door de vrije toegang komen er meer deelnemers naar de algemene voorziening dan verwacht. Wat gebeurt er?",
             "Open access draws more participants to the general provision than expected. What happens?", (
        Option("zelfde_uitgaven", "De gemeente geeft evenveel uit aan de algemene voorziening",
               "The municipality spends the same on the general provision", True,
               "het budget ligt vooraf vast: meer deelnemers brengen geen extra geld mee.",
               "the budget is fixed beforehand: more participants bring no more money."),
        Option("meer_geld", "Het consortium krijgt meer geld", "The consortium gets more money", False,
               "dat zou onder P x Q zo zijn (elke cliënt levert geld op); onder een vast budget niet.",
               "that would be so under P x Q (every client brings money); not under a fixed budget."),
        Option("minder_per_deelnemer", "Er is minder geld per deelnemer", "There is less money per participant", True,
               "hetzelfde budget wordt over meer mensen verdeeld.", "the same budget is shared by more people."),
        Option("minder_welbevinden", "Dekt het budget de kosten niet meer, dan wordt de winst in welbevinden per "
               "deelnemer kleiner", "If the budget no longer covers the cost, the wellbeing gain per participant shrinks",
               True, "het consortium kan per deelnemer minder doen dan nodig is.",
               "the consortium can do less per participant than is needed."),
        Option("indicatie", "Deelnemers hebben weer een indicatie nodig", "Participants need an assessment again", False,
               "de toegang blijft vrij; de gemeente kan wel het budget of de afspraken met het consortium herzien.",
               "access stays open; the municipality can revise the budget or its agreements with the consortium."),
    )),
    Question("gp_conditions",
             "Welke randvoorwaarden formuleerde de gemeente met de adviseur voor de algemene voorziening?",
             "Which preconditions did the municipality set, with the adviser, for the general provision?", (
        Option("bestaande_av", "Kijk naar de algemene voorzieningen die er al zijn en maak daar zoveel mogelijk gebruik van",
               "Look at the general provisions that already exist and use them as much as possible", True,
               "dat is de eerste randvoorwaarde in de bron: niet iets nieuws bouwen naast wat er al is.",
               "that is the first precondition in the source: do not build something new next to what is there."),
        Option("behoefte_centraal", "Stel de behoeftes van de cliënten centraal", "Put the clients' needs first", True,
               "de tweede randvoorwaarde: inwoners krijgen wel de ondersteuning die zij nodig hebben.",
               "the second precondition: residents do get the support they need."),
        Option("initiatief_aanbieders", "Laat het initiatief bij de aanbieders; de gemeente is regisseur",
               "Leave the initiative with the providers; the municipality directs", True,
               "de derde randvoorwaarde: de rol van de gemeente beperkt zich tot die van regisseur.",
               "the third precondition: the municipality's role is limited to that of director."),
        Option("gemeente_ontwerpt", "De gemeente ontwerpt de arrangementen zelf en besteedt ze aan", "The municipality "
               "designs the arrangements itself and puts them out to tender", False,
               "dan neemt de gemeente het heft weer in handen; de bron laat het anders organiseren juist bij de aanbieders.",
               "then the municipality takes control again; the source leaves the reorganising to the providers."),
        Option("indicatie_houden", "Iedereen houdt voor de zekerheid een indicatie", "Everybody keeps an assessment to be safe",
               False, "vanaf 2017 is voor begeleiding groep en individueel juist geen indicatie meer nodig.",
               "from 2017 no assessment is needed any more for group and individual begeleiding."),
    )),
    Question("gp_director",
             "'Van zorgen voor naar zorgen dat': wat betekent dat in Lindendaal?",
             "'From caring for to making sure that': what does it mean in Lindendaal?", (
        Option("stip", "De gemeente zet de stip op de horizon en houdt de regie, maar neemt niet het heft in handen",
               "The municipality sets the point on the horizon and keeps direction, but does not take control", True,
               "de terugtrekkende beweging zonder de regisserende rol op te geven was het lastigste deel van het project.",
               "stepping back without giving up the directing role was the hardest part of the project."),
        Option("convenant", "Alle partijen ondertekenen een convenant om samen het plan uit te werken",
               "All parties sign a covenant to work out the plan together", True,
               "het convenant legt vast dat de organisaties samen een algemene voorziening opzetten.",
               "the covenant records that the organisations set up a general provision together."),
        Option("actief", "Aanbieders gaan van een afwachtende naar een actieve houding",
               "Providers move from a waiting to an active attitude", True,
               "de ongeveer tien zorg- en welzijnsaanbieders brachten zelf hun visie op begeleiding in beeld.",
               "the about ten care and welfare providers set out their own vision of begeleiding."),
        Option("welzijn", "Grote zorgaanbieders ondersteunen en bekostigen welzijns- en vrijwilligersorganisaties",
               "Large care providers support and fund welfare and volunteer organisations", True,
               "zo komt de lichtere ondersteuning dicht bij de inwoner, binnen het budget van het consortium.",
               "that brings lighter support close to residents, within the consortium's budget."),
        Option("loslaten", "De gemeente trekt zich helemaal terug; de aanbieders beslissen alles",
               "The municipality withdraws completely; the providers decide everything", False,
               "de gemeente blijft verantwoordelijk en blijft regisseur: zij zorgt dát de ondersteuning er is.",
               "the municipality stays responsible and stays director: it makes sure that support is there."),
        Option("zelf_uitvoeren", "De gemeente gaat de begeleiding zelf uitvoeren", "The municipality delivers begeleiding itself",
               False, "dat is 'zorgen voor'; de omslag is juist dat anderen het doen en de gemeente zorgt dát het gebeurt.",
               "that is 'caring for'; the shift is that others do it and the municipality makes sure that it happens."),
    )),
    Question("continuity",
             "Jeugdzorgaanbieders in de regio hebben het financieel zwaar. Wat doet een goede opdrachtgever?",
             "Youth-care providers in the region are in financial trouble. What does a good commissioner do?", (
        Option("gesprek", "Met de aanbieder de kwaliteit, de cijfers en de oorzaak bespreken",
               "Discuss quality, the figures and the cause with the provider", True,
               "sinds 2016 gaan de gesprekken van de regionale contractmanagers over kwaliteit én de financiële situatie: "
               "zijn de tarieven te laag, of is de bedrijfsvoering het probleem?",
               "since 2016 the regional contract managers' talks cover quality and the financial situation: are "
               "tariffs too low, or is it the provider's operations?"),
        Option("continuiteit", "Zorgcontinuïteit voor de cliënten regelen (plan B)", "Secure continuity of care for clients (plan B)",
               True, "continuïteit van zorg is een uitgangspunt: cliënten mogen niet de dupe worden als de aanbieder omvalt.",
               "continuity of care is a principle: clients must not pay the price if the provider fails."),
        Option("werkgelegenheid", "Werkgelegenheid in de regio meewegen", "Weigh employment in the region", True,
               "ook dat noemt de regio als uitgangspunt: de medewerkers van de aanbieder zijn de zorg van morgen.",
               "the region names that as a principle too: the provider's staff are tomorrow's care."),
        Option("tijdig_betalen", "Zelf tijdig aan de betalingsverplichtingen voldoen", "Meet its own payment obligations on time",
               True, "de opdrachtgever neemt ook zijn eigen rol in de contractuele relatie; een aanbieder die krap zit, komt "
               "door late betaling nog verder in de knel.",
               "the commissioner also takes its own role in the contract; late payment squeezes a provider that is short "
               "of money even further."),
        Option("meer_indiceren", "Gebiedsteams meer uren laten indiceren bij deze aanbieder",
               "Let area teams assess more hours at this provider", False,
               "dat lost een tariefprobleem op met zorg die cliënten niet nodig hebben.",
               "that solves a tariff problem with care clients do not need."),
        Option("niets", "Niets: het risico ligt bij de aanbieder", "Nothing: the risk is the provider's", False,
               "de gemeente blijft verantwoordelijk voor passende hulp (Wmo, Jeugdwet).",
               "the municipality stays responsible for appropriate support (Wmo, Youth Act)."),
    )),
    Question("directing_commissioner",
             "Rivierenland werkt toe naar regisserend opdrachtgeverschap. Wat hoort daarbij?",
             "Rivierenland works towards directing commissioning. What belongs to it?", (
        Option("verbindingen", "Verbindingen leggen met alle ketenpartners die bijdragen aan de meest passende zorg",
               "Making connections with all chain partners that contribute to the most fitting care", True,
               "zo omschrijft de regio haar ultieme ambitie.", "that is how the region describes its ultimate ambition."),
        Option("eenzelfde_wijze", "De tien gemeenten treden binnen de contracten zoveel mogelijk op dezelfde manier op",
               "The ten municipalities act in the same way as much as possible within the contracts", True,
               "anders krijgt dezelfde aanbieder tien verschillende opdrachtgevers.",
               "otherwise the same provider faces ten different commissioners."),
        Option("intervisie_rechten", "Intervisie op de rechten en plichten van opdrachtgever en opdrachtnemer",
               "Intervision on the rights and duties of commissioner and contractor", True,
               "in gezamenlijke intervisie bespreken gemeenten concrete werksituaties en welke taken zij op welke termijn "
               "redelijkerwijs uitvoeren.",
               "in joint intervision municipalities discuss concrete work situations and which tasks they can reasonably "
               "carry out on what term."),
        Option("integraal", "Een integrale benadering met de gebiedsteams en Werkzaak Rivierenland",
               "An integrated approach with the area teams and Werkzaak Rivierenland", True,
               "zorg, welzijn en werk samen: dat onderbouwt een indicatie beter (bijeenkomst van 15 september).",
               "care, welfare and work together: that gives an indication a better basis (meeting of 15 September)."),
        Option("eigen_producten", "Elke gemeente maakt haar eigen productomschrijvingen", "Each municipality writes its own "
               "product descriptions", False,
               "juist de verschillen tussen gemeenten in het toewijzen van producten waren het probleem.",
               "the differences between municipalities in assigning products were exactly the problem."),
        Option("alleen_prijs", "Alleen sturen op de laagste prijs", "Steering on the lowest price only", False,
               "goed opdrachtgeverschap weegt kwaliteit, continuïteit van zorg en werkgelegenheid in de regio mee.",
               "good commissioning weighs quality, continuity of care and employment in the region too."),
    )),
    Question("result_evaluation",
             "Wie stelt vast of het afgesproken resultaat is behaald?",
             "Who establishes whether the agreed result has been achieved?", (
        Option("gezin_en_team", "Het gezin en de lokale toegang (het team dat het resultaat afsprak), met gegevens van "
               "buiten de aanbieder", "The family and the local access team (who agreed the result), with data from "
               "outside the provider", True,
               "wie het resultaat afspreekt, stelt het ook vast; school- of politiegegevens maken het toetsbaar.",
               "those who agree the result also establish it; school or police data make it verifiable."),
        Option("aanbieder_alleen", "De aanbieder, want die kent het gezin het best", "The provider, because it knows the "
               "family best", False,
               "de aanbieder wordt op het resultaat betaald: alleen zijn eigen oordeel is een slager die zijn eigen vlees keurt.",
               "the provider is paid on the result: its judgement alone means marking its own homework."),
        Option("inkoop", "De inkoopafdeling van de gemeente, op basis van de facturen", "The municipality's purchasing "
               "department, from the invoices", False,
               "facturen tonen wat er geleverd is, niet wat het gezin heeft bereikt.",
               "invoices show what was delivered, not what the family achieved."),
    )),
    Question("result_variant",
             "Via welke uitvoeringsvariant van de iStandaarden kan de aanbieder dit resultaatcontract factureren?",
             "Through which iStandaarden execution variant can the provider invoice this results contract?", (
        Option("output", "Outputgericht: een prijs per traject voor het resultaatgebied", "Output-based: a price per "
               "trajectory for the result area", True,
               "resultaatgericht inkopen wordt meestal gefactureerd via de output- of de taakgerichte variant.",
               "results-oriented purchasing is usually invoiced through the output- or the task-based variant."),
        Option("taak", "Taakgericht: een budget voor een taak of populatie", "Task-based: a budget for a task or population",
               True, "ook dat kan: het resultaat wordt dan in de afspraken over het budget vastgelegd.",
               "that works too: the result is then laid down in the agreements on the budget."),
        Option("resultaat", "Resultaatgericht: de vierde variant", "Results-oriented: the fourth variant", False,
               "de iStandaarden kennen drie varianten (inspanningsgericht, outputgericht, taakgericht); resultaatgericht "
               "is een manier van contracteren binnen die varianten.",
               "the iStandaarden define three variants (effort-, output- and task-based); results-oriented is a way of "
               "contracting within those variants."),
        Option("inspanning", "Inspanningsgericht: per uur", "Effort-based: per hour", False,
               "dan betaalt u weer per uur, en niet voor het resultaat.", "then you pay per hour again, not for the result."),
    )),
    Question("result_risks",
             "Welke risico's horen bij betalen op resultaat, en hoe vangt u ze op?",
             "Which risks come with paying for results, and how do you handle them?", (
        Option("selectie", "Aanbieders mijden gezinnen met weinig kans op succes: werk met zwaarteklassen of een "
               "malus die niet te hoog is", "Providers avoid families with little chance of success: use severity "
               "classes or a malus that is not too high", True,
               "een hoge malus maakt een moeilijk gezin een financieel risico voor de aanbieder.",
               "a high malus turns a difficult family into a financial risk for the provider."),
        Option("meetbaar_maar_leeg", "Er wordt gestuurd op wat makkelijk te meten is: koppel het resultaat aan wat het "
               "gezin zelf wil", "People steer on what is easy to measure: tie the result to what the family itself wants",
               True, "een meetbaar resultaat dat niets met de vraag van het gezin te maken heeft, helpt niemand.",
               "a measurable result unrelated to the family's request helps nobody."),
        Option("uren_tellen", "Het risico is dat aanbieders te veel uren maken", "The risk is that providers deliver "
               "too many hours", False,
               "dat is de prikkel van P x Q; onder resultaatbekostiging levert een extra uur niets extra op.",
               "that is the P x Q incentive; under results-based pay an extra hour earns nothing extra."),
    )),
)}


# ---- lesson 3: goed opdrachtgeverschap in de regio ---------------------------------------------------------
MEASURES = {"pct_agreement": ("percentage overeenstemming", "percentage agreement"),
            "fleiss_kappa": ("Fleiss' kappa", "Fleiss' kappa"),
            "pairwise_agreement": ("paarsgewijze overeenstemming", "pairwise agreement")}


def check_agreement(answer: object, ratings: pd.DataFrame, measure: str = "fleiss_kappa",
                    category_col: str = "product", tolerance: float = 0.01) -> Feedback:
    """Lesson 3: an agreement figure the student computed for a ratings table (one row per rater and case)."""
    if measure not in MEASURES:
        from zorglab.core.errors import UnknownNameError

        raise UnknownNameError("agreement measure", measure, MEASURES)
    value, problem = _number(answer, MEASURES[measure][0], MEASURES[measure][1])
    if problem:
        return _feedback([problem])
    stats = agreement_summary(ratings, category_col=category_col)
    expected = stats[measure]
    name_nl, name_en = MEASURES[measure]
    shown = format_number(expected, 2)
    if _close(value, expected, tolerance):
        return _feedback([Line(True, f"De {name_nl} is {shown}.", f"The {name_en} is {shown}.")])
    if measure != "fleiss_kappa" and _close(value / 100, expected, tolerance):
        return _feedback([Line(True, f"{format_number(value, 1)}% = {shown}: goed (als percentage).",
                               f"{format_number(value, 1)}% = {shown}: right (as a percentage).")])
    for other, (o_nl, o_en) in MEASURES.items():
        if other != measure and _close(value, stats[other], tolerance):
            return _feedback([Line(False, f"{format_number(value, 2)} is de {o_nl}, niet de {name_nl} ({shown}).",
                                   f"{format_number(value, 2)} is the {o_en}, not the {name_en} ({shown}).")])
    if measure == "fleiss_kappa" and not -1.0 <= value <= 1.0:
        return _feedback([Line(False, f"Kappa ligt altijd tussen −1 en 1; {format_number(value, 2)} kan niet. Juist: {shown}.",
                               f"Kappa is always between −1 and 1; {format_number(value, 2)} is impossible. Right: {shown}.")])
    how_nl = ("kappa = (P̄ − Pe) / (1 − Pe): de gemiddelde paarsgewijze overeenstemming "
              f"({format_number(stats['pairwise_agreement'], 2)}) gecorrigeerd voor toeval" if measure == "fleiss_kappa"
              else "tel per casus het aandeel beoordelaars dat het meest gekozen product koos, en neem het gemiddelde")
    how_en = ("kappa = (P̄ − Pe) / (1 − Pe): the mean pairwise agreement "
              f"({format_number(stats['pairwise_agreement'], 2)}) corrected for chance" if measure == "fleiss_kappa"
              else "per case take the share of raters choosing the most chosen product, then average")
    return _feedback([Line(False, f"{format_number(value, 2)} klopt niet; de {name_nl} is {shown}. Hoe: {how_nl}.",
                           f"{format_number(value, 2)} is not right; the {name_en} is {shown}. How: {how_en}.")])


def break_even_tariff_factor(caseload: pd.DataFrame, tolerance: float = 1e-4, **model_params: float) -> float:
    """Lowest tariff factor from which a P x Q provider makes a profit, within the factor's bounds.

    Revenue is not proportional to the factor: at a lower tariff the provider delivers fewer hours and turns
    away clients it loses money on, so cost over revenue at today's tariffs is only an approximation. A
    provider that turns everybody away has no margin at all; that is not breaking even, so the search steps
    down from the highest factor until the provider no longer profits, then bisects.
    """
    params = {k: v for k, v in model_params.items() if k != "tariff_factor"}

    def profitable(factor: float) -> bool:
        return make_model("pxq", tariff_factor=factor, **params).evaluate(caseload).provider_margin > 0

    lo_bound, hi_bound = InspanningsModel.param["tariff_factor"].bounds
    hi = float(hi_bound)
    if not profitable(hi):
        return hi
    lo = hi
    while lo > lo_bound:
        lo = max(float(lo_bound), lo - 0.05)
        if not profitable(lo):
            break
        hi = lo
    else:
        return float(lo_bound)  # profitable even at the lowest factor
    while hi - lo > tolerance:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if profitable(mid) else (mid, hi)
    return (lo + hi) / 2


def check_break_even(answer: object, caseload: pd.DataFrame, tolerance: float = 0.01, **model_params: float) -> Feedback:
    """Lesson 3: the lowest tariff factor at which the provider does not lose money under P x Q."""
    value, problem = _number(answer, "de tarieffactor", "the tariff factor")
    if problem:
        return _feedback([problem])
    if value > 5:  # typed as a percentage (95 for 0,95)
        value /= 100
    expected = break_even_tariff_factor(caseload, **model_params)
    shown = format_number(expected, 2)
    params = {k: v for k, v in model_params.items() if k != "tariff_factor"}
    res = make_model("pxq", tariff_factor=min(max(value, 0.5), 1.5), **params).evaluate(caseload)
    margin = f"{format_eur(res.provider_margin, 0)} ({format_pct(res.margin_pct)})"
    if _close(value, expected, tolerance):
        return _feedback([Line(True, f"Bij factor {shown} zijn opbrengst en kosten gelijk: marge {margin}.",
                               f"At factor {shown} revenue equals cost: margin {margin}.")])
    today = make_model("pxq", tariff_factor=1.0, **params).evaluate(caseload)
    shortcut = today.provider_cost / today.provider_revenue
    if _close(value, shortcut, tolerance) and not _close(shortcut, expected, tolerance):
        return _feedback([Line(False, f"{format_number(value, 2)} is kosten gedeeld door opbrengst bij de huidige tarieven. "
                               "Dat klopt alleen als de aanbieder bij elk tarief evenveel levert; bij een lager tarief "
                               f"levert hij minder uren en weigert hij verliesgevende cliënten. Break-even: {shown}.",
                               f"{format_number(value, 2)} is cost over revenue at today's tariffs. That only holds if the "
                               "provider delivers the same at every tariff; at a lower tariff it delivers fewer hours and "
                               f"turns away loss-making clients. Break-even: {shown}.")])
    if value > expected:
        return _feedback([Line(False, f"Bij {format_number(value, 2)} maakt de aanbieder nog winst ({margin}); het break-evenpunt "
                               f"ligt lager, bij {shown}.", f"At {format_number(value, 2)} the provider still makes a profit "
                               f"({margin}); break-even is lower, at {shown}.")])
    return _feedback([Line(False, f"Bij {format_number(value, 2)} lijdt de aanbieder verlies ({margin}): risico voor de "
                           f"continuïteit. Het break-evenpunt ligt bij {shown}.", f"At {format_number(value, 2)} the provider "
                           f"loses money ({margin}): a continuity risk. Break-even is at {shown}.")])


# ---- lesson 4: proeftuin, de bewoner centraal ---------------------------------------------------------------
MUNICIPAL_PAYERS = ("Wmo", "Jeugdwet", "Participatiewet", "Wgs")  # the municipality's budgets in the price list
ROLES = ("investeerder", "incasseerder", "neutraal")
ROLE_LABELS = {"investeerder": ("investeerder (betaalt meer)", "investor (pays more)"),
               "incasseerder": ("incasseerder (bespaart)", "beneficiary (saves)"),
               "neutraal": ("neutraal", "neutral")}


def check_net_saving(answer: object, case: Case, calculator: EffectCalculator | None = None) -> Feedback:
    """Lesson 4: the saving of the new way summed over ALL payers (the societal view, not one budget)."""
    per_payer = (calculator or EffectCalculator()).per_payer([case]).set_index("payer")
    expected = float(per_payer["saving"].sum())
    parts = " + ".join(f"{p} {format_eur(s, 0)}" for p, s in per_payer["saving"].items() if abs(s) > 0.005)
    municipal = float(per_payer.loc[list(MUNICIPAL_PAYERS), "saving"].sum())
    traps: dict[float, tuple[str, str]] = {
        -expected: ("het teken is omgedraaid: besparing = oude aanpak − nieuwe aanpak.",
                    "the sign is flipped: saving = old way − new way."),
        municipal: ("dat is alleen de gemeente; tel alle betalers op.", "that is only the municipality; add up all payers."),
    }
    best = per_payer["saving"].idxmax()
    traps.setdefault(float(per_payer.loc[best, "saving"]),
                     (f"dat is alleen de besparing van {best}; tel ook de meerkosten van de anderen mee.",
                      f"that is only {best}'s saving; include the others' extra costs too."))
    traps.pop(expected, None)
    return check_amount(answer, expected, parts or "0", parts or "0", traps=traps)


def who_pays_groups(cases: Iterable[Case] | None = None,
                    calculator: EffectCalculator | None = None) -> dict[str, list[str]]:
    """The Oss cases split by who gains: the nuance behind 'the municipality pays more'.

    'investeert': cheaper across all payers, but the municipality's budgets (Wmo, Jeugdwet, Participatiewet, Wgs)
    pay more — the wrong-pocket case; 'bespaart_ook': the municipality saves too; 'duurder': the new way costs
    more across all payers (chosen for the resident's wellbeing, not for money).
    """
    from zorglab.domain.cases import cases_for_region

    pool = list(cases) if cases is not None else cases_for_region("Oss")
    calc = calculator or EffectCalculator()
    groups: dict[str, list[str]] = {"investeert": [], "bespaart_ook": [], "duurder": []}
    for case in pool:
        per_payer = calc.per_payer([case]).set_index("payer")["saving"]
        total, municipal = float(per_payer.sum()), float(per_payer[list(MUNICIPAL_PAYERS)].sum())
        key = "duurder" if total < 0 else "bespaart_ook" if municipal >= 0 else "investeert"
        groups[key].append(case.case_id)
    return groups


def who_funds_question(cases: Iterable[Case] | None = None, calculator: EffectCalculator | None = None) -> Question:
    """Lesson 4, exercise 'who pays?': the prompt states, per group of Oss cases, who gains (from the calculator)."""
    g = who_pays_groups(cases, calculator)
    n = sum(len(v) for v in g.values())
    ids = lambda key: ", ".join(g[key]) or "–"  # noqa: E731
    prompt_nl = (f"De nieuwe aanpak is niet overal hetzelfde verhaal. Van de {n} Oss-casussen is hij in "
                 f"{len(g['investeert'])} over alle betalers goedkoper terwijl de gemeente meer betaalt ({ids('investeert')}); "
                 f"in {len(g['bespaart_ook'])} bespaart de gemeente zelf ook ({ids('bespaart_ook')}); in {len(g['duurder'])} "
                 f"is hij over alle betalers duurder ({ids('duurder')}). Wie zou de oplossing moeten bekostigen?")
    prompt_en = (f"The new way is not the same story everywhere. Of the {n} Oss cases it is cheaper across all payers "
                 f"while the municipality pays more in {len(g['investeert'])} ({ids('investeert')}); in "
                 f"{len(g['bespaart_ook'])} the municipality saves too ({ids('bespaart_ook')}); in {len(g['duurder'])} it "
                 f"costs more across all payers ({ids('duurder')}). Who should fund the solution?")
    return Question("who_funds", prompt_nl, prompt_en, (
        Option("gezamenlijk", "Waar de gemeente investeert en anderen besparen: gemeente en incasseerders samen, via een "
               "gezamenlijk budget of afspraak", "Where the municipality invests and others save: municipality and "
               "beneficiaries together, through a pooled budget or agreement", True,
               "wie de besparing incasseert, betaalt mee: zo verdwijnt het 'wrong pocket'-probleem.",
               "whoever collects the saving contributes: that removes the wrong-pocket problem."),
        Option("eigen_besparing", "Waar de gemeente zelf ook bespaart: de gemeente kan de oplossing uit haar eigen "
               "besparing betalen", "Where the municipality saves too: it can pay for the solution out of its own saving",
               True, "daar is er voor de gemeente geen 'wrong pocket'; wel kan de besparing in een ander jaar of een ander "
               "gemeentelijk budget vallen dan de uitgave.",
               "there is no wrong pocket for the municipality; the saving may still fall in another year or another "
               "municipal budget than the spending."),
        Option("duurder_keuze", "Waar de nieuwe aanpak duurder is: de betalers wegen samen of de winst voor de bewoner de "
               "meerkosten waard is", "Where the new way costs more: the payers weigh together whether the gain for the "
               "resident is worth the extra cost", True,
               "de effectenarena telt ook effecten die niet in euro's zijn; de calculator laat alleen het geld zien.",
               "the effects arena also counts effects that are not in euros; the calculator only shows the money."),
        Option("gemeente_alleen", "Alleen de gemeente, want daar zit de hulp", "Only the municipality, because that is where "
               "the help is", False,
               "dan draagt de gemeente de kosten en ziet zij de opbrengst elders nooit terug; de oplossing stopt na de pilot.",
               "then the municipality carries the cost and never sees the return elsewhere; the solution stops after the pilot."),
        Option("niet_doen", "Niet doen zodra de gemeente meer betaalt", "Don't do it as soon as the municipality pays more",
               False, "de bewoner en de samenleving winnen vaak; het probleem is de verdeling, niet de oplossing.",
               "the resident and society often gain; the problem is the split, not the solution."),
    ))
