"""Run the regional evaluation notebook for many regions: papermill, nbconvert, an index page.

Why this shape: every job is checked before any kernel starts (a typo in a region name must not cost
minutes), one failing region never loses the others (``run_report`` never raises, it returns what went
wrong), and the same ``run_report`` runs in local worker processes or on a Dask cluster.

The output folder accumulates: ``manifest.json`` records every report ever produced there (stem ->
parameters, files, key figures, ok/failed, time), and ``index.html`` and ``summary.csv`` are rebuilt from
it after every run, so a second run into the same folder adds to the index instead of hiding the first.
A re-run of a stem replaces its entry; a failed re-run removes that report's old HTML/CSV/XLSX/JSON, so
no stale figures stay next to a "failed" line. The layout of one report's files is described in
``zorglab.services.reports.export``.

Speed (issue 11): by default each worker (a local thread, or a Dask worker thread) keeps one warm kernel
(``ReportKernel``) and runs report after report in it, so kernel start and imports are paid once per
worker, not per report. papermill still injects each report's parameters into the notebook (the notebook
stays the single source); only its engine differs: ``WarmKernelEngine`` executes in the running kernel,
which is reset between reports so one report cannot leak into the next. The HTML files of a folder
share one BokehJS and one stylesheet in ``assets/`` (``--self-contained`` puts both in every file).
"""

from __future__ import annotations

import atexit
import contextlib
import contextvars
import functools
import glob
import html
import json
import logging
import math
import os
import queue
import re
import socket
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import nbformat
import pandas as pd
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from zorglab.core import i18n
from zorglab.core.errors import ZorglabError
from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.paths import notebooks_dir
from zorglab.domain.funding import MODELS
from zorglab.domain.regions import get_region, regions
from zorglab.services.reports import bokehjs
from zorglab.services.reports.export import (
    CSV_OPTIONS,
    KEY_FIGURES,
    README,
    SCRAP_MIME,
    SEP,
    json_safe,
    write_rows,
)
from zorglab.services.reports.params import SCENARIOS, ReportParams, check_params

NOTEBOOK = "regional_evaluation.ipynb"
KERNEL_START_TIMEOUT = 180  # seconds; many parallel kernels on 2 cores start slowly
NARRATIVE_TAG = "narrative"  # markdown cells for notebook readers; left out of the reader's HTML
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "zorglab-reports-manifest"
SCHEDULER_TIMEOUT = 10  # seconds to reach a Dask scheduler before giving up
DASK_PORT = 8786
# the kernels' own warnings (plain-TCP notice, interrupt at shutdown) would bury the progress bar; notebook
# errors still come back through papermill. History in memory: no SQLite file shared by parallel kernels.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.hist_file=:memory:"]
RECYCLE_AFTER = 250  # reports per warm kernel before a fresh one: a guard (ours stays at ~280 MB over 120)
RESET_TIMEOUT = 60  # seconds for a warm kernel to reset between reports; else it is replaced
WARM_ENGINE = "zorglab-warm"  # papermill engine name of WarmKernelEngine


class OutputFolderError(ZorglabError):
    """The output folder cannot be used (a file, not writable, or a broken manifest); says what to do."""


class SchedulerError(ZorglabError):
    """The Dask scheduler cannot be reached; says what to do."""


class ReportKernelManager(AsyncKernelManager):
    """A kernel started for an HTML report: it leaves BokehJS out of its outputs (see ``export_html``)."""

    async def _async_pre_start_kernel(self, **kw: Any):
        kw["env"] = {**os.environ, **(kw.get("env") or {}), bokehjs.EXPORT_ENV: "1"}
        return await super()._async_pre_start_kernel(**kw)


# Runs in a warm kernel before each report (silently, outside the notebook): the namespace is emptied as by
# ``%reset -f`` but with a new history session (execution counts start at 1, as in a fresh kernel); regions
# an earlier report registered from its ``regions_file`` are forgotten; leaving ``catch_warnings`` clears
# the "shown once" registries, so a warning shows in every report that triggers it. Imports stay loaded.
# ``reset`` ends with a full garbage collection; ``gc.freeze`` then sets what survived it (modules, library
# caches: 280,000 objects) aside, so later collections skip it: 0.2-0.4 s less per report.
RESET_CODE = """\
import os, sys, warnings
os.chdir({cwd!r})
if "zorglab.domain.regions" in sys.modules:
    sys.modules["zorglab.domain.regions"].clear_registered_regions()
with warnings.catch_warnings():
    pass
get_ipython().reset(new_session=True)
__import__("gc").freeze()
"""


