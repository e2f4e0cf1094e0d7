"""Load benchmark of the live intervision exercise (loopback only, bounded in count and time).

Part 1 -- service layer, many participants (default 200): they join and submit from several OS processes
at once through ``IntervisionService`` (what the "Doe mee" and "Verstuur antwoord" buttons call), twice each
(the second is a change of mind: an update, never a second row). A trainer poller reads the change counter
and the overview every ``TRAINER_POLL_MS``, as the trainer console does, and records when each submission became visible.

Part 2 -- real browsers (default 20 participants): the suite is served exactly as ``python -m zorglab.serve
--procs 2`` serves it (a real process group), a trainer page and N participant pages in headless Chromium
join and answer case 1; while they answer case 2 the server is killed with SIGKILL (kill -9) mid-round and
started again. Pages show "verbinding verbroken", reconnect by themselves and keep what was typed; a
participant who saw no confirmation presses "Verstuur antwoord" again. Counted: acknowledged (the page showed
"opgeslagen"/"bijgewerkt") versus stored answers, lost (acknowledged but not stored), duplicated (a second row
or a second participant for one person), and submit -> visible on the trainer's screen (click to the trainer's
"X van Y ... (N antwoorden)" counting it: the open round's status line, ``zorglab.ui.intervision_rounds.RoundControl``,
the one place on the console that shows that line -- the presenter view's copy is only filled while presenting).

Prints the figures; no assertion (performance targets live here, not in the tests).
Run: .venv/bin/python benchmarks/bench_intervision_load.py [--participants 200] [--browsers 20] [--postgres]
     [--spread S]  (the first answers all at once by default, the worst case; --spread 10 is a brisk room)
     [--room]  (as in a room: the participants' browsers run on their own CPU core(s), as phones do, and the
     server and the trainer's browser share the rest, as on the trainer's laptop; without it all share every core)
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing as mp
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.test_postgres (the throwaway PostgreSQL server) for --postgres

from zorglab.services.intervision.models import RoundSpec, validate_answer  # noqa: E402
from zorglab.services.intervision.service import IntervisionService  # noqa: E402
from zorglab.services.intervision.storage import Storage  # noqa: E402
from zorglab.ui.intervision_trainer import TRAINER_POLL_MS  # noqa: E402

PRODUCTS = ["WMO_BEG_IND", "WMO_BEG_GRP", "WMO_HH1", "WMO_HH2"]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 # 21 pages share one browser: none is a throttled "background" page
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows"]


def room_cores() -> tuple[str, str] | None:
    """(laptop cores, phone cores) for ``--room``: the last core for the server and the trainer's browser, the
    others for the participants' browsers (on 2 cores: one each). None on a single core."""
    cores = sorted(os.sched_getaffinity(0))
    if len(cores) < 2:
        return None
    return str(cores[-1]), ",".join(map(str, cores[:-1]))


def pinned_chromium(cores: str, tmp: Path) -> str:
    """A Chromium launcher pinned to ``cores`` (taskset; Chromium's processes inherit the affinity)."""
    path = tmp / f"chromium-{cores.replace(',', '_')}.sh"
    path.write_text(f'#!/bin/sh\nexec taskset -c {cores} {CHROMIUM} "$@"\n')
    path.chmod(0o755)
    return str(path)


COUNT_RE = re.compile(r"(\d+) van (\d+) deelnemers hebben geantwoord \((\d+) antwoorden\)")


def pct(values, q) -> float:
    return float(np.percentile(np.asarray(values), q)) if len(values) else float("nan")


