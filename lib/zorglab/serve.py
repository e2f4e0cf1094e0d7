"""Serve the whole suite (both apps behind one index page): ``make serve`` or ``python -m zorglab.serve``.

By default only this computer can connect. ``--room`` listens on every interface so participants'
phones on the room's network can join; the address to give them is printed (and used for QR codes).
``--procs N`` runs N server processes on one port (the kernel spreads the connections), so a room of
several hundred participants is not bound to one Python process; they share the database (SQLite WAL
on this computer, or PostgreSQL through ``ZORGLAB_DB_URL=postgresql+psycopg://user:pw@host/db``).

Stopping: Ctrl-C or SIGTERM stops the server processes with SIGTERM (they may have SIGINT ignored, as
a background job started from a script has) and kills them after ``STOP_GRACE_S`` seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

from zorglab.core.paths import accessibility_dir, apps_dir
from zorglab.services.game.web import CONSOLE_COOKIE as GAME_CONSOLE_COOKIE
from zorglab.services.intervision.web import SERVER_KWARGS

APPS = ("scenario_explorer", "intervision", "lessons", "purchasing_game")
DB_ENV = "ZORGLAB_DB_URL"
PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"
STOP_GRACE_S = 10.0
PLUGIN = "zorglab.services.intervision.web"  # the trainer-console cookie route
GAME_PLUGIN = "zorglab.services.game.web"  # the purchasing game's trainer-console cookie route
# Never copied into a page's session token (one flag: bokeh keeps only the last --exclude-cookies).
EXCLUDE_COOKIES = (*SERVER_KWARGS["exclude_cookies"], GAME_CONSOLE_COOKIE)


def _default_route_address() -> str | None:
    """The address this machine uses towards the network: a UDP "connect" sends nothing, it only picks a route."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: never contacted
            return s.getsockname()[0]
        except OSError:
            return None


def lan_addresses() -> list[str]:
    """IPv4 addresses of this machine other than loopback, default route first (no network traffic)."""
    found: list[str] = []
    candidates: list[str | None] = [_default_route_address()]
    with contextlib.suppress(OSError):
        candidates += [str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
    for addr in candidates:
        if addr and not addr.startswith(("127.", "0.")) and addr not in found:
            found.append(addr)
    return found


def public_base_url(port: int | None = None) -> str:
    """The address participants use: ``ZORGLAB_PUBLIC_URL`` if the trainer set it, else localhost."""
    env = os.environ.get(PUBLIC_URL_ENV)
    if env:
        return env.rstrip("/")
    return f"http://localhost:{port or 5006}"


def build_command(port: int = 5006, room: bool = False, extra: list[str] | None = None,
                  procs: int = 1) -> tuple[list[str], dict]:
    apps = [str(apps_dir() / f"{name}.py") for name in APPS if (apps_dir() / f"{name}.py").exists()]
    if not apps:
        raise SystemExit(f"No apps found in {apps_dir()}")
    cmd = [sys.executable, "-m", "panel", "serve", *apps, "--port", str(port),
           "--index", str(apps_dir() / "index.html"), "--num-procs", str(procs), "--plugins", PLUGIN,
           # the accessibility statement, linked from the index page (only that folder: docs/trainer stays private)
           "--static-dirs", f"accessibility={accessibility_dir()}",
           "--plugins", GAME_PLUGIN, "--exclude-cookies", *EXCLUDE_COOKIES,
           *[f"--exclude-headers={h}" for h in SERVER_KWARGS["exclude_headers"]]]
    env = dict(os.environ)
    if room:
        hosts = lan_addresses()
        origins = ["localhost", "127.0.0.1", *hosts]
        cmd += ["--address", "0.0.0.0"]
        cmd += [f"--allow-websocket-origin={h}:{port}" for h in origins]
        if hosts and PUBLIC_URL_ENV not in env:
            env[PUBLIC_URL_ENV] = f"http://{hosts[0]}:{port}"
    else:
        cmd += ["--address", "127.0.0.1", f"--allow-websocket-origin=localhost:{port}",
                f"--allow-websocket-origin=127.0.0.1:{port}"]
    env.setdefault(PUBLIC_URL_ENV, f"http://localhost:{port}")
    return cmd + list(extra or []), env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=5006)
    parser.add_argument("--room", action="store_true", help="let devices on the room's network join")
    parser.add_argument("--procs", type=int, default=1,
                        help="server processes sharing the port and the database (default 1; e.g. 4 for a large room)")
    args, extra = parser.parse_known_args(argv)
    if not 1024 <= args.port <= 65535:
        parser.error(f"--port {args.port} is out of range; allowed: 1024-65535")
    if not 1 <= args.procs <= 64:
        parser.error(f"--procs {args.procs} is out of range; allowed: 1-64")
    cmd, env = build_command(args.port, args.room, extra, procs=args.procs)
    if args.room and "localhost" in env[PUBLIC_URL_ENV]:
        print(f"zorglab: WARNING no network address found; set {PUBLIC_URL_ENV}=http://<this-laptop's-ip>:{args.port} "
              "so the QR code points participants to it", file=sys.stderr)
    print(f"zorglab: open {env[PUBLIC_URL_ENV]} in a browser"
          + ("  (give this address to participants on the same network)" if args.room else ""))
    print("zorglab: database", _safe_url(env.get(DB_ENV)) or "SQLite in var/zorglab.sqlite (default)")
    if args.procs > 1:
        print(f"zorglab: {args.procs} server processes")
    sys.exit(run_server(cmd, env))


def _safe_url(url: str | None) -> str | None:
    """A database URL without its password (printed on a projected screen)."""
    if not url:
        return url
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def _signal_group(pgid: int, sig: int) -> bool:
    """Send ``sig`` to the process group; False when no process of it is left."""
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        return False
    return True


def _stop(child: subprocess.Popen, grace_s: float) -> int:
    """SIGTERM to the server's process group (every --procs worker), SIGKILL after ``grace_s`` seconds."""
    _signal_group(child.pid, signal.SIGTERM)
    try:
        code = child.wait(timeout=grace_s)
    except subprocess.TimeoutExpired:
        print(f"zorglab: server did not stop within {grace_s:g} s after SIGTERM; killing it", file=sys.stderr)
        _signal_group(child.pid, signal.SIGKILL)
        code = child.wait()
    deadline = time.monotonic() + grace_s  # workers that outlived their parent
    while _signal_group(child.pid, 0) and time.monotonic() < deadline:
        time.sleep(0.1)
    _signal_group(child.pid, signal.SIGKILL)
    return code


def run_server(cmd: list[str], env: dict, grace_s: float | None = None) -> int:
    """Run the server until it ends; SIGTERM (service managers, CI) or Ctrl-C stops it, leaving no orphan.

    The server runs in its own process group with default signal handling (a parent that ignores SIGINT,
    as a background job of a script does, does not pass that on), so all its worker processes are stopped
    together: SIGTERM first, SIGKILL after the grace period. Returns 0 after a requested stop.
    """
    grace = float(os.environ.get("ZORGLAB_STOP_GRACE_S", STOP_GRACE_S)) if grace_s is None else grace_s

    def _defaults():  # in the child, before exec: normal Ctrl-C and SIGTERM behaviour
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

    child = subprocess.Popen(cmd, env=env, preexec_fn=_defaults, start_new_session=True)

    def _on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _on_signal)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, _on_signal)
    try:
        return child.wait()
    except KeyboardInterrupt:
        _stop(child, grace)
        return 0


if __name__ == "__main__":
    main()
