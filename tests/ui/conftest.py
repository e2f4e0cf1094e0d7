"""Browser tests in real headless Debian Chromium driven by Playwright (no browser downloads here)."""

from __future__ import annotations

from pathlib import Path

import panel as pn
import pytest

from tests.net import free_port, wait_for_port

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/ui/" in str(item.fspath):
            item.add_marker(pytest.mark.ui)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing at /usr/bin/chromium: run `bash scripts/setup.sh` (installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="nl-NL")
    pg = context.new_page()
    pg.set_default_timeout(20_000)
    yield pg
    context.close()


@pytest.fixture(autouse=True)
def _reset_panel_state():
    yield
    pn.state.reset()


@pytest.fixture(autouse=True)
def _close_pages(request):
    """Close every page a test opened: the browser lives for the whole run, and a page left open keeps polling its
    server (or, once that server is gone, keeps trying to reconnect) while the next tests run on the same 2 cores."""
    yield
    if "browser" in request.fixturenames:
        for context in request.getfixturevalue("browser").contexts:
            context.close()


@pytest.fixture
def serve():
    """serve(app_or_dict) -> base URL; every server is stopped after the test."""
    servers = []

    def _serve(app, **kwargs):
        port = free_port()
        server = pn.serve(app, port=port, address="127.0.0.1", threaded=True, show=False,
                          websocket_origin=[f"127.0.0.1:{port}", f"localhost:{port}"], **kwargs)
        servers.append(server)
        wait_for_port(port)
        return f"http://127.0.0.1:{port}"

    yield _serve
    for server in servers:
        server.stop()  # only schedules the shutdown ...
        server.join(15)  # ... so wait: pn.state.reset() would otherwise stop a stopping thread and raise


@pytest.fixture
def iv_server(tmp_path, monkeypatch):
    """start(same_port=False) -> base URL of a fresh intervision server (threaded, in this process) on one
    SQLite database in tmp_path; the previous server is stopped first, as in a restart. With the trainer
    console's cookie route (zorglab.services.intervision.web) like `python -m zorglab.serve`."""
    from zorglab.core.paths import apps_dir
    from zorglab.services.intervision import storage as iv_storage
    from zorglab.services.intervision.web import ROUTES, SERVER_KWARGS

    monkeypatch.setenv("ZORGLAB_DB_URL", f"sqlite:///{tmp_path / 'iv.sqlite'}")
    running: list = []
    ports: list[int] = []

    def stop() -> None:
        while running:
            thread = running.pop()
            thread.stop()
            thread.join(15)

    def start(same_port: bool = False) -> str:
        stop()
        iv_storage._STORES.clear()  # as in a new process: no engine survives the restart
        port = ports[-1] if same_port and ports else free_port()
        ports.append(port)
        running.append(pn.serve({"intervision": str(apps_dir() / "intervision.py")}, port=port, address="127.0.0.1",
                                threaded=True, show=False, websocket_origin=[f"127.0.0.1:{port}"],
                                extra_patterns=list(ROUTES), **SERVER_KWARGS))
        wait_for_port(port)
        return f"http://127.0.0.1:{port}"

    start.stop = stop
    yield start
    stop()
    iv_storage._STORES.clear()


class ServedSuite:
    """`panel serve` exactly as `python -m zorglab.serve` builds it, as a real process group on loopback.

    ``start()`` waits until the trainer-console route answers; ``kill()`` is kill -9 of every server process
    (what a crash does: the kernel closes their sockets); ``stop()`` is SIGTERM.
    """

    def __init__(self, tmp_path, db_url: str | None = None):
        self.tmp_path, self.db_url = tmp_path, db_url or f"sqlite:///{tmp_path / 'iv.sqlite'}"
        self.port = free_port()
        self.proc = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, procs: int = 1, timeout: float = 90.0) -> str:
        import subprocess
        import time
        import urllib.request

        from zorglab.serve import build_command

        cmd, env = build_command(port=self.port, procs=procs)
        env.update(ZORGLAB_DB_URL=self.db_url, ZORGLAB_VAR=str(self.tmp_path))
        self.log = (self.tmp_path / f"server-{time.monotonic_ns()}.log").open("w")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                with urllib.request.urlopen(f"{self.base}/intervision_console?ping=1", timeout=2) as r:
                    if r.status == 204:
                        return self.base
            except OSError:
                time.sleep(0.3)
        self.kill()
        raise TimeoutError(f"server did not start within {timeout:.0f} s")

    def _signal(self, sig) -> None:
        import contextlib
        import os

        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, sig)
            self.proc.wait(30)
            self.proc = None
            self.log.close()

    def kill(self) -> None:
        import signal

        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        import signal

        self._signal(signal.SIGTERM)


@pytest.fixture
def served_suite(tmp_path):
    """A served suite (real processes) on a SQLite file in tmp_path; stopped after the test."""
    suites: list[ServedSuite] = []

    def make(db_url: str | None = None) -> ServedSuite:
        suites.append(ServedSuite(tmp_path, db_url))
        return suites[-1]

    yield make
    for s in suites:
        s.kill()
