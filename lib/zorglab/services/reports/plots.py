"""Plots for the reports that survive HTML export without a server or internet access.

Why not plain hvplot output: in an exported HTML file there is no kernel and (in a training room)
often no internet for a CDN. So each plot is rendered to Bokeh components and the BokehJS library is
added from disk, once per output folder or inline (``bokehjs``). We also avoid ``hvplot.pandas``: importing it in a
kernel loads the notebook extension from a CDN, which breaks the offline report.
"""

from __future__ import annotations

import holoviews as hv
import holoviews.plotting.bokeh  # noqa: F401  (the renderer, without a notebook extension load)
import pandas as pd
from bokeh.embed import components
from hvplot import hvPlotTabular  # not ``hvplot.pandas``: that would emit a CDN loader into every notebook


def to_html(plot: hv.core.Dimensioned) -> str:
    """A HoloViews/hvplot object as a standalone Bokeh ``<script>`` + ``<div>``.

    As ``hv.render`` does, but the plot is cleaned up afterwards: HoloViews attaches every plot to
    Bokeh's global document, which keeps it (figures, data sources, option trees) alive for the life of
    the process, about 2 MB per report in a kernel that runs report after report (the runner's).
    """
    rendered = hv.renderer("bokeh").get_plot(plot)
    try:
        script, div = components(rendered.state)
    finally:
        rendered.cleanup()
    return f'<div class="zl-plot">{div}{script}</div>'


def bar(frame: pd.DataFrame, x: str, y: str, title: str, by: str | None = None, stacked: bool = False,
        hline: float | None = None, ylabel: str | None = None, yformatter: object | None = None) -> hv.core.Dimensioned:
    """A bar chart, optionally grouped/stacked by ``by``, with an optional reference line."""
    plot = hvPlotTabular(frame).bar(x=x, y=y, by=by, stacked=stacked, title=title, rot=30, height=320, width=720,
                                    ylabel=ylabel or y, legend="top_right" if by else False, yformatter=yformatter)
    if hline is not None:
        plot = plot * hv.HLine(hline).opts(color="#c0392b", line_dash="dashed", line_width=2)
    return plot
