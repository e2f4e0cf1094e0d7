"""Run the regional evaluation notebook for many regions: papermill, nbconvert, an index page.

Why this shape: every job is checked before any kernel starts (a typo in a region name must not cost
minutes), one failing region never loses the others (``run_report`` never raises, it returns what went
wrong), and the same ``run_report`` runs in local worker processes or on a Dask cluster.
"""

from __future__ import annotations

import html
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
from jupyter_client.manager import AsyncKernelManager

from ..formatting import format_eur, format_number, format_pct
from ..funding import MODELS
from ..i18n import COMMON
from ..paths import notebooks_dir
from ..regions import get_region, regions
from . import bokehjs
from .export import SCRAP_MIME
from .params import SCENARIOS, ReportParams, check_params

NOTEBOOK = "regional_evaluation.ipynb"
KERNEL_START_TIMEOUT = 180  # seconds; many parallel kernels on 2 cores start slowly
NARRATIVE_TAG = "narrative"  # markdown cells for notebook readers; left out of the reader's HTML


class ReportKernelManager(AsyncKernelManager):
    """A kernel started for an HTML report: it leaves BokehJS out of its outputs (see ``export_html``)."""

    async def _async_pre_start_kernel(self, **kw: Any):
        kw["env"] = {**os.environ, **(kw.get("env") or {}), bokehjs.EXPORT_ENV: "1"}
        return await super()._async_pre_start_kernel(**kw)


def default_notebook() -> Path:
    return notebooks_dir() / NOTEBOOK


@dataclass
class ReportResult:
    """What one job produced, or why it failed (``error`` is then a one-line reason)."""

    params: ReportParams
    ok: bool
    seconds: float
    files: dict[str, str] = field(default_factory=dict)  # kind -> path relative to the output folder
    figures: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    detail: str = ""


def plan(region_names: Sequence[str] = (), all_regions: bool = False, models: Sequence[str] = ("lumpsum",),
         scenarios: Sequence[str] = ("basis",), per_municipality: bool = False, **common: Any) -> list[ReportParams]:
    """The grid regions (x municipalities) x funding models x scenarios, every job validated up front.

    Raises the first parameter error (unknown region -> the list of valid ones) before anything runs.
    """
    lookup = {r.lower(): r for r in regions()}
    # A region named twice (in any case) runs once; unknown names are left for check_params to report.
    names = regions() if all_regions else list(dict.fromkeys(lookup.get(n.strip().lower(), n) for n in region_names))
    if not names:
        raise ValueError(f"name at least one region or use --all. Valid regions: {', '.join(regions())}.")
    models = list(MODELS) if "all" in models else list(models)
    scenarios = list(SCENARIOS) if "all" in scenarios else list(scenarios)
    jobs: list[ReportParams] = []
    for name in names:
        check_params(region=name, **{k: v for k, v in common.items() if k != "municipality"})
        munis = get_region(name, common.get("year", 2022)).municipality_names() if per_municipality else [
            common.get("municipality", "")]
        for muni in munis:
            for model in models:
                for scenario in scenarios:
                    args = {**common, "municipality": muni}
                    jobs.append(check_params(region=name, funding_model=model, scenario=scenario, **args))
    return jobs


