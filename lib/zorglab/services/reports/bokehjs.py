"""BokehJS for the reports, so an exported report opens without internet.

In a notebook (JupyterLab) BokehJS comes inline with the first output. The runner's HTML files either
share one copy per output folder (``assets/bokeh-<version>.min.js``, referenced relatively: 1.3 MB once
instead of in each of 345 files) or, self-contained, carry it inline. Both open from disk offline: a
classic ``<script src>`` with a relative path loads from ``file://`` in Chromium and Firefox.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
import threading
from pathlib import Path

from bokeh import __version__ as BOKEH_VERSION
from bokeh.resources import Resources
from bokeh.util.paths import bokehjs_path

EXPORT_ENV = "ZORGLAB_REPORT_EXPORT"  # set in the runner's kernels: BokehJS is added at HTML export
BOKEHJS_MARKER = "<!-- zorglab:bokehjs -->"
ASSETS = "assets"  # folder next to the reports for the files they share (BokehJS, the page CSS)

_written: set[tuple[str, str]] = set()  # (folder, name) this process has already checked or written
_lock = threading.Lock()


def bokeh_resources() -> str:
    """The BokehJS script tags, inline (no CDN needed to open the report)."""
    return Resources(mode="inline", components=["bokeh"]).render_js()


def notebook_resources() -> str:
    """BokehJS for a notebook's output, unless the runner's kernel will get it in the exported HTML.

    Why: 1.3 MB of JavaScript in a cell output travels through the kernel's messages and the executed
    notebook of every report; the runner adds it at export instead (``EXPORT_ENV``).
    """
    return "" if os.environ.get(EXPORT_ENV) else BOKEHJS_MARKER + bokeh_resources()


@functools.cache
def bokehjs_code() -> bytes:
    """The installed ``bokeh.min.js`` (the one the plots' embed scripts were made for), and only that.

    Not ``Resources(...).js_files``: once Panel is imported it adds its extension scripts there, paths
    that only a Panel server can serve.
    """
    return (bokehjs_path() / "js" / "bokeh.min.js").read_bytes()


def shared_file(out_dir: str | Path, name: str, content: bytes) -> str:
    """``content`` as ``<out_dir>/assets/<name>`` (written once, atomically); the path relative to out_dir.

    Safe with many writers (threads, Dask workers on a shared folder): each writes a temporary file and
    renames it, so a reader never sees half a file; a file that is already there with the same bytes is
    left alone.
    """
    folder = Path(out_dir) / ASSETS
    key = (str(folder.resolve()), name)
    rel = f"{ASSETS}/{name}"
    if key in _written and (folder / name).is_file():
        return rel
    with _lock:
        path = folder / name
        if not (path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content):
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(content)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        _written.add(key)
    return rel


def content_name(prefix: str, content: bytes, suffix: str) -> str:
    """A file name that changes with the content (reports made with other assets keep theirs)."""
    return f"{prefix}-{hashlib.sha256(content).hexdigest()[:12]}{suffix}"


def bokehjs_tag(out_dir: str | Path | None) -> str:
    """The marker and a ``<script>`` with BokehJS: shared in ``out_dir`` (relative src), or inline if None."""
    code = bokehjs_code()
    if out_dir is None:
        return f"{BOKEHJS_MARKER}<script>\n{code.decode('utf-8')}\n</script>"
    rel = shared_file(out_dir, f"bokeh-{BOKEH_VERSION}.min.js", code)
    return f'{BOKEHJS_MARKER}<script src="{rel}"></script>'
