"""The explorer's shared link: the whole scenario in the page's URL, loaded with repairs and kept in sync.

Why apart from the view: a link is user input; loading, repairing and writing it back is one job with its own
tests, and the compare tab's links use the same format.
"""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from typing import Any

import panel as pn
import param

from zorglab.domain.scenario import Scenario
from zorglab.domain.scenario_query import QueryNotice
from zorglab.ui.scenario_state import ExplorerState

URL_STATE = ("language", "case_id", "large_numbers")  # besides every scenario parameter


def url_values(state: ExplorerState) -> dict[str, str]:
    """The query a shared link carries, serialised the way ``pn.state.location`` does."""
    out: dict[str, str] = {}
    objects: list[tuple[param.Parameterized, list[str]]] = [(state.scenario, Scenario.query_names()),
                                                           (state, list(URL_STATE))]
    for obj, names in objects:
        for name in names:
            value = obj.param[name].serialize(getattr(obj, name))
            if value not in (None, ""):  # an empty value would not survive the round trip
                out[name] = value if isinstance(value, str) else json.dumps(value)
    return out


def share_query(values: dict[str, Any], language: str) -> str:
    """'?region=...&...' for saved scenario values (the same format as the live link)."""
    sc = Scenario(**values)
    query = {n: sc.param[n].serialize(getattr(sc, n)) for n in Scenario.query_names()}
    query = {k: v if isinstance(v, str) else json.dumps(v) for k, v in query.items()}
    return "?" + urllib.parse.urlencode({**query, "language": language})


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&\"'])")


def md_literal(text: str) -> str:
    """Text shown literally in a Markdown pane: Markdown punctuation backslash-escaped, HTML escaped."""
    return _MD_SPECIAL.sub(lambda m: html.escape(m.group(1)) if m.group(1) in "<&\"'" else "\\" + m.group(1),
                           str(text))


def sync_with_url(state: ExplorerState, location: Any = None) -> list[QueryNotice]:
    """Load the scenario from the page's link (repairing bad values), then keep link and scenario in sync."""
    location = location or pn.state.location
    if location is None:
        return []
    notices = state.apply_query(location.query_params)
    location.update_query(**url_values(state))  # the link never keeps a tampered value
    location.sync(state.scenario, Scenario.query_names(), on_error=lambda bad: state.apply_query(bad))
    location.sync(state, list(URL_STATE), on_error=lambda bad: state.apply_query(bad))
    if pn.state.curdoc is not None:
        # The browser reports its own address when the page connects; write the full, repaired scenario
        # into the address bar once the session has loaded, so copying the link shares everything.
        pn.state.onload(lambda: location.update_query(**url_values(state)))
    return notices
