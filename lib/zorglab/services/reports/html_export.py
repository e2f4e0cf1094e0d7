"""Executed report notebook -> the HTML page readers get: no code, no notebook-only narrative, shared assets.

The nbconvert "lab" page without its CDN scripts (require.js, MathJax, Mermaid: a report uses none, and
offline they only fail to load) and with its 250 kB of CSS marked, so it can go to a shared file. BokehJS
and the page CSS go once to ``assets/`` next to the pages (``--self-contained`` puts both in every file).
"""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import nbformat

from zorglab.services.reports import bokehjs
from zorglab.services.reports.export import SCRAP_MIME

NARRATIVE_TAG = "narrative"  # markdown cells for notebook readers; left out of the reader's HTML


def strip_scraps(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop scrapbook's machine-only outputs (no reader needs them; nbconvert would warn)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if set(o.get("data", {})) != {SCRAP_MIME}]
    return nb


_CSS_START, _CSS_END = "<!-- zorglab:css -->", "<!-- /zorglab:css -->"
REPORT_TEMPLATE = f"""{{%- extends 'index.html.j2' -%}}
{{%- block html_head_js -%}}{{%- endblock html_head_js -%}}
{{%- block html_head_js_mathjax -%}}{{%- endblock html_head_js_mathjax -%}}
{{%- block html_head_js_mermaidjs -%}}{{%- endblock html_head_js_mermaidjs -%}}
{{%- block notebook_css -%}}{_CSS_START}{{{{ super() }}}}{_CSS_END}{{%- endblock notebook_css -%}}
"""
_exporters = threading.local()  # one HTMLExporter per thread and mode: building one costs 0.2-0.3 s


def _exporter(show_code: bool) -> Any:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    cache = _exporters.__dict__.setdefault("by_mode", {})
    if show_code not in cache:
        exporter = HTMLExporter(raw_template=REPORT_TEMPLATE, exclude_input=not show_code,
                                exclude_input_prompt=not show_code, exclude_output_prompt=not show_code)
        if not show_code:
            exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NARRATIVE_TAG}), enabled=True)
        cache[show_code] = exporter
    return cache[show_code]


def _shared_css(body: str, out_dir: Path | None) -> str:
    """The page's notebook CSS as one ``assets/report-<hash>.css`` link (inline again if ``out_dir`` is None)."""
    start, end = body.find(_CSS_START), body.find(_CSS_END)
    if start < 0 or end < start:
        return body
    block = body[start + len(_CSS_START):end]
    styles = re.findall(r"<style[^>]*>(.*?)</style>", block, flags=re.S)
    if out_dir is None or re.sub(r"<style[^>]*>.*?</style>", "", block, flags=re.S).strip():
        replacement = block  # self-contained, or something other than plain styles: leave it inline
    else:
        css = "\n".join(s.strip() for s in styles).encode("utf-8")
        rel = bokehjs.shared_file(out_dir, bokehjs.content_name("report", css, ".css"), css)
        replacement = f'<link rel="stylesheet" href="{rel}">'
    return body[:start] + replacement + body[end + len(_CSS_END):]


def export_html(nb: nbformat.NotebookNode, path: Path, title: str, show_code: bool = False,
                self_contained: bool = False) -> Path:
    """Executed notebook -> HTML; readers get no code, prompts or notebook-only narrative by default.

    BokehJS and the page CSS go once to ``assets/`` next to ``path`` and are linked relatively (the page
    opens offline as long as the folder stays together); ``self_contained`` puts both inline instead.
    """
    path = Path(path)
    body, _ = _exporter(show_code).from_notebook_node(strip_scraps(nb), resources={"metadata": {"name": title}})
    shared = None if self_contained else path.parent
    body = _shared_css(body, shared)
    if 'class="zl-plot"' in body and bokehjs.BOKEHJS_MARKER not in body:  # once, in the head (offline)
        body = body.replace("</head>", f"{bokehjs.bokehjs_tag(shared)}\n</head>", 1)
    path.write_text(body, encoding="utf-8")
    return path