class ReportKernel:
    """One long-lived kernel that runs report after report: kernel start and imports are paid once.

    ``ready`` (called by ``WarmKernelEngine`` before each report) starts the kernel or resets it
    (``RESET_CODE``). A kernel that failed a report (cell error, death, timeout) is shut down by
    ``run_report`` and the next report gets a fresh one; after ``recycle_after`` reports it is replaced
    too. One thread uses a ``ReportKernel`` at a time. Its asyncio loop lives in a context of its own:
    Dask runs every task in a copy of the thread's context, so a loop kept by ``jupyter_core`` in the
    thread's context would be lost (and a new one made) between tasks.
    """

    def __init__(self, recycle_after: int = RECYCLE_AFTER, start_timeout: int = KERNEL_START_TIMEOUT):
        self.recycle_after = recycle_after
        self.start_timeout = start_timeout
        self.km: ReportKernelManager | None = None
        self.kc: Any = None
        self.kernel_name = ""
        self.reports = 0  # reports run in the current kernel
        self.started = 0  # kernels started in all (a benchmark and the tests read it)
        self._context = contextvars.copy_context()
        self._inside = False

    def run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Call ``fn`` in this kernel's context (where its event loop is); re-entrant."""
        if self._inside:
            return fn(*args, **kwargs)
        self._inside = True
        try:
            return self._context.run(fn, *args, **kwargs)
        finally:
            self._inside = False

    @property
    def pid(self) -> int | None:
        """The kernel's process id while one runs."""
        proc = getattr(getattr(self.km, "provisioner", None), "process", None)
        return getattr(proc, "pid", None)

    def ready(self, kernel_name: str, cwd: str) -> None:
        """A clean kernel for the next report, working in ``cwd``: the current one reset, or a new one."""
        self.run(self._ready, kernel_name, cwd)

    def _ready(self, kernel_name: str, cwd: str) -> None:
        if self.km is not None and (kernel_name != self.kernel_name or self.reports >= self.recycle_after
                                    or not run_sync(self.km.is_alive)()):
            self._close()
        if self.km is not None:
            try:
                run_sync(self._reset)(cwd)
                return
            except Exception:  # noqa: BLE001 - a kernel that cannot reset is replaced, not trusted
                self._close()
        self._start(kernel_name, cwd)

    def _start(self, kernel_name: str, cwd: str) -> None:
        for attempt in range(2):
            km = ReportKernelManager(kernel_name=kernel_name)
            kc = None
            try:
                run_sync(km.start_kernel)(cwd=cwd, extra_arguments=list(KERNEL_ARGS))
                kc = km.client()
                kc.start_channels()
                run_sync(kc.wait_for_ready)(timeout=self.start_timeout)
            except RuntimeError as err:  # a busy laptop: the kernel did not come up in time; try once more
                self._shutdown(km, kc)
                if attempt or "Kernel didn't respond" not in str(err):
                    raise
                continue
            except BaseException:
                self._shutdown(km, kc)
                raise
            kc.allow_stdin = False
            self.km, self.kc, self.kernel_name, self.reports = km, kc, kernel_name, 0
            self.started += 1
            return

    async def _reset(self, cwd: str) -> None:
        msg_id = self.kc.execute(RESET_CODE.format(cwd=cwd), silent=True, store_history=False, allow_stdin=False)
        deadline = time.monotonic() + RESET_TIMEOUT
        while True:
            reply = await self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                break
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"kernel reset failed: {reply['content'].get('evalue')}")

    @staticmethod
    def _shutdown(km: Any, kc: Any) -> None:
        with contextlib.suppress(Exception):
            if kc is not None:
                kc.stop_channels()
        with contextlib.suppress(Exception):
            run_sync(km.shutdown_kernel)(now=True)

    def close(self) -> None:
        """Shut the kernel down (a next ``ready`` starts a new one)."""
        self.run(self._close)

    def _close(self) -> None:
        km, kc = self.km, self.kc
        self.km = self.kc = None
        self.reports = 0
        if km is not None:
            self._shutdown(km, kc)

    def __enter__(self) -> ReportKernel:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


