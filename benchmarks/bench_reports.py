"""Region report timings: a batch through the runner against the same notebook code as plain scripts.

The batch is the one of the performance issue: Rivierenland x the four funding models, ``--jobs 1``.
"Plain scripts" runs the notebook's code cells, with papermill's parameters cell injected, as one
``python report.py`` per report (interpreter start, imports and exports paid every time; no HTML).
The runner is measured after (one warm kernel per worker, reset between reports; shared BokehJS/CSS)
and before (``--fresh-kernels``: a new kernel per report; BokehJS and CSS inline, ``--self-contained``).
Target (issue 11): batch / plain scripts <= 0.8. Also prints seconds per report and HTML size.

    .venv/bin/python benchmarks/bench_reports.py [--n-cases 2000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook

from zorglab.domain.funding import MODELS
from zorglab.services.reports.bokehjs import EXPORT_ENV
from zorglab.services.reports.runner import default_notebook, plan, run_reports

REGION = "Rivierenland"


def plain_script(parameters: dict, path: Path) -> Path:
    """The notebook's code, parameters injected by papermill, as one Python script."""
    nb = parameterize_notebook(load_notebook_node(str(default_notebook())), parameters)
    path.write_text("\n\n".join(c.source for c in nb.cells if c.cell_type == "code") + "\n", encoding="utf-8")
    return path


def plain_scripts(jobs: list, out: Path) -> float:
    """Run every report as its own ``python script.py``, one after another; seconds in all."""
    out.mkdir(parents=True)
    scripts = [plain_script({**p.as_dict(), "export_dir": str(out)}, out / f"{p.stem}.py") for p in jobs]
    env = {**os.environ, EXPORT_ENV: "1"}  # as in the runner's kernels: BokehJS is not put in the outputs
    start = time.perf_counter()
    for script in scripts:
        subprocess.run([sys.executable, str(script)], check=True, cwd=out, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def runner(jobs: list, out: Path, reuse: bool) -> tuple[float, list[float], int]:
    """The batch through ``run_reports`` (--jobs 1): seconds, seconds per report, HTML bytes per report."""
    start = time.perf_counter()
    results = run_reports(jobs, out, jobs=1, progress=False, reuse_kernels=reuse, self_contained=not reuse)
    wall = time.perf_counter() - start
    failed = [r for r in results if not r.ok]
    if failed:
        sys.exit(f"report failed: {failed[0].stem}: {failed[0].error}")
    html = statistics.mean((out / r.files["html"]).stat().st_size for r in results)
    return wall, [r.seconds for r in results], int(html)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n-cases", type=int, default=2000, help="synthetic clients per report (make reports default)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds; the fastest counts (other load only slows)")
    args = ap.parse_args()
    jobs = plan([REGION], models=list(MODELS), n_cases=args.n_cases)
    best: dict[str, tuple] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):  # interleaved, so a burst of other load hits every variant alike
            for name, run in (("plain", lambda d: (plain_scripts(jobs, d), [], 0)),
                              ("warm", lambda d: runner(jobs, d, reuse=True)),
                              ("fresh", lambda d: runner(jobs, d, reuse=False))):
                got = run(Path(tmp) / f"{name}_{i}")
                if name not in best or got[0] < best[name][0]:
                    best[name] = got
        assets = sum(p.stat().st_size for p in (Path(tmp) / "warm_0" / "assets").iterdir())
    plain, (warm, warm_each, warm_html), (fresh, fresh_each, fresh_html) = best["plain"][0], best["warm"], best["fresh"]
    n = len(jobs)
    print(f"Region reports: {REGION} x {n} funding models, --jobs 1, n_cases={args.n_cases:,} (best of {args.repeat}):")
    print(f"  plain scripts (python report.py each, no HTML) : {plain:6.2f} s  ({plain / n:.2f} s per report)")
    print(f"  before: runner --fresh-kernels --self-contained: {fresh:6.2f} s  ratio {fresh / plain:.2f}  "
          f"(per report {statistics.mean(fresh_each):.2f} s)")
    print(f"  after:  runner (one warm kernel, shared assets): {warm:6.2f} s  ratio {warm / plain:.2f}  "
          f"(target <= 0.8; first report {warm_each[0]:.2f} s, then {statistics.mean(warm_each[1:]):.2f} s each)")
    print(f"  HTML per report: before {fresh_html / 1e6:.2f} MB (BokehJS + CSS inline), after "
          f"{warm_html / 1e3:.0f} kB + {assets / 1e6:.2f} MB once per folder in assets/")
    print(f"  machine load (1-minute average, all processes): {load:.1f} at the start, {os.getloadavg()[0]:.1f} at "
          f"the end, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