def strip_scraps(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop scrapbook's machine-only outputs (no reader needs them; nbconvert would warn)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.outputs if set(o.get("data", {})) != {SCRAP_MIME}]
    return nb


def export_html(nb: nbformat.NotebookNode, path: Path, title: str, show_code: bool = False) -> Path:
    """Executed notebook -> HTML; readers get no code, prompts or notebook-only narrative by default."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code)
    if not show_code:
        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={NARRATIVE_TAG}), enabled=True)
    body, _ = exporter.from_notebook_node(strip_scraps(nb), resources={"metadata": {"name": title}})
    if 'class="zl-plot"' in body and bokehjs.BOKEHJS_MARKER not in body:  # once, in the head, inline (offline)
        body = body.replace("</head>", f"{bokehjs.BOKEHJS_MARKER}{bokehjs.bokeh_resources()}\n</head>", 1)
    path.write_text(body, encoding="utf-8")
    return path


def read_figures(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The key figures the notebook glued with scrapbook (empty when it never got there)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get(SCRAP_MIME)
            if data and data.get("name") == "key_figures":
                return dict(data["data"])
    return {}


def run_report(params: ReportParams, out_dir: str | Path, notebook: str | Path | None = None,
               show_code: bool = False, timeout: int = 1800) -> ReportResult:
    """Execute, export and record one report. Never raises: a failure comes back as ``ok=False``."""
    import papermill as pm

    start = time.perf_counter()
    out = Path(out_dir).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    stem = params.stem
    executed = out / "notebooks" / f"{stem}.ipynb"
    files = {"notebook": f"notebooks/{stem}.ipynb"}
    try:
        for attempt in range(2):
            try:
                pm.execute_notebook(str(notebook or default_notebook()), str(executed),
                                    parameters={**params.as_dict(), "export_dir": str(out)}, progress_bar=False,
                                    log_output=False, execution_timeout=timeout, cwd=str(out),
                                    start_timeout=KERNEL_START_TIMEOUT, request_save_on_cell_execute=False,
                                    kernel_manager_class=ReportKernelManager,
                                    # the kernels' own warnings (plain-TCP notice, interrupt at shutdown) would
                                    # bury the progress bar; notebook errors still come back through papermill
                                    extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
                break
            except RuntimeError as err:  # a busy laptop: the kernel did not come up in time; try once more
                if attempt or "Kernel didn't respond" not in str(err):
                    raise
        nb = nbformat.read(executed, as_version=4)
        figures = read_figures(nb)
        export_html(nb, out / f"{stem}.html", f"zorglab – {stem}", show_code)
        files["html"] = f"{stem}.html"
        for kind in ("csv", "xlsx"):
            if (out / f"{stem}.{kind}").exists():
                files[kind] = f"{stem}.{kind}"
        return ReportResult(params, True, time.perf_counter() - start, files, figures)
    except Exception as err:  # noqa: BLE001 - one region's failure must not stop the others
        return ReportResult(params, False, time.perf_counter() - start, files if executed.exists() else {},
                            error=_reason(err), detail=traceback.format_exc(limit=3))


def _reason(err: BaseException) -> str:
    """One line: the notebook's own exception when papermill wraps it."""
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(err).__name__}: {err}"
    return " ".join(text.split())[:500]


def _local(params_list: list[ReportParams], jobs: int, **kw: Any) -> Iterator[ReportResult]:
    if jobs <= 1 or len(params_list) == 1:
        for p in params_list:
            yield run_report(p, **kw)
        return
    # Threads are enough: each report's work runs in its own kernel process; a thread only waits on it
    # (and exports HTML). That saves starting and importing a worker process per job.
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(run_report, p, **kw) for p in params_list]
        for fut in as_completed(futures):
            yield fut.result()


