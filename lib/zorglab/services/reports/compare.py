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
from zorglab.services.reports.sections import CSS, RegionalReport

# key figure -> (Dutch label, English label, format kind)
INDICATORS: dict[str, tuple[str, str, str]] = {
    "population": ("Inwoners", "Inhabitants", "int"),
    "youth_care_pct_region": ("Jongeren met jeugdhulp (%, Bron: CBS)", "Young people with youth care (%, CBS)", "pct"),
    "spend_baseline_eur": ("Uitgaven P x Q", "Spend P x Q", "eur"),
    "spend_model_eur": ("Uitgaven gekozen model", "Spend chosen model", "eur"),
    "spend_per_client_model_eur": ("Uitgaven per cliënt", "Spend per client", "eur"),
    "spend_difference_eur": ("Verschil met P x Q", "Difference with P x Q", "eur"),
    "margin_pct_model": ("Marge aanbieders", "Provider margin", "share"),
    "continuity_risk_model": ("Risico continuïteit", "Continuity risk", "text"),
    "clients_waiting_model": ("Cliënten op wachtlijst", "Clients waiting", "int"),
    "kappa_old": ("Kappa oude catalogus", "Kappa old catalogue", "num3"),
    "kappa_harmonised": ("Kappa geharmoniseerd", "Kappa harmonised", "num3"),
    "effect_net_saving_eur": ("Besparing nieuwe aanpak (casussen)", "Saving new way (cases)", "eur"),
    "wrong_pocket_cases": ("Casussen met wrong pocket", "Cases with wrong pocket", "int"),
    "wellbeing_after_model": ("Welbevinden na (1-10)", "Wellbeing after (1-10)", "num2"),
}
_FMT = {"int": lambda v: format_number(v, 0), "eur": lambda v: format_eur(v, 0), "share": format_pct,
        "pct": lambda v: format_number(v, 1) + "%", "num2": lambda v: format_number(v, 2),
        "num3": lambda v: format_number(v, 3), "text": str}


def load_summary(reports_dir: str | Path) -> pd.DataFrame:
    """The successful rows of ``<reports_dir>/summary.csv`` written by ``python -m zorglab.services.reports``."""
    path = Path(reports_dir) / "summary.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python -m zorglab.services.reports --all --out {reports_dir}` first, "
                                "or leave reports_dir empty to compute a small comparison here")
    from zorglab.services.reports.runner import read_summary

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
    en = int(language == "en")
    keys = [k for k in INDICATORS if k in summary.columns]
    data: dict[str, list] = {"indicator": [INDICATORS[k][en] for k in keys]}
    for _, r in summary.iterrows():
        values = []
        for k in keys:
            v = r[k]
            missing = v is None or (isinstance(v, float) and math.isnan(v))
            values.append(("–" if missing else _FMT[INDICATORS[k][2]](v)) if formatted else v)
        data[_label(r)] = values
    return pd.DataFrame(data, index=pd.Index(keys, name="key"))


def header_html(language: str = "nl") -> str:
    en = int(language == "en")
    return (f"{bokehjs.notebook_resources()}<style>{CSS}</style>"
            f"<p class='zl-notice'>{html.escape(t('common.synthetic_notice', 'en' if en else 'nl'))}</p>")


def table_html(summary: pd.DataFrame, language: str = "nl") -> str:
    table = side_by_side(summary, language).rename(columns={"indicator": "Indicator"})  # same word in nl and en
    return table.to_html(index=False, classes="zl-table", border=0)


def plot_html(summary: pd.DataFrame, metric: str, language: str = "nl") -> str:
    """A bar per report for one numeric key figure."""
    en = int(language == "en")
    label, kind = INDICATORS[metric][en], INDICATORS[metric][2]
    frame = pd.DataFrame({"report": [_label(r) for _, r in summary.iterrows()],
                          "value": summary[metric].astype(float) * (100 if kind == "share" else 1)})
    return plots.to_html(plots.bar(frame, "report", "value", label, ylabel="%" if kind == "share" else label,
                                  yformatter="%.0f" if kind == "eur" else None))


def observations(summary: pd.DataFrame, language: str = "nl") -> list[str]:
    """Sentences read off the summary (highest/lowest per indicator), never typed in by hand."""
    en = language == "en"
    if summary.empty:
        return ["No reports to compare yet." if en else "Nog geen rapporten om te vergelijken."]
    labels = [_label(r) for _, r in summary.iterrows()]
    out = []
    for key in ("spend_per_client_model_eur", "margin_pct_model", "kappa_old", "youth_care_pct_region"):
        values = summary[key].astype(float)
        if values.notna().sum() < 2:
            continue
        hi, lo = int(values.idxmax()), int(values.idxmin())
        label, kind = INDICATORS[key][int(en)], INDICATORS[key][2]
        f = _FMT[kind]
        out.append(f"{label}: highest {labels[hi]} ({f(values[hi])}), lowest {labels[lo]} ({f(values[lo])})." if en
                   else f"{label}: hoogst bij {labels[hi]} ({f(values[hi])}), laagst bij {labels[lo]} ({f(values[lo])}).")
    return out
