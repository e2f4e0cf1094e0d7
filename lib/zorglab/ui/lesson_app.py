"""Lessons in the browser, no install: the lesson notebooks served by the suite at ``/lessons``.

Why the notebooks themselves are served: a student with only a browser gets exactly the lesson a student in
JupyterLab gets — the same text, widgets, feedback and language switch — because the page runs the same cells.
The runner reads a lesson notebook, runs its code cells in order (as papermill does, the ``parameters`` cell
first overridden by the page's language) and shows what each cell shows. Cells tagged ``notebook-only`` (code
for students who type their answer in Python) are left out: a served page has no code to edit, and the same
exercises are there as widgets. The notebooks stay runnable in JupyterLab, by papermill and by nbval.

``/lessons`` lists the lessons; ``/lessons?les=2&lang=en`` opens lesson 2 in English.
"""

from __future__ import annotations

import ast
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import nbformat
import panel as pn
import param

from zorglab.core.i18n import LANGUAGES, Translator
from zorglab.core.paths import notebooks_dir

log = logging.getLogger(__name__)
NOTEBOOK_ONLY = "notebook-only"
# words: lib/zorglab/core/i18n/messages/lesson_app.toml
tr = Translator("lesson_app")


@dataclass(frozen=True)
class LessonInfo:
    number: int
    path: Path
    title_nl: str
    title_en: str
    summary_nl: str
    summary_en: str

    def title(self, language: str = "nl") -> str:
        return self.title_en if language == "en" else self.title_nl

    def summary(self, language: str = "nl") -> str:
        return self.summary_en if language == "en" else self.summary_nl


_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)
_MINUTES = re.compile(r"⏱\s*([\d–-]+)")
_EN_TITLE = re.compile(r"^\*(Lesson\s+\d+\s+—\s+[^*]+?)\*\s*$", re.M)


def lesson_dir() -> Path:
    return notebooks_dir() / "lessons"


@cache
def _read_info(path: Path, mtime: float) -> LessonInfo:
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    heading = _TITLE.search(first)
    title_nl = heading.group(1) if heading else path.stem
    en = _EN_TITLE.search(first)
    title_en = en.group(1).strip() if en else title_nl
    summary = nb.metadata.get("zorglab", {})
    return LessonInfo(int(path.name[:2]), path, title_nl, title_en, summary.get("summary_nl", ""),
                      summary.get("summary_en", ""))


def lessons() -> list[LessonInfo]:
    """The lesson notebooks (``notebooks/lessons/NN_*.ipynb``), in order."""
    paths = sorted(lesson_dir().glob("[0-9][0-9]_*.ipynb"))
    return [_read_info(p, p.stat().st_mtime) for p in paths]


def lesson_info(number: int) -> LessonInfo | None:
    return next((info for info in lessons() if info.number == number), None)


def _without_extension_calls(tree: ast.Module) -> ast.Module:
    """Drop top-level ``pn.extension(...)`` calls: the served app loads its extensions once, up front."""
    def is_extension(node: ast.stmt) -> bool:
        return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute) and node.value.func.attr == "extension")

    tree.body = [n for n in tree.body if not is_extension(n)]
    return tree


def run_cell(source: str, namespace: dict[str, Any], name: str = "<lesson>") -> Any:
    """Run a code cell like a notebook does: all statements, then return the value of a final expression."""
    tree = _without_extension_calls(ast.parse(source, name))
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    assert last is None or isinstance(last, ast.Expr)
    exec(compile(tree, name, "exec"), namespace)  # noqa: S102 - the repository's own lesson notebooks
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), name, "eval"), namespace)  # noqa: S307


def title_markdown(path: Path, language: str = "nl") -> str:
    """A served lesson's heading in one language: the notebook's first cell holds both (the page has a switch)."""
    info = _read_info(path, path.stat().st_mtime)
    minutes = _MINUTES.search(nbformat.read(path, as_version=4).cells[0].source)
    meta = tr("meta", language, minutes=minutes.group(1), n=info.number, total=len(lessons())) if minutes else ""
    return f"# {info.title(language)}\n\n{meta}"


