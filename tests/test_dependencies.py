"""environment.yml (conda) and pyproject.toml (pip) must list the same packages with the same bounds."""

from __future__ import annotations

import re

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