# ---------------------------------------------------------------------------------------------- part 1
def _participant_worker(url: str, code: str, names: list[str], round_id: int, start_at: float, out) -> None:
    svc = IntervisionService(Storage(url))
    validate_answer(RoundSpec("indicatie", "old"), {"lines": [{"product": PRODUCTS[0], "units_per_week": 1}]})  # warm
    while time.time() < start_at:
        time.sleep(0.001)
    tokens = []
    for name in names:
        t0 = time.time()
        tokens.append(svc.join(code, name, client_key="10.0.0.1", page_key=f"page-{name}").token)
        out.put(("join", t0, time.time(), 0, 0))
    for rep in range(2):
        for i, token in enumerate(tokens):
            t0 = time.time()
            res = svc.submit(token, round_id, "RIV-01",
                             {"lines": [{"product": PRODUCTS[(i + rep) % 4], "units_per_week": 2 + rep, "weeks": 52}],
                              "rationale": f"poging {rep + 1}"})
            out.put(("submit", t0, time.time(), res.answer_id, res.revision))


def _trainer_poller(svc: IntervisionService, sid: int, stop: threading.Event, seen: dict) -> None:
    last = -1
    while not stop.is_set():
        v = svc.version(sid)
        if v != last:
            last = v
            now = time.time()
            svc.overview(sid)  # what the console reads on a change
            df = svc.answers_frame(sid)
            for aid, rev in zip(df["answer_id"], df["revision"], strict=True):
                for r in range(1, int(rev) + 1):  # a newer revision also makes the older submission visible
                    seen.setdefault((int(aid), r), now)
        stop.wait(TRAINER_POLL_MS / 1000)


def service_layer(url: str, participants: int, processes: int) -> None:
    svc = IntervisionService(Storage(url))
    created = svc.create_session("Benchmark", ["RIV-01", "RIV-02"], ["indicatie:old"])
    rid = svc.session(created.session_id).rounds[0].round_id
    svc.set_round(created.trainer_secret, created.session_id, rid, "open")
    seen: dict = {}
    stop = threading.Event()
    poller = threading.Thread(target=_trainer_poller, args=(svc, created.session_id, stop, seen), daemon=True)
    poller.start()
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    start_at = time.time() + 4.0  # let every worker start, then all join and submit at once
    names = [f"deelnemer{i:03d}" for i in range(participants)]
    procs = [ctx.Process(target=_participant_worker, args=(url, created.code, names[i::processes], rid, start_at, out))
             for i in range(processes) if names[i::processes]]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in range(3 * participants)]
    for p in procs:
        p.join(60)
    joins = [r for r in results if r[0] == "join"]
    subs = [r for r in results if r[0] == "submit"]
    deadline = time.time() + 5
    while time.time() < deadline and not all((a, rv) in seen for _, _, _, a, rv in subs):
        time.sleep(0.05)
    stop.set()
    poller.join(5)
    wall = max(r[2] for r in subs) - min(r[1] for r in subs)
    submit_ms = [(r[2] - r[1]) * 1000 for r in subs]
    join_ms = [(r[2] - r[1]) * 1000 for r in joins]
    visible_ms = [(seen[(a, rv)] - t1) * 1000 for _, _, t1, a, rv in subs if (a, rv) in seen]
    df = svc.answers_frame(created.session_id)
    ov = svc.overview(created.session_id)
    print(f"[service] {svc.storage.engine.dialect.name}: {participants} participants in {len(procs)} processes, "
          f"join + 2 submissions each ({len(subs)} submissions)")
    print(f"[service] joins: p50 {pct(join_ms, 50):.1f} ms, p95 {pct(join_ms, 95):.1f} ms; "
          f"joined {len(ov.participants)}/{participants}")
    print(f"[service] throughput {len(subs) / wall:.0f} submissions/s; submit p50 {pct(submit_ms, 50):.1f} ms, "
          f"p95 {pct(submit_ms, 95):.1f} ms, max {max(submit_ms):.1f} ms")
    print(f"[service] submit -> visible to the trainer poller ({TRAINER_POLL_MS} ms poll): p50 {pct(visible_ms, 50):.0f} ms, "
          f"p95 {pct(visible_ms, 95):.0f} ms; seen {len(visible_ms)}/{len(subs)}")
    dup = len(df) - len(df[["participant", "case_id"]].drop_duplicates())
    print(f"[service] acknowledged {len(subs)} submissions -> stored answers {len(df)} (expected {participants}), "
          f"lost {participants - df['participant'].nunique()}, duplicated {dup}, "
          f"not at revision 2: {int((df['revision'] != 2).sum())}")


