"""Time to evaluate each funding model over a synthetic sample of 100,000 rows (target: <= 20 ms per model).

Run: `.venv/bin/python benchmarks/bench_funding.py [--cases N] [--repeat R]`. Prints the median and
best of R runs per model (plus the lump sum on last year's P x Q spend, which evaluates P x Q inside);
generation time is reported separately (it is not part of a recompute). Each row stands for ``weight``
real clients, so N is the sample size, not the number of clients.
"""

from __future__ import annotations

import argparse
import statistics
import time

from zorglab import generate_caseload
from zorglab.domain.funding import MODELS, TaakgerichtModel

TARGET_MS = 20.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=25)
    args = parser.parse_args(argv)

    t0 = time.perf_counter()
    caseload = generate_caseload("Rivierenland", args.cases, seed=1)
    print(f"generate_caseload({args.cases:,} rows, {caseload['weight'].sum():,.0f} clients): "
          f"{(time.perf_counter() - t0) * 1000:.0f} ms (one-off)")
    print(f"{'model':16} {'median ms':>10} {'best ms':>9} {'target':>8}")
    worst = 0.0
    models = {key: cls() for key, cls in MODELS.items()}
    models["lumpsum-history"] = TaakgerichtModel(budget_basis="history")
    for key, model in models.items():
        model.evaluate(caseload)  # warm-up
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            model.evaluate(caseload)
            times.append((time.perf_counter() - t) * 1000)
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"{key:16} {median:10.2f} {min(times):9.2f} {'ok' if median <= TARGET_MS else 'MISSED':>8}")
    print(f"slowest model median: {worst:.2f} ms (target <= {TARGET_MS:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
