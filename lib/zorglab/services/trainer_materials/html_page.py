"""The printables' page frame: one HTML page (A4-friendly CSS), a table, Markdown, and the synthetic-data notice."""

from __future__ import annotations

import html

import pandas as pd
from markdown_it import MarkdownIt

from zorglab.core.i18n import t

_md = MarkdownIt("commonmark", {"html": False}).enable("table")
CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto;
       max-width: 900px; padding: 0 1rem; line-height: 1.45; }
h1 { color: #12385b; border-bottom: 3px solid #e07b00; padding-bottom: .3rem; }
h2 { color: #12385b; margin-top: 2rem; } h3 { color: #12385b; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
th, td { border: 1px solid #c9d1d9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #eef2f6; }
.notice { font-size: .85rem; color: #3a4350; border-top: 1px solid #c9d1d9; margin-top: 2rem; padding-top: .5rem; }
.card { border: 2px solid #12385b; border-radius: 10px; padding: 1rem 1.25rem; margin: 1rem 0; page-break-after: always;
        break-after: page; }
.card h2 { margin-top: 0; } .meta { color: #3a4350; }
.words li { margin: .3rem 0; } .right { color: #1a7f37; } .wrong { color: #b42318; }
.line { border-bottom: 1px solid #8b949e; height: 1.8rem; } .box { border: 1px solid #8b949e; min-height: 4rem; margin: .3rem 0 1rem; }
.scale td { text-align: center; width: 8%; } .scale td:first-child { text-align: left; width: 60%; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; }
               h2 { page-break-after: avoid; } .no-print { display: none; } }
"""


def notice(language: str = "nl") -> str:
    """The synthetic-data notice every printable carries."""
    return t("trainer.notice", language)


def _e(text: object) -> str:
    return html.escape(str(text))


def _md_html(text: str) -> str:
    return _md.render(text)


def page(title: str, body: str, language: str = "nl") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{_e(title)} · zorglab</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<h1>{_e(title)}</h1>\n{body}\n"
            f'<p class="notice">{_e(notice(language))} zorglab.</p>\n</body>\n</html>\n')


def table_html(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

