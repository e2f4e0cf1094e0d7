#!/usr/bin/env bash
# Idempotent setup on a fresh machine: Debian Chromium for browser tests, Debian PostgreSQL for the
# PostgreSQL tests, a venv with zorglab.
# Called by the Makefile; safe to run again (re-installs only when pyproject.toml changed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-$here/.venv}"
need_browser="${NEED_BROWSER:-1}"

if [ "$need_browser" = "1" ] && [ ! -x /usr/bin/chromium ]; then
  echo "[setup] installing Debian chromium (browser tests and screenshots)"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  if command -v apt-get >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  else
    echo "[setup] WARNING: no apt-get; install Chromium at /usr/bin/chromium yourself for the browser tests" >&2
  fi
fi

# PostgreSQL server binaries (initdb, pg_ctl) for the tests that run the intervision storage and a served
# session against a real PostgreSQL; the tests start their own throwaway server on a loopback port.
need_postgres="${NEED_POSTGRES:-1}"
if [ "$need_postgres" = "1" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "[setup] installing Debian postgresql (PostgreSQL tests)"
  SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
  if command -v apt-get >/dev/null; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    # the package may start a cluster of its own on port 5432; the tests do not use it
  else
    echo "[setup] WARNING: no apt-get; install PostgreSQL's server (initdb, pg_ctl) for the PostgreSQL tests" >&2
  fi
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "[setup] creating virtual environment $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.zorglab-installed"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "[setup] installing zorglab and its dependencies (a few minutes the first time)"
  # setuptools>=77 in the venv itself: tests/test_wheel.py builds the wheel offline (--no-build-isolation)
  "$VENV/bin/python" -m pip install -q --upgrade pip "setuptools>=77" wheel
  "$VENV/bin/python" -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
echo "[setup] ready: $VENV"
