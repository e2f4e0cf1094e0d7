"""The budget-incentive scenario explorer as a reusable Panel component (notebook or served app).

State lives in ``zorglab.ui.scenario_state.ExplorerState``; this view builds widgets bound to it with
``from_param`` and redraws long-lived panes when a parameter changes (no layout rebuild on a slider
move, so a round trip stays fast). Its parts: controls (``scenario_controls``), the compare tab
(``scenario_compare``), the effectencalculator tab (``scenario_effects``), the shared link (``scenario_link``:
``sync_with_url`` makes the whole scenario shareable and repairs tampered links with a notice) and the panes
(``scenario_panes``).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.core.errors import ZorglabError
from zorglab.core.formatting import format_number
from zorglab.core.i18n import t
from zorglab.domain.funding import MODELS
from zorglab.domain.knobs import COMMON_LEVERS, MODEL_KNOBS
from zorglab.domain.scenario import EXOGENOUS, Scenario
from zorglab.services.equation_words import reference_markdown
from zorglab.services.narrative import explain
from zorglab.services.scenario_tables import (
    budget_basis_label,
    model_label,
    notice_message,
    parameters_table,
    spend_table,
    to_csv,
    to_excel,
)
from zorglab.ui.language import language_switch
from zorglab.ui.scenario_compare import CompareTab, wrap
from zorglab.ui.scenario_controls import (  # noqa: F401 (re-exported: the explorer's slider formats)
    EUR_PARAMS,
    PLAIN_INT_PARAMS,
    SHARE_PARAMS,
    budget_basis_options,
    label,
    region_groups,
    slider_format,
)
from zorglab.ui.scenario_effects import EffectsView
from zorglab.ui.scenario_link import md_literal
from zorglab.ui.scenario_panes import (
    PairedBars,
    html_table,
    kpi_html,
    tables_html,
)
from zorglab.ui.scenario_state import ExplorerState
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import CSS, WIDGET_CSS

TAB_KEYS = ("tab_scenario", "tab_compare", "tab_effects", "tab_assumptions", "tab_reference")
# The tab bar wraps on a phone instead of running off the right edge.
TAB_BAR_CSS = ".bk-btn-group { flex-wrap: wrap; row-gap: 4px; } .bk-btn-group > .bk-btn { flex: 1 1 auto; }"


def katex_safe(markdown: str) -> str:
    """Keep LaTeX spacing commands from being eaten as Markdown escapes (``\\,`` would become ``,``)."""
    return markdown.replace("\\,", "\\ ").replace("\\;", "\\ ").replace("\\!", "")


def population_text(res: Any, scenario: Scenario, language: str) -> str:
    """Whose money and clients the numbers are: the region's inhabitants; the sample only sets the precision."""
    return tr("population_note", language, region=scenario.region, population=format_number(res.population),
              clients=format_number(res.baseline.clients), n=format_number(scenario.n_clients))


