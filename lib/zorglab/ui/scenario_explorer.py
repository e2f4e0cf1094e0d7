"""The budget-incentive scenario explorer as a reusable Panel component (notebook or served app).

State lives in ``zorglab.domain.scenario.ExplorerState`` (lib); this view builds widgets bound to it with
``from_param`` and redraws long-lived panes when a parameter changes (no layout rebuild on a slider
move, so a round trip stays fast). ``sync_with_url`` makes the whole scenario shareable as a link and
repairs tampered links with a notice instead of a stack trace.
"""

from __future__ import annotations

import html
import io
import json
import re
import urllib.parse
from typing import Any

import pandas as pd
import panel as pn
import param
from bokeh.models import CustomJSTickFormatter

from zorglab.core.axis_format import number_axis
from zorglab.core.errors import ZorglabError
from zorglab.core.formatting import format_number
from zorglab.core.i18n import t
from zorglab.domain.equations import reference_markdown
from zorglab.domain.regions import regions
from zorglab.domain.scenario import (
    BUDGET_BASIS_LABELS,
    COMMON_LEVERS,
    EXOGENOUS,
    INDICATOR_LABELS,
    MAX_SAVED,
    MODEL_KNOBS,
    MODEL_LABELS,
    PARAM_LABELS,
    ExplorerState,
    QueryNotice,
    SavedScenarioError,
    Scenario,
    formula_safe,
)
from zorglab.ui.scenario_effects import EffectsView
from zorglab.ui.scenario_panes import (
    PairedBars,
    format_indicator,
    html_table,
    kpi_html,
    tables_html,
)
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import CSS, WIDGET_CSS

# Slider formats: shares as percentages, amounts in euros; factors (tariff, budget, professional norm,
# selection propensity, upcoding room) keep the plain Dutch number format.
SHARE_PARAMS = {"demand_growth", "general_provision_share", "av_extra_uptake", "achievement_rate", "base_share",
                "tolerated_loss"}
EUR_PARAMS = {"provider_cost_per_hour", "av_cost_per_participant", "prevention_per_client", "bonus", "malus"}
PLAIN_INT_PARAMS = {"year", "seed"}
URL_STATE = ("language", "case_id", "large_numbers")  # besides every scenario parameter
TAB_KEYS = ("tab_scenario", "tab_compare", "tab_effects", "tab_assumptions", "tab_reference")
# The tab bar wraps on a phone instead of running off the right edge.
TAB_BAR_CSS = ".bk-btn-group { flex-wrap: wrap; row-gap: 4px; } .bk-btn-group > .bk-btn { flex: 1 1 auto; }"

# Dutch number display on the sliders (the browser formats, so it follows the same conventions as format_eur).
_PCT_JS = "return (tick * 100).toLocaleString('nl-NL', {maximumFractionDigits: 0}) + '%';"
_EUR_JS = "return '€ ' + tick.toLocaleString('nl-NL', {maximumFractionDigits: 0});"
_INT_JS = "return tick.toString();"


def slider_format(name: str) -> CustomJSTickFormatter:
    if name in SHARE_PARAMS:
        return CustomJSTickFormatter(code=_PCT_JS)
    if name in EUR_PARAMS:
        return CustomJSTickFormatter(code=_EUR_JS)
    if name in PLAIN_INT_PARAMS:
        return CustomJSTickFormatter(code=_INT_JS)
    return number_axis()


def label(name: str, language: str) -> str:
    return PARAM_LABELS[name][int(language == "en")]


def budget_basis_options(language: str) -> dict[str, str]:
    """Translated label -> value of the lump sum's budget basis ('norm' | 'history')."""
    return {v[int(language == "en")]: k for k, v in BUDGET_BASIS_LABELS.items()}


def region_groups() -> dict[str, list[str]]:
    """The shipped regions, then every CBS municipality (a region of its own), for a grouped selection.

    The group names are in both languages (Dutch / English), so a language switch leaves the 349 options alone:
    re-sending them cost about half a second in the browser.
    """
    from zorglab.domain.cbs import municipality_table

    shipped = regions()
    taken = {r.lower() for r in shipped}
    municipalities = sorted({str(n) for n in municipality_table()["name"] if str(n).lower() not in taken}, key=str.lower)
    both = {key: f"{tr(key, 'nl')} / {tr(key, 'en')}" for key in ("regions_group", "municipalities_group")}
    return {both["regions_group"]: shipped, both["municipalities_group"]: municipalities}


def population_text(res: Any, scenario: Scenario, language: str) -> str:
    """Whose money and clients the numbers are: the region's inhabitants; the sample only sets the precision."""
    return tr("population_note", language, region=scenario.region, population=format_number(res.population),
              clients=format_number(res.baseline.clients), n=format_number(scenario.n_clients))


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


def katex_safe(markdown: str) -> str:
    """Keep LaTeX spacing commands from being eaten as Markdown escapes (``\\,`` would become ``,``)."""
    return markdown.replace("\\,", "\\ ").replace("\\;", "\\ ").replace("\\!", "")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&\"'])")


