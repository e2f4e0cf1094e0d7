"""The main command: both apps behind one index page, local by default, room mode on request."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.net import free_port, port_open
from zorglab.serve import APPS, PUBLIC_URL_ENV, _stop, build_command, lan_addresses, public_base_url


def test_local_by_default():
    cmd, env = build_command(port=5123)
    assert cmd[cmd.index("--address") + 1] == "127.0.0.1"
    assert env[PUBLIC_URL_ENV] == "http://localhost:5123"
    assert "--index" in cmd


def test_room_mode_listens_on_all_interfaces(monkeypatch):
    monkeypatch.setattr("zorglab.serve.lan_addresses", lambda: ["192.0.2.10"])  # TEST-NET address, never contacted
    monkeypatch.delenv(PUBLIC_URL_ENV, raising=False)
    cmd, env = build_command(port=5123, room=True)
    assert cmd[cmd.index("--address") + 1] == "0.0.0.0"
    assert "--allow-websocket-origin=192.0.2.10:5123" in cmd
    assert env[PUBLIC_URL_ENV] == "http://192.0.2.10:5123"


def test_public_url_respects_trainer_setting(monkeypatch):
    monkeypatch.setenv(PUBLIC_URL_ENV, "http://zaal-3.local:8080/")
    assert public_base_url() == "http://zaal-3.local:8080"


def test_bad_port_is_explained():
    out = subprocess.run([sys.executable, "-m", "zorglab.serve", "--port", "80"], capture_output=True, text=True)
    assert out.returncode != 0 and "allowed: 1024-65535" in out.stderr
    out = subprocess.run([sys.executable, "-m", "zorglab.serve", "--procs", "0"], capture_output=True, text=True)
    assert out.returncode != 0 and "allowed: 1-64" in out.stderr


def test_several_processes_and_the_trainer_cookie_route():
    cmd, _ = build_command(port=5123, procs=4)
    assert cmd[cmd.index("--num-procs") + 1] == "4"
    assert cmd[cmd.index("--plugins") + 1] == "zorglab.services.intervision.web"  # HttpOnly console cookie
    assert cmd[cmd.index("--plugins", cmd.index("--plugins") + 1) + 1] == "zorglab.services.game.web"  # the game's cookie
    at = cmd.index("--exclude-cookies")  # one flag with every console cookie: never in a page's session token
    assert cmd[at + 1:at + 3] == ["zorglab_iv_console", "zorglab_pg_console"]
    assert "--exclude-headers=Cookie" in cmd


def test_a_server_that_ignores_sigterm_is_killed_after_the_grace_period():
    child = subprocess.Popen([sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
                              " print('ready', flush=True); time.sleep(120)"], stdout=subprocess.PIPE, text=True,
                             start_new_session=True)
    assert child.stdout.readline().strip() == "ready"
    t0 = time.monotonic()
    _stop(child, grace_s=1.0)
    assert child.returncode == -signal.SIGKILL and time.monotonic() - t0 < 10


def _get(url: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as resp:
                return resp.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.slow
def test_suite_serves_index_and_both_apps(tmp_path):
    port = free_port()
    env = dict(os.environ, ZORGLAB_VAR=str(tmp_path))
    # Started as a background job of a script is: SIGINT ignored (inherited by the server it starts).
    proc = subprocess.Popen([sys.executable, "-m", "zorglab.serve", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN), start_new_session=True)
    try:
        index = _get(f"http://127.0.0.1:{port}/")
        for app in APPS:
            assert f'href="./{app}"' in index
        assert "synthetisch" in index
        for app in APPS:
            page = _get(f"http://127.0.0.1:{port}/{app}")
            assert "bokeh" in page.lower()
        console = urllib.request.urlopen(f"http://127.0.0.1:{port}/intervision_console?ping=1", timeout=30)
        assert console.status == 204  # the trainer-console cookie route is served too
    finally:
        proc.terminate()  # what a service manager (or CI) sends
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and the server it started (its process group)
            raise
    # Stopping the command stops the server: no orphaned `panel serve` keeps the port.
    deadline = time.monotonic() + 10
    while port_open(port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not port_open(port)


def test_lan_addresses_are_real_non_loopback_interfaces():
    for addr in lan_addresses():
        assert not addr.startswith("127.")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((addr, 0))  # only an address of this machine can be bound
