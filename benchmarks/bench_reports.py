"""Region report timings: seconds per report, all regions with --jobs 1 vs 2, and the papermill overhead.

The overhead figure compares the full runner (papermill + nbconvert HTML + exports, --jobs 2) with a
bare kernel start plus the same library calls (every section rendered, exports written) without
papermill or nbconvert, also two at a time. Target: ratio <= 1.3.

    .venv/bin/python benchmarks/bench_reports.py [--n-cases 2000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from zorglab.regions import regions
from zorglab.reports.runner import plan, run_reports

LIBRARY_CALLS = """
from zorglab.reports import RegionalReport, SECTIONS, check_params, write_exports
report = RegionalReport(check_params(region={region!r}, n_cases={n}, export_dir={out!r}))
html = report.header_html() + "".join(report.section_html(s) for s in SECTIONS)
write_exports(report, {out!r})
"""


def bare_kernel(region: str, n: int, out: str) -> float:
    """Start a kernel, run the report's library calls in it, stop it; seconds."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
    try:
        reply = kc.execute_interactive(LIBRARY_CALLS.format(region=region, n=n, out=out), timeout=600,
                                       output_hook=lambda msg: None)
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"{region}: {reply['content'].get('evalue')}")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return time.perf_counter() - start


def timed_runner(jobs: int, n: int, out: Path) -> tuple[float, list[float]]:
    start = time.perf_counter()
    results = run_reports(plan(all_regions=True, n_cases=n), out, jobs=jobs, progress=False)
    failed = [r for r in results if not r.ok]
    if failed:
        sys.exit(f"report failed: {failed[0].params.stem}: {failed[0].error}")
    return time.perf_counter() - start, [r.seconds for r in results]


def bare_all(names: list[str], n: int, out: Path) -> tuple[float, list[float]]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:  # as the runner: threads waiting on kernels
        each = list(pool.map(bare_kernel, names, [n] * len(names), [str(out)] * len(names)))
    return time.perf_counter() - start, each


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-cases", type=int, default=2000, help="synthetic clients per report (make reports default)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds; the fastest counts (other load only slows)")
    args = ap.parse_args()
    n, names = args.n_cases, regions()
    t1 = t2 = bare = float("inf")
    per1: list[float] = []
    bare_each: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):  # interleaved, so a burst of other load hits every variant alike
            a, per = timed_runner(1, n, Path(tmp) / f"jobs1_{i}")
            if a < t1:
                t1, per1 = a, per
            t2 = min(t2, timed_runner(2, n, Path(tmp) / f"jobs2_{i}")[0])
            b, each = bare_all(names, n, Path(tmp) / f"bare_{i}")
            if b < bare:
                bare, bare_each = b, each
    print(f"Region reports ({len(names)} regions, n_cases={n:,}, best of {args.repeat}):")
    print(f"  per report, --jobs 1 (papermill + HTML + exports): mean {sum(per1) / len(per1):6.2f} s "
          f"(min {min(per1):.2f}, max {max(per1):.2f})")
    print(f"  all regions --jobs 1                              : {t1:6.2f} s")
    print(f"  all regions --jobs 2                              : {t2:6.2f} s  (speed-up {t1 / t2:.2f}x)")
    print(f"  bare kernel + same library calls, 2 at a time     : {bare:6.2f} s  "
          f"(per region mean {sum(bare_each) / len(bare_each):.2f} s)")
    print(f"  ratio runner --jobs 2 / bare                      : {t2 / bare:6.2f}  (target <= 1.3)")


if __name__ == "__main__":
    main()
