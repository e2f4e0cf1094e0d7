"""Analyst outputs of the region reports: tidy CSVs, units, formula safety, the manifest, CLI pre-checks.

Most tests need no kernel: they call the export and runner functions directly (or the runner with its
single-report function replaced). One test runs real papermill kernels (3 runs, n_cases 60) to check that
re-running into the same folder adds to the index and that a failed re-run removes the report's old files.
Expected values are written out by hand in the tests, not computed with the code under test.
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from zorglab.services.reports import RegionalReport, dask_cluster, runner
from zorglab.services.reports import cli as cli_module
from zorglab.services.reports.cli import main
from zorglab.services.reports.export import (
    csv_header,
    csv_value,
    safe_text,
    write_excel,
    write_exports,
    write_key_figures_csv,
    write_table_csv,
)
from zorglab.services.reports.index_page import read_summary, write_index, write_summary
from zorglab.services.reports.manifest import output_files
from zorglab.services.reports.params import ReportParams
from zorglab.services.reports.runner import ReportResult
from zorglab.services.reports.tables import Table
from zorglab.services.reports.words import model_label

READ = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}  # how an analyst reads every CSV (not imported)
BOM = b"\xef\xbb\xbf"


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh, delimiter=";"))


@pytest.fixture(scope="module")
def report() -> RegionalReport:
    # a non-basis scenario so that the scenario table is exported too
    return RegionalReport(region="Rivierenland", n_cases=60, seed=3, funding_model="output", scenario="preventie")


@pytest.fixture(scope="module")
def exported(report, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return out, write_exports(report, out)


# ---- 1. one tidy CSV per table ------------------------------------------------------------------------
def test_one_csv_per_table_plus_key_figures_and_readme(report, exported):
    out, paths = exported
    stem = "Rivierenland_output_preventie"
    names = set(report.tables())
    assert {"uitgaven", "aanbieders", "scenario", "kerncijfers"} <= names
    expected = {f"{stem}__{n}.csv" for n in names} | {f"{stem}__README.txt", f"{stem}.xlsx", f"{stem}.json"}
    assert {p.name for p in out.iterdir()} == expected  # and no combined <stem>.csv any more
    assert {k for k in paths if k.startswith("csv:")} == {f"csv:{n}" for n in names}
    readme = (out / f"{stem}__README.txt").read_text(encoding="utf-8-sig")
    assert "synthetisch" in readme and "Bron: CBS" in readme
    for n in names:
        assert f"{stem}__{n}.csv" in readme
    assert report.providers.title in readme and report.agreement.note in readme  # titles and notes live here


def test_every_table_csv_reads_back_numeric_with_pandas(report, exported):
    out, _ = exported
    stem = "Rivierenland_output_preventie"
    for name, table in report.tables().items():
        if name == "kerncijfers":
            continue
        path = out / f"{stem}__{name}.csv"
        assert path.read_bytes().startswith(BOM), name
        rows = csv_rows(path)
        assert len(rows) == len(table.frame) + 1, name  # exactly one header row, no title or note lines
        assert all(len(r) == table.frame.shape[1] for r in rows), name
        df = pd.read_csv(path, **READ)
        assert df.shape == table.frame.shape, name
        for col in table.frame.columns:  # column id -> the CSV column under its Dutch header
            source = table.frame[col]
            kind = table.formats.get(col)
            header = csv_header(table.header(col), kind)
            assert header != col and header in df.columns, (name, col, list(df.columns))  # a reader's header, not the id
            if pd.api.types.is_numeric_dtype(source):
                assert pd.api.types.is_numeric_dtype(df[header]), (name, header, df[header].dtype)
                scale = 100 if kind == "share" else 1
                for got, want in zip(df[header], source, strict=True):
                    if pd.isna(want):
                        assert pd.isna(got), (name, header)
                    else:
                        assert got == pytest.approx(float(want) * scale, rel=1e-13, abs=1e-9), (name, header)
            else:
                assert list(df[header].fillna("")) == [str(v) for v in source], (name, header)
            if kind == "share":
                assert header.endswith("(%)") and header.count("(%)") == 1, header


def test_spend_csv_by_hand(report, exported):
    """The spend table: the difference against P x Q is a fraction in the data, a percentage in the CSV."""
    out, _ = exported
    rows = csv_rows(out / "Rivierenland_output_preventie__uitgaven.csv")
    assert rows[0] == ["Bekostigingsmodel", "Wmo (EUR)", "Jeugdwet (EUR)", "Totaal (EUR)", "Per inwoner (EUR)",
                       "Per cliënt (EUR)", "T.o.v. P x Q (EUR)", "T.o.v. P x Q (%)"]  # the Dutch headers analysts read
    share_at, total_at = rows[0].index("T.o.v. P x Q (%)"), rows[0].index("Totaal (EUR)")
    totals = report.spend.frame.set_index("funding_model")["total_eur"]
    pxq, output = float(totals.loc[model_label("pxq")]), float(totals.loc[model_label("output")])
    # output against P x Q in percent, by hand from the totals: (output - pxq) / pxq * 100
    assert float(rows[2][share_at].replace(",", ".")) == pytest.approx((output - pxq) / pxq * 100, rel=1e-9)
    assert float(rows[2][total_at].replace(",", ".")) == pytest.approx(output, rel=1e-14)
    assert rows[1][share_at] == "0"  # P x Q against itself
    assert "." not in "".join(rows[2][1:])  # decimal comma, no thousands dots


def test_english_report_exports_english_headers_for_the_same_column_ids(tmp_path):
    """Column ids are the same in both languages; only the headers an analyst reads change."""
    en = RegionalReport(region="Rivierenland", n_cases=60, seed=3, funding_model="output", language="en")
    paths = write_exports(en, tmp_path)
    assert csv_rows(paths["csv:uitgaven"])[0] == ["Funding model", "Wmo (EUR)", "Jeugdwet (EUR)", "Total (EUR)",
                                                  "Per inhabitant (EUR)", "Per client (EUR)", "Against P x Q (EUR)",
                                                  "Against P x Q (%)"]
    providers = dict(zip(en.providers.frame.columns, csv_rows(paths["csv:aanbieders"])[0], strict=True))
    assert (providers["margin_share"], providers["continuity_risk"]) == ("Margin (%)", "Continuity risk")
    assert [c.value for c in openpyxl.load_workbook(paths["xlsx"])["welbevinden"][1]] == [
        "Group", "Before", "After", "Change"]
    assert csv_rows(paths["csv:kerncijfers"])[0] == ["indicator", "value"]  # machine-readable in both languages
    assert list(en.spend.frame.columns) == ["funding_model", "wmo_eur", "youth_act_eur", "total_eur",
                                            "per_inhabitant_eur", "per_client_eur", "against_pxq_eur",
                                            "against_pxq_share"]


def test_share_and_pct_columns_are_labelled_percentages(tmp_path):
    t = Table("t", "T", pd.DataFrame({"naam": ["a", "b"], "aandeel": [0.123, -0.05], "Marge (%)": [0.5, math.nan],
                                      "pct": [12.3, 1.0], "geld": [1234.5, 0.0]}),
              {"aandeel": "share", "Marge (%)": "share", "pct": "pct", "geld": "eur"})
    rows = csv_rows(write_table_csv(t, tmp_path / "t.csv"))
    # by hand: 0.123 -> 12,3 %; -0.05 -> -5 %; 0.5 -> 50 %; (%) added once, not twice; EUR added to money
    assert rows == [["naam", "aandeel (%)", "Marge (%)", "pct (%)", "geld (EUR)"],
                    ["a", "12,3", "50", "12,3", "1234,5"],
                    ["b", "-5", "", "1", "0"]]


def test_key_figures_at_full_precision(tmp_path, report, exported):
    path = write_key_figures_csv({"a": 1234567.891234, "b": 2 / 3, "c": math.nan, "d": "laag", "e": 7,
                                  "f": -0.000012345, "g": 1e20}, tmp_path / "k.csv")
    assert path.read_bytes().startswith(BOM)
    # by hand: 15 significant digits, decimal comma, no exponent, no rounding to two decimals
    assert csv_rows(path) == [["indicator", "value"], ["a", "1234567,891234"], ["b", "0,666666666666667"],
                              ["c", ""], ["d", "laag"], ["e", "7"], ["f", "-0,000012345"],
                              ["g", "100000000000000000000"]]
    out, _ = exported
    df = pd.read_csv(out / "Rivierenland_output_preventie__kerncijfers.csv", **READ, dtype=str,
                     keep_default_na=False)
    assert list(df.columns) == ["indicator", "value"]
    written = dict(zip(df["indicator"], df["value"], strict=True))
    assert set(written) == set(report.key_figures)
    for key, value in report.key_figures.items():
        if isinstance(value, float) and not math.isnan(value):
            assert float(written[key].replace(",", ".")) == pytest.approx(value, rel=1e-14), key
    margin = report.key_figures["margin_pct_model"]
    assert written["margin_pct_model"] != f"{margin:.2f}".replace(".", ",")  # not the old 2-decimal rounding


def test_excel_sheets_are_tidy_and_explained(report, exported):
    out, _ = exported
    wb = openpyxl.load_workbook(out / "Rivierenland_output_preventie.xlsx")
    for name, table in report.tables().items():
        ws = wb[name[:31]]
        assert ws.max_row == len(table.frame) + 1, name  # no note rows under the data
    intro = " ".join(str(c.value) for c in wb["toelichting"]["A"])
    assert "Bron: CBS" in intro and "synthetisch" in intro
    assert report.providers.title in intro and report.agreement.note in intro
    headers = [c.value for c in wb["uitgaven"][1]]
    assert headers[0] == "Bekostigingsmodel" and "T.o.v. P x Q (%)" in headers  # Dutch headers, not column ids
    cell = wb["uitgaven"].cell(row=3, column=headers.index("T.o.v. P x Q (%)") + 1)
    assert isinstance(cell.value, float) and cell.number_format == "0.0%"  # a fraction shown as a percentage
    against = report.spend.frame.set_index("funding_model").loc[model_label("output"), "against_pxq_share"]
    assert cell.value == pytest.approx(float(against))


# ---- 3. formula injection ------------------------------------------------------------------------------
def _hostile_table() -> Table:
    return Table("gevaar", "Gevaar", pd.DataFrame({
        "=kop": ["a", "b", "c", "d", "e", "f"],
        "tekst": ['=HYPERLINK("http://x","y")', -5, "-abc", "@SUM(A1)", "\tx", "+31 6 1234"],
        "getal": [-5, -0.5, 3, 0, 12, -1234.5],
    }), {"getal": "num1"})


def test_formula_injection_is_neutralised_in_csv(tmp_path):
    path = write_table_csv(_hostile_table(), tmp_path / "gevaar.csv")
    rows = csv_rows(path)
    assert rows[0] == ["'=kop", "tekst", "getal"]
    assert [r[1] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\",\"y\")", "-5", "'-abc", "'@SUM(A1)", "'\tx",
                                        "'+31 6 1234"]
    assert [r[2] for r in rows[1:]] == ["-5", "-0,5", "3", "0", "12", "-1234,5"]  # numbers stay numbers
    df = pd.read_csv(path, **READ)
    assert pd.api.types.is_numeric_dtype(df["getal"]) and list(df["getal"]) == [-5, -0.5, 3, 0, 12, -1234.5]
    assert df.loc[0, "tekst"] == "'=HYPERLINK(\"http://x\",\"y\")"
    assert safe_text("\rx") == "'\rx" and safe_text("a=b") == "a=b" and csv_value(-5) == "-5"


def test_formula_injection_is_neutralised_in_excel(tmp_path):
    path = write_excel({"gevaar": _hostile_table()}, tmp_path / "gevaar.xlsx", "=titel")
    wb = openpyxl.load_workbook(path)
    ws = wb["gevaar"]
    assert [c.value for c in ws[1]] == ["'=kop", "tekst", "getal"]
    assert [ws.cell(row=r, column=2).value for r in range(2, 8)] == [
        "'=HYPERLINK(\"http://x\",\"y\")", -5, "'-abc", "'@SUM(A1)", "'\tx", "'+31 6 1234"]
    assert [ws.cell(row=r, column=3).value for r in range(2, 8)] == [-5, -0.5, 3, 0, 12, -1234.5]
    assert wb["toelichting"]["A2"].value == "'=titel"
    formulas = [c.coordinate for s in wb for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


# ---- 6. summary.csv and index.html ---------------------------------------------------------------------
def _result(municipality="", ok=True, **figures) -> ReportResult:
    params = ReportParams(region="Oss", municipality=municipality, funding_model="result", n_cases=60)
    return ReportResult(params, ok, 1.234, {"html": f"{params.stem}.html"} if ok else {}, figures,
                        error="" if ok else '=cmd|"/C calc"!A0 <img src=x onerror=alert(1)>',
                        finished="2024-05-01T10:11:12+02:00")


def test_summary_csv_is_dutch_excel_friendly(tmp_path):
    ok = _result(spend_model_eur=1234567.891234, margin_pct_model=0.0123456789, continuity_risk_model="laag")
    bad = _result(municipality="Bernheze", ok=False)
    path = write_summary([ok, bad], tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(BOM)
    rows = csv_rows(path)
    assert len(rows) == 3 and rows[0][0] == "stem"  # one header row, one row per report
    header = rows[0]
    assert rows[1][header.index("spend_model_eur")] == "1234567,891234"  # decimal comma, full precision
    assert rows[1][header.index("seconds")] == "1,23"
    assert rows[2][header.index("error")].startswith("'=cmd")  # formula-safe
    df = read_summary(path)
    assert pd.api.types.is_numeric_dtype(df["spend_model_eur"])
    assert list(df["status"]) == ["ok", "failed"] and list(df["municipality"]) == ["", "Bernheze"]
    assert df.loc[0, "margin_pct_model"] == pytest.approx(0.0123456789, rel=1e-14)
    assert pd.read_csv(path, **READ).shape == (2, len(header))


def test_index_escapes_everything_from_parameters(tmp_path):
    evil = '<script>alert("x")</script>'
    ok = _result(municipality=evil, spend_model_eur=1000.0, continuity_risk_model="<b>hoog</b>")
    bad = _result(municipality="a&b", ok=False)
    page = write_index([ok, bad], tmp_path).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>hoog</b>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "hoog&lt;/b&gt;" not in page  # a risk code the catalogue does not know is shown as a dash, never raw
    # file names are slugs of the parameters (only letters, digits, '-' and '_'), so links need no quoting
    assert "Oss_a-b_result_basis" in page
    assert 'href="Oss_script-alert-x-script_result_basis.html"' in page
    assert "Mislukt (1)" in page


# ---- 4. the manifest, without kernels (the single-report function replaced) ---------------------------
def _fake_run_report(fail: set[str], tables=("uitgaven",)):
    """Stands in for ``runner.run_report``: writes what a real report writes, or fails without files."""

    def run(params, out_dir, notebook=None, show_code=False, timeout=1800, **_):
        out = Path(out_dir)
        stem = params.stem
        if params.region in fail:
            return ReportResult(params, False, 0.1, {}, error="RuntimeError: kapot", finished="2024-05-01T10:00:00")
        files = {"html": f"{stem}.html", "json": f"{stem}.json"}
        files |= {f"csv:{t}": f"{stem}__{t}.csv" for t in tables}
        for name in files.values():
            (out / name).write_text("x", encoding="utf-8")
        return ReportResult(params, True, 0.1, files, {"spend_model_eur": 100.5}, finished="2024-05-01T10:00:00")

    return run


def test_rerun_replaces_entries_and_cleans_stale_files(tmp_path, monkeypatch):
    out = tmp_path / "out"
    monkeypatch.setattr(runner, "run_report", _fake_run_report(set(), tables=("uitgaven", "oud")))
    runner.run_reports(runner.plan(["Oss", "Westkust"], n_cases=60), out, progress=False)
    (out / "Oss_lumpsum_basis.csv").write_text("old one-file layout", encoding="utf-8")
    # re-run Oss with one table fewer, and a new region: 3 reports, Oss's stale CSVs are gone
    monkeypatch.setattr(runner, "run_report", _fake_run_report(set(), tables=("uitgaven",)))
    runner.run_reports(runner.plan(["Oss", "Lindendaal"], n_cases=60), out, progress=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["reports"]) == ["Lindendaal_lumpsum_basis", "Oss_lumpsum_basis", "Westkust_lumpsum_basis"]
    assert not (out / "Oss_lumpsum_basis__oud.csv").exists() and not (out / "Oss_lumpsum_basis.csv").exists()
    assert (out / "Oss_lumpsum_basis__uitgaven.csv").exists() and (out / "Westkust_lumpsum_basis__oud.csv").exists()
    # now Westkust fails: its files disappear, the others stay
    monkeypatch.setattr(runner, "run_report", _fake_run_report({"Westkust"}))
    results = runner.run_reports(runner.plan(["Westkust"], n_cases=60), out, progress=False)
    assert [r.ok for r in results] == [False]
    assert sorted(p.name for p in out.glob("Westkust*")) == []
    assert (out / "Oss_lumpsum_basis.html").exists() and (out / "Lindendaal_lumpsum_basis.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr><td>") == 2 and "Mislukt (1)" in index and "Westkust_lumpsum_basis</b>: RuntimeError" in index
    summary = read_summary(out / "summary.csv").set_index("region")
    assert dict(summary["status"]) == {"Lindendaal": "ok", "Oss": "ok", "Westkust": "failed"}


def test_stems_with_a_path_never_touch_other_folders(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "x.html").write_text("keep", encoding="utf-8")
    (tmp_path / "out" / "x.html").write_text("mine", encoding="utf-8")
    assert output_files(tmp_path / "out", "../x") == set()
    assert output_files(tmp_path / "out", "x") == {"x.html"}


def test_manifest_is_strict_json(tmp_path, monkeypatch):
    def run(params, out_dir, **_):
        return ReportResult(params, True, 0.1, {}, {"x": math.nan, "y": math.inf, "z": 1.5})

    monkeypatch.setattr(runner, "run_report", run)
    runner.run_reports(runner.plan(["Oss"], n_cases=60), tmp_path, progress=False)
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    entry = json.loads(text, parse_constant=lambda c: pytest.fail(f"{c} in manifest"))["reports"]["Oss_lumpsum_basis"]
    assert entry["figures"] == {"x": None, "y": None, "z": 1.5}
    assert entry["status"] == "ok" and entry["params"]["region"] == "Oss" and "export_dir" not in entry["params"]


# ---- 5. CLI: bad output folder or scheduler, one line and exit 2 before any kernel -----------------------
@pytest.fixture
def no_run(monkeypatch):
    monkeypatch.setattr(cli_module, "run_reports", lambda *a, **k: pytest.fail("reports started"))


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("error: ")
    assert captured.out == ""
    return lines[0]


@pytest.mark.parametrize("where", ["below_a_file", "proc"])
def test_cli_unwritable_out(tmp_path, capsys, no_run, where):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    out = tmp_path / "afile" / "out" if where == "below_a_file" else "/proc/zorglab-no-such-dir/out"
    assert main(["Oss", "--out", str(out), "--no-progress"]) == 2
    line = _one_error_line(capsys)
    assert "cannot write to the output folder" in line and "--out" in line and str(out) in line


def test_cli_out_is_an_existing_file(tmp_path, capsys, no_run):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    assert main(["Oss", "--out", str(tmp_path / "afile"), "--no-progress"]) == 2
    line = _one_error_line(capsys)
    assert "is an existing file" in line and "--out" in line
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "x"


def test_cli_unreachable_scheduler(tmp_path, capsys, no_run, monkeypatch):
    monkeypatch.setattr(dask_cluster, "SCHEDULER_TIMEOUT", 3)
    start = time.perf_counter()
    assert main(["Oss", "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:1", "--no-progress"]) == 2
    assert time.perf_counter() - start < 10
    line = _one_error_line(capsys)
    assert "tcp://127.0.0.1:1" in line and "--scheduler" in line and "Dask scheduler" in line


def test_cli_broken_manifest(tmp_path, capsys, no_run):
    (tmp_path / "manifest.json").write_text('{"format": "zorglab-reports-manifest", "reports": {"a": NaN', "utf-8")
    assert main(["Oss", "--out", str(tmp_path), "--no-progress"]) == 2
    assert "manifest.json" in _one_error_line(capsys)


# ---- 4. the manifest with real kernels ---------------------------------------------------------------
def _notebook_failing_for(path, region):
    nb = new_notebook(cells=[
        new_markdown_cell("# Test report"),
        new_code_cell('region: str = "Oss"  # region\nn_cases: int = 100  # cases', metadata={"tags": ["parameters"]}),
        new_code_cell(f'if region == "{region}":\n    raise RuntimeError(f"no data for {{region}}")'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


@pytest.mark.notebook
@pytest.mark.xdist_group("reports")
def test_rerun_into_same_folder_accumulates_and_failure_removes_old_files(tmp_path, capsys):
    out = tmp_path / "reports_out"
    common = ["--n-cases", "60", "--seed", "5", "--out", str(out), "--no-progress"]
    assert main(["Westkust", *common]) == 0  # 1 kernel
    west = [p.name for p in out.glob("Westkust_lumpsum_basis*")]
    assert {"Westkust_lumpsum_basis.html", "Westkust_lumpsum_basis.xlsx", "Westkust_lumpsum_basis.json",
            "Westkust_lumpsum_basis__uitgaven.csv", "Westkust_lumpsum_basis__kerncijfers.csv",
            "Westkust_lumpsum_basis__README.txt"} <= set(west)
    assert main(["Lindendaal", *common]) == 0  # 1 kernel, another report into the same folder
    index = (out / "index.html").read_text(encoding="utf-8")
    for region in ("Westkust", "Lindendaal"):
        assert f'href="{region}_lumpsum_basis.html"' in index
        assert f'href="{region}_lumpsum_basis__kerncijfers.csv"' in index
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["reports"]) == ["Lindendaal_lumpsum_basis", "Westkust_lumpsum_basis"]
    for entry in manifest["reports"].values():
        assert entry["status"] == "ok"
        assert all((out / f).is_file() for f in entry["files"].values()), entry["files"]
    assert len(read_summary(out / "summary.csv")) == 2

    # Westkust again, with a notebook that fails for it: 1 kernel
    nb = _notebook_failing_for(tmp_path / "fails.ipynb", "Westkust")
    assert main(["Westkust", "--notebook", str(nb), *common]) == 1
    assert "FAILED Westkust_lumpsum_basis: RuntimeError: no data for Westkust" in capsys.readouterr().err
    assert [p.name for p in out.glob("Westkust_lumpsum_basis*")] == []  # old HTML/CSV/XLSX/JSON gone
    assert (out / "notebooks" / "Westkust_lumpsum_basis.ipynb").exists()  # the failed run, for debugging
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="Westkust_lumpsum_basis.html"' not in index
    assert "Mislukt (1)" in index and "no data for Westkust" in index
    assert 'href="Lindendaal_lumpsum_basis.html"' in index
    summary = read_summary(out / "summary.csv").set_index("region")
    assert dict(summary["status"]) == {"Lindendaal": "ok", "Westkust": "failed"}
