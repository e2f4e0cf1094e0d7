"""BokehJS for the reports, inline so an exported report opens without internet."""

from __future__ import annotations

import os

from bokeh.resources import Resources

EXPORT_ENV = "ZORGLAB_REPORT_EXPORT"  # set in the runner's kernels: BokehJS is added at HTML export
BOKEHJS_MARKER = "<!-- zorglab:bokehjs -->"


def bokeh_resources() -> str:
    """The BokehJS script tags, inline (no CDN needed to open the report)."""
    return Resources(mode="inline", components=["bokeh"]).render_js()


def notebook_resources() -> str:
    """BokehJS for a notebook's output, unless the runner's kernel will get it in the exported HTML.

    Why: 1.3 MB of JavaScript in a cell output travels through the kernel's messages and the executed
    notebook of every report; the runner adds it once to each HTML file instead (``EXPORT_ENV``).
    """
    return "" if os.environ.get(EXPORT_ENV) else BOKEHJS_MARKER + bokeh_resources()