class ScenarioExplorer(pn.viewable.Viewer):
    """Sliders on the left; consequences, comparison, effectencalculator, assumptions and equations on the right."""

    state: ExplorerState = param.ClassSelector(class_=ExplorerState)  # type: ignore[assignment]  # never None

    def __init__(self, **params):
        params.setdefault("state", ExplorerState())
        super().__init__(**params)
        st, sc = self.state, self.state.scenario
        lang = st.language
        self._widgets: dict[str, pn.widgets.Widget] = {n: self._make_widget(n, lang) for n in Scenario.query_names()}
        self._language = language_switch(st, width=200)
        self._predict = pn.widgets.Toggle.from_param(st.param.predict_mode, label=tr("predict_mode", lang), width=160,
                                                    color="primary", variant="outline")
        self._reveal = pn.widgets.Button(label=tr("reveal", lang), color="warning", visible=False, width=180)
        self._large = pn.widgets.Toggle.from_param(st.param.large_numbers, label=tr("large_numbers", lang), width=150,
                                                  color="primary", variant="outline")
        self._reveal.on_click(lambda _: st.reveal())
        self._title = pn.pane.Markdown("", sizing_mode="stretch_width", margin=(0, 10))
        self._synthetic = pn.pane.Alert("", alert_type="info", sizing_mode="stretch_width")
        self._population = pn.pane.Markdown("", sizing_mode="stretch_width", margin=(0, 10))
        self._notices = pn.pane.Alert("", alert_type="warning", sizing_mode="stretch_width", visible=False)
        self._prompt = pn.pane.Alert("", alert_type="warning", sizing_mode="stretch_width", visible=False)
        self._error = pn.pane.Alert("", alert_type="danger", sizing_mode="stretch_width", visible=False)
        self._section_titles = {k: pn.pane.Markdown("", margin=(10, 10, 0, 10)) for k in
                                ("conditions", "levers", "model_knobs")}
        self._kpis = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[CSS],
                                  css_classes=["zl-large"] if st.large_numbers else [])
        self._explain_title = pn.pane.Markdown("")
        self._explain = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[CSS])
        self._plot = PairedBars(height=330)
        # Spend per law, the provider's incentive and all indicators in one pane: one update per slider step.
        self._tables = pn.pane.HTML("", stylesheets=[CSS], sizing_mode="stretch_width")
        self._share = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._csv = pn.widgets.FileDownload(callback=self._export_csv, filename="scenario.csv", color="primary")
        self._xlsx = pn.widgets.FileDownload(callback=self._export_excel, filename="scenario.xlsx", color="primary")
        self.compare = CompareTab(state=st)  # the compare tab: saved scenarios side by side
        # other tabs
        self._effects: EffectsView | None = None  # built when its tab is first opened
        self._assumptions_intro = pn.pane.Markdown("")
        self._assumptions = pn.pane.HTML("", stylesheets=[CSS], sizing_mode="stretch_width")
        self._reference = pn.pane.Markdown("", sizing_mode="stretch_width")
        # A tab's content joins the page when it is first opened: the page loads and switches language with
        # only the scenario tab in the browser (the KaTeX reference and the other tabs cost seconds there).
        self._tab_bar = pn.widgets.RadioButtonGroup(options=self._tab_options(lang), value=TAB_KEYS[0],
                                                    color="primary", variant="outline", sizing_mode="stretch_width",
                                                    stylesheets=[TAB_BAR_CSS], margin=(5, 5, 10, 5))
        self._tab_body = pn.Column(sizing_mode="stretch_width", margin=0)
        self._built_tabs: dict[str, pn.layout.Panel] = {}
        self._tab_bar.param.watch(lambda e: self.open_tab(e.new), "value")

        sc.param.watch(self._refresh, Scenario.query_names())
        sc.param.watch(self._show_knobs, "funding_model")
        st.param.watch(self._refresh, ["revealed", "predict_mode"])
        st.param.watch(self._relabel, "language")
        st.param.watch(self._enlarge, "large_numbers")
        self._relabel()
        self._show_knobs()
        self.open_tab(TAB_KEYS[0])

    # ---- widgets ------------------------------------------------------------------------------------
    def _make_widget(self, name: str, language: str) -> pn.widgets.Widget:
        p = self.state.scenario.param[name]
        kw: dict[str, Any] = {"label": label(name, language), "sizing_mode": "stretch_width",
                              "stylesheets": [WIDGET_CSS]}
        if name == "funding_model":
            return pn.widgets.Select.from_param(p, options=self._model_options(language), **kw)
        if name == "budget_basis":
            return pn.widgets.Select.from_param(p, options=budget_basis_options(language), **kw)
        if name == "region":
            return self._region_widget(language, **kw)
        if isinstance(p, param.Selector):
            return pn.widgets.Select.from_param(p, **kw)
        if isinstance(p, param.Boolean):  # a toggle button has an accessible name; Panel's checkbox label has not
            return pn.widgets.Toggle.from_param(p, color="primary", variant="outline", **kw)
        if isinstance(p, param.Integer):
            if name == "n_clients":
                return pn.widgets.IntSlider.from_param(p, step=100, format=slider_format(name), **kw)
            return pn.widgets.IntSlider.from_param(p, format=slider_format(name), **kw)
        return pn.widgets.FloatSlider.from_param(p, format=slider_format(name), **kw)

    def _region_widget(self, language: str, **kw: Any) -> pn.widgets.Select:
        """Regions and every CBS municipality, grouped; kept in step with the scenario both ways.

        Not ``from_param``: a flat list of 349 names is hard to scan; the groups put the shipped regions first.
        """
        sc = self.state.scenario
        widget = pn.widgets.Select(groups=region_groups(), value=sc.region, **kw)
        widget.param.watch(lambda e: setattr(sc, "region", e.new), "value")
        sc.param.watch(lambda e: setattr(widget, "value", e.new), "region")
        return widget

    @staticmethod
    def _model_options(language: str) -> dict[str, str]:
        return {model_label(k, language): k for k in MODELS}

    def _show_knobs(self, *_: Any) -> None:
        active = set(MODEL_KNOBS[self.state.scenario.funding_model])
        for knobs in MODEL_KNOBS.values():
            for name in knobs:
                self._widgets[name].visible = name in active

    def controls(self) -> pn.Column:
        w = self._widgets
        # A knob shared by two models (upcoding room) appears once: a widget can sit in a layout only once.
        knobs = [w[n] for n in dict.fromkeys(n for names in MODEL_KNOBS.values() for n in names)]
        conditions = [w[n] for n in EXOGENOUS]
        return pn.Column(
            self._section_titles["levers"], w["funding_model"], *[w[n] for n in COMMON_LEVERS],
            self._section_titles["model_knobs"], *knobs,
            self._section_titles["conditions"], *conditions,
            sizing_mode="stretch_width", max_width=360, margin=(5, 10),
            styles={"background": "#f4f6f8", "border-radius": "8px", "flex": "1 1 300px"},
        )

    # ---- language -----------------------------------------------------------------------------------
    def _relabel(self, *_: Any) -> None:
        """Every word in the new language, sent as one message (``pn.io.hold``): the browser lays out once."""
        if "tab_scenario" in self._built_tabs and not self._error.visible:
            with pn.io.hold():  # the chart first, on its own: it lays out while the rest of the page is unchanged
                self._update_plot(self.state.scenario.evaluate(), self.state.language, self.state.hidden)
        with pn.io.hold():
            self._relabel_now()

    def _relabel_now(self) -> None:
        lang = self.state.language
        for name, widget in self._widgets.items():
            widget.label = label(name, lang)
        for name, options in (("funding_model", self._model_options(lang)), ("budget_basis", budget_basis_options(lang))):
            select = self._widgets[name]
            assert isinstance(select, pn.widgets.Select)
            select.options = options
        self._predict.label = tr("predict_mode", lang)
        self._large.label = tr("large_numbers", lang)
        self._reveal.label = tr("reveal", lang)
        self._title.object = f"## {tr('title', lang)}\n{tr('subtitle', lang)}"
        self._synthetic.object = t("common.synthetic_notice", lang)
        for key, pane in self._section_titles.items():
            pane.object = f"### {tr(key, lang)}"
        self._explain_title.object = f"### {tr('explanation', lang)}"
        self._share.object = f"🔗 {tr('share', lang)}"
        self._csv.label, self._xlsx.label = tr("download_csv", lang), tr("download_excel", lang)
        self._assumptions_intro.object = tr("assumptions_intro", lang)
        self._reference.object = tr("reference_intro", lang) + "\n\n" + katex_safe(reference_markdown(lang))
        self._render_notices()
        self._refresh()
        if "tab_assumptions" in self._built_tabs:  # a hidden tab keeps its text: it must change language too
            self._refresh_assumptions()
        self._tab_bar.options = self._tab_options(lang)  # same values, new words: the open tab stays open

    @staticmethod
    def _tab_options(language: str) -> dict[str, str]:
        return {tr(k, language): k for k in TAB_KEYS}

    # ---- tabs ---------------------------------------------------------------------------------------
    @property
    def effects(self) -> EffectsView:
        """The effectencalculator, built on first use (its case computations are not needed at page load)."""
        if self._effects is None:
            self._effects = EffectsView(state=self.state)
        return self._effects

    def open_tab(self, key: str) -> None:
        """Show one tab; its content is built (and joins the page) the first time it is opened."""
        if key not in self._built_tabs:
            builders: dict[str, Callable[[], pn.Column]] = {
                "tab_scenario": self._scenario_tab,
                "tab_compare": lambda: pn.Column(self.compare, sizing_mode="stretch_width"),
                "tab_effects": lambda: pn.Column(self.effects, sizing_mode="stretch_width"),
                "tab_assumptions": lambda: pn.Column(self._assumptions_intro, self._assumptions,
                                                     sizing_mode="stretch_width"),
                "tab_reference": lambda: pn.Column(self._reference, sizing_mode="stretch_width")}
            built = builders[key]()
            self._built_tabs[key] = built
            self._tab_body.append(built)
        if key == "tab_assumptions":
            self._refresh_assumptions()
        for k, tab in self._built_tabs.items():
            tab.visible = k == key  # on the wrapper column: hidden tabs keep their rendered models
        self._tab_bar.value = key

    def _enlarge(self, *_: Any) -> None:
        """Large headline numbers for the back of the room: a class on the cards' pane, no re-render of the HTML."""
        self._kpis.css_classes = ["zl-large"] if self.state.large_numbers else []

    def _render_notices(self) -> None:
        notices = self.state.notices
        self._notices.visible = bool(notices)
        if notices:
            lang = self.state.language
            # The given value comes from the address bar: shown as literal text, never as HTML or Markdown.
            self._notices.object = tr("url_notice", lang) + "\n" + "\n".join(
                f"- {md_literal(notice_message(n, lang))}" for n in notices)

    # ---- scenario tab -------------------------------------------------------------------------------
    def _refresh(self, *_: Any) -> None:
        """Redraw the numbers, headline cards first. No ``pn.io.hold`` here: each pane's change leaves as it is made,
        so the cards reach the browser while the tables are still being formatted (measured: ~20 ms sooner per
        slider step). A language switch does hold everything (``_relabel``)."""
        st, lang = self.state, self.state.language
        hidden = st.hidden
        try:
            res = st.scenario.evaluate()
        except ZorglabError as exc:  # every parameter is bounded, but a clear message beats a trace
            self._error.object, self._error.visible = str(exc), True
            return
        self._error.visible = False
        self._population.object = population_text(res, st.scenario, lang)  # a condition, never hidden
        self._reveal.visible = hidden
        self._prompt.visible = hidden
        self._prompt.object = tr("predict_prompt", lang)
        self._kpis.object = kpi_html(res, lang, hidden)
        self._explain.object = ('<p class="zl-explain">' + (tr("predict_prompt", lang) if hidden else
                                html.escape(explain(res, st.scenario, lang), quote=False)) + "</p>")
        spend = self._update_plot(res, lang, hidden)
        self._tables.object = tables_html(res, lang, hidden, spend=spend)
        if self._tab_bar.value == "tab_assumptions":  # otherwise filled when that tab is opened
            self._refresh_assumptions()
        # Predict mode hides the answer everywhere: no download, no saving (the comparison would show it).
        for w in (self._csv, self._xlsx):
            w.disabled = hidden

    def _update_plot(self, res: Any, lang: str, hidden: bool) -> pd.DataFrame:
        """Spend per law in the chart; returns the spend table (the tables below show it too)."""
        spend = spend_table(res, lang)
        lines = spend[spend["line"] != "totaal"]
        self._plot.update(lines["label"], lines["baseline_eur"], lines["scenario_eur"],
                          (tr("baseline", lang), tr("scenario", lang)), tr("spend_plot", lang), hide_b=hidden)
        return spend

    def _refresh_assumptions(self) -> None:
        self._assumptions.object = html_table(self.assumptions_display(), text=True)

    def _scenario_tab(self) -> pn.Column:
        return pn.Column(
            self._prompt, self._error, self._population, self._kpis, self._explain_title, self._explain,
            pn.pane.Bokeh(self._plot.fig, sizing_mode="stretch_width"), self._plot.alt,
            self._tables,
            wrap(self._csv, self._xlsx), self._share,
            sizing_mode="stretch_width",
        )

    def assumptions_display(self) -> pd.DataFrame:
        lang = self.state.language
        table = parameters_table(self.state.scenario, lang)
        bases = Scenario.param["budget_basis"].objects

        def value(v: Any) -> str:
            if isinstance(v, str) and v in bases:
                return budget_basis_label(v, lang)
            if isinstance(v, str) and v in MODELS:
                return model_label(v, lang)
            if isinstance(v, bool):
                return tr("yes" if v else "no", lang)
            if isinstance(v, float):
                return format_number(v, 2)
            return str(v)

        return pd.DataFrame({
            tr("col_parameter", lang): table["label"], tr("col_value", lang): table["value"].map(value),
            tr("col_default", lang): table["default"].map(value), tr("col_allowed", lang): table["allowed"],
            tr("col_source", lang): table["source"], tr("col_applies_to", lang): table["applies_to"],
            tr("col_meaning", lang): table["meaning"],
        })

    def _export_csv(self) -> io.StringIO:
        if self.state.hidden:  # a disabled button can still be scripted: never hand out the hidden answer
            return io.StringIO(tr("hidden_note", self.state.language) + "\n")
        return io.StringIO(to_csv(self.state.scenario, self.state.language))

    def _export_excel(self) -> io.BytesIO | None:
        if self.state.hidden:
            return None
        return io.BytesIO(to_excel(self.state.scenario, self.state.language))

    # ---- layout -------------------------------------------------------------------------------------
    def __panel__(self) -> pn.Column:
        # FlexBoxes wrap on a projector (1024 px) and a phone (390 px) instead of running off the right edge.
        return pn.Column(
            pn.FlexBox(self._title, self._language, self._predict, self._large, self._reveal, flex_wrap="wrap",
                       align_items="center"),
            self._synthetic, self._notices,
            pn.FlexBox(self.controls(), pn.Column(self._tab_bar, self._tab_body, sizing_mode="stretch_width",
                                                  styles={"flex": "1 1 560px", "min-width": "0"}),
                       flex_wrap="wrap"),
            sizing_mode="stretch_width",
        )
