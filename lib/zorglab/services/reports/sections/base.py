"""What every report section is: an id, the tables it exports, and how it renders.

Why a common interface: the notebook's ``show``, the exports (``RegionalReport.tables``) and the benchmarks
iterate the same ordered registry (``sections.SECTIONS``), so a new section is one module and one entry.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zorglab.services.reports import plots
from zorglab.services.reports.words import tr

if TYPE_CHECKING:
    from zorglab.services.reports.report import RegionalReport


def no_fields(report: RegionalReport) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Section:
    """One numbered part of the report; its title is the catalogue key ``reports.<id>_title``."""

    id: str
    tables: tuple[str, ...]  # RegionalReport attributes holding its tables, in export order
    body: Callable[[RegionalReport], str]  # the HTML under the heading
    title_fields: Callable[[RegionalReport], dict[str, Any]] = field(default=no_fields)

    def title(self, report: RegionalReport) -> str:
        return tr(f"{self.id}_title", report.language, **self.title_fields(report))

    def render(self, report: RegionalReport) -> str:
        """The section as HTML in the report's language: heading, then body."""
        return f"<h2>{html.escape(self.title(report))}</h2>{self.body(report)}"


def paragraph(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def table_with_plot(intro: Callable[[RegionalReport], str], table: str,
                    plot: Callable[[RegionalReport], Any | None],
                    no_plot: Callable[[RegionalReport], str] | None = None) -> Callable[[RegionalReport], str]:
    """Body of a section with an introduction, its one table and its plot (or what to say without one)."""
    def body(report: RegionalReport) -> str:
        parts = [paragraph(intro(report)), getattr(report, table).to_html()]
        chart = plot(report)
        if chart is not None:
            parts.append(plots.to_html(chart))
        elif no_plot is not None:
            parts.append(paragraph(no_plot(report)))
        return "".join(parts)
    return body
