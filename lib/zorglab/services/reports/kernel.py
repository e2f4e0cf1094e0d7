"""Warm report kernels: one long-lived Jupyter kernel per worker runs report after report (issue 11).

Why: kernel start and imports cost seconds; paid once per worker instead of per report. papermill still
injects each report's parameters (the notebook stays the single source); only its engine differs:
``WarmKernelEngine`` executes in the running kernel, which is reset between reports so one report cannot
leak into the next.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import time
from collections.abc import Callable
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from zorglab.services.reports import bokehjs

KERNEL_START_TIMEOUT = 180  # seconds; many parallel kernels on 2 cores start slowly
# the kernels' own warnings (plain-TCP notice, interrupt at shutdown) would bury the progress bar; notebook
# errors still come back through papermill. History in memory: no SQLite file shared by parallel kernels.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.hist_file=:memory:"]
RECYCLE_AFTER = 250  # reports per warm kernel before a fresh one: a guard (ours stays at ~280 MB over 120)
RESET_TIMEOUT = 60  # seconds for a warm kernel to reset between reports; else it is replaced
WARM_ENGINE = "zorglab-warm"  # papermill engine name of WarmKernelEngine


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
def warm_engine() -> str:
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
