"""Where zorglab finds its shipped files; never relative to the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # lib/zorglab
REPO_ROOT = PACKAGE_DIR.parents[1]


def data_dir() -> Path:
    """The shipped data folder; ``ZORGLAB_DATA`` overrides it for non-editable installs."""
    override = os.environ.get("ZORGLAB_DATA")
    return Path(override) if override else REPO_ROOT / "data"


def notebooks_dir() -> Path:
    return REPO_ROOT / "notebooks"


def apps_dir() -> Path:
    return REPO_ROOT / "panel_apps"


def var_dir() -> Path:
    """Runtime state (SQLite database, exports); created on demand, git-ignored."""
    path = Path(os.environ.get("ZORGLAB_VAR", REPO_ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path
