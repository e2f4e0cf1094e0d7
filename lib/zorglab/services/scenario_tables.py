"""The scenario's tables with words: labelled result tables, the parameters table, exports and the comparison.

The model (``zorglab.domain.scenario``) returns tables with codes; this module adds a ``label`` column from
the catalogue (namespace ``scenario``), so the explorer, lessons and reports show the same words.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

import pandas as pd
import param

from zorglab.core.formatting import format_number
from zorglab.core.i18n import has, t
from zorglab.core.spreadsheet import formula_safe
from zorglab.domain.funding import BASELINE
from zorglab.domain.regions import regions
from zorglab.domain.scenario import EXOGENOUS, Scenario
from zorglab.domain.scenario_query import QueryNotice
from zorglab.domain.scenario_result import ScenarioResult


def param_label(name: str, language: str = "nl") -> str:
    """Label of a scenario parameter (or of the explorer's own link values: language, case_id, large_numbers)."""
    return t(f"scenario.param_{name}", language)


def param_meaning(name: str, language: str = "nl") -> str:
    return t(f"scenario.meaning_{name}", language)


def param_source(name: str, language: str = "nl") -> str:
    key = f"scenario.source_{name}"
    return t(key if has(key) else "scenario.source_default", language)


def model_label(key: str, language: str = "nl") -> str:
    return t(f"scenario.model_{key}", language)


def indicator_label(key: str, language: str = "nl") -> str:
    return t(f"scenario.indicator_{key}", language)


def spend_label(line: str, language: str = "nl") -> str:
    return t(f"scenario.spend_{line}", language)


def incentive_label(key: str, language: str = "nl") -> str:
    return t(f"scenario.incentive_{key}", language)


def budget_basis_label(basis: str, language: str = "nl") -> str:
    return t(f"scenario.budget_basis_{basis}", language)


def notice_message(notice: QueryNotice, language: str = "nl") -> str:
    """A repaired link value in words: what was given, what is used, what is allowed."""
    used: Any = notice.used
    allowed = notice.allowed
    if language != "en":
        if isinstance(used, float):
            used = format_number(used, 2)
        if notice.numeric_range:
            allowed = allowed.replace(".", ",")
    if notice.parameter == "region":
        allowed += t("scenario.allowed_region_extra", language)
    return t("scenario.notice", language, label=param_label(notice.parameter, language),
             given=repr(str(notice.given)[:40]), used=used, allowed=allowed)


def _with_label(table: pd.DataFrame, code: str, label: Any, language: str) -> pd.DataFrame:
    out = table.copy()
    out.insert(1, "label", out[code].map(lambda k: label(k, language)))
    return out


def summary_table(res: ScenarioResult, language: str = "nl") -> pd.DataFrame:
    """Indicators with their labels: indicator, label, baseline, scenario, difference, unit."""
    return _with_label(res.summary_table(), "indicator", indicator_label, language)


def spend_table(res: ScenarioResult, language: str = "nl") -> pd.DataFrame:
    """Spend lines with their labels: line, label, baseline_eur, scenario_eur, difference_eur."""
    return _with_label(res.spend_table(), "line", spend_label, language)


def incentive_table(res: ScenarioResult, language: str = "nl") -> pd.DataFrame:
    """Incentives with their labels: incentive, label, baseline_eur, scenario_eur."""
    return _with_label(res.incentive_table(), "incentive", incentive_label, language)


def _allowed(name: str, p: param.Parameter, language: str) -> str:
    if name == "region":
        return ", ".join(regions()) + t("scenario.allowed_region_extra", language)
    if isinstance(p, param.Selector):
        return ", ".join(map(str, p.objects))
    if isinstance(p, param.Boolean):
        return t("scenario.yes_no", language)
    if name in ("year", "seed"):  # identifiers, not amounts: no thousands separator
        return f"{p.bounds[0]} – {p.bounds[1]}"
    lo, hi = p.bounds
    return (f"{format_number(lo, 2 if isinstance(lo, float) else 0)} – "
            f"{format_number(hi, 2 if isinstance(hi, float) else 0)}")


def parameters_table(scenario: Scenario, language: str = "nl") -> pd.DataFrame:
    """Every parameter with its value, allowed range, meaning and source (the assumptions pane)."""
    rows = []
    for name in scenario.query_names():
        p = scenario.param[name]
        rows.append({
            "parameter": name,
            "label": param_label(name, language),
            "value": getattr(scenario, name),
            "default": p.default,
            "allowed": _allowed(name, p, language),
            "meaning": param_meaning(name, language),
            "source": param_source(name, language),
            "applies_to": t("scenario.applies_both" if name in EXOGENOUS else "scenario.applies_scenario", language),
        })
    return pd.DataFrame(rows)


def export_tables(scenario: Scenario, language: str = "nl") -> dict[str, pd.DataFrame]:
    r = scenario.evaluate()
    return {"summary": summary_table(r, language), "spend": spend_table(r, language),
            "incentive": incentive_table(r, language), "parameters": parameters_table(scenario, language)}


def to_csv(scenario: Scenario, language: str = "nl") -> str:
    """All tables in one CSV (a 'table' column says which), readable by Excel in Dutch locale too."""
    frames = [df.assign(table=name)[["table", *df.columns]] for name, df in export_tables(scenario, language).items()]
    return formula_safe(pd.concat(frames, ignore_index=True)).to_csv(index=False)


def to_excel(scenario: Scenario, language: str = "nl") -> bytes:
    """One sheet per table."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        for name, df in export_tables(scenario, language).items():
            formula_safe(df).to_excel(xl, sheet_name=name, index=False)
    return buf.getvalue()


def compare_scenarios(scenarios: Mapping[str, Scenario], language: str = "nl") -> pd.DataFrame:
    """Saved scenarios side by side: one row per indicator, the baseline of the first, one column each."""
    if not scenarios:
        return pd.DataFrame(columns=["indicator", "label"])
    columns: dict[str, dict[str, Any]] = {}
    first = next(iter(scenarios.values())).evaluate()
    base_label = t("scenario.baseline_column", language)
    columns[base_label] = {k: v["baseline"] for k, v in first.metrics().items()}
    for name, sc in scenarios.items():
        res = sc.evaluate()
        columns[name] = {k: v["scenario"] for k, v in res.metrics().items()}
        columns[name]["funding_model"] = model_label(sc.funding_model, language)
    columns[base_label]["funding_model"] = model_label(BASELINE, language)
    df = pd.DataFrame(columns)
    df.index.name = "indicator"
    df = df.reset_index()
    df.insert(1, "label", df["indicator"].map(
        lambda k: param_label(k, language) if k == "funding_model" else indicator_label(k, language)))
    return df
