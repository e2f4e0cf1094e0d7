"""Everything a lesson notebook uses, in one import: ``from zorglab.ui import lessons as L``.

Why a facade: a lesson cell stays one line per widget (``L.ChoiceExercise("continuity")``) while the code lives in
small modules by job: ``lesson_base`` (language, exercise frame, feedback), ``lesson_exercises``, ``lesson_labs``,
``lesson_region``, ``lesson_effects``, ``lesson_case_card``, ``lesson_explorer`` (views, here in ``zorglab.ui``) and
the tables and checks without Panel in ``zorglab.services.lesson_funding`` / ``lesson_provision`` /
``lesson_ratings`` / ``lesson_tables``. Lessons 4 and 5 also use ``lesson_casuistry`` and ``lesson_results``.
"""

from __future__ import annotations

from zorglab.services.effect_tables import payer_display
from zorglab.services.lesson_funding import compare_funding, funding_summary, param_labels
from zorglab.services.lesson_provision import (
    GP_LEVERS,
    av_last_year_spend,
    check_gp_budget,
    check_gp_per_participant,
    general_provision_display,
    gp_budget_prompt,
    gp_per_participant_prompt,
    scenario_key_figures,
    spend_display,
)
from zorglab.services.lesson_ratings import (
    agreement_display,
    ratings_display,
    ratings_with_student,
    room_ratings,
)
from zorglab.services.lesson_tables import (
    arena_key,
    catalogue_display,
    events_display,
    region_profile,
    steps_table,
)
from zorglab.ui.lesson_base import Exercise, Lesson, feedback_pane
from zorglab.ui.lesson_case_card import case_card
from zorglab.ui.lesson_effects import EffectCalculatorView, saving_plot
from zorglab.ui.lesson_exercises import AmountExercise, ChoiceExercise, IndicationExercise, PredictionExercise
from zorglab.ui.lesson_explorer import EmbeddedExplorer, scenario_explorer
from zorglab.ui.lesson_labs import ContinuityLab, FundingModelLab, GeneralProvisionLab, population_note
from zorglab.ui.lesson_region import RatingExercise, room_agreement

__all__ = [
    "GP_LEVERS", "AmountExercise", "ChoiceExercise", "ContinuityLab", "EffectCalculatorView", "EmbeddedExplorer",
    "Exercise", "FundingModelLab", "GeneralProvisionLab", "IndicationExercise", "Lesson", "PredictionExercise",
    "RatingExercise", "agreement_display", "av_last_year_spend", "case_card", "catalogue_display", "check_gp_budget",
    "check_gp_per_participant", "compare_funding", "events_display", "feedback_pane", "funding_summary",
    "general_provision_display", "gp_budget_prompt", "gp_per_participant_prompt", "param_labels", "payer_display",
    "population_note", "ratings_display", "ratings_with_student", "region_profile", "room_agreement", "room_ratings",
    "saving_plot", "scenario_explorer", "scenario_key_figures", "spend_display", "steps_table", "arena_key",
]
