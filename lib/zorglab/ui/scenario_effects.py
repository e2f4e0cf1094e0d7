"""Effectencalculator tab: one case, old way vs new way per payer, wrong pocket, effectenarena.

The numbers come from ``zorglab.domain.effects``; this view only picks the case and lays them out.
"""

from __future__ import annotations

import io

import pandas as pd
import panel as pn
import param

from zorglab.core.spreadsheet import formula_safe
from zorglab.domain import case_text
from zorglab.domain.cases import Case, load_cases
from zorglab.domain.effects import EffectCalculator, effectenarena
from zorglab.services.effect_tables import arena_display, payer_display  # noqa: F401 (re-exported)
from zorglab.services.labels import payer_label
from zorglab.services.narrative import wrong_pocket_summary
from zorglab.ui.scenario_panes import PairedBars, html_table
from zorglab.ui.scenario_state import ExplorerState
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import CSS


@pn.cache
def case_library() -> tuple[Case, ...]:
    return tuple(load_cases())


class EffectsView(pn.viewable.Viewer):
    """Old way vs new way for one case from the library, per payer, with the effectenarena."""

    state: ExplorerState = param.ClassSelector(class_=ExplorerState)  # type: ignore[assignment]  # never None
    calculator: EffectCalculator = param.ClassSelector(class_=EffectCalculator)  # type: ignore[assignment]

    def __init__(self, **params):
        params.setdefault("calculator", EffectCalculator())
        super().__init__(**params)
        cases = case_library()
        if self.state.case_id not in {c.case_id for c in cases}:  # '' or unknown: start with the first case
            self.state.case_id = cases[0].case_id
        self._case = pn.widgets.Select(label=tr("case", self.state.language), value=self.state.case_id,
                                       options=self._options(), sizing_mode="stretch_width", max_width=460,
                                       styles={"flex": "1 1 260px", "min-width": "0"})
        self._case.link(self.state, value="case_id")
        self.state.param.watch(lambda e: setattr(self._case, "value", e.new), "case_id")
        self._horizon = pn.widgets.IntSlider.from_param(self.calculator.param.horizon_years,
                                                        label=tr("horizon", self.state.language), width=220)
        self._words = pn.pane.Markdown("", sizing_mode="stretch_width")
        self._summary = pn.pane.Markdown("", sizing_mode="stretch_width", styles={"font-size": "16px"})
        self._bars = PairedBars(height=300)
        self._table = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[CSS])
        self._arena_title = pn.pane.Markdown("")
        self._arena = pn.pane.HTML("", sizing_mode="stretch_width", stylesheets=[CSS])
        self._download = pn.widgets.FileDownload(callback=self._csv, filename="effectencalculator.csv",
                                                 label=tr("download_csv", self.state.language), color="default")
        self.state.param.watch(self._refresh, ["case_id", "language"])
        self.calculator.param.watch(self._refresh, ["horizon_years"])
        self._refresh()

    def _options(self) -> dict[str, str]:
        return {f"{c.case_id} · {c.title(self.state.language)}": c.case_id for c in case_library()}

    def case(self) -> Case:
        cases = case_library()
        return next((c for c in cases if c.case_id == self.state.case_id), cases[0])

    def per_payer(self) -> pd.DataFrame:
        return self.calculator.per_payer([self.case()])

    def _csv(self) -> io.StringIO:
        return io.StringIO(formula_safe(self.per_payer()).to_csv(index=False))

    def _refresh(self, *_) -> None:
        lang, case = self.state.language, self.case()
        self._case.label, self._horizon.label = tr("case", lang), tr("horizon", lang)
        self._download.label = tr("download_csv", lang)
        self._case.options = self._options()
        per_payer = self.per_payer()
        self._words.object = f"**{case.title(lang)}** ({case.municipality}) — " + tr(
            "case_words", lang, wil=case_text.ik_wil(case, lang), kan=case_text.ik_kan(case, lang),
            nodig=case_text.ik_heb_nodig(case, lang))
        self._summary.object = wrong_pocket_summary(per_payer, lang)
        self._bars.update([payer_label(p, lang) for p in per_payer["payer"]], per_payer["reference"],
                          per_payer["intervention"], (tr("old_way", lang), tr("new_way", lang)), tr("per_payer", lang))
        self._table.object = html_table(payer_display(per_payer, lang))
        self._arena_title.object = f"### {tr('arena', lang)}"
        self._arena.object = html_table(arena_display(effectenarena(case, self.calculator), lang, case))

    def __panel__(self):
        return pn.Column(
            pn.FlexBox(self._case, self._horizon, flex_wrap="wrap", align_items="end"),  # stacked on a phone
            self._words, self._summary,
            pn.pane.Bokeh(self._bars.fig, sizing_mode="stretch_width"), self._bars.alt,
            self._table, self._download, self._arena_title, self._arena,
            sizing_mode="stretch_width",
        )
