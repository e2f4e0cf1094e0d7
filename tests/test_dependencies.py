"""environment.yml (conda) and pyproject.toml (pip) list the same packages with the same bounds, each of them
used; the habits `make test` and a commit rely on (pre-commit hooks, the type checker) are configured."""

from __future__ import annotations

import json
import re
from importlib.metadata import packages_distributions

import tomllib
import yaml

from zorglab.core.paths import REPO_ROOT


def _normalise(spec: str) -> tuple[str, str]:
    name, bound = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), bound.replace(" ", "")


def pyproject_specs() -> dict[str, str]:
    data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    specs = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["dev"]
    return dict(_normalise(s) for s in specs)


def environment_specs() -> dict[str, str]:
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    specs: list[str] = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            specs.extend(dep.get("pip", []))
        else:
            specs.append(dep)
    return {n: b for n, b in map(_normalise, specs) if n not in {"python", "pip"}}


def test_same_packages_and_bounds():
    pip, conda = pyproject_specs(), environment_specs()
    assert sorted(set(pip) - set(conda)) == [], "in pyproject.toml but not in environment.yml"
    assert sorted(set(conda) - set(pip)) == [], "in environment.yml but not in pyproject.toml"
    differing = {n: (pip[n], conda[n]) for n in pip if pip[n] != conda[n]}
    assert differing == {}, "version bounds differ (pyproject, environment.yml)"


def test_normaliser_catches_differences():
    assert _normalise("jupyter_bokeh>=4.0") == _normalise("jupyter-bokeh >= 4.0")
    assert _normalise("panel>=1.5") != _normalise("panel>=1.6")


# ---- every runtime dependency is used ---------------------------------------------------------------------
# Dependencies that nothing imports but something runs; each with the reason. Anything else listed in
# pyproject's `dependencies` must be imported by lib/, an app, a notebook, a test, a benchmark or a script.
USED_WITHOUT_IMPORT = {
    "ipykernel": "the kernel that runs the notebooks (papermill, nbval, JupyterLab)",
    "jupyterlab": "`make lab` opens the lessons and notebooks in it",
    "nbclient": "papermill's engine; services/reports/runner.py drives it through papermill's client",
    "psycopg-binary": "the libpq that psycopg needs, so PostgreSQL works without a system library",
}
SOURCE_DIRS = ("lib", "panel_apps", "notebooks", "tests", "benchmarks", "scripts")
_IMPORT = re.compile(r"^\s*(?:import|from)\s+([A-Za-z_]\w*)", re.MULTILINE)


def imported_modules(root=REPO_ROOT) -> set[str]:
    """Top-level module names imported by any Python file or notebook code cell under ``SOURCE_DIRS``."""
    found: set[str] = set()
    for folder in SOURCE_DIRS:
        for path in (root / folder).rglob("*"):
            if path.suffix == ".py":
                found |= set(_IMPORT.findall(path.read_text(encoding="utf-8")))
            elif path.suffix == ".ipynb" and ".ipynb_checkpoints" not in path.parts:
                cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
                code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
                found |= set(_IMPORT.findall(code))
    return found


def unused_dependencies(dependencies: list[str], imported: set[str]) -> list[str]:
    """Distributions in ``dependencies`` of which no top-level module is imported (installed metadata)."""
    modules_of: dict[str, set[str]] = {}
    for module, dists in packages_distributions().items():
        for dist in dists:
            modules_of.setdefault(_normalise(dist)[0], set()).add(module)
    names = [_normalise(spec)[0] for spec in dependencies]
    return [n for n in names if n not in USED_WITHOUT_IMPORT and not modules_of.get(n, {n}) & imported]


def test_every_runtime_dependency_is_used():
    deps = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert unused_dependencies(deps, imported_modules()) == []
    listed = {_normalise(s)[0] for s in deps}
    assert set(USED_WITHOUT_IMPORT) <= listed, "a reason above for a dependency that is no longer listed"


def test_unused_check_sees_a_missing_import_and_the_import_name(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "m.py").write_text("import yaml\nfrom pandas import DataFrame\n")
    (tmp_path / "notebooks").mkdir()
    cell = {"cell_type": "code", "source": ["import numpy as np\n"], "metadata": {}, "outputs": []}
    (tmp_path / "notebooks" / "n.ipynb").write_text(json.dumps({"cells": [cell]}))
    imported = imported_modules(tmp_path)
    assert imported == {"yaml", "pandas", "numpy"}
    # pyyaml is imported as `yaml` (the installed metadata says so); tqdm is imported nowhere here.
    assert unused_dependencies(["pyyaml>=6.0", "pandas>=2.2", "numpy", "tqdm>=4.66"], imported) == ["tqdm"]


# ---- habits: pre-commit and the type checker ----------------------------------------------------------------
def test_pre_commit_runs_ruff_nbqa_and_nbstripout_at_pinned_versions():
    config = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert {"ruff", "nbqa-ruff", "nbstripout"} <= set(hooks)
    pins = [d for h in hooks.values() for d in h.get("additional_dependencies", [])]
    assert pins and all("==" in p for p in pins), "pin every hook's tool to one version"
    assert len({p for p in pins if p.startswith("ruff==")}) == 1, "both ruff hooks use the same ruff"


def test_make_test_type_checks_before_the_tests():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "-m mypy" in recipe and recipe.index("-m mypy") < recipe.index("-m pytest")
    mypy = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["files"] == ["lib/zorglab"]
