"""The lessons' checks in one import (``from zorglab.domain import exercises as ex``): every check says what is right,
what is wrong and why.

Why the checks live in the domain: the expected answers are computed by the domain library (funding models,
agreement statistics, effectencalculator), never typed into a notebook, so the feedback stays true when tariffs or
cases change. Each check returns a ``Feedback`` of codes and values (``zorglab.domain.feedback``), worded through
the catalogue; it is falsy when the answer is wrong, but it always carries the reasons. The checks are in modules
by lesson: ``funding_exercises`` (1), ``provision_exercises`` (2), ``region_exercises`` (3), ``effects_exercises``
(4), ``results_process`` (5), ``casuistry`` (4), and the multiple-choice ``question_bank``.
"""

from __future__ import annotations

from zorglab.domain.agreement import agreement_summary
from zorglab.domain.effects_exercises import (
    MUNICIPAL_PAYERS,
    check_net_saving,
    who_funds_question,
    who_pays_groups,
)
from zorglab.domain.feedback import Content, Feedback, Line, ProductName, Term
from zorglab.domain.funding_exercises import (
    BEHAVIOURS,
    behaviour_text,
    check_extra_hour_margin,
    check_predictions,
    extra_hour_facts,
    extra_hour_prompt,
    extra_hour_question,
    observed_behaviour,
)
from zorglab.domain.provision_exercises import (
    check_amount,
    check_av_budget,
    check_av_budget_per_participant,
    check_indications,
    needs_indication,
)
from zorglab.domain.question_bank import QUESTIONS, Option, Question, check_choice
from zorglab.domain.region_exercises import (
    MEASURES,
    break_even_tariff_factor,
    check_agreement,
    check_break_even,
)

__all__ = [
    "BEHAVIOURS", "MEASURES", "MUNICIPAL_PAYERS", "QUESTIONS", "Content", "Feedback", "Line", "Option", "ProductName",
    "Question", "Term", "agreement_summary", "behaviour_text", "break_even_tariff_factor", "check_agreement",
    "check_amount", "check_av_budget", "check_av_budget_per_participant", "check_break_even", "check_choice",
    "check_extra_hour_margin", "check_indications", "check_net_saving", "check_predictions", "extra_hour_facts",
    "extra_hour_prompt", "extra_hour_question", "needs_indication", "observed_behaviour", "who_funds_question",
    "who_pays_groups",
]
