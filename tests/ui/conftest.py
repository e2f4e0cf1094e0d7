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
