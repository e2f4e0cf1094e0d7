"""Lesson 4's effectencalculator view: old way against new way per payer for one case, the wrong-pocket sentence
and the effectenarena (all effects, also those not in euros). Tables: ``zorglab.services.effect_tables`` (shared
with the explorer) and ``zorglab.services.lesson_tables``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import panel as pn
import param

from zorglab.domain.cases import Case, get_case
from zorglab.domain.effects import EffectCalculator
from zorglab.services.effect_tables import payer_display
from zorglab.services.labels import payer_label
from zorglab.services.lesson_tables import arena_key
from zorglab.services.narrative import wrong_pocket_summary
from zorglab.ui.lesson_base import lang_param, t, table
from zorglab.ui.lesson_case_card import case_card_markdown

SAVES, PAYS_MORE = "#1a7f37", "#b42318"


def saving_plot(per_payer: pd.DataFrame, language: str = "nl"):
    """Bars per payer: green = saves (incasseerder), red = pays more (investeerder)."""
    import holoviews as hv
    import hvplot.pandas  # noqa: F401  (registers .hvplot)

    payer, saving = t("payer", language), t("saving", language)
    df = pd.DataFrame({payer: [payer_label(p, language) for p in per_payer["payer"]],
                       saving: per_payer["saving"].to_numpy(float)})
    colours = np.where(df[saving] >= 0, SAVES, PAYS_MORE)
    plot = df.hvplot.barh(x=payer, y=saving, title=t("saving_plot_title", language), height=260, responsive=True,
                          xlabel="", ylabel="€", xformatter="%.0f", hover=False).opts(color=hv.dim(payer).categorize(
                              dict(zip(df[payer], colours, strict=True))))
    return plot * hv.VLine(0).opts(color="black", line_width=1)


class EffectCalculatorView(pn.viewable.Viewer):
    """Lesson 4: old way vs new way per payer for one case, the wrong-pocket sentence and the effectenarena."""

    language = lang_param()
    case_id: str = param.Selector(default="OSS-03", objects=[], doc="Case from the case library.")  # type: ignore[assignment]
    calculator: EffectCalculator = param.ClassSelector(  # type: ignore[assignment]
        class_=EffectCalculator, doc="Horizon, discount rate and price index.")

    def __init__(self, case_ids: Sequence[str] = ("OSS-01", "OSS-03", "OSS-06", "OSS-10"), **params: Any):
        self.param.case_id.objects = list(case_ids)
        params.setdefault("case_id", case_ids[0])
        params.setdefault("calculator", EffectCalculator())
        super().__init__(**params)
        self.case_select = pn.widgets.Select.from_param(self.param.case_id)
        self.horizon = pn.widgets.IntSlider.from_param(self.calculator.param.horizon_years)
        self.discount = pn.widgets.FloatSlider.from_param(self.calculator.param.discount_rate)
        self.card = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.plot = pn.pane.HoloViews(None, sizing_mode="stretch_width")
        self.payers = table(pd.DataFrame())
        self.wrong_pocket = pn.pane.Alert("", alert_type="secondary", sizing_mode="stretch_width")
        self.arena_title = pn.pane.Markdown("")
        self.arena = table(pd.DataFrame())
        self.calculator.param.watch(lambda _e: self._update_output(), ["horizon_years", "discount_rate", "price_index"])
        self._relabel()

    @property
    def case(self) -> Case:
        return get_case(self.case_id)

    def per_payer(self) -> pd.DataFrame:
        return self.calculator.per_payer([self.case])

    @param.depends("language", watch=True)
    def _relabel(self) -> None:
        lang = self.language
        self.case_select.name = t("case", lang)
        self.horizon.name = t("horizon", lang)
        self.discount.name = t("discount", lang)
        self.arena_title.object = t("arena_title", lang)
        self._update_output()

    @param.depends("case_id", watch=True)
    def _update_output(self) -> None:
        lang, per_payer = self.language, self.per_payer()
        self.card.object = case_card_markdown(self.case, lang)
        self.plot.object = saving_plot(per_payer, lang)
        self.payers.object = payer_display(per_payer, lang)
        self.wrong_pocket.object = wrong_pocket_summary(per_payer, lang)
        self.arena.object = arena_key(self.case, self.calculator, lang)

    def __panel__(self) -> pn.Row:
        controls = pn.Column(self.case_select, self.horizon, self.discount, width=320)
        output = pn.Column(self.card, self.plot, self.payers, self.wrong_pocket, self.arena_title, self.arena,
                           sizing_mode="stretch_width")
        return pn.Row(controls, output, sizing_mode="stretch_width")