def _dask(params_list: list[ReportParams], scheduler: Any, **kw: Any) -> Iterator[ReportResult]:
    """On an existing Dask cluster (address or Client); workers must see the same output folder."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = client.map(run_report, params_list, pure=False, **kw)
        for fut in dask_completed(futures):
            yield fut.result()
    finally:
        if client is not scheduler:
            client.close()


def run_reports(params_list: Iterable[ReportParams], out_dir: str | Path, jobs: int = 1, scheduler: Any = None,
                notebook: str | Path | None = None, show_code: bool = False, progress: bool = True,
                language: str = "nl", on_result: Callable[[ReportResult], None] | None = None) -> list[ReportResult]:
    """Run every report (locally with ``jobs`` processes or on ``scheduler``) and write the index.

    Output folder: ``<stem>.html/.csv/.xlsx/.json`` per report, ``notebooks/`` with the executed
    notebooks, ``summary.csv`` (one row of key figures per report) and ``index.html``.
    """
    from tqdm.auto import tqdm

    params_list = list(params_list)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    kw = {"out_dir": str(out), "notebook": str(notebook) if notebook else None, "show_code": show_code}
    stream = _dask(params_list, scheduler, **kw) if scheduler is not None else _local(params_list, jobs, **kw)
    results: list[ReportResult] = []
    bar = tqdm(total=len(params_list), desc="Rapporten" if language == "nl" else "Reports", unit="rapport",
               disable=not progress)
    failed = 0
    for res in stream:
        results.append(res)
        failed += not res.ok
        bar.set_postfix_str(f"{res.params.stem} {'ok' if res.ok else 'MISLUKT'}; mislukt: {failed}")
        bar.update()
        if on_result:
            on_result(res)
    bar.close()
    order = {p.stem: i for i, p in enumerate(params_list)}
    results.sort(key=lambda r: order[r.params.stem])
    write_summary(results, out)
    write_index(results, out, language)
    return results


def write_summary(results: Sequence[ReportResult], out_dir: Path) -> Path:
    """Tidy table for researchers (compare notebook): one row per report, plain CSV (dot decimals)."""
    rows = [{**r.params.as_dict(), **r.figures, "status": "ok" if r.ok else "failed", "error": r.error,
             "html": r.files.get("html", ""), "seconds": round(r.seconds, 2)} for r in results]
    path = Path(out_dir) / "summary.csv"
    pd.DataFrame(rows).drop(columns=["export_dir"], errors="ignore").to_csv(path, index=False)
    return path


_INDEX_TEXT = {
    "title": ("Regionale evaluaties", "Regional evaluations"),
    "cols": (["Regio", "Gemeente", "Model", "Scenario", "Uitgaven (model)", "T.o.v. P x Q", "Marge aanbieders",
              "Risico", "Kappa oud → nieuw", "Welbevinden na", "Jeugdhulp % (CBS)", "Bestanden"],
             ["Region", "Municipality", "Model", "Scenario", "Spend (model)", "Against P x Q", "Provider margin",
              "Risk", "Kappa old → new", "Wellbeing after", "Youth care % (CBS)", "Files"]),
    "failed": ("Mislukt", "Failed"),
    "none_failed": ("Alle rapporten zijn gemaakt.", "All reports were produced."),
    "source": ("Jeugdhulp: Bron: CBS StatLine, Indicatoren jeugdzorg 2022*.",
               "Youth care: Source: CBS StatLine, youth-care indicators 2022*."),
}


def _cell(value: Any, fmt: Callable[[float], str]) -> str:
    return "–" if value is None or (isinstance(value, float) and value != value) else html.escape(fmt(value))


def write_index(results: Sequence[ReportResult], out_dir: Path, language: str = "nl") -> Path:
    """``index.html`` linking every report with its key figures; failures listed with their reason."""
    en = int(language == "en")
    t = lambda k: _INDEX_TEXT[k][en]  # noqa: E731
    rows = []
    for r in results:
        if not r.ok:
            continue
        f, p = r.figures, r.params
        links = " · ".join(f'<a href="{html.escape(r.files[k])}">{k.upper()}</a>' for k in ("html", "csv", "xlsx")
                           if k in r.files)
        cells = [html.escape(p.region), html.escape(p.municipality or "–"), html.escape(p.funding_model),
                 html.escape(p.scenario), _cell(f.get("spend_model_eur"), lambda v: format_eur(v, 0)),
                 _cell(f.get("spend_difference_eur"), lambda v: format_eur(v, 0)),
                 _cell(f.get("margin_pct_model"), format_pct), html.escape(str(f.get("continuity_risk_model", "–"))),
                 _cell(f.get("kappa_old"), lambda v: format_number(v, 3)) + " → " +
                 _cell(f.get("kappa_harmonised"), lambda v: format_number(v, 3)),
                 _cell(f.get("wellbeing_after_model"), lambda v: format_number(v, 2)),
                 _cell(f.get("youth_care_pct_region"), lambda v: format_number(v, 1) + "%"), links]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{c}</th>" for c in t("cols"))
    fails = [r for r in results if not r.ok]
    fail_html = (f"<h2>{t('failed')} ({len(fails)})</h2><ul>" + "".join(
        f"<li><b>{html.escape(r.params.stem)}</b>: {html.escape(r.error)}"
        + (f' (<a href="{html.escape(r.files["notebook"])}">notebook</a>)' if "notebook" in r.files else "")
        + "</li>" for r in fails) + "</ul>") if fails else f"<p>{t('none_failed')}</p>"
    doc = f"""<!DOCTYPE html>
<html lang="{language}"><head><meta charset="utf-8"><title>{t('title')}</title>
<style>body{{font-family:sans-serif;margin:2em}} table{{border-collapse:collapse}}
td,th{{padding:4px 8px;white-space:nowrap;border-bottom:1px solid #ddd;text-align:right}} td:first-child,th:first-child{{text-align:left}}
.notice{{background:#fff6d6;padding:6px 10px;border-left:4px solid #e0b000}}</style></head><body>
<h1>{t('title')}</h1>
<p class="notice">{html.escape(COMMON['synthetic_notice'][en])}</p>
<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>
<p>{t('source')}</p>
{fail_html}
</body></html>"""
    path = Path(out_dir) / "index.html"
    path.write_text(doc, encoding="utf-8")
    return path
