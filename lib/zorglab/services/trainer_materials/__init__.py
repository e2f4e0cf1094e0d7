"""What a trainer needs on paper, generated from the case data and the lessons: ``python -m zorglab.services.trainer_materials``.

Why generated and not written by hand: the case cards, the expected answers and the answer key come from the same
library the lessons and the apps use (cases, catalogue, funding models, effectencalculator, exercises), so the
paper never disagrees with the screen. ``tests/test_lesson_materials.py`` fails when the files in ``docs/trainer/``
are out of date.

Writes print-ready HTML (A4, one case card per page; the browser's *Print → Save as PDF* makes a PDF):

* ``case_cards.html`` / ``case_cards_en.html`` — one card per case (all shipped cases), Dutch / English;
* ``casuistry_form.html`` — the blank casuistry form (lesson 4), to fill in by hand after an MDO;
* ``facilitator_notes.html`` — per intervision round: aim, how to run it, expected answers per recommended case,
  typical misconceptions, how to read a kappa, debrief questions;
* ``answer_key.html`` — every exercise of every lesson with the expected answer and how it is computed (at the
  lessons' default parameters);
* ``learning_goals.html`` — workshop and lesson learning goals;
* ``evaluation_form.html`` — the participants' evaluation form;
* ``index.html`` — the list, plus the route for participants without Python (the served lessons).

Everything is synthetic and free of personal data, and says so on every page.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from zorglab.core.paths import REPO_ROOT
from zorglab.services.trainer_materials.answer_key import answer_key, lesson_parameters
from zorglab.services.trainer_materials.cards import case_card_html, case_cards, casuistry_form
from zorglab.services.trainer_materials.facilitator import facilitator_notes
from zorglab.services.trainer_materials.handouts import (
    EVALUATION_ITEMS,
    evaluation_form,
    index,
    learning_goals,
)
from zorglab.services.trainer_materials.html_page import notice, page, table_html

OUT_DIR = REPO_ROOT / "docs" / "trainer"

__all__ = ["EVALUATION_ITEMS", "OUT_DIR", "answer_key", "case_card_html", "case_cards", "casuistry_form",
           "evaluation_form", "facilitator_notes", "index", "learning_goals", "lesson_parameters", "main", "materials",
           "notice", "page", "table_html", "write"]


def materials() -> dict[str, str]:
    """File name -> HTML text of every printable."""
    return {"index.html": index(), "case_cards.html": case_cards("nl"), "case_cards_en.html": case_cards("en"),
            "casuistry_form.html": casuistry_form(), "facilitator_notes.html": facilitator_notes(),
            "answer_key.html": answer_key(), "learning_goals.html": learning_goals(),
            "evaluation_form.html": evaluation_form()}


def write(out_dir: Path = OUT_DIR, texts: dict[str, str] | None = None) -> list[Path]:
    """Write the printables (``texts`` as made by ``materials()``, made now when not given) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (texts or materials()).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help=f"folder to write to (default {OUT_DIR})")
    args = parser.parse_args(argv)
    for path in write(args.out):
        print(path)

