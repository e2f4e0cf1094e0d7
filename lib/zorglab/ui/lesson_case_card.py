"""A case card as the lessons show it: the resident's own words first ('ik wil, ik kan, ik heb nodig'), then
needs and current support. The case's content in each language comes from ``zorglab.domain.case_text``."""

from __future__ import annotations

import panel as pn

from zorglab.domain import case_text as ct
from zorglab.domain.cases import Case
from zorglab.ui.lesson_base import t


def case_card_markdown(case: Case, language: str = "nl", short: bool = False) -> str:
    lines = [f"### {case.case_id} — {case.title(language)}",
             f"*{ct.household(case, language)}* ({case.municipality})",
             f"- **{t('ik_wil', language)}:** {ct.ik_wil(case, language)}",
             f"- **{t('ik_kan', language)}:** {ct.ik_kan(case, language)}",
             f"- **{t('ik_heb_nodig', language)}:** {ct.ik_heb_nodig(case, language)}"]
    if not short:
        lines += [f"- **{t('needs', language)}:** {ct.needs_text(case, language)}",
                  f"- **{t('current_support', language)}:** {ct.support_text(case, language)}",
                  "", ct.context(case, language)]
    return "\n".join(lines)


def case_card(case: Case, language: str = "nl", short: bool = False) -> pn.pane.Markdown:
    """The card as a Markdown pane (``short``: the resident's words only)."""
    return pn.pane.Markdown(case_card_markdown(case, language, short), sizing_mode="stretch_width")