@functools.cache
def _warm_engine() -> str:
    """Register ``WarmKernelEngine`` with papermill (once per process); its engine name."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import Engine, papermill_engines
    from papermill.log import logger

    class WarmKernelEngine(Engine):
        """papermill's nbclient engine, executing in a running ``ReportKernel`` instead of a new kernel.

        papermill has already injected the parameters cell; nbclient runs the cells over the kernel's
        client, which stays open for the next report (nbclient only closes what it started itself).
        """

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, log_output: bool = False,
                                     stdout_file: Any = None, stderr_file: Any = None, start_timeout: int = 60,
                                     execution_timeout: int | None = None, report_kernel: ReportKernel | None = None,
                                     kernel_cwd: str = "", **kwargs: Any) -> Any:
            if report_kernel is None:
                raise ValueError(f"the {WARM_ENGINE} engine needs report_kernel=ReportKernel()")
            report_kernel.ready(kernel_name, kernel_cwd or os.getcwd())
            client = PapermillNotebookClient(nb_man, km=report_kernel.km, timeout=execution_timeout,
                                             startup_timeout=start_timeout, kernel_name=kernel_name, log=logger,
                                             log_output=log_output, stdout_file=stdout_file, stderr_file=stderr_file)
            client.kc = report_kernel.kc
            return client.execute()

    papermill_engines.register(WARM_ENGINE, WarmKernelEngine)
    return WARM_ENGINE


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


# The nbconvert "lab" page without its CDN scripts (require.js, MathJax, Mermaid: a report uses none, and
# offline they only fail to load) and with its 250 kB of CSS marked, so it can go to a shared file.
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
               show_code: bool = False, timeout: int = 1800, kernel: ReportKernel | None = None,
               self_contained: bool = False) -> ReportResult:
    """Execute, export and record one report. Never raises: a failure comes back as ``ok=False``.

    With a ``kernel`` the notebook runs in that warm kernel (reset first); without, in a new kernel that
    is shut down afterwards. A kernel that failed the report is shut down either way.
    """
    import papermill as pm

    start = time.perf_counter()
    out = Path(out_dir).resolve()
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    stem = params.stem
    executed = out / "notebooks" / f"{stem}.ipynb"
    files = {"notebook": f"notebooks/{stem}.ipynb"}
    source = str(notebook or default_notebook())
    parameters = {**params.as_dict(), "export_dir": str(out)}
    common = {"progress_bar": False, "log_output": False, "execution_timeout": timeout,
              "start_timeout": KERNEL_START_TIMEOUT, "request_save_on_cell_execute": False}
    ran = False
    try:
        if kernel is not None:
            kernel.run(pm.execute_notebook, source, str(executed), parameters=parameters, engine_name=_warm_engine(),
                       report_kernel=kernel, kernel_cwd=str(out), **common)
            kernel.reports += 1
        else:
            for attempt in range(2):
                try:
                    pm.execute_notebook(source, str(executed), parameters=parameters, cwd=str(out),
                                        kernel_manager_class=ReportKernelManager, extra_arguments=list(KERNEL_ARGS),
                                        **common)
                    break
                except RuntimeError as err:  # a busy laptop: the kernel did not come up in time; try once more
                    if attempt or "Kernel didn't respond" not in str(err):
                        raise
        ran = True
        nb = nbformat.read(executed, as_version=4)
        figures = read_figures(nb)
        export_html(nb, out / f"{stem}.html", f"zorglab – {stem}", show_code, self_contained)
        files["html"] = f"{stem}.html"
        files.update(_exported_files(nb, out, stem))
        return ReportResult(params, True, time.perf_counter() - start, files, figures, finished=_now())
    except Exception as err:  # noqa: BLE001 - one region's failure must not stop the others
        if kernel is not None and not ran:
            kernel.close()  # it may have died, hang in a cell or hold half-changed state: never reuse it
        return ReportResult(params, False, time.perf_counter() - start, files if executed.exists() else {},
                            error=_reason(err), detail=traceback.format_exc(limit=3), finished=_now())


def _reason(err: BaseException) -> str:
    """One line: the notebook's own exception when papermill wraps it."""
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(err).__name__}: {err}"
    return " ".join(text.split())[:500]


