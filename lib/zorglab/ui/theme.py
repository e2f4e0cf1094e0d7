"""Shared look of the zorglab apps: an accessible palette (WCAG AA on white) and a little CSS.

Why: trainers project the apps in bright rooms, so text colours keep a contrast ratio of at least
4.5:1 and numbers are large. Colours for baseline and scenario are distinguishable for the common
forms of colour blindness (blue vs orange).
"""

from __future__ import annotations

NAVY = "#12385b"  # headings, baseline bars (contrast 12:1 on white)
ORANGE = "#b35900"  # scenario bars and accents (contrast 4.6:1 on white)
GREEN = "#1d6b35"  # favourable change (7:1)
RED = "#a4161a"  # unfavourable change / warnings (8:1)
GREY = "#3a4350"  # secondary text (10:1)
BASELINE_COLOR = NAVY
# Okabe-Ito, darkest first (yellow last): categories told apart with the common forms of colour blindness.
SAFE_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#E69F00", "#56B4E9", "#F0E442"]
SCENARIO_COLOR = ORANGE

CSS = """
.zl-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 210px), 1fr)); gap: 12px;
           width: 100%; }
.zl-kpi { background: #fff; border-radius: 8px; padding: 10px 14px; box-shadow: 0 1px 3px rgba(0,0,0,.18);
          border-left: 6px solid #b35900; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.zl-kpi h3 { margin: 0 0 4px 0; font-size: 15px; font-weight: 600; color: #12385b; }
.zl-kpi .zl-value { font-size: 26px; font-weight: 700; color: #1b1f24; line-height: 1.2; }
.zl-kpi .zl-base { font-size: 14px; color: #3a4350; }
.zl-kpi .zl-up { color: #a4161a; font-weight: 600; }
.zl-kpi .zl-down { color: #1d6b35; font-weight: 600; }
.zl-kpi .zl-neutral { color: #3a4350; font-weight: 600; }
.zl-kpi.zl-warn { border-left-color: #a4161a; }
.zl-hidden .zl-value { color: #3a4350; letter-spacing: 2px; }
.zl-explain { font-size: 17px; line-height: 1.5; color: #1b1f24; }
/* Large numbers for the back of the room (the trainer's toggle puts zl-large on the cards' pane). */
:host(.zl-large) .zl-kpis { grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); gap: 16px; }
:host(.zl-large) .zl-kpi { padding: 14px 18px; }
:host(.zl-large) .zl-kpi h3 { font-size: 22px; }
:host(.zl-large) .zl-kpi .zl-value { font-size: 54px; }
:host(.zl-large) .zl-kpi .zl-base { font-size: 20px; }
/* Spend and incentive tables side by side when there is room, stacked on a projector or phone. */
.zl-tables { display: flex; flex-wrap: wrap; gap: 0 28px; }
.zl-tables > section { flex: 1 1 300px; min-width: 0; }
.zl-tables > section.zl-wide { flex-basis: 440px; }
section > h3 { font-size: 1.15em; color: #12385b; margin: 16px 0 6px 0; }
/* A wide table scrolls inside its own box on a phone instead of pushing the page past the right edge. */
.zl-scroll { max-width: 100%; overflow-x: auto; }
table.zl-table { border-collapse: collapse; font-size: 14px; font-family: system-ui, sans-serif; }
table.zl-table th, table.zl-table td { padding: 4px 10px; border-bottom: 1px solid #d0d5db; text-align: right; }
table.zl-table th:first-child, table.zl-table td:first-child { text-align: left; }
table.zl-table th { background: #eef1f5; color: #12385b; }
table.zl-text th, table.zl-text td { text-align: left; vertical-align: top; }
table.zl-table:not(.zl-text) td:not(:first-child) { white-space: nowrap; }
"""

# Page-level rules for the Fast templates (raw CSS of a served app): the header title wraps and shrinks on a phone
# instead of widening the page past the right edge.
TEMPLATE_CSS = """
@media (max-width: 700px) {
  #header .title { font-size: 1.1rem; }
  #header h1.zl-title, #header .app-header > .title { flex: 1 1 auto; min-width: 0; overflow: hidden;
                                                      text-overflow: ellipsis; white-space: nowrap; }
  #header-items { flex: 0 1 auto; width: auto; min-width: 0; }
}
"""
# Widget stylesheet: long slider titles ("label: value") wrap inside the slider instead of running past it.
WIDGET_CSS = ".bk-input-group .bk-slider-title { white-space: normal; overflow-wrap: anywhere; }"


# Inside every shadow root and the page (zorglab.ui.page): focus always visible (3:1 against white and navy), the
# header title kept as it looked after it became an <h1>.
A11Y_CSS = """
:focus-visible { outline: 3px solid #b35900 !important; outline-offset: 2px !important; }
#header :focus-visible { outline-color: #ffffff !important; }
h1.zl-title { display: inline; margin: 0; font: inherit; color: inherit; }
.bk-btn-primary.bk-active, .bk-btn-primary.bk-active:hover, .bk-btn-primary.bk-active:focus {
  background-color: #12385b !important; border-color: #12385b !important; color: #ffffff !important; }
.alert { color: #1b1f24 !important; }
.bk-btn-warning { color: #1b1f24 !important; }
.bk-btn-success { background-color: #1d6b35 !important; border-color: #1d6b35 !important; color: #ffffff !important; }
.bk-btn-danger { background-color: #a4161a !important; border-color: #a4161a !important; color: #ffffff !important; }
.codehilite pre, .codehilite code, .codehilite span, :host(.markdown) code, :host(.markdown) pre span {
  color: #1b1f24 !important; }
:host(.markdown) a, .markdown a { color: #12385b !important; text-decoration: underline; }
.choices__list--multiple .choices__item { background-color: #12385b !important; border-color: #12385b !important;
  color: #ffffff !important; }
"""


def change_class(diff: float, higher_is_worse: bool = True, tolerance: float = 1e-9) -> str:
    """CSS class for a difference: red when it gets worse, green when it gets better."""
    if abs(diff) <= tolerance:
        return "zl-neutral"
    worse = diff > 0 if higher_is_worse else diff < 0
    return "zl-up" if worse else "zl-down"
