"""Shared fixtures. Tests never read ../shared/ or the cwd: paths come from zorglab.paths."""

from __future__ import annotations

import os

import pytest


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
