"""Run the regional evaluation notebook for many regions: papermill, nbconvert, an index page.

Why this shape: every job is checked before any kernel starts (a typo in a region name must not cost
minutes), one failing region never loses the others (``run_report`` never raises, it returns what went
wrong), and the same ``run_report`` runs in local worker processes or on a Dask cluster.

The output folder accumulates: ``manifest.json`` records every report ever produced there (stem ->
parameters, files, key figures, ok/failed, time), and ``index.html`` and ``summary.csv`` are rebuilt from
it after every run, so a second run into the same folder adds to the index instead of hiding the first.
A re-run of a stem replaces its entry; a failed re-run removes that report's old HTML/CSV/XLSX/JSON, so
no stale figures stay next to a "failed" line. The layout of one report's files is described in
``zorglab.reports.export``.
"""

from __future__ import annotations

import contextlib
import glob
import html
import json
import logging
import math
import os
import socket
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import nbformat
import pandas as pd
from jupyter_client.manager import AsyncKernelManager

from ..errors import ZorglabError
from ..formatting import format_eur, format_number, format_pct
from ..funding import MODELS
from ..i18n import COMMON
from ..paths import notebooks_dir
from ..regions import get_region, regions
from . import bokehjs
from .export import CSV_OPTIONS, KEY_FIGURES, README, SCRAP_MIME, SEP, json_safe, write_rows
from .params import SCENARIOS, ReportParams, check_params

NOTEBOOK = "regional_evaluation.ipynb"
KERNEL_START_TIMEOUT = 180  # seconds; many parallel kernels on 2 cores start slowly
NARRATIVE_TAG = "narrative"  # markdown cells for notebook readers; left out of the reader's HTML
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "zorglab-reports-manifest"
SCHEDULER_TIMEOUT = 10  # seconds to reach a Dask scheduler before giving up
DASK_PORT = 8786


class OutputFolderError(ZorglabError):
    """The output folder cannot be used (a file, not writable, or a broken manifest); says what to do."""


class SchedulerError(ZorglabError):
    """The Dask scheduler cannot be reached; says what to do."""


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
    finished: str = ""  # local time the job ended, ISO 8601 with offset

    @property
    def stem(self) -> str:
        return self.params.stem


def plan(region_names: Sequence[str] = (), all_regions: bool = False, models: Sequence[str] = ("lumpsum",),
         scenarios: Sequence[str] = ("basis",), per_municipality: bool = False, **common: Any) -> list[ReportParams]:
    """The grid regions (x municipalities) x funding models x scenarios, every job validated up front.

    Raises the first parameter error (unknown region -> the list of valid ones) before anything runs.
    """
    requested = (regions() if all_regions else []) + list(region_names)
    if not requested:
        raise ValueError(f"name at least one region or use --all. Valid regions: {', '.join(regions())}, "
                         "or any CBS municipality by name or GM code.")
    models = list(MODELS) if "all" in models else list(models)
    scenarios = list(SCENARIOS) if "all" in scenarios else list(scenarios)
    base = {k: v for k, v in common.items() if k != "municipality"}
    # A region named twice (in any case, or as name and GM code) runs once; unknown names raise here.
    names = list(dict.fromkeys(check_params(region=n, **base).region for n in requested))
    jobs: list[ReportParams] = []
    for name in names:
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


def read_scrap(nb: nbformat.NotebookNode, name: str) -> dict[str, Any]:
    """A dict the notebook glued with scrapbook under ``name`` (empty when it never got there)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {}).get(SCRAP_MIME)
            if data and data.get("name") == name:
                return dict(data["data"])
    return {}


def read_figures(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The key figures the notebook glued with scrapbook (empty when it never got there)."""
    return read_scrap(nb, "key_figures")


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def output_files(out_dir: str | Path, stem: str) -> set[str]:
    """Names of the report files of ``stem`` in ``out_dir``: its HTML, XLSX, JSON, ``<stem>__*`` CSVs and
    README, and a ``<stem>.csv`` of the old one-file layout. The executed notebook is not included."""
    out = Path(out_dir)
    if not stem or Path(stem).name != stem or stem in (".", ".."):
        return set()  # a stem with a path separator never names files here (nor deletes any elsewhere)
    names = {f"{stem}.{ext}" for ext in ("html", "xlsx", "json", "csv")}
    found = {n for n in names if (out / n).is_file()}
    return found | {p.name for p in out.glob(glob.escape(stem) + SEP + "*") if p.is_file()}


