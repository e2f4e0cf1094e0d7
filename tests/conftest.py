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


# The longest tests first: with two workers, a 2-minute browser test scheduled last keeps one worker busy while
# the other idles (measured with --durations: axe over every intervision state 145 s, every explorer tab 108 s,
# kill -9 with two server processes 108 s, the game's phone tests about 60 s each).
LONGEST_FIRST = ("tests/ui/test_accessibility.py", "tests/ui/test_intervision_scale.py",
                 "tests/ui/test_purchasing_game.py")


def _start_rank(nodeid: str) -> int:
    if nodeid.startswith(LONGEST_FIRST):
        return 0
    return 1 if nodeid.startswith("tests/ui/") else 2


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: _start_rank(item.nodeid))  # stable: file order kept within each rank
