"""Effectencalculator tab: one case, old way vs new way per payer, wrong pocket, effectenarena.

The numbers come from ``zorglab.domain.effects``; this view only picks the case and lays them out.
"""

from __future__ import annotations

import io

import pandas as pd
import panel as pn
import param

from zorglab.core.formatting import format_eur
from zorglab.domain.cases import Case, load_cases
from zorglab.domain.catalogue import payer_label
from zorglab.domain.effects import EffectCalculator, effectenarena, wrong_pocket_summary
from zorglab.domain.scenario import ExplorerState, formula_safe
from zorglab.ui.scenario_panes import PairedBars, eur0, html_table, signed
from zorglab.ui.scenario_strings import tr
from zorglab.ui.theme import CSS

ROLE_LABELS = {"investeerder": ("investeerder", "investor"), "incasseerder": ("incasseerder", "beneficiary"),
               "neutraal": ("neutraal", "neutral")}


@pn.cache
def case_library() -> tuple[Case, ...]:
    return tuple(load_cases())


def payer_display(per_payer: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    en = int(language == "en")
    return pd.DataFrame({
        tr("payer", language): [payer_label(p, language) for p in per_payer["payer"]],
        tr("old_way", language): per_payer["reference"].map(eur0),
        tr("new_way", language): per_payer["intervention"].map(eur0),
        tr("saving", language): [signed(v, eur0) for v in per_payer["saving"]],
        tr("role", language): [ROLE_LABELS[r][en] for r in per_payer["role"]],
    })


def arena_display(arena: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    en = int(language == "en")
    return pd.DataFrame({
        "stap" if not en else "step": arena["step"],
        "omschrijving" if not en else "description": arena["description"],
        "belanghebbende" if not en else "stakeholder": arena["stakeholder"],
        tr("role", language): [ROLE_LABELS.get(r, (r, r))[en] for r in arena["role"]],
        "bedrag" if not en else "amount": ["" if pd.isna(v) else format_eur(v, 0) for v in arena["amount_eur"]],
    })


class EffectsView(pn.viewable.Viewer):
    """Old way vs new way for one case from the library, per payer, with the effectenarena."""

    state = param.ClassSelector(class_=ExplorerState)
    calculator = param.ClassSelector(class_=EffectCalculator)

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
            "case_words", lang, wil=case.ik_wil, kan=case.ik_kan, nodig=case.ik_heb_nodig)
        self._summary.object = wrong_pocket_summary(per_payer, lang)
        self._bars.update([payer_label(p, lang) for p in per_payer["payer"]], per_payer["reference"],
                          per_payer["intervention"], (tr("old_way", lang), tr("new_way", lang)), tr("per_payer", lang))
        self._table.object = html_table(payer_display(per_payer, lang))
        self._arena_title.object = f"### {tr('arena', lang)}"
        self._arena.object = html_table(arena_display(effectenarena(case, self.calculator, lang), lang))

    def __panel__(self):
        return pn.Column(
            pn.FlexBox(self._case, self._horizon, flex_wrap="wrap", align_items="end"),  # stacked on a phone
            self._words, self._summary,
            pn.pane.Bokeh(self._bars.fig, sizing_mode="stretch_width"), self._bars.alt,
            self._table, self._download, self._arena_title, self._arena,
            sizing_mode="stretch_width",
        )
