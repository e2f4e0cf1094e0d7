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
SCENARIO_COLOR = ORANGE

CSS = """
.zl-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; width: 100%; }
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
table.zl-table { border-collapse: collapse; font-size: 14px; font-family: system-ui, sans-serif; }
table.zl-table th, table.zl-table td { padding: 4px 10px; border-bottom: 1px solid #d0d5db; text-align: right; }
table.zl-table th:first-child, table.zl-table td:first-child { text-align: left; }
table.zl-table th { background: #eef1f5; color: #12385b; }
table.zl-text th, table.zl-text td { text-align: left; vertical-align: top; }
"""


def change_class(diff: float, higher_is_worse: bool = True, tolerance: float = 1e-9) -> str:
    """CSS class for a difference: red when it gets worse, green when it gets better."""
    if abs(diff) <= tolerance:
        return "zl-neutral"
    worse = diff > 0 if higher_is_worse else diff < 0
    return "zl-up" if worse else "zl-down"