def run_lesson(path: Path, language: str = "nl") -> tuple[list[Any], dict[str, Any]]:
    """Everything a lesson shows, cell by cell, and the namespace it ran in (``lesson`` is its Lesson object).

    The ``parameters`` cell runs first as written, then ``lang`` is set to ``language`` (papermill's injection).
    The bilingual title cell becomes a heading in the page's language that follows the lesson's switch. A failing
    cell stops the lesson with a message in the page rather than a blank page.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    nb = nbformat.read(path, as_version=4)
    namespace: dict[str, Any] = {"__name__": "__lesson__"}
    shown: list[Any] = []
    title: pn.pane.Markdown | None = None
    for i, cell in enumerate(nb.cells):
        tags = cell.get("metadata", {}).get("tags", [])
        if NOTEBOOK_ONLY in tags:
            continue
        if cell.cell_type == "markdown" and i == 0 and _TITLE.match(cell.source):
            title = pn.pane.Markdown(title_markdown(path, language), sizing_mode="stretch_width")
            shown.append(title)
            continue
        if cell.cell_type == "markdown":
            shown.append(pn.pane.Markdown(cell.source, sizing_mode="stretch_width"))
            continue
        if cell.cell_type != "code":
            continue
        try:
            value = run_cell(cell.source, namespace, f"<{path.name} cell {i}>")
        except Exception as err:  # show it in the page; the student can still tell the trainer
            log.exception("lesson %s failed in cell %d", path.name, i)
            shown.append(pn.pane.Alert(tr("broken", language, error=f"{type(err).__name__}: {err}"), alert_type="danger"))
            break
        if "parameters" in tags:
            namespace["lang"] = language
        if value is not None:
            shown.append(value)
    lesson = namespace.get("lesson")
    if title is not None and isinstance(lesson, param.Parameterized) and "language" in lesson.param:
        lesson.param.watch(lambda e: setattr(title, "object", title_markdown(path, e.new)), "language")
    return shown, namespace


class LessonPage(pn.viewable.Viewer):
    """The served page: the list of lessons, or one lesson with a link back (both follow the language)."""

    language: str = param.Selector(default="nl", objects=list(LANGUAGES),  # type: ignore[assignment]
                                   doc="Page language; a lesson's switch sets it.")
    number = param.Integer(default=0, bounds=(0, 99), doc="Lesson number; 0 = the list of lessons.")

    def __init__(self, **params: Any):
        super().__init__(**params)
        self.back_link = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.body = pn.Column(sizing_mode="stretch_width")
        self.listing = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.namespace: dict[str, Any] = {}
        self._build()

    @classmethod
    def from_query(cls, query: dict[str, Any]) -> LessonPage:
        """From the page's address (``?les=2&lang=en``); anything unreadable falls back to the list in Dutch."""
        def first(key: str) -> str:
            value = query.get(key, "")
            value = value[0] if isinstance(value, list | tuple) and value else value
            return value.decode() if isinstance(value, bytes) else str(value)

        lang = first("lang") if first("lang") in LANGUAGES else "nl"
        les = first("les")
        number = int(les) if les.isdigit() and len(les) <= 2 else 0
        return cls(language=lang, number=number)

    def _build(self) -> None:
        if not self.number:
            self._update_texts()
            self.body.objects = [self.listing]
            return
        info = lesson_info(self.number)
        if info is None:
            self.body.objects = [pn.pane.Alert(tr("unknown", self.language, n=self.number), alert_type="warning"),
                                  self.listing]
            self._update_texts()
            return
        shown, self.namespace = run_lesson(info.path, self.language)
        lesson = self.namespace.get("lesson")
        if isinstance(lesson, param.Parameterized) and "language" in lesson.param:
            lesson.param.watch(lambda e: setattr(self, "language", e.new), "language")
        self.body.objects = [self.back_link, *shown]
        self._update_texts()

    @param.depends("language", watch=True)
    def _update_texts(self) -> None:
        lang = self.language
        self.back_link.object = f"[{tr('all_lessons', lang)}](?lang={lang})"
        items = [f"### [{info.title(lang)}](?les={info.number}&lang={lang})\n\n{info.summary(lang)}" for info in lessons()]
        self.listing.object = f"## {tr('title', lang)}\n\n{tr('intro', lang)}\n\n" + "\n\n".join(items)

    def __panel__(self) -> pn.Column:
        return self.body
