"""The output folder's memory: ``manifest.json`` records every report ever produced there.

Stem -> parameters, files, key figures, ok/failed, time. ``index.html`` and ``summary.csv`` are rebuilt
from it after every run (``index_page``), so a second run into the same folder adds to the index instead of
hiding the first. A re-run of a stem replaces its entry; a failed re-run removes that report's old
HTML/CSV/XLSX/JSON, so no stale figures stay next to a "failed" line. The layout of one report's files is
described in ``zorglab.services.reports.export``.
"""

from __future__ import annotations

import glob
import json
import math
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from zorglab.core.errors import ZorglabError
from zorglab.services.reports.export import SEP, json_safe
from zorglab.services.reports.params import ReportParams

MANIFEST = "manifest.json"
MANIFEST_FORMAT = "zorglab-reports-manifest"


class OutputFolderError(ZorglabError):
    """The output folder cannot be used (a file, not writable, or a broken manifest); says what to do."""


@dataclass
class ReportResult:
    """What one job produced, or why it failed (``error`` is then a one-line reason)."""

    params: ReportParams
    ok: bool
    seconds: float
    files: dict[str, str] = field(default_factory=dict)  # kind -> path relative to the output folder
    figures: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    detail: str = ""
    finished: str = ""  # local time the job ended, ISO 8601 with offset

    @property
    def stem(self) -> str:
        return self.params.stem



def now() -> str:
    """Local time, ISO 8601 with offset (when a job ended, when the manifest was saved)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def output_files(out_dir: str | Path, stem: str) -> set[str]:
    """Names of the report files of ``stem`` in ``out_dir``: its HTML, XLSX, JSON, ``<stem>__*`` CSVs and
    README, and a ``<stem>.csv`` of the old one-file layout. The executed notebook is not included."""
    out = Path(out_dir)
    if not stem or Path(stem).name != stem or stem in (".", ".."):
        return set()  # a stem with a path separator never names files here (nor deletes any elsewhere)
    names = {f"{stem}.{ext}" for ext in ("html", "xlsx", "json", "csv")}
    found = {n for n in names if (out / n).is_file()}
    return found | {p.name for p in out.glob(glob.escape(stem) + SEP + "*") if p.is_file()}



def _strict(value: Any) -> Any:
    """JSON-ready: NaN/inf -> None, numpy scalars -> Python, tuples -> lists, anything else -> text."""
    value = value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value
    if isinstance(value, dict):
        return {str(k): _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in strict JSON")


def load_manifest(out_dir: str | Path) -> dict[str, Any]:
    """The manifest of ``out_dir`` (an empty one when there is none yet); ``OutputFolderError`` if broken."""
    path = Path(out_dir) / MANIFEST
    empty = {"format": MANIFEST_FORMAT, "version": 1, "reports": {}}
    if not path.exists():
        return empty
    try:
        data = json.loads(path.read_text(encoding="utf-8"), parse_constant=_no_constants)
        if not (isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT
                and isinstance(data.get("reports"), dict)
                and all(isinstance(e, dict) and isinstance(e.get("params"), dict) for e in data["reports"].values())):
            raise ValueError("not a zorglab reports manifest")
    except (OSError, ValueError) as err:
        raise OutputFolderError(
            f"{path} cannot be read ({' '.join(str(err).split())}); move it away (index.html and summary.csv "
            "are rebuilt from it, listing only the reports made after that) or pass another --out folder") from None
    return data


def save_manifest(manifest: dict[str, Any], out_dir: str | Path) -> Path:
    """Write the manifest atomically as strict JSON (no NaN), reports sorted by stem."""
    path = Path(out_dir) / MANIFEST
    manifest = {**manifest, "reports": dict(sorted(manifest["reports"].items())), "updated": now()}
    text = json.dumps(_strict(manifest), ensure_ascii=False, indent=1, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.replace(tmp, path)
    return path


def prepare_output_folder(out_dir: str | Path) -> Path:
    """Create ``out_dir`` if needed and check that it is a writable folder with a readable manifest.

    Raises ``OutputFolderError`` with what to do; called before any kernel starts.
    """
    out = Path(out_dir).expanduser()
    if out.exists() and not out.is_dir():
        raise OutputFolderError(f"the output folder {out} is an existing file, not a folder; "
                                "pass --out a folder path (it is created if missing)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out, prefix=".zorglab-write-test-"):
            pass
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise OutputFolderError(f"cannot write to the output folder {out} ({reason}); "
                                "pass --out a folder you can write to") from None
    load_manifest(out)
    return out.resolve()


def manifest_entry(result: ReportResult) -> dict[str, Any]:
    """The manifest record of one result (the runner's export folder is no parameter and is left out)."""
    return _strict({
        "stem": result.stem, "status": "ok" if result.ok else "failed", "error": result.error,
        "params": {k: v for k, v in result.params.as_dict().items() if k != "export_dir"},
        "files": dict(result.files), "figures": json_safe(result.figures), "seconds": round(result.seconds, 2),
        "finished": result.finished or now(),
    })


def result_from_entry(entry: dict[str, Any]) -> ReportResult:
    """A ``ReportResult`` back from a manifest record (unknown parameter names of older runs are ignored)."""
    known = {f.name for f in fields(ReportParams)}
    params = ReportParams(**{k: v for k, v in entry["params"].items() if k in known})
    return ReportResult(params, entry.get("status") == "ok", float(entry.get("seconds") or 0.0),
                        dict(entry.get("files") or {}), dict(entry.get("figures") or {}), entry.get("error", ""),
                        finished=entry.get("finished", ""))


def _remove(out: Path, names: Iterable[str]) -> None:
    for name in names:
        (out / name).unlink(missing_ok=True)


def record_result(manifest: dict[str, Any], result: ReportResult, out_dir: str | Path) -> None:
    """Put ``result`` in the manifest (replacing an earlier run of its stem) and tidy its files on disk.

    A failed report loses all its report files (an old HTML must not look current next to "failed"); a
    successful one loses the files an earlier run made that this run did not (e.g. a table that is gone).
    """
    out = Path(out_dir)
    keep = set(result.files.values()) if result.ok else set()
    _remove(out, output_files(out, result.stem) - keep)
    if not result.ok:
        result.files = {k: v for k, v in result.files.items() if k == "notebook" and (out / v).exists()}
    manifest["reports"][result.stem] = manifest_entry(result)

