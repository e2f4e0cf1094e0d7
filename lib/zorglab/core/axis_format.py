"""Bokeh axis formatters that show money and numbers as Dutch readers expect (€ 1.234, € 2,5 mln).

Why JavaScript: axis ticks are drawn in the browser (also in an exported report without a kernel), so
the formatting has to happen there; ``format_eur`` does the same for text on the Python side.
"""

from __future__ import annotations

from bokeh.models import CustomJSTickFormatter

EUR_AXIS_JS = """
const a = Math.abs(tick);
if (a >= 1e6) { return '€ ' + (tick / 1e6).toLocaleString('nl-NL', {maximumFractionDigits: 1}) + ' mln'; }
return '€ ' + tick.toLocaleString('nl-NL', {maximumFractionDigits: 0});
"""

NUMBER_AXIS_JS = "return tick.toLocaleString('nl-NL', {maximumFractionDigits: 2});"


def eur_axis() -> CustomJSTickFormatter:
    """Ticks like € 6.000 and € 2,5 mln (a fresh model per plot: Bokeh models belong to one document)."""
    return CustomJSTickFormatter(code=EUR_AXIS_JS)


def number_axis() -> CustomJSTickFormatter:
    """Ticks with a decimal comma and a thousands dot."""
    return CustomJSTickFormatter(code=NUMBER_AXIS_JS)
