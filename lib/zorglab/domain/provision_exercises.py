"""Lesson 2 (from individual support to a general provision): who still needs an indication, the consortium's
budget and the budget per participant; and ``check_amount``, the money check the other lessons use too.
Messages: ``messages/feedback.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping

from zorglab.core.formatting import format_eur, format_number
from zorglab.domain.catalogue import products
from zorglab.domain.feedback import Feedback, Line, ProductName, Term, close, feedback_of, line, read_number


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
    name = ProductName(code)
    if code in GENERAL_PROVISION_PRODUCTS:
        return False, line(True, "indication_general", name=name)
    if table.loc[code, "law"] == "Wmo":
        return True, line(True, "indication_wmo", name=name)
    return True, line(True, "indication_youth", name=name)


def check_indications(answers: Mapping[str, bool | None]) -> Feedback:
    """Lesson 2: for each product, does a client still need an indication after the change? (True = yes)."""
    if not answers:
        return feedback_of([line(False, "indication_none")])
    lines = []
    for code, said in answers.items():
        expected, why = needs_indication(code)
        if said is None:
            lines.append(line(False, "indication_unanswered", name=ProductName(code)))
        elif bool(said) == expected:
            lines.append(why)
        else:
            lines.append(line(False, "indication_said_yes" if said else "indication_said_no", why=why))
    return feedback_of(lines)


def check_amount(answer: object, expected: float, calculation: object, traps: Mapping[float, Term] | None = None,
                 tolerance: float = 0.5) -> Feedback:
    """A money answer against the library's figure; known wrong results get their own explanation.

    ``calculation`` shows how the figure is made (a formula as text, or a ``Term``)."""
    value = read_number(answer, Term("feedback.what_amount"))
    if isinstance(value, Line):
        return feedback_of([value])
    right = format_eur(expected, 0)
    if close(value, expected, tolerance):
        return feedback_of([line(True, "amount_right", expected=right, calc=calculation)])
    for trap, why in (traps or {}).items():
        if close(value, trap, tolerance):
            return feedback_of([line(False, "amount_trap", value=format_eur(value, 0), why=why, calc=calculation,
                                     expected=right)])
    return feedback_of([line(False, "amount_too_high" if value > expected else "amount_too_low",
                             value=format_eur(value, 0), calc=calculation, expected=right)])


def check_av_budget(answer: object, last_year_spend: float, budget_factor: float, participants: float | None = None,
                    cost_per_participant: float | None = None) -> Feedback:
    """Lesson 2: the consortium's budget = budget factor x what its clients cost under P x Q last year.

    The budget is fixed before the year; ``participants`` and ``cost_per_participant`` (optional) only name
    the mistake of answering with the consortium's cost instead of its budget.
    """
    expected = budget_factor * last_year_spend
    calc = f"{format_number(budget_factor, 2)} × {format_eur(last_year_spend, 0)}"
    traps: dict[float, Term] = {expected / 12: Term("feedback.trap_monthly")}
    if participants is not None and cost_per_participant is not None:
        traps[participants * cost_per_participant] = Term("feedback.trap_consortium_cost")
    if budget_factor != 1.0:
        traps[last_year_spend] = Term("feedback.trap_last_year")
    traps.pop(expected, None)
    return check_amount(answer, expected, calc, traps=traps, tolerance=max(1.0, 1e-3 * abs(expected)))


def check_av_budget_per_participant(answer: object, budget: float, moved_clients: float, new_participants: float,
                                    cost_per_participant: float | None = None) -> Feedback:
    """Lesson 2: budget per participant = fixed budget / (clients moved from maatwerk + new participants).

    More participants bring no more money, so the amount per participant falls as open access draws people
    in; when it drops below the provider's cost per participant the consortium can do less for each.
    """
    participants = moved_clients + new_participants
    expected = budget / participants if participants > 0 else 0.0
    calc = f"{format_eur(budget, 0)} / ({format_number(moved_clients)} + {format_number(new_participants)})"
    traps: dict[float, Term] = {budget: Term("feedback.trap_whole_budget")}
    if moved_clients > 0 and new_participants > 0:
        traps[budget / moved_clients] = Term("feedback.trap_only_moved")
    traps.pop(expected, None)
    fb = check_amount(answer, expected, calc, traps=traps, tolerance=max(0.5, 5e-3 * abs(expected)))
    if not fb or cost_per_participant is None:
        return fb
    key = "per_participant_short" if expected < cost_per_participant else "per_participant_covers"
    return feedback_of([*fb.lines, line(True, key, cost=format_eur(cost_per_participant, 0))])
