"""Time to report on every municipality in the shipped CBS file (345 in 2022), and how it scales.

Four figures: (1) the library work of a report (caseload sized on CBS, four funding models, every section
rendered, the seed spread) in-process; (2) full notebook reports (papermill + nbconvert + exports) through
the runner with ``--jobs 2``, one warm kernel per worker (after) and ``--fresh-kernels`` (before); (3) the
same on a local Dask cluster with 1 and 2 workers (warm first, so the figure is the report work, not the
one kernel start per worker; rounds alternate between the two clusters). By default (2) and (3) run on a sample and (2) is projected to all 345:
the sample's wall time plus the rest at the sample's steady rate. ``--all`` runs every municipality for
real. Target (issue 11): all 345 within 10 minutes on 2 cores, linear scaling from 1 to 2 workers.

    .venv/bin/python benchmarks/bench_all_municipalities.py [--sample 20] [--reports 24] [--before 4]
                                                            [--dask 10] [--repeat 2] [--all]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import statistics
import tempfile
import time
from pathlib import Path

from zorglab.domain.cbs import municipality_table
from zorglab.services.reports import SECTIONS, RegionalReport, check_params
from zorglab.services.reports.runner import ReportResult, run_reports

JOBS = 2


def library_seconds(codes: list[str], n_cases: int) -> list[float]:
    out = []
    for code in codes:
        start = time.perf_counter()
        report = RegionalReport(check_params(region=code, n_cases=n_cases))
        report.header_html()
        for name in SECTIONS:
            report.section_html(name)
        _ = report.key_figures
        out.append(time.perf_counter() - start)
    return out


def timed(params: list, out: Path, **kw) -> tuple[float, list[ReportResult]]:
    start = time.perf_counter()
    results = run_reports(params, out, progress=False, **kw)
    return time.perf_counter() - start, results


def steady(results: list[ReportResult], workers: int) -> float:
    """Seconds per report once a worker is warm: the ``workers`` slowest (each worker's first) left out."""
    each = sorted(r.seconds for r in results)
    return statistics.mean(each[: max(1, len(each) - workers)])


def projection(wall: float, results: list[ReportResult], total: int, workers: int) -> float:
    """Minutes for ``total`` reports: the sample as measured, the rest at its steady rate."""
    return (wall + (total - len(results)) * steady(results, workers) / workers) / 60


def dask_scaling(codes: list[str], others: list[str], n_cases: int, tmp: Path, repeat: int) -> dict[int, float]:
    """Seconds for the reports of ``codes`` on a LocalCluster of 1 and one of 2 single-threaded workers.

    Both clusters are up at once (idle, they cost nothing) and warmed with two reports per worker from
    ``others``; then the rounds alternate between them, so a burst of other load hits both alike. The
    best of ``repeat`` rounds counts.
    """
    from distributed import Client, LocalCluster

    seconds: dict[int, float] = {}
    with contextlib.ExitStack() as stack:
        clients = {}
        for workers in (1, 2):
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       dashboard_address=":0", silence_logs=logging.CRITICAL))
            clients[workers] = stack.enter_context(Client(cluster))
            warm = [check_params(region=c, n_cases=n_cases) for c in others[: 2 * workers]]
            run_reports(warm, tmp / f"dask{workers}_warm", scheduler=clients[workers], progress=False)
        for i in range(repeat):
            for workers, client in clients.items():
                wall, results = timed([check_params(region=c, n_cases=n_cases) for c in codes],
                                      tmp / f"dask{workers}_{i}", scheduler=client)
                if not all(r.ok for r in results):
                    raise SystemExit(f"Dask report failed: {next(r.error for r in results if not r.ok)}")
                seconds[workers] = min(wall, seconds.get(workers, wall))
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=20, help="municipalities for the library timing (default 20)")
    ap.add_argument("--reports", type=int, default=24, help="full notebook reports, warm kernels (default 24)")
    ap.add_argument("--before", type=int, default=4, help="full reports with --fresh-kernels (default 4; 0: skip)")
    ap.add_argument("--dask", type=int, default=10, help="reports per Dask cluster size (default 10; 0: skip)")
    ap.add_argument("--repeat", type=int, default=2, help="Dask rounds per cluster size; the fastest counts")
    ap.add_argument("--n-cases", type=int, default=2000)
    ap.add_argument("--all", action="store_true", help="every municipality, for real (about 5 minutes)")
    args = ap.parse_args()
    codes = list(municipality_table().index)
    total = len(codes)
    step = max(1, total // max(1, args.sample))
    sample = codes[::step][: args.sample]
    spread = codes[::max(1, total // max(1, args.reports))][: args.reports]  # the sample across the file

    load = os.getloadavg()[0]
    library_seconds(sample[:1], args.n_cases)  # warm caches (CBS tables, catalogue) like a long-lived worker
    lib = library_seconds(sample, args.n_cases)
    print(f"library work per municipality: median {statistics.median(lib):.2f} s, max {max(lib):.2f} s "
          f"(n = {len(lib)}, {args.n_cases} sample clients)")
    print(f"  -> all {total} municipalities, one process: {statistics.mean(lib) * total / 60:.1f} min (extrapolated)")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.before:
            jobs = [check_params(region=c, n_cases=args.n_cases) for c in spread[: args.before]]
            wall, results = timed(jobs, tmp / "before", jobs=JOBS, reuse_kernels=False, self_contained=True)
            print(f"before: full notebook reports, --jobs {JOBS} --fresh-kernels: {len(jobs)} in {wall:.1f} s "
                  f"({wall / len(jobs):.1f} s each, {sum(r.ok for r in results)} ok)")
            print(f"  -> all {total} municipalities: {wall / len(jobs) * total / 60:.1f} min (extrapolated)")

        jobs = [check_params(region=c, n_cases=args.n_cases) for c in (codes if args.all else spread)]
        if jobs:
            wall, results = timed(jobs, tmp / "after", jobs=JOBS)
            ok = sum(r.ok for r in results)
            html = statistics.mean((tmp / "after" / r.files["html"]).stat().st_size for r in results if r.ok)
            disk = sum(p.stat().st_size for p in (tmp / "after").rglob("*") if p.is_file())
            print(f"after: full notebook reports, --jobs {JOBS}, warm kernels: {len(jobs)} in {wall:.1f} s "
                  f"({wall / len(jobs):.2f} s each; once warm {steady(results, JOBS):.2f} s per report per worker; "
                  f"{ok} ok)")
            if args.all:
                print(f"  -> all {total} municipalities: {wall / 60:.1f} min (measured; target <= 10 min)")
            else:
                print(f"  -> all {total} municipalities: {projection(wall, results, total, JOBS):.1f} min "
                      f"(projected from {len(jobs)}; target <= 10 min; --all measures it)")
            print(f"  on disk per municipality: {disk / len(jobs) / 1e3:.0f} kB in all, HTML {html / 1e3:.0f} kB "
                  f"(BokehJS and CSS once in assets/)")

        if args.dask:
            chosen = codes[1::max(1, total // args.dask)][: args.dask]
            seconds = dask_scaling(chosen, [c for c in codes if c not in chosen], args.n_cases, tmp, args.repeat)
            n = len(chosen)
            print(f"Dask LocalCluster, warm, {n} reports (best of {args.repeat}, alternating): 1 worker "
                  f"{seconds[1]:.1f} s ({n / seconds[1] * 60:.1f}/min), 2 workers {seconds[2]:.1f} s "
                  f"({n / seconds[2] * 60:.1f}/min): speed-up {seconds[1] / seconds[2]:.2f}x "
                  f"(linear: 2.00x; {seconds[1] / seconds[2] / 2:.0%} efficient)")
    print(f"machine load (1-minute average, all processes): {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the "
          f"end, on {os.cpu_count()} cores; other load slows every figure above")


if __name__ == "__main__":
    main()
