"""Lessons in the browser, no install: `panel serve panel_apps/lessons.py` (or `make serve`, then /lessons).

The page runs the lesson notebooks of notebooks/lessons/ (zorglab.ui.lesson_app): the same text, widgets,
feedback and language switch as in JupyterLab. `?les=2&lang=en` opens lesson 2 in English.
"""

import panel as pn

from zorglab.ui.lesson_app import LessonPage
from zorglab.ui.page import PageSupport, make_page

pn.extension("katex", sizing_mode="stretch_width", notifications=False)


def create_app() -> LessonPage:
    """One page per browser session, from the page's address."""
    query = pn.state.session_args if pn.state.curdoc is not None else {}
    return LessonPage.from_query(dict(query or {}))


if pn.state.served:
    page = create_app()
    make_page("zorglab · Lessen / lessons", [page], PageSupport().follow(page),
              max_width="1200px").servable(title="Lessen · zorglab")