# ---------------------------------------------------------------------------------------------- part 2
class Server:
    def __init__(self, url: str, port: int, procs: int, tmp: Path, cores: str | None = None):
        self.url, self.port, self.procs, self.tmp, self.cores = url, port, procs, tmp, cores
        self.proc: subprocess.Popen | None = None

    def start(self) -> float:
        from zorglab.serve import build_command

        t0 = time.time()
        cmd, env = build_command(port=self.port, procs=self.procs)
        if self.cores:
            cmd = ["taskset", "-c", self.cores, *cmd]
        env.update(ZORGLAB_DB_URL=self.url, ZORGLAB_VAR=str(self.tmp))
        log = (self.tmp / "server.log").open("a")
        self.proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        for _ in range(600):  # at most 3 minutes
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/intervision_console?ping=1", timeout=2):
                    return time.time() - t0
            except OSError:
                time.sleep(0.3)
        raise TimeoutError("server did not start")

    def kill9(self) -> None:
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)
            self.proc = None


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU seconds used so far by every process of a process group (the served suite)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # field 5 of /proc/PID/stat: the process group
                total += (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return total


def machine_busy_seconds() -> float:
    """CPU seconds all cores spent busy so far (from /proc/stat), to put the server's share in context."""
    tick = os.sysconf("SC_CLK_TCK")
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values[:8]) - idle) / tick


WATCH_JS = r"""
() => {
  if (window.__zlCounts) return;
  window.__zlCounts = [];
  const re = /(\d+) van (\d+) deelnemers hebben geantwoord \((\d+) antwoorden\)/;
  let node = null, last = null;
  const find = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) { const f = find(el.shadowRoot); if (f) return f; }
      if (re.test(el.textContent || '') && ![...el.children].some((c) => re.test(c.textContent || ''))) return el;
    }
    return null;
  };
  setInterval(() => {
    if (!node || !node.isConnected) node = find(document);
    const m = node && re.exec(node.textContent);
    if (m && m[3] !== last) { last = m[3]; window.__zlCounts.push([Date.now() / 1000, +m[3]]); }
  }, 20);
}
"""


async def _trainer_counts(page, log: list, stop: asyncio.Event) -> None:
    """The trainer page records (time, answers shown) itself every 20 ms, so the figure is what the screen shows
    and not how fast this driver can ask; re-installed after the page reloads (the restart)."""
    while not stop.is_set():
        try:
            await page.evaluate(WATCH_JS)
            got = await page.evaluate("window.__zlCounts.splice(0)")
            log.extend((t, c) for t, c in got)
        except Exception:  # noqa: BLE001 - the page is reloading after the restart
            pass
        await asyncio.sleep(0.5)


async def _ack(page, case_id: str, timeout_ms: int) -> bool:
    try:
        await page.get_by_text(re.compile(f"Antwoord voor {case_id} (opgeslagen|bijgewerkt)")).wait_for(timeout=timeout_ms)
        return True
    except Exception:  # noqa: BLE001 - no confirmation seen
        return False


