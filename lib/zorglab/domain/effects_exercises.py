"""Lesson 4 (Proeftuin: the resident first): the saving across all payers and who should fund the solution,
from the effectencalculator. Messages: ``messages/feedback.toml``; the 'who funds' question is question-bank
content (``question_bank``), its figures computed here.
"""

from __future__ import annotations

from collections.abc import Iterable

from zorglab.core.formatting import format_eur
from zorglab.domain.cases import Case
from zorglab.domain.effects import EffectCalculator
from zorglab.domain.feedback import Feedback, Joined, Term
from zorglab.domain.provision_exercises import check_amount
from zorglab.domain.question_bank import Option, Question
from zorglab.domain.vocabulary import Payer

MUNICIPAL_PAYERS = tuple(p.value for p in Payer if p.municipal)  # the municipality's budgets in the price list


def payer_short(payer: str) -> Term:
    """A payer as named in a sentence (the law's name; 'housing/police' for the others)."""
    return Term(f"domain.payer_short_{Payer.parse(payer).value}")


def check_net_saving(answer: object, case: Case, calculator: EffectCalculator | None = None) -> Feedback:
    """Lesson 4: the saving of the new way summed over ALL payers (the societal view, not one budget)."""
    per_payer = (calculator or EffectCalculator()).per_payer([case]).set_index("payer")
    expected = float(per_payer["saving"].sum())
    parts = Joined([Term("feedback.payer_amount", {"payer": payer_short(p), "amount": format_eur(s, 0)})
                    for p, s in per_payer["saving"].items() if abs(s) > 0.005], " + ")
    municipal = float(per_payer.loc[list(MUNICIPAL_PAYERS), "saving"].sum())
    traps: dict[float, Term] = {-expected: Term("feedback.trap_sign_flipped"),
                                municipal: Term("feedback.trap_only_municipality")}
    best = per_payer["saving"].idxmax()
    traps.setdefault(float(per_payer.loc[best, "saving"]), Term("feedback.trap_only_one_payer", {"payer": payer_short(best)}))
    traps.pop(expected, None)
    return check_amount(answer, expected, parts if parts.items else "0", traps=traps)


def who_pays_groups(cases: Iterable[Case] | None = None,
                    calculator: EffectCalculator | None = None) -> dict[str, list[str]]:
    """The Oss cases split by who gains: the nuance behind 'the municipality pays more'.

    'municipality_invests': cheaper across all payers, but the municipality's budgets (Wmo, Jeugdwet, Participatiewet, Wgs)
    pay more — the wrong-pocket case; 'municipality_saves_too': the municipality saves too; 'costs_more': the new way costs
    more across all payers (chosen for the resident's wellbeing, not for money).
    """
    from zorglab.domain.cases import cases_for_region

    pool = list(cases) if cases is not None else cases_for_region("Oss")
    calc = calculator or EffectCalculator()
    groups: dict[str, list[str]] = {"municipality_invests": [], "municipality_saves_too": [], "costs_more": []}
    for case in pool:
        per_payer = calc.per_payer([case]).set_index("payer")["saving"]
        total, municipal = float(per_payer.sum()), float(per_payer[list(MUNICIPAL_PAYERS)].sum())
        key = "costs_more" if total < 0 else "municipality_saves_too" if municipal >= 0 else "municipality_invests"
        groups[key].append(case.case_id)
    return groups


def who_funds_question(cases: Iterable[Case] | None = None, calculator: EffectCalculator | None = None) -> Question:
    """Lesson 4, exercise 'who pays?': the prompt states, per group of Oss cases, who gains (from the calculator)."""
    g = who_pays_groups(cases, calculator)
    n = sum(len(v) for v in g.values())
    ids = lambda key: ", ".join(g[key]) or "–"  # noqa: E731
    prompt_nl = (f"De nieuwe aanpak is niet overal hetzelfde verhaal. Van de {n} Oss-casussen is hij in "
                 f"{len(g['municipality_invests'])} over alle betalers goedkoper terwijl de gemeente meer betaalt ({ids('municipality_invests')}); "
                 f"in {len(g['municipality_saves_too'])} bespaart de gemeente zelf ook ({ids('municipality_saves_too')}); in {len(g['costs_more'])} "
                 f"is hij over alle betalers duurder ({ids('costs_more')}). Wie zou de oplossing moeten bekostigen?")
    prompt_en = (f"The new way is not the same story everywhere. Of the {n} Oss cases it is cheaper across all payers "
                 f"while the municipality pays more in {len(g['municipality_invests'])} ({ids('municipality_invests')}); in "
                 f"{len(g['municipality_saves_too'])} the municipality saves too ({ids('municipality_saves_too')}); in {len(g['costs_more'])} it "
                 f"costs more across all payers ({ids('costs_more')}). Who should fund the solution?")
    return Question("who_funds", prompt_nl, prompt_en, (
        Option("joint", "Waar de gemeente investeert en anderen besparen: gemeente en incasseerders samen, via een "
               "gezamenlijk budget of afspraak", "Where the municipality invests and others save: municipality and "
               "beneficiaries together, through a pooled budget or agreement", True,
               "wie de besparing incasseert, betaalt mee: zo verdwijnt het 'wrong pocket'-probleem.",
               "whoever collects the saving contributes: that removes the wrong-pocket problem."),
        Option("own_saving", "Waar de gemeente zelf ook bespaart: de gemeente kan de oplossing uit haar eigen "
               "besparing betalen", "Where the municipality saves too: it can pay for the solution out of its own saving",
               True, "daar is er voor de gemeente geen 'wrong pocket'; wel kan de besparing in een ander jaar of een ander "
               "gemeentelijk budget vallen dan de uitgave.",
               "there is no wrong pocket for the municipality; the saving may still fall in another year or another "
               "municipal budget than the spending."),
        Option("weigh_together", "Waar de nieuwe aanpak duurder is: de betalers wegen samen of de winst voor de bewoner de "
               "meerkosten waard is", "Where the new way costs more: the payers weigh together whether the gain for the "
               "resident is worth the extra cost", True,
               "de effectenarena telt ook effecten die niet in euro's zijn; de calculator laat alleen het geld zien.",
               "the effects arena also counts effects that are not in euros; the calculator only shows the money."),
        Option("municipality_alone", "Alleen de gemeente, want daar zit de hulp", "Only the municipality, because that is where "
               "the help is", False,
               "dan draagt de gemeente de kosten en ziet zij de opbrengst elders nooit terug; de oplossing stopt na de pilot.",
               "then the municipality carries the cost and never sees the return elsewhere; the solution stops after the pilot."),
        Option("do_not", "Niet doen zodra de gemeente meer betaalt", "Don't do it as soon as the municipality pays more",
               False, "de bewoner en de samenleving winnen vaak; het probleem is de verdeling, niet de oplossing.",
               "the resident and society often gain; the problem is the split, not the solution."),
    ))

