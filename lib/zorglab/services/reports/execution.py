"""One report, start to end: papermill runs the notebook (warm or fresh kernel), nbconvert makes the HTML,
and the key figures and exported files are read back from the executed notebook.

Why ``run_report`` never raises: one region's failure must not lose the others; it returns what went wrong.
"""

from __future__ import annotations

import time
import traceback
from pathlib import Path
from typing import Any

import nbformat

from zorglab.core.paths import notebooks_dir
from zorglab.services.reports.export import README, SCRAP_MIME, SEP
from zorglab.services.reports.html_export import export_html
from zorglab.services.reports.kernel import (
    KERNEL_ARGS,
    KERNEL_START_TIMEOUT,
    ReportKernel,
    ReportKernelManager,
    warm_engine,
)
from zorglab.services.reports.manifest import ReportResult, now, output_files
from zorglab.services.reports.params import ReportParams

NOTEBOOK = "regional_evaluation.ipynb"


# How a kernel start fails without running anything: too slow on a busy laptop, or its ports were taken between
# choosing and binding them (ZMQError: Address already in use, seen with parallel runs).
KERNEL_NEVER_STARTED = ("Kernel didn't respond", "Kernel died before replying to kernel_info")


def default_notebook() -> Path:
    return notebooks_dir() / NOTEBOOK


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
            kernel.run(pm.execute_notebook, source, str(executed), parameters=parameters, engine_name=warm_engine(),
                       report_kernel=kernel, kernel_cwd=str(out), **common)
            kernel.reports += 1
        else:
            for attempt in range(2):
                try:
                    pm.execute_notebook(source, str(executed), parameters=parameters, cwd=str(out),
                                        kernel_manager_class=ReportKernelManager, extra_arguments=list(KERNEL_ARGS),
                                        **common)
                    break
                except RuntimeError as err:  # the kernel never came up, so nothing ran: try once more
                    if attempt or not any(sign in str(err) for sign in KERNEL_NEVER_STARTED):
                        raise
        ran = True
        nb = nbformat.read(executed, as_version=4)
        figures = read_figures(nb)
        export_html(nb, out / f"{stem}.html", f"zorglab – {stem}", show_code, self_contained)
        files["html"] = f"{stem}.html"
        files.update(_exported_files(nb, out, stem))
        return ReportResult(params, True, time.perf_counter() - start, files, figures, finished=now())
    except Exception as err:  # noqa: BLE001 - one region's failure must not stop the others
        if kernel is not None and not ran:
            kernel.close()  # it may have died, hang in a cell or hold half-changed state: never reuse it
        return ReportResult(params, False, time.perf_counter() - start, files if executed.exists() else {},
                            error=_reason(err), detail=traceback.format_exc(limit=3), finished=now())


def _reason(err: BaseException) -> str:
    """One line: the notebook's own exception when papermill wraps it."""
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    text = f"{ename}: {evalue}" if ename else f"{type(err).__name__}: {err}"
    return " ".join(text.split())[:500]

