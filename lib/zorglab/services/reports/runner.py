"""Run the regional evaluation notebook for many regions: plan the jobs, run them, keep the folder's index.

Why this shape: every job is checked before any kernel starts (a typo in a region name must not cost
minutes), one failing region never loses the others (``run_report`` never raises, it returns what went
wrong), and the same ``run_report`` runs in local worker threads or on a Dask cluster. The jobs of this
module's parts:

* ``execution``: one report (papermill, nbconvert via ``html_export``, key figures read back);
* ``kernel``: the warm kernel each worker keeps across reports (``--fresh-kernels`` for one per report);
* ``dask_cluster``: the same on a Dask cluster;
* ``manifest``: what the output folder holds (every report ever made there), ``index_page``: its
  ``index.html`` and ``summary.csv``, rebuilt from the manifest after every run.
"""

from __future__ import annotations

import contextlib
import queue
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from zorglab.core.i18n import check_language
from zorglab.domain.funding import MODELS
from zorglab.domain.regions import get_region, regions
from zorglab.services.reports.dask_cluster import run_on_cluster
from zorglab.services.reports.execution import default_notebook, run_report
from zorglab.services.reports.index_page import rebuild_outputs
from zorglab.services.reports.kernel import ReportKernel
from zorglab.services.reports.manifest import (
    ReportResult,
    load_manifest,
    prepare_output_folder,
    record_result,
    save_manifest,
)
from zorglab.services.reports.params import SCENARIOS, ReportParams, check_params
from zorglab.services.reports.words import tr

__all__ = ["ReportResult", "default_notebook", "plan", "run_report", "run_reports"]


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


def _progress_text(result: ReportResult, failed: int, language: str) -> str:
    """The progress bar's note after a report: its stem, ok or failed, and the failures so far."""
    status = tr("progress_ok" if result.ok else "progress_failed", language)
    return f"{result.params.stem} {status}; {tr('progress_failed_count', language, n=failed)}"


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

    language = check_language(language)
    params_list = list(params_list)
    out = prepare_output_folder(out_dir)
    manifest = load_manifest(out)
    kw: dict[str, Any] = {"out_dir": str(out), "notebook": str(notebook) if notebook else None, "show_code": show_code,
          "self_contained": self_contained, "reuse_kernels": reuse_kernels}
    stream = run_on_cluster(params_list, scheduler, **kw) if scheduler is not None else _local(params_list, jobs, **kw)
    results: list[ReportResult] = []
    bar = tqdm(total=len(params_list), desc=tr("progress_reports", language), unit=tr("progress_unit", language),
               disable=not progress)
    failed = 0
    try:
        for res in stream:
            results.append(res)
            record_result(manifest, res, out)
            save_manifest(manifest, out)  # after each report: an interrupted run keeps what it finished
            failed += not res.ok
            bar.set_postfix_str(_progress_text(res, failed, language))
            bar.update()
            if on_result:
                on_result(res)
    finally:
        bar.close()
        rebuild_outputs(out, language)
    order = {p.stem: i for i, p in enumerate(params_list)}
    results.sort(key=lambda r: order[r.params.stem])
    return results
