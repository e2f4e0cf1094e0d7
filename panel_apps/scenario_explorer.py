"""Budget-incentive scenario explorer: `panel serve panel_apps/scenario_explorer.py` (or `make serve`).

Everything the app shows is computed by zorglab.domain (scenario, effects) and worded by zorglab.services;
this file only wires the session: state from the shared link, the reusable view, and a template when served.
"""

import panel as pn

from zorglab.ui.page import PageSupport, make_page
from zorglab.ui.scenario_explorer import ScenarioExplorer
from zorglab.ui.scenario_link import sync_with_url
from zorglab.ui.scenario_state import ExplorerState

pn.extension("katex", sizing_mode="stretch_width", notifications=False)


def create_app() -> ScenarioExplorer:
    """One explorer per browser session, loaded from (and kept in sync with) the page's link."""
    state = ExplorerState()
    if pn.state.location is not None:
        sync_with_url(state, pn.state.location)
    return ScenarioExplorer(state=state)


if pn.state.served:
    explorer = create_app()
    make_page("zorglab · Scenarioverkenner / scenario explorer", [explorer],
              PageSupport().follow(explorer.state), max_width="1600px").servable(title="Scenarioverkenner · zorglab")