async def _submit(page, name: str, case_id: str, clicks: list, acks: set, timeout_ms: int = 15_000) -> bool:
    case = page.get_by_role("combobox", name="Casus")
    label = [o for o in await case.locator("option").all_inner_texts() if o.startswith(case_id)][0]
    if await case.input_value() != label:
        await case.select_option(label=label)
        await page.get_by_text("Ronde 1:").first.wait_for()
    await page.get_by_role("textbox", name="Toelichting").fill(f"{name} over {case_id}")
    # the moment of the click as the page saw it (not when this driver asked for it)
    await page.evaluate("window.__zlClick = 0; window.addEventListener('click', () => { window.__zlClick = "
                        "Date.now() / 1000; }, {capture: true, once: true})")
    asked = time.time()
    await page.get_by_role("button", name="Verstuur antwoord").click(timeout=5_000)
    try:
        at = await page.evaluate("window.__zlClick") or asked
    except Exception:  # noqa: BLE001 - the page is going away (server killed): use the driver's time
        at = asked
    clicks.append((name, case_id, at))
    ok = await _ack(page, case_id, timeout_ms)
    if ok:
        acks.add((name, case_id))
    return ok


async def browser_round(url: str, n: int, procs: int, tmp: Path, spread: float = 0.0, room: bool = False) -> None:
    from playwright.async_api import async_playwright

    from tests.net import free_port

    cores = room_cores() if room else None
    server = Server(url, free_port(), procs, tmp, cores[0] if cores else None)
    all_cores = os.sched_getaffinity(0)
    if cores:  # this driver and Playwright's are the participants' fingers: on the phones' core(s)
        os.sched_setaffinity(0, {int(c) for c in cores[1].split(",")})
    boot = server.start()
    base = f"http://127.0.0.1:{server.port}"
    svc = IntervisionService(Storage(url))
    created = svc.create_session("Browsers", ["RIV-01", "RIV-02"], ["indicatie:old"])
    sid = created.session_id
    clicks: list = []
    acks: set = set()
    counts: list = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=pinned_chromium(cores[1], tmp) if cores else CHROMIUM,
                                          args=CHROMIUM_ARGS, headless=True)
        laptop = (await p.chromium.launch(executable_path=pinned_chromium(cores[0], tmp), args=CHROMIUM_ARGS,
                                          headless=True) if cores else browser)  # the trainer's browser
        trainer = await (await laptop.new_context(viewport={"width": 1400, "height": 1000})).new_page()
        trainer.set_default_timeout(60_000)
        await trainer.goto(f"{base}/intervision?trainer={created.trainer_secret}")  # becomes the console cookie
        await trainer.locator(".iv-code").wait_for()
        await trainer.get_by_role("button", name="Open ronde 1").click()
        await trainer.get_by_text(COUNT_RE).first.wait_for()
        pages = []
        for i in range(n):
            pg = await (await browser.new_context(viewport={"width": 390, "height": 844})).new_page()
            pg.set_default_timeout(60_000)
            pages.append((f"d{i:02d}", pg))

        async def join(name, pg):
            await pg.goto(f"{base}/intervision?code={created.code}")
            await pg.get_by_role("textbox", name="Schuilnaam").fill(name)
            await pg.get_by_role("button", name="Doe mee").click()
            await pg.get_by_text(f"Welkom, {name}").wait_for()
            await pg.get_by_text("Ronde 1:").first.wait_for()

        t0 = time.time()
        await asyncio.gather(*(join(nm, pg) for nm, pg in pages))
        join_s = time.time() - t0
        stop = asyncio.Event()
        watcher = asyncio.create_task(_trainer_counts(trainer, counts, stop))

        # wave 1: everybody answers case 1 -- all at once (spread 0, the worst case) or spread over `spread` seconds
        async def first(i, nm, pg):
            await asyncio.sleep(spread * i / max(1, n - 1))
            return await _submit(pg, nm, "RIV-01", clicks, acks)

        cpu0, busy0, wall0 = group_cpu_seconds(server.proc.pid), machine_busy_seconds(), time.time()
        await asyncio.gather(*(first(i, nm, pg) for i, (nm, pg) in enumerate(pages)))
        cpu1, busy1, wall1 = group_cpu_seconds(server.proc.pid), machine_busy_seconds(), time.time()
        await asyncio.sleep(1.0)

        # wave 2: case 2, staggered; kill -9 the server while the answers come in
        async def late(i, nm, pg):
            await asyncio.sleep(0.06 * i)
            try:
                return await _submit(pg, nm, "RIV-02", clicks, acks, timeout_ms=4_000)
            except Exception:  # noqa: BLE001 - the page lost its server under the click
                return False

        wave = [asyncio.create_task(late(i, nm, pg)) for i, (nm, pg) in enumerate(pages)]
        await asyncio.sleep(0.06 * n / 2)
        killed_at = time.time()
        server.kill9()
        clicked_before_kill = sum(1 for c in clicks if c[1] == "RIV-02" and c[2] < killed_at)
        await asyncio.gather(*wave)
        banners = 0
        for _, pg in pages:
            banners += await pg.locator("#zorglab-connection").count()
        await asyncio.sleep(1.0)
        restart = server.start()
        restarted_at = time.time()

        async def recover(nm, pg):
            await pg.locator("#zorglab-connection").wait_for(state="detached", timeout=90_000)
            await pg.get_by_text(f"Welkom, {nm}").wait_for(timeout=60_000)
            deadline = time.time() + 120  # a patient participant: tries again until confirmed (bounded)
            while (nm, "RIV-02") not in acks and time.time() < deadline:  # no confirmation seen: press again
                try:
                    await _submit(pg, nm, "RIV-02", clicks, acks, timeout_ms=20_000)
                except Exception:  # noqa: BLE001 - the page was still reloading
                    await asyncio.sleep(1.0)
            return time.time() - restarted_at

        recovered = await asyncio.gather(*(recover(nm, pg) for nm, pg in pages))
        for nm, pg in pages:
            if (nm, "RIV-02") not in acks:
                alerts = await pg.get_by_role("alert").all_inner_texts()
                print(f"[browser] {nm}: no confirmation for RIV-02; the page says: {alerts[-2:]}")
        await trainer.locator(".iv-code").wait_for(timeout=90_000)  # the console came back by itself (cookie)
        await asyncio.sleep(2.0)
        stop.set()
        await watcher
        await browser.close()
        if laptop is not browser:
            await laptop.close()
    server.kill9()
    os.sched_setaffinity(0, all_cores)

    df = svc.answers_frame(sid)
    ov = svc.overview(sid)
    names = {int(r.number): r.pseudonym for r in ov.participants.itertuples()}
    stored = {(names[int(r.participant)], r.case_id) for r in df.itertuples()}
    lost = acks - stored
    dup_rows = len(df) - len(df[["participant", "case_id"]].drop_duplicates())
    dup_people = len(ov.participants) - ov.participants["pseudonym"].nunique()
    # submit -> visible: the k-th stored first submission (by the server's commit time) is on the trainer's screen
    # once the screen counts k answers; latency from the participant's click.
    first = df.sort_values("submitted_at")
    click_of = {}
    for name, case, t in clicks:
        click_of.setdefault((name, case), []).append(t)
    lat, to_store, to_screen, normal = [], [], [], []
    for k, r in enumerate(first.itertuples(), start=1):
        mine = [t for t in click_of.get((names[int(r.participant)], r.case_id), []) if t <= r.submitted_at + 0.05]
        shown = [t for t, c in counts if c >= k and mine and t >= mine[-1]]
        if not mine or not shown:
            continue
        lat.append((min(shown) - mine[-1]) * 1000)
        if mine[-1] < killed_at and min(shown) < killed_at:  # before the kill: the room in normal operation
            normal.append(lat[-1])
        to_store.append((r.submitted_at - mine[-1]) * 1000)
        to_screen.append((min(shown) - r.submitted_at) * 1000)
    where = (f"participants' browsers on core(s) {cores[1]}, server and trainer's browser on core {cores[0]}"
             if cores else "everything sharing every core")
    print(f"[browser] {n} participants + trainer in headless Chromium, {procs} server processes "
          f"({svc.storage.engine.dialect.name}; {where}); server start {boot:.1f} s, all joined in {join_s:.1f} s")
    print(f"[browser] kill -9 mid-round: {clicked_before_kill} of {n} case-2 answers clicked before the kill; "
          f"{banners} pages showed 'verbinding verbroken'; restart {restart:.1f} s; all pages back and answered "
          f"within {max(recovered):.1f} s (median {np.median(recovered):.1f} s)")
    print(f"[browser] acknowledged {len(acks)} answers, stored {len(stored)} ({len(df)} rows); "
          f"acknowledged = stored: {acks <= stored and len(acks) == len(stored)}; lost {len(lost)}, "
          f"duplicated rows {dup_rows}, duplicated participants {dup_people}; "
          f"updated after the restart (revision 2): {int((df['revision'] > 1).sum())}")
    print(f"[browser] submit -> visible on the trainer's screen, normal operation (before the kill, {len(normal)} "
          f"answers): p50 {pct(normal, 50):.0f} ms, p95 {pct(normal, 95):.0f} ms")
    print(f"[browser] submit -> visible on the trainer's screen, all: p50 {pct(lat, 50):.0f} ms, p95 {pct(lat, 95):.0f} ms, "
          f"max {max(lat):.0f} ms ({len(lat)} answers); of which click -> stored p50 {pct(to_store, 50):.0f} ms, "
          f"p95 {pct(to_store, 95):.0f} ms, stored -> on screen p50 {pct(to_screen, 50):.0f} ms, "
          f"p95 {pct(to_screen, 95):.0f} ms")
    first_wave = wall1 - wall0
    print(f"[browser] first wave ({n} answers, {first_wave:.1f} s from the first click to the last acknowledgement): "
          f"served suite used {cpu1 - cpu0:.2f} CPU-s ({1000 * (cpu1 - cpu0) / n:.0f} ms per answer), the whole "
          f"machine {busy1 - busy0:.2f} of {os.cpu_count() * first_wave:.2f} CPU-s available "
          f"({100 * (busy1 - busy0) / (os.cpu_count() * first_wave):.0f} % busy; the rest is the {n + 1} browser pages "
          f"and this driver)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--participants", type=int, default=200, help="service-layer participants (1-500)")
    ap.add_argument("--processes", type=int, default=4, help="OS processes for the service-layer participants")
    ap.add_argument("--browsers", type=int, default=20, help="real browser participants (0 skips part 2; max 40)")
    ap.add_argument("--server-procs", type=int, default=2, help="panel server processes in part 2")
    ap.add_argument("--postgres", action="store_true", help="also run both parts on a throwaway PostgreSQL server")
    ap.add_argument("--room", action="store_true",
                    help="participants' browsers on their own core(s), as phones are; server and trainer share the rest")
    ap.add_argument("--spread", type=float, default=0.0,
                    help="seconds over which the browser participants click their first answer (0: all at once)")
    args = ap.parse_args()
    if not 1 <= args.participants <= 500:
        ap.error("--participants must be between 1 and 500")
    if not 0 <= args.browsers <= 40:
        ap.error("--browsers must be between 0 and 40")
    tmp = Path(tempfile.mkdtemp(prefix="zorglab-bench-"))
    urls = [f"sqlite:///{tmp / 'bench.sqlite'}"]
    pg = None
    if args.postgres:
        from tests.test_postgres import PostgresServer

        pg = PostgresServer()
        urls.append(pg.new_database())
    try:
        for url in urls:
            service_layer(url, args.participants, args.processes)
            if args.browsers and Path(CHROMIUM).exists():
                asyncio.run(browser_round(url.replace("bench.sqlite", "browsers.sqlite") if url.startswith("sqlite")
                                          else (pg.new_database() if pg else url), args.browsers, args.server_procs,
                                          tmp, args.spread, args.room))
    finally:
        if pg is not None:
            pg.stop()


if __name__ == "__main__":
    main()
