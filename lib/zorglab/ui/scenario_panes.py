"""Pieces of the scenario explorer that turn library results into HTML and plots (no state of their own).

Why separate functions: the view only decides *when* to redraw; *what* is drawn is plain, testable
Python on a ``ScenarioResult`` and always formatted the Dutch way (``format_eur``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from functools import partial

import numpy as np
import pandas as pd
import panel as pn
from bokeh.models import ColumnDataSource, FactorRange, HoverTool
from bokeh.models.annotations import LegendItem, Title
from bokeh.plotting import figure
from bokeh.transform import dodge
from panel.io.document import unlocked

from zorglab.core.axis_format import eur_axis
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.domain.scenario_result import INDICATOR_UNITS, ScenarioResult
from zorglab.domain.vocabulary import RiskLevel
from zorglab.services.labels import risk_label
from zorglab.services.scenario_tables import incentive_table, spend_table, summary_table
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import BASELINE_COLOR, GREY, SCENARIO_COLOR, change_class


def signed(diff: float, fmt: Callable[[float], str]) -> str:
    """'+ € 1.234' / '− € 1.234' / '± € 0': a difference reads better with an explicit sign."""
    sign = "+ " if diff > 0 else "− " if diff < 0 else "± "
    return sign + fmt(abs(diff))


def eur0(value: float) -> str:
    return format_eur(value, 0)


def format_indicator(key: str, value: float | str, language: str = "nl") -> str:
    """One indicator value as Dutch users read it (money, percentage, risk word, count or score)."""
    if key == "continuity_risk":
        return risk_label(str(value), language)
    unit = INDICATOR_UNITS.get(key)
    if unit == "EUR":
        return eur0(float(value))
    if unit == "share":
        return format_pct(float(value))
    if key.startswith("wellbeing"):
        return format_number(float(value), 2)
    return format_number(float(value))


def _card(label: str, value: str, base_line: str, warn: bool = False, hidden: bool = False, key: str = "") -> str:
    cls = "zl-kpi" + (" zl-warn" if warn else "") + (" zl-hidden" if hidden else "")
    return (f'<div class="{cls}" role="status" aria-label="{html.escape(label)}" data-kpi="{key}">'
            f"<h3>{html.escape(label)}</h3><div class=\"zl-value\">{html.escape(value)}</div>"
            f'<div class="zl-base">{base_line}</div></div>')


def kpi_html(res: ScenarioResult, language: str = "nl", hidden: bool = False) -> str:
    """The headline numbers: spend (total and per inhabitant), provider margin, clients served/waiting, wellbeing
    (scenario vs baseline)."""
    m = res.metrics()
    base_word = tr("baseline_short", language)
    cards = []

    def card(key: str, label: str, fmt: Callable[[float], str], higher_is_worse: bool, extra: str = "",
             warn: bool = False) -> None:
        base, scen = float(m[key]["baseline"]), float(m[key]["scenario"])
        if hidden:
            line = f"{base_word} {html.escape(fmt(base))} · {html.escape(tr('hidden_note', language))}"
            cards.append(_card(label, tr("hidden_value", language), line, hidden=True, key=key))
            return
        diff = scen - base
        rel = f" ({signed(diff / base, format_pct)})" if base else ""
        line = (f"{base_word} {html.escape(fmt(base))} · <span class=\"{change_class(diff, higher_is_worse)}\">"
                f"{html.escape(signed(diff, fmt))}{html.escape(rel)}</span>{extra}")
        cards.append(_card(label, fmt(scen), line, warn=warn, key=key))

    labels = {k: tr(f"kpi_{k}", language) for k in KPIS}
    card("municipal_spend", labels["municipal_spend"], eur0, True)
    card("spend_per_inhabitant", labels["spend_per_inhabitant"], eur0, True)
    risk = str(m["continuity_risk"]["scenario"])
    risk_text = (f"<br>{html.escape(tr('margin_word', language))} {html.escape(format_pct(res.result.margin_pct))} · "
                 f"{html.escape(tr('continuity_risk_word', language))}: "
                 f"<strong>{html.escape(format_indicator('continuity_risk', risk, language))}</strong>")
    card("provider_margin", labels["provider_margin"], eur0, False, "" if hidden else risk_text,
         warn=risk != RiskLevel.LOW and not hidden)
    waiting = int(m["clients_waiting"]["scenario"])
    wait_text = f"<br>{html.escape(tr('waiting_word', language))}: <strong>{format_number(waiting)}</strong>"
    card("clients_served", labels["clients_served"], format_number, False, "" if hidden else wait_text,
         warn=waiting > 0 and not hidden)
    card("wellbeing_after", labels["wellbeing_after"], lambda v: format_number(v, 2), False)
    return '<div class="zl-kpis">' + "".join(cards) + "</div>"


# The headline cards, in order; their words are explorer.kpi_<key>.
KPIS = ("municipal_spend", "spend_per_inhabitant", "provider_margin", "clients_served", "wellbeing_after")


def html_table(df: pd.DataFrame, text: bool = False) -> str:
    """An accessible HTML table; ``text=True`` left-aligns every column (prose instead of numbers)."""
    classes = "zl-table zl-text" if text else "zl-table"
    esc = html.escape
    # Written directly: pandas' to_html costs milliseconds per table on every slider step.
    head = "".join(f"<th>{esc(str(c))}</th>" for c in df.columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
                   for row in df.itertuples(index=False, name=None))
    # The wrapper scrolls sideways on a narrow screen, so the table never widens the page.
    return (f'<div class="zl-scroll"><table class="{classes}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def summary_display(res: ScenarioResult, language: str = "nl", hidden: bool = False) -> pd.DataFrame:
    """All indicators, formatted: indicator, baseline, scenario, difference."""
    table = summary_table(res, language)
    rows = []
    for r in table.itertuples():
        base, scen = format_indicator(r.indicator, r.baseline, language), format_indicator(r.indicator, r.scenario, language)
        if r.indicator == "continuity_risk":
            diff = "" if base == scen else f"{base} → {scen}"
        else:
            key = str(r.indicator)
            diff = signed(float(r.scenario) - float(r.baseline), partial(format_indicator, key, language=language))
        rows.append((r.label, base, "?" if hidden else scen, "?" if hidden else diff))
    return pd.DataFrame(rows, columns=[tr("indicator", language), tr("baseline", language),
                                       tr("scenario", language), tr("difference", language)])


def spend_display(res: ScenarioResult, language: str = "nl", hidden: bool = False,
                  table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The spend table formatted; ``table`` is ``spend_table(res, language)`` when the caller already has it."""
    t = spend_table(res, language) if table is None else table
    return pd.DataFrame({
        tr("line", language): t["label"],
        tr("baseline", language): t["baseline_eur"].map(eur0),
        tr("scenario", language): ["?" if hidden else eur0(v) for v in t["scenario_eur"]],
        tr("difference", language): ["?" if hidden else signed(v, eur0) for v in t["difference_eur"]],
    })


