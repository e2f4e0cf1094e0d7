"""The package's layers, checked from the source: nothing imports upwards, and long modules say why.

Layers, lowest first (README "Layout"): core < domain < services < ui < entry points (``zorglab/__init__``,
``zorglab/serve.py``) < apps (``panel_apps/``). Panel belongs to the ui layer and up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "zorglab"
RANK = {"core": 0, "domain": 1, "services": 2, "ui": 3, "entry": 4, "apps": 5}
UI_TOOLKITS = ("panel",)
MAX_LINES = 400
LONG_REASON = "Long because"

# Known upward imports still being removed: (module, imported). Must shrink to nothing.
KNOWN_UPWARD: set[tuple[str, str]] = set()


def layer_of(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "panel_apps":
        return "apps"
    if len(parts) == 1 or parts[1] not in RANK:
        return "entry"
    return parts[1]


def module_name(path: Path) -> str:
    if path.is_relative_to(LIB):
        rel = path.relative_to(LIB.parent).with_suffix("")
    else:
        rel = path.relative_to(ROOT).with_suffix("")
    parts = [p for p in rel.parts if p != "__init__"]
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Absolute names a module imports (relative imports resolved against its package)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def sources() -> list[Path]:
    return sorted(LIB.rglob("*.py")) + sorted((ROOT / "panel_apps").glob("*.py"))


def test_the_layer_of_a_module_follows_its_folder():
    # By hand: the folder under lib/zorglab names the layer; the package root and serve.py are entry points.
    assert layer_of("zorglab.core.errors") == "core"
    assert layer_of("zorglab.domain.funding") == "domain"
    assert layer_of("zorglab.services.intervision.storage") == "services"
    assert layer_of("zorglab.ui.page") == "ui"
    assert layer_of("zorglab.serve") == "entry" and layer_of("zorglab") == "entry"
    assert layer_of("panel_apps.scenario_explorer") == "apps"


def test_every_module_lives_in_a_layer():
    loose = [p.relative_to(ROOT).as_posix() for p in LIB.glob("*.py") if p.name not in {"__init__.py", "serve.py"}]
    assert loose == [], f"put these modules in core/, domain/, services/ or ui/: {loose}"


def upward_imports() -> set[tuple[str, str]]:
    found = set()
    for path in sources():
        me = module_name(path)
        for name in imports(path):
            if name.split(".")[0] == "zorglab" and RANK[layer_of(name)] > RANK[layer_of(me)]:
                # "from zorglab import x" is the facade; count it only when x is no layer package
                if name == "zorglab" or (name.count(".") == 1 and name.split(".")[1] in RANK):
                    continue
                found.add((me, name))
            if name.split(".")[0] in UI_TOOLKITS and RANK[layer_of(me)] < RANK["ui"]:
                found.add((me, name))
    return found


def test_no_module_imports_from_a_higher_layer():
    new = upward_imports() - KNOWN_UPWARD
    assert not new, "imports from a higher layer (move the code down, or the import up):\n" + "\n".join(
        f"  {me} -> {name}" for me, name in sorted(new))


def test_the_known_exceptions_are_still_needed():
    gone = KNOWN_UPWARD - upward_imports()
    assert not gone, f"fixed, so drop from KNOWN_UPWARD: {sorted(gone)}"


@pytest.mark.parametrize("path", sources(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_long_modules_say_why_in_their_docstring(path: Path):
    lines = len(path.read_text("utf-8").splitlines())
    if lines <= MAX_LINES:
        return
    doc = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
    assert LONG_REASON in doc, f"{lines} lines: split it by job, or say '{LONG_REASON} ...' in its docstring"
