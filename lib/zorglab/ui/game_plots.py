"""Dashboard plots of the purchasing game (HoloViews/Bokeh): the world over the contract years."""

from __future__ import annotations

import holoviews as hv
import pandas as pd

from zorglab.core.axis_format import eur_axis, number_axis
from zorglab.ui.game_strings import team_label, tr
from zorglab.ui.theme import GREEN, GREY, NAVY, ORANGE, RED

hv.extension("bokeh", logo=False)

_OPTS = {"responsive": True, "height": 260, "toolbar": None, "fontscale": 1.0, "show_grid": True,
         "shared_axes": False, "framewise": True}
COLORS = [NAVY, ORANGE, GREEN, RED, GREY]


def year_table(years: list) -> pd.DataFrame:
    """One row per computed year with the figures the dashboard shows (years from ``GameService.years``)."""
    rows = []
    for y in years:
        o = y.outcome
        row = {"year": str(o["calendar_year"]), "spend": o["municipality"]["total"], "insurer": o["insurer"]["total"],
               "clients": o["clients"], "served": o["served"], "waiting": o["waiting"], "wellbeing": o["wellbeing"]}
        for p in o["providers"]:
            row[f"reserves_{p['provider']}"] = p["reserves"]
            row[f"margin_{p['provider']}"] = p["margin"]
        rows.append(row)
    return pd.DataFrame(rows)


def _lines(df: pd.DataFrame, series: list[tuple[str, str]], ylabel: str, title: str, money: bool,
           language: str = "nl") -> hv.Overlay:
    parts = []
    year = ("year", tr("year", language))
    for i, (col, label) in enumerate(series):
        data = df[["year", col]].rename(columns={col: "value"})
        color = COLORS[i % len(COLORS)]
        parts.append(hv.Curve(data, year, ("value", ylabel), label=label).opts(color=color, line_width=3))
        parts.append(hv.Scatter(data, year, ("value", ylabel), label=label).opts(color=color, size=8))
    fmt = eur_axis() if money else number_axis()
    return hv.Overlay(parts).opts(title=title, legend_position="top_left", yformatter=fmt, **_OPTS)


def money_plot(df: pd.DataFrame, language: str) -> hv.Overlay:
    return _lines(df, [("spend", tr("spend", language)), ("insurer", tr("insurer_spend", language))],
                  "EUR", tr("spend", language) + " / " + tr("insurer_spend", language), True, language)


def reserves_plot(df: pd.DataFrame, language: str) -> hv.Overlay:
    cols = [c for c in df.columns if c.startswith("reserves_")]
    series = [(c, team_label(f"provider_{c.split('_')[1]}", language)) for c in cols]
    return _lines(df, series, "EUR", tr("reserves", language), True, language)


def residents_plot(df: pd.DataFrame, language: str) -> hv.Overlay:
    return _lines(df, [("waiting", tr("waiting", language))], tr("clients", language), tr("waiting", language), False,
                  language)


def wellbeing_plot(df: pd.DataFrame, language: str) -> hv.Overlay:
    return _lines(df, [("wellbeing", tr("wellbeing", language))], "1-10", tr("wellbeing", language), False, language)
