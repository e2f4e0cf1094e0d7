"""Where zorglab finds its shipped files; never relative to the working directory.

Two layouts: a checkout (``lib/zorglab`` under the repository, also an editable install) reads ``data/``,
``notebooks/``, ``panel_apps/`` and ``docs/accessibility/`` from the repository, so an edit shows at once;
an installed wheel reads the copies that ``setup.py`` put inside the package (``zorglab/_shipped/``).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # lib/zorglab in a checkout, site-packages/zorglab installed
REPO_ROOT = PACKAGE_DIR.parents[1]  # the checkout's root (meaningless for an installed wheel)
SHIPPED_PACKAGE_DIR = "_shipped"  # inside the installed package; filled by setup.py's build step
SHIPPED = ("data", "notebooks", "panel_apps", "docs/accessibility")  # folders the wheel carries


def in_checkout() -> bool:
    """True when this zorglab is the repository's ``lib/zorglab`` (a checkout or an editable install)."""
    return PACKAGE_DIR.parent.name == "lib" and (REPO_ROOT / "pyproject.toml").is_file()


def shipped_dir(name: str) -> Path:
    """One of ``SHIPPED``: the checkout's folder if there is one, else the installed package's copy."""
    if name not in SHIPPED:
        raise ValueError(f"{name!r} is not shipped; one of {SHIPPED}")
    if in_checkout():
        return REPO_ROOT / name
    installed = resources.files("zorglab").joinpath(SHIPPED_PACKAGE_DIR, *name.split("/"))
    if not isinstance(installed, Path):  # e.g. imported from a zip: Bokeh and papermill need real files
        raise RuntimeError(f"zorglab's shipped files are not on disk ({installed}); install it unpacked")
    return installed


def data_dir() -> Path:
    """The shipped data folder; ``ZORGLAB_DATA`` overrides it (e.g. a newer copy of the data)."""
    override = os.environ.get("ZORGLAB_DATA")
    return Path(override) if override else shipped_dir("data")


def notebooks_dir() -> Path:
    return shipped_dir("notebooks")


def apps_dir() -> Path:
    return shipped_dir("panel_apps")


def accessibility_dir() -> Path:
    """The accessibility statement served next to the apps (only this part of docs/ is public)."""
    return shipped_dir("docs/accessibility")


def var_dir() -> Path:
    """Runtime state (SQLite database, exports); created on demand, git-ignored.

    ``ZORGLAB_VAR`` overrides it; else ``var/`` in a checkout, or the user's data folder
    (``$XDG_DATA_HOME/zorglab``, default ``~/.local/share/zorglab``) for an installed wheel, never
    site-packages.
    """
    override = os.environ.get("ZORGLAB_VAR")
    if override:
        path = Path(override)
    elif in_checkout():
        path = REPO_ROOT / "var"
    else:
        path = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "zorglab"
    path.mkdir(parents=True, exist_ok=True)
    return path
