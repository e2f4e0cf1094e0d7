"""Reports on an existing Dask cluster: each worker thread keeps one warm kernel from task to task.

Why a plain socket first: a refused connection is reported at once with what to do, instead of after the
client's own timeout.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from zorglab.core.errors import ZorglabError
from zorglab.services.reports.execution import run_report
from zorglab.services.reports.kernel import ReportKernel
from zorglab.services.reports.manifest import ReportResult
from zorglab.services.reports.params import ReportParams

SCHEDULER_TIMEOUT = 10  # seconds to reach a Dask scheduler before giving up
DASK_PORT = 8786


class SchedulerError(ZorglabError):
    """The Dask scheduler cannot be reached; says what to do."""


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


def connect_scheduler(address: str, timeout: float | None = None) -> Any:
    """A ``distributed.Client`` on the scheduler at ``address``, or ``SchedulerError`` within ``timeout`` s
    (default ``SCHEDULER_TIMEOUT``, read at call time).

    A TCP address is tried with a plain socket first: a refused connection is reported at once.
    """
    timeout = SCHEDULER_TIMEOUT if timeout is None else timeout
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


def run_on_cluster(params_list: list[ReportParams], scheduler: Any, reuse_kernels: bool = True,
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