def _md_literal(text: str) -> str:
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


class ScenarioExplorer(pn.viewable.Viewer):
    """Sliders on the left; consequences, comparison, effectencalculator, assumptions and equations on the right."""

    state = param.ClassSelector(class_=ExplorerState)

    def __init__(self, **params):
        params.setdefault("state", ExplorerState())
        super().__init__(**params)
        st, sc = self.state, self.state.scenario
        lang = st.language
        self._widgets: dict[str, pn.widgets.Widget] = {n: self._make_widget(n, lang) for n in Scenario.query_names()}
        self._language = pn.widgets.RadioButtonGroup(options={"Nederlands": "nl", "English": "en"}, value=lang,
                                                     color="primary", variant="outline", width=200)
        self._language.link(st, value="language")
        st.param.watch(lambda e: setattr(self._language, "value", e.new), "language")
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
        # compare tab
        self._save_name = pn.widgets.TextInput(placeholder="Scenario 1", width=240)
        self._save = pn.widgets.Button(color="primary", width=160)
        self._save.on_click(self._on_save)
        self._saved_select = pn.widgets.Select(options=[], width=240)
        self._remove = pn.widgets.Button(color="default", width=120)
        self._remove.on_click(self._on_remove)
        self._load = pn.widgets.Button(color="default", width=180)
        self._load.on_click(self._on_load)
        self._save_msg = pn.pane.Alert("", alert_type="success", visible=False, sizing_mode="stretch_width")
        self._compare = pn.pane.HTML("", stylesheets=[CSS], sizing_mode="stretch_width")
        self._compare_plot = PairedBars(height=280)
        # Visibility is toggled on a wrapper: toggling it on a Bokeh pane trips a Panel 1.9 stylesheet bug.
        self._compare_pane = pn.Column(pn.pane.Bokeh(self._compare_plot.fig, sizing_mode="stretch_width"),
                                       self._compare_plot.alt,
                                       visible=False, sizing_mode="stretch_width")
        self._links = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._cmp_csv = pn.widgets.FileDownload(callback=self._compare_csv, filename="scenario_vergelijking.csv")
        self._cmp_xlsx = pn.widgets.FileDownload(callback=self._compare_excel, filename="scenario_vergelijking.xlsx")
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
        st.param.watch(self._refresh_compare, ["saved"])
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
        return {v[int(language == "en")]: k for k, v in MODEL_LABELS.items()}

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
        self._widgets["funding_model"].options = self._model_options(lang)
        self._widgets["budget_basis"].options = budget_basis_options(lang)
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
        self._save_name.label, self._save.label = tr("save_name", lang), tr("save", lang)
        self._remove.label, self._load.label = tr("remove", lang), tr("load", lang)
        self._cmp_csv.label, self._cmp_xlsx.label = tr("compare_csv", lang), tr("compare_excel", lang)
        self._assumptions_intro.object = tr("assumptions_intro", lang)
        self._reference.object = tr("reference_intro", lang) + "\n\n" + katex_safe(reference_markdown(lang))
        self._render_notices()
        self._refresh()
        self._refresh_compare()
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
            builders = {"tab_scenario": self._scenario_tab, "tab_compare": self._compare_tab,
                        "tab_effects": lambda: pn.Column(self.effects, sizing_mode="stretch_width"),
                        "tab_assumptions": lambda: pn.Column(self._assumptions_intro, self._assumptions,
                                                             sizing_mode="stretch_width"),
                        "tab_reference": lambda: pn.Column(self._reference, sizing_mode="stretch_width")}
            self._built_tabs[key] = tab = builders[key]()
            self._tab_body.append(tab)
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
                f"- {_md_literal(n.message(lang))}" for n in notices)

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
                                st.scenario.explain(lang)) + "</p>")
        spend = self._update_plot(res, lang, hidden)
        self._tables.object = tables_html(res, lang, hidden, spend=spend)
        if self._tab_bar.value == "tab_assumptions":  # otherwise filled when that tab is opened
            self._refresh_assumptions()
        # Predict mode hides the answer everywhere: no download, no saving (the comparison would show it).
        for w in (self._csv, self._xlsx, self._save, self._cmp_csv, self._cmp_xlsx):
            w.disabled = hidden

    def _update_plot(self, res: Any, lang: str, hidden: bool) -> pd.DataFrame:
        """Spend per law in the chart; returns the spend table (the tables below show it too)."""
        spend = res.spend_table(lang)
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
        en = lang == "en"
        t = self.state.scenario.parameters_table(lang)

        def value(v: Any) -> str:
            if isinstance(v, str) and v in BUDGET_BASIS_LABELS:
                return BUDGET_BASIS_LABELS[v][int(en)]
            if isinstance(v, str) and v in MODEL_LABELS:
                return MODEL_LABELS[v][int(en)]
            if isinstance(v, bool):
                return tr("yes" if v else "no", lang)
            if isinstance(v, float):
                return format_number(v, 2)
            return str(v)

        # Any CBS municipality is a valid region: name the shipped regions and say so, not all 345 names.
        region_allowed = ", ".join(regions()) + (" or any CBS municipality (name or GM code)" if en
                                                 else " of een CBS-gemeente (naam of GM-code)")
        t["allowed"] = [region_allowed if p == "region" else a for p, a in zip(t["parameter"], t["allowed"], strict=True)]
        cols = {
            "parameter": t["label"], ("value" if en else "waarde"): t["value"].map(value),
            ("default" if en else "standaard"): t["default"].map(value),
            ("allowed" if en else "toegestaan"): t["allowed"], ("source" if en else "bron"): t["source"],
            ("applies to" if en else "geldt voor"): t["applies_to"],
        }
        if en:
            cols["meaning"] = t["meaning"]
        return pd.DataFrame(cols)

    def _export_csv(self) -> io.StringIO:
        if self.state.hidden:  # a disabled button can still be scripted: never hand out the hidden answer
            return io.StringIO(tr("hidden_note", self.state.language) + "\n")
        return io.StringIO(self.state.scenario.to_csv(self.state.language))

    def _export_excel(self) -> io.BytesIO | None:
        if self.state.hidden:
            return None
        return io.BytesIO(self.state.scenario.to_excel(self.state.language))

    # ---- compare tab --------------------------------------------------------------------------------
    def _on_save(self, *_: Any) -> None:
        lang = self.state.language
        try:
            # value_input is what is typed now; value only follows on Enter or blur
            name = self.state.save(self._save_name.value_input or self._save_name.value)
        except SavedScenarioError:
            self._save_msg.alert_type, self._save_msg.object = "warning", tr("saved_full", lang, n=MAX_SAVED)
        else:
            self._save_msg.alert_type, self._save_msg.object = "success", tr("saved_as", lang, name=name)
            self._save_name.value = self._save_name.value_input = ""
        self._save_msg.visible = True

    def _on_remove(self, *_: Any) -> None:
        if self._saved_select.value in self.state.saved:
            self.state.remove(self._saved_select.value)
            self._save_msg.visible = False

    def _on_load(self, *_: Any) -> None:
        if self._saved_select.value in self.state.saved:
            self.state.load(self._saved_select.value)

    def comparison_display(self) -> pd.DataFrame:
        df = self.state.comparison()
        lang = self.state.language
        out = df[["label"]].rename(columns={"label": tr("indicator", lang)})
        for col in df.columns[2:]:
            out[col] = [v if k == "funding_model" else format_indicator(k, v, lang)
                        for k, v in zip(df["indicator"], df[col], strict=True)]
        return out

    def _refresh_compare(self, *_: Any) -> None:
        lang, saved = self.state.language, self.state.saved
        self._saved_select.options = list(saved)
        self._compare_pane.visible = bool(saved)
        for w in (self._saved_select, self._remove, self._load, self._cmp_csv, self._cmp_xlsx):
            w.visible = bool(saved)
        if not saved:
            self._compare.object = f"<p>{tr('compare_empty', lang, n=MAX_SAVED)}</p>"
            self._links.object = ""
            return
        df = self.state.comparison()
        self._compare.object = html_table(self.comparison_display())
        names = list(df.columns[2:])
        rows = df.set_index("indicator")
        self._compare_plot.update(names, rows.loc["municipal_spend", names].astype(float),
                                  rows.loc["provider_margin", names].astype(float),
                                  (format_indicator_label("municipal_spend", lang),
                                   format_indicator_label("provider_margin", lang)), tr("tab_compare", lang))
        self._links.object = f"### {tr('compare_links', lang)}\n" + "\n".join(
            f"- [{name}]({share_query(values, lang)})" for name, values in saved.items())

    def _compare_csv(self) -> io.StringIO:
        if self.state.hidden:
            return io.StringIO(tr("hidden_note", self.state.language) + "\n")
        return io.StringIO(formula_safe(self.state.comparison()).to_csv(index=False))

    def _compare_excel(self) -> io.BytesIO | None:
        if self.state.hidden:
            return None
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            formula_safe(self.state.comparison()).to_excel(xl, sheet_name="vergelijking", index=False)
        buf.seek(0)
        return buf

    def _compare_tab(self) -> pn.Column:
        return pn.Column(
            wrap(self._save_name, self._save), self._save_msg, self._compare, self._compare_pane,
            wrap(self._saved_select, self._load, self._remove), wrap(self._cmp_csv, self._cmp_xlsx),
            self._links, sizing_mode="stretch_width",
        )

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


def wrap(*objects: Any) -> pn.FlexBox:
    """A row of widgets that wraps onto the next line on a phone instead of running past the right edge."""
    return pn.FlexBox(*objects, flex_wrap="wrap", align_items="end")


def format_indicator_label(key: str, language: str) -> str:
    return INDICATOR_LABELS[key][int(language == "en")]
