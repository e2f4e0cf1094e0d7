"""Errors that tell the user what to do next, not just what went wrong."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class ZorglabError(ValueError):
    """Base class: every zorglab input error is a ValueError with an actionable message."""


class UnknownRegionError(ZorglabError, KeyError):
    def __init__(self, name: str, valid: Iterable[str], hint: str = ""):
        self.name = name
        self.valid = sorted(valid)
        extra = f", {hint}" if hint else ""
        super().__init__(f"Unknown region {name!r}. Valid regions: {', '.join(self.valid)}{extra}.")

    def __str__(self) -> str:  # KeyError would otherwise add quotes around the message
        return self.args[0]


class UnknownNameError(ZorglabError, KeyError):
    """An unknown code or name (municipality, product, case, model) with the list of valid ones."""

    def __init__(self, kind: str, name: str, valid: Iterable[str]):
        self.kind, self.name, self.valid = kind, name, sorted(valid)
        shown = ", ".join(self.valid[:40]) + (" ..." if len(self.valid) > 40 else "")
        super().__init__(f"Unknown {kind} {name!r}. Valid values: {shown}.")

    def __str__(self) -> str:
        return self.args[0]


class ParameterRangeError(ZorglabError):
    def __init__(self, name: str, value: object, allowed: str):
        self.name, self.value, self.allowed = name, value, allowed
        super().__init__(f"Parameter {name!r} = {value!r} is out of range; allowed: {allowed}.")


class DataValidationError(ZorglabError):
    """A data file failed its schema; carries file, row, column and reason for every failure."""

    def __init__(self, path: Path | str, problems: list[tuple[object, str, str]]):
        self.path = Path(path)
        self.problems = problems  # (row, column, reason); row is 1-based line/record number
        lines = [f"  row {row}, column {col!r}: {reason}" for row, col, reason in problems[:20]]
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{self.path.name}: {len(problems)} problem(s) in {self.path}\n" + "\n".join(lines) + more)
