"""Shared fixtures. Tests never read ../shared/ or the cwd: paths come from zorglab.core.paths."""

from __future__ import annotations

import os

import pytest

# Every test (and every kernel or server it starts, which inherit the environment) fails on a word that is not
# in the translation catalogue instead of showing its key.
os.environ.setdefault("ZORGLAB_STRICT_I18N", "1")


# Runtime state of apps under test goes to a per-session temp dir, never into the repo's var/.
@pytest.fixture(autouse=True, scope="session")
def _isolated_var_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("zorglab-var")
    old = os.environ.get("ZORGLAB_VAR")
    os.environ["ZORGLAB_VAR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("ZORGLAB_VAR", None)
    else:
        os.environ["ZORGLAB_VAR"] = old


@pytest.fixture(scope="session")
def small_caseload():
    from zorglab import generate_caseload

    return generate_caseload("Rivierenland", 2000, seed=7)


# ---- each notebook runs once in `make test` ---------------------------------------------------------------
def papermill_notebooks() -> set:
    """Notebooks whose execution and figures the pytest suite checks with papermill: every lesson
    (tests/test_lessons.py, default parameters), the region report (tests/test_notebooks.py and the runner's
    real runs in tests/test_reports_runner.py) and the comparison (tests/test_notebooks.py). Why a list: `make test`'s nbval step skips these, so each notebook runs
    once; nbval still runs every other notebook, a new one included, so none goes unexecuted."""
    from zorglab.core.paths import notebooks_dir

    nb = notebooks_dir()
    return {nb / "regional_evaluation.ipynb", nb / "compare_regions.ipynb",
            *(nb / "lessons").glob("[0-9][0-9]_*.ipynb")}


def pytest_ignore_collect(collection_path, config):
    """Under nbval (loaded with ``-p tests.conftest``), skip the notebooks papermill tests already run."""
    under_nbval = config.getoption("nbval_lax", False) or config.getoption("nbval", False)
    if under_nbval and collection_path.suffix == ".ipynb":
        return collection_path.resolve() in {p.resolve() for p in papermill_notebooks()} or None
    return None
