"""Serve the whole suite (both apps behind one index page): ``make serve`` or ``python -m zorglab.serve``.

By default only this computer can connect. ``--room`` listens on every interface so participants'
phones on the room's network can join; the address to give them is printed (and used for QR codes).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys

from .paths import apps_dir

APPS = ("scenario_explorer", "intervision", "lessons")
DB_ENV = "ZORGLAB_DB_URL"
PUBLIC_URL_ENV = "ZORGLAB_PUBLIC_URL"


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
    candidates = [_default_route_address()]
    with contextlib.suppress(OSError):
        candidates += [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)]
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


def build_command(port: int = 5006, room: bool = False, extra: list[str] | None = None) -> tuple[list[str], dict]:
    apps = [str(apps_dir() / f"{name}.py") for name in APPS if (apps_dir() / f"{name}.py").exists()]
    if not apps:
        raise SystemExit(f"No apps found in {apps_dir()}")
    cmd = [sys.executable, "-m", "panel", "serve", *apps, "--port", str(port),
           "--index", str(apps_dir() / "index.html"), "--num-procs", "1"]
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
    args, extra = parser.parse_known_args(argv)
    if not 1024 <= args.port <= 65535:
        parser.error(f"--port {args.port} is out of range; allowed: 1024-65535")
    cmd, env = build_command(args.port, args.room, extra)
    if args.room and "localhost" in env[PUBLIC_URL_ENV]:
        print(f"zorglab: WARNING no network address found; set {PUBLIC_URL_ENV}=http://<this-laptop's-ip>:{args.port} "
              "so the QR code points participants to it", file=sys.stderr)
    print(f"zorglab: open {env[PUBLIC_URL_ENV]} in a browser"
          + ("  (give this address to participants on the same network)" if args.room else ""))
    print("zorglab: database", env.get(DB_ENV, "SQLite in var/zorglab.sqlite (default)"))
    sys.exit(run_server(cmd, env))


def run_server(cmd: list[str], env: dict) -> int:
    """Run the server until it ends; SIGTERM (service managers, CI) stops it like Ctrl-C, leaving no orphan."""
    child = subprocess.Popen(cmd, env=env)
    signal.signal(signal.SIGTERM, lambda signum, frame: child.send_signal(signal.SIGINT))
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # Ctrl-C: make sure the server got it too (it may have come to us alone)
            with contextlib.suppress(ProcessLookupError):
                child.send_signal(signal.SIGINT)


if __name__ == "__main__":
    main()