def incentive_display(res: ScenarioResult, language: str = "nl", hidden: bool = False) -> pd.DataFrame:
    t = incentive_table(res, language)
    return pd.DataFrame({
        tr("incentives", language): t["label"],
        tr("baseline", language): t["baseline_eur"].map(eur0),
        tr("scenario", language): ["?" if hidden else eur0(v) for v in t["scenario_eur"]],
    })


def tables_html(res: ScenarioResult, language: str = "nl", hidden: bool = False,
                spend: pd.DataFrame | None = None) -> str:
    """Spend per law and the provider's incentive side by side (stacked on a narrow screen), then all indicators.

    One HTML block for the three tables: a slider step updates one pane instead of three.
    """
    def block(key: str, table: pd.DataFrame, cls: str = "") -> str:
        return f'<section class="{cls}"><h3>{html.escape(tr(key, language))}</h3>{html_table(table)}</section>'

    return ('<div class="zl-tables">'
            + block("spend_per_law", spend_display(res, language, hidden, table=spend), "zl-wide")
            + block("incentives", incentive_display(res, language, hidden))
            + "</div>" + block("summary", summary_display(res, language, hidden)))


def chart_text(title: str, categories: Sequence[str], a: Sequence[float] | np.ndarray, b: Sequence[float] | np.ndarray,
               labels: tuple[str, str], hide_b: bool = False) -> str:
    """The chart's key numbers in one sentence: its text alternative for screen readers and for readers.

    Predict mode hides the second series here too (``?``), as in the chart and its tooltip.
    """
    parts = [f"{cat}: {labels[0]} {eur0(x)}, {labels[1]} {'?' if hide_b else eur0(y)}"
             for cat, x, y in zip(categories, a, b, strict=True)]
    return (f"<p class='zl-chart-alt' style='font-size:14px;color:{GREY};margin:2px 0 8px'>"
            f"{html.escape(title + ' — ' + '; '.join(parts) + '.')}</p>")


