"""The intervision storage on a real PostgreSQL server (ZORGLAB_DB_URL=postgresql+psycopg://...).

The server is Debian's ``postgresql`` package (installed by scripts/setup.sh), started here with
``initdb``/``pg_ctl`` in a temporary directory, listening on a free loopback port only; as root it runs
as the ``postgres`` user. One server per test process, one fresh database per test. Skipped, with the
reason, only where the package or the psycopg driver is missing.
"""

from __future__ import annotations

import atexit
import glob
import json
import multiprocessing as mp
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

import pytest

from tests.net import free_port
from zorglab.services.intervision.errors import DuplicatePseudonymError, SessionFullError, StorageError
from zorglab.services.intervision.service import IntervisionService
from zorglab.services.intervision.storage import Storage

pytestmark = pytest.mark.xdist_group("postgres")  # one server for all of them under `pytest -n 2 --dist loadgroup`
CASES = ["RIV-01", "RIV-02"]


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4]))
    return found[-1] if found else shutil.which(name)


class PostgresServer:
    """A throwaway PostgreSQL cluster on 127.0.0.1:<free port>, trust authentication on loopback only."""

    def __init__(self):
        self.initdb, self.pg_ctl = _bin("initdb"), _bin("pg_ctl")
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="zorglab-pg-"))
        self.data = self.dir / "data"
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.dir, "postgres", "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._run([self.initdb, "-D", str(self.data), "-A", "trust", "-U", "zorglab", "-E", "UTF8", "--no-sync"])
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off -c max_connections=200"
        self._run([self.pg_ctl, "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "60",
                   "start"])
        self.admin_url = f"postgresql+psycopg://zorglab@127.0.0.1:{self.port}/postgres"

    def _run(self, cmd: list[str]) -> None:
        out = subprocess.run(self.as_user + cmd, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {out.stderr or out.stdout}")

    def new_database(self) -> str:
        import psycopg

        name = f"zl_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=zorglab dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://zorglab@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        subprocess.run(self.as_user + [self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(self.dir, ignore_errors=True)


_SERVER: dict[str, PostgresServer] = {}
_LOCK = threading.Lock()


def postgres_server() -> PostgresServer:
    """The test process's PostgreSQL server (started on first use, stopped at exit); skips when unavailable."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed: `pip install -e .[dev]` (it is a zorglab dependency)")
    if not (_bin("initdb") and _bin("pg_ctl")):
        pytest.skip("PostgreSQL server binaries not found: `bash scripts/setup.sh` installs Debian's postgresql")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        pytest.skip("running as root without `runuser`: PostgreSQL cannot be started as the postgres user")
    with _LOCK:
        if "server" not in _SERVER:
            _SERVER["server"] = PostgresServer()
            atexit.register(_SERVER["server"].stop)
        return _SERVER["server"]


@pytest.fixture
def pg_url():
    return postgres_server().new_database()


@pytest.fixture
def svc(pg_url):
    store = Storage(pg_url)
    yield IntervisionService(store)
    store.dispose()


def indicatie(product="WMO_BEG_IND", upw=2.0, rationale=""):
    return {"lines": [{"product": product, "units_per_week": upw, "weeks": 52}], "rationale": rationale}


def test_full_session_on_postgres_survives_a_new_engine(pg_url):
    from zorglab.services.intervision import export, stats

    a = IntervisionService(Storage(pg_url))
    assert a.storage.engine.dialect.name == "postgresql"
    created = a.create_session("PG", CASES, ["indicatie:old", "mdo"], max_participants=50)
    r1 = a.session(created.session_id).rounds[0].round_id
    a.set_round(created.trainer_secret, created.session_id, r1, "open", minutes=5)
    toks = [a.join(created.code, n).token for n in ("Anna", "Bram", "Chris")]
    for t, prod in zip(toks, ("WMO_BEG_IND", "WMO_BEG_IND", "WMO_HH1"), strict=True):
        a.submit(t, r1, "RIV-01", indicatie(prod, rationale="=1+1"))
    assert a.submit(toks[0], r1, "RIV-01", indicatie("WMO_HH1")).revision == 2  # an update, not a second row
    ticket = a.login_ticket(created.trainer_secret)
    sid, console = a.redeem_ticket(ticket, page="p")
    a.storage.dispose()

    b = IntervisionService(Storage(pg_url))  # as after a server restart
    assert len(b.answers_frame(created.session_id)) == 3
    assert b.session_for_trainer(console).session_id == sid == created.session_id
    b.hide_rationale(console, sid, int(b.answers_frame(sid)["answer_id"].iloc[1]))
    rev = stats.indicatie_reveal(b.answers_frame(sid))
    assert rev.counts.loc["RIV-01"].sum() == 3
    doc = json.loads(export.session_json(b, sid), parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))
    assert len(doc["answers"]) == 3 and doc["participants"][0]["role"] is None
    assert b.overview(sid).missing[r1] == []
    with pytest.raises(DuplicatePseudonymError):
        b.join(created.code, "anna")


def _submit_many(url, token, rid, n):
    s = IntervisionService(Storage(url))
    for i in range(n):
        s.submit(token, rid, "RIV-01" if i % 2 == 0 else "RIV-02", indicatie(upw=1 + i))


def test_threads_and_processes_on_postgres_lose_and_double_nothing(svc, pg_url):
    created = svc.create_session("Load", CASES, ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    tokens = [svc.join(created.code, f"p{i}").token for i in range(12)]
    threads = [threading.Thread(target=_submit_many, args=(pg_url, t, rid, 4)) for t in tokens[:8]]
    procs = [mp.get_context("spawn").Process(target=_submit_many, args=(pg_url, t, rid, 4)) for t in tokens[8:]]
    for w in threads + procs:
        w.start()
    for w in threads + procs:
        w.join(120)
    assert all(p.exitcode == 0 for p in procs)
    df = svc.answers_frame(created.session_id)
    assert len(df) == 24 and set(df["revision"]) == {2}  # 12 participants x 2 cases, each submitted twice
    assert svc.version(created.session_id) == 1 + 12 + 48  # every change counted once


def test_simultaneous_joins_respect_the_cap_and_unique_names_on_postgres(svc):
    created = svc.create_session("Cap", CASES, ["mdo"], max_participants=10)
    results: list[object] = []
    barrier = threading.Barrier(24)

    def join(name):
        barrier.wait()
        try:
            results.append(svc.join(created.code, name).number)
        except (SessionFullError, DuplicatePseudonymError) as err:
            results.append(type(err).__name__)

    names = [f"n{i}" for i in range(16)] + ["zelfde"] * 8
    threads = [threading.Thread(target=join, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    numbers = sorted(r for r in results if isinstance(r, int))
    assert numbers == list(range(1, 11))  # exactly the cap, numbered without gaps or doubles
    ov = svc.overview(created.session_id)
    assert len(ov.participants) == 10 and ov.participants["pseudonym"].tolist().count("zelfde") <= 1


def test_an_unreachable_postgres_is_a_clear_error():
    url = f"postgresql+psycopg://zorglab@127.0.0.1:{free_port()}/nowhere?connect_timeout=2"
    with pytest.raises(StorageError, match="niet bereikbaar"):
        Storage(url)
