"""The report runner end to end: real papermill kernels, real nbconvert HTML, real Dask LocalCluster.

Kept small (n_cases 300) and in one xdist group so the kernels do not fight the other tests for the two
cores. The numbers in the HTML are compared with what the library computes for the same parameters.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import openpyxl
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from zorglab import generate_caseload, make_model
from zorglab.core.formatting import format_eur
from zorglab.core.i18n import t
from zorglab.services.reports.cli import main
from zorglab.services.reports.html_export import export_html
from zorglab.services.reports.index_page import read_summary
from zorglab.services.reports.runner import plan, run_reports

pytestmark = [pytest.mark.notebook, pytest.mark.xdist_group("reports")]
N, SEED = 300, 11
READ = {"sep": ";", "decimal": ",", "encoding": "utf-8-sig"}  # the Dutch-Excel CSV format of every output


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports_out")
    rc = main(["Oss", "Rivierenland", "--jobs", "2", "--n-cases", str(N), "--seed", str(SEED), "--out", str(out),
               "--no-progress"])
    return rc, out


def expected(region: str, model: str) -> float:
    return make_model(model).evaluate(generate_caseload(region, N, seed=SEED)).total_spend


def test_all_reports_produced(built):
    rc, out = built
    assert rc == 0
    for region in ("Oss", "Rivierenland"):
        stem = f"{region}_lumpsum_basis"
        for name in (".html", ".xlsx", ".json", "__uitgaven.csv", "__kerncijfers.csv", "__README.txt"):
            assert (out / f"{stem}{name}").stat().st_size > 0, name
        assert not (out / f"{stem}.csv").exists()  # no combined CSV any more: one per table
        assert (out / "notebooks" / f"{stem}.ipynb").exists()
    assert (out / "manifest.json").exists()


@pytest.mark.parametrize("region", ["Oss", "Rivierenland"])
def test_html_shows_the_library_figures_without_code(built, region):
    _, out = built
    page = (out / f"{region}_lumpsum_basis.html").read_text(encoding="utf-8")
    for model in ("pxq", "output", "result", "lumpsum"):
        assert format_eur(expected(region, model), 0) in page, model
    assert t("common.synthetic_notice", "nl") in page
    assert "Bron: CBS" in page
    assert "report.show(" not in page and "check_params(" not in page  # code hidden for readers
    assert "Een dunne, verhalende notebook" not in page  # notebook-only narrative left out
    assert page.count('class="zl-plot"') >= 5  # bokeh plots embedded
    assert page.count("<!-- zorglab:bokehjs -->") == 1  # added once at export, not carried by the kernel
    assert (out / "notebooks" / f"{region}_lumpsum_basis.ipynb").stat().st_size < 600_000


def test_html_shares_bokehjs_and_css_once_per_folder(built):
    """BokehJS (1.3 MB) and the page CSS (250 kB) are in assets/, linked relatively; no CDN is needed."""
    from zorglab.services.reports.bokehjs import bokehjs_code

    _, out = built
    pages = {r: (out / f"{r}_lumpsum_basis.html").read_text(encoding="utf-8") for r in ("Oss", "Rivierenland")}
    links = []
    for page in pages.values():
        scripts = re.findall(r'<script src="([^"]+)"', page)
        css = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
        assert len(scripts) == 1 and scripts[0].startswith("assets/bokeh-") and len(css) == 1, (scripts, css)
        assert "https://" not in page.split("</head>")[0]  # require.js, MathJax, Mermaid from a CDN: gone
        assert len(page.encode()) < 300_000  # was 1.6 MB with BokehJS and CSS inline
        links.append((scripts[0], css[0]))
    assert links[0] == links[1]  # the same two files for every report of the folder
    script, css = links[0]
    assert (out / script).read_bytes() == bokehjs_code()
    assert ".jp-Notebook" in (out / css).read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "assets").iterdir()) == sorted(Path(x).name for x in links[0])


def test_self_contained_html_carries_its_own_bokehjs(built, tmp_path):
    from zorglab.services.reports.bokehjs import bokehjs_code

    _, out = built
    nb = nbformat.read(out / "notebooks" / "Oss_lumpsum_basis.ipynb", as_version=4)
    page = export_html(nb, tmp_path / "Oss.html", "Oss", self_contained=True).read_text(encoding="utf-8")
    assert "<script src=" not in page and "<link rel=\"stylesheet\"" not in page
    assert bokehjs_code().decode("utf-8") in page and ".jp-Notebook" in page
    assert not (tmp_path / "assets").exists()


def test_rivierenland_profile_has_real_cbs_share(built):
    _, out = built
    page = (out / "Rivierenland_lumpsum_basis.html").read_text(encoding="utf-8")
    assert "Tiel" in page and "22,9%" in page and "13,2%" in page  # CBS 2022*: Tiel vs national


def test_index_links_every_report_with_key_figures(built):
    _, out = built
    index = (out / "index.html").read_text(encoding="utf-8")
    for region in ("Oss", "Rivierenland"):
        assert f'href="{region}_lumpsum_basis.html"' in index
        assert f'href="{region}_lumpsum_basis.xlsx"' in index
        assert f'href="{region}_lumpsum_basis__uitgaven.csv"' in index
        assert format_eur(expected(region, "lumpsum"), 0) in index
        diff = expected(region, "lumpsum") - expected(region, "pxq")
        assert format_eur(diff, 0) in index


def test_summary_and_exports_hold_the_same_numbers(built):
    _, out = built
    summary = pd.read_csv(out / "summary.csv", **READ).set_index("region")
    for region in ("Oss", "Rivierenland"):
        assert summary.loc[region, "status"] == "ok"
        assert summary.loc[region, "spend_model_eur"] == pytest.approx(expected(region, "lumpsum"))
        assert summary.loc[region, "spend_baseline_eur"] == pytest.approx(expected(region, "pxq"))
        sheet = openpyxl.load_workbook(out / f"{region}_lumpsum_basis.xlsx")["uitgaven"]
        header = [c.value for c in sheet[1]]
        total = header.index("Totaal (EUR)")
        totals = {row[0]: row[total] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
        assert totals["Taakgericht (lumpsum / populatiebudget)"] == pytest.approx(expected(region, "lumpsum"))
        spend = pd.read_csv(out / f"{region}_lumpsum_basis__uitgaven.csv", **READ).set_index("Bekostigingsmodel")
        assert spend.loc["Inspanningsgericht (P x Q)", "Totaal (EUR)"] == pytest.approx(expected(region, "pxq"))
        with (out / f"{region}_lumpsum_basis__uitgaven.csv").open(encoding="utf-8-sig") as fh:
            assert fh.readline().startswith("Bekostigingsmodel;")  # the header is the first line: no title


def _failing_notebook(path):
    """A parameterised notebook that fails for one region only (stands in for a broken data file)."""
    nb = new_notebook(cells=[
        new_markdown_cell("# Test report"),
        new_code_cell('region: str = "Oss"  # region\nn_cases: int = 100  # cases', metadata={"tags": ["parameters"]}),
        new_code_cell('if region == "Oss":\n    raise RuntimeError(f"no data for {region}")\nprint("report for", region)'),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_one_failing_region_does_not_lose_the_others(tmp_path, capsys):
    nb = _failing_notebook(tmp_path / "fails.ipynb")
    out = tmp_path / "out"
    rc = main(["Oss", "Westkust", "--notebook", str(nb), "--out", str(out), "--no-progress", "--n-cases", "100"])
    assert rc == 1  # non-zero: something failed
    err = capsys.readouterr().err
    assert "FAILED Oss_lumpsum_basis: RuntimeError: no data for Oss" in err
    assert "report for Westkust" in (out / "Westkust_lumpsum_basis.html").read_text(encoding="utf-8")
    assert not (out / "Oss_lumpsum_basis.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Mislukt (1)" in index and "no data for Oss" in index and 'href="Westkust_lumpsum_basis.html"' in index
    summary = read_summary(out / "summary.csv").set_index("region")
    assert summary.loc["Oss", "status"] == "failed" and summary.loc["Westkust", "status"] == "ok"


def test_dask_localcluster_path(tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        results = run_reports(plan(["Westkust"], n_cases=100, seed=SEED), tmp_path, scheduler=cluster.scheduler_address,
                              progress=False)
    assert [r.ok for r in results] == [True], results[0].error
    page = (tmp_path / "Westkust_lumpsum_basis.html").read_text(encoding="utf-8")
    total = make_model("lumpsum").evaluate(generate_caseload("Westkust", 100, seed=SEED)).total_spend
    assert format_eur(total, 0) in page
    assert results[0].figures["spend_model_eur"] == pytest.approx(total)


def test_compare_reads_the_runner_output(built):
    """What compare_regions.ipynb shows for a runner folder, called in-process: the notebook itself runs once
    in `make test` (tests/test_notebooks.py), not again here."""
    from zorglab.services.reports import compare

    _, out = built
    summary = compare.load_summary(out)
    text = compare.table_html(summary) + " ".join(compare.observations(summary))
    for region in ("Oss", "Rivierenland"):
        assert f"{region} · lumpsum · basis" in text
        assert format_eur(expected(region, "lumpsum"), 0) in text
    assert "Westkust" not in text  # only what the runner produced
    assert compare.plot_html(summary, "kappa_old").count('class="zl-plot"') == 1


def _render_offline(page_file: Path) -> dict:
    """Open ``page_file`` from disk in headless Chromium with every http(s) request refused (a room
    without internet); wait until Bokeh has built every plot. Returns what the page showed and logged."""
    from playwright.sync_api import sync_playwright

    n_plots = page_file.read_text(encoding="utf-8").count('class="zl-plot"')
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("requestfailed", lambda r: errors.append(f"request failed: {r.url}"))
            page.route("http*://**", lambda route: route.abort())
            page.goto(page_file.as_uri())
            page.wait_for_function(f"window.Bokeh && Bokeh.documents.length >= {n_plots}", timeout=20_000)
            page.locator("canvas").first.wait_for(timeout=10_000)
            return {"plots": n_plots, "canvases": page.locator("canvas").count(), "errors": errors,
                    "heading": page.get_by_role("heading", name="Regionale evaluatie Oss, 2022").is_visible(),
                    "font": page.evaluate("getComputedStyle(document.querySelector('.jp-RenderedHTMLCommon'))"
                                          ".fontFamily")}
        finally:
            browser.close()


@pytest.mark.ui
def test_exported_plots_render_offline_in_a_browser(built):
    """The HTML opens from disk without network: BokehJS from assets/, every plot drawn, nothing fails."""
    _, out = built
    seen = _render_offline(out / "Oss_lumpsum_basis.html")
    assert seen["errors"] == []
    assert seen["plots"] >= 5 and seen["canvases"] >= seen["plots"]  # every plot drawn on a canvas
    assert seen["heading"]
    assert "Times" not in seen["font"]  # the shared stylesheet was applied


@pytest.mark.ui
def test_self_contained_html_renders_offline_on_its_own(built, tmp_path):
    _, out = built
    nb = nbformat.read(out / "notebooks" / "Oss_lumpsum_basis.ipynb", as_version=4)
    page = export_html(nb, tmp_path / "Oss.html", "Oss", self_contained=True)  # alone in its folder
    seen = _render_offline(page)
    assert seen["errors"] == [] and seen["canvases"] >= seen["plots"] >= 5 and seen["heading"]
    assert "Times" not in seen["font"]
