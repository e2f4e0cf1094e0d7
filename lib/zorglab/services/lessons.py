"""Small Panel components for the lesson notebooks (notebooks/lessons/), on top of the domain library.

Why here and not in the notebooks: lessons stay thin (a line per widget), the same components are
unit-tested without a browser, and the numbers come from ``zorglab`` (funding, scenario, agreement,
effects) so text and figures never disagree. Every component has a ``language`` parameter (Dutch
default, English switch) and renders in JupyterLab and when served.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import panel as pn
import param

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import LANGUAGES, Translator
from zorglab.domain import exercises as ex
from zorglab.domain.agreement import agreement_per_case, agreement_summary, simulate_assessments
from zorglab.domain.case_text import quantity_text, unit_label
from zorglab.domain.cases import Case, get_case, support_frame
from zorglab.domain.catalogue import payer_label, product_name, products
from zorglab.domain.effects import EffectCalculator, wrong_pocket_summary
from zorglab.domain.funding import MODELS, FundingModel, FundingResult, make_model
from zorglab.domain.scenario import (
    BUDGET_BASIS_LABELS,
    INDICATOR_LABELS,
    PARAM_LABELS,
    RISK_LABELS,
    Scenario,
    av_wellbeing_gain,
)

# words: lib/zorglab/core/i18n/messages/lessons.toml
t = Translator("lessons")

FUNDING_PARAM_LABELS: dict[str, tuple[str, str]] = {
    "admin_cost_per_declaration": ("Administratiekosten per declaratie (€)", "Admin cost per invoice (€)"),
    "wellbeing_gain_max": ("Max. winst welbevinden bij volledige hulp", "Max. wellbeing gain with full support"),
    "marginal_cost_share": ("Deel van de uurkosten dat meebeweegt met een extra uur",
                            "Share of the hourly cost that moves with an extra hour"),
    "price_light": ("Prijs licht arrangement per jaar (€; 0 = kosten vorig jaar)",
                    "Price light arrangement per year (€; 0 = last year's cost)"),
    "price_medium": ("Prijs middel arrangement per jaar (€; 0 = kosten vorig jaar)",
                     "Price medium arrangement per year (€; 0 = last year's cost)"),
    "price_heavy": ("Prijs zwaar arrangement per jaar (€; 0 = kosten vorig jaar)",
                    "Price heavy arrangement per year (€; 0 = last year's cost)"),
    "price_factor": ("Trajectprijzen (factor)", "Trajectory prices (factor)"),
    "corridor_width": ("Bandbreedte risicocorridor", "Risk corridor band"),
    "corridor_share": ("Deel van de afwijking dat de gemeente deelt", "Share of the deviation the municipality shares"),
}


NO_CHOICE = ""  # the "— kies —" entry of a selection: nothing chosen yet


def _lang_param() -> param.Selector:
    return param.Selector(default="nl", objects=list(LANGUAGES), doc="UI language: Dutch default, English switch.")


def synthetic_notice(language: str = "nl") -> pn.pane.Alert:
    """The notice every lesson shows: synthetic, PII-free data; illustrative tariffs; Bron: CBS."""
    return pn.pane.Alert(t("synthetic_notice", language), alert_type="info", sizing_mode="stretch_width")


def language_switch(*viewers: param.Parameterized, value: str = "nl") -> pn.widgets.RadioButtonGroup:
    """One NL/EN switch for any number of lesson components (each has a ``language`` parameter)."""
    switch = pn.widgets.RadioButtonGroup(label=t("language", value), options={"Nederlands": "nl", "English": "en"},
                                         value=value, color="primary", variant="outline")

    def _apply(event: param.parameterized.Event) -> None:
        for v in viewers:
            v.language = event.new

    switch.param.watch(_apply, "value")
    for v in viewers:
        v.language = value
    return switch


def feedback_pane(feedback: ex.Feedback | None, language: str = "nl") -> pn.pane.Alert:
    """Green when right, yellow when partly right, red when wrong; an invitation before the first check."""
    if feedback is None:
        return pn.pane.Alert(t("no_answer_yet", language), alert_type="light", sizing_mode="stretch_width")
    kind = "success" if feedback.correct else "warning" if feedback.score > 0 else "danger"
    return pn.pane.Alert(feedback.text(language), alert_type=kind, sizing_mode="stretch_width")


class Lesson(param.Parameterized):
    """A lesson's shared state: one language switch that reaches every component shown in the lesson.

    Everything a lesson shows goes through it, so the switch translates all of it: text (``say``), tables and
    cards computed in a language (``view``), exercises and labs (``show``) and checks run in code cells
    (``check``, ``feedback``).
    """

    language = _lang_param()

    def __init__(self, language: str = "nl", **params: Any):
        super().__init__(language=language, **params)
        self._viewers: list[param.Parameterized] = []
        self._notice = pn.pane.Alert(t("synthetic_notice", language), alert_type="info", sizing_mode="stretch_width")

    def show(self, viewer: Any) -> Any:
        """Register a component (anything with a ``language`` parameter) and return it for display."""
        viewer.language = self.language
        self._viewers.append(viewer)
        return viewer

    @param.depends("language", watch=True)
    def _sync(self) -> None:
        self._notice.object = t("synthetic_notice", self.language)
        for v in self._viewers:
            v.language = self.language

    def switch(self) -> pn.widgets.RadioButtonGroup:
        return pn.widgets.RadioButtonGroup.from_param(self.param.language, options={"Nederlands": "nl", "English": "en"},
                                                      color="primary", variant="outline")

    def header(self) -> pn.Column:
        """Language switch plus the synthetic-data notice (it follows the switch)."""
        return pn.Column(self.switch(), self._notice, sizing_mode="stretch_width")

    def say(self, nl: str, en: str) -> pn.pane.Markdown:
        """Text (Markdown) in the lesson's language; follows the switch."""
        pane = pn.pane.Markdown(en if self.language == "en" else nl, sizing_mode="stretch_width")
        self.param.watch(lambda e: setattr(pane, "object", en if e.new == "en" else nl), "language")
        return pane

    def view(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> pn.viewable.Viewable:
        """Show ``func(*args, language=..., **kwargs)`` in the lesson's language, again after every switch.

        For tables, cards and other output computed in one language (a DataFrame is shown as a table).
        """
        def render(language: str) -> Any:
            out = func(*args, language=language, **kwargs)
            return _table(out) if isinstance(out, pd.DataFrame) else out

        return pn.panel(pn.bind(render, self.param.language), sizing_mode="stretch_width")

    def feedback(self, feedback: ex.Feedback | None) -> pn.viewable.Viewable:
        """Show the result of a check called in a code cell; it follows the switch."""
        return pn.panel(pn.bind(feedback_pane, feedback, self.param.language), sizing_mode="stretch_width")

    def check(self, answer: object, checker: Callable[[object], ex.Feedback], name: str = "my_answer") -> pn.viewable.Viewable:
        """A check run from a code cell: until the student filled in ``name`` (still None) it only invites them,
        so 'Run All' shows no error before anybody answered."""
        if answer is None:
            return self.say(t("fill_in_first", "nl", name=name), t("fill_in_first", "en", name=name))
        return self.feedback(checker(answer))


def _table(df: pd.DataFrame) -> pn.pane.DataFrame:
    return pn.pane.DataFrame(df, index=False, escape=True, sizing_mode="stretch_width")


# ---- exercises ------------------------------------------------------------------------------------------
class Exercise(pn.viewable.Viewer):
    """Base: an input area, a Check button, and the feedback of the last check."""

    language = _lang_param()
    feedback = param.ClassSelector(class_=ex.Feedback, default=None, allow_None=True, doc="Result of the last check.")

    def __init__(self, **params: Any):
        super().__init__(**params)
        self._button = pn.widgets.Button(label=t("check", self.language), color="primary")
        self._button.on_click(lambda _e: self.check())

    def check(self) -> ex.Feedback:
        self.feedback = self._check()
        return self.feedback

    @param.depends("language", watch=True)
    def _on_language(self) -> None:
        self._button.label = t("check", self.language)
        self._relabel()

    def _relabel(self) -> None:
        """Translate the input widgets in place, keeping the student's answers."""

    def _check(self) -> ex.Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    def _inputs(self) -> list[Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        return pn.pane.Markdown("")

    @param.depends("feedback", "language")
    def _feedback_view(self) -> pn.pane.Alert:
        return feedback_pane(self.feedback, self.language)

    def __panel__(self) -> pn.Column:
        return pn.Column(self._prompt, *self._inputs(), self._button, self._feedback_view, sizing_mode="stretch_width")


class AmountExercise(Exercise):
    """A number or amount the student computes; ``checker(answer)`` returns the feedback.

    The prompt is ``prompt_nl``/``prompt_en``, or ``prompt(language)`` when the numbers in it come from something
    the student can change (a lab's scenario): pass that object as ``follow`` and the prompt is rewritten whenever
    one of its parameters changes, so the question always shows the numbers the check uses.
    """

    prompt_nl = param.String("")
    prompt_en = param.String("")

    def __init__(self, checker: Callable[[object], ex.Feedback], prompt: Callable[[str], str] | None = None,
                 follow: param.Parameterized | None = None, **params: Any):
        self._checker = checker
        self._prompt_fn = prompt
        self.answer = pn.widgets.TextInput(placeholder=t("placeholder", params.get("language", "nl")), width=200)
        self._prompt_pane = pn.pane.Markdown("", sizing_mode="stretch_width")
        super().__init__(**params)
        if follow is not None:
            follow.param.watch(lambda _e: self._update_prompt(), [p for p in follow.param if p != "name"])
        self._relabel()

    def _inputs(self) -> list[Any]:
        return [self.answer]

    def _update_prompt(self) -> None:
        if self._prompt_fn is not None:
            self._prompt_pane.object = self._prompt_fn(self.language)
        else:
            self._prompt_pane.object = self.prompt_en if self.language == "en" else self.prompt_nl

    def _relabel(self) -> None:
        self.answer.label = t("your_answer", self.language)
        self.answer.placeholder = t("placeholder", self.language)
        self._update_prompt()

    def _check(self) -> ex.Feedback:
        return self._checker(self.answer.value)

    def __panel__(self) -> pn.Column:
        return pn.Column(self._prompt_pane, self.answer, self._button, self._feedback_view, sizing_mode="stretch_width")


class ChoiceExercise(Exercise):
    """A multiple-choice question from ``exercises.QUESTIONS`` (more than one answer may be right)."""

    def __init__(self, question: ex.Question | str, **params: Any):
        self.question = ex.QUESTIONS[question] if isinstance(question, str) else question
        self.choices = pn.widgets.CheckBoxGroup(options=self.question.choices("nl"), inline=False)
        super().__init__(**params)

    def _inputs(self) -> list[Any]:
        return [self.choices]

    def _relabel(self) -> None:
        chosen = list(self.choices.value)
        self.choices.options = self.question.choices(self.language)
        self.choices.value = chosen

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        return pn.pane.Markdown(f"**{self.question.prompt(self.language)}**")

    def _check(self) -> ex.Feedback:
        return ex.check_choice(self.question, self.choices.value)


class PredictionExercise(Exercise):
    """Lesson 1: predict per funding model what a provider will do, then test it on a caseload."""

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        self.caseload = caseload
        self.selects = {key: pn.widgets.Select(label=MODELS[key].label_nl, width=420) for key in MODELS}
        super().__init__(**params)
        self._relabel()

    def _relabel(self) -> None:
        en = self.language == "en"
        options = {t("choose", self.language): NO_CHOICE, **{v[int(en)]: k for k, v in ex.BEHAVIOURS.items()}}
        for key, sel in self.selects.items():
            current = sel.value
            sel.options = options
            sel.value = current
            sel.label = MODELS[key].label_en if en else MODELS[key].label_nl

    @property
    def predictions(self) -> dict[str, str | None]:
        return {key: sel.value or None for key, sel in self.selects.items()}

    def _inputs(self) -> list[Any]:
        return list(self.selects.values())

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        return pn.pane.Markdown("**Wat doet de aanbieder onder elk model?**" if self.language == "nl"
                                else "**What does the provider do under each model?**")

    def _check(self) -> ex.Feedback:
        return ex.check_predictions(self.predictions, self.caseload)


class IndicationExercise(Exercise):
    """Lesson 2: per product, does a client still need an indication once the general provision exists?"""

    def __init__(self, codes: Sequence[str], **params: Any):
        self.codes = list(codes)
        self.selects = {c: pn.widgets.Select(options=self._options(), value=NO_CHOICE, width=160) for c in self.codes}
        super().__init__(**params)

    def _inputs(self) -> list[Any]:
        return [self._rows]

    def _options(self) -> dict[str, str]:
        return {t("choose", self.language): NO_CHOICE, t("yes", self.language): "ja", t("no", self.language): "nee"}

    def _relabel(self) -> None:
        for r in self.selects.values():
            value = r.value
            r.options = self._options()
            r.value = value

    @param.depends("language")
    def _rows(self) -> pn.Column:
        return pn.Column(*[pn.Row(pn.pane.Markdown(product_name(c, self.language), width=360), r)
                           for c, r in self.selects.items()])

    @param.depends("language")
    def _prompt(self) -> pn.pane.Markdown:
        return pn.pane.Markdown(f"**{t('indication_needed', self.language)}**")

    @property
    def answers(self) -> dict[str, bool | None]:
        return {c: {"ja": True, "nee": False}.get(r.value) for c, r in self.selects.items()}

    def _check(self) -> ex.Feedback:
        return ex.check_indications(self.answers)


# ---- lesson 1: the four funding models -------------------------------------------------------------------
def funding_summary(result: FundingResult, language: str = "nl") -> pd.DataFrame:
    """The figures of one model run, formatted for Dutch (or English) readers."""
    en = language == "en"
    inc, beh = result.incentive, result.behaviour
    rows = [
        ("Uitgaven gemeente", "Municipal spend", format_eur(result.total_spend, 0)),
        ("Uitgaven per cliënt", "Spend per client",
         format_eur(result.total_spend / result.clients_exact if result.clients_exact else 0.0, 0)),
        ("Marge aanbieder", "Provider margin", f"{format_eur(result.provider_margin, 0)} ({format_pct(result.margin_pct)})"),
        ("Risico continuïteit", "Continuity risk", RISK_LABELS[result.continuity_risk][int(en)]),
        ("Cliënten met hulpvraag (inwoners, geschat)", "Clients needing support (inhabitants, estimated)",
         format_number(result.clients)),
        ("Cliënten geholpen / wachtend of geweigerd", "Clients served / waiting or turned away",
         f"{format_number(result.clients_served)} / {format_number(result.clients_waiting)}"),
        ("Geleverd deel van de behoefte", "Share of need delivered", format_pct(beh.get("delivered_share", 1.0))),
        ("Een klasse zwaarder geregistreerd", "Registered one class heavier", format_pct(beh.get("upcoded_share", 0.0))),
        ("Geweigerd (aanbieder lijdt verlies op hen)", "Turned away (provider loses money on them)",
         format_number(beh.get("turned_away", 0.0))),
        ("Welbevinden voor → na", "Wellbeing before → after",
         f"{format_number(result.wellbeing_before_mean, 2)} → {format_number(result.wellbeing_after_mean, 2)}"),
        ("Opbrengst / marge van één extra personeelsuur", "Revenue / margin of one extra staff hour",
         f"{format_eur(inc.extra_hour_revenue)} / {format_eur(inc.extra_hour_margin)}"),
        ("Opbrengst van één extra cliënt", "Revenue of one extra client", format_eur(inc.extra_client_revenue, 0)),
        ("Waarde van één behaald resultaat", "Value of one achieved result", format_eur(inc.extra_result_revenue, 0)),
        ("Marge lichte minus zware cliënt", "Margin light minus heavy client", format_eur(inc.margin_light_minus_heavy, 0)),
    ]
    return pd.DataFrame({t("indicator", language): [r[int(en)] for r in rows], t("value", language): [r[2] for r in rows]})


def compare_funding(caseload: pd.DataFrame, models: dict[str, FundingModel] | None = None,
                    language: str = "nl") -> pd.DataFrame:
    """All four models side by side on one caseload (formatted): the 'test' after the prediction."""
    models = models or {k: make_model(k) for k in MODELS}
    tables = [funding_summary(m.evaluate(caseload), language) for m in models.values()]
    cols = {m.label(language): tb[t("value", language)].to_numpy() for m, tb in zip(models.values(), tables, strict=True)}
    return pd.DataFrame({t("indicator", language): tables[0][t("indicator", language)], **cols})


class FundingModelLab(pn.viewable.Viewer):
    """Pick a funding model, move its parameters, see spend, margin, wellbeing and the incentive."""

    language = _lang_param()
    model_key = param.Selector(default="pxq", objects=list(MODELS), doc="The funding model being explored.")
    refresh = param.Event(doc="Fired when a parameter of the current model changes.")

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        super().__init__(**params)
        self.caseload = caseload
        self.models = {k: make_model(k) for k in MODELS}
        for m in self.models.values():
            m.param.watch(lambda _e: self.param.trigger("refresh"), [p for p in m.param if p != "name"])
        self._select = pn.widgets.Select.from_param(self.param.model_key, label=t("model", self.language))

    def result(self) -> FundingResult:
        return self.models[self.model_key].evaluate(self.caseload)

    @param.depends("model_key", "language")
    def _controls(self) -> pn.Param:
        self._select.options = {m.label(self.language): k for k, m in self.models.items()}
        self._select.label = t("model", self.language)
        model = self.models[self.model_key]
        names = [p for p in model.param if p not in ("name", "budget_eur", "reports_per_year", "declarations_per_year")]
        return pn.Param(model, parameters=names, widgets=param_labels(model, names, self.language), show_name=False,
                        width=340)

    @param.depends("model_key", "language", "refresh")
    def _output(self) -> pn.Column:
        res = self.result()
        behaviour, why = ex.observed_behaviour(res)
        return pn.Column(_table(funding_summary(res, self.language)), pn.pane.Markdown(f"*{why.text(self.language)}*"))

    def __panel__(self) -> pn.Row:
        return pn.Row(pn.Column(self._select, self._controls), self._output, sizing_mode="stretch_width")


# ---- lesson 2: general provision ---------------------------------------------------------------------------
def param_labels(obj: param.Parameterized, names: Sequence[str], language: str = "nl") -> dict[str, dict[str, Any]]:
    """Dutch/English slider labels for ``pn.Param`` (scenario labels first, then the funding-model ones)."""
    en = int(language == "en")
    labels = {**FUNDING_PARAM_LABELS, **PARAM_LABELS}
    out: dict[str, dict[str, Any]] = {n: {"label": labels[n][en] if n in labels else obj.param[n].label} for n in names}
    if "funding_model" in out:
        out["funding_model"]["options"] = {(m.label_en if en else m.label_nl): k for k, m in MODELS.items()}
    if "budget_basis" in out:
        out["budget_basis"]["options"] = {v[en]: k for k, v in BUDGET_BASIS_LABELS.items()}
    return out


GP_LEVERS = ("funding_model", "general_provision_share", "av_budget_factor", "av_extra_uptake", "av_cost_per_participant",
             "prevention_per_client")


GP_LABELS: dict[str, tuple[str, str]] = {  # lesson 2: the general provision takes begeleiding, not 'light Wmo'
    "funding_model": ("Bekostiging overig maatwerk", "Funding of the other provisions"),
    "general_provision_share": ("Deel begeleiding naar alg. voorziening", "Share of begeleiding moved"),
    "av_budget_factor": ("Budget (factor op vorig jaar)", "Budget (factor on last year)"),
    "av_extra_uptake": ("Nieuwe deelnemers (deel)", "New participants (share)"),
    "av_cost_per_participant": ("Kosten per deelnemer (€)", "Cost per participant (€)"),
    "prevention_per_client": ("Preventie/MDO per cliënt (€)", "Prevention/MDO per client (€)"),
}


def av_last_year_spend(scenario: Scenario) -> float:
    """What the clients moved to the general provision cost under P x Q last year: the basis of its budget."""
    from zorglab.domain.begeleiding import last_year_spend

    return last_year_spend(scenario)


def general_provision_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """The general provision's year: moved clients, new participants, the fixed budget, cost and wellbeing gain."""
    en = int(language == "en")
    gp = scenario.evaluate().general
    per_participant = gp.budget / gp.participants if gp.participants else 0.0
    rows = [
        ("Cliënten uit maatwerk (geen indicatie meer nodig)", "Clients from individual support (no assessment needed)",
         format_number(gp.moved_clients)),
        ("Nieuwe deelnemers (vrije toegang)", "New participants (open access)", format_number(gp.new_participants)),
        ("Deelnemers totaal", "Participants in total", format_number(gp.participants)),
        ("P x Q-uitgaven vorig jaar aan deze cliënten", "Last year's P x Q spend on these clients",
         format_eur(av_last_year_spend(scenario), 0)),
        ("Budget factor op vorig jaar", "Budget factor on last year", format_number(scenario.av_budget_factor, 2)),
        ("Budget consortium (vast)", "Consortium budget (fixed)", format_eur(gp.budget, 0)),
        ("Budget per deelnemer", "Budget per participant", format_eur(per_participant, 0)),
        ("Kosten per deelnemer", "Cost per participant", format_eur(scenario.av_cost_per_participant, 0)),
        ("Kosten consortium", "Consortium cost", format_eur(gp.cost, 0)),
        ("Saldo consortium (budget − kosten)", "Consortium balance (budget − cost)", format_eur(gp.margin, 0)),
        ("Winst in welbevinden per deelnemer", "Wellbeing gain per participant",
         format_number(av_wellbeing_gain(gp.budget, gp.cost), 2)),
    ]
    return pd.DataFrame({t("indicator", language): [r[en] for r in rows], t("value", language): [r[2] for r in rows]})


def gp_budget_prompt(scenario: Scenario, language: str = "nl") -> str:
    """Lesson 2, exercise 'the consortium's budget', with the scenario's current numbers."""
    spend, factor = format_eur(av_last_year_spend(scenario), 0), format_number(scenario.av_budget_factor, 2)
    if language == "en":
        return (f"Last year's P x Q spend on the clients who move: **{spend}**; budget factor: **{factor}**. "
                "**What is the consortium's budget per year (EUR)?**")
    return (f"P x Q-uitgaven vorig jaar aan de cliënten die overgaan: **{spend}**; budgetfactor: **{factor}**. "
            "**Hoeveel is het budget van het consortium per jaar (euro)?**")


def check_gp_budget(answer: object, scenario: Scenario) -> ex.Feedback:
    gp = scenario.evaluate().general
    return ex.check_av_budget(answer, av_last_year_spend(scenario), scenario.av_budget_factor, gp.participants,
                              scenario.av_cost_per_participant)


def gp_per_participant_prompt(scenario: Scenario, language: str = "nl") -> str:
    """Lesson 2, exercise 'budget per participant', with the scenario's current numbers."""
    gp = scenario.evaluate().general
    facts = (format_eur(gp.budget, 0), format_number(gp.moved_clients), format_number(gp.new_participants),
             format_eur(scenario.av_cost_per_participant, 0))
    if language == "en":
        return ("Budget: **{}**; clients from individual support: **{}**; new participants: **{}**; cost per participant: "
                "**{}**. **How much budget is there per participant (EUR)?**".format(*facts))
    return ("Budget: **{}**; cliënten uit maatwerk: **{}**; nieuwe deelnemers: **{}**; kosten per deelnemer: **{}**. "
            "**Hoeveel budget is er per deelnemer (euro)?**".format(*facts))


def check_gp_per_participant(answer: object, scenario: Scenario) -> ex.Feedback:
    gp = scenario.evaluate().general
    return ex.check_av_budget_per_participant(answer, gp.budget, gp.moved_clients, gp.new_participants,
                                              scenario.av_cost_per_participant)


def population_note(scenario: Scenario, language: str = "nl") -> str:
    """Markdown: money and clients are those of the region's inhabitants; the sample only sets the precision."""
    from zorglab.ui.scenario_explorer import population_text

    return population_text(scenario.evaluate(), scenario, language)


def spend_display(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    df = scenario.spend_table(language)
    en = language == "en"
    return pd.DataFrame({
        ("Line" if en else "Post"): df["label"],
        ("Baseline (P x Q)" if en else "Basislijn (P x Q)"): df["baseline_eur"].map(lambda v: format_eur(v, 0)),
        "Scenario": df["scenario_eur"].map(lambda v: format_eur(v, 0)),
        ("Difference" if en else "Verschil"): df["difference_eur"].map(lambda v: format_eur(v, 0)),
    })


def scenario_key_figures(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """Clients, margin, waiting list and wellbeing of a scenario against its baseline, formatted."""
    en = int(language == "en")
    rows = []
    for key, v in scenario.evaluate().metrics().items():
        if key in ("municipal_spend", "provider_revenue", "provider_cost", "wellbeing_before"):
            continue
        b, s = v["baseline"], v["scenario"]
        if key in ("spend_per_client", "spend_per_inhabitant", "provider_margin"):
            b, s = format_eur(b, 0), format_eur(s, 0)
        elif key == "margin_pct":
            b, s = format_pct(b), format_pct(s)
        elif key == "wellbeing_after":
            b, s = format_number(b, 2), format_number(s, 2)
        elif key == "continuity_risk":
            b, s = RISK_LABELS[b][en], RISK_LABELS[s][en]
        else:
            b, s = format_number(b), format_number(s)
        rows.append((INDICATOR_LABELS[key][en], b, s))
    return pd.DataFrame(rows, columns=["Indicator", "Baseline (P x Q)" if en else "Basislijn (P x Q)", "Scenario"])


class GeneralProvisionLab(pn.viewable.Viewer):
    """Lesson 2: begeleiding (group and individual) becomes a general provision; its budget and the consequences.

    By default the other individual provisions stay on P x Q, so the whole difference with the baseline is the
    general provision's; the table 'where does the difference come from' keeps the parts apart when a student
    also changes their funding model.
    """

    language = _lang_param()
    scenario = param.ClassSelector(class_=Scenario, doc="The municipality's scenario (zorglab.domain.begeleiding).")

    def __init__(self, **params: Any):
        if "scenario" not in params:
            from zorglab.domain.begeleiding import lindendaal_scenario

            params["scenario"] = lindendaal_scenario()
        super().__init__(**params)

    def _labels(self) -> dict[str, dict[str, Any]]:
        labels = param_labels(self.scenario, GP_LEVERS, self.language)
        en = int(self.language == "en")
        for name, pair in GP_LABELS.items():
            labels[name]["label"] = pair[en]
        return labels

    @param.depends("language")
    def _controls(self) -> pn.Param:
        return pn.Param(self.scenario, parameters=list(GP_LEVERS), widgets=self._labels(), show_name=False, width=360)

    @param.depends("language", "scenario.param")
    def _output(self) -> pn.Column:
        from zorglab.domain import begeleiding

        sc, lang = self.scenario, self.language
        en = lang == "en"
        title = "**General provision**" if en else "**Algemene voorziening**"
        return pn.Column(pn.pane.Markdown(population_note(sc, lang)), _table(spend_display(sc, lang)),
                         _table(begeleiding.spend_sources_display(sc, lang)),
                         pn.pane.Markdown(title), _table(general_provision_display(sc, lang)),
                         _table(scenario_key_figures(sc, lang)),
                         pn.pane.Alert(begeleiding.explain(sc, lang), alert_type="secondary"), sizing_mode="stretch_width")

    def __panel__(self) -> pn.Row:
        return pn.Row(self._controls, self._output, sizing_mode="stretch_width")


# ---- lesson 3: region, interpretation differences, continuity ----------------------------------------------
RATING_CASES = ("RIV-01", "RIV-03", "RIV-06", "RIV-10")


def reference_products(case_ids: Sequence[str]) -> pd.DataFrame:
    """Each case's main current product and yearly volume: the need the simulated area teams interpret."""
    support = support_frame([get_case(c) for c in case_ids])
    main = support.sort_values("cost_eur", ascending=False).drop_duplicates("case_id").set_index("case_id")
    return pd.DataFrame({"case_id": list(case_ids), "product": main.loc[list(case_ids), "product"].to_numpy(),
                         "needed_units": main.loc[list(case_ids), "units"].to_numpy(float)})


def ratings_with_student(choices: dict[str, str], case_ids: Sequence[str] = RATING_CASES, n_teams: int = 7,
                         seed: int = 3) -> pd.DataFrame:
    """Simulated area teams' product choices for the cases plus the student's own choices as one more team."""
    from zorglab.domain.catalogue import harmonise

    teams = simulate_assessments(reference_products(case_ids), n_teams=n_teams, seed=seed)[
        ["team", "case_id", "product", "harmonised_product"]]
    mine = [(t("you", "nl"), c, p) for c, p in choices.items() if p]
    if mine:
        own = pd.DataFrame(mine, columns=["team", "case_id", "product"])
        own["harmonised_product"] = harmonise(own["product"]).to_numpy()
        teams = pd.concat([teams, own], ignore_index=True)
    return teams


def team_label(team: str, language: str = "nl") -> str:
    """'Gebiedsteam 3' -> 'Area team 3', 'U' -> 'You', 'Deelnemer 2' -> 'Participant 2' in English."""
    if language != "en":
        return team
    if team == t("you", "nl"):
        return t("you", "en")
    return team.replace("Gebiedsteam", "Area team").replace("Deelnemer", "Participant")


def ratings_display(ratings: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """All ratings as the students count them: one row per team, one column per case, product names (not codes)."""
    named = ratings.assign(team=ratings["team"].map(lambda x: team_label(x, language)),
                           name=ratings["product"].map(lambda c: product_name(c, language)))
    order = list(dict.fromkeys(named["team"]))
    table = named.pivot(index="team", columns="case_id", values="name").reindex(order).fillna("–")
    table.columns.name = None
    return table.reset_index().rename(columns={"team": "Team"})


def agreement_display(ratings: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    """Per case: most chosen product and % agreement, in the old and in the harmonised catalogue."""
    old = agreement_per_case(ratings, category_col="product").set_index("case_id")
    new = agreement_per_case(ratings, category_col="harmonised_product").set_index("case_id")
    return pd.DataFrame({
        t("case", language): old.index,
        f"{t('modal', language)} ({t('catalogue_old', language).lower()})":
            [product_name(c, language) for c in old["modal_category"]],
        f"% {t('catalogue_old', language).lower()}": old["pct_agreement"].map(format_pct).to_numpy(),
        f"% {t('catalogue_new', language).lower()}": new.loc[old.index, "pct_agreement"].map(format_pct).to_numpy(),
    })


class RatingExercise(pn.viewable.Viewer):
    """Lesson 3: the student assigns a product per case; then sees how the area teams (and they) agree."""

    language = _lang_param()
    ratings = param.DataFrame(default=None, allow_None=True, doc="Area teams' and the student's ratings.")

    def __init__(self, case_ids: Sequence[str] = RATING_CASES, **params: Any):
        super().__init__(**params)
        self.case_ids = list(case_ids)
        cat = products()
        laws = reference_products(self.case_ids)["product"].map(cat.set_index("code")["law"])
        self._codes = {cid: list(cat.loc[cat["law"] == law, "code"]) for cid, law in zip(self.case_ids, laws, strict=True)}
        self.selects = {cid: pn.widgets.Select(label=cid, options=[NO_CHOICE, *codes], width=380)
                        for cid, codes in self._codes.items()}
        self._button = pn.widgets.Button(label=t("compare", self.language), color="primary")
        self._button.on_click(lambda _e: self.compare())

    def table(self) -> pn.viewable.Viewable:
        """All ratings (team x case, product names) as the student counts them; follows clicks and language."""
        return pn.panel(pn.bind(lambda _r, lang: _table(ratings_display(self.current_ratings(), lang)),
                                self.param.ratings, self.param.language), sizing_mode="stretch_width")

    def current_ratings(self) -> pd.DataFrame:
        """The ratings the student sees (computed on first use, so an exercise can always be checked)."""
        return self.ratings if self.ratings is not None else self.compare()

    def compare(self) -> pd.DataFrame:
        self.ratings = ratings_with_student({c: s.value for c, s in self.selects.items()}, self.case_ids)
        return self.ratings

    @param.depends("language")
    def _cases(self) -> pn.Column:
        items = []
        for cid, sel in self.selects.items():
            case = get_case(cid)
            value = sel.value
            sel.options = {t("choose", self.language): NO_CHOICE,
                           **{product_name(c, self.language): c for c in self._codes[cid]}}
            sel.value = value
            sel.label = f"{cid} — {case.title(self.language)}"
            items.append(pn.Column(case_card(case, self.language, short=True), sel))
        self._button.label = t("compare", self.language)
        return pn.Column(*items)

    @param.depends("ratings", "language")
    def _result(self) -> pn.Column:
        if self.ratings is None:
            return pn.Column(pn.pane.Markdown("*Kies per casus een product en klik op de knop.*" if self.language == "nl"
                                              else "*Choose a product per case and click the button.*"))
        old = agreement_summary(self.ratings, category_col="product")
        new = agreement_summary(self.ratings, category_col="harmonised_product")
        en = self.language == "en"
        line = (f"Fleiss' kappa: **{format_number(old['fleiss_kappa'], 2)}** ({'old catalogue' if en else 'oude catalogus'}) → "
                f"**{format_number(new['fleiss_kappa'], 2)}** ({'harmonised' if en else 'geharmoniseerd'}).")
        return pn.Column(_table(agreement_display(self.ratings, self.language)), pn.pane.Markdown(line))

    def __panel__(self) -> pn.Column:
        return pn.Column(self._cases, self._button, self._result, sizing_mode="stretch_width")


class ContinuityLab(pn.viewable.Viewer):
    """Lesson 3: what tariff keeps the region's provider afloat? Margin and continuity risk under P x Q."""

    language = _lang_param()
    tariff_factor = param.Number(0.9, bounds=(0.5, 1.5), step=0.01, doc="Factor on the contracted tariffs.")
    provider_cost_per_hour = param.Number(55.0, bounds=(20.0, 150.0), step=1.0, doc="Provider's cost per staff hour (EUR).")

    def __init__(self, caseload: pd.DataFrame, **params: Any):
        super().__init__(**params)
        self.caseload = caseload

    def result(self) -> FundingResult:
        return make_model("pxq", tariff_factor=self.tariff_factor,
                          provider_cost_per_hour=self.provider_cost_per_hour).evaluate(self.caseload)

    @param.depends("tariff_factor", "provider_cost_per_hour", "language")
    def _output(self) -> pn.Column:
        res = self.result()
        kind = {"laag": "success", "verhoogd": "warning", "hoog": "danger"}[res.continuity_risk]
        en = self.language == "en"
        text = (f"Margin {format_eur(res.provider_margin, 0)} ({format_pct(res.margin_pct)}) — continuity risk: "
                f"**{ {'laag': 'low', 'verhoogd': 'elevated', 'hoog': 'high'}[res.continuity_risk] }**" if en else
                f"Marge {format_eur(res.provider_margin, 0)} ({format_pct(res.margin_pct)}) — risico continuïteit: "
                f"**{res.continuity_risk}**")
        return pn.Column(pn.pane.Alert(text, alert_type=kind), _table(funding_summary(res, self.language)))

    @param.depends("language")
    def _controls(self) -> pn.Column:
        return pn.Column(
            pn.widgets.FloatSlider.from_param(self.param.tariff_factor, label=t("tariff_factor", self.language)),
            pn.widgets.FloatSlider.from_param(self.param.provider_cost_per_hour, label=t("cost_per_hour", self.language)))

    def __panel__(self) -> pn.Row:
        return pn.Row(self._controls, self._output, sizing_mode="stretch_width")


# ---- lesson 4: case, effectenarena, effectencalculator -------------------------------------------------------
def case_card(case: Case, language: str = "nl", short: bool = False) -> pn.pane.Markdown:
    """The resident's own words first ('ik wil, ik kan, ik heb nodig'), then needs and current support.

    Everything in the reader's language (``zorglab.domain.case_text``), units included."""
    from zorglab.domain import case_text as ct

    lines = [f"### {case.case_id} — {case.title(language)}",
             f"*{ct.household(case, language)}* ({case.municipality})",
             f"- **{t('ik_wil', language)}:** {ct.ik_wil(case, language)}",
             f"- **{t('ik_kan', language)}:** {ct.ik_kan(case, language)}",
             f"- **{t('ik_heb_nodig', language)}:** {ct.ik_heb_nodig(case, language)}"]
    if not short:
        lines += [f"- **{t('needs', language)}:** {ct.needs_text(case, language)}",
                  f"- **{t('current_support', language)}:** {ct.support_text(case, language)}",
                  "", ct.context(case, language)]
    return pn.pane.Markdown("\n".join(lines), sizing_mode="stretch_width")


def payer_display(per_payer: pd.DataFrame, language: str = "nl") -> pd.DataFrame:
    en = int(language == "en")
    return pd.DataFrame({
        t("payer", language): [payer_label(p, language) for p in per_payer["payer"]],
        t("old_way", language): per_payer["reference"].map(lambda v: format_eur(v, 0)),
        t("new_way", language): per_payer["intervention"].map(lambda v: format_eur(v, 0)),
        t("saving", language): per_payer["saving"].map(lambda v: format_eur(v, 0)),
        t("role", language): [ex.ROLE_LABELS[r][en] for r in per_payer["role"]],
    })


def saving_plot(per_payer: pd.DataFrame, language: str = "nl"):
    """Bars per payer: green = saves (incasseerder), red = pays more (investeerder)."""
    import holoviews as hv
    import hvplot.pandas  # noqa: F401  (registers .hvplot)

    df = pd.DataFrame({"payer": [payer_label(p, language) for p in per_payer["payer"]],
                       "saving": per_payer["saving"].to_numpy(float)})
    df["colour"] = np.where(df["saving"] >= 0, "#1a7f37", "#b42318")
    title = "Saving per payer (old − new way)" if language == "en" else "Besparing per betaler (oud − nieuw)"
    plot = df.hvplot.barh(x="payer", y="saving", color="colour", title=title, height=260, responsive=True,
                          xlabel="", ylabel="€", xformatter="%.0f")
    return plot * hv.VLine(0).opts(color="black", line_width=1)


class EffectCalculatorView(pn.viewable.Viewer):
    """Lesson 4: old way vs new way per payer for one case, the wrong-pocket sentence and the effectenarena."""

    language = _lang_param()
    case_id = param.Selector(default="OSS-03", objects=[], doc="Case from the case library.")
    calculator = param.ClassSelector(class_=EffectCalculator, doc="Horizon, discount rate and price index.")

    def __init__(self, case_ids: Sequence[str] = ("OSS-01", "OSS-03", "OSS-06", "OSS-10"), **params: Any):
        self.param.case_id.objects = list(case_ids)
        params.setdefault("case_id", case_ids[0])
        params.setdefault("calculator", EffectCalculator())
        super().__init__(**params)

    @property
    def case(self) -> Case:
        return get_case(self.case_id)

    def per_payer(self) -> pd.DataFrame:
        return self.calculator.per_payer([self.case])

    @param.depends("language")
    def _controls(self) -> pn.Column:
        return pn.Column(
            pn.widgets.Select.from_param(self.param.case_id, label=t("case", self.language)),
            pn.widgets.IntSlider.from_param(self.calculator.param.horizon_years, label=t("horizon", self.language)),
            pn.widgets.FloatSlider.from_param(self.calculator.param.discount_rate, label=t("discount", self.language)),
            width=320)

    @param.depends("case_id", "language", "calculator.param")
    def _output(self) -> pn.Column:
        from zorglab.domain.casuistry import arena_key

        pp = self.per_payer()
        arena = arena_key(self.case, self.calculator, self.language)
        return pn.Column(
            case_card(self.case, self.language),
            pn.pane.HoloViews(saving_plot(pp, self.language), sizing_mode="stretch_width"),
            _table(payer_display(pp, self.language)),
            pn.pane.Alert(wrong_pocket_summary(pp, self.language), alert_type="secondary"),
            pn.pane.Markdown("**Effectenarena** — " + ("all effects, also those not in euros" if self.language == "en"
                                                       else "alle effecten, ook die niet in euro's")), _table(arena),
            sizing_mode="stretch_width")

    def __panel__(self) -> pn.Row:
        return pn.Row(self._controls, self._output, sizing_mode="stretch_width")


def region_profile(region: str, year: int, language: str = "nl") -> pd.DataFrame:
    """Municipalities of a region in a year: population, the real CBS 2022 youth-care share, and the clients the
    synthetic caseload stands for (inhabitants x CBS rates; the national rate where CBS has no figure)."""
    from zorglab.domain.cbs import national_youth_care_share, youth_care_share
    from zorglab.domain.regions import get_region
    from zorglab.domain.sizing import caseload_size

    en = language == "en"
    reg = get_region(region, year)
    clients = caseload_size(reg).groupby("municipality")["clients"].sum()
    rows = [(m.name, format_number(m.population), format_pct(youth_care_share(m.name) / 100), format_number(clients[m.name]))
            for m in reg.municipalities]
    rows.append(("Nederland" if not en else "Netherlands", "", format_pct(national_youth_care_share() / 100), ""))
    return pd.DataFrame(rows, columns=["Municipality" if en else "Gemeente", "Population" if en else "Inwoners",
                                       "Youth with youth care (CBS 2022)" if en else "Jongeren met jeugdzorg (CBS 2022)",
                                       "Clients Wmo + Youth Act (estimate)" if en else "Cliënten Wmo + Jeugdwet (schatting)"])


def catalogue_display(language: str = "nl") -> pd.DataFrame:
    """Old products next to the broader harmonised product they map to (productindikking)."""
    cat = products()
    en = language == "en"
    return pd.DataFrame({
        "Old product" if en else "Oud product": [product_name(c, language) for c in cat["code"]],
        "Tariff" if en else "Tarief": [f"{format_eur(v)} / {unit_label(u, 1, language)}"
                                       for v, u in zip(cat["tariff_eur"], cat["unit"], strict=True)],
        "Harmonised product" if en else "Geharmoniseerd product": [product_name(c, language) for c in cat["harmonised_code"]],
    })


def events_display(case: Case, calculator: EffectCalculator | None = None, language: str = "nl") -> pd.DataFrame:
    """Both scenarios of a case (old way, new way after the MDO) as priced activities per year and payer."""
    from zorglab.domain.catalogue import price_list

    calc = calculator or EffectCalculator()
    df = calc.priced([case])
    en = language == "en"
    names = price_list().set_index("activity")["name_en" if en else "name_nl"]
    scen = {"reference": t("old_way", language), "intervention": t("new_way", language)}
    return pd.DataFrame({
        "Scenario": df["scenario"].map(scen).to_numpy(),
        "Year" if en else "Jaar": df["year"].to_numpy(),
        "Activity" if en else "Activiteit": df["activity"].map(names).to_numpy(),
        "Quantity" if en else "Aantal": [quantity_text(q, u, language) for q, u in zip(df["quantity"], df["unit"], strict=True)],
        t("payer", language): [payer_label(p, language) for p in df["payer"]],
        "Cost" if en else "Kosten": df["cost_eur"].map(lambda v: format_eur(v, 0)).to_numpy(),
    })


# ---- a live session's answers back into a lesson ---------------------------------------------------------------
RATING_COLUMNS = ["team", "case_id", "product", "harmonised_product"]


def room_ratings(export: str | Path | bytes) -> pd.DataFrame:
    """Product choices from an intervision session export (JSON), shaped like the lesson's ratings.

    Why: after a live session the trainer exports the room's answers; lesson 3 then computes the room's
    own agreement with the same tables as for the simulated area teams. Uses the answers of old-catalogue
    assessment rounds when there are any (so old vs harmonised can be compared), else all assessment rounds.
    """
    from zorglab.services.intervision.export import read_session_json
    from zorglab.services.intervision.stats import indicatie_ratings

    data = export if isinstance(export, bytes) else Path(export).expanduser().read_bytes()
    answers = read_session_json(data)
    if answers.empty or "kind" not in answers:
        return pd.DataFrame(columns=RATING_COLUMNS)
    ratings = indicatie_ratings(answers[answers["kind"] == "indicatie"])
    if (ratings["catalogue"] == "old").any():
        ratings = ratings[ratings["catalogue"] == "old"]
    return pd.DataFrame({"team": [f"Deelnemer {p}" for p in ratings["participant"]],
                         "case_id": ratings["case_id"].to_numpy(), "product": ratings["product"].to_numpy(),
                         "harmonised_product": ratings["harmonised_product"].to_numpy()})


def room_agreement(export: str | Path | bytes | None, language: str = "nl") -> pn.Column:
    """The room's agreement per case and Fleiss' kappa, or a note on how to get an export."""
    en = language == "en"
    if not export:
        return pn.Column(pn.pane.Alert(
            "No session export given. After a live intervision session: download the JSON export in the trainer "
            "view and run this lesson with `session_export` set to its path." if en else
            "Geen sessie-export opgegeven. Na een live intervisiesessie: download de JSON-export in het trainersscherm "
            "en voer deze les uit met `session_export` = het pad naar dat bestand.", alert_type="light"))
    try:
        ratings = room_ratings(export)
    except (OSError, ValueError) as err:  # wrong path or not an intervision export: say so, do not crash the lesson
        return pn.Column(pn.pane.Alert(
            f"Could not read the session export {str(export)[:120]!r}: {err}. Check the path (a .json file from the "
            "trainer view)." if en else f"De sessie-export {str(export)[:120]!r} kon niet worden gelezen: {err}. "
            "Controleer het pad (een .json-bestand uit het trainersscherm).", alert_type="danger"))
    counts = ratings.groupby("case_id")["team"].nunique() if len(ratings) else pd.Series(dtype=int)
    ratings = ratings[ratings["case_id"].isin(counts[counts >= 2].index)]
    if ratings.empty:
        return pn.Column(pn.pane.Alert("The export has no case with at least two assessments yet." if en else
                                       "De export bevat nog geen casus met minstens twee beoordelingen.",
                                       alert_type="warning"))
    old = agreement_summary(ratings, category_col="product")
    new = agreement_summary(ratings, category_col="harmonised_product")
    line = (f"{'Room' if en else 'Zaal'}: {ratings['team'].nunique()} {'participants' if en else 'deelnemers'}, "
            f"Fleiss' kappa {format_number(old['fleiss_kappa'], 2)} → {format_number(new['fleiss_kappa'], 2)} "
            f"({'harmonised' if en else 'geharmoniseerd'}).")
    return pn.Column(_table(agreement_display(ratings, language)), pn.pane.Markdown(line), sizing_mode="stretch_width")


class EmbeddedExplorer(pn.viewable.Viewer):
    """The full scenario explorer inside a lesson: it follows the lesson's language switch and never makes the
    lesson wider than the notebook (or the served page); on a narrow screen it scrolls inside its own box."""

    language = _lang_param()

    def __init__(self, explorer: Any, **params: Any):
        self.explorer = explorer
        super().__init__(**params)
        self._box = pn.Column(explorer, sizing_mode="stretch_width", min_width=0,
                              styles={"overflow-x": "auto", "max-width": "100%"})
        self._sync()

    @param.depends("language", watch=True)
    def _sync(self) -> None:
        self.explorer.state.language = self.language

    def __panel__(self) -> pn.Column:
        return self._box


def scenario_explorer(region: str = "Rivierenland", n_clients: int = 2000, seed: int = 1,
                      language: str = "nl") -> EmbeddedExplorer:
    """The full scenario explorer (zorglab.ui) for a lesson's region, embedded to fit the lesson."""
    from zorglab.domain.scenario import ExplorerState
    from zorglab.ui.scenario_explorer import ScenarioExplorer

    state = ExplorerState(scenario=Scenario(region=region, n_clients=n_clients, seed=seed), language=language)
    return EmbeddedExplorer(ScenarioExplorer(state=state), language=language)