def _exported_files(nb: nbformat.NotebookNode, out: Path, stem: str) -> dict[str, str]:
    """kind -> file name of what the notebook exported (``record`` glues the list; else what is on disk)."""
    glued = read_scrap(nb, "exports")
    if glued:
        return {k: str(v) for k, v in glued.items() if Path(str(v)).name == str(v) and (out / str(v)).is_file()}
    files: dict[str, str] = {}
    for name in sorted(output_files(out, stem)):
        if name in (f"{stem}.xlsx", f"{stem}.json"):
            files[name.rsplit(".", 1)[1]] = name
        elif name == f"{stem}{SEP}{README}":
            files["readme"] = name
        elif name.startswith(stem + SEP) and name.endswith(".csv"):
            files["csv:" + name[len(stem + SEP):-4]] = name
    return files


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
        files.update(_exported_files(nb, out, stem))
        return ReportResult(params, True, time.perf_counter() - start, files, figures, finished=_now())
    except Exception as err:  # noqa: BLE001 - one region's failure must not stop the others
        return ReportResult(params, False, time.perf_counter() - start, files if executed.exists() else {},
                            error=_reason(err), detail=traceback.format_exc(limit=3), finished=_now())


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


@contextlib.contextmanager
def _quiet(logger: str):
    """Silence a library's log lines (distributed logs every failed connection attempt)."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        log.setLevel(level)


def connect_scheduler(address: str, timeout: float = SCHEDULER_TIMEOUT) -> Any:
    """A ``distributed.Client`` on the scheduler at ``address``, or ``SchedulerError`` within ``timeout`` s.

    A TCP address is tried with a plain socket first: a refused connection is reported at once.
    """
    url = address if "://" in address else f"tcp://{address}"
    parts = urlsplit(url)
    hint = "start the scheduler (`dask scheduler`) or pass --scheduler tcp://HOST:PORT of a running one"
    if parts.scheme in ("tcp", "tls"):
        try:
            host, port = parts.hostname, parts.port or DASK_PORT
        except ValueError:
            host = port = None
        if not host:
            raise SchedulerError(f"{address!r} is not a Dask scheduler address; use tcp://HOST:PORT")
        try:
            socket.create_connection((host, port), timeout=timeout).close()
        except OSError as err:
            reason = err.strerror or str(err) or type(err).__name__
            raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({reason}); {hint}") from None
    from distributed import Client

    try:
        with _quiet("distributed"):
            return Client(address, timeout=timeout)
    except Exception as err:  # noqa: BLE001 - any failure to connect is the same advice
        reason = " ".join(str(err).split()) or type(err).__name__
        raise SchedulerError(f"cannot connect to the Dask scheduler at {address} ({reason}); {hint}") from None


def _dask(params_list: list[ReportParams], scheduler: Any, **kw: Any) -> Iterator[ReportResult]:
    """On an existing Dask cluster (address or Client); workers must see the same output folder."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    client = scheduler if isinstance(scheduler, Client) else connect_scheduler(scheduler)
    try:
        futures = client.map(run_report, params_list, pure=False, **kw)
        for fut in dask_completed(futures):
            yield fut.result()
    finally:
        if client is not scheduler:
            client.close()


# ---- the output folder and its manifest -----------------------------------------------------------------
def _strict(value: Any) -> Any:
    """JSON-ready: NaN/inf -> None, numpy scalars -> Python, tuples -> lists, anything else -> text."""
    value = value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value
    if isinstance(value, dict):
        return {str(k): _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in strict JSON")


def load_manifest(out_dir: str | Path) -> dict[str, Any]:
    """The manifest of ``out_dir`` (an empty one when there is none yet); ``OutputFolderError`` if broken."""
    path = Path(out_dir) / MANIFEST
    empty = {"format": MANIFEST_FORMAT, "version": 1, "reports": {}}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constants)
        if not (isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT
                and isinstance(data.get("reports"), dict)
                and all(isinstance(e, dict) and isinstance(e.get("params"), dict) for e in data["reports"].values())):
            raise ValueError("not a zorglab reports manifest")
    except (OSError, ValueError) as err:
        raise OutputFolderError(
            f"{path} cannot be read ({' '.join(str(err).split())}); move it away (index.html and summary.csv "
            "are rebuilt from it, listing only the reports made after that) or pass another --out folder") from None
    return data


def save_manifest(manifest: dict[str, Any], out_dir: str | Path) -> Path:
    """Write the manifest atomically as strict JSON (no NaN), reports sorted by stem."""
    path = Path(out_dir) / MANIFEST
    manifest = {**manifest, "reports": dict(sorted(manifest["reports"].items())), "updated": _now()}
    text = json.dumps(_strict(manifest), ensure_ascii=False, indent=1, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.replace(tmp, path)
    return path


def prepare_output_folder(out_dir: str | Path) -> Path:
    """Create ``out_dir`` if needed and check that it is a writable folder with a readable manifest.

    Raises ``OutputFolderError`` with what to do; called before any kernel starts.
    """
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"the output folder {out} is an existing file, not a folder; "
                                "pass --out a folder path (it is created if missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".zorglab-write-test-"):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise OutputFolderError(f"cannot write to the output folder {out} ({reason}); "
                                "pass --out a folder you can write to") from None
    load_manifest(out)
    return out.resolve()


