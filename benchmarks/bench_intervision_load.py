"""Load benchmark of the live intervision exercise (loopback only, bounded).

1. Serves panel_apps/intervision.py with `panel serve` on 127.0.0.1 and a fresh SQLite (WAL) database.
2. N simulated participants (default 50) join and submit concurrently from several OS processes,
   each through IntervisionService.submit (the call the participant's "Verstuur antwoord" button makes),
   twice each (the second is a change of mind: it must update, not duplicate).
3. A trainer poller reads the change counter and the overview every 250 ms, exactly as the trainer view
   does, and records when each submission becomes visible: submit -> visible-to-trainer latency.
4. A real headless Chromium trainer page on the served app then measures the end-to-end latency of a
   few extra submissions until the count on the trainer's screen changes.

Prints submissions/s, p50/p95 submit latency, p50/p95 submit -> visible latency, lost and duplicated
answers. Run: .venv/bin/python benchmarks/bench_intervision_load.py [--participants 50]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from zorglab.intervision.models import RoundSpec, validate_answer
from zorglab.intervision.service import IntervisionService
from zorglab.intervision.storage import Storage
from zorglab.paths import apps_dir

PRODUCTS = ["WMO_BEG_IND", "WMO_BEG_GRP", "WMO_HH1", "WMO_HH2"]
CHROMIUM = "/usr/bin/chromium"


def _participant_worker(url: str, tokens: list[str], round_id: int, start_at: float, out: mp.Queue) -> None:
    svc = IntervisionService(Storage(url))
    validate_answer(RoundSpec("indicatie", "old"), {"lines": [{"product": PRODUCTS[0], "units_per_week": 1}]})  # warm
    while time.time() < start_at:
        time.sleep(0.001)
    for rep in range(2):
        for i, token in enumerate(tokens):
            t0 = time.time()
            res = svc.submit(token, round_id, "RIV-01",
                             {"lines": [{"product": PRODUCTS[(i + rep) % 4], "units_per_week": 2 + rep, "weeks": 52}],
                              "rationale": f"poging {rep + 1}"})
            out.put((res.answer_id, res.revision, t0, time.time()))


def _trainer_poller(svc: IntervisionService, sid: int, stop: threading.Event, seen: dict) -> None:
    last = -1
    while not stop.is_set():
        v = svc.version(sid)
        if v != last:
            last = v
            now = time.time()
            df = svc.answers_frame(sid)
            for aid, rev in zip(df["answer_id"], df["revision"], strict=True):
                for r in range(1, int(rev) + 1):  # a newer revision also makes the older submission visible
                    seen.setdefault((int(aid), r), now)
        stop.wait(0.25)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _browser_latency(base: str, svc: IntervisionService, created, round_id: int, n: int) -> list[float]:
    from playwright.sync_api import expect, sync_playwright

    tokens = [svc.join(created.code, f"browser{i}").token for i in range(n)]
    lat = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        pg = b.new_page(viewport={"width": 1400, "height": 1000})
        pg.goto(f"{base}/intervision?trainer={created.trainer_secret}")
        count = pg.get_by_text(re.compile(r"\d+ antwoorden van \d+ deelnemers")).first
        expect(count).to_be_visible(timeout=30_000)
        for token in tokens:
            before = count.inner_text()
            t0 = time.time()
            svc.submit(token, round_id, "RIV-01", {"lines": [{"product": "WMO_HH1", "units_per_week": 1, "weeks": 52}]})
            expect(count).not_to_have_text(before, timeout=10_000)
            lat.append(time.time() - t0)
        b.close()
    return lat


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--participants", type=int, default=50)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--browser-submits", type=int, default=10)
    args = ap.parse_args()
    if not 1 <= args.participants <= 500:
        ap.error("--participants must be between 1 and 500")

    tmp = Path(tempfile.mkdtemp(prefix="zorglab-bench-"))
    url = f"sqlite:///{tmp / 'bench.sqlite'}"
    svc = IntervisionService(Storage(url))
    created = svc.create_session("Benchmark", ["RIV-01", "RIV-02"], ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")

    port = _free_port()
    env = {**os.environ, "ZORGLAB_DB_URL": url, "ZORGLAB_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "panel", "serve", str(apps_dir() / "intervision.py"), "--port", str(port),
         "--address", "127.0.0.1", f"--allow-websocket-origin=127.0.0.1:{port}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        t_join = time.time()
        tokens = [svc.join(created.code, f"deelnemer{i:02d}").token for i in range(args.participants)]
        join_s = time.time() - t_join

        seen: dict = {}
        stop = threading.Event()
        poller = threading.Thread(target=_trainer_poller, args=(svc, created.session_id, stop, seen), daemon=True)
        poller.start()
        ctx = mp.get_context("spawn")
        out = ctx.Queue()
        start_at = time.time() + 3.0  # let every worker start, then all submit at once
        chunks = [tokens[i::args.processes] for i in range(args.processes)]
        procs = [ctx.Process(target=_participant_worker, args=(url, c, rid, start_at, out)) for c in chunks if c]
        for p in procs:
            p.start()
        results = [out.get(timeout=120) for _ in range(2 * args.participants)]
        for p in procs:
            p.join(60)
        wall = max(r[3] for r in results) - min(r[2] for r in results)
        deadline = time.time() + 5
        while time.time() < deadline and not all((a, r) in seen for a, r, _, _ in results):
            time.sleep(0.05)
        stop.set()
        poller.join(5)

        submit_lat = np.array([r[3] - r[2] for r in results]) * 1000
        visible = np.array([(seen[(a, rv)] - t1) for a, rv, _, t1 in results if (a, rv) in seen]) * 1000
        df = svc.answers_frame(created.session_id)
        lost = args.participants - df["participant"].nunique()
        dup = len(df) - df[["participant", "case_id"]].drop_duplicates().shape[0]
        wrong_rev = int((df["revision"] != 2).sum())

        print(f"participants: {args.participants} in {len(procs)} processes, 2 submissions each "
              f"({2 * args.participants} total); joins took {join_s:.2f} s")
        print(f"journal mode: {svc.storage.journal_mode()}")
        print(f"throughput: {len(results) / wall:.0f} submissions/s (wall {wall:.2f} s)")
        print(f"submit latency: p50 {np.percentile(submit_lat, 50):.1f} ms, p95 {np.percentile(submit_lat, 95):.1f} ms, "
              f"max {submit_lat.max():.1f} ms")
        print(f"submit -> visible to trainer poller (250 ms poll): p50 {np.percentile(visible, 50):.0f} ms, "
              f"p95 {np.percentile(visible, 95):.0f} ms; seen {len(visible)}/{len(results)}")
        print(f"stored answers: {len(df)} (expected {args.participants}); lost {lost}, duplicated {dup}, "
              f"not at revision 2: {wrong_rev}")

        if args.browser_submits and Path(CHROMIUM).exists():
            lat = np.array(_browser_latency(f"http://127.0.0.1:{port}", svc, created, rid, args.browser_submits)) * 1000
            print(f"submit -> visible on the served trainer page in Chromium ({len(lat)} submits): "
                  f"p50 {np.percentile(lat, 50):.0f} ms, p95 {np.percentile(lat, 95):.0f} ms")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
