"""Regions side by side for researchers: reads the runner's ``summary.csv`` (or computes it here).

Why a tidy summary: every report's key figures are recorded by the notebook (scrapbook) and collected
by the runner in one row per report, so comparing regions never re-runs a notebook.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from zorglab.core.formatting import format_eur, format_number, format_pct
from zorglab.core.i18n import t
from zorglab.domain.regions import regions
from zorglab.services.reports import bokehjs, plots
from zorglab.services.reports.params import check_params
from zorglab.services.reports.report import RegionalReport
from zorglab.services.reports.tables import CSS
from zorglab.services.reports.words import risk_word, tr

# key figure -> format kind, in display order (labels: catalogue ``reports.indicator_<key>``)
INDICATORS: dict[str, str] = {
    "population": "int", "youth_care_pct_region": "pct", "spend_baseline_eur": "eur", "spend_model_eur": "eur",
    "spend_per_client_model_eur": "eur", "spend_difference_eur": "eur", "margin_pct_model": "share",
    "continuity_risk_model": "risk", "clients_waiting_model": "int", "kappa_old": "num3", "kappa_harmonised": "num3",
    "effect_net_saving_eur": "eur", "wrong_pocket_cases": "int", "wellbeing_after_model": "num2",
}
_FMT = {"int": lambda v, lang: format_number(v, 0), "eur": lambda v, lang: format_eur(v, 0),
        "share": lambda v, lang: format_pct(v), "pct": lambda v, lang: format_number(v, 1) + "%",
        "num2": lambda v, lang: format_number(v, 2), "num3": lambda v, lang: format_number(v, 3),
        "risk": risk_word}


def indicator_label(key: str, language: str = "nl") -> str:
    return tr(f"indicator_{key}", language)


def _show(key: str, value: object, language: str) -> str:
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    return "–" if missing else _FMT[INDICATORS[key]](value, language)


def load_summary(reports_dir: str | Path) -> pd.DataFrame:
    """The successful rows of ``<reports_dir>/summary.csv`` written by ``python -m zorglab.services.reports``."""
    path = Path(reports_dir) / "summary.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python -m zorglab.services.reports --all --out {reports_dir}` first, "
                                "or leave reports_dir empty to compute a small comparison here")
    from zorglab.services.reports.index_page import read_summary

    df = read_summary(path)
    return df[df["status"] == "ok"].reset_index(drop=True)


def compute_summary(region_names: Sequence[str] | None = None, **params) -> pd.DataFrame:
    """Key figures computed in this process (no papermill): for exploring without a runner output."""
    rows = [RegionalReport(check_params(region=r, **params)).key_figures for r in (region_names or regions())]
    return pd.DataFrame(rows)


def _label(row: pd.Series) -> str:
    name = f"{row['municipality']} ({row['region']})" if row.get("municipality") else row["region"]
    return f"{name} · {row['funding_model']} · {row['scenario']}"


def side_by_side(summary: pd.DataFrame, language: str = "nl", formatted: bool = True) -> pd.DataFrame:
    """One row per indicator (index: the key-figure id, e.g. ``spend_per_client_model_eur``), an ``indicator``
    column with its label in ``language``, then one column per report; Dutch-formatted text unless
    ``formatted=False``. The header readers see for ``indicator`` is set in ``table_html``."""
    keys = [k for k in INDICATORS if k in summary.columns]
    data: dict[str, list] = {"indicator": [indicator_label(k, language) for k in keys]}
    for _, r in summary.iterrows():
        data[_label(r)] = [_show(k, r[k], language) if formatted else r[k] for k in keys]
    return pd.DataFrame(data, index=pd.Index(keys, name="key"))


def header_html(language: str = "nl") -> str:
    return (f"{bokehjs.notebook_resources()}<style>{CSS}</style>"
            f"<p class='zl-notice'>{html.escape(t('common.synthetic_notice', language))}</p>")


def table_html(summary: pd.DataFrame, language: str = "nl") -> str:
    table = side_by_side(summary, language).rename(columns={"indicator": tr("indicator", language)})
    return table.to_html(index=False, classes="zl-table", border=0)


def plot_html(summary: pd.DataFrame, metric: str, language: str = "nl") -> str:
    """A bar per report for one numeric key figure."""
    label, kind = indicator_label(metric, language), INDICATORS[metric]
    frame = pd.DataFrame({"report": [_label(r) for _, r in summary.iterrows()],
                          "value": summary[metric].astype(float) * (100 if kind == "share" else 1)})
    return plots.to_html(plots.bar(frame, "report", "value", label, ylabel="%" if kind == "share" else label,
                                  yformatter="%.0f" if kind == "eur" else None))


def observations(summary: pd.DataFrame, language: str = "nl") -> list[str]:
    """Sentences read off the summary (highest/lowest per indicator), never typed in by hand."""
    if summary.empty:
        return [tr("compare_nothing", language)]
    labels = [_label(r) for _, r in summary.iterrows()]
    out = []
    for key in ("spend_per_client_model_eur", "margin_pct_model", "kappa_old", "youth_care_pct_region"):
        values = summary[key].astype(float) if key in summary else pd.Series(dtype=float)
        if values.notna().sum() < 2:
            continue
        hi, lo = int(values.idxmax()), int(values.idxmin())
        out.append(tr("compare_extremes", language, label=indicator_label(key, language),
                      high=labels[hi], high_value=_show(key, values[hi], language),
                      low=labels[lo], low_value=_show(key, values[lo], language)))
    return out
