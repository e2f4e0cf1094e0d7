"""The lessons' labs, where students move parameters and watch the numbers: the funding models (lesson 1), the
general provision (lesson 2) and the provider's continuity under P x Q (lesson 3).

HoloViz pattern: every widget and pane is built once; watchers update their properties. The tables and sentences
come from ``zorglab.services.lesson_funding`` / ``lesson_provision``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import panel as pn
import param

from zorglab.domain import exercises as ex
from zorglab.domain.funding import MODELS, FundingResult, make_model
from zorglab.domain.scenario import Scenario
from zorglab.services.lesson_funding import continuity_line, funding_summary, param_labels, risk_level_of
from zorglab.services.lesson_provision import (
    GP_LEVERS,
    general_provision_display,
    gp_labels,
    scenario_key_figures,
    spend_display,
)
from zorglab.services.scenario_tables import model_label
from zorglab.ui.lesson_base import lang_param, t, table
from zorglab.ui.scenario_explorer import population_text

MODEL_PARAMS_HIDDEN = ("name", "budget_eur", "reports_per_year", "declarations_per_year")
# Red ('danger') is kept for a lesson that failed to load; a high risk is a warning with the risk word in bold.
RISK_ALERT = {"low": "success", "medium": "warning", "high": "warning"}


def population_note(scenario: Scenario, language: str = "nl") -> str:
    """Markdown: money and clients are those of the region's inhabitants; the sample only sets the precision."""
    return population_text(scenario.evaluate(), scenario, language)


def _model_parameters(model: param.Parameterized) -> list[str]:
    return [p for p in model.param if p not in MODEL_PARAMS_HIDDEN]


class FundingModelLab(pn.viewable.Viewer):
    """Pick a funding model, move its parameters, see spend, margin, wellbeing and the incentive."""

    language = lang_param()
    model_key: str = param.Selector(  # type: ignore[assignment]
        default="pxq", objects=list(MODELS), doc="The funding model being explored.")

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        super().__init__(**params)
        self.caseload = caseload
        self.models = {k: make_model(k) for k in MODELS}
        self.select = pn.widgets.Select.from_param(self.param.model_key)
        self.controls = {k: pn.Param(m, parameters=_model_parameters(m), show_name=False, width=340)
                         for k, m in self.models.items()}
        self._controls_box = pn.Column()
        self.summary = table(pd.DataFrame())
        self.why = pn.pane.Markdown("", sizing_mode="stretch_width")
        for m in self.models.values():
            m.param.watch(lambda _e: self._update_output(), _model_parameters(m))
        self.param.watch(lambda _e: self._update_controls(), ["model_key"])
        self.param.watch(lambda _e: self._update_output(), ["model_key"])
        self._relabel()

    def result(self) -> FundingResult:
        return self.models[self.model_key].evaluate(self.caseload)

    @param.depends("language", watch=True)
    def _relabel(self) -> None:
        lang = self.language
        self.select.param.update(label=t("model", lang), options={model_label(k, lang): k for k in self.models})
        for key, pane in self.controls.items():
            pane.widgets = param_labels(self.models[key], _model_parameters(self.models[key]), lang)
        self._update_controls()
        self._update_output()

    def _update_controls(self) -> None:
        self._controls_box.objects = [self.controls[self.model_key]]

    def _update_output(self) -> None:
        res = self.result()
        _behaviour, why = ex.observed_behaviour(res)
        self.summary.object = funding_summary(res, self.language)
        self.why.object = f"*{why.text(self.language)}*"

    def __panel__(self) -> pn.Row:
        return pn.Row(pn.Column(self.select, self._controls_box), pn.Column(self.summary, self.why),
                      sizing_mode="stretch_width")


