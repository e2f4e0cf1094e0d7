"""axe-core (bundled by axe-playwright-python) run on a live page: the WCAG 2.0/2.1 A and AA rules.

Why a helper: every page and state of every app is checked the same way, and a failure message must
say which rule, on which element, so the fix is obvious.
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
_AXE = Axe()


def axe_violations(page, impacts: tuple[str, ...] = BLOCKING, best_practice: bool = False) -> list[dict]:
    """Violations of the WCAG A/AA rules (plus axe's best practices: landmarks, heading order) on the page now."""
    tags = WCAG_TAGS + (["best-practice"] if best_practice else [])
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    response = _AXE.run(page, options=options).response
    return [v for v in response["violations"] if v.get("impact") in impacts]


def wcag_and_rule_violations(page, rules: tuple[str, ...]) -> list[dict]:
    """Serious or critical WCAG A/AA violations plus any violation of the named best-practice ``rules``, from one
    axe run (axe is the slowest step of a browser test: one run per page state, not two)."""
    found = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"), best_practice=True)
    return [v for v in found if (v.get("impact") in BLOCKING and set(v.get("tags", ())) & set(WCAG_TAGS))
            or v["id"] in rules]


def describe(violations: list[dict], limit: int = 4) -> str:
    """One line per rule with the first few offending elements, for an assertion message."""
    lines = []
    for v in violations:
        nodes = v.get("nodes", [])
        targets = [" ".join(map(str, n.get("target", []))) for n in nodes[:limit]]
        why = " | ".join(dict.fromkeys(c["message"] for n in nodes[:limit] for c in n.get("any", []) + n.get("all", [])
                                       if c.get("message")))  # e.g. the two colours and their contrast ratio
        why = f" ({why})" if why else ""
        lines.append(f"{v['id']} ({v.get('impact')}, {len(nodes)}x): {v.get('help')}{why} -> {targets}")
    return "\n".join(lines) or "none"


def axe_version() -> str:
    """The axe-core version, for the accessibility statement."""
    head = _AXE.axe_script[:80]
    return head.split("axe v", 1)[1].split()[0] if "axe v" in head else "unknown"
