"""The README promises two commands and a few more; CI and the Makefile must keep those promises."""

from __future__ import annotations

import re

from zorglab.core.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")


def _two_commands() -> list[str]:
    section = README.split("## The two commands", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_two_commands_serve_and_test():
    assert _two_commands() == ["make serve", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))]
    assert commands == [_two_commands()[1]]


def test_every_make_target_in_the_readme_exists():
    targets = set(re.findall(r"^([a-z][a-z-]*):", MAKEFILE, re.M))
    mentioned = set(re.findall(r"`?make ([a-z][a-z-]*)", README))
    assert mentioned and mentioned <= targets, sorted(mentioned - targets)


def test_readme_pictures_and_paths_exist():
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README)
    assert pictures, "the README shows at least one picture"
    missing = [p for p in pictures + ["docs/trainer_guide.md", "data/README.md"] if not (REPO_ROOT / p).exists()]
    assert missing == []
