"""Time to report on every municipality in the shipped CBS file (345 in 2022).

Two figures: (1) the library work of a report (caseload sized on CBS, four funding models, every
section rendered, the seed spread) for municipalities in-process, and (2) full notebook reports
(papermill + nbconvert + exports) through the runner with ``--jobs 2``. By default both are measured on a
sample and extrapolated to all 345 (a full run takes about half an hour on 2 cores); ``--all`` measures
every municipality for real. Target (performance issue): all 345 within 10 minutes.

    .venv/bin/python benchmarks/bench_all_municipalities.py [--sample 20] [--reports 4] [--all]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from zorglab.cbs import municipality_table
from zorglab.reports import SECTIONS, RegionalReport, check_params
from zorglab.reports.runner import run_reports


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=int, default=20, help="municipalities for the library timing (default 20)")
    ap.add_argument("--reports", type=int, default=4, help="full notebook reports to time (default 4)")
    ap.add_argument("--n-cases", type=int, default=2000)
    ap.add_argument("--all", action="store_true", help="every municipality, for real (about 30 minutes)")
    args = ap.parse_args()
    codes = list(municipality_table().index)
    total = len(codes)
    step = max(1, total // max(1, args.sample))
    sample = codes if args.all else codes[::step][: args.sample]

    library_seconds(sample[:1], args.n_cases)  # warm caches (CBS tables, catalogue) like a long-lived worker
    lib = library_seconds(sample, args.n_cases)
    print(f"library work per municipality: median {statistics.median(lib):.2f} s, max {max(lib):.2f} s "
          f"(n = {len(lib)}, {args.n_cases} sample clients)")
    print(f"  -> all {total} municipalities, one process: {statistics.mean(lib) * total / 60:.1f} min "
          f"({'measured' if args.all else 'extrapolated'})")

    jobs = [check_params(region=c, n_cases=args.n_cases) for c in (codes if args.all else sample[: args.reports])]
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        results = run_reports(jobs, out, jobs=2, progress=False)
        wall = time.perf_counter() - start
    ok = sum(r.ok for r in results)
    per = wall / len(jobs)
    print(f"full notebook reports, --jobs 2: {len(jobs)} in {wall:.1f} s ({per:.1f} s each, {ok} ok)")
    print(f"  -> all {total} municipalities: {per * total / 60:.1f} min "
          f"({'measured' if args.all else 'extrapolated'}; target <= 10 min)")


if __name__ == "__main__":
    main()
