"""``zorglab-reports`` / ``python -m zorglab.services.reports``: build region reports from the command line.

Examples::

    python -m zorglab.services.reports --all --jobs 2 --out reports_out
    python -m zorglab.services.reports Oss Rivierenland --models all --scenarios all
    python -m zorglab.services.reports --all --per-municipality --scheduler tcp://10.0.0.5:8786

Exit codes: 0 every report produced, 1 at least one report failed (the others are still written),
2 bad input (nothing was started): an unknown region or out-of-range value, an output folder that is a
file or cannot be written, a Dask scheduler that cannot be reached. Each gives one ``error:`` line on
stderr saying what to do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from zorglab.core.errors import ZorglabError
from zorglab.core.i18n import DEFAULT_LANGUAGE, LANGUAGES
from zorglab.domain.cbs import municipality_table
from zorglab.domain.funding import MODELS
from zorglab.domain.regions import YEAR_RANGE, regions, register_regions
from zorglab.services.reports.dask_cluster import connect_scheduler
from zorglab.services.reports.manifest import prepare_output_folder
from zorglab.services.reports.params import N_CASES_RANGE, SCENARIOS
from zorglab.services.reports.runner import plan, run_reports


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="zorglab-reports",
        description="Run notebooks/regional_evaluation.ipynb per region with papermill and export HTML (code "
                    "hidden), CSV and Excel, plus an index.html. All client data is synthetic.")
    p.add_argument("regions", nargs="*", metavar="REGION",
                   help=f"region(s): {', '.join(regions())}, or any CBS municipality by name or GM code (Tiel, GM0281)")
    p.add_argument("--all", action="store_true", help="every region")
    p.add_argument("--all-municipalities", action="store_true",
                   help="every municipality of the CBS file (345 in 2022), each as a region of its own")
    p.add_argument("--regions-file", metavar="CSV", default="",
                   help="your own regions: region, municipality, cbs_code, population, population_year, "
                        "population_source (see data/README.md)")
    p.add_argument("--caseload", metavar="CSV", default="",
                   help="an anonymised caseload extract instead of synthetic clients (schema: data/README.md)")
    p.add_argument("--cbs", metavar="FILE", default="",
                   help="a newer CBS youth-care export (StatLine CSV download or open-data export)")
    p.add_argument("--per-municipality", action="store_true", help="one report per municipality of each region")
    p.add_argument("--models", nargs="+", default=["lumpsum"], metavar="MODEL",
                   help=f"funding model(s) compared with P x Q: {', '.join(MODELS)} or 'all' (default: lumpsum)")
    p.add_argument("--scenarios", nargs="+", default=["basis"], metavar="SCENARIO",
                   help=f"scenario(s): {', '.join(SCENARIOS)} or 'all' (default: basis)")
    p.add_argument("--year", type=int, default=2022, help=f"year {YEAR_RANGE[0]}-{YEAR_RANGE[1]} (default 2022)")
    p.add_argument("--n-cases", type=int, default=2000,
                   help=f"synthetic clients per report, {N_CASES_RANGE[0]}-{N_CASES_RANGE[1]} (default 2000)")
    p.add_argument("--seed", type=int, default=2016, help="seed of the synthetic clients (default 2016)")
    p.add_argument("--language", default=DEFAULT_LANGUAGE, choices=list(LANGUAGES),
                   help=f"report language (default {DEFAULT_LANGUAGE})")
    p.add_argument("--jobs", "-j", type=int, default=1, help="reports run in parallel on this computer (default 1)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on an existing Dask cluster, e.g. tcp://host:8786")
    p.add_argument("--out", default="reports_out", help="output folder (default reports_out)")
    p.add_argument("--show-code", action="store_true", help="keep the code in the HTML (hidden by default)")
    p.add_argument("--self-contained", action="store_true",
                   help="put BokehJS and the page style in every HTML file (1.6 MB each) instead of once in "
                        "OUT/assets/; for sending a single report on its own")
    p.add_argument("--fresh-kernels", action="store_true",
                   help="start a new kernel for every report (slower) instead of one warm kernel per worker "
                        "that is reset between reports")
    p.add_argument("--notebook", help="another parameterised notebook with the same parameters")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    return p


def preflight(args: argparse.Namespace) -> tuple[list, Any]:
    """Everything checked before any kernel starts: the jobs, the output folder, the scheduler.

    Returns the jobs and a connected Dask client (or None); raises ``ValueError`` with what to do.
    """
    if args.jobs < 1:
        raise ValueError("--jobs must be at least 1")
    if args.regions_file:
        register_regions(args.regions_file)  # before planning, so --all and names include them
    names = list(args.regions)
    if args.all_municipalities:
        names += list(municipality_table().index)
    jobs = plan(names, all_regions=args.all, models=args.models, scenarios=args.scenarios,
                per_municipality=args.per_municipality, year=args.year, n_cases=args.n_cases, seed=args.seed,
                language=args.language, regions_file=args.regions_file, caseload_file=args.caseload,
                cbs_file=args.cbs)
    prepare_output_folder(args.out)
    client = connect_scheduler(args.scheduler) if args.scheduler else None
    return jobs, client


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        jobs, client = preflight(args)
    except (ZorglabError, ValueError) as err:
        print("error: " + " ".join(str(err).split()), file=sys.stderr)
        return 2
    where = f"Dask scheduler {args.scheduler}" if args.scheduler else f"{args.jobs} local kernel(s)"
    print(f"{len(jobs)} report(s) -> {args.out} on {where}", file=sys.stderr)
    try:
        results = run_reports(jobs, args.out, jobs=args.jobs, scheduler=client, notebook=args.notebook,
                              show_code=args.show_code, progress=not args.no_progress, language=args.language,
                              reuse_kernels=not args.fresh_kernels, self_contained=args.self_contained)
    finally:
        if client is not None:
            client.close()
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} of {len(results)} report(s) produced; index: {args.out}/index.html")
    for r in failed:
        print(f"FAILED {r.params.stem}: {r.error}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
