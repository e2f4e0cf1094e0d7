"""How the runner gets its speed, and that the speed costs nothing: warm kernels reused across reports
(reset in between, replaced when they die), on local threads and on Dask workers. Behaviour only; the
timings are in benchmarks/bench_reports.py and bench_all_municipalities.py.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from zorglab.services.reports import check_params
from zorglab.services.reports.cli import main
from zorglab.services.reports.index_page import read_summary
from zorglab.services.reports.kernel import ReportKernel
from zorglab.services.reports.runner import plan, run_report, run_reports

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("reports")]
N, SEED = 300, 11


def _probe_notebook(path, extra: str = ""):
    """A parameterised notebook that fails if anything of an earlier report is still defined, and prints
    its kernel's process id and working folder (so a test can tell which kernel ran which report)."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Probe"),
        new_code_cell('region: str = "Oss"  # region\nn_cases: int = 100  # cases', metadata={"tags": ["parameters"]}),
        new_code_cell("import os\n" + extra),
        new_code_cell('assert "leftover" not in globals(), f"leaked from the report on {leftover}"\n'
                      "leftover = region\n"
                      'print(f"probe region={region} pid={os.getpid()} cwd={os.getcwd()}")'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _probe(out, stem: str) -> dict[str, str]:
    """What the probe printed in the report ``stem`` (region, pid, cwd)."""
    text = (out / f"{stem}.html").read_text(encoding="utf-8")
    found = re.search(r"probe region=(\S+) pid=(\d+) cwd=(\S+)", text)
    assert found, f"no probe line in {stem}.html"
    return dict(zip(("region", "pid", "cwd"), found.groups(), strict=True))


def test_one_warm_kernel_runs_every_report_without_leaks(tmp_path):
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    out = tmp_path / "out"
    names = ["Oss", "Westkust", "Lindendaal"]
    results = run_reports(plan(names, n_cases=100), out, jobs=1, notebook=nb, progress=False)
    assert [r.ok for r in results] == [True] * 3, [r.error for r in results]  # an earlier report leaks -> fails
    seen = [_probe(out, f"{n}_lumpsum_basis") for n in names]
    assert [s["region"] for s in seen] == names
    assert len({s["pid"] for s in seen}) == 1  # one kernel for all three: started and imported once
    assert {s["cwd"] for s in seen} == {str(out.resolve())}
    executed = nbformat.read(out / "notebooks" / "Lindendaal_lumpsum_basis.ipynb", as_version=4)
    counts = [c.execution_count for c in executed.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))  # numbered as in a fresh kernel


def test_fresh_kernels_option_starts_one_kernel_per_report(tmp_path):
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    out = tmp_path / "out"
    rc = main(["Oss", "Westkust", "--notebook", str(nb), "--out", str(out), "--no-progress", "--n-cases", "100",
               "--fresh-kernels"])
    assert rc == 0
    assert _probe(out, "Oss_lumpsum_basis")["pid"] != _probe(out, "Westkust_lumpsum_basis")["pid"]


def test_a_kernel_that_dies_is_replaced_and_the_others_still_run(tmp_path, capsys):
    kill = 'if region == "Oss":\n    import signal\n    os.kill(os.getpid(), signal.SIGKILL)'
    nb = _probe_notebook(tmp_path / "dies.ipynb", extra=kill)
    out = tmp_path / "out"
    rc = main(["Westkust", "Oss", "Lindendaal", "Rivierenland", "--notebook", str(nb), "--out", str(out),
               "--no-progress", "--n-cases", "100"])
    assert rc == 1
    err = capsys.readouterr().err
    assert "FAILED Oss_lumpsum_basis: DeadKernelError" in err
    before = _probe(out, "Westkust_lumpsum_basis")["pid"]
    after = [_probe(out, f"{n}_lumpsum_basis")["pid"] for n in ("Lindendaal", "Rivierenland")]
    assert before not in after  # the dead kernel was replaced ...
    assert after[0] == after[1]  # ... by one that is reused again
    summary = read_summary(out / "summary.csv").set_index("region")
    assert list(summary["status"]) == ["ok" if r != "Oss" else "failed" for r in summary.index]
    assert "Mislukt (1)" in (out / "index.html").read_text(encoding="utf-8")


