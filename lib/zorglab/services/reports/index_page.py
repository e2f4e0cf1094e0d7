"""The output folder's overview: ``summary.csv`` (one row per report) and ``index.html`` (links and key figures).

Both are rebuilt from the manifest after every run, so they list every report ever produced in the folder.
The index is worded in the run's language from the catalogue; risk codes are worded as in the reports.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import t
from zorglab.services.reports.export import CSV_OPTIONS, KEY_FIGURES, write_rows
from zorglab.services.reports.manifest import ReportResult, load_manifest, result_from_entry
from zorglab.services.reports.words import risk_word, tr

# Index columns, in order (their headers: catalogue ``reports.index_col_<id>``).
INDEX_COLUMNS = ("region", "municipality", "model", "scenario", "spend", "against_pxq", "margin", "risk", "kappa",
                 "wellbeing", "youth_care", "made", "files")


def summary_rows(results: Sequence[ReportResult]) -> list[dict[str, Any]]:
    """One row per report: stem, parameters, key figures, status, error, HTML file, time."""
    return [{"stem": r.stem, **{k: v for k, v in r.params.as_dict().items() if k != "export_dir"}, **r.figures,
             "status": "ok" if r.ok else "failed", "error": r.error, "html": r.files.get("html", ""),
             "finished": r.finished, "seconds": round(r.seconds, 2)} for r in results]


def write_summary(results: Sequence[ReportResult], out_dir: Path) -> Path:
    """``summary.csv``: one row per report, in the CSV format of the exports (``;``, decimal comma, BOM,
    one header row; read it with ``read_summary``). The compare notebook reads it."""
    rows = summary_rows(results)
    columns = list(dict.fromkeys(k for row in rows for k in row)) or ["stem", "status"]
    return write_rows(Path(out_dir) / "summary.csv", columns, ([row.get(c) for c in columns] for row in rows))


def read_summary(path: str | Path) -> pd.DataFrame:
    """``summary.csv`` as a DataFrame (numbers numeric, an empty municipality as '')."""
    df = pd.read_csv(path, **CSV_OPTIONS, dtype={"municipality": "string", "error": "string"})
    if "municipality" in df:
        df["municipality"] = df["municipality"].fillna("")
    return df


def _cell(value: Any, fmt: Callable[[float], str]) -> str:
    return "–" if value is None or (isinstance(value, float) and value != value) else html.escape(fmt(value))


def _link(path: str, label: str) -> str:
    return f'<a href="{html.escape(quote(path))}">{html.escape(label)}</a>'


def _links(files: dict[str, str], language: str) -> str:
    """HTML · XLSX · a fold-out list of the CSV files (one per table) and their README."""
    links = [_link(files[k], k.upper()) for k in ("html", "xlsx") if k in files]
    csvs = sorted((k[4:], v) for k, v in files.items() if k.startswith("csv:"))
    if csvs:
        first = [(KEY_FIGURES, files[f"csv:{KEY_FIGURES}"])] if f"csv:{KEY_FIGURES}" in files else []
        items = first + [(n, v) for n, v in csvs if n != KEY_FIGURES]
        items += [("README", files["readme"])] if "readme" in files else []
        inner = "<br>".join(_link(v, n) for n, v in items)
        links.append(f"<details><summary>CSV ({tr('index_tables', language, count=len(csvs))})</summary>"
                     f"{inner}</details>")
    elif "csv" in files:  # the one-file CSV of older runs
        links.append(_link(files["csv"], "CSV"))
    return " · ".join(links)


def _row(r: ReportResult, language: str) -> str:
    f, p = r.figures, r.params
    cells = [html.escape(p.region), html.escape(p.municipality or "–"), html.escape(p.funding_model),
             html.escape(p.scenario), _cell(f.get("spend_model_eur"), lambda v: format_eur(v, 0)),
             _cell(f.get("spend_difference_eur"), lambda v: format_eur(v, 0)),
             _cell(f.get("margin_pct_model"), format_pct), html.escape(risk_word(f.get("continuity_risk_model"), language)),
             _cell(f.get("kappa_old"), lambda v: format_number(v, 3)) + " → " +
             _cell(f.get("kappa_harmonised"), lambda v: format_number(v, 3)),
             _cell(f.get("wellbeing_after_model"), lambda v: format_number(v, 2)),
             _cell(f.get("youth_care_pct_region"), lambda v: format_number(v, 1) + "%"),
             html.escape(r.finished[:16].replace("T", " ") or "–"), _links(r.files, language)]
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def _failures(results: Sequence[ReportResult], language: str) -> str:
    fails = [r for r in results if not r.ok]
    if not fails:
        return f"<p>{tr('index_none_failed', language)}</p>"
    items = "".join(
        f"<li><b>{html.escape(r.stem)}</b>: {html.escape(r.error)}"
        + (f" ({_link(r.files['notebook'], 'notebook')})" if "notebook" in r.files else "")
        + (f" – {html.escape(r.finished[:16].replace('T', ' '))}" if r.finished else "")
        + "</li>" for r in fails)
    return f"<h2>{tr('index_failed', language, n=len(fails))}</h2><ul>{items}</ul>"


def write_index(results: Sequence[ReportResult], out_dir: Path, language: str = "nl") -> Path:
    """``index.html`` linking every report with its key figures; failures listed with their reason.

    Everything that came from parameters, figures or errors is HTML-escaped."""
    rows = "".join(_row(r, language) for r in results if r.ok)
    head = "".join(f"<th>{tr(f'index_col_{c}', language)}</th>" for c in INDEX_COLUMNS)
    title = tr("index_title", language)
    doc = f"""<!DOCTYPE html>
<html lang="{html.escape(language)}"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:2em}} table{{border-collapse:collapse}}
td,th{{padding:4px 8px;white-space:nowrap;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}}
td:first-child,th:first-child{{text-align:left}} details{{text-align:left}}
.notice{{background:#fff6d6;padding:6px 10px;border-left:4px solid #e0b000}}</style></head><body>
<h1>{title}</h1>
<p class="notice">{html.escape(t('common.synthetic_notice', language))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>
<p>{tr('index_source', language)}</p>
{_failures(results, language)}
</body></html>"""
    path = Path(out_dir) / "index.html"
    path.write_text(doc, encoding="utf-8")
    return path


def rebuild_outputs(out_dir: str | Path, language: str = "nl") -> list[ReportResult]:
    """``summary.csv`` and ``index.html`` from the manifest: every report ever produced in ``out_dir``."""
    out = Path(out_dir)
    every = [result_from_entry(e) for _, e in sorted(load_manifest(out)["reports"].items())]
    write_summary(every, out)
    write_index(every, out, language)
    return every