def manifest_entry(result: ReportResult) -> dict[str, Any]:
    """The manifest record of one result (the runner's export folder is no parameter and is left out)."""
    return _strict({
        "stem": result.stem, "status": "ok" if result.ok else "failed", "error": result.error,
        "params": {k: v for k, v in result.params.as_dict().items() if k != "export_dir"},
        "files": dict(result.files), "figures": json_safe(result.figures), "seconds": round(result.seconds, 2),
        "finished": result.finished or _now(),
    })


def result_from_entry(entry: dict[str, Any]) -> ReportResult:
    """A ``ReportResult`` back from a manifest record (unknown parameter names of older runs are ignored)."""
    known = {f.name for f in fields(ReportParams)}
    params = ReportParams(**{k: v for k, v in entry["params"].items() if k in known})
    return ReportResult(params, entry.get("status") == "ok", float(entry.get("seconds") or 0.0),
                        dict(entry.get("files") or {}), dict(entry.get("figures") or {}), entry.get("error", ""),
                        finished=entry.get("finished", ""))


def _remove(out: Path, names: Iterable[str]) -> None:
    for name in names:
        (out / name).unlink(missing_ok=True)


def record_result(manifest: dict[str, Any], result: ReportResult, out_dir: str | Path) -> None:
    """Put ``result`` in the manifest (replacing an earlier run of its stem) and tidy its files on disk.

    A failed report loses all its report files (an old HTML must not look current next to "failed"); a
    successful one loses the files an earlier run made that this run did not (e.g. a table that is gone).
    """
    out = Path(out_dir)
    keep = set(result.files.values()) if result.ok else set()
    _remove(out, output_files(out, result.stem) - keep)
    if not result.ok:
        result.files = {k: v for k, v in result.files.items() if k == "notebook" and (out / v).exists()}
    manifest["reports"][result.stem] = manifest_entry(result)


def rebuild_outputs(out_dir: str | Path, language: str = "nl") -> list[ReportResult]:
    """``summary.csv`` and ``index.html`` from the manifest: every report ever produced in ``out_dir``."""
    out = Path(out_dir)
    every = [result_from_entry(e) for _, e in sorted(load_manifest(out)["reports"].items())]
    write_summary(every, out)
    write_index(every, out, language)
    return every


def run_reports(params_list: Iterable[ReportParams], out_dir: str | Path, jobs: int = 1, scheduler: Any = None,
                notebook: str | Path | None = None, show_code: bool = False, progress: bool = True,
                language: str = "nl", on_result: Callable[[ReportResult], None] | None = None) -> list[ReportResult]:
    """Run every report (locally with ``jobs`` threads or on ``scheduler``) and update the index.

    Output folder: per report ``<stem>.html``, ``.xlsx``, ``.json`` and ``<stem>__*.csv`` +
    ``<stem>__README.txt`` (see ``zorglab.reports.export``), ``notebooks/`` with the executed notebooks,
    ``manifest.json`` (every report ever made here), and ``summary.csv`` (one row per report) and
    ``index.html`` rebuilt from the manifest. Returns the results of this run only, in plan order.
    """
    from tqdm.auto import tqdm

    params_list = list(params_list)
    out = prepare_output_folder(out_dir)
    manifest = load_manifest(out)
    kw = {"out_dir": str(out), "notebook": str(notebook) if notebook else None, "show_code": show_code}
    stream = _dask(params_list, scheduler, **kw) if scheduler is not None else _local(params_list, jobs, **kw)
    results: list[ReportResult] = []
    bar = tqdm(total=len(params_list), desc="Rapporten" if language == "nl" else "Reports", unit="rapport",
               disable=not progress)
    failed = 0
    try:
        for res in stream:
            results.append(res)
            record_result(manifest, res, out)
            save_manifest(manifest, out)  # after each report: an interrupted run keeps what it finished
            failed += not res.ok
            bar.set_postfix_str(f"{res.params.stem} {'ok' if res.ok else 'MISLUKT'}; mislukt: {failed}")
            bar.update()
            if on_result:
                on_result(res)
    finally:
        bar.close()
        rebuild_outputs(out, language)
    order = {p.stem: i for i, p in enumerate(params_list)}
    results.sort(key=lambda r: order[r.params.stem])
    return results


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