def test_a_cell_error_does_not_reach_the_next_report(tmp_path):
    """A report that fails half-way may leave state behind: its kernel is not reused."""
    nb = _probe_notebook(tmp_path / "fails.ipynb", extra='if region == "Oss":\n    raise RuntimeError("no data")')
    with ReportKernel() as kernel:
        first = run_report(check_params(region="Westkust", n_cases=100), tmp_path, nb, kernel=kernel)
        failed = run_report(check_params(region="Oss", n_cases=100), tmp_path, nb, kernel=kernel)
        assert kernel.km is None  # shut down at once
        after = run_report(check_params(region="Lindendaal", n_cases=100), tmp_path, nb, kernel=kernel)
        assert (first.ok, failed.ok, after.ok) == (True, False, True)
        assert failed.error == "RuntimeError: no data"
        assert kernel.started == 2
    assert kernel.km is None  # closed with the block


def _outputs(out, stem: str) -> dict[str, bytes]:
    """The report's table files and key-figure JSON (these hold no run-specific ids, unlike the HTML)."""
    return {p.name: p.read_bytes() for p in sorted(out.glob(f"{stem}__*.csv")) + [out / f"{stem}.json"]}


def test_the_real_report_is_the_same_after_another_region_in_the_same_kernel(tmp_path):
    """Rivierenland after Oss in one warm kernel = Rivierenland alone in a fresh kernel, file for file."""
    oss, riv = (check_params(region=r, n_cases=N, seed=SEED) for r in ("Oss", "Rivierenland"))
    with ReportKernel() as kernel:
        warm = [run_report(p, tmp_path / "warm", kernel=kernel) for p in (oss, riv)]
        assert kernel.started == 1
    alone = run_report(riv, tmp_path / "fresh")
    assert [r.ok for r in (*warm, alone)] == [True] * 3, [r.error for r in (*warm, alone)]
    assert warm[0].figures["population"] != warm[1].figures["population"]  # two different places ...
    assert warm[1].figures == alone.figures  # ... and nothing of the first in the second
    stem = riv.stem
    assert _outputs(tmp_path / "warm", stem) == _outputs(tmp_path / "fresh", stem)
    assert json.loads((tmp_path / "warm" / f"{stem}.json").read_text(encoding="utf-8"))["population"] > 0


def test_dask_workers_keep_a_warm_kernel_each(tmp_path):
    from distributed import LocalCluster

    nb = _probe_notebook(tmp_path / "probe.ipynb")
    names = ["Oss", "Westkust", "Lindendaal", "Rivierenland", "Tiel", "Buren"]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = run_reports(plan(names, n_cases=100), tmp_path, scheduler=cluster.scheduler_address,
                              notebook=nb, progress=False)
    assert all(r.ok for r in results), [r.error for r in results]
    pids = {_probe(tmp_path, r.stem)["pid"] for r in results}
    assert 1 <= len(pids) <= 2  # six reports, at most one kernel per worker


def test_a_kernel_is_replaced_after_its_quota_of_reports(tmp_path):
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    with ReportKernel(recycle_after=2) as kernel:
        results = [run_report(check_params(region=r, n_cases=100), tmp_path, nb, kernel=kernel)
                   for r in ("Oss", "Westkust", "Lindendaal")]
        assert all(r.ok for r in results), [r.error for r in results]
        assert kernel.started == 2
    pids = [_probe(tmp_path, r.stem)["pid"] for r in results]
    assert pids[0] == pids[1] != pids[2]


def test_a_fresh_kernel_that_never_started_is_started_once_more(tmp_path, monkeypatch):
    # Seen in CI: two kernels chose the same free port, one died with "Address already in use" before
    # kernel_info. Nothing ran in it, so the runner starts another; a notebook that fails itself is not retried.
    import papermill as pm

    real, calls = pm.execute_notebook, []

    def first_start_fails(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(pm, "execute_notebook", first_start_fails)
    nb = _probe_notebook(tmp_path / "probe.ipynb")
    result = run_report(check_params("Oss", n_cases=100), tmp_path / "out", notebook=nb)
    assert result.ok, result.error
    assert len(calls) == 2  # by hand: one failed start + one real run
    assert _probe(tmp_path / "out", "Oss_lumpsum_basis")["region"] == "Oss"
