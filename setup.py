"""Build step that puts the repository's shipped folders inside the wheel; everything else is in pyproject.toml.

The repository keeps ``data/``, ``notebooks/``, ``panel_apps/`` and ``docs/accessibility/`` at its root (where
people look for them); a wheel carries copies under ``zorglab/_shipped/`` so ``pip install .`` works from any
directory (``zorglab.core.paths`` prefers the checkout and falls back to these copies). An editable install
needs no copies: it reads the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("data", "notebooks", "panel_apps", "docs/accessibility")  # = zorglab.core.paths.SHIPPED
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")


class BuildWithShippedFolders(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        for name in SHIPPED:
            target = Path(self.build_lib, "zorglab", "_shipped", name)
            shutil.copytree(HERE / name, target, ignore=SKIP, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithShippedFolders})