class GeneralProvisionLab(pn.viewable.Viewer):
    """Lesson 2: begeleiding (group and individual) becomes a general provision; its budget and the consequences.

    By default the other individual provisions stay on P x Q, so the whole difference with the baseline is the
    general provision's; the table 'where does the difference come from' keeps the parts apart when a student
    also changes their funding model.
    """

    language = lang_param()
    scenario: Scenario = param.ClassSelector(  # type: ignore[assignment]
        class_=Scenario, doc="The municipality's scenario (zorglab.domain.begeleiding).")

    def __init__(self, **params: Any):
        if "scenario" not in params:
            from zorglab.domain.begeleiding import lindendaal_scenario

            params["scenario"] = lindendaal_scenario()
        super().__init__(**params)
        self.controls = pn.Param(self.scenario, parameters=list(GP_LEVERS), show_name=False, width=360)
        self.population = pn.pane.Markdown("", sizing_mode="stretch_width")
        self.spend, self.sources = table(pd.DataFrame()), table(pd.DataFrame())
        self.title = pn.pane.Markdown("")
        self.provision, self.key_figures = table(pd.DataFrame()), table(pd.DataFrame())
        self.explanation = pn.pane.Alert("", alert_type="secondary", sizing_mode="stretch_width")
        self.scenario.param.watch(lambda _e: self._update_output(), [p for p in self.scenario.param if p != "name"])
        self._relabel()

    @param.depends("language", watch=True)
    def _relabel(self) -> None:
        self.controls.widgets = gp_labels(self.scenario, self.language)
        self.title.object = f"**{t('general_provision', self.language)}**"
        self._update_output()

    def _update_output(self) -> None:
        from zorglab.services import narrative

        sc, lang = self.scenario, self.language
        self.population.object = population_note(sc, lang)
        self.spend.object = spend_display(sc, lang)
        self.sources.object = narrative.spend_sources_display(sc, lang)
        self.provision.object = general_provision_display(sc, lang)
        self.key_figures.object = scenario_key_figures(sc, lang)
        self.explanation.object = narrative.general_provision_year(sc, lang)

    def __panel__(self) -> pn.Row:
        output = pn.Column(self.population, self.spend, self.sources, self.title, self.provision, self.key_figures,
                           self.explanation, sizing_mode="stretch_width")
        return pn.Row(self.controls, output, sizing_mode="stretch_width")


class ContinuityLab(pn.viewable.Viewer):
    """Lesson 3: what tariff keeps the region's provider afloat? Margin and continuity risk under P x Q."""

    language = lang_param()
    tariff_factor = param.Number(0.9, bounds=(0.5, 1.5), step=0.01, doc="Factor on the contracted tariffs.")
    provider_cost_per_hour = param.Number(55.0, bounds=(20.0, 150.0), step=1.0, doc="Provider's cost per staff hour (EUR).")

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        super().__init__(**params)
        self.caseload = caseload
        self.tariff_slider = pn.widgets.FloatSlider.from_param(self.param.tariff_factor)
        self.cost_slider = pn.widgets.FloatSlider.from_param(self.param.provider_cost_per_hour)
        self.verdict = pn.pane.Alert("", sizing_mode="stretch_width")
        self.summary = table(pd.DataFrame())
        self._relabel()

    def result(self) -> FundingResult:
        return make_model("pxq", tariff_factor=self.tariff_factor,
                          provider_cost_per_hour=self.provider_cost_per_hour).evaluate(self.caseload)

    @param.depends("language", watch=True)
    def _relabel(self) -> None:
        self.tariff_slider.name = t("tariff_factor", self.language)
        self.cost_slider.name = t("cost_per_hour", self.language)
        self._update_output()

    @param.depends("tariff_factor", "provider_cost_per_hour", watch=True)
    def _update_output(self) -> None:
        res = self.result()
        self.verdict.param.update(object=continuity_line(res, self.language),
                                  alert_type=RISK_ALERT[risk_level_of(res.continuity_risk).value])
        self.summary.object = funding_summary(res, self.language)

    def __panel__(self) -> pn.Row:
        return pn.Row(pn.Column(self.tariff_slider, self.cost_slider), pn.Column(self.verdict, self.summary),
                      sizing_mode="stretch_width")
