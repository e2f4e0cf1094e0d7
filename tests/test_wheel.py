"""``pip install .`` (a real wheel, not an editable install) works from any directory.

The wheel is built from a copy of the repository (the build writes ``build/`` and ``*.egg-info``), installed
without dependencies into a throw-away virtual environment that borrows the dependencies of the running one,
and then used from an empty working directory: it must find its data, cases, translations, apps and notebooks
inside the installed package, not in this checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

from zorglab.core.paths import REPO_ROOT, SHIPPED

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]

BUILD_INPUTS = ("lib", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md", *SHIPPED)

# Run by the installed zorglab, from an empty directory; prints what it found as JSON.
PROBE = textwrap.dedent("""
    import json, sys
    import zorglab
    from zorglab.core.i18n import t
    from zorglab.core.paths import apps_dir, accessibility_dir, data_dir, in_checkout, notebooks_dir
    from zorglab.domain.cases import load_cases
    from zorglab.domain.regions import regions

    print(json.dumps({
        "module": zorglab.__file__,
        "in_checkout": in_checkout(),
        "regions": regions(),
        "cases": len(load_cases()),
        "region_nl": t("common.region", "nl"),
        "region_en": t("common.region", "en"),
        "apps": sorted(p.name for p in apps_dir().glob("*.py")),
        "index_page": (apps_dir() / "index.html").is_file(),
        "lessons": len(list((notebooks_dir() / "lessons").glob("[0-9][0-9]_*.ipynb"))),
        "report_notebook": (notebooks_dir() / "regional_evaluation.ipynb").is_file(),
        "accessibility": sorted(p.name for p in accessibility_dir().glob("*.md")),
        "data_dir": str(data_dir()),
    }))
""")


def _build_wheel(tmp: Path) -> Path:
    src = tmp / "src"
    for name in BUILD_INPUTS:
        origin = REPO_ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", ".ipynb_checkpoints"))
        else:
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, src / name)
    out = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(src)], check=True, timeout=120)
    (wheel,) = out.glob("zorglab-*.whl")
    return wheel


def _venv_borrowing_our_dependencies(tmp: Path) -> Path:
    """A venv whose site-packages comes first, then this interpreter's (a ``.pth`` line: its own ``.pth``
    files, such as the editable install's pointer to ``lib/``, are not read, so only the wheel is zorglab)."""
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    Path(site, "zz_borrowed_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(tmp)
    python = _venv_borrowing_our_dependencies(tmp)
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=120)
    return wheel, python, tmp


def test_wheel_carries_catalogue_data_apps_and_notebooks(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("zorglab/core/i18n/messages/common.toml", "zorglab/_shipped/data/regions.csv",
                     "zorglab/_shipped/data/cases.json", "zorglab/_shipped/panel_apps/scenario_explorer.py",
                     "zorglab/_shipped/notebooks/regional_evaluation.ipynb",
                     "zorglab/_shipped/docs/accessibility/toegankelijkheid.md"):
        assert required in names
    assert not [n for n in names if "__pycache__" in n or ".ipynb_checkpoints" in n]


def test_installed_wheel_works_from_another_directory(installed):
    _, python, tmp = installed
    cwd = tmp / "elsewhere"
    cwd.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp), "ZORGLAB_VAR": str(tmp / "var"),
           "ZORGLAB_STRICT_I18N": "1"}
    done = subprocess.run([str(python), "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(found["module"]).is_relative_to(tmp / "venv")  # the wheel, not the checkout
    assert found["in_checkout"] is False
    assert Path(found["data_dir"]).is_relative_to(tmp / "venv")
    # data/regions.csv ships four regions and data/cases.json 42 cases (counted in the files).
    assert sorted(found["regions"]) == ["Lindendaal", "Oss", "Rivierenland", "Westkust"]
    assert found["cases"] == 42
    assert (found["region_nl"], found["region_en"]) == ("Regio", "Region")  # common.toml
    assert found["apps"] == ["intervision.py", "lessons.py", "purchasing_game.py", "scenario_explorer.py"]
    assert found["index_page"] and found["report_notebook"]
    assert found["lessons"] == len(list((REPO_ROOT / "notebooks" / "lessons").glob("[0-9][0-9]_*.ipynb")))
    assert found["accessibility"] == ["accessibility.en.md", "toegankelijkheid.md"]
