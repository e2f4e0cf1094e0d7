"""The sections of a region report, in report order: one module per section group, one ordered registry.

``SECTIONS`` is what ``RegionalReport.section_html`` (the notebook's ``show``) renders and whose tables
``RegionalReport.tables`` exports; see ``sections.base.Section`` for the interface.
"""

from __future__ import annotations

from zorglab.services.reports.sections import (
    agreement,
    conclusions,
    effects,
    methods,
    money,
    profile,
    scenario,
)
from zorglab.services.reports.sections.base import Section

SECTIONS: dict[str, Section] = {s.id: s for s in (
    profile.SECTION, money.SPEND, money.PROVIDERS, agreement.SECTION, effects.EFFECTS, effects.WELLBEING,
    scenario.SECTION, methods.SECTION, conclusions.SECTION,
)}

__all__ = ["SECTIONS", "Section"]
