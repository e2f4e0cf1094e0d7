"""The explorer's controls: one widget per scenario parameter, labelled from the catalogue, with Dutch slider
formats taken from the knob table's unit codes. ``eur_slider_format`` is the one home of the euro slider format.
"""

from __future__ import annotations

from bokeh.models import CustomJSTickFormatter

from zorglab.core.axis_format import number_axis
from zorglab.domain.knobs import KNOB
from zorglab.domain.regions import regions
from zorglab.domain.scenario import Scenario
from zorglab.services.scenario_tables import budget_basis_label, param_label
from zorglab.ui.scenario_strings import tr

# Slider formats from the knob table's unit codes: shares as percentages, amounts in euros; factors (tariff,
# budget, professional norm, selection propensity) keep the plain Dutch number format.
SHARE_PARAMS = {k.name for k in KNOB.values() if k.unit == "share"}
EUR_PARAMS = {k.name for k in KNOB.values() if k.unit == "eur"}
PLAIN_INT_PARAMS = {"year", "seed"}

# Dutch number display on the sliders (the browser formats, so it follows the same conventions as format_eur).
_PCT_JS = "return (tick * 100).toLocaleString('nl-NL', {maximumFractionDigits: 0}) + '%';"
_EUR_JS = "return '€ ' + tick.toLocaleString('nl-NL', {maximumFractionDigits: 0});"
_INT_JS = "return tick.toString();"


def eur_slider_format() -> CustomJSTickFormatter:
    """Euros on a slider, the Dutch way ('€ 1.250'): the one home of this format (lessons use it too)."""
    return CustomJSTickFormatter(code=_EUR_JS)


def share_slider_format() -> CustomJSTickFormatter:
    """A share on a slider as a whole percentage ('35%')."""
    return CustomJSTickFormatter(code=_PCT_JS)


def slider_format(name: str) -> CustomJSTickFormatter:
    if name in SHARE_PARAMS:
        return share_slider_format()
    if name in EUR_PARAMS:
        return eur_slider_format()
    if name in PLAIN_INT_PARAMS:
        return CustomJSTickFormatter(code=_INT_JS)
    return number_axis()


def label(name: str, language: str) -> str:
    return param_label(name, language)


def budget_basis_options(language: str) -> dict[str, str]:
    """Translated label -> value of the lump sum's budget basis ('norm' | 'history')."""
    return {budget_basis_label(code, language): code for code in Scenario.param["budget_basis"].objects}


def region_groups() -> dict[str, list[str]]:
    """The shipped regions, then every CBS municipality (a region of its own), for a grouped selection.

    The group names are in both languages (Dutch / English), so a language switch leaves the 349 options alone:
    re-sending them cost about half a second in the browser.
    """
    from zorglab.domain.cbs import municipality_table

    shipped = regions()
    taken = {r.lower() for r in shipped}
    municipalities = sorted({str(n) for n in municipality_table()["name"] if str(n).lower() not in taken}, key=str.lower)
    both = {key: f"{tr(key, 'nl')} / {tr(key, 'en')}" for key in ("regions_group", "municipalities_group")}
    return {both["regions_group"]: shipped, both["municipalities_group"]: municipalities}