class PairedBars:
    """Horizontal bars, two per category (e.g. baseline vs scenario); the data changes, the figure stays.

    Why a long-lived figure: replacing only ``source.data`` keeps a slider round trip fast.
    """

    def __init__(self, title: str = "", height: int = 320):
        self.source = ColumnDataSource({"cat": [], "a": [], "b": [], "a_txt": [], "b_txt": []})
        self._range = FactorRange()  # kept typed: the figure's y_range is this factor range
        self._title = Title(text=title)
        self.fig = figure(y_range=self._range, height=height, sizing_mode="stretch_width", title=self._title,
                          toolbar_location=None, tools="")
        self.fig.hbar(y=dodge("cat", 0.18, range=self.fig.y_range), right="a", height=0.34, source=self.source,
                      color=BASELINE_COLOR, legend_label="a", name="a")
        self.fig.hbar(y=dodge("cat", -0.18, range=self.fig.y_range), right="b", height=0.34, source=self.source,
                      color=SCENARIO_COLOR, legend_label="b", name="b")
        self._hover = HoverTool(tooltips=[("", "@cat"), ("a", "@a_txt"), ("b", "@b_txt")])
        self.fig.add_tools(self._hover)
        self._labels: tuple = ()
        # the text alternative, shown under the chart (the table with the same numbers follows on the same tab)
        self.alt = pn.pane.HTML("", sizing_mode="stretch_width", margin=(0, 10))
        self.fig.legend.location = "bottom_right"
        self.fig.ygrid.grid_line_color = None
        self.fig.xaxis.formatter = eur_axis()
        self._title.text_font_size = "15px"
        self.fig.axis.major_label_text_font_size = "13px"

    def update(self, categories: Sequence[str], a: Sequence[float], b: Sequence[float], labels: tuple[str, str],
               title: str, hide_b: bool = False) -> None:
        cats = list(categories)[::-1]  # first category on top
        a_vals, b_vals = np.asarray(a, float)[::-1], np.asarray(b, float)[::-1]
        if hide_b:
            b_vals = np.zeros_like(b_vals)
        # Button callbacks run outside Bokeh's document lock; Panel's `unlocked` dispatches raw model edits safely.
        with unlocked():
            self._apply(cats, a_vals, b_vals, labels, title, hide_b)

    def _apply(self, cats: list[str], a_vals: np.ndarray, b_vals: np.ndarray, labels: tuple[str, str], title: str,
               hide_b: bool) -> None:
        if list(self._range.factors) != cats:
            self._range.factors = cats
        self.alt.object = chart_text(title, cats[::-1], a_vals[::-1], b_vals[::-1], labels, hide_b)
        self.source.data = {"cat": cats, "a": a_vals, "b": b_vals, "a_txt": [eur0(v) for v in a_vals],
                            "b_txt": ["?" if hide_b else eur0(v) for v in b_vals]}
        if self._labels != (labels, title, hide_b):  # touch the figure only when the words change
            self._labels = (labels, title, hide_b)
            first, second = (item for item in self.fig.legend.items if isinstance(item, LegendItem))
            first.label = {"value": labels[0]}
            second.label = {"value": labels[1] + (" (?)" if hide_b else "")}
            self._hover.tooltips = [("", "@cat"), (labels[0], "@a_txt"), (labels[1], "@b_txt")]
            self._title.text = title


