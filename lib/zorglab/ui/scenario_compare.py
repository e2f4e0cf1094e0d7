"""The explorer's compare tab: save up to four scenarios, see them side by side, export them, share each one.

A Viewer of its own (HoloViz pattern): its widgets are built once and updated in watchers on the session state.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.core.spreadsheet import formula_safe
from zorglab.services.scenario_tables import indicator_label
from zorglab.ui.scenario_link import share_query
from zorglab.ui.scenario_panes import PairedBars, format_indicator, html_table
from zorglab.ui.scenario_state import MAX_SAVED, ExplorerState, SavedScenarioError
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import CSS


def wrap(*objects: Any) -> pn.FlexBox:
    """A row of widgets that wraps onto the next line on a phone instead of running past the right edge."""
    return pn.FlexBox(*objects, flex_wrap="wrap", align_items="end")


class CompareTab(pn.viewable.Viewer):
    """Saved scenarios side by side, with their links and downloads; hidden answers are never handed out."""

    state: ExplorerState = param.ClassSelector(class_=ExplorerState)  # type: ignore[assignment]  # never None

    def __init__(self, **params: Any):
        super().__init__(**params)
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
        self._cmp_csv = pn.widgets.FileDownload(callback=self.csv, filename="scenario_vergelijking.csv")
        self._cmp_xlsx = pn.widgets.FileDownload(callback=self.excel, filename="scenario_vergelijking.xlsx")
        self.state.param.watch(self._refresh_compare, ["saved"])
        self.state.param.watch(self._relabel, ["language"])
        self.state.param.watch(self._hide, ["revealed", "predict_mode"])
        self._relabel()
        self._hide()

    def _relabel(self, *_: Any) -> None:
        lang = self.state.language
        self._save_name.label, self._save.label = tr("save_name", lang), tr("save", lang)
        self._remove.label, self._load.label = tr("remove", lang), tr("load", lang)
        self._cmp_csv.label, self._cmp_xlsx.label = tr("compare_csv", lang), tr("compare_excel", lang)
        self._refresh_compare()

    def _hide(self, *_: Any) -> None:
        """Predict mode hides the answer: no saving or download while it is hidden (the comparison would show it)."""
        for w in (self._save, self._cmp_csv, self._cmp_xlsx):
            w.disabled = self.state.hidden

    def _on_save(self, *_: Any) -> None:
        lang = self.state.language
        try:
            # value_input is what is typed now; value only follows on Enter or blur
            name = self.state.save(self._save_name.value_input or self._save_name.value or "")
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
                                  (indicator_label("municipal_spend", lang),
                                   indicator_label("provider_margin", lang)), tr("tab_compare", lang))
        self._links.object = f"### {tr('compare_links', lang)}\n" + "\n".join(
            f"- [{name}]({share_query(values, lang)})" for name, values in saved.items())

    def csv(self) -> io.StringIO:
        if self.state.hidden:
            return io.StringIO(tr("hidden_note", self.state.language) + "\n")
        return io.StringIO(formula_safe(self.state.comparison()).to_csv(index=False))

    def excel(self) -> io.BytesIO | None:
        if self.state.hidden:
            return None
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            formula_safe(self.state.comparison()).to_excel(xl, sheet_name=tr("compare_sheet", self.state.language),
                                                           index=False)
        buf.seek(0)
        return buf

    def __panel__(self) -> pn.Column:
        return pn.Column(
            wrap(self._save_name, self._save), self._save_msg, self._compare, self._compare_pane,
            wrap(self._saved_select, self._load, self._remove), wrap(self._cmp_csv, self._cmp_xlsx),
            self._links, sizing_mode="stretch_width",
        )
