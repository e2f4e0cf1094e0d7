"""Every notebook under notebooks/: stored clean, titled, parameterised the papermill way; ours executed.

The storage checks cover every notebook (including the lessons) and are fast. Execution runs the two
report notebooks with papermill on small data (the nbval-style "does it run" check, with real kernels).
Each notebook runs once in `make test`: papermill here and in test_lessons.py / test_reports_runner.py,
nbval (Makefile) for the rest (tests/conftest.py: ``papermill_notebooks``).
"""

from __future__ import annotations

import re

import papermill as pm
import pytest
from nbformat import read

from zorglab import generate_caseload, make_model
from zorglab.core.paths import REPO_ROOT, notebooks_dir

NOTEBOOKS = sorted(p for p in notebooks_dir().rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
REPORT_NOTEBOOKS = {"regional_evaluation.ipynb", "compare_regions.ipynb"}  # parameterised: papermill runs them
IDS = [str(p.relative_to(notebooks_dir())) for p in NOTEBOOKS]


def _parameter_cells(nb):
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert names >= REPORT_NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_stored_without_outputs(path):
    nb = read(path, as_version=4)
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them (nbstripout) before committing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_first_cell_is_an_h1_title(path):
    first = read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown" and first.source.lstrip().startswith("# "), path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_at_most_one_parameters_cell_with_typed_documented_parameters(path):
    nb = read(path, as_version=4)
    cells = _parameter_cells(nb)
    if path.name in REPORT_NOTEBOOKS:
        assert len(cells) == 1, f"{path.name} must have exactly one cell tagged 'parameters'"
    assert len(cells) <= 1, f"{path.name}: {len(cells)} cells tagged 'parameters'; papermill needs one"
    if cells:
        params = pm.inspect_notebook(str(path))
        lines = [ln for ln in cells[0].source.splitlines() if re.match(r"^\w+\s*(:[^=]+)?=", ln)]  # assignments
        assert len(params) == len(lines), f"{path.name}: papermill could not read every parameter line"
        for name, p in params.items():
            assert p["inferred_type_name"] != "None", f"{path.name}: parameter {name} has no type hint"
            assert p["help"], f"{path.name}: parameter {name} has no trailing comment"


def test_regional_evaluation_documents_its_parameters():
    params = pm.inspect_notebook(str(notebooks_dir() / "regional_evaluation.ipynb"))
    assert set(params) == {"region", "municipality", "year", "funding_model", "scenario", "n_cases", "seed",
                           "language", "export_dir", "regions_file", "caseload_file", "cbs_file"}
    assert params["region"]["help"].startswith("one of zorglab.regions(), or any CBS municipality")


@pytest.mark.notebook
@pytest.mark.xdist_group("reports")
def test_regional_evaluation_runs_in_english(tmp_path):
    out = tmp_path / "run.ipynb"
    nb = pm.execute_notebook(str(notebooks_dir() / "regional_evaluation.ipynb"), str(out), progress_bar=False, start_timeout=180,
                             parameters={"region": "Lindendaal", "n_cases": 100, "seed": 9, "language": "en",
                                         "funding_model": "result", "scenario": "algemene_voorziening"})
    text = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Regional evaluation Lindendaal, 2022" in text and "Conclusions" in text
    assert text.count('class="zl-plot"') >= 5  # the section plots rendered
    import scrapbook as sb

    figures = sb.read_notebook(str(out)).scraps["key_figures"].data
    expected = make_model("result").evaluate(generate_caseload("Lindendaal", 100, seed=9)).total_spend
    assert figures["spend_model_eur"] == pytest.approx(expected)


@pytest.mark.notebook
@pytest.mark.xdist_group("reports")
def test_regional_evaluation_stops_on_a_bad_parameter(tmp_path):
    with pytest.raises(pm.PapermillExecutionError) as err:
        pm.execute_notebook(str(notebooks_dir() / "regional_evaluation.ipynb"), str(tmp_path / "bad.ipynb"),
                            progress_bar=False, start_timeout=180, parameters={"n_cases": 5})
    assert err.value.ename == "ParameterRangeError"
    assert "'n_cases'" in err.value.evalue and "50-500.000" in err.value.evalue


@pytest.mark.notebook
@pytest.mark.xdist_group("reports")
def test_compare_regions_runs_without_a_reports_folder(tmp_path):
    nb = pm.execute_notebook(str(notebooks_dir() / "compare_regions.ipynb"), str(tmp_path / "cmp.ipynb"),
                             progress_bar=False, start_timeout=180, parameters={"n_cases": 100})
    text = "".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    for region in ("Lindendaal", "Oss", "Rivierenland", "Westkust"):
        assert f"{region} · lumpsum · basis" in text
    assert "Bron: CBS" in text
    assert text.count('class="zl-plot"') == 3  # one bar chart per compared metric


def test_each_notebook_runs_once_in_make_test():
    """nbval skips exactly the notebooks pytest executes with papermill, and still runs all the others."""
    from tests.conftest import papermill_notebooks
    from tests.test_lessons import LESSONS

    executed_by_pytest = set(LESSONS) | {notebooks_dir() / name for name in REPORT_NOTEBOOKS}
    assert papermill_notebooks() == executed_by_pytest
    assert {p.name for p in set(NOTEBOOKS) - executed_by_pytest} >= {"purchasing_game_analysis.ipynb"}  # nbval's
    assert "-p tests.conftest --nbval-lax" in (REPO_ROOT / "Makefile").read_text()  # the hook is loaded there