def _local(params_list: list[ReportParams], jobs: int, reuse_kernels: bool = True,
           **kw: Any) -> Iterator[ReportResult]:
    """``jobs`` threads, each running reports one after another (in its own warm kernel if ``reuse_kernels``).

    Threads are enough: a report's work runs in a kernel process; a thread waits on it and exports HTML.
    """
    def reports(kernel: ReportKernel | None, todo: Callable[[], ReportParams | None]) -> Iterator[ReportResult]:
        while (p := todo()) is not None:
            yield run_report(p, kernel=kernel, **kw)

    waiting: queue.SimpleQueue[ReportParams] = queue.SimpleQueue()
    for p in params_list:
        waiting.put(p)

    def next_job() -> ReportParams | None:
        try:
            return waiting.get_nowait()
        except queue.Empty:
            return None

    n = max(1, min(jobs, len(params_list)))
    if n == 1:
        with ReportKernel() if reuse_kernels else contextlib.nullcontext() as kernel:
            yield from reports(kernel, next_job)
        return
    done: queue.SimpleQueue[ReportResult] = queue.SimpleQueue()

    def worker() -> None:
        with ReportKernel() if reuse_kernels else contextlib.nullcontext() as kernel:
            for res in reports(kernel, next_job):
                done.put(res)

    pool = ThreadPoolExecutor(max_workers=n, thread_name_prefix="zorglab-report")
    workers = [pool.submit(worker) for _ in range(n)]
    try:
        for _ in params_list:
            while True:
                try:
                    res = done.get(timeout=0.5)
                    break
                except queue.Empty:
                    if all(w.done() for w in workers) and done.empty():  # a worker broke (a bug): say so
                        broken = next((w.exception() for w in workers if w.exception()), None)
                        raise RuntimeError("report workers stopped before every report was run") from broken
            yield res
    finally:
        while next_job() is not None:  # interrupted: the workers stop after their current report
            pass
        pool.shutdown(wait=True)


def run_report_on_worker(params: ReportParams, reuse_kernel: bool = True, **kw: Any) -> ReportResult:
    """``run_report`` as a Dask task: each worker thread keeps one warm kernel from task to task.

    The kernel stays while the worker lives (shut down at exit; it also stops by itself when its parent
    process is gone), so a next run on the same cluster starts warm as well.
    """
    kernel = None
    if reuse_kernel:
        kernel = getattr(_worker_kernels, "kernel", None)
        if kernel is None:
            kernel = _worker_kernels.kernel = ReportKernel()
            atexit.register(kernel.close)
    return run_report(params, kernel=kernel, **kw)


_worker_kernels = threading.local()


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


def _dask(params_list: list[ReportParams], scheduler: Any, reuse_kernels: bool = True,
          **kw: Any) -> Iterator[ReportResult]:
    """On an existing Dask cluster (address or Client); workers must see the same output folder."""
    from distributed import Client
    from distributed import as_completed as dask_completed

    client = scheduler if isinstance(scheduler, Client) else connect_scheduler(scheduler)
    try:
        futures = client.map(run_report_on_worker, params_list, pure=False, reuse_kernel=reuse_kernels, **kw)
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
                language: str = "nl", on_result: Callable[[ReportResult], None] | None = None,
                reuse_kernels: bool = True, self_contained: bool = False) -> list[ReportResult]:
    """Run every report (locally with ``jobs`` threads or on ``scheduler``) and update the index.

    ``reuse_kernels``: one warm kernel per worker runs report after report (False: a new kernel per
    report, slower). ``self_contained``: BokehJS and CSS inline in every HTML file instead of once in
    ``assets/``.

    Output folder: per report ``<stem>.html``, ``.xlsx``, ``.json`` and ``<stem>__*.csv`` +
    ``<stem>__README.txt`` (see ``zorglab.services.reports.export``), ``notebooks/`` with the executed notebooks,
    ``manifest.json`` (every report ever made here), and ``summary.csv`` (one row per report) and
    ``index.html`` rebuilt from the manifest. Returns the results of this run only, in plan order.
    """
    from tqdm.auto import tqdm

    params_list = list(params_list)
    out = prepare_output_folder(out_dir)
    manifest = load_manifest(out)
    kw = {"out_dir": str(out), "notebook": str(notebook) if notebook else None, "show_code": show_code,
          "self_contained": self_contained, "reuse_kernels": reuse_kernels}
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
<p class="notice">{html.escape(i18n.t('common.synthetic_notice', 'en' if en else 'nl'))}</p>
<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>
<p>{t('source')}</p>
{fail_html}
</body></html>"""
    path = Path(out_dir) / "index.html"
    path.write_text(doc, encoding="utf-8")
    return path