_INDEX_TEXT = {
    "title": ("Regionale evaluaties", "Regional evaluations"),
    "cols": (["Regio", "Gemeente", "Model", "Scenario", "Uitgaven (model)", "T.o.v. P x Q", "Marge aanbieders",
              "Risico", "Kappa oud → nieuw", "Welbevinden na", "Jeugdhulp % (CBS)", "Gemaakt", "Bestanden"],
             ["Region", "Municipality", "Model", "Scenario", "Spend (model)", "Against P x Q", "Provider margin",
              "Risk", "Kappa old → new", "Wellbeing after", "Youth care % (CBS)", "Made", "Files"]),
    "failed": ("Mislukt", "Failed"),
    "none_failed": ("Alle rapporten zijn gemaakt.", "All reports were produced."),
    "tables": ("tabellen", "tables"),
    "source": ("Jeugdhulp: Bron: CBS StatLine, Indicatoren jeugdzorg 2022*.",
               "Youth care: Source: CBS StatLine, youth-care indicators 2022*."),
}


def _cell(value: Any, fmt: Callable[[float], str]) -> str:
    return "–" if value is None or (isinstance(value, float) and value != value) else html.escape(fmt(value))


def _link(path: str, label: str) -> str:
    return f'<a href="{html.escape(quote(path))}">{html.escape(label)}</a>'


def _links(files: dict[str, str], tables_label: str) -> str:
    """HTML · XLSX · a fold-out list of the CSV files (one per table) and their README."""
    links = [_link(files[k], k.upper()) for k in ("html", "xlsx") if k in files]
    csvs = sorted((k[4:], v) for k, v in files.items() if k.startswith("csv:"))
    if csvs:
        first = [(KEY_FIGURES, files[f"csv:{KEY_FIGURES}"])] if f"csv:{KEY_FIGURES}" in files else []
        items = first + [(n, v) for n, v in csvs if n != KEY_FIGURES]
        items += [("README", files["readme"])] if "readme" in files else []
        inner = "<br>".join(_link(v, n) for n, v in items)
        links.append(f"<details><summary>CSV ({len(csvs)} {tables_label})</summary>{inner}</details>")
    elif "csv" in files:  # the one-file CSV of older runs
        links.append(_link(files["csv"], "CSV"))
    return " · ".join(links)


def write_index(results: Sequence[ReportResult], out_dir: Path, language: str = "nl") -> Path:
    """``index.html`` linking every report with its key figures; failures listed with their reason.

    Everything that came from parameters, figures or errors is HTML-escaped."""
    en = int(language == "en")
    t = lambda k: _INDEX_TEXT[k][en]  # noqa: E731
    rows = []
    for r in results:
        if not r.ok:
            continue
        f, p = r.figures, r.params
        cells = [html.escape(p.region), html.escape(p.municipality or "–"), html.escape(p.funding_model),
                 html.escape(p.scenario), _cell(f.get("spend_model_eur"), lambda v: format_eur(v, 0)),
                 _cell(f.get("spend_difference_eur"), lambda v: format_eur(v, 0)),
                 _cell(f.get("margin_pct_model"), format_pct), html.escape(str(f.get("continuity_risk_model", "–"))),
                 _cell(f.get("kappa_old"), lambda v: format_number(v, 3)) + " → " +
                 _cell(f.get("kappa_harmonised"), lambda v: format_number(v, 3)),
                 _cell(f.get("wellbeing_after_model"), lambda v: format_number(v, 2)),
                 _cell(f.get("youth_care_pct_region"), lambda v: format_number(v, 1) + "%"),
                 html.escape(r.finished[:16].replace("T", " ") or "–"), _links(r.files, t("tables"))]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{c}</th>" for c in t("cols"))
    fails = [r for r in results if not r.ok]
    fail_html = (f"<h2>{t('failed')} ({len(fails)})</h2><ul>" + "".join(
        f"<li><b>{html.escape(r.stem)}</b>: {html.escape(r.error)}"
        + (f" ({_link(r.files['notebook'], 'notebook')})" if "notebook" in r.files else "")
        + (f" – {html.escape(r.finished[:16].replace('T', ' '))}" if r.finished else "")
        + "</li>" for r in fails) + "</ul>") if fails else f"<p>{t('none_failed')}</p>"
    doc = f"""<!DOCTYPE html>
<html lang="{html.escape(language)}"><head><meta charset="utf-8"><title>{t('title')}</title>
<style>body{{font-family:sans-serif;margin:2em}} table{{border-collapse:collapse}}
td,th{{padding:4px 8px;white-space:nowrap;border-bottom:1px solid #ddd;text-align:right;vertical-align:top}}
td:first-child,th:first-child{{text-align:left}} details{{text-align:left}}
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
